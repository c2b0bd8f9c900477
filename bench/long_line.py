"""Benchmark one long line: a text file of N MB with no line break at all, through the whole CLI.

Usage: python bench/long_line.py [--sizes 5 20 50]

Each file is the bundled example minutes' words run together on a single line.
For each size it prints wall time, seconds per MB and peak memory of
``focuscount analyze FILE --format json``; the time per MB must stay flat (the
work is linear in the size), which the last line checks.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from _measure import REPO, machine, run_focuscount, table_row

# A growth in seconds per MB beyond this, from the smallest size to the largest, is reported as not linear.
LINEAR_SLACK = 1.5


def example_words() -> list[str]:
    """The words of the bundled plain-text and Markdown minutes."""
    words: list[str] = []
    for pattern in ("*.txt", "*.md"):
        for path in sorted((REPO / "examples").rglob(pattern)):
            words.extend(path.read_text(encoding="utf-8").split())
    return words


def write_single_line(path: Path, megabytes: float, words: list[str]) -> int:
    """Write ``megabytes`` MB of ``words`` on one line (no newline anywhere); return the size in bytes."""
    size = int(megabytes * 1_000_000)
    block = " ".join(words).encode("utf-8") + b" "
    with path.open("wb") as out:
        written = 0
        while written < size:
            piece = block[: size - written]
            out.write(piece)
            written += len(piece)
    return written


def main() -> int:
    """Run the benchmark and print a Markdown table; exit 1 when time per MB grows with the size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[5.0, 20.0, 50.0], help="file sizes in MB")
    options = parser.parse_args()
    words = example_words()
    print(f"machine: {machine()}")
    print(table_row("single line", "time (s)", "s per MB", "peak RSS (MB)", "words counted"))
    print(table_row("---", "---:", "---:", "---:", "---:"))
    per_mb: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in options.sizes:
            path = Path(folder) / f"line-{megabytes:g}mb.txt"
            write_single_line(path, megabytes, words)
            run = run_focuscount("analyze", str(path), "--format", "json")
            path.unlink()
            if run.returncode != 0:
                print(f"focuscount failed on {megabytes:g} MB (exit {run.returncode}): {run.stderr.strip()}")
                return 1
            counted = json.loads(run.stdout)["summary"]["words"]
            per_mb.append(run.seconds / megabytes)
            cells = (f"{run.seconds:.1f}", f"{per_mb[-1]:.2f}", f"{run.peak_mb:.0f}", f"{counted:,}")
            print(table_row(f"{megabytes:g} MB", *cells))
    growth = per_mb[-1] / per_mb[0]
    verdict = "linear" if growth <= LINEAR_SLACK else "NOT linear"
    print(f"time per MB, largest vs smallest: x{growth:.2f} ({verdict})")
    return 0 if growth <= LINEAR_SLACK else 1


if __name__ == "__main__":
    sys.exit(main())
