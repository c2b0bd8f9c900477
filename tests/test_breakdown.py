"""Breakdowns by speaker, section and slide, through the API and the CLI, with exact numbers."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import EXAMPLES, ISSUE_LEXICON, lexicon_from

import focuscount
from focuscount.breakdown import NO_SPEAKER
from focuscount.cli import cli
from focuscount.errors import ConfigError

MEETING = """\
1. Opening

Chair: Welcome. Our patrons come first.
Director: The library budget is tight.

2. Services

Director: Customers asked for longer hours.
The library agreed.
"""


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    (tmp_path / "2024-05-14-board.txt").write_text(MEETING, encoding="utf-8")
    (tmp_path / "2024-06-11-board.txt").write_text("Director: Users and patrons.\n", encoding="utf-8")
    (tmp_path / "lexicon.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    return tmp_path


def rows(result: focuscount.Analysis, kind: str) -> list[tuple]:
    return [
        (r.key, r.path.name if r.path else None, r.documents, r.words, r.counts, r.ratio)
        for r in result.breakdowns[kind]
    ]


def test_speakers_are_summed_over_documents(meeting: Path) -> None:
    result = focuscount.analyze([meeting], lexicon_from(), breakdowns=["speaker"])
    assert rows(result, "speaker") == [
        ("Director", None, 2, 19, {"customer": 3, "institution": 2}, 0.6),  # labels count as words
        ("Chair", None, 1, 6, {"customer": 1, "institution": 0}, 1.0),
        (NO_SPEAKER, None, 1, 4, {"customer": 0, "institution": 0}, None),
    ]


def test_sections_belong_to_their_document(meeting: Path) -> None:
    result = focuscount.analyze([meeting], lexicon_from(), breakdowns=["section"])
    assert rows(result, "section") == [
        ("1. Opening", "2024-05-14-board.txt", 1, 14, {"customer": 1, "institution": 1}, 0.5),
        ("2. Services", "2024-05-14-board.txt", 1, 11, {"customer": 1, "institution": 1}, 0.5),
        ("(before the first heading)", "2024-06-11-board.txt", 1, 4, {"customer": 2, "institution": 0}, 1.0),
    ]


def test_breakdown_words_and_counts_add_up_to_the_documents(meeting: Path) -> None:
    result = focuscount.analyze([meeting], lexicon_from(), breakdowns=["speaker", "section"])
    for kind in ("speaker", "section"):
        assert sum(r.words for r in result.breakdowns[kind]) == result.words
        assert sum(r.counts["customer"] for r in result.breakdowns[kind]) == result.counts["customer"]


def test_slides_with_notes_apart() -> None:
    result = focuscount.analyze([EXAMPLES / "talks"], breakdowns=["slide"])
    slides = result.breakdowns["slide"]
    assert [r.key for r in slides[:3]] == ["slide 1", "slide 1 (notes)", "slide 2"]
    # The pptx: ten slides, nine with notes. The PDF deck (landscape pages): twelve slides.
    assert len(slides) == 19 + 12
    pdf_slides = [r for r in slides if r.path.suffix == ".pdf"]
    assert [r.key for r in pdf_slides] == [f"slide {n}" for n in range(1, 13)]
    for deck in result.documents:
        rows = [r for r in slides if r.path == deck.document.path]
        assert sum(r.words for r in rows) == deck.words
        assert sum(r.counts["institution"] for r in rows) == deck.counts["institution"]


def test_portrait_pdf_minutes_have_no_slides() -> None:
    result = focuscount.analyze([EXAMPLES / "minutes" / "2024-07-16-board-minutes.pdf"], breakdowns=["slide"])
    assert result.breakdowns["slide"] == ()
    assert not result.documents[0].document.deck


def test_unknown_breakdown_is_refused(meeting: Path) -> None:
    with pytest.raises(ConfigError, match="`breakdowns` must be some of speaker, section, slide, not 'room'"):
        focuscount.analyze([meeting], breakdowns=["room"])


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_by_speaker_table(meeting: Path) -> None:
    code, out, _ = run("analyze", meeting, "-l", meeting / "lexicon.toml", "--by-speaker")
    assert code == 0
    assert "Speakers (3)" in out
    director = next(line for line in out.splitlines() if line.startswith("Director "))
    # 3 of 5 hits over two meetings that disagree (1 of 3, 2 of 2): design effect 2.13, a wide interval.
    assert director.split() == ["Director", "2", "19", "3", "2", "157.9", "105.3", "0.60", "(0.15–0.93)*"]
    assert "* thin evidence: fewer than 10 hits (customer + institution)" in out.splitlines()


def test_cli_by_section_and_slide_json(meeting: Path) -> None:
    code, out, _ = run("analyze", meeting, "-l", meeting / "lexicon.toml", "--by-section", "--by-slide", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["breakdowns"]["slide"] == []
    first = data["breakdowns"]["section"][0]
    assert first == {
        "section": "1. Opening",
        "path": str(meeting / "2024-05-14-board.txt"),
        "words": 14,
        "counts": {"customer": 1, "institution": 1},
        "rates": {"customer": 71.429, "institution": 71.429},
        "ratio": 0.5,
        "interval": [0.0945, 0.9055],  # Wilson, 1 of 2 hits
        "thin": True,
    }
    code, out, _ = run("analyze", meeting, "-l", meeting / "lexicon.toml", "--by-slide")
    assert "No slides: --by-slide reports on .pptx and .odp decks, and on PDFs of landscape slides." in out


def test_cli_by_speaker_json_and_csv(meeting: Path) -> None:
    _, out, _ = run("analyze", meeting, "-l", meeting / "lexicon.toml", "--by-speaker", "-f", "json")
    assert json.loads(out)["breakdowns"]["speaker"][1] == {
        "speaker": "Chair",
        "documents": 1,
        "words": 6,
        "counts": {"customer": 1, "institution": 0},
        "rates": {"customer": 166.667, "institution": 0.0},
        "ratio": 1.0,
        "interval": [0.2065, 1.0],  # Wilson, 1 of 1 hit
        "thin": True,
    }
    _, out, _ = run("analyze", meeting, "-l", meeting / "lexicon.toml", "--by-speaker", "-f", "csv")
    speakers = [row for row in csv.DictReader(io.StringIO(out)) if row["row"] == "speaker"]
    cells = [
        (row["label"], row["words"], row["ratio"], row["ratio_low"], row["ratio_high"], row["thin"]) for row in speakers
    ]
    assert cells == [
        ("Director", "19", "0.6", "0.1468", "0.9289", "true"),
        ("Chair", "6", "1.0", "0.2065", "1.0", "true"),
        (NO_SPEAKER, "4", "", "", "", ""),
    ]


FIXTURES = EXAMPLES.parent / "tests" / "fixtures"


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("meeting.vtt", "speaker", [("Chair", 6, 1, 1), ("Director", 5, 1, 0), ("Ms Okafor", 5, 0, 2), (NO_SPEAKER, 7, 1, 0)]),
        ("meeting.srt", "speaker", [("Chair", 19, 1, 0), ("Director", 11, 1, 1), (NO_SPEAKER, 6, 0, 0)]),
        ("minutes.html", "speaker", [("Director", 10, 1, 1), ("Chair", 8, 1, 0), (NO_SPEAKER, 29, 0, 2)]),
        # The header ("Riverside Library – board minutes") and the footer are furniture: 6 words and
        # their "Library" counted nowhere.
        ("full.rtf", "speaker", [("Director", 6, 1, 0), (NO_SPEAKER, 45, 7, 0)]),
        ("full.odt", "speaker", [("Chair", 5, 0, 0), (NO_SPEAKER, 56, 8, 4)]),
        ("minutes.html", "section", [("Library board meeting", 14, 0, 0), ("1. Opening", 20, 2, 1), ("2. Budget", 13, 0, 2)]),
        # Slide 3: Budget, Resources, Administration and costs ("Administration costs rose slightly").
        ("deck.odp", "slide", [("slide 1", 6, 0, 1), ("slide 2", 9, 3, 0), ("slide 2 (notes)", 6, 1, 0), ("slide 3", 9, 0, 4)]),
    ],
)
def test_breakdowns_on_every_kind_of_file(name: str, kind: str, expected: list[tuple[str, int, int, int]]) -> None:
    result = focuscount.analyze([FIXTURES / name], breakdowns=[kind])
    rows = [(r.key, r.words, r.counts["customer"], r.counts["institution"]) for r in result.breakdowns[kind]]
    assert rows == expected
    assert sum(row[1] for row in rows) == result.words
