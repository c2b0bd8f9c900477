"""A lexicon of 100,000 terms loads with every term's line, compiles and matches in seconds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from focuscount.counting import count_document
from focuscount.lexicon import parse_lexicon
from focuscount.matching import LexiconMatcher
from focuscount.model import Document, Location, Segment
from focuscount.nlp import get_pipeline

FIRST_WORDS = ["the", "library", "young", "public", "staff", "our", "new", "board"]


def big_lexicon(count: int) -> tuple[str, dict[str, int]]:
    """TOML for ``count`` two-word phrases (many sharing a first word) one per line, and each phrase's line."""
    lines = ['name = "big"', "[ratio]", 'focus = "customer"', 'versus = "institution"', "[categories.customer]"]
    lines.append("terms = [")
    where: dict[str, int] = {}
    for index in range(count):
        if index == count // 2:
            lines += ["]", "[categories.institution]", "terms = ["]
        phrase = f"{FIRST_WORDS[index % len(FIRST_WORDS)]} zq{index}"
        lines.append(f'  "{phrase}",  # phrase {index}')
        where[phrase] = len(lines)
    lines.append("]")
    return "\n".join(lines) + "\n", where


@pytest.mark.slow
def test_a_100000_phrase_lexicon_keeps_every_line_and_matches_like_a_small_one() -> None:
    text, where = big_lexicon(100_000)
    lexicon = parse_lexicon(text)
    assert {term.text: term.line for term in lexicon.all_terms} == where
    matcher = LexiconMatcher(lexicon, get_pipeline("en"))
    assert len(matcher.patterns) == 100_000
    text = "The zq0 met the library zq1 and the zq2, then the young zq2 and the board zq99999."
    document = Document(Path("memo.txt"), "txt", (Segment(text, Location("line", 1, line=1)),))
    counts = count_document(document, matcher)
    assert [(hit.category, hit.term, hit.matched_text) for hit in counts.hits] == [
        ("customer", "the zq0", "The zq0"),
        ("customer", "library zq1", "library zq1"),
        ("customer", "young zq2", "young zq2"),  # "the zq2" is no term: only every 8th phrase starts with "the"
        ("institution", "board zq99999", "board zq99999"),
    ]


def _seconds_to_load(count: int) -> float:
    text, _ = big_lexicon(count)
    times = []
    for _ in range(2):
        started = time.perf_counter()
        parse_lexicon(text)
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.mark.slow
def test_loading_time_grows_linearly_with_the_number_of_terms() -> None:
    # 10 times the terms: linear is 10 times the time; finding each term's line by scanning the file was 100 times.
    assert _seconds_to_load(20_000) < 30 * _seconds_to_load(2_000) + 0.05
