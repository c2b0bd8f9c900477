"""The tie rule between ignore terms and counting terms, exactly as focuscount/matching.py ranks them.

Matching is leftmost-longest (``Pattern.rank``): at each position the longest term
wins; among terms of the same length an ignore term wins, whatever its wildcards
and wherever it stands in the lexicon; a match that starts earlier wins over any
match that starts later, ignore term or not.  Each test below fails if one of those
comparisons is turned round.

The lexicons say ``names = "count"`` so that the names rule (capitalised words such
as "Library Board" are a proper name) cannot hide which term won.
"""

from __future__ import annotations

import textwrap

from helpers import count_text, lexicon_from, matched

from focuscount.counting import IGNORE_TERM
from focuscount.lexicon import Lexicon


def lexicon(customer: str, institution: str, ignore: str) -> Lexicon:
    """A two-category lexicon with an [ignore] list written after the categories, as a lexicon file has it."""
    return lexicon_from(
        textwrap.dedent(
            f"""
            names = "count"
            [ratio]
            focus = "customer"
            versus = "institution"
            [categories.customer]
            terms = [{customer}]
            [categories.institution]
            terms = [{institution}]
            [ignore]
            terms = [{ignore}]
            """
        )
    )


# --- same words, same length: the ignore term wins --------------------------------------------------------------


def test_equal_length_ignore_word_wins_over_a_counting_word() -> None:
    # "customers" is matched by both "customer" (its lemma) and the ignore term "customers" (its own form);
    # both are one plain word, no wildcards, and the counting term comes first in the lexicon.
    words = lexicon('"customer", "patron"', '"library"', '"customers"')
    text = "Alderbrook Public Library - minutes. Customers wrote in; one customer and two patrons spoke."
    assert matched(text, words) == [
        ("institution", "library", "Library"),
        ("ignore", "customers", "Customers"),
        ("customer", "customer", "customer"),  # the singular: the ignore term is the plural alone
        ("customer", "patron", "patrons"),
    ]
    counts = count_text(text, words)
    assert counts.counts == {"customer": 2, "institution": 1}
    assert [(hit.term, hit.reason) for hit in counts.ignored] == [("customers", IGNORE_TERM)]
    assert counts.ignored_count == 1


def test_equal_length_ignore_phrase_wins_over_a_counting_phrase() -> None:
    # "=Library Board" (as written) and "library board" (any case) both match "Library Board": two words each.
    words = lexicon('"patron"', '"library board", "staff"', '"=Library Board"')
    text = "Present: Library Board (5), staff (2).\nThe library board thanked the staff.\nPage 3 of 7"
    assert matched(text, words) == [
        ("ignore", "=Library Board", "Library Board"),
        ("institution", "staff", "staff"),
        ("institution", "library board", "library board"),
        ("institution", "staff", "staff"),
    ]
    assert count_text(text, words).counts == {"customer": 0, "institution": 3}


def test_equal_length_ignore_wildcard_wins_over_a_literal_counting_phrase() -> None:
    # The ignore term has two wildcards and the counting term none: at equal length the ignore term
    # still wins, because being an ignore term ranks before having fewer wildcards.
    words = lexicon('"library card", "patron"', '"administration"', '"librar* card*"')
    text = "Patrons asked about library cards. Library card fees are set by the administration."
    assert matched(text, words) == [
        ("customer", "patron", "Patrons"),
        ("ignore", "librar* card*", "library cards"),
        ("ignore", "librar* card*", "Library card"),
        ("institution", "administration", "administration"),
    ]
    counts = count_text(text, words)
    assert counts.counts == {"customer": 1, "institution": 1}
    assert counts.ignored_count == 2


def test_equal_length_tie_among_counting_terms_is_not_an_ignore_tie() -> None:
    # Without an ignore term in the contest the literal wins over the wildcard (the next comparison).
    words = lexicon('"library card"', '"librar* card*"', '"user interface"')
    assert matched("library cards and librarian cardholders", words) == [
        ("customer", "library card", "library cards"),
        ("institution", "librar* card*", "librarian cardholders"),
    ]


# --- different lengths, same start: the longest wins, ignore term or not ---------------------------------------


def test_longer_counting_phrase_wins_over_a_shorter_ignore_phrase() -> None:
    # "library user" (two words, counting) and "library" (one word, ignore) both start at "Library".
    words = lexicon('"library user"', '"resource"', '"library"')
    text = "Library users asked for resources. The library closed early."
    assert matched(text, words) == [
        ("customer", "library user", "Library users"),
        ("institution", "resource", "resources"),
        ("ignore", "library", "library"),
    ]
    counts = count_text(text, words)
    assert counts.counts == {"customer": 1, "institution": 1}
    assert [hit.matched_text for hit in counts.ignored] == ["library"]


def test_longer_ignore_phrase_wins_over_a_shorter_counting_word() -> None:
    words = lexicon('"user"', '"library"', '"user interface"')
    text = "The user interface confused every user of the library."
    assert matched(text, words) == [
        ("ignore", "user interface", "user interface"),
        ("customer", "user", "user"),
        ("institution", "library", "library"),
    ]
    assert count_text(text, words).counts == {"customer": 1, "institution": 1}


def test_three_words_beat_two_beat_one_across_categories() -> None:
    words = lexicon('"friends of the library"', '"library"', '"friends of"')
    text = "Friends of the Library met. Friends of ours visited the library."
    assert matched(text, words) == [
        ("customer", "friends of the library", "Friends of the Library"),
        ("ignore", "friends of", "Friends of"),
        ("institution", "library", "library"),
    ]


# --- overlapping, different starts: the leftmost wins, ignore term or not --------------------------------------


def test_an_ignore_phrase_starting_first_takes_the_shared_word() -> None:
    # "Alderbrook Public Library card": the ignore phrase starts at "Public", the counting one at "Library".
    words = lexicon('"library card"', '"board"', '"public library"')
    text = "Alderbrook Public Library cards are free, the board said."
    assert matched(text, words) == [
        ("ignore", "public library", "Public Library"),
        ("institution", "board", "board"),
    ]
    assert count_text(text, words).counts == {"customer": 0, "institution": 1}


def test_a_counting_phrase_starting_first_takes_the_shared_word() -> None:
    words = lexicon('"library card"', '"catalogue"', '"card catalogue"')
    text = "Each library card catalogue entry; the card catalogue itself."
    assert matched(text, words) == [
        ("customer", "library card", "library card"),
        ("institution", "catalogue", "catalogue"),  # "card" went to "library card", so the ignore phrase cannot match
        ("ignore", "card catalogue", "card catalogue"),
    ]
