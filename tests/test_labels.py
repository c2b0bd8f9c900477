"""Attendance lines are labels, not talk; a speaker label is a short name followed by speech."""

from __future__ import annotations

from pathlib import Path

import pytest

import focuscount
from focuscount.evidence import iter_evidence
from focuscount.structure import attendance_label, is_name_list, speaker_label

MINUTES = """\
Riverside Public Library
Minutes of the Board of Trustees, regular meeting, March 3, 2025

Present: Ana Ruiz (Chair), Tom Becker, Priya Natarajan, Library Director Helen Moss
Not Present: Carl Jensen
Staff Attending: Maria Lopez, Dev Patel
Staff: Jane Smith, Bob Lee

1. Board Manual Updates
Board Manual Updates: The board reviewed the manual and asked staff to post it for patrons.

2. Budget: second quarter
The library spent less on resources than planned.

Content Security Policy: Cookie Controls
The web team will ask users before setting cookies.

Chair: Thank you all. Patrons asked for longer hours.
Director Moss: The library will open at nine on Saturdays for customers.
Staff: we counted the visitors at the door.
"""


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    path = tmp_path / "2025-03-03-board-minutes.txt"
    path.write_text(MINUTES, encoding="utf-8")
    return path


def test_attendance_lines_count_nowhere_and_headings_count(minutes: Path) -> None:
    hits = [item.hit for item in iter_evidence([minutes], include_ignored=True)]
    found = [(hit.location.line, hit.term, hit.reason) for hit in hits]
    assert found == [
        (1, "library", "name: Public Library"),  # the library's name in its title line: a name the lexicon lists
        (4, "library", "label"),  # "Library Director Helen Moss" in the attendance line
        (6, "staff", "label"),  # "Staff Attending: …"
        (7, "staff", "label"),  # "Staff: Jane Smith, Bob Lee" is attendance, not a speaker
        (10, "staff", None),
        (10, "patron", None),
        (12, "budget", None),  # "Budget: second quarter" is a heading: its terms count
        (13, "library", None),
        (13, "resource", None),
        (15, "policy", None),  # "Content Security Policy: Cookie Controls" is a heading too
        (16, "user", None),
        (18, "patron", None),
        (19, "library", None),
        (19, "customer", None),
        (20, "visitor", None),
    ]
    (document,) = focuscount.analyze([minutes]).documents
    assert document.counts == {"customer": 5, "institution": 6, "community": 0, "partners": 0}
    assert document.not_counted == {"label": 3, "name": 1}


def test_only_people_are_speakers(minutes: Path) -> None:
    result = focuscount.analyze([minutes], breakdowns=["speaker"])
    rows = {row.key: row.words for row in result.breakdowns["speaker"]}
    # no "Not Present", "Staff Attending" or "Board Manual Updates" among them
    assert rows == {"Director Moss": 12, "Chair": 9, "Staff": 8, "(no speaker named)": 87}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Chair: We begin with the budget.", ("Chair", 7)),
        ("Chair: Welcome.", ("Chair", 7)),
        ("DIRECTOR: Thanks, everyone.", ("Director", 10)),
        ("Ms Okafor: I think patrons want more.", ("Ms Okafor", 11)),
        ("J. Smith: Yes.", ("J. Smith", 10)),
        ("Head of Branch Services: Opening hours change in May.", ("Head of Branch Services", 25)),
        ("Librarian: We added hours.", ("Librarian", 11)),  # a role word, though the lexicon counts it elsewhere
        ("Staff: we finished the inventory.", ("Staff", 7)),
        ("Present: all members", None),
        ("Not Present: Carl Jensen", None),
        ("Staff Attending: Maria Lopez", None),
        ("Staff: Jane Smith, Bob Lee", None),
        ("Chair: Ana Ruiz", None),  # who chaired: a label, not speech
        ("Board Manual Updates: The board reviewed the manual.", None),
        ("Content Security Policy: Cookie Controls", None),
        ("Budget: second quarter", None),
        ("Customer Services: the desk moves upstairs.", None),  # "customer" is a term, not a role
    ],
)
def test_speaker_labels(line: str, expected: tuple[str, int] | None) -> None:
    lexicon_words = {"customer", "library", "staff", "librarian"}
    assert speaker_label(line, lambda word: word.rstrip("s") in lexicon_words) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Present: Ana Ruiz, Tom Becker", 9),
        ("Also present: two members of the public", 14),
        ("Apologies:", 10),
        ("Board members present: five", 23),
        ("Not Present: Carl Jensen", 13),
        ("Staff: Jane Smith, Bob Lee", 7),
        ("Trustees: A. Brown, C. Diaz and E. Fox", 10),
        ("Staff: we finished the inventory.", None),
        ("Chair: Welcome.", None),
        ("Content Security Policy: Cookie Controls", None),
        ("Budget: second quarter", None),
    ],
)
def test_attendance_labels(line: str, expected: int | None) -> None:
    assert attendance_label(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Smith, Bob Lee", True),
        ("Ana Ruiz (Chair) and Tom Becker", True),
        ("Ana, Bob, Chen", True),
        ("Dr. Priya Natarajan", True),
        ("Welcome.", False),
        ("we counted the visitors", False),
        ("", False),
    ],
)
def test_name_lists(text: str, expected: bool) -> None:
    assert is_name_list(text) is expected


def test_a_wrapped_attendance_paragraph_is_all_label(tmp_path: Path) -> None:
    path = tmp_path / "2024-01-16-board-minutes.txt"
    path.write_text(
        "In attendance: Annelise Marchetti (Director), Helena Lindqvist (Head of\n"
        "Branch Services), Owen Tremayne (Head of Collections), Carl Dobrowski\n"
        "(Finance and Facilities Manager), Councillor Bea Amadi (council liaison).\n"
        "The chair welcomed the patrons and the library staff.\n",
        encoding="utf-8",
    )
    hits = [(hit.location.line, hit.term, hit.reason) for hit in (i.hit for i in iter_evidence([path], include_ignored=True))]
    assert hits == [
        (2, "branch", "label"),  # "Head of Branch Services", in the attendance paragraph
        (2, "collection", "label"),
        (3, "finance", "label"),
        (3, "facility", "label"),
        (4, "patron", None),
        (4, "library", None),
        (4, "staff", None),
    ]
