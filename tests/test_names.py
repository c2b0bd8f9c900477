"""The names rule: a term inside a multi-word proper name counts nowhere, and what is not a name.

Each case is a realistic sentence (or a few lines) of minutes or a talk, read as a
file through the reading stage and counted with the shipped ``library`` lexicon:
the exact customer and institution counts, and every hit that counted nowhere
with its reason (``name: …`` for a name, the name as reported).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import lexicon_from, matcher_for

from focuscount.counting import count_document
from focuscount.lexicon import load_lexicon
from focuscount.model import DocumentCounts
from focuscount.names import NameSpan, find_names, merge_names
from focuscount.nlp import get_pipeline
from focuscount.readers import read_document
from focuscount.reading import WordKnowledge

LIBRARY = load_lexicon("library")

# (case, text, file extension, customer hits, institution hits, ignored hits as (matched words, reason))
CASES = [
    # Names: their words count nowhere.
    ("name mid-sentence", "The board thanked Riverside Public Library staff for the extra hours.", "txt",
     0, 1, [("Library", "name: Riverside Public Library")]),
    ("name at sentence start, two capitals after it", "Riverside Public Library hosted 40 families at the open day.",
     "txt", 1, 0, [("Library", "name: Riverside Public Library")]),
    ("possessive belongs to the name", "Riverside Public Library's board approved the budget for customers.", "txt",
     1, 1, [("Library", "name: Riverside Public Library")]),
    ("name after 'the' mid-sentence", "Parents asked whether the Riverside Library could open earlier.", "txt",
     1, 0, [("Library", "name: Riverside Library")]),
    ("training programme", "Two staff attended a Library Carpentry workshop on data cleaning.", "txt",
     0, 1, [("Library", "name: Library Carpentry")]),
    ("sentence-initial function word is not the name", "At Library Carpentry we train staff to clean data.", "txt",
     0, 1, [("Library", "name: Library Carpentry")]),
    ("regional council", "The director met the Metropolitan Area Library Council about shared catalogues.", "txt",
     0, 1, [("Library", "name: Metropolitan Area Library Council")]),
    ("a law is not talk about families",
     "Staff may take leave under the Family and Medical Leave Act, the director said.",
     "txt", 0, 1, [("Family", "name: Family and Medical Leave Act")]),
    ("funder mid-sentence", "A grant from the Hartwell Family Endowment pays for the children's reading club.", "txt",
     1, 0, [("Family", "name: Hartwell Family Endowment")]),
    ("leading 'The' left out of the name reported", "The Hartwell Family Endowment renewed its grant for families.",
     "txt", 1, 0, [("Family", "name: Hartwell Family Endowment")]),
    ("state association", "Our director will speak at the Northfield Library Association conference in May.", "txt",
     0, 0, [("Library", "name: Northfield Library Association")]),
    ("association with two words before 'Library'", "Two trustees joined the Lakeshore State Library Association.",
     "txt", 0, 0, [("Library", "name: Lakeshore State Library Association")]),
    ("name wrapped onto the next line of a paragraph",
     "We met with staff from the Metropolitan Area\nLibrary Council about shared services for families.", "txt",
     1, 1, [("Library", "name: Metropolitan Area Library Council")]),
    ("connectors wrapped onto the next line", "The grant came from the Alderbrook Fund for\nFamily Literacy last year.",
     "txt", 0, 0, [("Family", "name: Alderbrook Fund for Family Literacy")]),
    ("hyphenated name", "The Hartwell-Lee Family Fund gave money to the library.", "txt",
     0, 1, [("Family", "name: Hartwell-Lee Family Fund")]),
    ("abbreviations inside a name", "The U.S. Department of Education funds the summer reading club for children.",
     "txt", 1, 0, [("Department", "name: U.S. Department of Education")]),
    ("saint's name", "We welcomed staff from St. Agnes Branch Library and their families.", "txt",
     1, 1, [("Branch", "name: St. Agnes Branch Library"), ("Library", "name: St. Agnes Branch Library")]),
    ("a job title is a name", "The Children and Families Coordinator reported that children's visits rose.", "txt",
     1, 0, [("Children", "name: Children and Families Coordinator"),
            ("Families", "name: Children and Families Coordinator")]),
    ("an event name", "Families First Week starts on Monday with story times.", "txt",
     0, 0, [("Families", "name: Families First Week")]),
    ("the rest of a label's line is talk, a name in it is not",
     "Note: Riverside Public Library closes early on Friday for staff training.", "txt",
     0, 1, [("Library", "name: Riverside Public Library")]),
    ("a name after a speaker label", "Chair: Riverside Public Library staff will report in May.", "txt",
     0, 1, [("Library", "name: Riverside Public Library")]),
    ("a sign-off after a valediction with a comma",
     "We look forward to working with you.\n\nWith thanks,\nRiverside Public Library\n", "txt",
     0, 0, [("Library", "name: Riverside Public Library")]),
    ("a quoted title in Title Case is a name", 'The board discussed the report "Serving Families Better" at length.',
     "txt", 0, 0, [("Families", "name: Serving Families Better")]),
    # The shipped lexicon's ignore terms win over the rule: their reason is "ignore term".
    ("Friends of the Library (an ignore term of the shipped lexicon)",
     "Volunteers from the Friends of the Library ran the book sale for patrons.", "txt",
     1, 0, [("Friends of the Library", "ignore term")]),
    ("Board of Library Trustees mid-sentence (an ignore term of the shipped lexicon)",
     "Thanks go to the Board of Library Trustees for the new policy.", "txt",
     0, 1, [("Board of Library Trustees", "ignore term")]),
    ("ignore term inside a name", "Thanks to the Alderbrook Library Foundation, the library bought new shelving.",
     "txt", 0, 1, [("Library Foundation", "ignore term")]),
    ("the law's short form is an ignore term of the shipped lexicon",
     "Staff may take leave under the Family Medical Leave Act, the director said.", "txt",
     0, 1, [("Family Medical Leave", "ignore term")]),
    # The shipped lexicon lists "Public Library" among its names ([ignore] names): a name even where
    # the rule sees a heading, reported as listed.
    ("a listed name alone on its line", "The meeting closed at 8 pm.\n\nRiverside Public Library\n", "txt",
     0, 0, [("Library", "name: Public Library")]),
    # Not names: these are talk, and count.
    ("sentence-initial capital", "Library staff met with customers on Tuesday.", "txt", 1, 2, []),
    ("sentence-initial plural", "Customers asked for longer opening hours at the branch.", "txt", 1, 1, []),
    ("'The' and one capital", "The Library staff thanked the families.", "txt", 1, 2, []),
    ("sentence-initial name of two words (list it in the lexicon)",
     "Library Carpentry lessons began in March for staff.", "txt", 0, 2, []),
    ("Title Case heading line", "Library Services Review\nThe review found that users want more evening hours.",
     "txt", 1, 1, []),
    ("Title Case heading with small words", "Update on the Library Budget\n\nThe board noted the figures.", "txt",
     0, 2, []),
    ("heading at a line start with a quarter", "Q3 Library Budget\nThe budget for the quarter was approved.", "txt",
     0, 3, []),
    ("numbered agenda item", "4.2 Library Budget\n\nThe treasurer presented the figures.", "txt", 0, 2, []),
    ("heading after a label", "Item 4: Library Services Review\n\nUsers asked for more evening hours.", "txt",
     1, 1, []),
    ("Markdown heading", "# Library Services Review\n\nUsers asked for more evening hours.\n", "md", 1, 1, []),
    ("bullets starting with capitals", "• Customer Service\n• Library Budget\n", "txt", 1, 2, []),
    ("ALL-CAPS heading line", "CUSTOMER SERVICE REPORT\nCustomers asked for longer hours.", "txt", 2, 0, []),
    ("'I' is not a capitalised word", "I told the library users that the hours would change.", "txt", 1, 0, []),
    ("'the Library and I'", "Between the Library and I, we keep the catalogue current.", "txt", 0, 2, []),
    ("dash list item", "- Patron feedback on the new catalogue was positive.", "txt", 1, 1, []),
    ("a word and a colon starting the text", "Users: most asked for longer hours in winter.", "txt", 1, 0, []),
    ("hyphenated compound is one word", "Our Customer-Focused plan was approved by the library.", "txt", 1, 1, []),
    ("quotation starting with a capital", '"Customer First" was the theme of the staff day.', "txt", 1, 1, []),
    ("a sign-off line after a title line is a heading and counts",
     "Maria Lopez\nDirector\nRiverside Regional Library\n", "txt", 0, 1, []),
    ("a name alone in its paragraph is a heading and counts",
     "The meeting closed at 8 pm.\n\nRiverside Regional Library\n", "txt", 0, 1, []),
    # Audience, Children, families, Children: no name runs from "Audience" into "Measure".
    ("table cells start afresh", "Audience\tMeasure\nChildren and families\tChildren at story times\n", "txt",
     4, 0, []),
    # Labels are the lead's rule: an attendance line's terms count nowhere.
    ("attendance line", "Present: Library Director, Branch Manager, two trustees", "txt",
     0, 0, [("Library", "label"), ("Branch", "label")]),
]  # fmt: skip


def count_file(tmp_path: Path, text: str, extension: str, lexicon=LIBRARY) -> DocumentCounts:
    path = tmp_path / f"minutes.{extension}"
    path.write_text(text, encoding="utf-8")
    matcher = matcher_for(lexicon)
    pipeline = matcher.pipeline
    # What `analyze` tells the reading stage: dictionary words, and the lexicon's words.
    known = pipeline.is_known_word if pipeline.has_word_list else None
    document = read_document(path, words=WordKnowledge(known=known, term=matcher.is_term_word))
    return count_document(document, matcher)


def test_there_are_forty_cases_or_more() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("text", "extension", "customer", "institution", "ignored"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_names_rule(
    tmp_path: Path, text: str, extension: str, customer: int, institution: int, ignored: list[tuple[str, str]]
) -> None:
    counts = count_file(tmp_path, text, extension)
    assert (counts.counts["customer"], counts.counts["institution"]) == (customer, institution)
    assert [(hit.matched_text, hit.reason) for hit in counts.ignored] == ignored


def test_the_rule_finds_friends_of_the_library_without_an_ignore_term(tmp_path: Path) -> None:
    # The lexicon has no "Friends of the Library": the names rule takes it.
    counts = count_file(tmp_path, "Volunteers from the Friends of the Library ran the sale for patrons.", "txt",
                        lexicon_from())  # fmt: skip
    assert counts.counts == {"customer": 2, "institution": 0}  # Volunteers (volunteer*), patrons
    assert [(hit.matched_text, hit.reason) for hit in counts.ignored] == [("Library", "name: Friends of the Library")]


def test_names_count_when_the_lexicon_says_so(tmp_path: Path) -> None:
    lexicon = lexicon_from(
        """
        names = "count"
        [ratio]
        focus = "customer"
        versus = "institution"
        [categories.customer]
        terms = ["family"]
        [categories.institution]
        terms = ["library"]
        """
    )
    text = "Staff thanked Riverside Public Library and the Hartwell Family Endowment."
    counts = count_file(tmp_path, text, "txt", lexicon)
    assert counts.counts == {"customer": 1, "institution": 1}
    assert counts.ignored == ()


def test_minutes_with_a_letterhead_a_wrapped_name_and_a_sign_off(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        Riverside Public Library
        Minutes of the Regular Meeting of the Trustees, 14 March 2024

        Present: Chair, Treasurer, Library Director, three trustees

        1. Director's report

        The director reported that Riverside Public Library welcomed 1,200 more
        visitors than last March. Library staff ran twelve story times for
        families, and the Hartwell Family Endowment renewed its grant for the
        Metropolitan Area
        Library Council's shared catalogue.

        Customers asked for longer Saturday hours at the Eastside Branch Library.

        With thanks,
        Riverside Public Library
        """
    )
    counts = count_file(tmp_path, text, "txt")
    # customer: visitors, families, Customers; institution: Library (sentence start), staff, catalogue.
    # The letterhead line is a heading to the rule, but the shipped lexicon lists "Public Library" as a name.
    assert counts.counts == {"customer": 3, "institution": 3, "community": 0, "partners": 0}
    assert [(hit.matched_text, hit.reason) for hit in counts.ignored] == [
        ("Library", "name: Public Library"),
        ("Library", "label"),
        ("Library", "name: Riverside Public Library"),  # the rule's name holds the listed one whole
        ("Family", "name: Hartwell Family Endowment"),
        ("Library", "name: Metropolitan Area Library Council"),
        ("Branch", "name: Eastside Branch Library"),
        ("Library", "name: Eastside Branch Library"),
        ("Library", "name: Riverside Public Library"),
    ]


def spans(text: str, start: int = 0, wraps: bool = True) -> list[tuple[str, int, int]]:
    tokens = get_pipeline("en").tokens(text)
    return [(name.text, name.first, name.last) for name in find_names(tokens, text, start, wraps)]


def test_span_keeps_the_leading_the_and_the_possessive() -> None:
    assert spans("The Hartwell Family Endowment's grant") == [("Hartwell Family Endowment", 0, 5)]


def test_find_names_starts_at_the_given_token() -> None:
    # From token 1 ("Public"), "Public" starts the text: one capital after it is not enough.
    assert spans("Riverside Public Library", start=1) == []
    assert spans("we met at Riverside Public Library", start=3) == [("Riverside Public Library", 3, 6)]


def test_more_than_two_connectors_end_the_run() -> None:
    assert spans("we thanked Alderbrook of the and Library staff") == []


def test_without_wrapping_every_line_stands_alone() -> None:
    text = "A flat budget and a roof that failed in August\nStaff capacity while the catalogue went live"
    assert spans(text) == [("August Staff", 9, 11)]  # a paragraph wrapped mid-sentence
    assert spans(text, wraps=False) == []  # the bullets of a slide


def test_merge_names_listed_win_overlaps_unless_held_whole() -> None:
    found = [NameSpan(0, 4, "Riverside Library Carpentry Club"), NameSpan(6, 8, "Hartwell Fund")]
    listed = [NameSpan(1, 3, "Library Carpentry")]
    assert merge_names(listed, found) == found  # the longer name holds the listed one whole: it stands
    inside = [NameSpan(5, 7, "Fund Board")]  # overlaps "Hartwell Fund" without being inside it: listed wins
    assert merge_names(inside, found) == [found[0], inside[0]]
    assert merge_names([], found) == found


LISTED = """
[ratio]
focus = "customer"
versus = "institution"
[categories.customer]
terms = ["family", "patron"]
[categories.institution]
terms = ["library", "staff"]
[ignore]
names = ["Library Carpentry", "Hartwell Family Endowment"]
"""


def test_listed_names_are_ignored_case_sensitively(tmp_path: Path) -> None:
    text = (
        "Library Carpentry lessons began in March for staff.\n"
        "Patrons asked whether library carpentry was a woodwork class.\n"
    )
    counts = count_file(tmp_path, text, "txt", lexicon_from(LISTED))
    # A sentence-initial "Library Carpentry" is no name for the rule, but the lexicon lists it;
    # "library carpentry" in lower case is not the name.
    assert counts.counts == {"customer": 1, "institution": 2}
    assert [(hit.matched_text, hit.reason, hit.location.line) for hit in counts.ignored] == [
        ("Library", "name: Library Carpentry", 1)
    ]


def test_listed_names_hold_in_headings_and_with_the_rule_off(tmp_path: Path) -> None:
    text = "# Library Carpentry\n\nThe Hartwell Family Endowment and Riverside Public Library thanked families.\n"
    counts = count_file(tmp_path, text, "md", lexicon_from('names = "count"\n' + LISTED))
    assert counts.counts == {"customer": 1, "institution": 1}  # families; Riverside Public Library counts
    assert [(hit.matched_text, hit.reason) for hit in counts.ignored] == [
        ("Library", "name: Library Carpentry"),
        ("Family", "name: Hartwell Family Endowment"),
    ]


def test_slide_lines_stand_alone() -> None:
    # Slide 9 of the example talk: "…a branch roof that failed in August" and, on the next
    # bullet, "Staff capacity while …": two bullets, not one sentence with a name "August Staff".
    path = Path(__file__).resolve().parent.parent / "examples/talks/2024-10-03-regional-conference.pptx"
    matcher = matcher_for(LIBRARY)
    counts = count_document(read_document(path), matcher)
    assert [hit.reason for hit in counts.ignored if "August" in hit.reason] == []
    assert [hit.matched_text for hit in counts.hits if hit.location.number == 9 and hit.term == "staff"] == ["Staff"]
