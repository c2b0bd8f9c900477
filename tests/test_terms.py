"""terms: the top terms per category and the words no term matched, with exact counts."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ISSUE_LEXICON, lexicon_from

from focuscount.cli import cli
from focuscount.errors import ConfigError
from focuscount.terms import term_report

TEXT = """\
The library and the library board met. Patrons, patrons and customers came.
Users asked about the new shelving. The shelving was approved; shelving costs rose.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "minutes.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "lexicon.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    return tmp_path


def test_top_terms_with_share_of_the_category(folder: Path) -> None:
    report = term_report([folder], lexicon_from())
    assert report.totals == {"customer": 4, "institution": 2}
    assert [(t.term, t.count, t.share) for t in report.top["customer"]] == [
        ("patron", 2, 0.5),
        ("customer", 1, 0.25),
        ("user", 1, 0.25),
    ]
    assert [(t.term, t.count, t.share) for t in report.top["institution"]] == [("library", 2, 1.0)]
    assert report.unmatched is None
    assert (report.documents, report.words) == (1, 25)


def test_top_limits_the_list(folder: Path) -> None:
    assert [t.term for t in term_report([folder], lexicon_from(), top=1).top["customer"]] == ["patron"]
    with pytest.raises(ConfigError, match="`top` must be 1 or more"):
        term_report([folder], lexicon_from(), top=0)


def test_unmatched_content_words_leave_out_stop_words_and_matches(folder: Path) -> None:
    report = term_report([folder], lexicon_from(), unmatched=True, top=4)
    assert report.unmatched is not None
    assert [(t.term, t.count) for t in report.unmatched] == [
        ("shelving", 3),
        ("approved", 1),
        ("asked", 1),
        ("board", 1),
    ]


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_table(folder: Path) -> None:
    code, out, _ = run("terms", folder, "-l", folder / "lexicon.toml", "--unmatched", "-n", "2")
    assert code == 0
    assert out == textwrap.dedent(
        """\
        Customer-oriented (customer): 4 hits

        Term        Hits    Share
        --------  ------  -------
        patron         2    50.0%
        customer       1    25.0%

        Institution-oriented (institution): 2 hits

        Term       Hits    Share
        -------  ------  -------
        library       2   100.0%

        Frequent words no term matched (stop words left out): candidates for the lexicon

        Word        Count
        --------  -------
        shelving        3
        approved        1

        1 document, 25 words, lexicon library
        """
    )


def test_cli_json_and_csv(folder: Path) -> None:
    _, out, _ = run("terms", folder, "-l", folder / "lexicon.toml", "-f", "json")
    data = json.loads(out)
    assert data["schema"] == "focuscount/terms/v1"
    assert data["categories"]["customer"] == {
        "label": "Customer-oriented",
        "in_ratio": True,
        "hits": 4,
        "terms": [
            {"term": "patron", "count": 2, "share": 0.5},
            {"term": "customer", "count": 1, "share": 0.25},
            {"term": "user", "count": 1, "share": 0.25},
        ],
    }
    assert data["unmatched"] is None
    _, out, _ = run("terms", folder, "-l", folder / "lexicon.toml", "-f", "csv", "--unmatched", "-n", "1")
    assert list(csv.reader(io.StringIO(out))) == [
        ["category", "in_ratio", "term", "count", "share"],
        ["customer", "true", "patron", "2", "0.5"],
        ["institution", "true", "library", "2", "1.0"],
        ["unmatched", "", "shelving", "3", ""],
    ]


def test_cli_no_documents_exits_2(tmp_path: Path) -> None:
    code, _, err = run("terms", tmp_path)
    assert code == 2
    assert "no documents found" in err


def test_unmatched_inflections_count_together_under_their_most_frequent_form(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("Branches, branches and one branch with shelves.\n", encoding="utf-8")
    report = term_report([tmp_path], lexicon_from(), unmatched=True)
    assert report.unmatched is not None
    assert [(t.term, t.count) for t in report.unmatched] == [("branches", 3), ("shelves", 1)]


NAMES_LEXICON = """
name = "names"
[ratio]
focus = "customer"
versus = "institution"
[categories.customer]
terms = ["family", "patron"]
[categories.institution]
terms = ["library", "staff"]
[ignore]
names = ["Library Carpentry"]
"""


@pytest.fixture
def named(tmp_path: Path) -> Path:
    (tmp_path / "2024-03-minutes.txt").write_text(
        "The board thanked Riverside Public Library staff.\n"
        "Friends of the Library Family Day drew 300 families.\n\n"
        "Library Carpentry lessons began in March.\n",
        encoding="utf-8",
    )
    (tmp_path / "2024-04-talk.txt").write_text(
        "We visited Riverside Public Library twice. Riverside Public Library staff and the\n"
        "Riverside Public Library board met patrons.\n",
        encoding="utf-8",
    )
    (tmp_path / "names.toml").write_text(textwrap.dedent(NAMES_LEXICON), encoding="utf-8")
    return tmp_path


def test_names_that_removed_hits_most_frequent_first(named: Path) -> None:
    report = term_report([named], lexicon_from(NAMES_LEXICON), names=True)
    assert report.totals == {"customer": 2, "institution": 2}  # families, patrons; staff twice
    assert report.names is not None
    assert [(n.name, n.count, n.hits, n.listed) for n in report.names] == [
        ("Riverside Public Library", 4, 4, False),
        ("Friends of the Library Family Day", 1, 2, False),  # two hits, one occurrence
        ("Library Carpentry", 1, 1, True),
    ]
    assert [n.name for n in term_report([named], lexicon_from(NAMES_LEXICON), names=True, top=1).names or ()] == [
        "Riverside Public Library"
    ]
    assert term_report([named], lexicon_from(NAMES_LEXICON)).names is None


def test_cli_names_table(named: Path) -> None:
    code, out, _ = run("terms", named, "-l", named / "names.toml", "--names")
    assert code == 0
    assert out.split("\n\n")[-3:] == [
        "Names whose words counted nowhere (the names rule, and the lexicon's [ignore] names)",
        textwrap.dedent(
            """\
            Name                                 Count    Hits removed  From
            ---------------------------------  -------  --------------  -------
            Riverside Public Library                 4               4  rule
            Friends of the Library Family Day        1               2  rule
            Library Carpentry                        1               1  lexicon"""
        ),
        "2 documents, 40 words, lexicon names\n",
    ]


def test_cli_names_json_and_csv(named: Path) -> None:
    _, out, _ = run("terms", named, "-l", named / "names.toml", "--names", "-f", "json", "-n", "2")
    assert json.loads(out)["names"] == [
        {"name": "Riverside Public Library", "count": 4, "hits_removed": 4, "listed": False},
        {"name": "Friends of the Library Family Day", "count": 1, "hits_removed": 2, "listed": False},
    ]
    _, out, _ = run("terms", named, "-l", named / "names.toml", "--names", "-f", "csv", "-n", "1")
    assert list(csv.reader(io.StringIO(out))) == [
        ["category", "in_ratio", "term", "count", "share", "hits_removed"],
        ["customer", "true", "family", "1", "0.5", ""],
        ["institution", "true", "staff", "2", "1.0", ""],
        ["name", "", "Riverside Public Library", "4", "", "4"],
    ]
    _, out, _ = run("terms", named, "-l", named / "names.toml", "--names", "-f", "csv")
    assert out.splitlines()[-1] == "name (lexicon),,Library Carpentry,1,,1"
    _, out, _ = run("terms", named, "-l", named / "names.toml", "-f", "json")
    assert json.loads(out)["names"] is None


def test_names_of_no_hits_are_an_empty_list(folder: Path) -> None:
    code, out, _ = run("terms", folder, "-l", folder / "lexicon.toml", "--names")
    assert code == 0
    assert "Names whose words counted nowhere (the names rule, and the lexicon's [ignore] names)\n\nNone." in out
