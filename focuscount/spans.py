"""Where in a document its hits sit: sections (a heading and what follows it) or paragraphs.

``check`` points a finding at a part of the document, not at its first line: the
section (or, in a document without headings, the paragraph) with the most
``versus`` hits, or, against a baseline, the section whose ratio fell most.  This
module reduces one document's segments and hits to those few spans while its hits
are still at hand, so a run keeps a handful of numbers per document, never the hits.

A span has a file line (and an end line) only when its segments are lines of the
file (plain text, Markdown, the formats read line by line); a page, slide or
paragraph of a PDF, PPTX or DOCX is named in words (``page 2, lines 4–9``,
``paragraphs 8–9``) and has no file line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from focuscount.breakdown import NO_SECTION
from focuscount.model import DocumentCounts, Location, Segment, ratio_of

TITLE_LIMIT = 60  # a section title longer than this is cut in messages


@dataclass(frozen=True)
class Span:
    """A run of segments of one document, its place and its focus and versus hits."""

    section: str | None  # the section's title (NO_SECTION before the first heading); None for a paragraph
    place: str  # where it is in words: "lines 15–21", "paragraphs 8–9", "pages 1–2"
    focus: int
    versus: int
    line: int | None = None  # the first line in the file, for text read by lines
    end_line: int | None = None  # the last one

    @property
    def ratio(self) -> float | None:
        """focus / (focus + versus) of the span; None without hits."""
        return ratio_of(self.focus, self.versus)

    def describe(self) -> str:
        """``section "2. Staffing structure" (lines 15–21)``, or ``paragraph 4`` for a paragraph."""
        if self.section is None:
            return self.place
        title = self.section if len(self.section) <= TITLE_LIMIT else self.section[: TITLE_LIMIT - 1] + "…"
        name = title if self.section == NO_SECTION else f'section "{title}"'
        return f"{name} ({self.place})"


@dataclass(frozen=True)
class DocumentSpans:
    """What ``check`` keeps of one document's hits: its busiest span and its sections.

    ``hotspot`` is the span with the most versus hits (the first of equals), None
    when the document has none.  ``sections`` is every section with its hits, keyed
    as section breakdowns key them (by title; a title used twice is summed, and
    the span is its first use), empty for a document without headings.
    """

    path: Path
    hotspot: Span | None
    sections: dict[str, Span]
    parts: int = 0  # spans in the document: with one, the hotspot is the whole document


def document_spans(counts: DocumentCounts, focus: str, versus: str) -> DocumentSpans:
    """The spans of one document (it needs the document's segments and hits: before evidence is dropped)."""
    segments = counts.document.segments
    hits: dict[int, list[int]] = {}
    for hit in counts.hits:
        if hit.category in (focus, versus):
            pair = hits.setdefault(hit.segment, [0, 0])
            pair[0 if hit.category == focus else 1] += 1
    talk = [index for index, segment in enumerate(segments) if not segment.furniture]
    sectioned = any(segments[index].location.section for index in talk)
    runs = _runs(talk, segments) if sectioned else [[index] for index in talk]
    spans = [_span(run, segments, hits, sectioned) for run in runs]
    busiest = max(spans, key=lambda span: span.versus, default=None)  # max keeps the first of equals
    sections: dict[str, Span] = {}
    for span in spans if sectioned else []:
        assert span.section is not None
        earlier = sections.get(span.section)
        sections[span.section] = span if earlier is None else _summed(earlier, span)
    return DocumentSpans(counts.document.path, busiest if busiest and busiest.versus else None, sections, len(spans))


def _runs(indexes: Iterable[int], segments: tuple[Segment, ...]) -> list[list[int]]:
    """Consecutive segments of the same section (running heads and footers between them left out)."""
    runs: list[list[int]] = []
    for index in indexes:
        if runs and segments[runs[-1][-1]].location.section == segments[index].location.section:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _span(run: list[int], segments: tuple[Segment, ...], hits: dict[int, list[int]], sectioned: bool) -> Span:
    first, last = segments[run[0]], segments[run[-1]]
    focus = sum(hits.get(index, (0, 0))[0] for index in run)
    versus = sum(hits.get(index, (0, 0))[1] for index in run)
    section = (first.location.section or NO_SECTION) if sectioned else None
    start, end = _line(first), _line(last)
    end = None if end is None else end + last.text.count("\n")
    place = _place(first.location, last.location, start, end)
    if first.location.kind == last.location.kind == "line" and start is not None and end is not None:
        return Span(section, place, focus, versus, start, end)
    return Span(section, place, focus, versus)


def _line(segment: Segment) -> int | None:
    """The line the segment starts on: of the file (text) or of its page."""
    return segment.location.line if segment.location.line is not None else segment.first_line


def _place(first: Location, last: Location, start: int | None, end: int | None) -> str:
    """``lines 15–21``, ``page 2, lines 4–9``, ``pages 1–2``, ``paragraphs 8–9``, ``paragraph 6 to table 1``."""
    if first.kind == last.kind == "line" and start is not None and end is not None:
        return _numbered("line", start, end)
    if first.kind != last.kind or first.number is None or last.number is None:
        return str(first) if first == last else f"{_unit(first)} to {_unit(last)}"
    if first.number == last.number and first.part == last.part:
        if start is not None and end is not None:
            return f"{first.kind} {first.number}, {_numbered('line', start, end)}"
        return _unit(first)
    return _numbered(first.kind, first.number, last.number)


def _unit(location: Location) -> str:
    """The location without its line: ``page 2``, ``slide 3 (notes)``."""
    text = location.kind if location.number is None else f"{location.kind} {location.number}"
    return f"{text} ({location.part})" if location.part else text


def _numbered(kind: str, start: int, end: int) -> str:
    return f"{kind} {start}" if start == end else f"{kind}s {start}–{end}"


def _summed(earlier: Span, later: Span) -> Span:
    """A section title used twice: the hits of both, at the place of the first."""
    return Span(
        earlier.section, earlier.place, earlier.focus + later.focus, earlier.versus + later.versus,
        earlier.line, earlier.end_line,
    )  # fmt: skip


def section_ratios(spans: DocumentSpans) -> dict[str, float | None]:
    """Each section's ratio, by title (as a baseline keeps them)."""
    return {title: span.ratio for title, span in spans.sections.items()}


def fell_most(
    spans: DocumentSpans, before: dict[str, float | None], fallback: float | None
) -> tuple[Span, float] | None:
    """The section whose ratio fell most from ``before`` (section title → the baseline's ratio).

    A section the baseline lacks (or where it had no hits) is compared with
    ``fallback``, the baseline ratio of the whole document: a new section full of
    institution talk is the most common cause of a drop.  Gives the section and the
    ratio it fell from; None when no section fell (the caller then points at the
    :attr:`DocumentSpans.hotspot`).
    """
    worst: tuple[Span, float] | None = None
    worst_drop = 0.0
    for title, span in spans.sections.items():
        then = before.get(title)
        then = fallback if then is None else then
        if span.ratio is None or then is None:
            continue
        drop = then - span.ratio
        if drop > worst_drop:
            worst, worst_drop = (span, then), drop
    return worst
