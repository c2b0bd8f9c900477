"""A progress bar for long runs, shown on a terminal only, and only once a run proves long.

The library knows nothing of terminals: the CLI gives this class the stream and
a bar factory (click's progress bar) and calls :meth:`advance` once per file.
Nothing is drawn for pipes, CI logs or files,
and nothing for runs that finish within ``delay`` seconds.
A line printed while the bar is drawn goes through :meth:`Progress.interrupt`,
so it lands above the bar, on a line of its own, never into the bar's line.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TextIO

DELAY_SECONDS = 1.5
CLEAR_LINE = "\r\x1b[K"  # back to the start of the bar's line, and erase it


class Progress:
    """Counts files done out of ``total`` and draws a bar once ``delay`` seconds have passed."""

    def __init__(
        self,
        total: int,
        stream: TextIO,
        bar_factory: Callable[..., Any],
        *,
        label: str = "Reading",
        delay: float = DELAY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.stream = stream
        self.label = label
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.done = 0
        self._bar: Any = None
        self._bar_factory = bar_factory
        self.enabled = total > 1 and _is_terminal(stream)

    def advance(self, _item: object = None) -> None:
        """One more file done."""
        self.done += 1
        if not self.enabled:
            return
        if self._bar is None:
            if self.clock() - self.started < self.delay or self.done >= self.total:
                return
            self._bar = self._make_bar()
            self._bar.update(self.done)
            return
        self._bar.update(1)

    def interrupt(self, print_lines: Callable[[], None]) -> None:
        """Run ``print_lines`` (which prints whole lines to the stream) above the bar: the bar's line
        is erased, the lines printed, and the bar drawn again under them."""
        if self._bar is None:
            print_lines()
            return
        self.stream.write(CLEAR_LINE)
        self.stream.flush()
        print_lines()
        # click's bar skips drawing a line the same as the last it drew, and that line was just erased.
        if hasattr(self._bar, "_last_line"):
            self._bar._last_line = None
        self._bar.render_progress()

    def close(self) -> None:
        """Finish the bar (if one was drawn) so the next output starts on a clean line."""
        if self._bar is not None:
            self._bar.render_finish()
            self._bar = None

    def _make_bar(self) -> Any:
        return self._bar_factory(length=self.total, label=self.label, file=self.stream)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
