"""Read every test and example PDF with both PDF engines and print how their results compare.

    .venv/bin/python tools/compare_pdf_engines.py [PDF or folder …] [--lexicon library] [--repeat 3]

With no paths: every ``*.pdf`` under ``tests/fixtures`` (subfolders included) and
``examples``.  Each file is read by pdfminer.six and by PDFium through the whole
reading stage (:func:`focuscount.readers.read_document`), then counted the way
``focuscount analyze`` counts it.  One row per file: words A/B, each category A/B,
whether every hit is at the same place (page, line) and every segment has the same
text, and reading time A/B (the best of ``--repeat`` runs, counting excluded).  A
file an engine refuses shows its reason; the same reason from both is agreement.

The last lines say whether the issue's rule for making PDFium the default holds:
on every file, counts of every category identical, words within 1%, locations the same.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FOLDERS = (REPO / "tests" / "fixtures", REPO / "examples")
ENGINES = ("pdfminer", "pdfium")
WORD_TOLERANCE = 0.01  # the rule: words within 1%


@dataclass
class Reading:
    """What one engine made of one file: counts and where each hit is, or the reason it refused the file."""

    words: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    hits: list[tuple[str, str, str]] = field(default_factory=list)
    segments: list[tuple[str, int, str]] = field(default_factory=list)
    seconds: float = 0.0
    refused: str | None = None


def pdfs(paths: Iterable[Path]) -> list[Path]:
    """Every PDF named or under a folder named, sorted, each once."""
    found: set[Path] = set()
    for path in paths:
        found.update(path.rglob("*.pdf") if path.is_dir() else [path])
    return sorted(found)


def read_with(path: Path, engine: str, matcher: object, repeat: int) -> Reading:
    """``path`` read by ``engine`` and counted; its reader timed ``repeat`` times (the best kept)."""
    from focuscount.counting import count_document
    from focuscount.errors import ReadError
    from focuscount.readers import read_document, read_raw_document

    try:
        document = read_document(path, pdf_engine=engine)  # type: ignore[arg-type]
    except ReadError as error:
        return Reading(refused=error.reason)
    best = float("inf")
    for _ in range(repeat):  # the reader alone: the reading stage after it is the same code for both engines
        started = time.perf_counter()
        read_raw_document(path, pdf_engine=engine)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - started)
    counts = count_document(document, matcher)  # type: ignore[arg-type]
    return Reading(
        words=counts.words,
        counts=dict(counts.counts),
        hits=[(hit.category, hit.term, str(hit.location)) for hit in counts.hits],
        segments=[(str(s.location), s.first_line or 0, s.text) for s in document.segments],
        seconds=best,
    )


def agrees(a: Reading, b: Reading) -> bool:
    """The issue's rule for one file: same counts in every category, words within 1%, hits at the same places."""
    if a.refused is not None or b.refused is not None:
        return a.refused is not None and b.refused is not None  # neither counts anything
    within = abs(a.words - b.words) <= WORD_TOLERANCE * max(a.words, 1)
    return within and a.counts == b.counts and a.hits == b.hits


def table(rows: Sequence[tuple[Path, Reading, Reading]], categories: Sequence[str]) -> list[str]:
    """The comparison as a markdown table, one row per file, then a totals row."""
    head = ["file", "words A/B", *(f"{name} A/B" for name in categories), "same hits", "same text", "ms A/B", "rule"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for path, a, b in rows:
        name = str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)
        if a.refused is not None or b.refused is not None:
            shown = "both refuse: same reason" if a.refused == b.refused else _refusals(a, b)
            cells = [name, shown, *("" for _ in categories), "", "", _ms(a, b), _mark(agrees(a, b))]
        else:
            cells = [
                name,
                f"{a.words}/{b.words}",
                *(f"{a.counts.get(c, 0)}/{b.counts.get(c, 0)}" for c in categories),
                _mark(a.hits == b.hits),
                _mark(a.segments == b.segments),
                _ms(a, b),
                _mark(agrees(a, b)),
            ]
        lines.append("| " + " | ".join(cells) + " |")
    read = [(a, b) for _, a, b in rows if a.refused is None and b.refused is None]
    words_a, words_b = sum(a.words for a, _ in read), sum(b.words for _, b in read)
    seconds_a, seconds_b = sum(a.seconds for a, _ in read), sum(b.seconds for _, b in read)
    lines.append(
        f"| **all {len(read)} read by both** | {words_a}/{words_b} |"
        + " |" * len(categories)
        + f" | | {seconds_a * 1000:.0f}/{seconds_b * 1000:.0f} | |"
    )
    lines.append("")
    lines.append(
        f"Words/s of the reader (ms A/B; the reading stage and counting after it are the same for both): "
        f"pdfminer {_rate(words_a, seconds_a)}, pdfium {_rate(words_b, seconds_b)} "
        f"({seconds_a / seconds_b if seconds_b else 0:.1f}× faster)."
    )
    return lines


def bare_rates(rows: Sequence[tuple[Path, Reading, Reading]], repeat: int) -> str:
    """Words/s of the bare libraries (pdfminer's extract_text, PDFium's get_text_range) on the files both read."""
    import pypdfium2
    from pdfminer.high_level import extract_text

    def pdfium_text(path: Path) -> str:
        document = pypdfium2.PdfDocument(path)
        try:
            return "".join(page.get_textpage().get_text_range() for page in document)
        finally:
            document.close()

    read = [(path, a) for path, a, b in rows if a.refused is None and b.refused is None]
    words = sum(a.words for _, a in read)
    seconds = []
    for extract in (extract_text, pdfium_text):
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            for path, _ in read:
                extract(path)
            best = min(best, time.perf_counter() - started)
        seconds.append(best)
    return (
        "Bare libraries on the same files (text only, no layout): "
        f"pdfminer.six extract_text {_rate(words, seconds[0])}, "
        f"pypdfium2 get_text_range {_rate(words, seconds[1])} words/s ({seconds[0] / seconds[1]:.1f}× faster)."
    )


def _refusals(a: Reading, b: Reading) -> str:
    if a.refused is not None and b.refused is not None:
        return f"both refuse: {a.refused.partition(' (')[0]} / {b.refused.partition(' (')[0]}"
    return f"A: {a.refused or 'read'} / B: {b.refused or 'read'}"


def _ms(a: Reading, b: Reading) -> str:
    return f"{a.seconds * 1000:.0f}/{b.seconds * 1000:.0f}"


def _mark(value: bool) -> str:
    return "yes" if value else "**no**"


def _rate(words: int, seconds: float) -> str:
    return f"{words / seconds:,.0f}" if seconds else "-"


def differences(rows: Sequence[tuple[Path, Reading, Reading]], limit: int = 6) -> list[str]:
    """For each file where the engines disagree, the first lines of text that differ."""
    out: list[str] = []
    for path, a, b in rows:
        if a.segments == b.segments and a.refused == b.refused:
            continue
        out.append(f"- {path.name}:")
        if a.refused != b.refused:
            out.append(f"    pdfminer: {a.refused or 'read'}; pdfium: {b.refused or 'read'}")
            continue
        lines_a = [(loc, line) for loc, _, text in a.segments for line in text.split("\n")]
        lines_b = [(loc, line) for loc, _, text in b.segments for line in text.split("\n")]
        shown = 0
        for index in range(max(len(lines_a), len(lines_b))):
            left = lines_a[index] if index < len(lines_a) else None
            right = lines_b[index] if index < len(lines_b) else None
            if left != right:
                out.append(f"    A {left!r}\n    B {right!r}")
                shown += 1
                if shown >= limit:
                    break
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print the comparison; exit 0 when PDFium may be the default by the issue's rule, else 1."""
    from focuscount.escape import for_terminal
    from focuscount.lexicon import load_lexicon
    from focuscount.matching import LexiconMatcher
    from focuscount.nlp import get_pipeline

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="PDFs or folders (default: tests/fixtures and examples)")
    parser.add_argument("--lexicon", default="library", help="lexicon to count with (default: library)")
    parser.add_argument("--repeat", type=int, default=3, help="reads per file and engine; the best time is kept")
    parser.add_argument("--diff", action="store_true", help="also show the first differing lines of each file")
    args = parser.parse_args(argv)
    # pdfminer warns about every damaged file it works around, and about permissions it ignores: not the comparison.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lexicon = load_lexicon(args.lexicon)
    matcher = LexiconMatcher(lexicon, get_pipeline(lexicon.language))
    categories = list(lexicon.category_names)
    rows = []
    for path in pdfs(args.paths or DEFAULT_FOLDERS):
        a, b = (read_with(path, engine, matcher, max(args.repeat, 1)) for engine in ENGINES)
        rows.append((path, a, b))
    for line in table(rows, categories):
        print(for_terminal(line))
    print(for_terminal(bare_rates(rows, max(args.repeat, 1))))
    if args.diff:
        for line in differences(rows):
            print(for_terminal(line))
    failing = [path for path, a, b in rows if not agrees(a, b)]
    verdict = "holds" if not failing else f"fails on {len(failing)} of {len(rows)} files"
    print(f"\nRule (same counts in every category, words within 1%, same hit locations): {verdict}.")
    return 0 if not failing else 1


if __name__ == "__main__":
    sys.exit(main())
