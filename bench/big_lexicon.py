"""Benchmark big lexicons: 100,000 two-word phrases, and 2,000 wildcard terms, over the example corpus.

Usage: python bench/big_lexicon.py [--phrases 100000] [--wildcards 2000] [--corpus examples]

The lexicons are made from the words of the bundled example minutes, so many
terms really occur (every two-word sequence of the corpus is a phrase) and many
share a first word, the case that made matching slow.  The script times loading
and compiling each lexicon in this process, then runs ``focuscount analyze
CORPUS --lexicon FILE`` in a child process for the shipped lexicon (the
reference), the phrase lexicon and the wildcard lexicon, and prints wall time
and peak memory of each as a Markdown table.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
import time
from pathlib import Path

from _measure import REPO, machine, run_focuscount, table_row

sys.path.insert(0, str(REPO))

from focuscount import load_lexicon
from focuscount.matching import LexiconMatcher
from focuscount.nlp import Pipeline, get_pipeline


def corpus_words() -> list[str]:
    """The words of the bundled plain-text and Markdown minutes, lower-cased, in order."""
    words: list[str] = []
    for pattern in ("*.txt", "*.md"):
        for path in sorted((REPO / "examples").rglob(pattern)):
            words.extend(word.lower() for word in path.read_text(encoding="utf-8").split())
    return words


def vocabulary(words: list[str], pipeline: Pipeline) -> dict[str, str]:
    """Distinct alphabetic words that are one token each, mapped to their lemma (one word per lemma)."""
    by_lemma: dict[str, str] = {}
    candidates = sorted({word for word in words if word.isalpha() and len(word) > 2})
    for word, tokens in zip(candidates, pipeline.tokens_many(candidates), strict=True):
        if len(tokens) == 1:
            by_lemma.setdefault(tokens[0].lemma, word)
    return {word: lemma for lemma, word in by_lemma.items()}


def phrases(count: int, words: list[str], lemmas: dict[str, str], seed: int = 5) -> list[str]:
    """``count`` distinct two-word phrases: every two words that follow each other in the corpus, then random pairs."""
    rng = random.Random(seed)
    seen: set[tuple[str, str]] = set()
    found: list[str] = []

    def add(first: str, second: str) -> None:
        key = (lemmas[first], lemmas[second])
        if key not in seen and len(found) < count:
            seen.add(key)
            found.append(f"{first} {second}")

    for first, second in itertools.pairwise(words):
        if first in lemmas and second in lemmas:
            add(first, second)
    vocab = sorted(lemmas)
    if len(vocab) ** 2 < count:
        raise SystemExit(f"the corpus has only {len(vocab)} distinct words: too few for {count:,} phrases")
    while len(found) < count:
        add(rng.choice(vocab), rng.choice(vocab))
    return found


def wildcards(count: int, lemmas: dict[str, str], seed: int = 6) -> list[str]:
    """``count`` distinct wildcard terms of every shape: ``librar*``, ``us?r``, ``*ship``, ``young adult*``."""
    rng = random.Random(seed)
    vocab = sorted(lemmas)
    found: dict[str, None] = {}
    attempts = 0
    while len(found) < count:
        attempts += 1
        if attempts > 100 * count:
            raise SystemExit(f"could not make {count:,} distinct wildcard terms from {len(vocab)} words")
        word = rng.choice(vocab)
        shape = rng.random()
        if shape < 0.55:
            term = word[: rng.randint(3, len(word))] + "*"
        elif shape < 0.70:
            where = rng.randrange(1, len(word))
            term = word[:where] + "?" + word[where + 1 :]
        elif shape < 0.80:
            term = "*" + word[-rng.randint(3, len(word)) :]
        else:
            term = rng.choice(vocab) + " " + word[: rng.randint(3, len(word))] + "*"
        found.setdefault(term, None)
    return list(found)


def write_lexicon(path: Path, name: str, terms: list[str]) -> None:
    """A two-category lexicon holding ``terms`` one per line, alternating between the categories."""
    customer = [term for index, term in enumerate(terms) if index % 2 == 0]
    institution = [term for index, term in enumerate(terms) if index % 2 == 1]

    def listing(items: list[str]) -> str:
        return "[\n" + "".join(f'  "{item}",\n' for item in items) + "]\n"

    path.write_text(
        f'name = "{name}"\n\n[ratio]\nfocus = "customer"\nversus = "institution"\n\n'
        f"[categories.customer]\nterms = {listing(customer)}\n"
        f"[categories.institution]\nterms = {listing(institution)}",
        encoding="utf-8",
    )


def compile_seconds(path: Path | str) -> tuple[float, float, int]:
    """Seconds to load and validate the lexicon, seconds to compile it, and its number of terms."""
    started = time.perf_counter()
    lexicon = load_lexicon(path)
    loaded = time.perf_counter()
    LexiconMatcher(lexicon, get_pipeline(lexicon.language))
    return loaded - started, time.perf_counter() - loaded, len(lexicon.all_terms)


def main() -> int:
    """Build the lexicons, run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, default=100_000)
    parser.add_argument("--wildcards", type=int, default=2_000)
    parser.add_argument("--corpus", default="examples", help="folder to analyse (relative to the repository)")
    options = parser.parse_args()
    pipeline = get_pipeline("en")
    words = corpus_words()
    lemmas = vocabulary(words, pipeline)
    print(f"machine: {machine()}")
    print(table_row("lexicon", "terms", "load (s)", "compile (s)", "analyze (s)", "x reference", "peak RSS (MB)"))
    print(table_row("---", "---:", "---:", "---:", "---:", "---:", "---:"))
    with tempfile.TemporaryDirectory() as folder:
        phrase_file = Path(folder) / "phrases.toml"
        wildcard_file = Path(folder) / "wildcards.toml"
        write_lexicon(phrase_file, "phrases", phrases(options.phrases, words, lemmas))
        write_lexicon(wildcard_file, "wildcards", wildcards(options.wildcards, lemmas))
        reference: float | None = None
        for label, lexicon in (
            ("shipped `library` (reference)", "library"),
            (f"{options.phrases:,} two-word phrases", str(phrase_file)),
            (f"{options.wildcards:,} wildcard terms", str(wildcard_file)),
        ):
            load, compile_, terms = compile_seconds(lexicon)
            run = run_focuscount("analyze", options.corpus, "--lexicon", lexicon, "--format", "json")
            if run.returncode != 0:
                print(f"focuscount failed with {label} (exit {run.returncode}): {run.stderr.strip()}")
                return 1
            reference = reference or run.seconds
            print(
                table_row(
                    label,
                    f"{terms:,}",
                    f"{load:.2f}",
                    f"{compile_:.2f}",
                    f"{run.seconds:.1f}",
                    f"{run.seconds / reference:.2f}",
                    f"{run.peak_mb:.0f}",
                )
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
