"""The examples of docs/python-api.md run, from the repository's root, and print what the page says."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import pytest
from helpers import REPO

PAGE = REPO / "docs" / "python-api.md"


@pytest.fixture
def at_the_root() -> object:
    before = Path.cwd()
    os.chdir(REPO)
    yield
    os.chdir(before)


def test_the_python_api_page_runs_as_written(at_the_root: object) -> None:
    failures, tried = doctest.testfile(
        str(PAGE), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert tried >= 20, "the page lost its examples"
    assert failures == 0


def test_a_wrong_number_on_the_page_would_fail(at_the_root: object) -> None:
    """The check can fail: the page's first example with one figure changed does."""
    text = PAGE.read_text(encoding="utf-8")
    start = text.index("```pycon")
    first = text[start : text.index("```\n", start + 3)]
    assert "(12, 6713, 267, 292)" in first
    changed = first.replace("(12, 6713, 267, 292)", "(12, 6713, 268, 292)")
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    test = doctest.DocTestParser().get_doctest(changed, {}, "python-api.md", str(PAGE), 0)
    result = runner.run(test, out=lambda _text: None)
    assert result.failed == 1
