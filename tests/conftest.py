"""Shared pytest fixtures."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from focuscount.lexicon import Lexicon, load_lexicon


@pytest.fixture
def library_lexicon() -> Lexicon:
    """The shipped default lexicon."""
    return load_lexicon("library")


@pytest.fixture
def write_file(tmp_path: Path):
    """Write text to a file under tmp_path and return its path."""

    def write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding=encoding)
        return path

    return write
