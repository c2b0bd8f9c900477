"""The matching rules of the lexicon format, one test (or more) per rule."""

from __future__ import annotations

import pytest
from helpers import count_text, lexicon_from, matched

from focuscount.errors import LexiconError
from focuscount.lexicon import parse_lexicon
from focuscount.matching import LexiconMatcher
from focuscount.nlp import get_pipeline


def two_categories(customer: str, institution: str = '"library"', ignore: str = "") -> str:
    return f"""
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


# Rule 1: the same tokenizer for text and terms; case-insensitive.
def test_case_does_not_matter() -> None:
    assert matched("CUSTOMERS, Customers and customers") == [
        ("customer", "customer", "CUSTOMERS"),
        ("customer", "customer", "Customers"),
        ("customer", "customer", "customers"),
    ]


def test_term_written_in_capitals_matches_lower_case_text() -> None:
    lexicon = lexicon_from(two_categories('"PATRON"'))
    assert matched("our patrons", lexicon) == [("customer", "PATRON", "patrons")]


# Rule 2: a plain word matches every token with the same lemma.
@pytest.mark.parametrize("text", ["customers", "Customer's", "CUSTOMERS", "customer", "customers'"])
def test_plain_word_matches_its_inflections(text: str) -> None:
    assert matched(f"The {text} needs") == [("customer", "customer", text.rstrip("'").removesuffix("'s"))]


def test_irregular_plural_matches_by_lemma() -> None:
    lexicon = lexicon_from(two_categories('"child"'))
    assert matched("Children and a child", lexicon) == [
        ("customer", "child", "Children"),
        ("customer", "child", "child"),
    ]


def test_plural_term_matches_singular_text() -> None:
    lexicon = lexicon_from(two_categories('"users"'))
    assert matched("one user, two users", lexicon) == [
        ("customer", "users", "user"),
        ("customer", "users", "users"),
    ]


def test_word_with_other_lemma_does_not_match() -> None:
    assert matched("We use the customs form") == []


# Rule 3: * and ? are globs over the lower-cased token text.
def test_star_glob_matches_token_text() -> None:
    lexicon = lexicon_from(two_categories('"patron"', '"librar*"'))
    assert matched("Library, libraries, LIBRARIAN, librarianship", lexicon) == [
        ("institution", "librar*", "Library"),
        ("institution", "librar*", "libraries"),
        ("institution", "librar*", "LIBRARIAN"),
        ("institution", "librar*", "librarianship"),
    ]


def test_question_mark_glob_matches_one_character() -> None:
    lexicon = lexicon_from(two_categories('"us?r"'))
    assert matched("user usher users", lexicon) == [("customer", "us?r", "user")]


def test_glob_from_issue_lexicon() -> None:
    assert matched("Volunteers and volunteering; a volunteer") == [
        ("customer", "volunteer*", "Volunteers"),
        ("customer", "volunteer*", "volunteering"),
        ("customer", "volunteer*", "volunteer"),
    ]


# Rule 4: multi-word terms match consecutive tokens; hyphenated terms match hyphenated text.
def test_phrase_matches_consecutive_tokens_each_by_lemma() -> None:
    assert matched("Internal procedures were reviewed") == [
        ("institution", "internal procedure", "Internal procedures")
    ]


def test_phrase_matches_across_a_line_break() -> None:
    assert matched("our internal\nprocedures") == [("institution", "internal procedure", "internal\nprocedures")]


def test_phrase_does_not_match_across_punctuation() -> None:
    assert matched("the library. Users came") == [
        ("institution", "library", "library"),
        ("customer", "user", "Users"),
    ]


def test_phrase_with_glob_inside() -> None:
    lexicon = lexicon_from(two_categories('"young adult*"'))
    assert matched("Young adults and young adulthood", lexicon) == [
        ("customer", "young adult*", "Young adults"),
        ("customer", "young adult*", "young adulthood"),
    ]


def test_hyphenated_term_matches_hyphenated_text_only() -> None:
    assert matched("a user-friendly page") == [("ignore", "user-friendly", "user-friendly")]
    assert matched("a user friendly page") == [("customer", "user", "user")]
    assert matched("a user - friendly page") == [("customer", "user", "user")]


# Rule 5: leftmost-longest; every token counts at most once; ignore terms compete and count nowhere.
def test_longest_term_wins_and_counts_once() -> None:
    counts = count_text("Library users asked for more")
    assert [(h.category, h.term, h.matched_text) for h in counts.hits] == [
        ("customer", "library user", "Library users")
    ]
    assert counts.counts == {"customer": 1, "institution": 0}


def test_leftmost_match_wins_over_a_longer_one_starting_later() -> None:
    # "library user" starts first and consumes "user", so "user interface" cannot match.
    assert matched("the library user interface") == [("customer", "library user", "library user")]


def test_ignore_terms_remove_their_words_from_every_count() -> None:
    counts = count_text("The Library of Congress and the user interface and a user-friendly form")
    assert counts.counts == {"customer": 0, "institution": 0}
    assert [hit.term for hit in counts.ignored] == ["Library of Congress", "user interface", "user-friendly"]
    assert counts.ignored_count == 3
    assert counts.ratio is None


def test_ignore_wins_a_tie_of_equal_length() -> None:
    lexicon = lexicon_from(two_categories('"user*"', '"library"', '"users"'))
    assert matched("users and usernames", lexicon) == [
        ("ignore", "users", "users"),
        ("customer", "user*", "usernames"),
    ]


def test_literal_beats_wildcard_of_equal_length() -> None:
    lexicon = lexicon_from(two_categories('"patron"', '"pat*"'))
    assert matched("patrons and patterns", lexicon) == [
        ("customer", "patron", "patrons"),
        ("institution", "pat*", "patterns"),
    ]


def test_any_number_of_categories() -> None:
    lexicon = lexicon_from(
        two_categories('"patron"')
        + """
[categories.staff_talk]
label = "Staff talk"
terms = ["staff"]
"""
    )
    counts = count_text("Staff helped patrons in the library", lexicon)
    assert counts.counts == {"customer": 1, "institution": 1, "staff_talk": 1}
    assert counts.ratio == 0.5


def test_term_that_compiles_to_the_same_words_as_another_is_an_error() -> None:
    lexicon = parse_lexicon(two_categories('"customer", "customers"'))
    with pytest.raises(LexiconError, match=r"'customers' in category 'customer' matches the same words as 'customer'"):
        LexiconMatcher(lexicon, get_pipeline("en"))


def test_same_words_in_category_and_ignore_is_an_error_with_line() -> None:
    text = two_categories('"patron"', '"library"', '"libraries"')
    with pytest.raises(LexiconError) as raised:
        LexiconMatcher(parse_lexicon(text), get_pipeline("en"))
    assert raised.value.line == 10
    assert "'libraries' in [ignore] matches the same words as 'library' in category 'institution'" in str(raised.value)


def test_hits_keep_offsets_location_and_context() -> None:
    text = "First line about nothing.\nThe board asked what patrons want from the new branch this year."
    counts = count_text(text)
    (hit,) = counts.hits
    assert text[hit.start : hit.end] == "patrons"
    assert str(hit.location) == "line 2"
    # Eight words either side; punctuation rides along without counting.
    assert hit.context == "First line about nothing. The board asked what patrons want from the new branch this year."


def test_context_stops_at_the_segment_edges() -> None:
    (hit,) = count_text("Patrons.").hits
    assert hit.context == "Patrons."


def test_hit_on_a_later_line_of_a_block_is_named_by_that_line() -> None:
    (hit,) = count_text("Opening words.\nMore words.\nOur patrons.").hits
    assert (hit.location.kind, hit.location.number, hit.location.line, str(hit.location)) == ("line", 3, 3, "line 3")
