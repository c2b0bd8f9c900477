"""Break counts down by speaker, by section (agenda item, heading) or by slide.

A breakdown row holds the words and hits of the segments that share a key: the
speaker named in a transcript or minutes, the section a heading or numbered
agenda item opened, or the slide (its speaker notes apart).  Speakers are summed
over all documents, since the same person speaks at many meetings; sections and
slides belong to their document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from focuscount.model import DocumentCounts, Location, ratio_of
from focuscount.uncertainty import Interval, pooled_interval, wilson

BreakdownKind = Literal["speaker", "section", "slide"]  # what a breakdown reports on
BREAKDOWNS: tuple[BreakdownKind, ...] = ("speaker", "section", "slide")
NO_SPEAKER = "(no speaker named)"
NO_SECTION = "(before the first heading)"


@dataclass(frozen=True)
class BreakdownRow:
    """Totals for one speaker, section or slide."""

    kind: str  # speaker | section | slide
    key: str  # the speaker's name, the section's title, "slide 3" / "slide 3 (notes)"
    path: Path | None  # the document (None for speakers, which span documents)
    documents: int
    words: int
    counts: dict[str, int]
    ratio: float | None
    order: tuple[int, ...] = field(default=(), compare=False)  # where the key first appears
    interval: Interval | None = None  # the ratio's 95% interval (clustered by document for speakers)
    thin: bool = False  # the ratio rests on fewer than min_hits hits
    # (focus, focus + versus) hits of each document the row sums: its clusters
    parts: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)

    def rate(self, category: str) -> float | None:
        """Hits of ``category`` per 1,000 words."""
        return None if self.words <= 0 else self.counts.get(category, 0) * 1000.0 / self.words


def key_of(kind: str, location: Location, deck: bool = False) -> str | None:
    """The breakdown key of a location (None when the location has no such key, e.g. no slide).

    In a ``deck`` (a PDF of slides) each page is a slide.
    """
    if kind == "speaker":
        return location.speaker or NO_SPEAKER
    if kind == "section":
        return location.section or NO_SECTION
    if kind == "slide":
        if location.kind == "page" and deck:
            return f"slide {location.number}"
        if location.kind != "slide":
            return None
        return str(location)
    raise ValueError(f"unknown breakdown {kind!r}; use one of {', '.join(BREAKDOWNS)}")


def document_breakdown(counts: DocumentCounts, kind: str, focus: str, versus: str) -> list[BreakdownRow]:
    """Rows for one document (needs its segments, per-segment words and hits: before evidence is dropped)."""
    segments = counts.document.segments
    words: Counter[str] = Counter()
    hits: dict[str, Counter[str]] = {}
    order: dict[str, int] = {}
    for index, segment in enumerate(segments):
        key = key_of(kind, segment.location, counts.document.deck)
        if key is None:
            continue
        order.setdefault(key, index)
        words[key] += counts.segment_words[index] if index < len(counts.segment_words) else 0
        hits.setdefault(key, Counter())
    for hit in counts.hits:
        key = key_of(kind, segments[hit.segment].location, counts.document.deck)
        if key is not None:
            hits[key][hit.category] += 1
    categories = list(counts.counts)
    rows = []
    for key in sorted(order, key=order.__getitem__):
        totals = {name: hits[key].get(name, 0) for name in categories}
        rows.append(
            BreakdownRow(
                kind=kind,
                key=key,
                path=counts.document.path if kind != "speaker" else None,
                documents=1,
                words=words[key],
                counts=totals,
                ratio=ratio_of(totals.get(focus, 0), totals.get(versus, 0)),
                order=(order[key],),
                interval=wilson(totals.get(focus, 0), totals.get(focus, 0) + totals.get(versus, 0)),
                parts=((totals.get(focus, 0), totals.get(focus, 0) + totals.get(versus, 0)),),
            )
        )
    return rows


def merge_speakers(rows: Iterable[BreakdownRow], focus: str, versus: str) -> list[BreakdownRow]:
    """Speaker rows of many documents summed per speaker (named speakers first, by words)."""
    merged: dict[str, BreakdownRow] = {}
    for row in rows:
        earlier = merged.get(row.key)
        if earlier is None:
            merged[row.key] = row
            continue
        totals = Counter(earlier.counts)
        totals.update(row.counts)
        merged[row.key] = BreakdownRow(
            kind=row.kind,
            key=row.key,
            path=None,
            documents=earlier.documents + 1,
            words=earlier.words + row.words,
            counts=dict(totals),
            ratio=ratio_of(totals.get(focus, 0), totals.get(versus, 0)),
            parts=earlier.parts + row.parts,
        )
        merged[row.key] = replace(merged[row.key], interval=pooled_interval(merged[row.key].parts))
    return sorted(merged.values(), key=lambda r: (r.key == NO_SPEAKER, -r.words, r.key))
