"""Speaker turns and sections: found only where the document makes them explicit."""

from __future__ import annotations

from pathlib import Path

import pytest

from focuscount.model import Location, Segment
from focuscount.readers import read_document
from focuscount.structure import agenda_title, apply_structure, speaker_label

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Chair: We begin at seven.", ("Chair", 7)),
        ("DIRECTOR: Thank you.", ("Director", 10)),
        ("Ms Okafor: The families asked for it.", ("Ms Okafor", 11)),
        ("Cllr. Amadi: A question.", ("Cllr. Amadi", 13)),
        ("Head of Branch Services: Opening hours.", ("Head of Branch Services", 25)),
        ("J. Smith: Yes.", ("J. Smith", 10)),
    ],
)
def test_speaker_labels(line: str, expected: tuple[str, int]) -> None:
    assert speaker_label(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Present: Ruth Calloway (Chair), Tomás Ferreira",
        "Apologies: none.",
        "Motion: That the Board adopt the policy.",
        "In attendance: the Director",
        "Date: 12 March 2024",
        "Ms Okafor reported that the families asked: when?",  # free prose is never a speaker
        "7:00 pm start",
        "Chair:",  # a label with nothing said
        "the chair: lower case is prose",
        "Item 4: Budget",
    ],
)
def test_not_speaker_labels(line: str) -> None:
    assert speaker_label(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("4.2 Budget", "4.2 Budget"),
        ("1. Patron Voice", "1. Patron Voice"),
        ("3) Finance and premises", "3) Finance and premises"),
        ("Item 5 Any other business", "Item 5 Any other business"),
        ("  6.   Building  and facilities ", "6. Building and facilities"),
    ],
)
def test_agenda_items(line: str, expected: str) -> None:
    assert agenda_title(line) == expected


@pytest.mark.parametrize(
    "line",
    ["1. We agreed to buy more books.", "2024 Budget", "4.2 budget", "12 March 2024 meeting", "1. " + "word " * 13],
)
def test_not_agenda_items(line: str) -> None:
    assert agenda_title(line) is None


def lines(text: str) -> Segment:
    return Segment(text, Location("line", 1, line=1))


def test_label_marks_the_attribution_and_turns_last_to_the_end_of_the_block() -> None:
    segments = apply_structure([lines("Chair: We begin.\nThe agenda was agreed.\nDirector: Thanks.")])
    assert [(str(s.location), s.location.speaker, s.text, s.attribution) for s in segments] == [
        ("line 1", "Chair", "Chair: We begin.\nThe agenda was agreed.", 7),
        ("line 3", "Director", "Director: Thanks.", 10),
    ]


def test_text_before_the_first_label_has_no_speaker() -> None:
    segments = apply_structure([lines("Opening remarks.\nChair: Welcome.")])
    assert [(s.location.speaker, s.text, s.attribution) for s in segments] == [
        (None, "Opening remarks.", 0),
        ("Chair", "Chair: Welcome.", 7),
    ]


def test_a_new_paragraph_has_no_speaker_unless_labelled() -> None:
    segments = apply_structure([lines("Chair: Welcome."), Segment("The board agreed.", Location("line", 3, line=3))])
    assert [s.location.speaker for s in segments] == ["Chair", None]


def test_sections_from_agenda_items_and_marked_headings() -> None:
    segments = apply_structure(
        [
            lines("Minutes of the meeting"),
            Segment("4.2 Budget", Location("line", 3, line=3)),
            Segment("Spending is on budget.", Location("line", 5, line=5)),
            Segment("Patrons", Location("line", 7, line=7), heading=True),
            Segment("Treasurer: More patrons came.", Location("line", 9, line=9)),
        ]
    )
    assert [(s.location.section, s.location.speaker, s.heading, s.text) for s in segments] == [
        (None, None, False, "Minutes of the meeting"),
        ("4.2 Budget", None, True, "4.2 Budget"),
        ("4.2 Budget", None, False, "Spending is on budget."),
        ("Patrons", None, True, "Patrons"),
        ("Patrons", "Treasurer", False, "Treasurer: More patrons came."),
    ]


def test_a_page_is_cut_into_paragraphs_that_keep_their_lines() -> None:
    page = Segment("1. Welcome\n\nChair: Good evening\nall.\n\nClosing words.", Location("page", 2), first_line=1)
    segments = apply_structure([page])
    assert [(str(s.location), s.first_line, s.location.section, s.location.speaker, s.text) for s in segments] == [
        ("page 2", 1, "1. Welcome", None, "1. Welcome"),
        ("page 2", 3, "1. Welcome", "Chair", "Chair: Good evening\nall."),
        ("page 2", 6, "1. Welcome", None, "Closing words."),
    ]
    assert str(segments[1].location_at(segments[1].text.index("all"))) == "page 2, line 4"


def test_speakers_can_be_left_alone_for_slides() -> None:
    (segment,) = apply_structure([Segment("Goal: more patrons", Location("slide", 1))], speakers=False)
    assert (segment.location.speaker, segment.text) == (None, "Goal: more patrons")


def test_preset_speakers_are_kept() -> None:
    cue = Segment("Chair: hello", Location("cue", 1, speaker="Director"))
    (segment,) = apply_structure([cue])
    assert (segment.location.speaker, segment.text) == ("Director", "Chair: hello")


def test_txt_reader_finds_speakers_and_sections(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(
        "Minutes of the board\n\n1. Opening\n\nCHAIR: Welcome to all patrons.\n\n"
        "4.2 Budget\nTreasurer: The budget is tight.\nMs Raman: What about patrons?\n",
        encoding="utf-8",
    )
    document = read_document(path)
    assert [(str(s.location), s.location.section, s.location.speaker, s.text) for s in document.segments] == [
        ("line 1", None, None, "Minutes of the board"),
        ("line 3", "1. Opening", None, "1. Opening"),
        ("line 5", "1. Opening", "Chair", "CHAIR: Welcome to all patrons."),
        ("line 7", "1. Opening", None, "4.2 Budget"),
        ("line 8", "1. Opening", "Treasurer", "Treasurer: The budget is tight."),
        ("line 9", "1. Opening", "Ms Raman", "Ms Raman: What about patrons?"),
    ]


def test_markdown_headings_and_bold_labels(tmp_path: Path) -> None:
    path = tmp_path / "minutes.md"
    path.write_text("# Board minutes\n## 2. Staffing\n**Director:** Staff asked patrons.\n", encoding="utf-8")
    document = read_document(path)
    assert [
        (str(s.location), s.heading, s.location.section, s.location.speaker, s.text) for s in document.segments
    ] == [
        ("line 1", True, "Board minutes", None, "Board minutes"),
        ("line 2", True, "2. Staffing", None, "2. Staffing"),
        ("line 3", False, "2. Staffing", "Director", "Director: Staff asked patrons."),
    ]


def test_docx_heading_styles_agenda_items_and_labels() -> None:
    document = read_document(EXAMPLES / "minutes" / "board-minutes-march.docx")
    by_number = {s.location.number: s for s in document.segments if s.location.kind == "paragraph"}
    assert by_number[10].heading and by_number[10].location.section == "3. Council funding review"
    assert (by_number[12].location.section, by_number[12].location.speaker) == (
        "3. Council funding review",
        "Treasurer",
    )
    assert by_number[12].text.startswith("Treasurer: A cut of 5 per cent")
    assert by_number[12].attribution == len("Treasurer: ")
    assert by_number[14].location.speaker is None  # "Ms Raman asked that …" is prose
    header = document.segments[0]
    assert (str(header.location), header.location.section) == ("header", None)


def test_pdf_pages_get_sections_and_speakers() -> None:
    document = read_document(EXAMPLES / "minutes" / "2025-07-15-board-minutes.pdf")
    finance = [s for s in document.segments if s.location.section == "7. Finance"]
    assert [(str(s.location), s.location.speaker) for s in finance] == [("page 2", None), ("page 2", "Treasurer")]
    assert finance[1].text.startswith("Treasurer: Spending is on budget.")


def test_label_words_count_but_are_never_matched(tmp_path: Path) -> None:
    from focuscount import analyze

    path = tmp_path / "minutes.txt"
    path.write_text("Librarian: Our patrons asked.\nLibrarian said the library agreed.\n", encoding="utf-8")
    (counts,) = analyze([path]).documents
    # "Librarian:" is the speaker, not talk about librarians; "Librarian said" is prose.
    assert counts.words == 9
    assert counts.term_counts == {
        "customer": {"patron": 1},
        "institution": {"librarian": 1, "library": 1},
        "community": {},  # the default lexicon's report-only categories, counted though empty here
        "partners": {},
    }
