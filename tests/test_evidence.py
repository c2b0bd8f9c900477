"""explain: every hit in context, filtered, in every format, through the API and the CLI."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES, ISSUE_LEXICON, lexicon_from

from focuscount.cli import cli
from focuscount.errors import ConfigError, NoDocumentsError
from focuscount.evidence import iter_evidence
from focuscount.render.explain import keyword_in_context

TEXT = """\
Minutes of the meeting.

Chair: The library thanked our patrons and the volunteers for their help this spring.
The user interface of the catalogue was discussed.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "2024-04-09-board.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "lexicon.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    return tmp_path


def hits(folder: Path, **options: object) -> list[tuple[str, str, str, str]]:
    return [
        (str(item.hit.location), item.hit.category, item.hit.term, keyword_in_context(item))
        for item in iter_evidence([folder], lexicon_from(), **options)  # type: ignore[arg-type]
    ]


def test_every_hit_with_location_and_context(folder: Path) -> None:
    assert hits(folder, context_words=3) == [
        ("line 3", "institution", "library", "Chair: The [[library]] thanked our patrons"),
        ("line 3", "customer", "patron", "library thanked our [[patrons]] and the volunteers"),
        ("line 3", "customer", "volunteer*", "patrons and the [[volunteers]] for their help"),
    ]


def test_speaker_travels_with_the_hit(folder: Path) -> None:
    (first, *_) = list(iter_evidence([folder], lexicon_from()))
    assert first.hit.location.speaker == "Chair"
    assert first.hit.before == "Chair: The "  # the label is context, never a hit
    assert first.hit.after == " thanked our patrons and the volunteers for their"  # eight words


def test_filters_by_category_and_term(folder: Path) -> None:
    assert [h[2] for h in hits(folder, categories=["customer"])] == ["patron", "volunteer*"]
    assert [h[2] for h in hits(folder, terms=["VOLUNTEER*"])] == ["volunteer*"]


def test_ignored_matches_on_request(folder: Path) -> None:
    assert [h[1:3] for h in hits(folder, include_ignored=True)][-1] == ("ignore", "user interface")
    assert [h[2] for h in hits(folder, categories=["ignore"])] == ["user interface"]


def test_zero_context(folder: Path) -> None:
    assert hits(folder, context_words=0)[0][3] == "[[library]]"


def test_unknown_category_or_term_is_an_error(folder: Path) -> None:
    with pytest.raises(ConfigError, match="unknown category 'customers' in `categories`; lexicon 'library' has customer, ignore"):
        list(iter_evidence([folder], lexicon_from(), categories=["customers"]))
    with pytest.raises(ConfigError, match="'clients' in `terms` is not a term of lexicon 'library'"):
        list(iter_evidence([folder], lexicon_from(), terms=["clients"]))


def test_nothing_readable(tmp_path: Path) -> None:
    with pytest.raises(NoDocumentsError):
        list(iter_evidence([tmp_path], lexicon_from()))


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_table_marks_matches_when_not_a_terminal(folder: Path) -> None:
    code, out, _ = run("explain", folder, "-l", folder / "lexicon.toml", "--context", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Document", "Location", "Category", "Term", "In", "context"]
    assert lines[2].endswith("line 3, Chair  institution  library     Chair: The [[library]] thanked our")
    assert lines[-1] == "3 hits (customer 2, institution 1) in 1 document"


def test_cli_json(folder: Path) -> None:
    code, out, _ = run("explain", folder, "-l", folder / "lexicon.toml", "-f", "json", "-t", "patron")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "focuscount/explain/v1"
    assert data["context_words"] == 8
    assert data["hits"] == [
        {
            "path": str(folder / "2024-04-09-board.txt"),
            "format": "txt",
            "location": "line 3",
            "kind": "line",
            "number": 3,
            "line": 3,
            "part": None,
            "timestamp": None,
            "speaker": "Chair",
            "section": None,
            "notes": False,
            "ocr": False,
            "category": "customer",
            "in_ratio": True,
            "counted": True,
            "reason": None,
            "term": "patron",
            "matched": "patrons",
            "before": "Chair: The library thanked our ",
            "after": " and the volunteers for their help this spring.",
            "context": "Chair: The library thanked our patrons and the volunteers for their help this spring.",
            "segment": 1,
            "start": 31,
            "end": 38,
        }
    ]


def test_cli_csv_with_ignored(folder: Path) -> None:
    code, out, _ = run("explain", folder, "-l", folder / "lexicon.toml", "-f", "csv", "--ignored")
    assert code == 0
    records = list(csv.DictReader(io.StringIO(out)))
    assert [(r["category"], r["term"], r["location"]) for r in records] == [
        ("institution", "library", "line 3"),
        ("customer", "patron", "line 3"),
        ("customer", "volunteer*", "line 3"),
        ("ignore", "user interface", "line 4"),
    ]


def test_cli_no_hits(folder: Path) -> None:
    code, out, _ = run("explain", folder, "-l", folder / "lexicon.toml", "-c", "institution", "-t", "resource")
    assert (code, out) == (0, "No hits.\n")


def test_cli_unknown_category_exits_2(folder: Path) -> None:
    code, _, err = run("explain", folder, "-c", "patrons")
    assert code == 2
    # The library names its parameter (`categories`); the command line names its flag.
    assert err.splitlines()[-1].startswith("Error: unknown category 'patrons' in --category; lexicon 'library' has ")


def test_cli_negative_context_is_a_usage_error(folder: Path) -> None:
    assert run("explain", folder, "--context", "-1")[0] == 2


@pytest.mark.parametrize("suffix", ["txt", "md", "docx", "pdf", "pptx", "html", "odt", "odp", "rtf", "vtt", "srt"])
def test_explain_works_on_every_format(suffix: str) -> None:
    code, out, _ = run("explain", FIXTURES / f"same_text.{suffix}", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert [hit["matched"] for hit in data["hits"]] == [
        "Customers", "patrons", "Library users", "administration", "resources", "Children", "library",
    ]  # fmt: skip
