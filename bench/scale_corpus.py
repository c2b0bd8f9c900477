"""Build the scaled benchmark corpus: mixed pdf/docx/pptx/txt/md minutes, deterministic from a seed.

    python bench/scale_corpus.py [--folder /tmp/focuscount-bench-corpus] [--scale 1.0] [--seed 13]

At scale 1 it writes 2,000 documents and about 10.25 million words (the floor the benchmark asks for is
2,000 and 10 million). The text is the bundled example minutes (examples/minutes/*.txt, *.md):
their paragraphs verbatim, and minutes-like sentences generated from them by a word-bigram chain,
with the same attendance lines, agenda items and running heads as real minutes. PDFs are drawn
with reportlab (A4, a running header and a page-number footer: page furniture), docx with
python-docx, pptx with python-pptx (title, bullets, speaker notes, a footer). Zip members carry a
fixed timestamp and reportlab runs in invariant mode, so the same seed and scale give the same bytes.

The mix per 20 documents: 5 PDFs of about 1,600 words (three to four A4 pages, the usual PDF
minutes), 4 docx of 5,000, 1 pptx deck of 1,500, 5 txt and 5 md of 7,200. PDFs are a quarter of
the documents but 7.8 % of the words: pdfminer.six reads about 6,000 words/s, so at 800,000 PDF
words one cold pdfminer pass costs about 2.5 minutes of one core and the whole benchmark (three
such passes) stays under a quarter of an hour on two cores. A larger PDF share would measure
pdfminer.six and little else.

The corpus is not committed: it is rebuilt when its manifest.json (seed, scale, layout version)
does not match, and reused otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import itertools
import json
import random
import re
import shutil
import sys
import textwrap
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = Path("/tmp/focuscount-bench-corpus")
DEFAULT_SEED = 13
LAYOUT_VERSION = 1  # bump when the generated text or the mix changes: an old corpus is then rebuilt
MANIFEST = "manifest.json"
LIBRARY = "Alderbrook Public Library"
FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)

# (format, documents per 20, mean words per document); sizes vary ±30 % around the mean.
MIX: tuple[tuple[str, int, int], ...] = (
    ("pdf", 5, 1600),
    ("docx", 4, 5000),
    ("pptx", 1, 1500),
    ("txt", 5, 7200),
    ("md", 5, 7200),
)
DOCUMENTS_AT_SCALE_1 = 2000

PRESENT = (
    "Present: Ruth Calloway (Chair), Tomás Ferreira (Vice-Chair), Dennis Whitcombe (Treasurer), "
    "Priya Raman, Hugh Fairbairn, Nadia Kowalczyk, Councillor Beatrice Amadi (Town Council liaison)."
)
ATTENDING = (
    "In attendance: Annelise Marchetti (Director), Helena Lindqvist (Head of Branch Services), "
    "Owen Tremayne (Head of Collections), Joan Pettifer (Board Secretary)."
)
ITEMS = (
    "Patron Voice",
    "Approval of the minutes",
    "Director's report",
    "Finance report",
    "Branch services",
    "Collections",
    "Children and families",
    "Building project",
    "Policies for review",
    "Community partners",
    "Staffing",
    "Digital services",
    "Any other business",
)


@dataclass(frozen=True)
class Planned:
    """One document to write: its path relative to the corpus, its format, date and target size."""

    relative: str
    kind: str
    day: dt.date
    words: int


@dataclass(frozen=True)
class Minutes:
    """The text of one generated set of minutes: a title, a place line and agenda items of paragraphs."""

    title: str
    place: str
    items: tuple[tuple[str, tuple[str, ...]], ...]

    def paragraphs(self) -> list[str]:
        """Every paragraph after the title: the place, then each item's heading and paragraphs."""
        out = [self.place]
        for heading, paragraphs in self.items:
            out.append(heading)
            out.extend(paragraphs)
        return out

    def word_count(self) -> int:
        """Words as ``str.split`` counts them, title included (the corpus figure; focuscount counts its own)."""
        return len(self.title.split()) + sum(len(p.split()) for p in self.paragraphs())


class TextSource:
    """Paragraphs of the example minutes and a word-bigram chain built from them."""

    def __init__(self, folder: Path) -> None:
        self.paragraphs: list[str] = []
        for path in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md")):
            text = path.read_text(encoding="utf-8")
            for block in re.split(r"\n\s*\n", text):
                flat = " ".join(block.replace("#", " ").split())
                # Only prose: headings, tables and bullets stay out of the pool of verbatim paragraphs.
                if len(flat.split()) >= 12 and not flat.startswith(("|", "-", "*")):
                    self.paragraphs.append(flat)
        if not self.paragraphs:
            raise SystemExit(f"{folder}: no example minutes (*.txt, *.md) to build the corpus from: run make examples")
        self.chain: dict[str, list[str]] = {}
        self.starts: list[str] = []
        for paragraph in self.paragraphs:
            words = paragraph.split()
            self.starts.append(words[0])
            for first, second in itertools.pairwise(words):
                self.chain.setdefault(first, []).append(second)
                if first.endswith("."):
                    self.starts.append(second)

    def sentence(self, rng: random.Random) -> str:
        """One generated sentence of 6 to 40 words that ends with a full stop."""
        word = rng.choice(self.starts)
        words = [word]
        while len(words) < 40 and not (len(words) >= 6 and word.endswith(".")):
            followers = self.chain.get(word)
            word = rng.choice(followers) if followers else rng.choice(self.starts)
            words.append(word)
        text = " ".join(words)
        return text if text.endswith(".") else text.rstrip(",;:") + "."

    def paragraph(self, rng: random.Random) -> str:
        """A verbatim example paragraph one time in four, otherwise three to seven generated sentences."""
        if rng.random() < 0.25:
            return rng.choice(self.paragraphs)
        return " ".join(self.sentence(rng) for _ in range(rng.randint(3, 7)))

    def minutes(self, day: dt.date, words: int, rng: random.Random) -> Minutes:
        """Minutes of about ``words`` words for a meeting on ``day``."""
        title = f"Minutes of the Board of Trustees meeting held on {day:%A} {day.day} {day:%B %Y}"
        place = f"{LIBRARY}, Board Room, Main Library, Harbour Street, Alderbrook, 7:00 pm"
        items: list[tuple[str, tuple[str, ...]]] = [("1. Attendance", (PRESENT, ATTENDING, "Apologies: none."))]
        total = len(title.split()) + len(place.split()) + sum(len(p.split()) for p in items[0][1]) + 2
        number = 2
        while total < words:
            heading = f"{number}. {ITEMS[(number - 2) % len(ITEMS)]}"
            paragraphs: list[str] = []
            for _ in range(rng.randint(2, 6)):
                paragraph = self.paragraph(rng)
                paragraphs.append(paragraph)
                total += len(paragraph.split())
                if total >= words:
                    break
            total += len(heading.split())
            items.append((heading, tuple(paragraphs)))
            number += 1
        return Minutes(title, place, tuple(items))


def plan(scale: float, seed: int) -> list[Planned]:
    """The documents of the corpus at ``scale`` (1.0: 2,000), in a fixed order, with dates and sizes."""
    rng = random.Random(seed)
    documents = max(len(MIX), round(DOCUMENTS_AT_SCALE_1 * scale))
    pattern = [(kind, mean) for kind, share, mean in MIX for _ in range(share)]
    rng.shuffle(pattern)
    start = dt.date(1998, 1, 6)
    planned = []
    for index in range(documents):
        kind, mean = pattern[index % len(pattern)]
        day = start + dt.timedelta(days=5 * index)  # distinct dates: one meeting per document
        words = round(mean * rng.uniform(0.7, 1.3))
        relative = f"{day.year}/{day.isoformat()}-board-minutes-{index:05d}.{kind}"
        planned.append(Planned(relative, kind, day, words))
    return planned


def write_document(path: Path, kind: str, minutes: Minutes, day: dt.date) -> None:
    """Write ``minutes`` to ``path`` in format ``kind`` (pdf, docx, pptx, txt or md)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    when = dt.datetime(day.year, day.month, day.day, 21, 30)
    if kind == "txt":
        lines = [minutes.title]
        for paragraph in minutes.paragraphs():
            lines.extend(textwrap.wrap(paragraph, 76) or [""])
            lines.append("")
        path.write_text("\n".join(lines), encoding="utf-8")
    elif kind == "md":
        lines = [f"# {minutes.title}", "", minutes.place, ""]
        for heading, paragraphs in minutes.items:
            lines += [f"## {heading}", ""]
            for paragraph in paragraphs:
                lines += [paragraph, ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif kind == "docx":
        _write_docx(path, minutes, when)
    elif kind == "pptx":
        _write_pptx(path, minutes, when)
    elif kind == "pdf":
        _write_pdf(path, minutes, when)
    else:
        raise ValueError(f"unknown format {kind!r}")


def _write_docx(path: Path, minutes: Minutes, when: dt.datetime) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = minutes.title
    document.core_properties.author = LIBRARY
    document.core_properties.created = when
    document.core_properties.modified = when
    document.add_heading(minutes.title, level=1)
    document.add_paragraph(minutes.place)
    for heading, paragraphs in minutes.items:
        document.add_heading(heading, level=2)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    _save_zip(document.save, path)


def _write_pptx(path: Path, minutes: Minutes, when: dt.datetime) -> None:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.core_properties.title = minutes.title
    deck.core_properties.author = LIBRARY
    deck.core_properties.created = when
    deck.core_properties.modified = when
    title_slide = deck.slides.add_slide(deck.slide_layouts[0])
    title_slide.shapes.title.text = minutes.title
    title_slide.placeholders[1].text = minutes.place
    footer = f"{LIBRARY} · Board briefing"
    for number, (heading, paragraphs) in enumerate(minutes.items, start=2):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        body = slide.placeholders[1].text_frame
        # The first sentences of each paragraph are the bullets, the rest the speaker notes.
        sentences = [s for paragraph in paragraphs for s in re.split(r"(?<=\.) ", paragraph)]
        cut = max(1, len(sentences) // 3)
        body.text = sentences[0]
        for sentence in sentences[1:cut]:
            body.add_paragraph().text = sentence
        slide.notes_slide.notes_text_frame.text = " ".join(sentences[cut:])
        box = slide.shapes.add_textbox(Inches(0.5), Inches(7.0), Inches(9), Inches(0.4))
        box.text_frame.text = f"{footer} · {number}"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(10)
    _save_zip(deck.save, path)


def _save_zip(save: object, path: Path) -> None:
    """Save an Office document through ``save`` and rewrite its zip with fixed member timestamps."""
    buffer = io.BytesIO()
    save(buffer)  # type: ignore[operator]
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))


def _write_pdf(path: Path, minutes: Minutes, when: dt.datetime) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    width, height = A4
    margin = 56.0
    lines: list[tuple[str, str, float]] = [(minutes.title, "Helvetica-Bold", 13.0)]
    for paragraph in minutes.paragraphs():
        bold = bool(re.match(r"^\d+\. ", paragraph)) and len(paragraph.split()) <= 8
        font, size = ("Helvetica-Bold", 11.0) if bold else ("Helvetica", 10.0)
        for line in simpleSplit(paragraph, font, size, width - 2 * margin):
            lines.append((line, font, size))
        lines.append(("", "Helvetica", 6.0))
    per_page = int((height - 2 * margin - 40) // 13)
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setTitle(minutes.title)
    pdf.setAuthor(LIBRARY)
    pdf.setCreator(f"{LIBRARY} secretary")
    for number, page in enumerate(pages, start=1):
        # Running head and page footer: the page furniture focuscount leaves out of the counts.
        pdf.setFont("Helvetica", 8)
        pdf.drawString(margin, height - margin + 20, f"{LIBRARY} · Board of Trustees")
        pdf.drawString(margin, margin - 24, f"Board minutes, {when:%d %B %Y} · Page {number} of {len(pages)}")
        y = height - margin - 10
        for text, font, size in page:
            if text:
                pdf.setFont(font, size)
                pdf.drawString(margin, y, text)
            y -= 13
        pdf.showPage()
    pdf.save()


def build(folder: Path, scale: float = 1.0, seed: int = DEFAULT_SEED, *, quiet: bool = False) -> dict[str, object]:
    """Build (or reuse) the corpus in ``folder``; return its manifest (documents and words per format).

    An existing folder is reused only when its manifest names the same seed, scale and layout;
    otherwise it must be a previous corpus (it has a manifest) or empty, and is rebuilt.
    """
    wanted = {"seed": seed, "scale": scale, "layout": LAYOUT_VERSION}
    manifest_path = folder / MANIFEST
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if {key: manifest.get(key) for key in wanted} == wanted:
            return manifest
        shutil.rmtree(folder)
    elif folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"{folder}: not empty and not a benchmark corpus (no {MANIFEST}); give another --folder")
    folder.mkdir(parents=True, exist_ok=True)
    source = TextSource(REPO / "examples" / "minutes")
    planned = plan(scale, seed)
    per_format: dict[str, dict[str, int]] = {kind: {"documents": 0, "words": 0} for kind, _, _ in MIX}
    for index, item in enumerate(planned):
        # One generator per document: a document's text does not depend on the ones before it.
        minutes = source.minutes(item.day, item.words, random.Random(f"{seed}-{index}"))
        write_document(folder / item.relative, item.kind, minutes, item.day)
        per_format[item.kind]["documents"] += 1
        per_format[item.kind]["words"] += minutes.word_count()
        if not quiet and (index + 1) % 200 == 0:
            print(f"corpus: {index + 1:,} of {len(planned):,} documents written", file=sys.stderr)
    manifest = {
        **wanted,
        "documents": len(planned),
        "words": sum(entry["words"] for entry in per_format.values()),
        "formats": per_format,
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def corpus_files(folder: Path) -> list[Path]:
    """The documents of a built corpus, sorted (the manifest left out)."""
    return sorted(path for path in folder.rglob("*") if path.is_file() and path.name != MANIFEST)


def write_new_document(path: Path, seed: int = DEFAULT_SEED, words: int = 5000) -> int:
    """Write one more set of minutes (txt, dated after the corpus) for the "one new file" run; return its words."""
    source = TextSource(REPO / "examples" / "minutes")
    day = dt.date(2030, 6, 4)
    minutes = source.minutes(day, words, random.Random(f"{seed}-new"))
    write_document(path, "txt", minutes, day)
    return minutes.word_count()


def main(argv: Sequence[str] | None = None) -> None:
    """Build the corpus and print what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: 2,000 documents, about 10 million words")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    options = parser.parse_args(argv)
    manifest = build(options.folder, options.scale, options.seed)
    print(json.dumps(manifest, indent=2))


if __name__ == "__main__":
    main()
