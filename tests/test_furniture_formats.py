"""Same text, same counts, with running heads: a header or footer counts nowhere, in every format.

tests/fixtures/furniture/ holds four pages of a library board's minutes with a
running header ("RIVERSIDE PUBLIC LIBRARY — Board of Trustees", 6 words) and
footer ("Minutes, 14 March 2025 · Page N of 4", 8 words), as LibreOffice exports
them (and as ``pdftotext`` and Markdown), and a four-slide deck with a footer
("Riverside Public Library · Regional Conference 2025", 6 words), a date
("9 October 2025", 3 words) and a slide number on every slide.  Made by
tests/fixtures/make_furniture_fixtures.py.

Counted by hand from the texts in that script: the minutes' body has 454 words
(a clitic "'s" is no word, "self-service" is two, "38,000" and "6:30" one each),
14 customer hits, 23 institution hits and one of the default lexicon's report-only
community category; the deck's slides have 62 words, 7 customer hits, 4 institution
hits and one community hit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import focuscount
from focuscount.evidence import iter_evidence

FURNITURE = Path(__file__).resolve().parent / "fixtures" / "furniture"

MINUTES_WORDS = 454
MINUTES_COUNTS = {"customer": 14, "institution": 23, "community": 1, "partners": 0}
MINUTES_TERMS = {
    "customer": {
        "resident": 2,  # "two residents who came as observers", "residents may book rooms"
        "family": 2,  # "4. Services for families", "many families rely on the branch"
        "patron": 1,
        "customer": 1,
        "child": 1,  # "the children's collection"
        "older adult": 1,
        "reader": 1,
        "parent": 1,
        "visitor": 1,
        "newcomer": 1,
        "job seeker": 1,
        "teen": 1,
    },
    "institution": {
        # The heading, the plan twice, "the children's collection", "(Head of Collections)" in the
        # actions; "The Head of Collections presented" is a name and the attendance line a label.
        "collection": 5,
        # "by branch" twice, "the Eastside branch" twice, "rely on the branch"; "the Main Branch" is a name.
        "branch": 5,
        "staff": 4,  # "Staff will report", "staff may add", "staffing levels", "(staff)"
        "policy": 3,
        "budget": 2,
        "facility": 2,
        "library": 1,  # "the library will know"; "no library card" and "Library Foundation" are ignore terms
        # "5. Building and facilities" no longer counts: "building" alone is no term ("building trust").
        "procedure": 1,
    },
    "community": {"community": 1},  # "Community groups and residents may book rooms"; "Community Room" is a name
    "partners": {},
}
HEADER_WORDS = 6  # RIVERSIDE PUBLIC LIBRARY — Board of Trustees
FOOTER_WORDS = 8  # Minutes, 14 March 2025 · Page 1 of 4
PAGES = 4

# The words of each file's header and footer lines: a declared header and footer once,
# a PDF's (and pdftotext's) on each of its four pages, none in plain text and Markdown.
MINUTES_FURNITURE_WORDS = {
    "minutes.txt": 0,
    "minutes.md": 0,
    "minutes.docx": HEADER_WORDS + FOOTER_WORDS,
    "minutes.odt": HEADER_WORDS + FOOTER_WORDS,
    "minutes.rtf": HEADER_WORDS + FOOTER_WORDS,
    "minutes.html": HEADER_WORDS + FOOTER_WORDS,
    "minutes.pdf": PAGES * (HEADER_WORDS + FOOTER_WORDS),
    "minutes_pdftotext.txt": PAGES * (HEADER_WORDS + FOOTER_WORDS),
}
MINUTES_FILES = list(MINUTES_FURNITURE_WORDS)

DECK_WORDS = 62
DECK_COUNTS = {"customer": 7, "institution": 4, "community": 1, "partners": 0}
DECK_FURNITURE_WORDS = 4 * (6 + 3 + 1)  # footer, date and slide number on each of four slides
DECK_FILES = ("deck.pptx", "deck.odp", "deck.pdf")


def counts_of(name: str) -> focuscount.DocumentCounts:
    (counts,) = focuscount.analyze([FURNITURE / name]).documents
    return counts


@pytest.mark.parametrize("name", MINUTES_FILES)
def test_minutes_give_the_same_counts_in_every_format(name: str) -> None:
    counts = counts_of(name)
    assert counts.words == MINUTES_WORDS
    assert counts.counts == MINUTES_COUNTS
    assert counts.term_counts == MINUTES_TERMS
    assert counts.furniture_words == MINUTES_FURNITURE_WORDS[name]


def test_the_plain_text_export_is_the_reference() -> None:
    text = counts_of("minutes.txt")
    assert (text.words, text.counts, text.furniture_words) == (MINUTES_WORDS, MINUTES_COUNTS, 0)
    assert text.ratio == pytest.approx(14 / (14 + 23))  # the community hit is not in the ratio


@pytest.mark.parametrize("name", DECK_FILES)
def test_deck_gives_the_same_counts_as_pptx_odp_and_pdf(name: str) -> None:
    counts = counts_of(name)
    assert counts.words == DECK_WORDS
    assert counts.counts == DECK_COUNTS
    assert counts.term_counts == {
        "customer": {
            "patron": 1,
            "library user": 1,
            "customer": 1,
            "resident": 1,
            "parent": 1,
            "teen": 1,
            "student": 1,
        },
        "institution": {"staff": 1, "budget": 1, "branch": 1, "policy": 1},
        "community": {"community": 1},  # "A meeting room policy for community groups"
        "partners": {},
    }
    assert counts.furniture_words == DECK_FURNITURE_WORDS


def furniture_hits(name: str) -> list[tuple[str, str, str]]:
    """(matched text, location, reason) of every ignored hit of ``name`` that is page furniture."""
    return [
        (item.hit.matched_text, str(item.hit.location), item.hit.reason or "")
        for item in iter_evidence([FURNITURE / name], include_ignored=True)
        if item.hit.reason == "page furniture"
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("minutes.txt", []),
        ("minutes.md", []),
        ("minutes.docx", [("LIBRARY", "header", "page furniture")]),
        ("minutes.odt", [("LIBRARY", "header", "page furniture")]),
        ("minutes.rtf", [("LIBRARY", "header", "page furniture")]),
        ("minutes.html", [("LIBRARY", "header", "page furniture")]),
        ("minutes.pdf", [("LIBRARY", f"page {page}, line 1", "page furniture") for page in range(1, 5)]),
        ("minutes_pdftotext.txt", [("LIBRARY", f"line {line}", "page furniture") for line in (1, 23, 43, 60)]),
        ("deck.pptx", [("Library", f"slide {slide}", "page furniture") for slide in range(1, 5)]),
        ("deck.odp", [("Library", f"slide {slide}", "page furniture") for slide in range(1, 5)]),
        (
            "deck.pdf",
            [
                ("Library", f"page {page}, line {line}", "page furniture")
                for page, line in ((1, 4), (2, 5), (3, 6), (4, 5))
            ],
        ),
    ],
)
def test_explain_ignored_lists_the_running_heads(name: str, expected: list[tuple[str, str, str]]) -> None:
    assert furniture_hits(name) == expected


def test_a_name_in_the_body_is_not_furniture() -> None:
    """ "Riverside Public Library Foundation" in a paragraph is text, however like the header it looks."""
    reasons = [
        (item.hit.matched_text, item.hit.reason)
        for item in iter_evidence([FURNITURE / "minutes.pdf"], include_ignored=True)
        if item.hit.reason is not None and item.hit.reason != "page furniture"
    ]
    assert reasons == [
        ("Branch", "name: Main Branch"),  # "at the Main Branch, Community Room."
        ("Community", "name: Community Room"),
        ("Staff", "label"),
        ("Collections", "label"),
        ("Collections", "name: The Head of Collections"),
        ("Branch", "name: Main Branch"),  # "The roof repair at the Main Branch"
        ("library card", "ignore term"),
        ("Library Foundation", "ignore term"),
    ]


def test_kept_furniture_counts_as_text() -> None:
    """With the furniture kept, the running heads' words count and their terms are judged like any text."""
    from focuscount.options import ReadOptions

    options = ReadOptions(keep_furniture=True)
    (counts,) = focuscount.analyze([FURNITURE / "minutes.pdf"], options=options).documents
    assert counts.words == MINUTES_WORDS + PAGES * (HEADER_WORDS + FOOTER_WORDS)
    assert counts.furniture_words == 0
    header_hits = [
        (str(item.hit.location), item.hit.reason)
        for item in iter_evidence([FURNITURE / "minutes.pdf"], include_ignored=True, options=options)
        if item.hit.matched_text == "LIBRARY"
    ]
    assert [location for location, _ in header_hits] == [f"page {page}, line 1" for page in range(1, 5)]
    # Judged like any text: the default lexicon lists "PUBLIC LIBRARY" among its names, so the header's
    # LIBRARY counts nowhere as a name, not as furniture.
    assert {reason for _, reason in header_hits} == {"name: PUBLIC LIBRARY"}
    assert counts.counts == MINUTES_COUNTS
