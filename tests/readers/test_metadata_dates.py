"""File metadata as each reader reports it (created, modified, producer), and the date it gives a document.

Real files made here with python-docx, python-pptx and reportlab (and a hand-made .odt,
.rtf and .html): the metadata date is the *modified* one, labelled unreliable, and a
converter's file whose modified time is its creation time (the conversion) gets none.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from focuscount.dating import assign_date
from focuscount.readers import read_document
from tests.readers.test_odt import odt

APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
MINUTES = "The board thanked our patrons for their comments on the opening hours."
CONVERSION_NOTE = (
    "its metadata date {day} is when {producer} converted the file, not when it was written; "
    "the document counts as undated (put the date in its file name or in a --dates CSV)"
)


def with_application(path: Path, application: str, *, drop_modified: bool = False) -> Path:
    """Rewrite docProps/app.xml's Application (python-docx and python-pptx cannot set it)."""
    buffer = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/app.xml":
                text = re.sub(r"<Application>[^<]*</Application>", "", data.decode("utf-8"))
                text = re.sub(r"(<Properties[^>]*>)", rf"\1<Application>{application}</Application>", text, count=1)
                data = text.encode("utf-8")
            elif item.filename == "docProps/core.xml" and drop_modified:
                data = re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>", b"", data)
            target.writestr(item, data)
    return path


def make_docx(path: Path, created: dt.datetime, modified: dt.datetime | None, application: str) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(MINUTES)
    document.core_properties.created = created
    document.core_properties.modified = modified or created
    document.save(str(path))
    return with_application(path, application, drop_modified=modified is None)


def make_pptx(path: Path, created: dt.datetime, modified: dt.datetime, application: str) -> Path:
    import pptx

    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = "Opening hours"
    slide.placeholders[1].text = MINUTES
    presentation.core_properties.created = created
    presentation.core_properties.modified = modified
    presentation.save(str(path))
    return with_application(path, application)


def make_pdf(path: Path, created: str, modified: str, producer: str, creator: str = "Writer") -> Path:
    """A one-page PDF with /CreationDate, /ModDate, /Producer and /Creator as given (D:YYYYMMDDHHmmSS)."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.setDateFormatter(lambda *_: created)
    pdf.setProducer(producer)
    pdf.setCreator(creator)
    pdf.drawString(72, 720, MINUTES)
    pdf.save()
    data = path.read_bytes()
    assert len(modified) == len(created)  # same length: the cross-reference offsets stay right
    data = data.replace(f"/ModDate ({created})".encode(), f"/ModDate ({modified})".encode())
    path.write_bytes(data)
    return path


def dated(path: Path, *, metadata_dates: bool = True) -> tuple[dt.date | None, str | None, str | None]:
    document = assign_date(read_document(path), metadata_dates=metadata_dates)
    return document.date, document.date_source, document.date_note


# ----------------------------------------------------------------- what the readers report


def test_docx_reports_created_modified_and_the_application(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "minutes.docx", dt.datetime(2013, 12, 23, 23, 15), dt.datetime(2024, 3, 14, 16, 2),
        "Microsoft Office Word",
    )  # fmt: skip
    document = read_document(path)
    assert (document.created, document.modified, document.producer) == (
        dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC),
        dt.datetime(2024, 3, 14, 16, 2, tzinfo=dt.UTC),
        "Microsoft Office Word",
    )


def test_pptx_reports_created_modified_and_the_application(tmp_path: Path) -> None:
    path = make_pptx(
        tmp_path / "talk.pptx", dt.datetime(2019, 1, 7, 8, 0), dt.datetime(2024, 10, 2, 11, 45), "Microsoft PowerPoint"
    )
    document = read_document(path)
    assert (document.created, document.modified, document.producer) == (
        dt.datetime(2019, 1, 7, 8, 0),  # python-pptx drops the time zone
        dt.datetime(2024, 10, 2, 11, 45),
        "Microsoft PowerPoint",
    )


def test_pdf_reports_its_dates_to_the_minute_and_producer_and_creator(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "minutes.pdf", "D:20240312093000", "D:20240315170500", "LibreOffice 7.6")
    document = read_document(path)
    assert (document.created, document.modified, document.producer) == (
        dt.datetime(2024, 3, 12, 9, 30), dt.datetime(2024, 3, 15, 17, 5), "LibreOffice 7.6 / Writer",
    )  # fmt: skip


def test_odt_reports_creation_date_dc_date_and_generator(tmp_path: Path) -> None:
    meta = (
        "<meta:generator>LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project/e19e193f88</meta:generator>"
        "<meta:creation-date>2024-03-12T09:30:00.123</meta:creation-date><dc:date>2024-03-14T18:20:11</dc:date>"
    )
    document = read_document(odt(tmp_path, f"<text:p>{MINUTES}</text:p>", meta=meta))
    assert (document.created, document.modified, document.producer) == (
        dt.datetime(2024, 3, 12, 9, 30), dt.datetime(2024, 3, 14, 18, 20),
        "LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project/e19e193f88",
    )  # fmt: skip


def test_rtf_reports_creatim_and_revtim(tmp_path: Path) -> None:
    path = tmp_path / "minutes.rtf"
    path.write_text(
        r"{\rtf1\ansi{\info{\title Minutes}{\creatim\yr2023\mo11\dy5\hr9\min15}{\revtim\yr2023\mo11\dy7\hr14\min3}}"
        r"\pard The board thanked our patrons.\par}",
        encoding="ascii",
    )
    document = read_document(path)
    assert (document.created, document.modified) == (dt.datetime(2023, 11, 5, 9, 15), dt.datetime(2023, 11, 7, 14, 3))


def test_html_reports_modified_and_generator(tmp_path: Path) -> None:
    path = tmp_path / "minutes.html"
    path.write_text(
        '<html><head><meta name="generator" content="pandoc"><meta name="dcterms.created" content="2024-03-12">'
        '<meta name="DCTERMS.modified" content="2024-03-20T10:00:00Z"></head><body><p>Minutes.</p></body></html>',
        encoding="utf-8",
    )
    document = read_document(path)
    assert (document.created, document.modified, document.producer) == (
        dt.date(2024, 3, 12), dt.date(2024, 3, 20), "pandoc",  # a web page's dates are taken to the day
    )  # fmt: skip


# ----------------------------------------------------------------- the date they give


def test_a_docx_from_a_template_is_dated_by_its_modified_date_not_the_templates(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "minutes.docx", dt.datetime(2013, 12, 23, 23, 15), dt.datetime(2024, 3, 14, 16, 2), "Microsoft Word"
    )
    assert dated(path) == (dt.date(2024, 3, 14), "metadata (unreliable)", None)


def test_a_docx_without_a_modified_date_is_undated(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "minutes.docx", dt.datetime(2024, 3, 12, 9, 30), None, "Microsoft Word")
    assert read_document(path).modified is None
    assert dated(path) == (None, None, None)


def test_a_libreoffice_conversion_is_not_a_date(tmp_path: Path) -> None:
    # soffice --convert-to docx: created and modified are the moment of the conversion
    moment = dt.datetime(2024, 6, 2, 22, 41)
    path = make_docx(tmp_path / "minutes.docx", moment, moment, "LibreOffice/7.6.4.1$Linux_X86_64")
    assert dated(path) == (
        None, None, CONVERSION_NOTE.format(day="2024-06-02", producer="LibreOffice/7.6.4.1$Linux_X86_64"),
    )  # fmt: skip


def test_a_file_edited_after_its_conversion_keeps_its_modified_date(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "minutes.docx", dt.datetime(2024, 6, 2, 22, 41), dt.datetime(2024, 6, 2, 23, 30), "LibreOffice/7.6"
    )
    assert dated(path) == (dt.date(2024, 6, 2), "metadata (unreliable)", None)


def test_libreoffice_authoring_over_a_minute_is_not_a_conversion(tmp_path: Path) -> None:
    meta = (
        "<meta:generator>LibreOffice/7.6.4.1$Linux_X86_64</meta:generator>"
        "<meta:creation-date>2024-03-12T09:30:00</meta:creation-date><dc:date>2024-03-12T09:31:10</dc:date>"
    )
    path = odt(tmp_path, f"<text:p>{MINUTES}</text:p>", meta=meta)
    assert dated(path) == (dt.date(2024, 3, 12), "metadata (unreliable)", None)


def test_a_print_to_pdf_export_is_not_a_date(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "minutes.pdf", "D:20250110083012", "D:20250110083012", "Microsoft: Print To PDF", "Word")
    assert dated(path) == (
        None, None, CONVERSION_NOTE.format(day="2025-01-10", producer="Microsoft: Print To PDF / Word"),
    )  # fmt: skip


def test_a_pdf_from_a_word_processor_is_dated_by_its_moddate(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "minutes.pdf", "D:20240312093000", "D:20240315170500", "Microsoft® Word for Microsoft 365", "Word"
    )
    assert dated(path) == (dt.date(2024, 3, 15), "metadata (unreliable)", None)


def test_a_pptx_is_dated_by_its_modified_date(tmp_path: Path) -> None:
    path = make_pptx(
        tmp_path / "talk.pptx", dt.datetime(2019, 1, 7, 8, 0), dt.datetime(2024, 10, 2, 11, 45), "Microsoft PowerPoint"
    )
    assert dated(path) == (dt.date(2024, 10, 2), "metadata (unreliable)", None)


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_no_metadata_dates_leaves_the_document_undated(tmp_path: Path, suffix: str) -> None:
    if suffix == "docx":
        path = make_docx(
            tmp_path / "a.docx", dt.datetime(2024, 3, 1, 9, 0), dt.datetime(2024, 3, 14, 16, 2), "Microsoft Word"
        )
    else:
        path = make_pdf(tmp_path / "a.pdf", "D:20240301090000", "D:20240314160200", "Acrobat Distiller 23.0")
    assert dated(path)[:2] == (dt.date(2024, 3, 14), "metadata (unreliable)")
    assert dated(path, metadata_dates=False) == (None, None, None)
