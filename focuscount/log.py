"""Where log records go in a CLI run: nowhere, or with ``--debug`` to stderr as ``focuscount: debug: …`` lines.

focuscount's own modules log through ``logging.getLogger(__name__)``, all under the
``focuscount`` logger; libraries (pdfminer, python-docx, spaCy …) log through their
own.  The library never configures logging: that is the application's choice.  The
CLI's choice is :func:`configure_cli_logging`:

- without debug, every record is dropped.  What the user must know reaches stderr
  as the CLI's own one-line messages; without a handler, Python's last-resort
  handler would print every library warning (pdfminer's "Execute called on
  non-indirect object", one per damaged page) between them;
- with debug, focuscount's records from DEBUG up and every library's from WARNING
  up (their DEBUG records are a flood: pdfminer logs every token it parses) go to
  stderr, one ``focuscount: debug: `` line each, escaped for a terminal.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TextIO

from focuscount.escape import for_terminal

LOGGER_NAME = "focuscount"
DEBUG_PREFIX = "focuscount: debug: "


class _StderrHandler(logging.StreamHandler[TextIO]):
    """A handler writing to whatever ``sys.stderr`` is when a record comes (click's test runner swaps it)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        """Ignored: the stream is always the current ``sys.stderr``."""


class DebugFormatter(logging.Formatter):
    """``focuscount: debug: [LOGGER: ][LEVEL: ]MESSAGE``, a traceback as more such lines, each escaped.

    LOGGER is left out for focuscount's top logger and shortened for its children
    (``readers.pdf``); LEVEL is left out for DEBUG records.
    """

    def format(self, record: logging.LogRecord) -> str:
        """The record as one or more prefixed lines without control characters (document text may be quoted)."""
        name = record.name
        if name == LOGGER_NAME:
            origin = ""
        else:
            origin = (name[len(LOGGER_NAME) + 1 :] if name.startswith(LOGGER_NAME + ".") else name) + ": "
        level = "" if record.levelno == logging.DEBUG else f"{record.levelname.lower()}: "
        lines = [f"{origin}{level}{record.getMessage()}"]
        if record.exc_info:
            lines += self.formatException(record.exc_info).splitlines()
        if record.stack_info:
            lines += self.formatStack(record.stack_info).splitlines()
        return "\n".join(DEBUG_PREFIX + for_terminal(line) for line in lines)


def configure_cli_logging(debug: bool) -> Callable[[], None]:
    """Route log records for a CLI run (see the module docstring); returns the function that undoes it.

    Calling it again replaces what the previous call installed, so a process that
    runs the CLI many times (tests, ``CliRunner``) never stacks handlers.  With
    click: ``ctx.call_on_close(configure_cli_logging(debug))``.
    """
    root = logging.getLogger()
    for installed in [handler for handler in root.handlers if isinstance(handler, _Installed)]:
        installed.undo()
    handler = _Installed(debug)
    root.addHandler(handler)
    return handler.undo


class _Installed(logging.Handler):
    """What one :func:`configure_cli_logging` call installed on the root logger, and how to undo it."""

    def __init__(self, debug: bool) -> None:
        super().__init__()
        self._ours = logging.getLogger(LOGGER_NAME)
        self._previous_level = self._ours.level
        # A handler at all (even one that drops everything) keeps Python's last-resort one from printing.
        self._target: logging.Handler = logging.NullHandler()
        if debug:
            self._target = _StderrHandler()
            self._target.setFormatter(DebugFormatter())
            self._ours.setLevel(logging.DEBUG)  # libraries keep the root's level (WARNING unless changed)

    def emit(self, record: logging.LogRecord) -> None:
        """Hand the record to the stderr handler (debug) or drop it."""
        self._target.handle(record)

    def undo(self) -> None:
        """Remove this handler and restore the ``focuscount`` logger's level (idempotent)."""
        root = logging.getLogger()
        if self in root.handlers:
            root.removeHandler(self)
            self._ours.setLevel(self._previous_level)
