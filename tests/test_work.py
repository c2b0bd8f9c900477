"""focuscount.work: what a worker sends back is what the run uses, and nothing more."""

from __future__ import annotations

import pickle
import zlib

from helpers import REPO

from focuscount.cache import pack_counts
from focuscount.dating import leading_segments
from focuscount.lexicon import load_lexicon
from focuscount.options import DEFAULT_READ
from focuscount.serial import decode_counts, decode_document
from focuscount.work import CacheKeys, CountJob, FileResult, FileTask, count_file, numbers_only, start

MINUTES = REPO / "examples" / "minutes" / "2024-01-16-board-minutes.txt"
JOB = CountJob(load_lexicon(), DEFAULT_READ, 8)


def counted(task: FileTask) -> FileResult:
    start(JOB)
    return count_file(task)


def test_by_default_the_counts_come_back_with_their_hits_and_the_reading() -> None:
    result = counted(FileTask(MINUTES))
    assert result.counts is not None and result.raw is not None
    assert len(result.counts.hits) == 57
    assert result.packed == ()


def test_without_hits_only_the_numbers_and_what_dating_reads_come_back() -> None:
    full = counted(FileTask(MINUTES)).counts
    lean = counted(FileTask(MINUTES, hits=False))
    assert full is not None and lean.counts is not None
    assert lean.raw is None
    assert (lean.counts.hits, lean.counts.ignored, lean.counts.segment_words) == ((), (), ())
    assert lean.counts.counts == full.counts and lean.counts.words == full.words
    assert lean.counts.document.segments == leading_segments(full.document)
    assert len(lean.counts.document.segments) < len(full.document.segments)
    assert len(pickle.dumps(lean)) * 4 < len(pickle.dumps(counted(FileTask(MINUTES))))


def test_with_cache_keys_the_worker_packs_the_entries() -> None:
    keys = CacheKeys("reading-key", "counts-key", "numbers-key")
    result = counted(FileTask(MINUTES, hits=False, cache=keys))
    full = counted(FileTask(MINUTES))
    assert full.counts is not None and full.raw is not None
    assert result.raw is None  # packed instead: not sent back twice
    tables = [(table, key) for table, key, _ in result.packed]
    assert tables == [("raw", "reading-key"), ("counts", "counts-key"), ("counts", "numbers-key")]
    raw, counts, numbers = (value for _, _, value in result.packed)
    assert decode_document(zlib.decompress(raw)) == full.raw
    assert decode_counts(zlib.decompress(counts)) == full.counts
    assert numbers == pack_counts(numbers_only(full.counts))
    assert result.counts == numbers_only(full.counts)


def test_a_reading_from_the_cache_is_not_packed_again() -> None:
    raw = counted(FileTask(MINUTES)).raw
    result = counted(FileTask(MINUTES, raw=raw, hits=True, cache=CacheKeys(None, "c", "n")))
    assert [(table, key) for table, key, _ in result.packed] == [("counts", "c"), ("counts", "n")]
    assert result.counts is not None and len(result.counts.hits) == 57
