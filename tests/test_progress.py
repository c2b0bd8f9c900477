"""The progress bar: only on a terminal, only for runs that prove long."""

from __future__ import annotations

import io

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
