"""The progress bar: only on a terminal, only for runs that prove long."""

from __future__ import annotations

import io
import sys
from typing import Any

import click
import pytest
from helpers import EXAMPLES

from focuscount.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Bar:
    def __init__(self, length: int, label: str, file: io.StringIO) -> None:
        self.length, self.label, self.file = length, label, file
        self.position = 0
        self.finished = False

    def update(self, steps: int) -> None:
        self.position += steps

    def render_finish(self) -> None:
        self.finished = True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_no_bar_before_the_delay_then_one_that_catches_up() -> None:
    clock, made = Clock(), []

    def factory(**options: object) -> Bar:
        made.append(Bar(**options))  # type: ignore[arg-type]
        return made[-1]

    progress = Progress(10, Terminal(), factory, clock=clock, delay=1.5)
    progress.advance()
    clock.now = 1.0
    progress.advance()
    assert made == []
    clock.now = 2.0
    progress.advance()
    (bar,) = made
    assert (bar.length, bar.label, bar.position) == (10, "Reading", 3)
    progress.advance()
    assert bar.position == 4
    progress.close()
    assert bar.finished


def test_never_a_bar_in_a_pipe() -> None:
    clock = Clock()
    progress = Progress(10, io.StringIO(), lambda **_: (_ for _ in ()).throw(AssertionError("drawn")), clock=clock)
    clock.now = 100.0
    for _ in range(10):
        progress.advance()
    progress.close()
    assert not progress.enabled


def test_no_bar_for_a_single_file() -> None:
    assert not Progress(1, Terminal(), Bar).enabled


def real_bar(**options: Any) -> Any:
    """The bar the CLI draws (click's), as :func:`focuscount.cli.progress_for` makes it."""
    made = click.progressbar(show_pos=True, width=10, **options)
    made.render_progress()
    return made


def test_a_warning_in_mid_bar_lands_on_its_own_line_and_the_bar_is_drawn_again() -> None:
    terminal = Terminal()
    progress = Progress(4, terminal, real_bar, clock=Clock(), delay=0)
    progress.advance()
    progress.interrupt(lambda: click.echo("focuscount: warning: minutes.pdf: skipped: damaged", file=terminal))
    progress.advance()
    progress.close()
    shown = terminal.getvalue()
    bar = "\r\x1b[?25lReading  [##--------]  1/4"
    assert shown == (
        "\r\x1b[?25lReading  [----------]  0/4"
        f"{bar}"
        "\r\x1b[K"  # the bar's line erased, then the warning on a line of its own
        "focuscount: warning: minutes.pdf: skipped: damaged\n"
        f"{bar}"  # the bar drawn again under it
        "\r\x1b[?25lReading  [#####-----]  2/4\x1b[?25h\n"
    )
    # What a terminal shows: every line is the bar or the warning, never both.
    lines = [line.rsplit("\r", 1)[-1] for line in shown.split("\n")]
    assert lines[0] == "\x1b[Kfocuscount: warning: minutes.pdf: skipped: damaged"


def test_before_the_bar_is_drawn_a_warning_is_just_printed() -> None:
    terminal, printed = Terminal(), []
    progress = Progress(4, terminal, real_bar, clock=Clock(), delay=10)
    progress.interrupt(lambda: printed.append("line"))
    assert printed == ["line"] and terminal.getvalue() == ""


def test_cli_warnings_go_through_the_run_s_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    from focuscount import cli

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR", raising=False)
    with click.Context(click.Command("analyze")) as context:
        progress = cli.progress_for((EXAMPLES / "minutes",), ())
        assert context.meta[cli.ACTIVE_PROGRESS] is progress and progress.enabled
        progress.delay = 0
        progress.advance()
        cli.warn("a.docx: skipped: damaged")
        progress.close()
    shown = terminal.getvalue()
    # On a terminal that takes colour (TERM set, NO_COLOR not) the prefix is yellow.
    assert "\r\x1b[K\x1b[33mfocuscount: warning:\x1b[39m a.docx: skipped: damaged\n\r\x1b[?25lReading" in shown


def test_with_json_on_a_terminal_and_stderr_in_a_file_no_bar_is_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    from focuscount import cli

    monkeypatch.setattr(sys, "stdout", Terminal())  # `-f json` printed to a terminal
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # stderr redirected to a file
    with click.Context(click.Command("analyze")):
        assert not cli.progress_for((EXAMPLES / "minutes",), ()).enabled
    monkeypatch.setattr(sys, "stderr", Terminal())
    with click.Context(click.Command("analyze")):
        assert cli.progress_for((EXAMPLES / "minutes",), ()).enabled
