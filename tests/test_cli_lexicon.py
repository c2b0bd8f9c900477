"""``focuscount lexicon list/show/check/test/diff/import``: exact output and exit codes through the CLI."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_lexicon_tools import MINUTES_A, MINUTES_B

from focuscount.cli import cli
from focuscount.lexicon import load_lexicon, shipped_lexicons
from focuscount.lexicon_tools import render_show_table

TOOLS = Path(__file__).parent / "fixtures" / "lexicon-tools"
MESSY, CLEAN, REVISED, BOARD_DIC = (TOOLS / name for name in ("messy.toml", "clean.toml", "revised.toml", "board.dic"))


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def no_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test runs in an empty folder without FOCUSCOUNT_* variables, so no settings apply."""
    for name in list(os.environ):
        if name.startswith("FOCUSCOUNT_"):
            monkeypatch.delenv(name)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def test_every_lexicon_command_has_help() -> None:
    code, out, _ = run("lexicon", "--help")
    assert code == 0
    for command in ("list", "show", "check", "test", "diff", "import"):
        assert f"  {command} " in out
        sub_code, sub_out, _ = run("lexicon", command, "--help")
        assert sub_code == 0 and f" lexicon {command} " in sub_out.splitlines()[0]


# lexicon check
MESSY_OUTPUT = f"""\
{MESSY}:5: unknown key 'colour' (allowed: categories, description, ignore, language, name, names, ratio)
{MESSY}:10: unknown key 'scale' in [ratio] (allowed: focus, versus)
{MESSY}:14: term '(patron|member)s?' in [categories.patrons] uses '|', regular-expression syntax that never \
matches a word; terms are plain words: list each alternative as its own term, and use * for any letters or ? \
for one letter (e.g. 'volunteer*')
{MESSY}:14: term 'patron' is listed twice in category 'patrons'
{MESSY}:15: unknown key 'weight' in [categories.patrons] (allowed: description, label, report_only, terms)
{MESSY}:18: label of category 'institution' must be a non-empty string
{MESSY}:19: term 'cus\\u200btomer' in [categories.institution] holds the invisible character U+200B, which no \
word contains: delete it
{MESSY}:19: term 'Member' is in both category 'patrons' and category 'institution'
{MESSY}:20: term 'librar**' in category 'institution' matches the same words as 'librar*' in category \
'institution'; keep one of them
{MESSY}:20: term 'budgets' in category 'institution' matches only words that 'budget' matches too; keep one of them
{MESSY}:23: report_only of category 'community' must be true or false, not 'yes'
{MESSY}:27: term '*' in [ignore] has no letters or digits and would match anything
{MESSY}:28: name '=Friends of the Library' in [ignore] names starts with '=': names always match \
case-sensitively, so write it without '='
{MESSY}:28: name 'Alderbrook Public Library' is listed twice in [ignore] names
{MESSY}: 14 problems
"""


def test_check_lists_every_problem_and_exits_1() -> None:
    assert run("lexicon", "check", MESSY) == (1, MESSY_OUTPUT, "")


def test_check_of_a_clean_lexicon_exits_0() -> None:
    assert run("lexicon", "check", CLEAN) == (
        0,
        f"{CLEAN}: ok (categories patrons 5, institution 4, community 2; 11 terms)\n",
        "",
    )


def test_check_of_a_shipped_name_checks_its_file() -> None:
    code, out, _ = run("lexicon", "check", "business")
    assert code == 0
    assert out.startswith(f"{shipped_lexicons()['business']}: ok (categories customer ")


def test_analyze_with_a_messy_lexicon_points_to_check() -> None:
    code, _, err = run("analyze", "-l", MESSY, ".")
    assert code == 2
    assert err == (
        f"Error: {MESSY}:5: unknown key 'colour' (allowed: categories, description, ignore, language, name, names, "
        f"ratio) (and 11 more problems: run `focuscount lexicon check {MESSY}`)\n"
    )


def test_check_stops_at_a_toml_syntax_error(no_settings: Path) -> None:
    path = no_settings / "broken.toml"
    path.write_text('name = "x"\n[categories.patrons\nterms = ["patron"]\n', encoding="utf-8")
    assert run("lexicon", "check", "broken.toml") == (
        1,
        "broken.toml:2: invalid TOML: Expected ']' at the end of a table declaration\nbroken.toml: 1 problem\n",
        "",
    )


def test_check_exit_2_when_a_file_cannot_be_checked(no_settings: Path) -> None:
    assert run("lexicon", "check", "missing.toml") == (2, "", "Error: missing.toml: no such lexicon file\n")
    (no_settings / "latin.toml").write_bytes('name = "bibliothèque"\n'.encode("latin-1"))
    assert run("lexicon", "check", "latin.toml") == (2, "", "Error: latin.toml: lexicon is not UTF-8 text\n")
    os.mkfifo(no_settings / "pipe.toml")
    assert run("lexicon", "check", "pipe.toml") == (2, "", "Error: pipe.toml: a named pipe, not a file\n")


def test_check_of_several_files_goes_on_and_exits_with_the_worst(no_settings: Path) -> None:
    code, out, err = run("lexicon", "check", CLEAN, "missing.toml", MESSY)
    assert code == 2
    assert out == f"{CLEAN}: ok (categories patrons 5, institution 4, community 2; 11 terms)\n" + MESSY_OUTPUT
    assert err == "Error: missing.toml: no such lexicon file\n"
    code, out, _ = run("lexicon", "check", CLEAN, MESSY)
    assert code == 1


def test_check_escapes_file_names_and_messages(no_settings: Path) -> None:
    path = no_settings / "evil\x1b[31m.toml"
    path.write_text('colour = "x"\n', encoding="utf-8")
    code, out, _ = run("lexicon", "check", path.name)
    assert code == 1
    assert "\x1b" not in out
    assert out.splitlines()[0] == (
        "evil\\x1b[31m.toml:1: unknown key 'colour' (allowed: categories, description, ignore, language, name, names, "
        "ratio)"
    )


def test_check_of_an_imported_dictionary_lists_its_notes() -> None:
    code, out, _ = run("lexicon", "check", BOARD_DIC)
    assert code == 1
    lines = out.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"{BOARD_DIC}:14", f"{BOARD_DIC}:15", f"{BOARD_DIC}:16",
                                                          f"{BOARD_DIC}"]  # fmt: skip
    assert lines[-1] == f"{BOARD_DIC}: 3 problems"
    code, out, _ = run("lexicon", "check", BOARD_DIC, "--focus", "patrons", "--versus", "institution")
    assert code == 1 and out.splitlines()[-1] == f"{BOARD_DIC}: 3 problems"


def test_check_of_a_clean_dictionary(no_settings: Path) -> None:
    path = no_settings / "plain.dic"
    path.write_text("%\n1\tpatrons\n2\tinstitution\n%\npatron*\t1\nlibrary\t2\n", encoding="utf-8")
    assert run("lexicon", "check", "plain.dic") == (
        0, "plain.dic: ok (no import notes; give --focus and --versus to check the lexicon it makes)\n", "",
    )  # fmt: skip
    assert run("lexicon", "check", "plain.dic", "--focus", "patrons", "--versus", "institution") == (
        0, "plain.dic: ok (categories patrons 1, institution 1; 2 terms)\n", "",
    )  # fmt: skip


# lexicon list
def test_list_shows_the_shipped_lexicons_default_first() -> None:
    code, out, err = run("lexicon", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["Lexicon", "Language", "Description", "File"]
    assert lines[2].startswith("library (default) ")
    assert lines[2].endswith(str(shipped_lexicons()["library"]))
    assert len(lines) == 2 + len(shipped_lexicons())
    business = next(line for line in lines if line.startswith("business "))
    assert business.split()[1] == "en"
    assert "Customer-oriented versus company-oriented language in business meetings" in business
    assert "configured" not in out


def test_list_marks_the_configured_lexicon(no_settings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (no_settings / "focuscount.toml").write_text(f'lexicon = "{CLEAN}"\n', encoding="utf-8")
    code, out, _ = run("lexicon", "list")
    assert code == 0
    last = out.splitlines()[-1]
    assert last.startswith("alderbrook (configured) ")
    assert last.endswith(str(CLEAN))
    monkeypatch.setenv("FOCUSCOUNT_LEXICON", "health")
    code, out, _ = run("lexicon", "list")
    assert [line.split()[0:2] for line in out.splitlines() if "configured" in line] == [["health", "(configured)"]]
    assert len(out.splitlines()) == 2 + len(shipped_lexicons())


def test_list_json_and_a_configured_lexicon_that_does_not_load(no_settings: Path) -> None:
    (no_settings / "focuscount.toml").write_text(f'lexicon = "{MESSY}"\n', encoding="utf-8")
    code, out, err = run("lexicon", "list", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "focuscount/lexicon-list/v1"
    assert data["lexicons"][0] == {
        "name": "library", "language": "en", "description": load_lexicon("library").description,
        "path": str(shipped_lexicons()["library"]), "default": True, "configured": False, "problem": None,
    }  # fmt: skip
    assert data["lexicons"][-1]["configured"] is True
    assert data["lexicons"][-1]["problem"].startswith("unknown key 'colour'")
    assert err.startswith("focuscount: warning: the configured lexicon does not load: unknown key 'colour'")


# lexicon show
def test_show_table() -> None:
    code, out, err = run("lexicon", "show", CLEAN)
    assert (code, err) == (0, "")
    assert out == render_show_table(load_lexicon(CLEAN))  # its exact text: tests/test_lexicon_tools.py
    assert out.startswith("name:        alderbrook\n") and "report only - not in the ratio" in out


def test_show_json_of_the_shipped_default_has_its_structure() -> None:
    code, out, _ = run("lexicon", "show", "library", "-f", "json")
    assert code == 0
    data = json.loads(out)
    lexicon = load_lexicon("library")
    assert data["schema"] == "focuscount/lexicon-show/v1"
    assert (data["name"], data["hash"], data["ratio"]) == (
        "library", lexicon.sha256, {"focus": lexicon.focus, "versus": lexicon.versus},
    )  # fmt: skip
    assert [c["name"] for c in data["categories"]] == list(lexicon.category_names)
    assert [c["in_ratio"] for c in data["categories"]] == [lexicon.in_ratio(n) for n in lexicon.category_names]
    assert all(c["terms"] for c in data["categories"])


def test_show_an_imported_dictionary_with_its_notes(no_settings: Path) -> None:
    code, out, _ = run("lexicon", "show", BOARD_DIC, "--focus", "patrons", "--versus", "institution")
    assert code == 0
    assert "patrons: Patrons - 3 terms, focus\n  patron*, member, borrower\n" in out
    assert "community: Community - 2 terms, report only - not in the ratio\n" in out
    assert "\nimport notes:\n  line 14: " in out
    code, _, err = run("lexicon", "show", BOARD_DIC)
    assert code == 2
    assert err.startswith(f"Error: {BOARD_DIC}: a LIWC .dic names no ratio: give the two poles with --focus and")


def test_show_unknown_lexicon_exits_2() -> None:
    code, out, err = run("lexicon", "show", "nope")
    assert (code, out) == (2, "")
    assert err.startswith("Error: lexicon: unknown lexicon 'nope': give a path to a .toml file or one of: ")


def test_show_escapes_what_the_file_holds(no_settings: Path) -> None:
    (no_settings / "evil.toml").write_text(
        textwrap.dedent(
            """\
            name = "evil\\u001b]0;owned\\u0007"
            [ratio]
            focus = "patrons"
            versus = "institution"
            [categories.patrons]
            label = "\\u001b[2J"
            terms = ["patron"]
            [categories.institution]
            terms = ["library"]
            """
        ),
        encoding="utf-8",
    )
    code, out, _ = run("lexicon", "show", "evil.toml")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "name:        evil\\x1b]0;owned\\x07\n" in out
    assert "patrons: \\x1b[2J - 1 term, focus\n" in out
    code, out, _ = run("lexicon", "show", "evil.toml", "-f", "json")
    assert "\x1b" not in out and json.loads(out)["name"] == "evil\x1b]0;owned\x07"


# lexicon test
TEST_OUTPUT = """\
Sentence 1: Chair: Our patrons asked the Friends of the Library about the member library budget.

Token    Lemma    Category     Term            Result
-------  -------  -----------  --------------  ----------------------------
Chair    chair                                 speaker label
:        :                                     speaker label
Our      our                                   no term
patrons  patron   patrons      patron          counted
asked    ask                                   no term
the      the                                   no term
Friends  friend                                no term
of       of                                    no term
the      the                                   no term
Library  library  institution  library         name: Friends of the Library
about    about                                 no term
the      the                                   no term
member   member   ignore       member library  ignore term
library  library  ignore       member library  ignore term
budget   budget   institution  budget          counted
.        .                                     not a word

counts: patrons 1, institution 1, community 0; counted nowhere: ignore term 1, name 1

Sentence 2: Present: three library staff, the community

Token      Lemma      Category                      Term       Result
---------  ---------  ----------------------------  ---------  ----------
Present    present                                             no term
:          :                                                   not a word
three      three                                               no term
library    library    institution                   library    label
staff      staff      institution                   staff      label
,          ,                                                   not a word
the        the                                                 no term
community  community  community (not in the ratio)  community  label

counts: patrons 0, institution 0, community 0; counted nowhere: label 3
"""


def test_test_traces_each_token() -> None:
    sentences = (
        "Chair: Our patrons asked the Friends of the Library about the member library budget.",
        "Present: three library staff, the community",
    )
    assert run("lexicon", "test", CLEAN, *sentences) == (0, TEST_OUTPUT, "")


def test_test_json() -> None:
    code, out, _ = run("lexicon", "test", CLEAN, "Library users thanked the Alderbrook Public Library.", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "focuscount/lexicon-test/v1"
    assert data["pipeline"] == "spacy.blank('en') + lookup lemmas"
    (sentence,) = data["sentences"]
    assert sentence["counts"] == {"patrons": 1, "institution": 0, "community": 0}
    assert sentence["not_counted"] == {"name": 1}
    assert [(t["text"], t["term"], t["result"], t["counted"]) for t in sentence["tokens"] if t["term"]] == [
        ("Library", "library user", "counted", True),
        ("users", "library user", "counted", True),
        ("Library", "library", "name: Alderbrook Public Library", False),
    ]
    assert sentence["tokens"][0] == {
        "text": "Library", "lemma": "library", "category": "patrons", "term": "library user",
        "result": "counted", "counted": True, "location": "line 1",
    }  # fmt: skip


def test_test_escapes_the_sentence() -> None:
    code, out, _ = run("lexicon", "test", CLEAN, "patrons\x1b[2J left\u202e")
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out
    assert out.startswith("Sentence 1: patrons\\x1b[2J left\\u202e\n")


def test_test_needs_a_sentence() -> None:
    code, _, err = run("lexicon", "test", CLEAN)
    assert code == 2
    assert "Missing argument 'SENTENCE...'" in err


# lexicon diff
DIFF_OUTPUT = f"""\
A: alderbrook ({CLEAN}, sha256 {load_lexicon(CLEAN).short_hash})
B: alderbrook ({REVISED}, sha256 {load_lexicon(REVISED).short_hash})
ratio: patrons / (patrons + institution) (unchanged)

patrons: focus; 2 added, 0 removed
  + visitor
  + community member

institution: versus; 2 added, 1 removed
  + trustee
  + neighbourhood (from community)
  - staff

community: report only - not in the ratio; 0 added, 1 removed
  - neighbourhood

ignore terms: 1 added, 1 removed
  + family leave
  - staff room

[ignore] names: 1 added, 0 removed
  + Alderbrook Public Library
"""


def test_diff_without_paths() -> None:
    assert run("lexicon", "diff", CLEAN, REVISED) == (0, DIFF_OUTPUT, "")


def test_diff_of_a_lexicon_with_itself() -> None:
    code, out, _ = run("lexicon", "diff", CLEAN, CLEAN)
    assert code == 0
    assert out.endswith("(unchanged)\n\nThe two lexicons are the same (same sha256).\n")


def test_diff_with_swapped_poles(no_settings: Path) -> None:
    text = CLEAN.read_text(encoding="utf-8").replace('versus = "institution"', 'versus = "community"')
    (no_settings / "swapped.toml").write_text(text, encoding="utf-8")
    code, out, _ = run("lexicon", "diff", CLEAN, "swapped.toml")
    assert code == 0
    assert out.splitlines()[2:] == [
        "ratio: patrons / (patrons + institution) -> patrons / (patrons + community)",
        "",
        "institution: versus -> report only - not in the ratio; 0 added, 0 removed",
        "",
        "community: report only - not in the ratio -> versus; 0 added, 0 removed",
    ]


def minutes(folder: Path) -> Path:
    corpus = folder / "minutes"
    corpus.mkdir()
    (corpus / "2024-01-16-board.txt").write_text(MINUTES_A, encoding="utf-8")
    (corpus / "2024-03-19-board.txt").write_text(MINUTES_B, encoding="utf-8")
    (corpus / "agenda.pdf").write_bytes(b"not a pdf")
    return corpus


def test_diff_with_paths_counts_both_ways(no_settings: Path) -> None:
    minutes(no_settings)
    code, out, err = run("lexicon", "diff", CLEAN, REVISED, "minutes")
    assert code == 0
    assert out == DIFF_OUTPUT + (
        "\n"
        "Counts under A -> B (2 documents)\n"
        "\n"
        "Document                        patrons    institution    community    Ratio A -> B    Change\n"
        "----------------------------  ---------  -------------  -----------  --------------  --------\n"
        "minutes/2024-01-16-board.txt     2 -> 3         3 -> 3       1 -> 1    0.40 -> 0.50     +0.10\n"
        "minutes/2024-03-19-board.txt     1 -> 2         3 -> 3       1 -> 0    0.25 -> 0.40     +0.15\n"
        "overall                          3 -> 5         6 -> 6       2 -> 1    0.33 -> 0.45     +0.12\n"
    )
    # The broken file is warned about once, not once per lexicon.
    assert err.count("agenda.pdf") == 1
    assert err.startswith("focuscount: warning: minutes/agenda.pdf: skipped: ")


def test_diff_json_with_paths(no_settings: Path) -> None:
    minutes(no_settings)
    code, out, _ = run("lexicon", "diff", CLEAN, REVISED, "minutes", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "focuscount/lexicon-diff/v1"
    assert data["moved"] == [{"term": "neighbourhood", "from": "community", "to": "institution"}]
    assert data["categories"][0] == {
        "name": "patrons", "role_a": "focus", "role_b": "focus", "label_a": "Patron-oriented",
        "label_b": "Patron-oriented", "added": ["visitor", "community member"], "removed": [],
    }  # fmt: skip
    assert data["overall"] == {
        "document": "overall",
        "counts_a": {"patrons": 3, "institution": 6, "community": 2},
        "counts_b": {"patrons": 5, "institution": 6, "community": 1},
        "ratio_a": 0.3333, "ratio_b": 0.4545, "change": 0.1212,
    }  # fmt: skip
    assert [row["document"] for row in data["documents"]] == [
        "minutes/2024-01-16-board.txt", "minutes/2024-03-19-board.txt",
    ]  # fmt: skip


def test_diff_with_paths_that_hold_no_document(no_settings: Path) -> None:
    (no_settings / "empty").mkdir()
    code, out, err = run("lexicon", "diff", CLEAN, REVISED, "empty")
    assert (code, out) == (2, "")
    assert err.startswith("Error: no documents found")


# lexicon import
def test_import_writes_a_lexicon_and_says_what_it_holds(no_settings: Path) -> None:
    code, out, err = run("lexicon", "import", BOARD_DIC, "-o", "board.toml", "--focus", "patrons", "--versus",
                         "institution")  # fmt: skip
    assert (code, out) == (0, "")
    lines = err.splitlines()
    assert [line.split(": ", 1)[0] for line in lines[:-1]] == [f"{BOARD_DIC}:14", f"{BOARD_DIC}:15",
                                                               f"{BOARD_DIC}:16"]  # fmt: skip
    assert lines[-1] == (
        "focuscount: wrote board.toml: 3 categories (focus patrons, versus institution, report-only community), "
        "8 terms; 3 notes"
    )
    written = load_lexicon("board.toml")
    assert (written.focus, written.versus, written.report_only) == ("patrons", "institution", ("community",))
    assert [t.text for t in written.category("patrons").terms] == ["patron*", "member", "borrower"]
    assert run("lexicon", "check", "board.toml")[0] == 0


def test_import_refuses_to_replace_a_file_without_force(no_settings: Path) -> None:
    target = no_settings / "board.toml"
    target.write_text("# my own work\n", encoding="utf-8")
    args = ("lexicon", "import", BOARD_DIC, "-o", "board.toml", "--focus", "patrons", "--versus", "institution")
    code, _, err = run(*args)
    assert code == 2
    assert err == "Error: board.toml exists: give --force to replace it, or another -o to keep it\n"
    assert target.read_text(encoding="utf-8") == "# my own work\n"
    code, _, err = run(*args, "--force")
    assert code == 0
    assert load_lexicon(target).name == "board"


def test_import_with_a_name_to_standard_output(no_settings: Path) -> None:
    code, out, err = run("lexicon", "import", BOARD_DIC, "--focus", "patrons", "--versus", "institution", "--name",
                         "alderbrook-board")  # fmt: skip
    assert code == 0
    assert 'name = "alderbrook-board"' in out
    assert err.splitlines()[-1] == (
        "focuscount: 3 categories (focus patrons, versus institution, report-only community), 8 terms; 3 notes"
    )
    (no_settings / "stdout.toml").write_text(out, encoding="utf-8")
    assert load_lexicon("stdout.toml").name == "alderbrook-board"


def test_import_writes_into_a_device_without_force(no_settings: Path) -> None:
    code, out, err = run("lexicon", "import", BOARD_DIC, "-o", "/dev/null", "--focus", "patrons", "--versus",
                         "institution")  # fmt: skip
    assert (code, out) == (0, "")
    assert err.splitlines()[-1].startswith("focuscount: wrote /dev/null: 3 categories")


def test_import_refuses_a_folder_a_toml_file_and_a_wrong_pole(no_settings: Path) -> None:
    (no_settings / "folder").mkdir()
    poles = ("--focus", "patrons", "--versus", "institution")
    code, _, err = run("lexicon", "import", BOARD_DIC, "-o", "folder", *poles)
    assert code == 2 and "folder" in err
    code, _, err = run("lexicon", "import", CLEAN, "-o", "x.toml", *poles)
    assert code == 2
    assert err == (
        f"Error: {CLEAN}: not a dictionary to import: give a LIWC .dic, a LIWC-22 .dicx or a YAML (.yml, .yaml) file\n"
    )
    code, _, err = run("lexicon", "import", BOARD_DIC, "-o", "x.toml", "--focus", "patrons", "--versus", "nobody")
    assert code == 2 and "nobody" in err
    assert not (no_settings / "x.toml").exists()
    code, _, err = run("lexicon", "import", BOARD_DIC, "-o", "x.toml", "--focus", "patrons")
    assert code == 2 and "name the two poles of the ratio with --focus and --versus" in err


def test_the_old_lexicons_command_still_lists() -> None:
    code, out, _ = run("lexicons")
    assert code == 0
    assert out.startswith("library: ")


def test_import_takes_the_poles_from_the_settings(no_settings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (no_settings / "focuscount.toml").write_text('focus = "patrons"\nversus = "institution"\n', encoding="utf-8")
    code, _, err = run("lexicon", "import", BOARD_DIC, "-o", "from-settings.toml")
    assert code == 0, err
    assert err.splitlines()[-1].startswith("focuscount: wrote from-settings.toml: 3 categories (focus patrons, ")
    (no_settings / "focuscount.toml").unlink()
    monkeypatch.setenv("FOCUSCOUNT_FOCUS", "patrons")
    monkeypatch.setenv("FOCUSCOUNT_VERSUS", "institution")
    code, out, _ = run("lexicon", "import", BOARD_DIC)
    assert code == 0
    assert '[ratio]\nfocus = "patrons"\nversus = "institution"\n' in out


def test_import_without_poles_says_how_to_name_them(no_settings: Path) -> None:
    code, out, err = run("lexicon", "import", BOARD_DIC)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        "Error: name the two poles of the ratio with --focus and --versus (or focus and versus in focuscount.toml)"
    )
