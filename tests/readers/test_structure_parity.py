"""The same deck as .pptx and as .odp reads the same: slides, titles, speaker notes, sections and counts.

tests/fixtures/parity/board-update.pptx is written by python-pptx and board-update.odp
is LibreOffice's conversion of it (tests/fixtures/make_parity_decks.py), so the two
readers are compared on what the two applications really write: a title slide,
title-only slides that are numbered agenda items (each opens a section),
title-and-content slides with bullet lists, and speaker notes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES, lexicon_from

from focuscount.analysis import Analysis, analyze
from focuscount.model import Document
from focuscount.readers import read_document

DECKS = {suffix: FIXTURES / "parity" / f"board-update{suffix}" for suffix in (".pptx", ".odp")}

# LibreOffice copies the notes page's slide-number placeholder into the .odp, and the .odp reader reads it
# as part of the notes: "… from library users.\n<number>".  The .pptx reader reads the notes text alone.

@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {suffix: read_document(path) for suffix, path in DECKS.items()}


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    lexicon = lexicon_from()
    return {suffix: analyze([path], lexicon, breakdowns=("section", "slide")) for suffix, path in DECKS.items()}


def slides(document: Document) -> list[tuple[str, str]]:
    """(location, text) of every slide segment, notes left out."""
    return [(str(s.location), s.text) for s in document.segments if s.location.part != "notes"]


def notes(document: Document) -> list[tuple[str, str]]:
    return [(str(s.location), s.text) for s in document.segments if s.location.part == "notes"]


def test_the_pair_is_what_the_script_makes() -> None:
    assert DECKS[".pptx"].read_bytes().startswith(b"PK\x03\x04")
    assert DECKS[".odp"].read_bytes()[30:38] == b"mimetype"  # an ODF package: the mimetype member first


def test_same_format_names_and_title(documents: dict[str, Document]) -> None:
    assert [document.format for document in documents.values()] == ["pptx", "odp"]
    assert {document.title for document in documents.values()} == {"Alderbrook Public Library: board update"}


def test_same_slides_in_the_same_order_with_the_same_text(documents: dict[str, Document]) -> None:
    expected = [
        ("slide 1", "Alderbrook Public Library\nBoard update, 12 March 2024"),
        ("slide 2", "1. Customer services"),
        (
            "slide 3",
            "Customer feedback\nPatrons asked for longer opening hours\nLibrary users want a quiet study room\n"
            "Customers praised the volunteers at the desk",
        ),
        ("slide 4", "2. Budget and administration"),
        ("slide 5", "Costs\nAdministration costs rose by 4%\nNew resources for the children's library"),
        ("slide 6", "Next steps\nVolunteers will staff the reading corner\nA patron panel meets in May"),
    ]
    assert slides(documents[".pptx"]) == expected
    assert slides(documents[".odp"]) == expected
    assert not any(segment.furniture for document in documents.values() for segment in document.segments)


def test_same_slides_carry_speaker_notes(documents: dict[str, Document]) -> None:
    for document in documents.values():
        assert [(where, text.splitlines()[0]) for where, text in notes(document)] == [
            ("slide 3 (notes)", "Mention the survey of 412 customers and the comments from library users."),
            ("slide 5 (notes)", "The administration will report on internal procedures in June."),
        ]


def test_same_speaker_notes_exactly(documents: dict[str, Document]) -> None:
    assert notes(documents[".odp"]) == notes(documents[".pptx"])


def test_same_sections_with_the_same_hits(analyses: dict[str, Analysis]) -> None:
    expected = [
        ("(before the first heading)", {"customer": 0, "institution": 0}),
        ("1. Customer services", {"customer": 8, "institution": 0}),
        ("2. Budget and administration", {"customer": 2, "institution": 6}),
    ]
    for analysis in analyses.values():
        assert [(row.key, dict(row.counts)) for row in analysis.breakdowns["section"]] == expected


def test_same_counts_per_category_and_term(analyses: dict[str, Analysis]) -> None:
    for analysis in analyses.values():
        (counts,) = analysis.documents
        assert counts.counts == {"customer": 10, "institution": 6}
        assert counts.term_counts == {
            "customer": {"customer": 4, "patron": 2, "library user": 2, "volunteer*": 2},
            "institution": {"administration": 3, "resource": 1, "library": 1, "internal procedure": 1},
        }
        assert counts.ratio == 10 / 16


def test_same_hits_per_slide(analyses: dict[str, Analysis]) -> None:
    rows = {suffix: [(r.key, dict(r.counts)) for r in a.breakdowns["slide"]] for suffix, a in analyses.items()}
    assert rows[".odp"] == rows[".pptx"]
    assert [key for key, _ in rows[".pptx"]] == [
        "slide 1", "slide 2", "slide 3", "slide 3 (notes)", "slide 4", "slide 5", "slide 5 (notes)", "slide 6",
    ]  # fmt: skip


def test_same_word_counts(analyses: dict[str, Analysis]) -> None:
    words = {suffix: [(r.key, r.words) for r in a.breakdowns["slide"]] for suffix, a in analyses.items()}
    assert words[".odp"] == words[".pptx"]
    assert analyses[".odp"].words == analyses[".pptx"].words == 84


def test_the_pptx_word_count(analyses: dict[str, Analysis]) -> None:
    assert analyses[".pptx"].words == 84
    assert [(r.key, r.words) for r in analyses[".pptx"].breakdowns["section"]] == [
        ("(before the first heading)", 8),
        ("1. Customer services", 37),
        ("2. Budget and administration", 39),
    ]


def test_paths_are_the_fixtures(documents: dict[str, Document]) -> None:
    assert [document.path for document in documents.values()] == [Path(p) for p in DECKS.values()]
