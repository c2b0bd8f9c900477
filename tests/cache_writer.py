"""A process that writes (and reads back) rows of a result cache, for the kill -9 and concurrency tests.

    python tests/cache_writer.py FOLDER FIRST LAST [--hits N] [--read]

Stores, for each i in FIRST..LAST-1, ``raw-i`` → :func:`make_document` (i) and ``counts-i`` →
:func:`make_counts` (i) in one :meth:`ResultCache.put`, printing ``i`` once it is committed.
With ``--read``, also reads back the row just written and the five before it (which
another writer may be writing at the same time) and exits 3 at the first that is
present and not exact.  Warnings go to stderr, prefixed ``warning: ``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from focuscount.cache import ResultCache
from focuscount.model import Document, DocumentCounts, Hit, Location, Segment
from focuscount.uncertainty import Interval

_SENTENCE = (
    "The Director reported that patrons of Alderbrook Public Library had asked for longer opening hours; "
    "the Board noted the library's budget for staff and facilities. "
)


def make_document(i: int, segments: int = 12) -> Document:
    """A realistic minutes document, different for each ``i``."""
    parts = [Segment(f"Minutes of the Board of Trustees, meeting {i}", Location("line", 1, line=1), heading=True)]
    parts.append(
        Segment("Present: Ruth Calloway (Chair), Tomás Ferreira, Dennis Whitcombe", Location("line", 3, 3), label=True)
    )
    for n in range(segments):
        parts.append(
            Segment(
                f"{n + 1}. {_SENTENCE * (1 + (i + n) % 4)}", Location("page", 1 + n // 4, part=None), first_line=1 + n
            )
        )
    parts.append(Segment("Alderbrook Public Library · Page 1 of 3", Location("footer", 1), furniture=True))
    return Document(
        path=Path(f"minutes/2024-{1 + i % 12:02d}-board-minutes-{i}.pdf"),
        format="pdf",
        segments=tuple(parts),
        title=f"Board minutes {i}",
        created=dt.datetime(2024, 1 + i % 12, 1 + i % 28, 19, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        modified=dt.date(2024, 1 + i % 12, 1 + i % 28),
        producer="LibreOffice 7.6",
    )


def make_counts(i: int, hits: int = 40) -> DocumentCounts:
    """Counts of :func:`make_document` (i) with ``hits`` hits, different for each ``i``."""
    document = make_document(i)
    found = tuple(
        Hit(
            category="customer" if n % 3 else "institution",
            term="patron" if n % 3 else "library",
            matched_text="patrons" if n % 3 else "library's",
            location=Location("page", 1 + n % 3, line=n % 40 + 1),
            context=f"that patrons of Alderbrook Public Library {n}",
            segment=2 + n % 12,
            start=n,
            end=n + 7,
            before="that",
            after="of Alderbrook",
        )
        for n in range(hits)
    )
    customer = sum(1 for hit in found if hit.category == "customer")
    return DocumentCounts(
        document=document,
        words=500 + i,
        counts={"customer": customer, "institution": hits - customer},
        term_counts={"customer": {"patron": customer}, "institution": {"library": hits - customer}},
        ratio=customer / hits if hits else None,
        hits=found,
        not_counted={"name": i % 5},
        interval=Interval(0.25 + i / 1e6, 0.75),
        segment_words=tuple(range(len(document.segments))),
    )


def main(argv: list[str]) -> int:
    folder, first, last = Path(argv[0]), int(argv[1]), int(argv[2])
    hits = int(argv[argv.index("--hits") + 1]) if "--hits" in argv else 40
    read = "--read" in argv
    cache = ResultCache.open(folder, on_warning=lambda line: print(f"warning: {line}", file=sys.stderr, flush=True))
    for i in range(first, last):
        cache.put(f"raw-{i}", make_document(i), f"counts-{i}", make_counts(i, hits))
        print(i, flush=True)
        if read:
            for j in range(max(first, i - 5), i + 1):
                counts, raw = cache.get_counts(f"counts-{j}"), cache.get_raw(f"raw-{j}")
                if counts != make_counts(j, hits) or raw != make_document(j):
                    print(f"row {j} is not what was written", file=sys.stderr, flush=True)
                    return 3
    cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
