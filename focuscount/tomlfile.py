"""TOML files read with line numbers for error messages (tomllib keeps no positions)."""

from __future__ import annotations

import re
import tomllib
from typing import Any


class InvalidToml(ValueError):
    """The text is not valid TOML; ``line`` is where the parser stopped."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def parse_toml(text: str) -> tuple[dict[str, Any], LineFinder]:
    """The parsed TOML and a :class:`LineFinder` over the same text."""
    try:
        data = tomllib.loads(text)
    except RecursionError as error:  # tomllib recurses into arrays and inline tables: [[[[… is hostile input
        raise InvalidToml("invalid TOML: arrays or tables nested too deeply", None) from error
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))
        line = int(found.group(1)) if found else None
        if line is None and "end of document" in str(error):
            line = max(1, len(text.splitlines()))
        message = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", str(error))
        raise InvalidToml(
            f"invalid TOML: {message} (at the end of the file)"
            if "end of document" in str(error)
            else f"invalid TOML: {message}",
            line,
        ) from error
    return data, LineFinder(text)


class LineFinder:
    """Finds the line of a table, key or string value in TOML text."""

    _HEADER = re.compile(r"^\s*\[([^\[\]]+)\]\s*(#.*)?$")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        # table name → (first line index, end line index exclusive); "" is the top level
        self.ranges: dict[str, tuple[int, int]] = {}
        current, start = "", 0
        for index, line in enumerate(self.lines):
            match = self._HEADER.match(line)
            if match:
                self.ranges.setdefault(current, (start, index))
                current = ".".join(part.strip().strip("\"'") for part in match.group(1).split("."))
                start = index
        self.ranges.setdefault(current, (start, len(self.lines)))
        self._quoted: dict[str, dict[str, int]] = {}  # table → text between quotes → first line index

    def table(self, name: str) -> int | None:
        """The 1-based line of the ``[name]`` header."""
        span = self.ranges.get(name)
        return span[0] + 1 if span and name else None

    def key(self, key: str, table: str = "") -> int | None:
        """The 1-based line where ``key =`` is set in ``table`` (or the ``[table.key]`` header)."""
        span = self.ranges.get(table)
        if span is not None:
            pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=.]")
            for index in range(*span):
                if pattern.match(self.lines[index]):
                    return index + 1
        return self.table(f"{table}.{key}" if table else key)

    def value(self, value: str, table: str) -> int | None:
        """The 1-based line holding the string literal ``value`` in ``table``."""
        span = self.ranges.get(table)
        if span is None:
            return None
        if '"' in value or "'" in value:
            quoted = (f'"{value}"', f"'{value}'")
            for index in range(*span):
                if any(q in self.lines[index] for q in quoted):
                    return index + 1
            return None
        # Without a quote inside, "value" can only sit between two quotes next to each other on a
        # line: the text between each such pair, indexed once per table, answers every lookup (a
        # scan per term made a lexicon of 100,000 terms take an hour to load).
        found = self._between_quotes(table, span).get(value)
        return None if found is None else found + 1

    def _between_quotes(self, table: str, span: tuple[int, int]) -> dict[str, int]:
        """The text between every two neighbouring quotes of each kind in ``table``, mapped to its first line."""
        if table not in self._quoted:
            index: dict[str, int] = {}
            for number in range(*span):
                line = self.lines[number]
                for quote in ('"', "'"):
                    if quote in line:
                        pieces = line.split(quote)
                        for piece in pieces[1:-1]:
                            index.setdefault(piece, number)
            self._quoted[table] = index
        return self._quoted[table]
