"""tools/evaluate_lexicon.py: the gold-mark parser, the alignment of hits to marks, and the lexicon's targets.

The targets are issue 11's: precision of at least 90% on both sides and customer
recall at least four times the old lexicon's, on the dev set and on the held-out
set written apart from the lexicon (lexicons/EVALUATION.md).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from focuscount import load_lexicon

ROOT = Path(__file__).resolve().parent.parent
EVALUATION = ROOT / "lexicons" / "evaluation"
BEFORE = EVALUATION / "library-before.toml"


def _load_tool():
    spec = importlib.util.spec_from_file_location("evaluate_lexicon", ROOT / "tools" / "evaluate_lexicon.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate_lexicon"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


# --- the mark parser -------------------------------------------------------------------------------------------


def test_marks_are_stripped_and_their_spans_kept_exactly() -> None:
    text = "Present: board\n{c|Patrons} asked the {i|library budget} office.\nNo marks; {c|older adults} too.\n"
    annotated = tool.parse_marks(text, "minutes.txt")
    assert annotated.plain == "Present: board\nPatrons asked the library budget office.\nNo marks; older adults too.\n"
    assert [(m.side, m.start, m.end, m.text, m.line) for m in annotated.marks] == [
        ("c", 15, 22, "Patrons", 2),
        ("i", 33, 47, "library budget", 2),
        ("c", 66, 78, "older adults", 3),
    ]
    assert all(annotated.plain[m.start : m.end] == m.text for m in annotated.marks)
    assert annotated.words == 13


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("ok\n{c|patrons asked\n", 2, "mark '{c|patrons asked' is not closed on its line"),
        ("ok\nok\nthe {c|older\nadults}", 3, "is not closed on its line"),
        ("the {x|patrons}", 1, "unknown side 'x' in '{x|patrons}': write {c|...} or {i|...}"),
        ("a\nthe {c|}", 2, "mark '{c|}' must hold words without spaces at its ends"),
        ("the {i| budget}", 1, "mark '{i| budget}' must hold words without spaces at its ends"),
        ("a\n\nthe {c|old {c|people}}", 3, "marks never nest: '{c|old {c|people}'"),
        ("the budget} was cut", 1, "a '}' outside any mark: remove it"),
        ("line one\nthe {c patrons}", 2, "malformed mark '{c patrons}'"),
        ("{c|a|b}", 1, "malformed mark '{c|a|b}'"),
    ],
)
def test_a_malformed_mark_names_its_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(tool.MarkupError) as raised:
        tool.parse_marks(text, "dev/minutes.txt")
    assert raised.value.line == line
    assert message in raised.value.message
    assert str(raised.value).startswith(f"dev/minutes.txt:{line}: ")


def test_the_command_reports_a_malformed_mark_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.txt").write_text("Minutes\n\nThe {c|patrons asked.\n", encoding="utf-8")
    assert tool.main(["--lexicon", "library", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"evaluate_lexicon: {tmp_path / 'bad.txt'}:3: mark '{{c|patrons asked.' is not closed")


def test_a_missing_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert tool.main(["--lexicon", "library", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


# --- alignment on a tiny hand-made text -------------------------------------------------------------------------

TINY = """\
Alderbrook Public Library - Branch Services Meeting

{c|Patrons} asked for longer hours, and the {i|library budget} is tight.
{c|Families} and {c|students} came in; the staff were building trust.
The board thanked {c|older people} and the {c|regulars} for their letters.
The community garden opens in May.
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("tiny")
    (folder / "tiny.txt").write_text(TINY, encoding="utf-8")
    return folder


def test_hits_are_aligned_to_the_marks_exactly(tiny: Path) -> None:
    evaluation = tool.evaluate([tiny], load_lexicon("library"))
    customer, institution = evaluation.sides["c"], evaluation.sides["i"]
    # Patrons, Families, students, people (in "older people"): all inside marks; "regulars" is missed.
    assert (customer.hits, customer.correct, customer.marks, customer.found) == (4, 4, 5, 4)
    assert customer.precision == 1.0 and customer.recall == 0.8
    # "library" and "budget" both overlap the one mark "library budget"; "staff" is not marked, nor is
    # "Branch" in the title line (the names rule skips Title Case lines).
    assert (institution.hits, institution.correct, institution.marks, institution.found) == (4, 2, 1, 1)
    assert institution.precision == 0.5
    assert [(s.hit.term, s.correct, s.hit.location.line) for s in evaluation.hits if s.side == "i"] == [
        ("branch", False, 1), ("library", True, 3), ("budget", True, 3), ("staff", False, 4),
    ]  # fmt: skip
    # The letterhead's "Library" is a name ([ignore] names "Public Library"), the verb "building" no term.
    assert [m.text for _, m in evaluation.missed] == ["regulars"]
    # The community garden is reported apart, never scored.
    assert [(s.hit.category, s.hit.term, s.side) for s in evaluation.hits if s.side is None] == [
        ("community", "community", None)
    ]
    placed = next(s for s in evaluation.hits if s.hit.term == "staff")
    assert evaluation.files[0].plain[placed.start : placed.end] == "staff"


def test_the_old_lexicon_on_the_tiny_text(tiny: Path) -> None:
    evaluation = tool.evaluate([tiny], load_lexicon(BEFORE))
    customer, institution = evaluation.sides["c"], evaluation.sides["i"]
    # No "people" in the old lexicon; "building" counts the verb; "community" is not a category; the title
    # line's "Alderbrook Public Library" is an organisation's name (a place no word list knows), counted nowhere.
    assert (customer.hits, customer.correct, customer.found) == (3, 3, 3)
    assert [(s.hit.term, s.correct) for s in evaluation.hits if s.side == "i"] == [
        ("library", True), ("budget", True), ("staff", False), ("building", False),
    ]  # fmt: skip
    assert (institution.hits, institution.correct) == (4, 2)


def test_the_tables(tiny: Path) -> None:
    evaluation = tool.evaluate([tiny], load_lexicon("library"))
    text = tool.render(evaluation, "text")
    assert text.splitlines()[:4] == [
        "Lexicon library: 1 files, 45 words",
        "side         hits  correct  precision  95% interval  marks  found  recall  95% interval",
        "customer     4     4        100%       [51%, 100%]   5      4      80%     [38%, 96%]",
        "institution  4     2        50%        [15%, 85%]    1      1      100%    [21%, 100%]",
    ]
    markdown = tool.render(evaluation, "markdown")
    assert "| customer | 4 | 4 | 100% | [51%, 100%] | 5 | 4 | 80% | [38%, 96%] |" in markdown
    assert "| institution | staff | 1 | 0 | 0% |" in markdown
    data = tool.summary(evaluation)
    assert data["false_hits"] == [
        {
            "file": "tiny.txt",
            "line": 1,
            "category": "institution",
            "term": "branch",
            "context": "Alderbrook Public Library - Branch Services Meeting",
        },
        {
            "file": "tiny.txt",
            "line": 4,
            "category": "institution",
            "term": "staff",
            "context": "is tight. Families and students came in; the staff were building trust. The board thanked older people",
        },
    ]
    assert data["missed"] == [{"side": "customer", "words": "regulars", "count": 1}]


# --- the targets -------------------------------------------------------------------------------------------------


ISSUE_CUSTOMER_RECALL = 0.09  # the old lexicon on about 2,000 hand-judged hits of real library minutes (issue 11)


# The sets the lexicon was developed on: dev from the start; each held-out set was measured once, then
# looked at and used (see lexicons/EVALUATION.md).  held-out-5 was written last and only measured.
DEVELOPMENT = ("dev", "held-out", "held-out-2", "held-out-3", "held-out-4")
FINAL = "held-out-5"


def _targets(folders: list[Path]) -> None:
    after = tool.evaluate(folders, load_lexicon("library"))
    before = tool.evaluate(folders, load_lexicon(BEFORE))
    for side in ("c", "i"):
        precision = after.sides[side].precision
        assert precision is not None and precision >= 0.90, f"{tool.SIDES[side]} precision {precision:.1%}"
    recall, old = after.sides["c"].recall, before.sides["c"].recall
    assert recall is not None and old is not None
    # The issue measured the old lexicon's customer recall on real minutes at 9%: 4x that is 36%.  On these
    # sets the old lexicon already finds more (their writers used the common words), so 4x their own figure
    # would be past 100%; there, the new lexicon must find more than the old one.
    assert recall >= 4 * ISSUE_CUSTOMER_RECALL, f"customer recall {recall:.1%} is under 4x the issue's 9%"
    assert recall > old


def test_targets_on_the_development_sets() -> None:
    _targets([EVALUATION / name for name in DEVELOPMENT])


def test_targets_on_the_final_held_out_set() -> None:
    folder = EVALUATION / FINAL
    if not folder.is_dir() or not any(folder.glob("*.txt")):
        pytest.skip(f"no held-out set in {folder} (6 annotated .txt files written apart from the lexicon)")
    _targets([folder])
