"""``explain`` on a narrow terminal: paths shortened, columns wrapped, every highlight whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import ISSUE_LEXICON, REPO

from focuscount.evidence import Evidence, iter_evidence
from focuscount.render.explain import render_explain_table
from focuscount.terminal import TerminalLook, strip_sgr, visible_width

ONE_MEETING = "examples/minutes/2025-01-21-board-minutes.txt"


@pytest.fixture(scope="module")
def meeting() -> list[Evidence]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        return list(iter_evidence([ONE_MEETING], "library"))


@pytest.fixture(scope="module")
def corpus() -> list[Evidence]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        return list(iter_evidence(["examples/"], "library"))


def bold(words: str) -> str:
    return f"\x1b[1m{words}\x1b[0m"


def test_without_a_width_the_table_is_the_full_one(meeting: list[Evidence]) -> None:
    full = render_explain_table(meeting)
    assert max(len(line) for line in full.splitlines()) == 208
    assert render_explain_table(meeting, look=TerminalLook(width=208)) == full
    assert full.splitlines()[2].startswith(f"{ONE_MEETING}  line 15")


def test_one_document_at_80_columns_is_named_once_above_the_table(meeting: list[Evidence]) -> None:
    lines = render_explain_table(meeting, look=TerminalLook(width=80)).splitlines()
    assert lines[:12] == [
        "Fitted to the terminal: every hit is in",
        "  examples/minutes/2025-01-21-board-minutes.txt (--wide shows the full table)",
        "Location            Category     Term          In context",
        "------------------  -----------  ------------  ---------------------------------",
        "line 15             customer     patron        1. [[Patron]] Voice",
        "",
        "line 17             customer     parent        Ms Leonie Sharrock, a [[parent]]",
        "                                               from Millbrook, spoke about the",
        "                                               weekend story times.",
        "",
        "line 18             customer     child         spoke about the weekend story",
        "                                               times. Her two [[children]] had",
    ]
    assert all(len(line) <= 80 for line in lines)
    assert lines[-1] == "38 hits (customer 22, institution 16) in 1 document"


def test_many_documents_show_paths_relative_to_their_folder(corpus: list[Evidence]) -> None:
    lines = render_explain_table(corpus, look=TerminalLook(width=120)).splitlines()
    assert lines[:4] == [
        "Fitted to the terminal: paths relative to examples/ (--wide shows the full table)",
        "Document                                   Location         Category     Term              In context",
        "-----------------------------------------  ---------------  -----------  ----------------"
        "  -----------------------------",
        "minutes/2024-01-16-board-minutes.txt       line 23          institution  the building      "
        "the Main Library had been",
    ]
    assert all(len(line) <= 120 for line in lines)
    assert not any(line.startswith("examples/") for line in lines[1:])
    # The longest match of the corpus stays on one line, marks and all.
    assert " " * 91 + "[[integrated library system]]" in lines


def test_every_highlight_opens_and_closes_on_one_line(corpus: list[Evidence]) -> None:
    for width in (60, 100, 140):
        out = render_explain_table(corpus, look=TerminalLook(width=width))
        assert out.count("[[") == out.count("]]") == len(corpus)
        for line in out.splitlines():
            assert line.count("[[") == line.count("]]"), line
            assert re.search(r"\[\[[^\]]*$", line) is None, line


def test_a_bold_highlight_never_spans_two_lines(corpus: list[Evidence]) -> None:
    out = render_explain_table(corpus, bold, look=TerminalLook(width=100))
    for line in out.splitlines():
        assert line.count("\x1b[1m") == line.count("\x1b[0m"), line
    assert out.count("\x1b[1m") == len(corpus)
    assert "\x1b[1mintegrated library system\x1b[0m" in out
    # Widths are measured without the bold: the plain table has the same layout.
    plain = render_explain_table(corpus, lambda words: words, look=TerminalLook(width=100))
    assert strip_sgr(out) == plain
    assert max(visible_width(line) for line in out.splitlines()) == max(len(line) for line in plain.splitlines())


def test_a_wrapped_line_cannot_start_a_workflow_command(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text(ISSUE_LEXICON, encoding="utf-8")
    text = "The patron said ::set-output name=x::pwned and ::error::boom in the library ##[error]old today.\n"
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    items = list(iter_evidence([tmp_path / "note.txt"], lexicon, context_words=12))
    out = render_explain_table(items, look=TerminalLook(width=40))
    assert len(out.splitlines()) > 6  # the contexts wrapped
    for line in out.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line
    assert "\\x3a:set-output" in out and "\\x3a:error::boom" in out


def test_no_hits_is_said_at_any_width() -> None:
    assert render_explain_table([], look=TerminalLook(width=40)) == "No hits.\n"
