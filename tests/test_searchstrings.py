"""Quoted database search strings count nowhere: their words are search terms, not people."""

from __future__ import annotations

import pytest
from helpers import count_text, lexicon_from

from focuscount.searchstrings import inside, search_string_spans


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('The liaison ran ("child*" OR "adolescen*") AND literacy in ERIC.', ['("child*" OR "adolescen*") AND literacy']),
        ("(teen OR youth) AND (library OR libraries) gave 40 results", ["(teen OR youth) AND (library OR libraries)"]),
        ("family OR parent* NOT teacher", ["family OR parent* NOT teacher"]),
        ("“customer* satisfaction” NEAR/3 survey", ["“customer* satisfaction” NEAR/3 survey"]),
        ('Searched "child* literacy" twice; children attended.', ['"child* literacy"']),
        # Prose, even with capitals or brackets, is not a search string.
        ("Patrons AND staff agreed.", []),
        ("We met (briefly) AND talked.", []),
        ('She said "children come first" and OR was not mentioned.', []),
        ("No search here.", []),
    ],
)
def test_search_string_spans(text: str, found: list[str]) -> None:
    assert [text[start:end] for start, end in search_string_spans(text)] == found


def test_inside() -> None:
    assert inside([(4, 10)], 8, 12)
    assert not inside([(4, 10)], 10, 12)
    assert not inside([], 0, 1)


LEXICON = """
[ratio]
focus = "customer"
versus = "institution"
[categories.customer]
terms = ["child", "teen"]
[categories.institution]
terms = ["library", "database"]
"""


def test_hits_inside_a_search_string_count_nowhere() -> None:
    counts = count_text(
        'The liaison searched ("child*" OR "teen*") AND "library program*" in two databases.\n'
        "Children and teens came to the library program anyway.\n",
        lexicon_from(LEXICON),
    )
    assert counts.counts == {"customer": 2, "institution": 2}
    assert counts.not_counted == {"search string": 3}
    assert [(hit.matched_text, hit.reason) for hit in counts.ignored] == [
        ("child", "search string"), ("teen", "search string"), ("library", "search string"),
    ]  # fmt: skip
    assert [hit.matched_text for hit in counts.hits] == ["databases", "Children", "teens", "library"]
