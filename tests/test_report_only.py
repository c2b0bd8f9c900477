"""Report-only categories: counted and shown in every output, and said to be outside the ratio."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from focuscount.cli import cli
from focuscount.errors import LexiconError
from focuscount.lexicon import parse_lexicon

LEXICON = """\
name = "three"

[ratio]
focus = "customer"
versus = "institution"

[categories.customer]
label = "Customer-oriented"
terms = ["patron", "customer", "family"]

[categories.community]
label = "Community"
terms = ["community", "neighbourhood"]

[categories.institution]
label = "Institution-oriented"
terms = ["library", "budget", "staff"]

[categories.partners]
label = "Partners"
report_only = true
terms = ["partner", "school district"]
"""

MINUTES = """\
ALDERBROOK PUBLIC LIBRARY - BOARD OF TRUSTEES
Present: five trustees; Staff: the director.

1. Director's report. Patrons asked for Sunday hours; the budget allows it from May.
The community garden at the branch needs a partner; the school district offered help.
Staff will meet the neighbourhood association. Families and customers joined the library in April.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"  # the outputs go beside it, not into it
    corpus.mkdir()
    (corpus / "2024-04-09-board.txt").write_text(MINUTES, encoding="utf-8")
    (corpus / "three.toml").write_text(LEXICON, encoding="utf-8")
    return corpus


def run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_categories_not_in_the_ratio_are_report_only() -> None:
    lexicon = parse_lexicon(LEXICON)
    assert lexicon.report_only == ("community", "partners")
    assert [c.report_only for c in lexicon.categories] == [False, True, False, True]
    assert lexicon.in_ratio("customer") and lexicon.in_ratio("institution")
    assert not lexicon.in_ratio("community")


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        (
            'report_only = true\nterms = ["patron"]',
            "category 'customer' is the ratio's focus and cannot be report_only: name another category in "
            "[ratio], or remove report_only",
            8,
        ),
        (
            'report_only = "yes"\nterms = ["patron"]',
            "report_only of category 'customer' must be true or false, not 'yes'",
            8,
        ),
    ],
)
def test_report_only_on_a_pole_is_an_error(body: str, message: str, line: int) -> None:
    text = LEXICON.replace('label = "Customer-oriented"\nterms = ["patron", "customer", "family"]', body)
    with pytest.raises(LexiconError) as caught:
        parse_lexicon(text, path=Path("three.toml"))
    assert caught.value.message == message
    assert caught.value.line == line


def test_report_only_false_outside_the_ratio_is_an_error() -> None:
    text = LEXICON.replace("report_only = true", "report_only = false")
    with pytest.raises(LexiconError) as caught:
        parse_lexicon(text, path=Path("three.toml"))
    assert caught.value.message == (
        "category 'partners' has report_only = false but is not in [ratio]: only the focus and versus categories "
        "(customer, institution) make the ratio; the others are always reported apart"
    )
    assert caught.value.line == 21


def test_the_hash_does_not_change_with_an_explicit_report_only() -> None:
    implicit = LEXICON.replace("report_only = true\n", "")
    assert parse_lexicon(implicit).sha256 == parse_lexicon(LEXICON).sha256


def test_table_puts_report_only_columns_after_the_ratio_and_says_so(folder: Path) -> None:
    out = run("analyze", folder / "2024-04-09-board.txt", "-l", folder / "three.toml")
    lines = out.splitlines()
    assert lines[0] == (
        "Documents (lexicon: three; ratio = customer / (customer + institution); community and partners "
        "reported apart, not in the ratio)"
    )
    header = lines[2].split()
    assert header[header.index("(95%") + 2 :] == ["community", "community/1k", "partners", "partners/1k"]
    row = lines[4].split()
    # customer 3 (patrons, families, customers), institution 3 (budget, staff, library: the letterhead's
    # ALDERBROOK PUBLIC LIBRARY is a name, the attendance line's "Staff:" a label), community 2, partners 2.
    assert row[4:6] == ["3", "3"]
    assert row[-4:] == ["2", "37.0", "2", "37.0"]
    assert lines[-1].startswith(
        "Overall ratio 0.50, 95% interval 0.19–0.81, thin evidence (customer 3 vs institution 3 in 54 words); "
        "not in the ratio: community 2, partners 2 · "
    )


def test_markdown_says_so_too(folder: Path) -> None:
    out = run("analyze", folder, "-l", folder / "three.toml", "-f", "markdown")
    assert out.startswith(
        "## Documents (lexicon: three; ratio = customer / (customer + institution); community and partners "
        "reported apart, not in the ratio)"
    )


def test_csv_names_report_only_columns(folder: Path) -> None:
    out = run("analyze", folder, "-l", folder / "three.toml", "-f", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][10:] == [
        "customer", "institution", "customer_per_1000", "institution_per_1000", "ratio", "ratio_low", "ratio_high",
        "thin", "community_report_only", "community_report_only_per_1000", "partners_report_only",
        "partners_report_only_per_1000",
    ]  # fmt: skip
    assert rows[1][10:] == ["3", "3", "55.556", "55.556", "0.5", "0.1876", "0.8124", "true", "2", "37.037", "2",
                            "37.037"]  # fmt: skip


def test_json_lists_report_only(folder: Path) -> None:
    data = json.loads(run("analyze", folder, "-l", folder / "three.toml", "-f", "json"))
    assert data["lexicon"]["ratio"] == {"focus": "customer", "versus": "institution"}
    assert data["lexicon"]["report_only"] == ["community", "partners"]
    assert data["summary"]["counts"] == {"customer": 3, "community": 2, "institution": 3, "partners": 2}


def test_explain_marks_report_only_hits(folder: Path) -> None:
    out = run("explain", folder, "-l", folder / "three.toml", "--category", "partners")
    assert "partners (not in the ratio)" in out
    records = json.loads(run("explain", folder, "-l", folder / "three.toml", "-f", "json"))
    assert records["report_only"] == ["community", "partners"]
    assert {(h["category"], h["in_ratio"]) for h in records["hits"]} == {
        ("customer", True), ("institution", True), ("community", False), ("partners", False),
    }  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(run("explain", folder, "-l", folder / "three.toml", "-f", "csv"))))
    assert {(row["category"], row["in_ratio"]) for row in rows} == {
        ("customer", "True"), ("institution", "True"), ("community", "False"), ("partners", "False"),
    }  # fmt: skip


def test_terms_marks_report_only_categories(folder: Path) -> None:
    out = run("terms", folder, "-l", folder / "three.toml")
    assert "Community (community, not in the ratio): 2 hits" in out
    assert "Customer-oriented (customer): 3 hits" in out
    data = json.loads(run("terms", folder, "-l", folder / "three.toml", "-f", "json"))
    assert {name: body["in_ratio"] for name, body in data["categories"].items()} == {
        "customer": True, "community": False, "institution": True, "partners": False,
    }  # fmt: skip


def test_report_and_chart_say_not_in_the_ratio(folder: Path, tmp_path: Path) -> None:
    run("report", folder, "-l", folder / "three.toml", "-o", tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<dt>Reported apart</dt><dd>community, partners: counted, not in the ratio</dd>" in html
    assert "community hits · 37.0 per 1,000 words · not in the ratio" in html
    assert "<h3>Reported apart, not in the ratio: community, partners</h3>" in html  # their own table
    assert "Community (not in the ratio)" in html  # the rates chart's legend and the terms chart
    run("chart", folder, "-l", folder / "three.toml", "--kind", "terms", "-o", tmp_path / "terms.svg")
    terms = (tmp_path / "terms.svg").read_text(encoding="utf-8")
    assert "Partners: 2 hits" in terms and "(not in the ratio)" in terms
