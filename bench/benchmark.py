"""Benchmark focuscount on a synthetic corpus: words per second for reading, matching and grouping.

Usage: python bench/benchmark.py [--documents 400] [--words 2000]

Builds a temporary corpus of dated .txt minutes from the bundled example texts,
runs the library's ``analyze`` once to warm the pipeline, then times full runs.
Performance is measured here, never in timed tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from focuscount import analyze, load_lexicon  # noqa: E402
from focuscount.nlp import get_pipeline  # noqa: E402


def source_words() -> list[str]:
    """Words from the bundled example minutes (plain text ones), or a fixed fallback."""
    words: list[str] = []
    for path in sorted((REPO / "examples").rglob("*.txt")):
        words.extend(path.read_text(encoding="utf-8").split())
    return words or (
        ["The", "library", "board", "discussed", "patrons", "and", "the", "budget", "for", "the", "new", "branch", "."]
        * 50
    )


def build_corpus(folder: Path, documents: int, words_per_document: int, seed: int = 7) -> int:
    """Write ``documents`` dated minutes of about ``words_per_document`` words; return the word total."""
    rng = random.Random(seed)
    words = source_words()
    start = dt.date(2020, 1, 7)
    total = 0
    for index in range(documents):
        day = start + dt.timedelta(days=14 * index)
        offset = rng.randrange(0, max(1, len(words) - words_per_document))
        chunk = (words * (1 + words_per_document // max(1, len(words)) + 1))[offset : offset + words_per_document]
        lines = [" ".join(chunk[i : i + 12]) for i in range(0, len(chunk), 12)]
        (folder / f"{day.isoformat()}-minutes.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        total += len(chunk)
    return total


def main() -> None:
    """Run the benchmark and print one line per measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=400)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()

    lexicon = load_lexicon("library")
    started = time.perf_counter()
    get_pipeline(lexicon.language)
    print(f"pipeline load: {time.perf_counter() - started:.2f} s")

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        words = build_corpus(folder, options.documents, options.words)
        analyze([folder], lexicon)  # warm caches (lemmas, patterns)
        timings = []
        for _ in range(options.repeat):
            started = time.perf_counter()
            result = analyze([folder], lexicon, by="month")
            timings.append(time.perf_counter() - started)
        best = min(timings)
        print(f"corpus: {options.documents} documents, {words:,} words (counted: {result.words:,})")
        print(f"analyze: best {best:.2f} s, median {statistics.median(timings):.2f} s over {options.repeat} runs")
        print(f"throughput: {words / best:,.0f} words/s, {options.documents / best:,.1f} documents/s")


if __name__ == "__main__":
    main()
