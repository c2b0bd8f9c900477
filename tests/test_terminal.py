"""What the terminal can show: width and colour decided from the stream and the environment, and fitting text."""

from __future__ import annotations

import io

import pytest

from focuscount.terminal import (
    FULL_TABLE,
    TerminalLook,
    colour_allowed,
    common_folder,
    longest_path_part,
    paint,
    relative_path,
    shrink_to_fit,
    strip_sgr,
    terminal_width,
    visible_width,
    wrap_path,
    wrap_prose,
    wrap_words,
)


class Terminal(io.StringIO):
    """A terminal of ``columns`` columns (0: one that reports no size)."""

    def __init__(self, columns: int = 0) -> None:
        super().__init__()
        self.columns = columns

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        if not self.columns:
            raise io.UnsupportedOperation("no file descriptor")
        return 99


@pytest.fixture
def sized(monkeypatch: pytest.MonkeyPatch) -> None:
    """os.get_terminal_size answers for a Terminal's descriptor."""
    import os

    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((132, 40)) if fd == 99 else None)


XTERM = {"TERM": "xterm-256color"}


def test_a_pipe_gets_the_full_table_and_no_colour_whatever_columns_says() -> None:
    assert TerminalLook.of(io.StringIO(), environ={**XTERM, "COLUMNS": "60"}) == FULL_TABLE == TerminalLook(None, False)


def test_a_terminal_gets_its_own_width_and_colour(sized: None) -> None:
    assert TerminalLook.of(Terminal(132), environ=XTERM) == TerminalLook(width=132, colour=True)


def test_columns_wins_over_the_terminal_size(sized: None) -> None:
    assert terminal_width(Terminal(132), {"COLUMNS": "90"}) == 90
    assert terminal_width(Terminal(132), {"COLUMNS": "0"}) == 132
    assert terminal_width(Terminal(132), {"COLUMNS": "wide"}) == 132


def test_a_terminal_that_reports_no_size_gets_the_full_table() -> None:
    assert terminal_width(Terminal(0), {}) is None
    assert terminal_width(Terminal(0), {"COLUMNS": "100"}) == 100


def test_wide_keeps_the_colour_and_drops_the_width() -> None:
    assert TerminalLook.of(Terminal(0), wide=True, environ={**XTERM, "COLUMNS": "70"}) == TerminalLook(None, True)


@pytest.mark.parametrize(
    ("environ", "colour"),
    [
        (XTERM, True),
        ({}, True),  # no TERM (Windows consoles set none)
        ({**XTERM, "NO_COLOR": "1"}, False),
        ({**XTERM, "NO_COLOR": "0"}, False),  # any non-empty value (no-color.org)
        ({**XTERM, "NO_COLOR": ""}, True),
        ({"TERM": "dumb"}, False),
    ],
)
def test_colour_follows_no_color_and_term(environ: dict[str, str], colour: bool) -> None:
    assert colour_allowed(Terminal(), environ) is colour
    assert colour_allowed(io.StringIO(), environ) is False


def test_a_closed_stream_is_no_terminal() -> None:
    stream = io.StringIO()
    stream.close()
    assert TerminalLook.of(stream, environ=XTERM) == FULL_TABLE


def test_paint_and_visible_width_ignore_the_sequences() -> None:
    painted = paint("0.72 (0.57–0.83)", "34")
    assert painted == "\x1b[34m0.72 (0.57–0.83)\x1b[39m"
    assert strip_sgr(painted + "*") == "0.72 (0.57–0.83)*"
    assert visible_width(painted) == 16
    assert visible_width("a\nbbb\x1b[1m\x1b[0m\ncc") == 3
    assert visible_width("") == 0


def test_wrap_words_breaks_at_spaces_and_cuts_only_plain_long_words() -> None:
    assert wrap_words("the board heard the customer", 10) == "the board\nheard the\ncustomer"
    assert wrap_words("see https://example.org/a/long/path now", 10) == "see\nhttps://ex\nample.org/\na/long/pat\nh now"
    bold = "\x1b[1mcustomer\x1b[0m"
    assert wrap_words(f"a {bold}s. b", 5) == f"a\n{bold}s.\nb"  # wider than 5 columns, yet whole
    assert wrap_words("[[library\x00user]] came", 8) == "[[library\x00user]]\ncame"


def test_wrap_path_breaks_only_after_a_slash() -> None:
    path = "examples/minutes/2024-01-16-board-minutes.txt"
    assert wrap_path(path, 20) == "examples/minutes/\n2024-01-16-board-minutes.txt"
    assert wrap_path(path, 10) == "examples/\nminutes/\n2024-01-16-board-minutes.txt"
    assert wrap_path("/srv/a.txt", 4) == "/\nsrv/\na.txt"
    assert longest_path_part(path) == 28


def test_wrap_prose_indents_continuations_and_never_cuts_a_path() -> None:
    line = "  examples/minutes/2024-01-16-board-minutes.txt (no date in the name)"
    assert wrap_prose(line, 30) == "  examples/minutes/2024-01-16-board-minutes.txt\n    (no date in the name)"
    assert wrap_prose(line, None) == line
    assert wrap_prose("short\nlines", 5) == "short\nlines"


@pytest.mark.parametrize(
    ("paths", "folder"),
    [
        (["examples/minutes/a.txt", "examples/talks/b.pdf"], "examples"),
        (["examples/minutes/a.txt"], "examples/minutes"),
        (["a.txt", "minutes/b.txt"], None),
        (["/srv/a.txt", "/tmp/b.txt"], None),  # only the root in common
        (["/srv/x/a.txt", "x/b.txt"], None),  # absolute and relative
        (["<stdin>", "minutes/b.txt"], None),
    ],
)
def test_common_folder(paths: list[str], folder: str | None) -> None:
    assert common_folder(paths) == folder


def test_relative_path() -> None:
    assert relative_path("examples/minutes/a.txt", "examples") == "minutes/a.txt"


def test_shrink_takes_from_the_widest_first_and_respects_floors() -> None:
    assert shrink_to_fit({"a": 30, "b": 20, "c": 5}, {"a": 10, "b": 18, "c": 5}, 14) == {"a": 18, "b": 18, "c": 5}
    assert shrink_to_fit({"a": 30, "b": 20}, {"a": 25, "b": 18}, 100) == {"a": 25, "b": 18}
    assert shrink_to_fit({"a": 30}, {}, 5) == {"a": 30}  # no floor named: the column keeps its width
