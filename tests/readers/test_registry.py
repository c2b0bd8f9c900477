"""The reader registry: dispatch by extension, conversion hints, missing files, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from focuscount.errors import ReadError, UnsupportedFormatError
from focuscount.readers import is_supported, legacy, read_document, spec_for

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAME_TEXT = (
    "Minutes of the library board meeting.",
    "Customers and patrons praised the new user interface.",
    "Library users asked the administration for more resources.",
    "Children will get a reading corner in the library.",
)


SAME_TEXT_FORMATS = ["txt", "md", "pdf", "docx", "pptx", "html", "odt", "odp", "rtf", "vtt", "srt"]


@pytest.mark.parametrize("extension", SAME_TEXT_FORMATS)
def test_same_text_gives_the_same_words_in_every_format(extension: str) -> None:
    document = read_document(FIXTURES / f"same_text.{extension}")
    assert document.format == extension
    assert document.text.split() == " ".join(SAME_TEXT).split()


def test_every_same_text_fixture_is_tested() -> None:
    found = sorted(path.suffix[1:] for path in FIXTURES.glob("same_text.*"))
    assert found == sorted(SAME_TEXT_FORMATS)
    words = {extension: read_document(FIXTURES / f"same_text.{extension}").text.split() for extension in found}
    assert len({tuple(value) for value in words.values()}) == 1


@pytest.mark.parametrize(
    ("name", "format_name"),
    [
        ("page.HTML", "html"),
        ("page.htm", "html"),
        ("a.odt", "odt"),
        ("a.odp", "odp"),
        ("a.RTF", "rtf"),
        ("a.vtt", "vtt"),
        ("a.srt", "srt"),
    ],
)
def test_new_extensions_dispatch_to_their_reader(name: str, format_name: str) -> None:
    assert spec_for(Path(name)).format == format_name
    assert is_supported(Path(name))


def test_text_extension_alias(tmp_path: Path) -> None:
    path = tmp_path / "notes.TEXT"
    path.write_text("Patrons.\n", encoding="utf-8")
    assert read_document(path).format == "txt"


def test_unsupported_extension() -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        read_document("minutes.xyz")
    assert caught.value.reason == (
        "unsupported format .xyz; focuscount reads .doc, .docx, .htm, .html, .markdown, .md, .odp, .odt, .pdf, "
        ".ppt, .pptx, .rtf, .srt, .text, .txt, .vtt"
    )


def test_no_extension() -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        read_document("README")
    assert caught.value.reason.startswith("unsupported format (no extension); focuscount reads ")


def test_legacy_doc_without_libreoffice_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy, "find_office", lambda: None)
    path = FIXTURES / "legacy.doc"
    with pytest.raises(UnsupportedFormatError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path}: install LibreOffice to read .doc files (soffice not found)"


def test_legacy_ppt_without_libreoffice_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(legacy, "find_office", lambda: None)
    path = tmp_path / "Slides.PPT"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1"))
    with pytest.raises(UnsupportedFormatError) as caught:
        read_document(path)
    assert caught.value.reason == "install LibreOffice to read .ppt files (soffice not found)"


@pytest.mark.skipif(legacy.find_office() is None, reason="LibreOffice (soffice) is not installed")
def test_a_legacy_doc_libreoffice_cannot_load_is_skipped_with_its_reason() -> None:
    path = FIXTURES / "legacy.doc"  # an OLE signature and zeros
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path}: LibreOffice could not convert it (source file could not be loaded)"


def test_rtf_is_read_not_sent_to_conversion(tmp_path: Path) -> None:
    path = tmp_path / "Minutes.RTF"
    path.write_bytes(b"{\\rtf1 Patrons\\par}")
    document = read_document(path)
    assert document.format == "rtf"
    assert document.text == "Patrons"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(tmp_path / "gone.pdf")
    assert caught.value.reason == "no such file"


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "minutes.txt"
    folder.mkdir()
    with pytest.raises(ReadError) as caught:
        read_document(folder)
    assert caught.value.reason == "a directory, not a file"


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("binary.txt", "binary file, not text"),
        ("corrupt.pdf", "not a valid PDF ("),
        ("encrypted.pdf", "encrypted PDF (a password is needed)"),
        ("scanned.pdf", "no extractable text"),
        ("corrupt.docx", "not a valid .docx file ("),
        ("fake.docx", "not a valid .docx file ("),
        ("encrypted.docx", "encrypted (password-protected) .docx"),
        ("corrupt.pptx", "not a valid .pptx file ("),
        ("fake.pptx", "not a valid .pptx file ("),
        ("corrupt.odt", "not a valid .odt file (not a zip archive)"),
        ("encrypted.odt", "encrypted (password-protected) .odt"),
        ("not_vtt.vtt", "not a WebVTT file"),
        ("empty.srt", "empty file (0 bytes)"),
        ("not_rtf.rtf", "not an RTF file"),
    ],
)
def test_reader_errors_pass_through_the_registry_unchanged(name: str, start: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(FIXTURES / name)
    assert caught.value.reason.startswith(start)
    assert "\n" not in str(caught.value)


def test_heavy_libraries_are_imported_only_when_reading() -> None:
    code = (
        "import sys\n"
        "import focuscount.readers, focuscount.readers.text, focuscount.readers.markdown\n"
        "import focuscount.readers.pdf, focuscount.readers.docx, focuscount.readers.pptx\n"
        "import focuscount.readers.html, focuscount.readers.odt, focuscount.readers.odp\n"
        "import focuscount.readers.rtf, focuscount.readers.vtt, focuscount.readers.srt\n"
        "heavy = [name for name in ('pdfminer', 'docx', 'pptx', 'lxml') if name in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
