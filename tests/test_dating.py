"""Dates for documents from each source, in order of strength, and ambiguous dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from focuscount.dating import (
    DatesManifest,
    assign_date,
    date_from_name,
    date_from_path,
    date_from_text,
    parse_manifest_date,
)
from focuscount.errors import ConfigError
from focuscount.model import Document, Location, Segment


def document(path: Path, text: str = "Minutes", modified: dt.date | None = None, **metadata: object) -> Document:
    """A one-line document; ``modified`` is its file's modified date (the metadata date used)."""
    return Document(path, "txt", (Segment(text, Location("line", 1, line=1)),), modified=modified, **metadata)


@pytest.mark.parametrize(
    ("name", "expected", "precision"),
    [
        ("2024-03-12-board", dt.date(2024, 3, 12), "day"),
        ("board_20240312", dt.date(2024, 3, 12), "day"),
        ("minutes_2024_03_12", dt.date(2024, 3, 12), "day"),
        ("minutes 2024.03.12", dt.date(2024, 3, 12), "day"),
        ("2024-03 board minutes", dt.date(2024, 3, 1), "month"),
        ("board-minutes-2024_11", dt.date(2024, 11, 1), "month"),
    ],
)
def test_iso_like_dates_in_names(name: str, expected: dt.date, precision: str) -> None:
    found = date_from_name(name)
    assert found is not None
    assert (found.date, found.precision, found.source) == (expected, precision, "filename")


@pytest.mark.parametrize(
    "name", ["board-v2024x", "minutes-12345678", "2024-13-01", "2024-02-30", "v2-minutes", "2019-2024"]
)
def test_names_without_a_valid_date(name: str) -> None:
    assert date_from_name(name) is None


def test_folder_name_dates_a_file(tmp_path: Path) -> None:
    path = tmp_path / "2024-05-14 board meeting" / "minutes.docx"
    found = date_from_path(path)
    assert found is not None
    assert (found.date, found.source) == (dt.date(2024, 5, 14), "folder name")


def test_file_name_wins_over_folder_name(tmp_path: Path) -> None:
    found = date_from_path(tmp_path / "2024-05" / "2024-05-14-minutes.txt")
    assert found is not None
    assert (found.date, found.source) == (dt.date(2024, 5, 14), "filename")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Minutes of the Board meeting held on 12 March 2024", dt.date(2024, 3, 12)),
        ("Held on Tuesday, 12th March 2024 at 7 pm", dt.date(2024, 3, 12)),
        ("Meeting of the 12th of March, 2024", dt.date(2024, 3, 12)),
        ("Board minutes, March 12, 2024", dt.date(2024, 3, 12)),
        ("Board minutes, Sept. 3rd 2024", dt.date(2024, 9, 3)),
        ("Date: 2024-03-12", dt.date(2024, 3, 12)),
        ("Date: 13/04/2024", dt.date(2024, 4, 13)),
        ("Date: 04/13/2024", dt.date(2024, 4, 13)),
        ("Date: 05.05.2024", dt.date(2024, 5, 5)),
    ],
)
def test_dates_written_in_the_text(text: str, expected: dt.date) -> None:
    found, note = date_from_text("ALDERBROOK PUBLIC LIBRARY\n" + text + "\nPresent: all trustees")
    assert found is not None
    assert (found.date, found.precision, found.source, note) == (expected, "day", "text", None)


def test_month_and_year_only_in_text() -> None:
    found, _ = date_from_text("Board minutes for March 2024")
    assert found is not None
    assert (found.date, found.precision) == (dt.date(2024, 3, 1), "month")


def test_first_date_in_the_text_wins() -> None:
    found, _ = date_from_text("Meeting of 12 March 2024\nNext meeting: 14 May 2024")
    assert found is not None
    assert found.date == dt.date(2024, 3, 12)


def test_dates_after_the_first_lines_are_not_used() -> None:
    text = "\n".join(["Some line"] * 20 + ["Held on 12 March 2024"])
    assert date_from_text(text) == (None, None)


def test_ambiguous_numeric_date_is_not_guessed() -> None:
    found, note = date_from_text("Minutes\nDate: 03/04/2024")
    assert found is None
    assert note == (
        "ambiguous date '03/04/2024' on line 2: day/month order unknown "
        "(use --date-order dmy|mdy or a --dates manifest)"
    )


@pytest.mark.parametrize(("order", "expected"), [("dmy", dt.date(2024, 4, 3)), ("mdy", dt.date(2024, 3, 4))])
def test_date_order_settles_ambiguous_dates(order: str, expected: dt.date) -> None:
    found, note = date_from_text("Date: 03/04/2024", order)
    assert found is not None
    assert (found.date, note) == (expected, None)


def write_manifest(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "dates.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_manifest_wins_over_every_other_source(tmp_path: Path) -> None:
    manifest = DatesManifest.load(write_manifest(tmp_path, "path,date\nminutes/2024-01-01-board.txt,2024-02-20\n"))
    doc = document(tmp_path / "minutes" / "2024-01-01-board.txt", "Held on 5 May 2024", dt.date(2023, 1, 1))
    dated = assign_date(doc, manifest)
    assert (dated.date, dated.date_source, dated.date_precision) == (dt.date(2024, 2, 20), "manifest", "day")


def test_manifest_month_precision_and_comments(tmp_path: Path) -> None:
    manifest = DatesManifest.load(write_manifest(tmp_path, "# talks\ntalk.pptx,2024-10\n\n"))
    dated = assign_date(document(tmp_path / "talk.pptx"), manifest)
    assert (dated.date, dated.date_precision) == (dt.date(2024, 10, 1), "month")


def test_manifest_bad_date_names_file_and_line(tmp_path: Path) -> None:
    path = write_manifest(tmp_path, "path,date\na.txt,2024-01-05\nb.txt,12/03/2024\n")
    with pytest.raises(ConfigError) as raised:
        DatesManifest.load(path)
    assert str(raised.value) == (
        f"{path}:3: '12/03/2024' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY (or FY2016-17 for a fiscal year)"
    )


def test_manifest_row_without_date(tmp_path: Path) -> None:
    path = write_manifest(tmp_path, "a.txt\n")
    with pytest.raises(ConfigError, match=r"dates\.csv:1: expected 'path,date'"):
        DatesManifest.load(path)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="dates manifest not found"):
        DatesManifest.load(tmp_path / "nope.csv")


def test_file_name_wins_over_text_and_metadata(tmp_path: Path) -> None:
    doc = document(tmp_path / "2024-03-12-minutes.txt", "Held on 5 May 2024", dt.date(2024, 3, 20))
    dated = assign_date(doc)
    assert (dated.date, dated.date_source) == (dt.date(2024, 3, 12), "filename")


def test_text_wins_over_metadata(tmp_path: Path) -> None:
    dated = assign_date(document(tmp_path / "minutes.txt", "Held on 5 May 2024", dt.date(2024, 5, 9)))
    assert (dated.date, dated.date_source) == (dt.date(2024, 5, 5), "text")


def test_metadata_is_the_last_resort(tmp_path: Path) -> None:
    dated = assign_date(document(tmp_path / "minutes.txt", "No date here", dt.date(2024, 5, 9)))
    assert (dated.date, dated.date_source, dated.date_precision) == (
        dt.date(2024, 5, 9), "metadata (unreliable)", "day",
    )  # fmt: skip


def test_undated_document_keeps_a_note_on_ambiguity(tmp_path: Path) -> None:
    dated = assign_date(document(tmp_path / "minutes.txt", "Date: 03/04/2024"))
    assert dated.date is None
    assert dated.date_source is None
    assert dated.date_note is not None and dated.date_note.startswith("ambiguous date '03/04/2024'")


def test_ambiguous_text_falls_back_to_metadata_but_keeps_the_note(tmp_path: Path) -> None:
    dated = assign_date(document(tmp_path / "minutes.txt", "Date: 03/04/2024", dt.date(2024, 4, 5)))
    assert (dated.date, dated.date_source) == (dt.date(2024, 4, 5), "metadata (unreliable)")
    assert dated.date_note is not None


def test_manifest_paths_relative_to_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config").mkdir()
    monkeypatch.chdir(tmp_path)
    manifest = DatesManifest.load(write_manifest(tmp_path / "config", "minutes/board.txt,2024-06-11\n"))
    dated = assign_date(document(Path("minutes/board.txt")), manifest)
    assert (dated.date, dated.date_source) == (dt.date(2024, 6, 11), "manifest")


BAD = Path(__file__).parent / "fixtures" / "bad"
METADATA_NOTE = (
    "date {} from the file's metadata is outside 1900–2100; the document counts as undated "
    "(put the date in its file name or in a --dates CSV)"
)


@pytest.mark.parametrize(
    ("created", "kept"),
    [
        (dt.date(1900, 1, 1), True),
        (dt.date(2100, 12, 31), True),
        (dt.date(1899, 12, 31), False),
        (dt.date(2101, 1, 1), False),
        (dt.date(1, 1, 1), False),
        (dt.date(9999, 12, 31), False),
        (dt.datetime(9999, 12, 31, 23, 59), False),  # a reader handing over a datetime must not crash the compare
    ],
)
def test_metadata_dates_outside_1900_to_2100_are_refused(tmp_path: Path, created: dt.date, kept: bool) -> None:
    dated = assign_date(document(tmp_path / "minutes.txt", "No date here", created))
    if kept:
        assert (dated.date, dated.date_source, dated.date_note) == (created, "metadata (unreliable)", None)
    else:
        day = created.date() if isinstance(created, dt.datetime) else created
        assert (dated.date, dated.date_source, dated.date_precision) == (None, None, None)
        assert dated.date_note == METADATA_NOTE.format(day.isoformat())


def test_manifest_dates_outside_the_range_name_their_row() -> None:
    manifest = DatesManifest.load(BAD / "dates_far_future.csv")
    future = assign_date(document(BAD.parent / "same_text.md"), manifest)
    ancient = assign_date(document(BAD.parent / "same_text.txt", "Held on 5 May 2024"), manifest)
    assert (future.date, ancient.date) == (None, None)
    assert future.date_note == (
        f"date 9999-12-31 from {BAD / 'dates_far_future.csv'}:3 is outside 1900–2100; "
        "the document counts as undated (correct that row)"
    )
    assert ancient.date_note == (
        f"date 0001-01-01 from {BAD / 'dates_far_future.csv'}:4 is outside 1900–2100; "
        "the document counts as undated (correct that row)"
    )
    # the row did match its document: it is not reported as a typo
    assert manifest.unmatched([BAD.parent / "same_text.md", BAD.parent / "same_text.txt"]) == []


def test_refused_date_keeps_the_ambiguity_note_too(tmp_path: Path) -> None:
    dated = assign_date(document(tmp_path / "minutes.txt", "Date: 03/04/2024", dt.date(9999, 12, 31)))
    assert dated.date is None
    assert dated.date_note is not None
    assert dated.date_note.startswith(METADATA_NOTE.format("9999-12-31") + "; ambiguous date '03/04/2024' on line 1")


def test_manifest_with_a_nul_byte_names_the_line() -> None:
    path = BAD / "dates_nul.csv"
    with pytest.raises(ConfigError) as raised:
        DatesManifest.load(path)
    assert str(raised.value) == f"{path}:3: line holds a NUL byte: a dates manifest is a plain-text CSV of path,date rows"


def test_manifest_saved_as_utf16_without_bom_is_refused_on_line_1(tmp_path: Path) -> None:
    # "Unicode text" from a spreadsheet: every other byte is NUL, and it still decodes as UTF-8
    path = tmp_path / "dates.csv"
    path.write_bytes("path,date\r\nminutes.txt,2024-03-12\r\n".encode("utf-16-le"))
    with pytest.raises(ConfigError) as raised:
        DatesManifest.load(path)
    assert (raised.value.line, raised.value.message) == (
        1, "line holds a NUL byte: a dates manifest is a plain-text CSV of path,date rows",
    )  # fmt: skip


def test_manifest_field_too_large_for_csv_names_the_line(tmp_path: Path) -> None:
    path = write_manifest(tmp_path, "path,date\n" + '"' + "x" * 200_000 + '",2024-03-12\n')
    with pytest.raises(ConfigError) as raised:
        DatesManifest.load(path)
    assert (raised.value.line, raised.value.message) == (
        2, "not a CSV row of path,date (field larger than field limit (131072))",
    )  # fmt: skip


def test_manifest_line_numbers_match_the_editor(tmp_path: Path) -> None:
    # a form feed is a line break to str.splitlines, not to an editor; old Mac files end lines with \r
    path = write_manifest(tmp_path, "path,date\ra.txt,2024-01-05\rnote\x0c.txt,2024-02-30\r")
    with pytest.raises(ConfigError) as raised:
        DatesManifest.load(path)
    assert raised.value.line == 3
    assert DatesManifest.load(write_manifest(tmp_path, "a.txt,2024-01-05\rb.txt,2024-02-06\r")).rows == (
        (1, "a.txt"), (2, "b.txt"),
    )  # fmt: skip


# ----------------------------------------------------------------- years alone, in names and manifests


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("2025-strategy", 2025),
        ("FY2016-17 annual report", 2016),  # a fiscal year is dated by the year it starts
        ("annual_report_fy2019-2020", 2019),
        ("Strategic plan 2022", 2022),
        ("budget 2023_24", 2023),
    ],
)
def test_a_year_alone_in_a_file_name_dates_to_that_year(name: str, year: int) -> None:
    found = date_from_name(name)
    assert found is not None
    assert (found.date, found.precision, found.source) == (dt.date(year, 1, 1), "year", "filename")


@pytest.mark.parametrize(
    "name", ["strategy 2016-2018", "2019 vs 2020 comparison", "room2045-notes", "minutes-20251", "FY2016-19 plan"]
)
def test_ranges_and_numbers_in_names_give_no_year(name: str) -> None:
    assert date_from_name(name) is None


def test_a_folder_named_after_a_year_does_not_date_its_files(tmp_path: Path) -> None:
    assert date_from_path(tmp_path / "archive 2019" / "minutes.txt") is None
    found = date_from_path(tmp_path / "archive 2019" / "2019-strategy.txt")
    assert found is not None and (found.date, found.precision) == (dt.date(2019, 1, 1), "year")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025", (dt.date(2025, 1, 1), "year")),
        ("FY2016-17", (dt.date(2016, 1, 1), "year")),
        ("fy 2016/2017", (dt.date(2016, 1, 1), "year")),
        ("2016-17", (dt.date(2016, 1, 1), "year")),
        ("2016-12", (dt.date(2016, 12, 1), "month")),
        ("2016-2018", None),
        ("FY2016-18", None),
    ],
)
def test_manifest_takes_years_and_fiscal_years(cell: str, expected: tuple[dt.date, str] | None) -> None:
    found = parse_manifest_date(cell)
    assert (None if found is None else (found.date, found.precision)) == expected


def test_manifest_year_dates_a_document_with_year_precision(tmp_path: Path) -> None:
    manifest = DatesManifest.load(write_manifest(tmp_path, "path,date\nreport.pdf,FY2016-17\n"))
    dated = assign_date(document(tmp_path / "report.pdf"), manifest)
    assert (dated.date, dated.date_precision, dated.date_source) == (dt.date(2016, 1, 1), "year", "manifest")


# ----------------------------------------------------------------- the meeting's date, from the heading only

LETTERHEAD = "ALDERBROOK PUBLIC LIBRARY DISTRICT\n1400 Mill Road\nAlderbrook, IL 60010\n(847) 555-0134\n\n"


def test_minutes_are_dated_by_their_title_line_under_a_letterhead() -> None:
    text = LETTERHEAD + (
        "APPROVED April 7, 2020\n"
        "Minutes of the regular meeting of the Board of Trustees, March 3, 2020\n"
        "Present: Chair Ortiz, Trustees Lee, Brandt and Okafor\n"
        "1. The minutes of the February 4, 2020 meeting were approved.\n"
        "Next meeting: April 7, 2020"
    )
    found, note = date_from_text(text)
    assert found is not None
    assert (found.date, found.source, note) == (dt.date(2020, 3, 3), "text", None)


def test_a_date_in_the_body_is_never_taken() -> None:
    text = LETTERHEAD + (
        "Minutes of the regular meeting of the Board of Trustees\n"
        "Present: Chair Ortiz, Trustees Lee, Brandt and Okafor\n"
        "Absent: none\n"
        "1. Call to order at 7:02 pm\n"
        "2. The director reported on the summer reading programme.\n"
        "3. The treasurer's report for the period was accepted.\n"
        "4. The minutes of February 4, 2020 were approved."
    )
    assert date_from_text(text) == (None, None)


def test_the_next_meeting_is_not_this_meetings_date() -> None:
    text = "Board of Trustees\nAgenda\nNext meeting: April 7, 2020\nThe following meeting on May 5, 2020"
    assert date_from_text(text) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Strategic plan covering the period between June 2016 and February 2018",
        "Report for the period from March 3 to March 5, 2020",
        "Conference, 3 March 2020 - 5 March 2020",
        "Activity since January 2019",
        "Service review: 2016-01-04 to 2018-02-28",
    ],
)
def test_dates_that_start_or_end_a_range_are_not_taken(text: str) -> None:
    assert date_from_text("Springfield Library\n" + text) == (None, None)


def test_a_date_deep_in_a_long_first_paragraph_is_body() -> None:
    paragraph = "The board met to discuss the renovation of the children's area and the new catalogue. " * 3
    assert date_from_text(paragraph + "It will meet again on 12 March 2024.") == (None, None)


def test_the_title_dates_a_document_whose_text_does_not(tmp_path: Path) -> None:
    doc = Document(
        tmp_path / "minutes.pdf", "pdf", (Segment("Present: all trustees", Location("page", 1)),),
        title="Board minutes 2024-03-12",
    )  # fmt: skip
    dated = assign_date(doc)
    assert (dated.date, dated.date_source) == (dt.date(2024, 3, 12), "text")


# ----------------------------------------------------------------- metadata: modified only, never a conversion


def test_the_creation_date_alone_never_dates_a_document(tmp_path: Path) -> None:
    dated = assign_date(document(tmp_path / "minutes.txt", "No date here", created=dt.date(2013, 12, 23)))
    assert (dated.date, dated.date_source, dated.date_note) == (None, None, None)


@pytest.mark.parametrize(
    ("created", "modified", "producer", "kept"),
    [
        (dt.datetime(2024, 6, 2, 22, 41, 5), dt.datetime(2024, 6, 2, 22, 41, 50), "LibreOffice/7.6", False),
        (None, dt.datetime(2024, 6, 2, 22, 41), "pandoc 3.1", False),
        (dt.date(2024, 6, 2), dt.date(2024, 6, 2), "Skia/PDF m120", False),
        (dt.datetime(2024, 6, 2, 22, 41), dt.datetime(2024, 6, 2, 22, 43), "LibreOffice/7.6", True),
        (dt.datetime(2024, 6, 2, 22, 41), dt.datetime(2024, 6, 2, 22, 41), "Microsoft Word", True),
        (dt.datetime(2024, 6, 2, 22, 41, tzinfo=dt.UTC), dt.datetime(2024, 6, 2, 22, 41), "LibreOffice", False),
    ],
)
def test_a_converters_modified_time_equal_to_its_creation_is_refused(
    tmp_path: Path, created: dt.date | None, modified: dt.date, producer: str, kept: bool
) -> None:
    doc = document(tmp_path / "minutes.txt", "No date here", modified, created=created, producer=producer)
    dated = assign_date(doc)
    if kept:
        assert (dated.date, dated.date_source, dated.date_note) == (dt.date(2024, 6, 2), "metadata (unreliable)", None)
    else:
        assert (dated.date, dated.date_source) == (None, None)
        assert dated.date_note == (
            f"its metadata date 2024-06-02 is when {producer} converted the file, not when it was written; "
            "the document counts as undated (put the date in its file name or in a --dates CSV)"
        )


def test_metadata_dates_can_be_turned_off(tmp_path: Path) -> None:
    doc = document(tmp_path / "minutes.txt", "No date here", dt.date(2024, 5, 9))
    assert assign_date(doc, metadata_dates=False).date is None
    assert assign_date(document(tmp_path / "2024-05-01.txt"), metadata_dates=False).date == dt.date(2024, 5, 1)
