"""focuscount's own bugs are InternalReadError, broken files plain ReadError; pdfminer's logging is left alone."""

from __future__ import annotations

import logging
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import focuscount.readers.docx as docx_reader
import focuscount.readers.text as text_reader
from focuscount.errors import InternalReadError, ReadError, UnsupportedFormatError
from focuscount.log import DebugFormatter, configure_cli_logging
from focuscount.readers import PDF_ENGINES, READERS, raised_in, read_document, spec_for

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BAD = FIXTURES / "bad"
REPO = FIXTURES.parent.parent
INTERNAL = "internal error while reading this file (please report it, with --debug output): "
# held_truncated.pdf: pdfminer works around its damage with one warning per damaged page, then the reader refuses it.
WARNING_PDF = BAD / "held_truncated.pdf"
PDFMINER_WARNING = "Execute called on non-indirect object (inline image?) <PDFStream(None): raw=0, {}>"
TRUNCATED_REASON = (
    "damaged PDF (its pages were found but hold no readable text); "
    "re-export it from its source program or try `qpdf in.pdf repaired.pdf`"
)


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    path = tmp_path / "2024-03-12-board-minutes.txt"
    path.write_text(
        "Alderbrook Public Library - Board of Trustees\n\n"
        "Present: M. Okafor (Chair), J. Lindqvist, R. Patel\n\n"
        "Chair: library users asked for longer opening hours.\n\n"
        "Page 1 of 1\n",
        encoding="utf-8",
    )
    return path


# ---------------------------------------------------------------------------------------------- our own bugs


def test_a_bug_in_our_own_code_is_an_internal_error_with_its_cause(
    minutes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A helper handing back the wrong type: paragraph_segments (focuscount's code) then fails on it.
    monkeypatch.setattr(text_reader, "decode_text", lambda data, path: None)
    with pytest.raises(InternalReadError) as caught:
        read_document(minutes)
    error = caught.value
    assert str(error) == f"{minutes}: {INTERNAL}AttributeError: 'NoneType' object has no attribute 'split'"
    assert error.reason == f"{INTERNAL}AttributeError: 'NoneType' object has no attribute 'split'"
    assert error.path == minutes
    assert isinstance(error, ReadError)  # every `except ReadError` still skips the file
    assert type(error.cause) is AttributeError
    assert error.__cause__ is error.cause
    assert error.cause.__traceback__ is not None
    assert raised_in(error.cause) == "focuscount"  # _textblocks.paragraph_segments


def test_a_type_error_in_a_reader_of_a_library_format_is_internal(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_title(value: object) -> str:
        return str(value) + 12  # type: ignore[operator]  # the bug: str + int

    monkeypatch.setattr(docx_reader, "clean_title", broken_title)
    path = FIXTURES / "full.docx"
    with pytest.raises(InternalReadError) as caught:
        read_document(path)
    assert caught.value.reason == f'{INTERNAL}TypeError: can only concatenate str (not "int") to str'
    assert type(caught.value.cause) is TypeError


def test_the_reason_of_an_internal_error_is_one_bounded_line(minutes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(data: bytes, path: Path) -> str:
        raise IndexError("segment 12\nof 3\r\n" + "x" * 400)

    monkeypatch.setattr(text_reader, "decode_text", explode)
    with pytest.raises(InternalReadError) as caught:
        read_document(minutes)
    reason = caught.value.reason
    assert reason == f"{INTERNAL}IndexError: segment 12 of 3 {'x' * 143}…"
    assert len(reason) == len(INTERNAL) + len("IndexError: ") + 160


def test_an_exception_without_a_message_is_named(minutes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(data: bytes, path: Path) -> str:
        raise AssertionError

    monkeypatch.setattr(text_reader, "decode_text", explode)
    with pytest.raises(InternalReadError) as caught:
        read_document(minutes)
    assert caught.value.reason == f"{INTERNAL}AssertionError"


def test_internal_read_error_can_be_made_directly() -> None:
    cause = KeyError("x")
    error = InternalReadError("minutes/2024-03-12.docx", cause)
    assert str(error) == f"minutes/2024-03-12.docx: {INTERNAL}KeyError: 'x'"
    assert error.cause is cause
    assert error.path == Path("minutes/2024-03-12.docx")


# ---------------------------------------------------------------------------------------------- broken files


def test_the_same_exception_raised_in_a_parsing_library_is_a_broken_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from docx.shared import RGBColor

    # A ValueError from python-docx's own frames (int("zz", 16) in docx.shared): the file's fault.
    monkeypatch.setattr(docx_reader, "clean_title", lambda value: str(RGBColor.from_string("zz")))
    path = FIXTURES / "full.docx"
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert type(caught.value) is ReadError
    assert caught.value.reason == "cannot read docx file (ValueError: invalid literal for int() with base 16: 'zz')"
    assert caught.value.cause is not None
    assert raised_in(caught.value.cause) == "docx"


def test_a_declared_parser_exception_is_a_broken_file_wherever_it_is_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(value: object) -> str:
        raise zipfile.BadZipFile("Bad CRC-32 for file 'word/header1.xml'")

    monkeypatch.setattr(docx_reader, "clean_title", broken)
    with pytest.raises(ReadError) as caught:
        read_document(FIXTURES / "full.docx")
    assert type(caught.value) is ReadError
    assert caught.value.reason == "cannot read docx file (BadZipFile: Bad CRC-32 for file 'word/header1.xml')"


def test_undecodable_text_is_a_broken_file_in_every_format(minutes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def strict(data: bytes, path: Path) -> str:
        return b"Alderbrook \xff".decode("utf-8")

    monkeypatch.setattr(text_reader, "decode_text", strict)
    with pytest.raises(ReadError) as caught:
        read_document(minutes)
    assert type(caught.value) is ReadError
    assert caught.value.reason == (
        "cannot read txt file (UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 11: "
        "invalid start byte)"
    )


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("corrupt.docx", "not a valid .docx file (not a zip archive); open and re-save it in Word"),
        ("corrupt.pptx", "not a valid .pptx file (not a zip archive); open and re-save it in PowerPoint"),
        ("corrupt.odt", "not a valid .odt file (not a zip archive); open and re-save it in LibreOffice Writer"),
        (
            "corrupt.pdf",
            "not a valid PDF (Unexpected EOF); re-export it from its source program or try `qpdf in.pdf repaired.pdf`",
        ),
    ],
)
def test_a_corrupt_fixture_is_a_plain_read_error(name: str, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(FIXTURES / name)
    assert type(caught.value) is ReadError
    assert caught.value.reason == reason


@pytest.mark.parametrize("suffix", [".docx", ".pptx", ".odt", ".odp"])
def test_a_cut_off_zip_package_is_a_plain_read_error(suffix: str, tmp_path: Path) -> None:
    source = FIXTURES / ("deck" + suffix if suffix in (".pptx", ".odp") else "full" + suffix)
    data = source.read_bytes()
    path = tmp_path / f"2024-03-12-board-minutes{suffix}"
    path.write_bytes(data[: len(data) // 2])  # a download cut off halfway: no central directory
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert type(caught.value) is ReadError
    assert caught.value.reason.startswith(f"not a valid .{suffix[1:]} file (not a zip archive); ")


@pytest.mark.parametrize("path", sorted(BAD.iterdir()), ids=lambda path: path.name)
def test_no_bad_fixture_is_an_internal_error(path: Path) -> None:
    try:
        read_document(path)
    except (ReadError, UnsupportedFormatError) as error:
        assert not isinstance(error, InternalReadError), str(error)


def test_every_reader_declares_its_libraries_by_top_level_name() -> None:
    for spec in (*READERS, *PDF_ENGINES.values()):
        assert all("." not in library for library in spec.libraries), spec.format
        assert all("." in name for name in spec.bad_file_errors), spec.format
    assert spec_for(Path("x.pdf"), "pdfminer").libraries == ("pdfminer",)
    # PDFium hands a file it cannot open to pdfminer.six, whose failures then come through it too.
    assert spec_for(Path("x.pdf")).libraries == ("pypdfium2", "pypdfium2_raw", "pdfminer")
    assert spec_for(Path("x.rtf")).libraries == ()  # our own parser: any escaped exception is a bug


def test_raised_in_names_a_cython_frame_and_no_traceback() -> None:
    from lxml import etree  # type: ignore[import-untyped]

    with pytest.raises(etree.XMLSyntaxError) as caught:
        etree.fromstring(b"<w:document>")
    assert raised_in(caught.value) == "lxml"
    assert raised_in(KeyError("never raised")) == ""


# ---------------------------------------------------------------------------------------------- logging


def _logger_state(name: str) -> tuple[object, ...]:
    logger = logging.getLogger(name)
    return (logger.level, list(logger.handlers), list(logger.filters), logger.propagate, logger.disabled)


def test_reading_a_pdf_leaves_the_pdfminer_loggers_alone() -> None:
    names = ("pdfminer", "pdfminer.pdfinterp", "pdfminer.pdfdocument", "pdfminer.pdfpage", "pdfminer.pdftypes")
    before = {name: _logger_state(name) for name in names}
    with pytest.raises(ReadError):
        read_document(WARNING_PDF)
    read_document(FIXTURES / "multipage.pdf")
    assert {name: _logger_state(name) for name in names} == before
    assert logging.getLogger("pdfminer").level == logging.NOTSET


def test_the_warning_pdf_really_makes_pdfminer_warn(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="pdfminer"), pytest.raises(ReadError):
        read_document(WARNING_PDF)
    assert [(record.name, record.levelname, record.getMessage()) for record in caplog.records] == [
        ("pdfminer.pdfinterp", "WARNING", PDFMINER_WARNING)
    ] * 3


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120, check=False
    )


_READ_WARNING_PDF = f"""
from focuscount.readers import read_document
try:
    read_document({str(WARNING_PDF)!r}, pdf_engine="pdfminer")  # pdfminer.six's logger is what these tests watch
except Exception as error:
    print(type(error).__name__, error.reason)
"""


def test_without_a_logging_setup_python_prints_pdfminer_warnings() -> None:
    # Why the CLI needs configure_cli_logging: Python's last-resort handler prints WARNING records.
    result = _run_python(_READ_WARNING_PDF)
    assert result.stdout == f"ReadError {TRUNCATED_REASON}\n"
    assert result.stderr == f"{PDFMINER_WARNING}\n" * 3


def test_the_cli_logging_setup_keeps_pdfminer_warnings_off_stderr() -> None:
    code = "from focuscount.log import configure_cli_logging\nconfigure_cli_logging(False)\n" + _READ_WARNING_PDF
    result = _run_python(code)
    assert result.stdout == f"ReadError {TRUNCATED_REASON}\n"
    assert result.stderr == ""


def test_the_debug_logging_setup_shows_library_warnings_and_our_debug_records() -> None:
    code = "from focuscount.log import configure_cli_logging\nconfigure_cli_logging(True)\n" + _READ_WARNING_PDF
    code += f"read_document({str(FIXTURES / 'deck_notes_pages.pdf')!r}, pdf_engine='pdfminer')\n"
    result = _run_python(code)
    assert result.stdout == f"ReadError {TRUNCATED_REASON}\n"
    deck = FIXTURES / "deck_notes_pages.pdf"
    assert result.stderr.splitlines() == [
        f"focuscount: debug: pdfminer.pdfinterp: warning: {PDFMINER_WARNING}",
        f"focuscount: debug: pdfminer.pdfinterp: warning: {PDFMINER_WARNING}",
        f"focuscount: debug: pdfminer.pdfinterp: warning: {PDFMINER_WARNING}",
        f"focuscount: debug: readers.pdf: {deck}: 6 pages, 6 with text; read as 3 slides, then their notes pages",
        f"focuscount: debug: readers: {deck}: read as pdf, 15 segments",
    ]


def test_an_internal_error_is_logged_at_debug(
    minutes: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(text_reader, "decode_text", lambda data, path: None)
    with caplog.at_level(logging.DEBUG, logger="focuscount"), pytest.raises(InternalReadError):
        read_document(minutes)
    assert [record.getMessage() for record in caplog.records] == [
        f"{minutes}: AttributeError raised in focuscount: an internal error"
    ]


def test_configuring_twice_installs_one_handler_and_undo_restores(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    ours = logging.getLogger("focuscount")
    handlers, level = list(root.handlers), ours.level
    configure_cli_logging(True)
    undo = configure_cli_logging(True)
    assert len(root.handlers) == len(handlers) + 1
    assert ours.level == logging.DEBUG
    logging.getLogger("focuscount.analysis").debug("counted %d documents", 3)
    logging.getLogger("spacy").info("an INFO record of a library: not shown")
    undo()
    undo()  # idempotent
    logging.getLogger("focuscount.analysis").debug("after undo: not shown")
    assert root.handlers == handlers
    assert ours.level == level
    assert capsys.readouterr().err == "focuscount: debug: analysis: counted 3 documents\n"


def test_the_debug_formatter_escapes_document_text_and_prefixes_every_line() -> None:
    try:
        raise ValueError("bad \x1b[31m")
    except ValueError:
        record = logging.LogRecord(
            "pdfminer.cmapdb", logging.WARNING, __file__, 1, "font %s\nmissing", ("Alderbrook\x07",), sys.exc_info()
        )
    lines = DebugFormatter().format(record).splitlines()
    assert lines[0] == "focuscount: debug: pdfminer.cmapdb: warning: font Alderbrook\\x07\\nmissing"
    assert lines[1] == "focuscount: debug: Traceback (most recent call last):"
    assert lines[-1] == "focuscount: debug: ValueError: bad \\x1b[31m"
    assert all(line.startswith("focuscount: debug: ") for line in lines)
