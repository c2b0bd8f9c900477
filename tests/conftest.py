"""Shared pytest fixtures."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from focuscount.lexicon import Lexicon, load_lexicon


@pytest.fixture(autouse=True)
def one_job_and_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs the CLI in one process without the cache, unless it asks for them.

    The CLI's defaults (a worker per CPU, the user's cache folder) would make tests share state across
    runs (a monkeypatched reader would meet cached counts) and write outside the test's folders. The tests
    of the cache and of --jobs set these themselves (tests/test_cache_cli.py, tests/test_jobs.py).
    """
    monkeypatch.setenv("FOCUSCOUNT_CACHE", "0")
    monkeypatch.setenv("FOCUSCOUNT_JOBS", "1")


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
