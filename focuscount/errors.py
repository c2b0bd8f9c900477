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
    """A configuration input (a dates manifest, an option value) is invalid."""

    def __init__(self, path: Path | str | None, message: str, line: int | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.line = line
        self.message = message
        if self.path is None:
            super().__init__(message)
        else:
            where = str(self.path) + (f":{line}" if line is not None else "")
            super().__init__(f"{where}: {message}")


class NoDocumentsError(FocusCountError):
    """None of the given paths held a readable document."""
