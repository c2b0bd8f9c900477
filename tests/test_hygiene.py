"""Text hygiene runs once after every reader: NFKC, zero-width spaces, glued punctuation, line-end hyphens."""

from __future__ import annotations

from pathlib import Path

import pytest

import focuscount
from focuscount.evidence import iter_evidence
from focuscount.hygiene import clean_text, join_hyphenated
from focuscount.nlp import get_pipeline

KNOWN = get_pipeline().is_known_word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The oﬃce staﬀ reviewed the ﬁnances.", "The office staff reviewed the finances."),
        ("our\u200bcustomers\u200bvisited", "our customers visited"),  # same length: nothing moves
        ("Zero\u2060width\ufeffjoiners", "Zero width joiners"),
        ("cus\u00adtomers", "customers"),  # a soft hyphen inside a word is invisible
        ("Ｐａｔｒｏｎｓ", "Patrons"),  # full-width letters
        ("plain ASCII stays as it is", "plain ASCII stays as it is"),
    ],
)
def test_clean_text(text: str, expected: str) -> None:
    assert clean_text(text, KNOWN) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # joined: "library" is a known word; the rest of the second line stays on it
        ("the li-\nbrary opened late", "the library\n opened late"),
        ("the ser-\nvices for patrons", "the services\n for patrons"),
        # kept: "librariancreated" is no word, so the hyphen stays and the word is whole again
        ("Librarian-\ncreated reading lists", "Librarian-created\n reading lists"),
        ("Well-\nKnown authors", "Well-Known\n authors"),  # a capital after the hyphen: a compound
        ("2023-\n24 budget", "2023-\n24 budget"),  # digits are not words
        ("items -\nnext line", "items -\nnext line"),  # a dash after a space is not a hyphen
    ],
)
def test_line_end_hyphens_join_only_into_known_words(text: str, expected: str) -> None:
    assert join_hyphenated(text, KNOWN) == expected


def test_without_a_word_list_a_lower_case_continuation_joins() -> None:
    assert join_hyphenated("Librarian-\ncreated", None) == "Librariancreated\n"
    assert join_hyphenated("Librarian-\nCreated", None) == "Librarian-Created\n"


def test_line_end_soft_hyphen_joins_like_a_hyphen() -> None:
    assert clean_text("the li\u00ad\nbrary", KNOWN) == "the library\n"


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def counts_of(path: Path) -> tuple[dict[str, int], int]:
    (document,) = focuscount.analyze([path]).documents
    return document.counts, document.words


def test_hygiene_counts_the_same_in_a_text_file_as_in_a_pdf(tmp_path: Path) -> None:
    """Ligatures, zero-width spaces and glued punctuation in a plain text file (pasted from a PDF)."""
    text = (
        "Minutes of the Outreach Committee\n"
        "\n"
        "The committee heard from the oﬀsite staﬀ about the new oﬃce hours.\n"
        "Our\u200bpatrons\u200basked for evening hours, and the\u200busers of the app agreed.\n"
        "•Customers want longer loans.\n"
        "→users of the reading room (patrons) and clients- all of them - asked for quiet.\n"
        "A Librarian-\ncreated guide and the li-\nbrary catalogue were shown.\n"
    )
    counts, words = counts_of(write(tmp_path, "2025-03-04-outreach.txt", text))
    # customer: patrons, users, Customers, users, patrons, clients = 6
    # institution: staff, Librarian (in Librarian-created), library, catalogue = 4 ("office" is no term)
    assert counts == {"customer": 6, "institution": 4, "community": 0, "partners": 0}  # report-only: none here
    # 58 words: "Librarian-created" is two (Librarian, created), "li-/brary" one
    assert words == 58


def test_a_hit_after_a_joined_hyphen_keeps_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "2025-03-04-board.txt", "Opening\n\nThe li-\nbrary team thanked\nour patrons warmly.\n")
    hits = [item.hit for item in iter_evidence([path])]
    assert [(hit.matched_text, str(hit.location)) for hit in hits] == [("library", "line 3"), ("patrons", "line 5")]


def test_a_paragraph_of_zero_width_characters_is_no_segment(tmp_path: Path) -> None:
    path = write(tmp_path, "2025-03-04-board.txt", "Patrons came.\n\n" + "\ufeff" * 500 + "\n\nStaff left.\n")
    from focuscount.readers import read_document

    assert [segment.text for segment in read_document(path).segments] == ["Patrons came.", "Staff left."]
