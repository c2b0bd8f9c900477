"""The exception family of focuscount.

Every error a user can cause is one of these; ``cli.py`` maps them to exit codes
in one place.  Messages name the file (and line, for lexicons and config) and say
what to do.
"""

from __future__ import annotations

from pathlib import Path


class FocusCountError(Exception):
    """Base class of every error focuscount reports to its users."""


class UnsupportedFormatError(FocusCountError):
    """No reader accepts this file (unknown extension, or an old binary format)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ReadError(FocusCountError):
    """A reader accepted the file and failed to read it."""

    def __init__(self, path: Path | str, reason: str, cause: BaseException | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.cause = cause
        super().__init__(f"{self.path}: {reason}")


class InternalReadError(ReadError):
    """A reader failed on a file because of a bug in focuscount, not because the file is broken.

    A subclass rather than a flag on :class:`ReadError`: every ``except ReadError``
    still skips the file, and a caller that cares (the CLI, a test) tells the two
    apart with ``isinstance``.  ``cause`` is the original exception, its traceback
    attached, for a debug report.
    """

    def __init__(self, path: Path | str, cause: BaseException) -> None:
        # One bounded line: the reason follows "PATH: skipped: " on a terminal.
        text = " ".join(str(cause).split())
        text = text if len(text) <= 160 else text[:159] + "…"
        summary = f"{type(cause).__name__}: {text}" if text else type(cause).__name__
        super().__init__(
            path, f"internal error while reading this file (please report it, with --debug output): {summary}", cause
        )


class LexiconError(FocusCountError):
    """A lexicon file is invalid; ``line`` points at the offending line when known."""

    def __init__(self, path: Path | str | None, message: str, line: int | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.line = line
        self.message = message
        where = str(self.path) if self.path is not None else "lexicon"
        if line is not None:
            where += f":{line}"
        super().__init__(f"{where}: {message}")


class ConfigError(FocusCountError):
    """A configuration input (a dates manifest, an option value) is invalid.

    A message about a value given to a library function names the function's
    parameter in backquotes ("`by` must be one of …") and lists it in
    ``parameters``, so a front end can name its own spelling of it (the CLI: ``--by``).
    """

    def __init__(
        self, path: Path | str | None, message: str, line: int | None = None, *, parameters: tuple[str, ...] = ()
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.line = line
        self.message = message
        self.parameters = parameters
        if self.path is None:
            super().__init__(message)
        else:
            where = str(self.path) + (f":{line}" if line is not None else "")
            super().__init__(f"{where}: {message}")


class NoDocumentsError(FocusCountError):
    """None of the given paths held a readable document."""
