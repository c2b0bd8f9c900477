"""The matching rules of the lexicon format, one test (or more) per rule."""

from __future__ import annotations

import dataclasses
import random
import time

import pytest
from helpers import count_text, lexicon_from, matched, matcher_for

from focuscount.errors import LexiconError
from focuscount.lexicon import Term, parse_lexicon
from focuscount.matching import LexiconMatcher, compile_term
from focuscount.nlp import Token, get_pipeline


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


# Rule 2: a plain word matches a token whose lemma is that word, or that is that word.
@pytest.mark.parametrize("text", ["customers", "Customer's", "CUSTOMERS", "customer", "customers'"])
def test_plain_word_matches_its_inflections(text: str) -> None:
    assert matched(f"The {text} needs") == [("customer", "customer", text.rstrip("'").removesuffix("'s"))]


def test_irregular_plural_matches_by_lemma() -> None:
    lexicon = lexicon_from(two_categories('"child"'))
    assert matched("Children and a child", lexicon) == [
        ("customer", "child", "Children"),
        ("customer", "child", "child"),
    ]


def test_plural_term_matches_only_the_plural() -> None:
    # The term's own lemma is never used: "users" (lemma user) matches the word users, not user.
    lexicon = lexicon_from(two_categories('"users"'))
    assert matched("one user, two users, Users'", lexicon) == [
        ("customer", "users", "users"),
        ("customer", "users", "Users"),
    ]


def test_term_whose_lemma_is_another_word_matches_only_its_own_forms() -> None:
    # The lookup lemma of "building" is "build": the term must not count build, built or builds.
    lexicon = lexicon_from(two_categories('"patron"', '"building"'))
    assert matched(
        "We build; they built it; she builds. The building, two buildings, the Building's roof", lexicon
    ) == [
        ("institution", "building", "building"),
        ("institution", "building", "buildings"),
        ("institution", "building", "Building"),
    ]


def test_meeting_matches_meetings_not_meet() -> None:
    # The lookup table's quirk: "meetings" → meeting, but "meeting" → meet.
    lexicon = lexicon_from(two_categories('"patron"', '"meeting"'))
    assert matched("We meet and met; the meeting and two Meetings", lexicon) == [
        ("institution", "meeting", "meeting"),
        ("institution", "meeting", "Meetings"),
    ]


def test_word_matches_the_words_whose_lemma_it_is() -> None:
    # "staffing" has the lookup lemma staff, so the term staff counts it; "staffing" does not count staff.
    lexicon = lexicon_from(two_categories('"patron"', '"staff"'))
    assert matched("Staff, staffing, staffed", lexicon) == [
        ("institution", "staff", "Staff"),
        ("institution", "staff", "staffing"),
        ("institution", "staff", "staffed"),
    ]
    lexicon = lexicon_from(two_categories('"patron"', '"staffing"'))
    assert matched("Staff, staffing, staffed", lexicon) == [("institution", "staffing", "staffing")]


def test_phrase_applies_the_rule_to_each_word() -> None:
    lexicon = lexicon_from(two_categories('"older adult"', '"building fund"'))
    assert matched("older adults, old adults, the building funds, the build fund", lexicon) == [
        ("customer", "older adult", "older adults"),
        ("institution", "building fund", "building funds"),
    ]


def test_a_full_models_lemma_is_matched_by_the_word_it_names() -> None:
    # With --model the lemma comes from the model; the rule is the same: a term word matches a token's lemma or form.
    matcher = matcher_for(lexicon_from(two_categories('"patron"', '"building"')))
    tokens = [
        Token("built", "built", "build", 0, 5, True),
        Token("buildings", "buildings", "building", 6, 15, True),
        Token("building", "building", "build", 16, 24, True),
    ]
    found = [(m.pattern.term.text, m.first) for m in matcher.find(tokens)]
    assert found == [("building", 1), ("building", 2)]


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
    # The lexicon loader already refuses "customer" twice, in any case; a doubled star is the same wildcard.
    lexicon = parse_lexicon(two_categories('"patron"', '"librar*"', '"librar**"'))
    with pytest.raises(LexiconError) as raised:
        LexiconMatcher(lexicon, get_pipeline("en"))
    assert (
        str(raised.value)
        == "lexicon:10: term 'librar**' in [ignore] matches the same words as 'librar*' in category 'institution'; keep one of them"
    )


@pytest.mark.parametrize("terms", ['"customer", "customers"', '"customers", "customer"'])
def test_term_matching_only_what_another_term_of_its_category_matches_is_an_error(terms: str) -> None:
    # Every word "customers" matches has the lemma customer, so "customer" matches it too.
    with pytest.raises(LexiconError) as raised:
        LexiconMatcher(parse_lexicon(two_categories(terms)), get_pipeline("en"))
    assert raised.value.line == 6
    assert raised.value.message == (
        "term 'customers' in category 'customer' matches only words that 'customer' matches too; keep one of them"
    )


def test_covered_phrase_is_an_error_with_its_line() -> None:
    text = two_categories('"patron"', '"library"', '"user interface", "users interfaces"')
    with pytest.raises(LexiconError) as raised:
        LexiconMatcher(parse_lexicon(text), get_pipeline("en"))
    assert raised.value.line == 10
    assert raised.value.message == (
        "term 'users interfaces' in [ignore] matches only words that 'user interface' matches too; keep one of them"
    )


@pytest.mark.parametrize(
    ("customer", "institution", "ignore"),
    [
        ('"meet"', '"meeting"', ""),  # "meetings" has the lemma meeting: meet does not match it
        ('"meet", "meeting"', '"library"', ""),  # the same, in one category
        ('"patron"', '"library"', '"libraries"'),  # another category: the plural is ignored, the singular counts
        ('"patrons"', '"patron"', ""),
        ('"user*", "user"', '"library"', ""),  # a wildcard and a word are different tests
    ],
)
def test_terms_that_match_different_words_are_accepted(customer: str, institution: str, ignore: str) -> None:
    LexiconMatcher(parse_lexicon(two_categories(customer, institution, ignore)), get_pipeline("en"))


def test_a_plural_term_next_to_its_singular_in_another_category_wins_the_plural() -> None:
    lexicon = lexicon_from(two_categories('"patron"', '"library"', '"libraries"'))
    assert matched("the library and two libraries", lexicon) == [
        ("institution", "library", "library"),
        ("ignore", "libraries", "libraries"),
    ]


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


# Rule 5 at scale: the compiled trie finds exactly what trying every term at every token finds.
FILLER = ["the", "and", "of", "a", "new", "met", "asked", "for", "more", "our"]
VOCABULARY = [
    "library", "libraries", "librarian", "user", "users", "patron", "patrons", "service", "services",
    "internal", "procedure", "procedures", "young", "adult", "adults", "adulthood", "customer", "board",
    "staff", "volunteer", "volunteering", "plan", "planning", "self", "friendly", "usher", "children",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "  ", "\n", "-", ", ", ". ", " - "]


def naive_matches(matcher: LexiconMatcher, tokens: list) -> list[tuple[str, str, int, int]]:
    """The reference: at each token try every term, keep the best-ranked one that matches, skip its tokens."""
    found: list[tuple[str, str, int, int]] = []
    index = 0
    while index < len(tokens):
        matching = [pattern for pattern in matcher.patterns if pattern.matches_at(tokens, index)]
        if not matching:
            index += 1
            continue
        best = min(matching, key=lambda pattern: pattern.rank)
        found.append((best.category, best.term.text, index, index + len(best.tests)))
        index += len(best.tests)
    return found


def random_term(rng: random.Random) -> str:
    word = rng.choice(VOCABULARY)
    shape = rng.random()
    if shape < 0.25:
        return word
    if shape < 0.40:
        return word[: rng.randint(2, len(word))] + "*"
    if shape < 0.47:
        where = rng.randrange(len(word))
        return word[:where] + "?" + word[where + 1 :]
    if shape < 0.52:
        return "*" + word[-rng.randint(2, len(word)) :]
    if shape < 0.60:
        return f"{rng.choice(VOCABULARY)}-{word}"
    if shape < 0.70:
        return f"{rng.choice(VOCABULARY)} {word[: rng.randint(2, len(word))]}*"
    words = [rng.choice(VOCABULARY) for _ in range(rng.choice([2, 2, 3]))]
    return " ".join(words)


def random_lexicon(rng: random.Random, size: int) -> str:
    """A lexicon of ``size`` distinct terms of every shape in two categories and [ignore]."""
    pipeline = get_pipeline("en")
    keys: set[tuple] = set()
    placed: dict[str, list[str]] = {"customer": [], "institution": [], "ignore": []}
    while sum(map(len, placed.values())) < size:
        text = random_term(rng)
        pattern = compile_term(Term(text, "customer"), pipeline)
        key = (tuple(test.key for test in pattern.tests), pattern.joined)
        # "users" next to "user" in one category is refused; in different categories both are kept.
        category = rng.choice(["customer", "customer", "institution", "institution", "ignore"])
        by_lemma = (category, tuple((pipeline.lemma(t.word) if t.word else t.wildcard) for t in pattern.tests), key[1])
        if (
            key in keys
            or by_lemma in keys
            or any(text.lower() == t.lower() for terms in placed.values() for t in terms)
        ):
            continue
        keys.update((key, by_lemma))
        placed[category].append(text)
    for name in ("customer", "institution"):
        placed[name] = placed[name] or [f"zz{name}"]
    listed = {name: ", ".join(f'"{term}"' for term in terms) for name, terms in placed.items()}
    return two_categories(listed["customer"], listed["institution"], listed["ignore"])


def random_text(rng: random.Random, words: int) -> str:
    parts: list[str] = []
    for _ in range(words):
        parts.append(rng.choice(VOCABULARY if rng.random() < 0.7 else FILLER))
        parts.append(rng.choice(SEPARATORS))
    text = "".join(parts)
    return text.upper() if rng.random() < 0.1 else text


@pytest.mark.parametrize("seed", range(12))
def test_trie_matcher_finds_exactly_what_trying_every_term_finds(seed: int) -> None:
    rng = random.Random(seed)
    matcher = LexiconMatcher(parse_lexicon(random_lexicon(rng, 40)), get_pipeline("en"))
    pipeline = matcher.pipeline
    contested = 0
    for _ in range(8):
        tokens = pipeline.tokens(random_text(rng, 150))
        expected = naive_matches(matcher, tokens)
        found = [(m.pattern.category, m.pattern.term.text, m.first, m.last) for m in matcher.find(tokens)]
        assert found == expected
        contested += sum(
            sum(1 for pattern in matcher.patterns if pattern.matches_at(tokens, first)) > 1
            for _, _, first, _ in expected
        )
    assert contested > 0  # several terms did compete for the same tokens


def test_trie_matcher_breaks_every_kind_of_tie_like_the_rank_says() -> None:
    lexicon = lexicon_from(
        two_categories('"user*", "lib*", "young adult*"', '"libr*", "library", "young adults"', '"users"')
    )
    assert matched("users usernames librarianship libraries young adults young adulthood", lexicon) == [
        ("ignore", "users", "users"),  # ignore beats a wildcard of the same length
        ("customer", "user*", "usernames"),
        ("customer", "lib*", "librarianship"),  # two wildcards: the first in the lexicon
        ("institution", "library", "libraries"),  # a literal beats a wildcard
        ("institution", "young adults", "young adults"),
        ("customer", "young adult*", "young adulthood"),
    ]


def test_a_token_matching_by_its_surface_form_but_not_its_lemma_still_matches() -> None:
    # A full model may give a word another lemma than the lookup table ("patron" → "patronize"):
    # the word as written still matches the term written the same way.
    matcher = matcher_for(lexicon_from(two_categories('"patron"', '"library"')))
    tokens = [Token("patron", "patron", "patronize", 0, 6, True), Token("library", "library", "library", 7, 14, True)]
    found = [(m.pattern.category, m.pattern.term.text, m.first, m.last) for m in matcher.find(tokens)]
    assert found == naive_matches(matcher, tokens) == [("customer", "patron", 0, 1), ("institution", "library", 1, 2)]


def phrase_lexicon(count: int, shared: str = "the") -> str:
    """``count`` two-word phrases that all start with ``shared``, and as many wildcard terms."""
    phrases = ", ".join(f'"{shared} zq{index}"' for index in range(count))
    wildcards = ", ".join(f'"wq{index}x*"' for index in range(count))
    return two_categories(phrases, wildcards)


@pytest.mark.slow
def test_matching_time_does_not_grow_with_the_number_of_terms_sharing_a_first_word() -> None:
    pipeline = get_pipeline("en")
    tokens = pipeline.tokens("the board met the zq7 and the staff about wq7xyz the plan. " * 400)

    def best_seconds(count: int) -> tuple[float, int]:
        matcher = LexiconMatcher(parse_lexicon(phrase_lexicon(count)), pipeline)
        times = []
        for _ in range(3):
            started = time.perf_counter()
            found = list(matcher.find(tokens))
            times.append(time.perf_counter() - started)
        return min(times), len(found)

    small, small_found = best_seconds(20)
    large, large_found = best_seconds(5_000)
    assert small_found == large_found == 800
    # 250 times the terms; trying each term sharing "the" (and each glob) at every token cost ~100x.
    assert large < 5 * small + 0.05


# Case-sensitive terms ("=ALA") match a word only as written.
def test_case_sensitive_term_matches_only_as_written() -> None:
    lexicon = lexicon_from(two_categories('"=ALA", "patron"'))
    assert matched("The ALA, the Ala and ala members; ALA's patrons", lexicon) == [
        ("customer", "=ALA", "ALA"),
        ("customer", "=ALA", "ALA"),
        ("customer", "patron", "patrons"),
    ]


def test_case_sensitive_term_uses_no_lemma() -> None:
    lexicon = lexicon_from(two_categories('"=Friends of the Library"', '"staff"', ignore='"library"'))
    assert matched("Friends of the Library, Friends of the Libraries, friends of the library", lexicon) == [
        ("customer", "=Friends of the Library", "Friends of the Library"),
        ("ignore", "library", "Libraries"),
        ("ignore", "library", "library"),
    ]


def test_case_sensitive_ignore_term_wins_over_its_case_insensitive_twin() -> None:
    # "=Library" in [ignore] and "library" in a category: capitalised "Library" counts nowhere.
    lexicon = lexicon_from(two_categories('"patron"', ignore='"=Library"'))
    counts = count_text("Library hours; the library opens at nine.", lexicon)
    assert counts.counts == {"customer": 0, "institution": 1}
    assert [(hit.matched_text, hit.term) for hit in counts.ignored] == [("Library", "=Library")]


def test_case_sensitive_tokens_keep_their_spacing() -> None:
    lexicon = lexicon_from(two_categories('"=Hartwell-Lee Fund"'))
    assert matched("the Hartwell-Lee Fund and the Hartwell - Lee Fund", lexicon) == [
        ("customer", "=Hartwell-Lee Fund", "Hartwell-Lee Fund")
    ]


def test_compile_term_of_a_case_sensitive_term() -> None:
    pattern = compile_term(Term("=ALA Council", "customer"), get_pipeline("en"))
    assert [test.key for test in pattern.tests] == [("exact", "ALA"), ("exact", "Council")]
    token = get_pipeline("en").tokens("ala")[0]
    assert not pattern.tests[0].matches(token)


# The lexicon's own names ([ignore] names) and the names rule, as the counting asks for them.
NAMED = """
[ratio]
focus = "customer"
versus = "institution"
[categories.customer]
terms = ["family"]
[categories.institution]
terms = ["library"]
[ignore]
names = ["Library Carpentry", "Riverside Library Carpentry Club"]
"""


def names_in(text: str, lexicon_text: str = NAMED, **options: bool) -> list[tuple[str, int, int]]:
    matcher = matcher_for(lexicon_from(lexicon_text))
    tokens = matcher.pipeline.tokens(text)
    return [(name.text, name.first, name.last) for name in matcher.names_in(tokens, text, **options)]


def test_names_in_finds_listed_names_case_sensitively_and_longest_first() -> None:
    text = "Library Carpentry began; library carpentry is not it; the Riverside Library Carpentry Club met."
    assert names_in(text) == [("Library Carpentry", 0, 2), ("Riverside Library Carpentry Club", 11, 15)]


def test_names_in_adds_the_rules_names_unless_a_heading_or_turned_off() -> None:
    text = "Library Carpentry thanked the Hartwell Family Endowment."
    assert names_in(text) == [("Library Carpentry", 0, 2), ("Hartwell Family Endowment", 4, 7)]
    assert names_in(text, heading=True) == [("Library Carpentry", 0, 2)]
    assert names_in(text, 'names = "count"\n' + NAMED) == [("Library Carpentry", 0, 2)]


def test_a_listed_name_wins_over_the_rules_name_it_overlaps_unless_held_whole() -> None:
    text = "we met the Lakeshore Library Carpentry group"
    # The rule's "Lakeshore Library Carpentry" holds the listed "Library Carpentry" whole: the longer name stands.
    assert names_in(text) == [("Lakeshore Library Carpentry", 3, 6)]
    # A listed name reaching past the rule's name wins the overlap.
    partly = NAMED.replace('"Library Carpentry", ', '"Carpentry group", ')
    assert names_in(text, partly) == [("Carpentry group", 5, 7)]


def test_names_that_compile_alike_are_refused() -> None:
    # The loader refuses a name listed twice; the matcher too, for a lexicon built another way.
    lexicon = lexicon_from(NAMED)
    twice = dataclasses.replace(lexicon, ignore_names=lexicon.ignore_names[:1] * 2)
    with pytest.raises(LexiconError) as raised:
        matcher_for(twice)
    assert raised.value.message == (
        "name 'Library Carpentry' in [ignore] names matches the same words as 'Library Carpentry' in "
        "[ignore] names; keep one of them"
    )


def test_case_sensitive_term_words_count_for_speaker_labels() -> None:
    matcher = matcher_for(lexicon_from(two_categories('"=ALA"')))
    assert matcher.is_term_word("ala")
    assert not matcher.is_term_word("council")
