"""Page furniture: running headers and footers, page numbers and repeated letterheads count nowhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import focuscount
from focuscount.cli import cli
from focuscount.evidence import iter_evidence
from focuscount.furniture import furniture_key, is_page_number, mark_furniture
from focuscount.model import Location, Segment

# Not "PUBLIC LIBRARY", which the default lexicon lists as a name: kept as talk, this header's LIBRARY counts.
HEADER = "RIVERSIDE REGIONAL LIBRARY — Board of Trustees"
# What each page says differs (as in real minutes); each page has 3 customer and 4 institution terms.
SUBJECTS = ["opening hours", "the summer reading club", "the new wing", "study rooms", "the mobile app", "fines"]
BODY = [
    "The board heard that patrons asked about {subject}.",
    "Staff reported on the catalogue and the library budget for {subject}.",
    "Customers praised {subject}; users agreed.",
    "The trustees thanked everyone for the work on {subject}.",
]


def body(number: int) -> list[str]:
    return [line.format(subject=SUBJECTS[(number - 1) % len(SUBJECTS)]) for line in BODY]


def page(number: int, pages: int, *, header: bool = True, footer: bool = True) -> Segment:
    lines = [HEADER] if header else []
    lines += body(number)
    if footer:
        lines.append(f"Minutes, 14 March 2025 · Page {number} of {pages}")
    return Segment("\n".join(lines), Location("page", number), first_line=1)


def furniture_lines(segments: list[Segment]) -> list[tuple[int | None, int | None, str]]:
    return [(s.location.number, s.first_line, s.text) for s in segments if s.furniture]


def test_running_header_and_numbered_footer_are_furniture() -> None:
    result = mark_furniture([page(n, 4) for n in range(1, 5)])
    assert furniture_lines(result) == [
        (1, 1, HEADER),
        (1, 6, "Minutes, 14 March 2025 · Page 1 of 4"),
        (2, 1, HEADER),
        (2, 6, "Minutes, 14 March 2025 · Page 2 of 4"),
        (3, 1, HEADER),
        (3, 6, "Minutes, 14 March 2025 · Page 3 of 4"),
        (4, 1, HEADER),
        (4, 6, "Minutes, 14 March 2025 · Page 4 of 4"),
    ]
    talk = [s for s in result if not s.furniture]
    assert [(s.location.number, s.first_line, s.text) for s in talk] == [(n, 2, "\n".join(body(n))) for n in range(1, 5)]


def test_a_line_on_fewer_than_half_the_pages_is_not_furniture() -> None:
    pages = [page(n, 6, header=n <= 2, footer=False) for n in range(1, 7)]
    assert furniture_lines(mark_furniture(pages)) == []
    pages = [page(n, 6, header=n <= 3, footer=False) for n in range(1, 7)]
    assert [number for number, _, _ in furniture_lines(mark_furniture(pages))] == [1, 2, 3]


def test_fewer_than_three_pages_have_no_repeated_furniture_but_page_numbers_are() -> None:
    pages = [page(n, 2) for n in range(1, 3)]
    assert furniture_lines(mark_furniture(pages)) == []
    numbered = [Segment("\n".join([*body(n)[:2], f"- {n} -"]), Location("page", n), first_line=1) for n in (1, 2)]
    assert furniture_lines(mark_furniture(numbered)) == [(1, 3, "- 1 -"), (2, 3, "- 2 -")]


def test_a_line_repeated_in_the_middle_of_pages_is_talk() -> None:
    pages = [
        Segment("\n".join([*body(n), "Motion carried.", *body(n + 1)]), Location("page", n), first_line=1)
        for n in range(1, 5)
    ]
    assert furniture_lines(mark_furniture(pages)) == []


def test_speaker_notes_are_not_pages() -> None:
    notes = [Segment(HEADER + "\nNotes for the presenter.", Location("slide", n, part="notes")) for n in range(1, 5)]
    assert furniture_lines(mark_furniture(notes)) == []


def test_declared_headers_and_footers_are_furniture() -> None:
    segments = [Segment("Riverside Library – board minutes", Location("header")), Segment(BODY[3], Location("paragraph", 1))]
    assert [s.furniture for s in mark_furniture(segments)] == [True, False]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3", True),
        ("- 3 -", True),
        ("Page 3 of 12", True),
        ("page 3", True),
        ("3 / 12", True),
        ("Slide 4", True),
        ("xii", True),
        ("[7]", True),
        ("2025", True),  # a year alone at a page edge is a number too
        ("iv", True),
        ("li", False),  # 51 in roman numerals, but front matter is never that long: a word
        ("did", False),
        ("mix", False),
        ("civil", False),
        ("Page three", False),
        ("3 patrons", False),
        ("Budget 2025", False),
        ("", False),
    ],
)
def test_page_number_lines(line: str, expected: bool) -> None:
    assert is_page_number(line) is expected


def test_furniture_key_ignores_digits_case_and_spacing() -> None:
    assert furniture_key("Minutes, 14 March 2025 · Page 3 of 4") == furniture_key("MINUTES,  14 march 2025 · page 4 of 4")


# ------------------------------------------------------------------ through analyze, a pdftotext file


def pdftotext_minutes(tmp_path: Path) -> Path:
    """Four pages as ``pdftotext`` writes them: form feeds between pages, the running head on each."""
    pages = []
    for number in range(1, 5):
        pages.append("\n".join([HEADER, "", *body(number), "", f"Minutes, 14 March 2025 · Page {number} of 4", ""]))
    path = tmp_path / "2025-03-14-board-minutes.txt"
    path.write_text("\f".join(pages), encoding="utf-8")
    return path


def test_a_text_file_with_form_feeds_has_pages_and_furniture(tmp_path: Path) -> None:
    path = pdftotext_minutes(tmp_path)
    (document,) = focuscount.analyze([path]).documents
    # per page: patrons, Customers, users (customer); Staff, catalogue, library, budget (institution)
    assert document.counts == {"customer": 12, "institution": 16, "community": 0, "partners": 0}
    # 29 words a page besides its subject, said 4 times: subjects of 2, 4, 3 and 2 words
    assert document.words == 4 * 29 + 4 * (2 + 4 + 3 + 2) == 160
    # the header (6 words: "RIVERSIDE REGIONAL LIBRARY", "Board of Trustees") and footer (8 words) of 4 pages
    assert document.furniture_words == 4 * (6 + 8)
    assert document.not_counted == {"page furniture": 4}  # LIBRARY in the header of each page


def test_a_form_feed_alone_on_its_line_still_breaks_the_pages(tmp_path: Path) -> None:
    """Minutes pasted from a print preview: the footer, then a line holding only the page break."""
    pages = ["\n".join([*body(number), "", f"Riverside Public Library - Board of Trustees - 14 March 2025 - p. {number}"])
             for number in range(1, 4)]  # fmt: skip
    path = tmp_path / "2025-03-14-board-minutes.txt"
    path.write_text("\n\f\n".join(pages) + "\n", encoding="utf-8")
    (document,) = focuscount.analyze([path]).documents
    assert document.furniture_words == 3 * 11  # the footer's eleven words (the date and page number too), 3 pages
    assert document.not_counted == {"page furniture": 3}  # its "Library", counted nowhere


def test_keep_furniture_counts_it_again(tmp_path: Path) -> None:
    path = pdftotext_minutes(tmp_path)
    (document,) = focuscount.analyze([path], options=focuscount.ReadOptions(keep_furniture=True)).documents
    assert document.counts == {"customer": 12, "institution": 20, "community": 0, "partners": 0}
    assert document.words == 160 + 4 * (6 + 8)
    assert document.furniture_words == 0


def test_explain_ignored_shows_furniture_with_its_reason(tmp_path: Path) -> None:
    path = pdftotext_minutes(tmp_path)
    furniture = [item.hit for item in iter_evidence([path], include_ignored=True) if item.hit.reason]
    assert [(str(hit.location), hit.term, hit.reason) for hit in furniture] == [
        ("line 1", "library", "page furniture"),
        ("line 9", "library", "page furniture"),
        ("line 17", "library", "page furniture"),
        ("line 25", "library", "page furniture"),
    ]
    result = CliRunner().invoke(cli, ["explain", str(path), "--ignored", "--category", "institution", "-C", "2"])
    assert result.exit_code == 0, result.output
    assert "institution: not counted (page furniture)" in result.output
    assert result.output.count("not counted (page furniture)") == 4


def test_cli_keep_furniture_and_json_furniture_words(tmp_path: Path) -> None:
    path = pdftotext_minutes(tmp_path)
    runner = CliRunner()
    plain = json.loads(runner.invoke(cli, ["analyze", str(path), "-f", "json"]).output)
    kept = json.loads(runner.invoke(cli, ["analyze", str(path), "-f", "json", "--keep-furniture"]).output)
    assert plain["documents"][0]["furniture_words"] == 56
    assert plain["documents"][0]["not_counted"] == {"page furniture": 4}
    assert plain["documents"][0]["counts"] == {"customer": 12, "institution": 16, "community": 0, "partners": 0}
    assert kept["documents"][0]["furniture_words"] == 0
    assert kept["documents"][0]["counts"] == {"customer": 12, "institution": 20, "community": 0, "partners": 0}


def test_keep_furniture_setting_and_variable(tmp_path: Path) -> None:
    path = pdftotext_minutes(tmp_path)
    (tmp_path / "focuscount.toml").write_text("keep_furniture = true\n", encoding="utf-8")
    runner = CliRunner()
    config = ["--config", str(tmp_path / "focuscount.toml")]
    from_file = json.loads(runner.invoke(cli, ["analyze", str(path), "-f", "json", *config]).output)
    assert from_file["documents"][0]["counts"]["institution"] == 20
    overridden = runner.invoke(cli, ["analyze", str(path), "-f", "json", *config, "--no-keep-furniture"])
    assert json.loads(overridden.output)["documents"][0]["counts"]["institution"] == 16
    from_env = runner.invoke(cli, ["analyze", str(path), "-f", "json"], env={"FOCUSCOUNT_KEEP_FURNITURE": "yes"})
    assert json.loads(from_env.output)["documents"][0]["counts"]["institution"] == 20
    bad = runner.invoke(cli, ["analyze", str(path)], env={"FOCUSCOUNT_KEEP_FURNITURE": "maybe"})
    assert bad.exit_code == 2
    assert "FOCUSCOUNT_KEEP_FURNITURE must be true or false, not 'maybe'" in bad.output
