"""Organisations named in headings and letterheads count nowhere; headings about the library still count."""

from __future__ import annotations

import pytest
from helpers import count_text, lexicon_from

from focuscount.names import find_names, is_organisation
from focuscount.nlp import Pipeline

LEXICON = """
[ratio]
focus = "customer"
versus = "institution"
[categories.customer]
terms = ["patron", "student"]
[categories.institution]
terms = ["library", "consortium", "budget", "licensing"]
"""


@pytest.mark.parametrize(
    ("heading", "institution", "name"),
    [
        # A place no word list knows, then a word organisations end in: a name, in capitals too.
        ("CALLOWAY UNIVERSITY LIBRARY", 0, "CALLOWAY UNIVERSITY LIBRARY"),
        ("Northfold Regional Library Consortium", 0, "Northfold Regional Library Consortium"),
        ("Friends of Pellow Green Library", 0, "Friends of Pellow Green Library"),
        ("Calloway University Library's Licensing Group", 1, "Calloway University Library"),
        # Headings about the library are talk: every word known, or no organisation word at the end.
        ("Library Services Review", 1, None),
        ("4.2 Update on the Library Budget", 2, None),
        ("Ebook Licensing Review", 1, None),
        ("Regional Library Consortium", 2, None),
    ],
)
def test_a_heading_names_an_organisation_only_with_a_word_no_list_knows(
    heading: str, institution: int, name: str | None
) -> None:
    counts = count_text(f"{heading}\n\nThe patrons met.\n", lexicon_from(LEXICON))
    assert counts.counts["institution"] == institution
    names = sorted({hit.reason for hit in counts.ignored})
    assert names == ([f"name: {name}"] if name else [])


def test_is_organisation_needs_a_word_list() -> None:
    tokens = Pipeline("en").tokens("CALLOWAY UNIVERSITY LIBRARY")
    assert is_organisation(tokens, 0, 3, lambda word: word == "calloway")
    assert not is_organisation(tokens, 0, 3, None)
    assert not is_organisation(tokens, 0, 3, lambda word: False)
    # Without the word list, a heading names nothing (as before).
    assert find_names(tokens, "CALLOWAY UNIVERSITY LIBRARY") == []


def test_a_letterhead_in_running_text_minutes(tmp_path: object) -> None:
    text = (
        "KESTREL FALLS PUBLIC LIBRARY\n"
        "Halverton County Library Cooperative - Minutes\n\n"
        "The library budget was approved. Students from Halverton College asked about licensing.\n"
    )
    counts = count_text(text, lexicon_from(LEXICON))
    # LIBRARY of the letterhead (Kestrel is a known word, Falls too: the lexicon's [ignore] names would be
    # needed), not the cooperative's name (Halverton is known to no word list); library, budget, licensing.
    assert counts.counts == {"customer": 1, "institution": 4}
    assert sorted(hit.reason for hit in counts.ignored) == ["name: Halverton County Library Cooperative"]
