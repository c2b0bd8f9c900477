"""What each shipped term counts, word by word, where the lemma rule could surprise.

The lookup lemma of a term's word is never used ("building" has the lemma build):
a term word matches a text word whose lemma is that word, or that word itself.
The first table has a row for every shipped term holding a word whose lookup
lemma differs from it, and a test checks that the rows and the lexicons agree,
so a term added to a lexicon cannot go untested.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from helpers import matched
from shipped_rows_language import ROWS as LANGUAGE_ROWS
from shipped_rows_sector import ROWS as SECTOR_ROWS

from focuscount.lexicon import Lexicon, load_lexicon, shipped_lexicons
from focuscount.matching import compile_term
from focuscount.nlp import get_pipeline


class Row(NamedTuple):
    lexicon: str
    term: str
    lemmas: dict[str, str]  # each word of the term whose lookup lemma differs from it → that lemma
    match: tuple[str, ...]  # texts the term must match, all of each text
    no_match: tuple[str, ...]  # texts in which the term must match nothing


# Every shipped term with a word whose lemma is another word.
DIFFERING = [
    # "buildings" and the phrases naming the building replace "building", whose lemma (build)
    # is never used: a lone "building" ("building trust") counts nowhere.
    Row(
        "library",
        "buildings",
        {"buildings": "building"},
        ("buildings", "Buildings", "BUILDINGS", "buildings'"),
        ("building", "Building", "build", "built"),
    ),
    Row(
        "library",
        "the building",
        {"building": "build"},
        ("the building", "the buildings", "The Building's"),
        ("the build", "the built", "building"),
    ),
    Row(
        "library",
        "library building",
        {"building": "build"},
        ("library building", "library buildings", "Library Building"),
        ("library build", "library built"),
    ),
    Row(
        "library", "branch building", {"building": "build"}, ("branch building", "branch buildings"), ("branch built",)
    ),
    Row(
        "library",
        "new building",
        {"building": "build"},
        ("new building", "new buildings", "New Building"),
        ("new build", "new built"),
    ),
    Row(
        "library",
        "building work",
        {"building": "build"},
        ("building work", "building works", "Building Work"),
        ("build work", "built work"),
    ),
    Row(
        "library",
        "building project",
        {"building": "build"},
        ("building project", "building projects"),
        ("build project", "build projects"),
    ),
    Row(
        "library",
        "building maintenance",
        {"building": "build"},
        ("building maintenance", "buildings maintenance"),
        ("build maintenance",),
    ),
    # The noun only: "what it would cost" and "costing" are any verb.
    Row(
        "library",
        "costs",
        {"costs": "cost"},
        ("costs", "Costs", "COSTS", "costs'"),
        ("cost", "Cost", "costing", "costed"),
    ),
    Row(
        "library",
        "funding",
        {"funding": "fund"},
        ("funding", "fundings", "Funding's"),
        ("fund", "funded", "funds", "Funds"),
    ),
    Row(
        "library",
        "older adult",
        {"older": "old"},
        ("older adult", "older adults", "Older Adults", "older adult's"),
        ("old adults", "old adult", "oldest adults"),
    ),
    Row(
        "library",
        "Board of Library Trustees",
        {"trustees": "trustee"},
        ("Board of Library Trustees", "board of library trustees"),
        ("Board of Library Trustee",),
    ),
    Row(
        "library",
        "Friends of the Library",
        {"friends": "friend"},
        ("Friends of the Library", "friends of the library"),
        ("a Friend of the Library", "Friend of the Library"),
    ),
    Row(
        "library",
        "integrated library system",
        {"integrated": "integrate"},
        ("integrated library system", "Integrated Library Systems"),
        ("integrate library system", "integrating library system"),
    ),
    # Ignore phrases: each removes its words from every count, so it matches as one hit.
    Row(
        "library",
        "member of the working group",
        {"working": "work"},
        ("member of the working group", "members of the working groups"),
        ("member of the work group", "member of the worked group"),
    ),
    Row(
        "library",
        "parks department",
        {"parks": "park"},
        ("parks department", "Parks Department", "parks departments"),
        ("park department",),
    ),
    Row(
        "library",
        "public works department",
        {"works": "work"},
        ("public works department", "Public Works Department"),
        ("public work department",),
    ),
    # Role titles and services named after the people served ("'s" has the lookup lemma "have").
    Row(
        "library",
        "children's department",
        {"children": "child", "'s": "have"},
        ("children's department", "Children's Department", "children's departments"),
        ("child's department",),
    ),
    Row(
        "library",
        "children's librarian",
        {"children": "child", "'s": "have"},
        ("children's librarian", "Children's Librarian", "children's librarians"),
        ("child's librarian",),
    ),
    Row(
        "library",
        "children's services",
        {"children": "child", "'s": "have", "services": "service"},
        ("children's services", "Children's Services"),
        ("child's service",),
    ),
    Row(
        "library",
        "children's specialist",
        {"children": "child", "'s": "have"},
        ("children's specialist", "children's specialists"),
        ("child's specialist",),
    ),
    Row(
        "library",
        "youth services librarian",
        {"services": "service"},
        ("youth services librarian", "Youth Services Librarian", "youth services librarians"),
        ("youth service librarian",),
    ),
    Row(
        "library",
        "driving licence",
        {"driving": "drive"},
        ("driving licence", "driving licences", "Driving Licence"),
        ("drive licence", "driven licence"),
    ),
    Row(
        "library",
        "students' union",
        {"students": "student"},
        ("students' union", "Students' Union", "students' unions"),
        ("student's union",),
    ),
]
DIFFERING += [Row(*row) for row in SECTOR_ROWS + LANGUAGE_ROWS]  # the other shipped lexicons' rows

# Terms whose comments (in the lexicon or the README) promise words whose lemma is the term.
PROMISED = [
    Row("library", "customer", {}, ("customer", "customers", "Customer's", "CUSTOMERS", "customers'"), ("customs",)),
    Row("library", "child", {}, ("child", "children", "Children's", "child's"), ("childhood", "childish")),
    Row("library", "staff", {}, ("staff", "staffing", "Staff's", "staffed", "staffs"), ("staffer",)),
    Row("library", "library user", {}, ("library user", "Library users", "library user's"), ()),
    Row("library", "people we serve", {}, ("people we serve", "people we served", "People we serve"), ()),
]


def shipped(name: str) -> Lexicon:
    return load_lexicon(shipped_lexicons()[name])


def lemmas_that_differ(lexicon: Lexicon, text: str) -> dict[str, str]:
    """Each plain word of the term ``text`` whose lookup lemma is another word, with that lemma."""
    pipeline = get_pipeline(lexicon.language)
    (term,) = [term for term in lexicon.all_terms if term.text == text]
    words = [test.word for test in compile_term(term, pipeline).tests if test.word is not None]
    return {word: pipeline.lemma(word) for word in words if pipeline.lemma(word) != word}


def test_every_shipped_term_whose_lemma_differs_has_a_row() -> None:
    differing = set()
    for name in shipped_lexicons():
        lexicon = shipped(name)
        differing |= {(name, term.text) for term in lexicon.all_terms if lemmas_that_differ(lexicon, term.text)}
    assert differing == {(row.lexicon, row.term) for row in DIFFERING}


def _id(row: Row) -> str:
    return f"{row.lexicon}:{row.term}"


@pytest.mark.parametrize("row", DIFFERING + PROMISED, ids=_id)
def test_row_names_the_lemmas_the_pipeline_gives(row: Row) -> None:
    assert lemmas_that_differ(shipped(row.lexicon), row.term) == row.lemmas


@pytest.mark.parametrize("row", DIFFERING + PROMISED, ids=_id)
def test_shipped_term_matches_its_words(row: Row) -> None:
    lexicon = shipped(row.lexicon)
    (term,) = [term for term in lexicon.all_terms if term.text == row.term]
    for text in row.match:
        # The possessive "'s" or "'" is a token of its own, after the matched words.
        words = text.removesuffix("'s").removesuffix("'")
        assert matched(f"Then {text} spoke.", lexicon) == [(term.category, term.text, words)], text


@pytest.mark.parametrize("row", [row for row in DIFFERING + PROMISED if row.no_match], ids=_id)
def test_shipped_term_does_not_match_words_of_another_lemma(row: Row) -> None:
    lexicon = shipped(row.lexicon)
    for text in row.no_match:
        assert row.term not in [term for _, term, _ in matched(f"Then {text} spoke.", lexicon)], text


@pytest.mark.parametrize(
    "word", ["meeting", "meetings", "met", "minutes", "agenda", "motion", "chair", "board", "item", "report"]
)
def test_words_of_the_minutes_form_count_nowhere(word: str) -> None:
    # The lexicon's header keeps the words every set of minutes has out of both lists.
    assert matched(f"The {word} was noted.", shipped("library")) == []
