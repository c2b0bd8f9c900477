"""The frozen dataclasses that flow through focuscount.

``Document → Segment → Hit → DocumentCounts → Period``: every stage is a plain
function over these, so each number can be traced back to its words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from focuscount.uncertainty import Interval


@dataclass(frozen=True)
class Location:
    """Where a piece of text sits in its document, in terms the format can name.

    ``kind`` is one of ``line``, ``page``, ``slide``, ``paragraph``, ``table``,
    ``header``, ``footer``, ``footnote``, ``endnote``, ``cue`` (a transcript cue, with its
    ``timestamp``), ``heading`` (an HTML/ODF heading, numbered among headings).  ``line`` is a line number inside the
    unit (a line of a text file, a line of a PDF page), when known.  ``part`` marks
    a sub-part such as speaker ``notes`` of a slide.
    """

    kind: str
    number: int | None = None
    line: int | None = None
    part: str | None = None
    speaker: str | None = None
    section: str | None = None
    timestamp: str | None = None  # start of a transcript cue, e.g. 00:03:41.200

    def __str__(self) -> str:
        if self.kind == "line":
            text = f"line {self.line if self.line is not None else self.number}"
        elif self.kind == "cue":
            text = f"{self.timestamp} (cue {self.number})" if self.timestamp else f"cue {self.number}"
        else:
            text = self.kind if self.number is None else f"{self.kind} {self.number}"
            if self.line is not None:
                text += f", line {self.line}"
        if self.part:
            text += f" ({self.part})"
        return text

    def at_offset(self, text: str, offset: int) -> Location:
        """The location of character ``offset`` of ``text`` that starts at this location."""
        if self.line is None:
            return self
        return self.lines_down(text.count("\n", 0, offset))

    def lines_down(self, lines: int) -> Location:
        """This location ``lines`` lines further down (itself when it names no line)."""
        if self.line is None:
            return self
        line = self.line + lines
        if self.kind == "line":  # a line of a text file is named by its number: keep both the same
            # A hit on the unit's own line shares its location: a long line can hold a million hits.
            return self if self.number == line == self.line else replace(self, number=line, line=line)
        return self if line == self.line else replace(self, line=line)


@dataclass(frozen=True)
class Segment:
    """A unit of text a reader can name: a page, a slide, a paragraph, a block of lines.

    For line-based units (a block of a text file), ``location.line`` is the line the
    text starts on.  A unit whose lines can be counted but are not part of its name
    (a PDF page: ``page 3``) sets ``first_line`` instead, so that a hit inside it can
    still say ``page 3, line 12``.  :meth:`location_at` gives a hit's own location.
    """

    text: str
    location: Location
    first_line: int | None = None
    heading: bool = False  # the text is a heading (Markdown ``#``, a DOCX heading style, HTML ``h2`` …)
    attribution: int = 0  # leading characters that name the speaker ("Chair: "): words, but never matched
    level: int | None = None  # a heading's level (1 for ``#``/``h1``/Heading 1), when the format says
    # Set by the reader (a DOCX header, a slide's footer placeholder) or by the reading stage
    # (a line repeated at the top or bottom of most pages, a page number): not talk, counted nowhere.
    furniture: bool = False
    label: bool = False  # an attendance or field label line ("Present: …", "Staff: …"): words, never matched
    ocr: bool = False  # read by OCR from a scanned page's image (focuscount.ocr), not from a text layer

    def location_at(self, offset: int, lines: int | None = None) -> Location:
        """The location of character ``offset`` of this segment's text.

        ``lines``, when the caller knows it, is the number of line breaks before
        ``offset`` (counting them for every hit of a long segment would take time
        quadratic in its length).
        """
        if lines is None:
            lines = self.text.count("\n", 0, offset) if self.line_based else 0
        if self.first_line is not None and self.location.line is None:
            return replace(self.location, line=self.first_line).lines_down(lines)
        return self.location.lines_down(lines)

    @property
    def line_based(self) -> bool:
        """True when a hit's location inside this segment names its line."""
        return self.location.line is not None or self.first_line is not None


@dataclass(frozen=True)
class Document:
    """One file, read into located segments, with its date once it is known."""

    path: Path
    format: str
    segments: tuple[Segment, ...]
    title: str | None = None
    # The file's own metadata, as it says it (a datetime when the file gives the time too):
    created: dt.date | None = None  # when it was created (often a template's or an export's date)
    modified: dt.date | None = None  # when it was last saved
    producer: str | None = None  # what wrote it: "LibreOffice/7.6…", "Microsoft: Print To PDF", "Microsoft Word"
    date: dt.date | None = None
    date_source: str | None = None  # manifest | filename | folder name | text | metadata (unreliable)
    date_precision: str | None = None  # day | month | year
    date_note: str | None = None  # why no date was taken, e.g. an ambiguous day/month order
    deck: bool = False  # its pages are slides (a landscape PDF exported from a presentation)
    ocr_pages: int = 0  # pages whose text was read by OCR from their image (a scan)

    @property
    def text(self) -> str:
        """All segment texts joined by blank lines (for previews and date finding)."""
        return "\n\n".join(segment.text for segment in self.segments)


@dataclass(frozen=True, slots=True)  # slots: a long document holds hundreds of thousands of hits
class Hit:
    """One lexicon match: the term, the words it matched, and where they are.

    ``start``/``end`` are character offsets into the segment text; ``segment`` is
    the segment's index in its document.
    """

    category: str
    term: str
    matched_text: str
    location: Location
    context: str  # ``before``, the matched words and ``after``, on one line
    segment: int
    start: int
    end: int
    before: str = ""  # up to N words before the match, on one line
    after: str = ""  # up to N words after it
    # Why an ignored hit counts nowhere: "ignore term", "page furniture", "label", "search string",
    # or "name: Brooklyn Public Library" (None for a counted hit).
    reason: str | None = None
    ocr: bool = False  # its words were read by OCR from a scanned page (their spelling is Tesseract's)

    @property
    def in_notes(self) -> bool:
        """True when the hit is in a slide's speaker notes."""
        return self.location.part == "notes"


@dataclass(frozen=True)
class DocumentCounts:
    """The counts for one document, with the hits behind them."""

    document: Document
    words: int
    counts: dict[str, int]
    term_counts: dict[str, dict[str, int]]
    ratio: float | None
    hits: tuple[Hit, ...] = ()
    ignored: tuple[Hit, ...] = ()  # matches of ignore terms: they count nowhere
    ignored_count: int = 0  # kept when the evidence is dropped
    furniture_words: int = 0  # words of page furniture (running heads, page numbers): not in ``words``
    # Matches counted nowhere, by why: "ignore term", "page furniture", "label", "search string", "name".
    not_counted: dict[str, int] = field(default_factory=dict)
    interval: Interval | None = None  # the ratio's 95% Wilson interval
    thin: bool = False  # the ratio rests on fewer than min_hits hits (set by the analysis)
    segment_words: tuple[int, ...] = ()  # words per segment, for breakdowns by speaker, section, slide
    unmatched: dict[str, int] = field(default_factory=dict)  # content words no term matched, when asked for
    # With --language auto: the language the document was counted in, the lexicon used, and why, when it fell back.
    language: str | None = None
    lexicon_name: str | None = None
    language_note: str | None = None
    series: str | None = None  # with --series: the name of the series the document is in (focuscount.series)

    def rate(self, category: str) -> float | None:
        """Hits of ``category`` per 1,000 words (None for an empty document)."""
        return per_thousand(self.counts.get(category, 0), self.words)

    def without_evidence(self) -> DocumentCounts:
        """A copy without hits and segment texts, cheap to keep for a whole corpus."""
        return replace(self, hits=(), ignored=(), segment_words=(), document=replace(self.document, segments=()))


@dataclass(frozen=True)
class Period:
    """A span of time (a meeting, month, quarter or year) and its totals."""

    label: str
    start: dt.date
    end: dt.date
    documents: int
    words: int
    counts: dict[str, int]
    ratio: float | None
    paths: tuple[Path, ...] = field(default=())
    interval: Interval | None = None  # the ratio's 95% interval, corrected for clustering in documents
    thin: bool = False  # the ratio rests on fewer than min_hits hits

    def rate(self, category: str) -> float | None:
        """Hits of ``category`` per 1,000 words."""
        return per_thousand(self.counts.get(category, 0), self.words)


def per_thousand(count: int, words: int) -> float | None:
    """``count`` per 1,000 ``words``; None when there are no words."""
    if words <= 0:
        return None
    return count * 1000.0 / words


def ratio_of(focus: int, versus: int) -> float | None:
    """``focus / (focus + versus)``; None (never 0) when neither side has a hit."""
    total = focus + versus
    if total == 0:
        return None
    return focus / total
