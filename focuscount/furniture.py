"""Page furniture: the text a page carries because it is a page, not because anyone said it.

The rule, the same for every format:

- a line that repeats, digits ignored, near the top or bottom (among the first or
  last :data:`EDGE_LINES` lines) of at least half the pages or slides of a
  document, and of at least :data:`MIN_PAGES` of them, is furniture: a running
  header or footer, a slide footer, a letterhead on every page;
- a page-number line ("3", "- 3 -", "Page 3 of 12", "Slide 4") at the top or
  bottom of a page is furniture;
- what the format itself calls a header or footer (DOCX, ODT and RTF headers and
  footers, a slide's footer, date and number placeholders) is furniture.

The pages are the page and slide segments of a PDF, PPTX or ODP (speaker notes
are not pages), and the form-feed separated pages of a text file (``pdftotext``
output).  Furniture is counted nowhere: its words are not words of the document
and its terms are listed by ``explain --ignored`` as "page furniture".
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from focuscount.model import Segment

EDGE_LINES = 3
MIN_PAGES = 3
# What the formats call their running heads: furniture by declaration.
DECLARED_KINDS = frozenset({"header", "footer"})
PAGED_KINDS = frozenset({"page", "slide"})
FORM_FEED = "\f"

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
# A roman page number of front matter, i to xxxix ("xii", "iv"), not a word of its letters ("li", "mix").
_ROMAN = r"(?:(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))"
_PAGE_NUMBER = re.compile(
    rf"^[\s\-–—|•·(\[]*(?:(?:page|p\.|pg\.?|slide|seite|página|pagina)\s*)?(?:\d{{1,4}}|{_ROMAN})"
    rf"(?:\s*(?:of|/|de|von)\s*\d{{1,4}})?[\s\-–—|•·)\]]*$",
    re.IGNORECASE,
)

LineKey = tuple[int, int]  # (segment index, line index in its text)


def is_page_number(line: str) -> bool:
    """True for a line that is only a page number: ``3``, ``- 3 -``, ``Page 3 of 12``, ``ii``."""
    text = line.strip()
    return bool(text) and len(text) <= 24 and _PAGE_NUMBER.match(text) is not None


def furniture_key(line: str) -> str:
    """What two furniture lines share: the line lower-cased, digits and runs of spaces ignored."""
    return _SPACES.sub(" ", _DIGITS.sub("", line.casefold())).strip()


def mark_furniture(segments: Sequence[Segment]) -> list[Segment]:
    """``segments`` with furniture lines cut into segments of their own, marked ``furniture``."""
    segments = [replace(segment, furniture=True) if _declared(segment) else segment for segment in segments]
    pages = _pages(segments)
    if not pages:
        return segments
    marked = _furniture_lines(pages)
    if not marked:
        return segments
    result: list[Segment] = []
    for index, segment in enumerate(segments):
        lines = {line for (where, line) in marked if where == index}
        result.extend(_split(segment, lines) if lines else [segment])
    return result


def _declared(segment: Segment) -> bool:
    """True for a segment the format calls a header or footer, not yet marked."""
    return segment.location.kind in DECLARED_KINDS and not segment.furniture


def _pages(segments: Sequence[Segment]) -> list[list[tuple[LineKey, str]]]:
    """Each page's non-blank lines, in order, with where they are; pages without text left out."""
    by_page: dict[object, list[tuple[LineKey, str]]] = defaultdict(list)
    feeds = sum(segment.text.count(FORM_FEED) for segment in segments)
    page = 0
    for index, segment in enumerate(segments):
        if segment.furniture:
            continue
        paged = segment.location.kind in PAGED_KINDS and segment.location.part != "notes"
        if not paged and feeds < MIN_PAGES - 1:
            continue
        for number, line in enumerate(segment.text.split("\n")):
            if not paged:
                page += line.count(FORM_FEED)
            if line.strip(" \t\f"):
                key = (segment.location.kind, segment.location.number) if paged else ("feed", page)
                by_page[key].append(((index, number), line.replace(FORM_FEED, "")))
    return list(by_page.values())


def _furniture_lines(pages: list[list[tuple[LineKey, str]]]) -> set[LineKey]:
    """The lines at the edges of pages that repeat on enough pages, and page-number lines."""
    needed = max(MIN_PAGES, math.ceil(len(pages) / 2))
    # A running head sits at the same edge of every page: the top and the bottom are counted apart.
    on_top: dict[str, set[int]] = defaultdict(set)
    on_bottom: dict[str, set[int]] = defaultdict(set)
    for number, lines in enumerate(pages):
        for _, line in lines[:EDGE_LINES]:
            on_top[furniture_key(line)].add(number)
        for _, line in lines[-EDGE_LINES:]:
            on_bottom[furniture_key(line)].add(number)
    top = {key for key, on in on_top.items() if key and len(on) >= needed}
    bottom = {key for key, on in on_bottom.items() if key and len(on) >= needed}
    marked: set[LineKey] = set()
    for lines in pages:
        edges = [(lines[:EDGE_LINES], top), (lines[-EDGE_LINES:], bottom)]
        for edge, repeated in edges:
            for where, line in edge:
                if is_page_number(line) or furniture_key(line) in repeated:
                    marked.add(where)
    return marked


def _split(segment: Segment, furniture: set[int]) -> list[Segment]:
    """``segment`` cut into runs of furniture and other lines, each located at its first line.

    A blank line belongs to the run it is in, so a run's text keeps its blank lines.
    """
    lines = segment.text.split("\n")
    pieces: list[Segment] = []
    run_first, run_offset, run_status = 0, 0, None
    offset = 0
    for number, line in enumerate(lines):
        status = run_status if not line.strip(" \t\f") else number in furniture
        if run_status is None:
            run_status = status
        elif status != run_status:
            pieces.extend(_piece(segment, run_offset, offset, run_first, run_status))
            run_first, run_offset, run_status = number, offset, status
        offset += len(line) + 1
    pieces.extend(_piece(segment, run_offset, len(segment.text), run_first, bool(run_status)))
    return pieces


def _piece(segment: Segment, begin: int, end: int, first: int, furniture: bool) -> list[Segment]:
    """The lines ``[begin, end)`` of ``segment`` (starting on its line ``first``, from 0), or nothing when blank."""
    text = segment.text[begin:end].rstrip("\n")
    if not text.strip(" \t\f\n"):
        return []
    attribution = max(0, segment.attribution - begin) if begin < segment.attribution else 0
    if segment.location.line is not None:
        location = segment.location.lines_down(first)
        return [replace(segment, text=text, location=location, furniture=furniture, attribution=attribution)]
    first_line = segment.first_line + first if segment.first_line is not None else None
    return [replace(segment, text=text, first_line=first_line, furniture=furniture, attribution=attribution)]
