"""Regenerate focuscount's example corpus from the texts in example_texts.py.

    make examples        (or: .venv/bin/python tools/make_examples.py)

Deletes and rewrites ``examples/minutes/`` (twelve sets of board minutes as
txt, md, docx and pdf) and ``examples/talks/`` (a pptx deck and a deck rendered
to pdf).  Output is deterministic: document metadata carries fixed dates, zip
members of docx/pptx carry fixed timestamps and reportlab runs in invariant
mode, so running the script twice gives identical bytes.

The PDFs and the pptx deck carry page furniture, so that the examples show
focuscount's furniture rule at work: the minutes PDFs (A5 pages, three or more
of them) a running header with the library's name and a footer with the page
number, the decks a footer with the library's name and the conference, and the
slide number, on every slide (in the pptx as footer and slide-number
placeholders).

Every PDF is read back with pdfminer.six and checked to contain exactly the
words of its source text (no hyphenation, no lost or split words) once its
furniture lines are taken out, each of which must come back as a line of its own.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
import shutil
import sys
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # leave no __pycache__ behind

from example_texts import (  # noqa: E402
    AUTHOR,
    DECKS,
    LIBRARY,
    MINUTES,
    MINUTES_PDF_FOOTER,
    MINUTES_PDF_HEADER,
    Deck,
    Minutes,
)

MINUTES_DIR = EXAMPLES / "minutes"
TALKS_DIR = EXAMPLES / "talks"

# "Director: ...", "Present: ...", "Motion: ...": a label set in bold.
LABEL = re.compile(r"^(Present|In attendance|Apologies|Chair|Director|Treasurer|Motion|Resolved):\s")


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Block:
    """One block of a minutes text: title, place, h2, h3, para, bullet or table."""

    kind: str
    text: str = ""
    label: str | None = None  # bold label of a paragraph ("Director")
    rows: tuple[tuple[str, ...], ...] = ()


def parse(text: str) -> list[Block]:
    """Split a minutes text in the mini-markup of make_examples_texts into blocks."""
    lines = text.strip("\n").split("\n")
    blocks = [Block("title", lines[0].strip()), Block("place", lines[1].strip())]
    paragraph: list[str] = []
    table: list[tuple[str, ...]] = []

    def flush() -> None:
        if paragraph:
            joined = " ".join(paragraph)
            match = LABEL.match(joined)
            if match:
                blocks.append(Block("para", joined[match.end() :], label=match.group(1)))
            else:
                blocks.append(Block("para", joined))
            paragraph.clear()
        if table:
            blocks.append(Block("table", rows=tuple(table)))
            table.clear()

    for line in lines[2:]:
        line = line.strip()
        if not line:
            flush()
        elif line.startswith("### "):
            flush()
            blocks.append(Block("h3", line[4:]))
        elif line.startswith("## "):
            flush()
            blocks.append(Block("h2", line[3:]))
        elif line.startswith("- "):
            flush()
            blocks.append(Block("bullet", line[2:]))
        elif line.startswith("|"):
            if paragraph:
                flush()
            table.append(tuple(cell.strip() for cell in line.strip("|").split("|")))
        else:
            paragraph.append(line)
    flush()
    return blocks


def para_text(block: Block) -> str:
    """A paragraph's text with its label, as plain text."""
    return f"{block.label}: {block.text}" if block.label else block.text


# --------------------------------------------------------------------------- txt / md


def render_txt(blocks: list[Block]) -> str:
    """Plain text, wrapped at 76 columns (only at spaces), headings on their own lines."""
    out: list[str] = []
    wrap = textwrap.TextWrapper(width=76, break_long_words=False, break_on_hyphens=False)
    for block in blocks:
        if block.kind == "title":
            out += [block.text]
        elif block.kind in ("place", "h2", "h3"):
            out += [block.text, ""]
        elif block.kind == "para":
            out += [*wrap.wrap(para_text(block)), ""]
        elif block.kind == "bullet":
            out += textwrap.wrap(
                block.text,
                width=76,
                initial_indent="- ",
                subsequent_indent="  ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        elif block.kind == "table":
            widths = [max(len(row[i]) for row in block.rows) for i in range(len(block.rows[0]))]
            for n, row in enumerate(block.rows):
                out.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
                if n == 0:
                    out.append("  ".join("-" * w for w in widths))
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_md(blocks: list[Block]) -> str:
    """Markdown: # title, ## items, ### sub-items, **bold** labels, pipe tables."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "title":
            out += [f"# {block.text}", ""]
        elif block.kind == "place":
            out += [block.text, ""]
        elif block.kind == "h2":
            out += [f"## {block.text}", ""]
        elif block.kind == "h3":
            out += [f"### {block.text}", ""]
        elif block.kind == "para":
            text = f"**{block.label}:** {block.text}" if block.label else block.text
            out += [text, ""]
        elif block.kind == "bullet":
            out += [f"- {block.text}"]
        elif block.kind == "table":
            header, *rows = block.rows
            out.append("| " + " | ".join(header) + " |")
            out.append("|" + "|".join(" --- " for _ in header) + "|")
            out += ["| " + " | ".join(row) + " |" for row in rows]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- docx / pptx


def at_ten(day: dt.date) -> dt.datetime:
    """The metadata timestamp used for a document: ten in the morning of ``day``."""
    return dt.datetime(day.year, day.month, day.day, 10, 0, 0)


def normalise_zip(path: Path, when: dt.datetime) -> None:
    """Rewrite an OOXML zip with fixed member timestamps, so rebuilds are byte-identical."""
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(path, "w") as target:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)


def set_core_properties(props, title: str, when: dt.datetime, subject: str) -> None:
    """Deterministic core properties for a docx or pptx."""
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.title = title
    props.subject = subject
    props.created = when
    props.modified = when
    props.revision = 1
    props.keywords = ""
    props.comments = ""


def write_docx(minutes: Minutes, blocks: list[Block], path: Path) -> None:
    """Minutes as a Word document: styled headings, bold labels, a real table, a page header."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    section = document.sections[0]
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = f"{LIBRARY} - Board of Trustees"

    for block in blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "place":
            document.add_paragraph().add_run(block.text).italic = True
        elif block.kind == "h2":
            document.add_heading(block.text, level=1)
        elif block.kind == "h3":
            document.add_heading(block.text, level=2)
        elif block.kind == "para":
            paragraph = document.add_paragraph()
            if block.label:
                paragraph.add_run(f"{block.label}:").bold = True
                paragraph.add_run(f" {block.text}")
            else:
                paragraph.add_run(block.text)
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "table":
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
            document.add_paragraph()

    when = at_ten(minutes.typed)
    set_core_properties(
        document.core_properties,
        f"Minutes of the Board of Trustees, {minutes.date.day} {minutes.date:%B %Y}",
        when,
        "Board of Trustees minutes",
    )
    document.save(path)
    normalise_zip(path, when)


def write_pptx(deck: Deck, path: Path) -> None:
    """A deck as PowerPoint: title slide, bullet slides, a table, a group of boxes, notes."""
    import pptx
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu, Inches, Pt

    prs = pptx.Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    width = prs.slide_width
    title_layout, content_layout, title_only_layout = (prs.slide_layouts[i] for i in (0, 1, 5))

    for slide_spec in deck.slides:
        if slide_spec.subtitle is not None:
            slide = prs.slides.add_slide(title_layout)
            slide.shapes.title.text = slide_spec.title
            slide.placeholders[1].text = slide_spec.subtitle
            for paragraph in slide.placeholders[1].text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(20)
            for shape in (slide.shapes.title, slide.placeholders[1]):
                shape.left, shape.width = Inches(0.8), width - Inches(1.6)
        elif slide_spec.table or slide_spec.boxes:
            slide = prs.slides.add_slide(title_only_layout)
            slide.shapes.title.text = slide_spec.title
            slide.shapes.title.left, slide.shapes.title.width = Inches(0.6), width - Inches(1.2)
            if slide_spec.table:
                add_table(slide, slide_spec.table, Inches(1.2), Inches(1.9), width - Inches(2.4), Pt)
            if slide_spec.boxes:
                group = slide.shapes.add_group_shape()
                n = len(slide_spec.boxes)
                gap = Inches(0.3)
                box_w = Emu(int((width - Inches(1.2) - gap * (n - 1)) / n))
                for i, (heading, text) in enumerate(slide_spec.boxes):
                    box = group.shapes.add_shape(
                        MSO_SHAPE.ROUNDED_RECTANGLE, Inches(0.6) + i * (box_w + gap), Inches(2.0), box_w, Inches(3.6)
                    )
                    box.fill.solid()
                    box.fill.fore_color.rgb = RGBColor(0x1F, 0x5C, 0x7A)
                    frame = box.text_frame
                    frame.word_wrap = True
                    frame.text = heading
                    frame.paragraphs[0].runs[0].font.bold = True
                    frame.paragraphs[0].runs[0].font.size = Pt(22)
                    body = frame.add_paragraph()
                    body.text = text
                    body.runs[0].font.size = Pt(16)
                group.name = "Priorities"
        else:
            slide = prs.slides.add_slide(content_layout)
            slide.shapes.title.text = slide_spec.title
            body = slide.placeholders[1]
            for shape in (slide.shapes.title, body):
                shape.left, shape.width = Inches(0.6), width - Inches(1.2)
            frame = body.text_frame
            for i, bullet in enumerate(slide_spec.bullets):
                paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                paragraph.text = bullet
                paragraph.runs[0].font.size = Pt(26)
        add_slide_furniture(slide, deck.footer, len(prs.slides), width, Pt)
        if slide_spec.notes:
            slide.notes_slide.notes_text_frame.text = slide_spec.notes

    when = at_ten(deck.created)
    set_core_properties(prs.core_properties, deck.title, when, "Conference talk")
    prs.save(path)
    normalise_zip(path, when)


def add_slide_furniture(slide, footer: str, number: int, width, Pt) -> None:
    """The slide's footer and slide-number placeholders (python-pptx leaves them off new slides)."""
    from lxml import etree
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.oxml.ns import qn
    from pptx.util import Inches

    if not footer:
        return
    kinds = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
    for placeholder in slide.slide_layout.placeholders:
        if placeholder.placeholder_format.type in kinds:
            slide.shapes.clone_placeholder(placeholder)
    for shape in slide.placeholders:
        kind = shape.placeholder_format.type
        if kind not in kinds:
            continue
        top, height = shape.top, shape.height  # the layout's, made the slide's own
        if kind == PP_PLACEHOLDER.FOOTER:
            shape.left, shape.width = Inches(0.6), Inches(8)
            shape.text_frame.text = footer
            run = shape.text_frame.paragraphs[0].runs[0]
        else:
            shape.left, shape.width = width - Inches(2.1), Inches(1.5)
            field = etree.SubElement(shape.text_frame.paragraphs[0]._p, qn("a:fld"))
            field.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")  # PowerPoint's slide-number field id
            field.set("type", "slidenum")
            etree.SubElement(field, qn("a:t")).text = str(number)
            run = None
        shape.top, shape.height = top, height
        if run is not None:
            run.font.size = Pt(12)


def add_table(slide, rows, left, top, width, Pt) -> None:
    """A table on a pptx slide, header row bold."""
    shape = slide.shapes.add_table(len(rows), len(rows[0]), left, top, width, Pt(40) * len(rows))
    table = shape.table
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(18)
                    run.font.bold = r == 0


# --------------------------------------------------------------------------- pdf

REGULAR, BOLD, ITALIC = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"


def pdf_canvas(path: Path, pagesize, title: str, subject: str, when: dt.datetime):
    """A reportlab canvas with deterministic metadata (invariant mode, fixed dates)."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=pagesize, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor(AUTHOR)
    pdf.setCreator(AUTHOR)
    pdf.setSubject(subject)
    stamp = f"D:{when:%Y%m%d%H%M%S}+00'00'"
    pdf.setDateFormatter(lambda *_: stamp)
    return pdf


def wrap_runs(runs: list[tuple[str, str]], size: float, width: float) -> list[list[tuple[str, str]]]:
    """Break (font, text) runs into lines no wider than ``width``, only at spaces.

    Each line is a list of (font, text) pieces whose texts, joined, keep the spaces
    between words, so pdfminer reads real space characters.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = [(font, word) for font, text in runs for word in text.split()]
    lines: list[list[tuple[str, str]]] = []
    line: list[tuple[str, str]] = []
    used = 0.0
    for font, word in words:
        advance = stringWidth(word, font, size)
        space = stringWidth(" ", font, size) if line else 0.0
        if line and used + space + advance > width:
            lines.append(line)
            line, used, space = [], 0.0, 0.0
        line.append((font, (" " if space else "") + word))
        used += space + advance
    if line:
        lines.append(line)
    return lines


def draw_line(pdf, x: float, y: float, pieces: list[tuple[str, str]], size: float) -> None:
    """Draw one wrapped line as a single text object, switching fonts as needed."""
    text = pdf.beginText(x, y)
    for font, piece in pieces:
        text.setFont(font, size)
        text.textOut(piece)
    pdf.drawText(text)


def write_minutes_pdf(minutes: Minutes, blocks: list[Block], path: Path) -> list[str]:
    """Minutes as an A5 PDF laid out line by line; returns the running heads drawn (one per page each)."""
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfbase.pdfmetrics import stringWidth

    page_w, page_h = A5
    margin = 48.0
    width = page_w - 2 * margin
    pdf = pdf_canvas(
        path,
        A5,
        f"Minutes of the Board of Trustees, {minutes.date.day} {minutes.date:%B %Y}",
        "Board of Trustees minutes",
        at_ten(minutes.typed),
    )

    # Lay out first (to know the page count for the footers), then draw.
    pages: list[list[tuple[float, list[tuple[str, str]], float]]] = [[]]
    y = page_h - margin

    def put(lines, size: float, leading: float, before: float = 0.0, keep: int = 1) -> None:
        nonlocal y
        if y - before - leading * min(len(lines), keep) < margin + 20:
            pages.append([])
            y = page_h - margin
        else:
            y -= before
        for line in lines:
            if y - leading < margin + 20:
                pages.append([])
                y = page_h - margin
            y -= leading
            pages[-1].append((y, line, size))

    for block in blocks:
        if block.kind == "title":  # on A5 two lines: "... meeting" / "held on <date>", the date whole
            head, held, when = block.text.partition(" held on ")
            parts = [head, held.strip() + " " + when] if held else [block.text]
            size = 13.0
            while max(stringWidth(part, BOLD, size) for part in parts) > width:
                size -= 0.5
            put([[(BOLD, part)] for part in parts], size, 17)
        elif block.kind == "place":
            put(wrap_runs([(ITALIC, block.text)], 10.5, width), 10.5, 14, before=2)
            y -= 6
        elif block.kind == "h2":
            put(wrap_runs([(BOLD, block.text)], 12, width), 12, 15, before=8, keep=3)
        elif block.kind == "h3":
            put(wrap_runs([(BOLD, block.text)], 10.5, width), 10.5, 14, before=4, keep=3)
        elif block.kind == "para":
            runs = ([(BOLD, block.label + ":")] if block.label else []) + [(REGULAR, block.text)]
            put(wrap_runs(runs, 10.5, width), 10.5, 14, before=5)
        elif block.kind == "bullet":
            put(wrap_runs([(REGULAR, "- " + block.text)], 10.5, width), 10.5, 14)
        elif block.kind == "table":
            raise ValueError(f"{minutes.filename}: tables are not laid out in minutes PDFs")

    if len(pages) < 3:  # a running head is furniture when it repeats on three pages or more
        raise SystemExit(f"{minutes.filename}: {len(pages)} pages; the furniture rule needs three")
    furniture = []
    when = f"{minutes.date.day} {minutes.date:%B %Y}"
    for number, lines in enumerate(pages, start=1):
        for y_line, line, size in lines:
            draw_line(pdf, margin, y_line, line, size)
        footer = MINUTES_PDF_FOOTER.format(date=when, page=number, pages=len(pages))
        furniture += [MINUTES_PDF_HEADER, footer]
        pdf.setFillColorRGB(0.35, 0.35, 0.35)
        pdf.setFont(REGULAR, 8)
        pdf.drawString(margin, page_h - margin + 22, MINUTES_PDF_HEADER)
        pdf.drawString(page_w - margin - stringWidth(footer, REGULAR, 8), margin - 16, footer)
        pdf.setFillColorRGB(0, 0, 0)
        pdf.showPage()
    pdf.save()
    return furniture


def write_deck_pdf(deck: Deck, path: Path) -> list[str]:
    """A deck rendered as landscape slide pages: title, bullets, tables; no notes.

    Returns the texts drawn besides the slide content (footers and slide numbers).
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    page_w, page_h = 960.0, 540.0
    margin = 60.0
    width = page_w - 2 * margin
    pdf = pdf_canvas(path, (page_w, page_h), deck.title, "Conference talk", at_ten(deck.created))
    accent = (0.12, 0.36, 0.48)
    extras = []
    for number, slide in enumerate(deck.slides, start=1):
        pdf.setFillColorRGB(*accent)
        pdf.rect(0, page_h - 12, page_w, 12, stroke=0, fill=1)
        if slide.subtitle is not None:  # title slide
            y = page_h / 2 + 60
            for line in wrap_runs([(BOLD, slide.title)], 40, width):
                pdf.setFillColorRGB(*accent)
                draw_line(pdf, margin, y, line, 40)
                y -= 48
            pdf.setFillColorRGB(0.2, 0.2, 0.2)
            y -= 10
            for part in slide.subtitle.split("\n"):
                for line in wrap_runs([(REGULAR, part)], 20, width):
                    draw_line(pdf, margin, y, line, 20)
                    y -= 28
        else:
            y = page_h - margin - 20
            pdf.setFillColorRGB(*accent)
            for line in wrap_runs([(BOLD, slide.title)], 32, width):
                draw_line(pdf, margin, y, line, 32)
                y -= 40
            y -= 16
            pdf.setFillColorRGB(0.1, 0.1, 0.1)
            for bullet in slide.bullets:
                lines = wrap_runs([(REGULAR, bullet)], 24, width - 30)
                pdf.circle(margin + 6, y + 8, 4, stroke=0, fill=1)
                for line in lines:
                    draw_line(pdf, margin + 30, y, line, 24)
                    y -= 32
                y -= 12
            if slide.table:
                y = draw_pdf_table(pdf, slide.table, margin + 40, y, width - 80, accent)
            if slide.boxes:
                raise ValueError(f"{deck.filename}: grouped boxes are only drawn in pptx decks")
        label = str(number)
        pdf.setFillColorRGB(0.4, 0.4, 0.4)
        pdf.setFont(REGULAR, 12)
        if deck.footer:
            extras.append(deck.footer)
            pdf.drawString(margin, 24, deck.footer)
        extras.append(label)
        pdf.drawString(page_w - margin - stringWidth(label, REGULAR, 12), 24, label)
        pdf.showPage()
    pdf.save()
    return extras


def draw_pdf_table(pdf, rows, left: float, top: float, width: float, accent) -> float:
    """A simple ruled table; cells wrap at spaces.  Returns the y below it."""
    size, leading, pad = 20.0, 25.0, 8.0
    columns = len(rows[0])
    first = width * (0.46 if columns > 2 else 0.5)
    col_w = [first] + [(width - first) / (columns - 1)] * (columns - 1)
    y = top
    for r, row in enumerate(rows):
        font = BOLD if r == 0 else REGULAR
        cells = [wrap_runs([(font, cell)], size, w - 2 * pad) for cell, w in zip(row, col_w, strict=True)]
        height = max(len(lines) for lines in cells) * leading + pad
        pdf.setStrokeColorRGB(*accent)
        pdf.setLineWidth(1.5 if r == 0 else 0.6)
        pdf.line(left, y - height, left + width, y - height)
        x = left
        pdf.setFillColorRGB(0.1, 0.1, 0.1)
        for lines, w in zip(cells, col_w, strict=True):
            line_y = y - leading + 4
            for line in lines:
                draw_line(pdf, x + pad, line_y, line, size)
                line_y -= leading
            x += w
        y -= height
    return y - 10


# --------------------------------------------------------------------------- checks

WORD = re.compile(r"\w+")


def check_pdf_words(path: Path, source_text: str, furniture: list[str]) -> None:
    """pdfminer must give back exactly the words of the source once the ``furniture`` lines are out.

    Each furniture line (a running head, a page or slide number) must come back
    as a line of its own, as the furniture rule needs it.
    """
    from pdfminer.high_level import extract_text

    lines = [line.strip() for line in extract_text(str(path)).splitlines()]
    for line in furniture:
        if line not in lines:
            raise SystemExit(f"{path.name}: pdfminer does not read {line!r} as a line of its own")
        lines.remove(line)
    extracted = collections.Counter(WORD.findall("\n".join(lines)))
    expected = collections.Counter(WORD.findall(source_text))
    missing, unexpected = expected - extracted, extracted - expected
    if missing or unexpected:
        raise SystemExit(
            f"{path.name}: pdfminer text differs from the source\n"
            f"  missing:    {dict(missing)}\n  unexpected: {dict(unexpected)}"
        )


def deck_source_text(deck: Deck) -> str:
    """Every word a deck PDF should show: titles, subtitles, bullets, table cells."""
    parts = []
    for slide in deck.slides:
        parts += [slide.title, slide.subtitle or "", *slide.bullets]
        parts += [cell for row in slide.table for cell in row]
    return "\n".join(parts)


# --------------------------------------------------------------------------- main


def main() -> None:
    for folder in (MINUTES_DIR, TALKS_DIR):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()

    for minutes in MINUTES:
        path = MINUTES_DIR / minutes.filename
        blocks = parse(minutes.text)
        suffix = path.suffix
        if suffix == ".txt":
            path.write_text(render_txt(blocks), encoding="utf-8")
        elif suffix == ".md":
            path.write_text(render_md(blocks), encoding="utf-8")
        elif suffix == ".docx":
            write_docx(minutes, blocks, path)
        elif suffix == ".pdf":
            furniture = write_minutes_pdf(minutes, blocks, path)
            check_pdf_words(path, render_txt(blocks), furniture)
        else:
            raise ValueError(f"no writer for {path.name}")
        print(f"{minutes.date}  {path.relative_to(EXAMPLES)}")

    for deck in DECKS:
        path = TALKS_DIR / deck.filename
        if path.suffix == ".pptx":
            write_pptx(deck, path)
        elif path.suffix == ".pdf":
            furniture = write_deck_pdf(deck, path)
            check_pdf_words(path, deck_source_text(deck), furniture)
        else:
            raise ValueError(f"no writer for {path.name}")
        print(f"{deck.date}  {path.relative_to(EXAMPLES)}")


if __name__ == "__main__":
    main()
