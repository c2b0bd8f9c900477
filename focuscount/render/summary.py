"""The summary of an analysis, built once: the overall ratio, what was counted, read and skipped, and the dates.

Every renderer says the same things about a whole analysis, in its own words: the
closing line of ``analyze`` (table and Markdown), the source line under a chart, and
the header, tiles and footer of the HTML report.  :class:`Summary` holds the parts
(numbers, not text) and each method gives the text one of them needs, so the three
can never disagree.  The texts are not escaped: each renderer escapes them for its
channel, as it does every other text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from focuscount._version import __version__
from focuscount.analysis import Analysis
from focuscount.model import per_thousand
from focuscount.render.rows import NO_RATIO, format_rate, format_ratio, plural
from focuscount.uncertainty import Interval, format_interval


@dataclass(frozen=True)
class CategoryTotal:
    """One category's hits over the whole analysis."""

    name: str
    label: str
    hits: int
    rate: float | None  # hits per 1,000 words; None without words
    report_only: bool  # counted and shown, never in the ratio


@dataclass(frozen=True)
class Tile:
    """One box of the HTML report's summary: a label, a big value and a note under it."""

    label: str
    value: str
    note: str


@dataclass(frozen=True)
class Summary:
    """The parts of the summary of an :class:`~focuscount.analysis.Analysis`; build it with :meth:`of`."""

    lexicon: str  # the lexicon's name
    lexicon_hash: str  # its short hash
    focus: str  # the category on top of the ratio
    versus: str  # the category it is weighed against
    ratio: float | None  # None when neither side has a hit
    interval: Interval | None
    thin: bool  # the overall ratio rests on fewer than min_hits hits
    categories: tuple[CategoryTotal, ...]  # every category, in the lexicon's order
    words: int
    documents: int  # documents read (dated and undated)
    undated: int
    unreadable: int
    other_types: int  # files of a format focuscount does not read
    skipped: int  # every file not counted (unreadable, other types, …)
    first_date: dt.date | None  # None when no document is dated
    last_date: dt.date | None
    missing: int = 0  # paths given that do not exist (counted in ``unreadable`` too)

    @classmethod
    def of(cls, analysis: Analysis) -> Summary:
        """The summary of ``analysis``."""
        lexicon = analysis.lexicon
        counts = analysis.counts
        span = analysis.date_range
        return cls(
            lexicon=lexicon.name,
            lexicon_hash=lexicon.short_hash,
            focus=lexicon.focus,
            versus=lexicon.versus,
            ratio=analysis.ratio,
            interval=analysis.interval,
            thin=analysis.ratio is not None and analysis.thin,
            categories=tuple(
                CategoryTotal(
                    category.name,
                    category.label,
                    counts.get(category.name, 0),
                    per_thousand(counts.get(category.name, 0), analysis.words),
                    category.report_only,
                )
                for category in lexicon.categories
            ),
            words=analysis.words,
            documents=len(analysis.documents),
            undated=len(analysis.undated),
            unreadable=len(analysis.unreadable),
            other_types=len(analysis.unsupported),
            skipped=len(analysis.skipped),
            first_date=None if span is None else span[0],
            last_date=None if span is None else span[1],
            missing=len(analysis.missing),
        )

    # --- the parts ---------------------------------------------------------------------------------------------

    def hits(self, category: str) -> int:
        """The hits of ``category`` (0 for a name the lexicon does not have)."""
        return next((total.hits for total in self.categories if total.name == category), 0)

    @property
    def report_only(self) -> tuple[CategoryTotal, ...]:
        """The categories counted apart from the ratio, in the lexicon's order."""
        return tuple(total for total in self.categories if total.report_only)

    def formula(self) -> str:
        """``customer / (customer + institution)``."""
        return f"{self.focus} / ({self.focus} + {self.versus})"

    def ratio_text(self) -> str:
        """``0.51, 95% interval 0.47–0.55``, with ``, thin evidence`` when it is; ``—`` without a ratio."""
        if self.ratio is None:
            return NO_RATIO
        text = format_ratio(self.ratio)
        if self.interval is not None:
            text += f", 95% interval {format_interval(self.interval)}"
        return text + (", thin evidence" if self.thin else "")

    def counts_text(self) -> str:
        """``Overall ratio 0.51, … (customer 351 vs institution 347 in 7,818 words); not in the ratio: community 5``."""
        text = (
            f"Overall ratio {self.ratio_text()} ({self.focus} {self.hits(self.focus):,} vs "
            f"{self.versus} {self.hits(self.versus):,} in {self.words:,} words)"
        )
        if self.report_only:
            text += "; not in the ratio: " + ", ".join(f"{total.name} {total.hits:,}" for total in self.report_only)
        return text

    def documents_read(self) -> str:
        """``14 documents read``, with ``(2 undated)`` when some are."""
        return f"{plural(self.documents, 'document')} read" + (f" ({self.undated} undated)" if self.undated else "")

    def skipped_text(self) -> str:
        """``4 skipped (1 not found, 1 unreadable, 2 of other types)``; ``0 skipped``."""
        details = []
        if self.missing:
            details.append(f"{self.missing} not found")
        if self.unreadable > self.missing:
            details.append(f"{self.unreadable - self.missing} unreadable")
        if self.other_types:
            details.append(f"{self.other_types} of other types")
        return f"{self.skipped} skipped" + (f" ({', '.join(details)})" if details else "")

    def dates(self) -> str:
        """``2024-01-16 to 2025-11-18``, one date when all share it, or ``no dated documents``."""
        if self.first_date is None or self.last_date is None:
            return "no dated documents"
        if self.first_date == self.last_date:
            return self.first_date.isoformat()
        return f"{self.first_date.isoformat()} to {self.last_date.isoformat()}"

    # --- the texts of each renderer ----------------------------------------------------------------------------

    def line(self) -> str:
        """The closing line of the table and Markdown outputs, its parts joined by `` · ``.

        ``Overall ratio 0.60, 95% interval 0.36–0.80 (customer 9 vs institution 6 in 65 words) ·
        2 documents read · 0 skipped · 2024-02-13 to 2024-05-14``.
        """
        return " · ".join((self.counts_text(), self.documents_read(), self.skipped_text(), self.dates()))

    def source_line(self, *, over_time: bool = False) -> str:
        """What a chart cites under its plot (and the HTML report in its footer).

        ``Source: focuscount 0.1.0 · lexicon library (5d513bb319d1) · 14 documents · 2024-01-16 to 2025-11-18``;
        with ``over_time`` (a chart with a date axis) the undated documents are said to be not plotted.
        """
        documents = plural(self.documents, "document")
        if self.undated:
            documents += f" ({self.undated} undated{', not plotted' if over_time else ''})"
        return (
            f"Source: focuscount {__version__} · lexicon {self.lexicon} ({self.lexicon_hash}) · "
            f"{documents} · {self.dates()}"
        )

    def header_documents(self) -> str:
        """The HTML report's ``Documents`` fact.

        ``2 documents read (1 undated), 1 unreadable, 1 other file skipped``.
        """
        parts = [self.documents_read()]
        if self.unreadable:
            parts.append(f"{self.unreadable} unreadable")
        if self.other_types:
            parts.append(f"{plural(self.other_types, 'other file')} skipped")
        return ", ".join(parts)

    def ratio_note(self) -> str:
        """The note under the overall ratio's tile: ``customer / (customer + institution) · 95% interval 0.44–0.59``,
        and `` · thin evidence`` when it is."""
        note = self.formula()
        if self.interval is not None:
            note += f" · 95% interval {format_interval(self.interval)}"
        return note + (" · thin evidence" if self.thin else "")

    def tiles(self) -> tuple[Tile, ...]:
        """The HTML report's summary boxes: the overall ratio, each category's hits, and the words."""
        tiles = [Tile("Overall ratio", format_ratio(self.ratio), self.ratio_note())]
        for total in self.categories:
            apart = " · not in the ratio" if total.report_only else ""
            note = f"{total.name} hits · {format_rate(total.rate)} per 1,000 words{apart}"
            tiles.append(Tile(total.label, f"{total.hits:,}", note))
        tiles.append(Tile("Words", f"{self.words:,}", plural(self.documents, "document")))
        return tuple(tiles)
