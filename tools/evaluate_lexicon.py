"""Measure a lexicon's precision and recall on hand-annotated texts.

    .venv/bin/python tools/evaluate_lexicon.py --lexicon library lexicons/evaluation/dev [--format markdown]

Each ``.txt`` file under the folders given holds minutes with gold marks written
by hand (see lexicons/evaluation/GUIDELINES.md): ``{c|patrons}`` for customer
talk, ``{i|budget}`` for institution talk.  The marks are stripped to plain text
(the spans kept), the plain text is read and counted by focuscount itself, as a
``.txt`` document (reading stage, furniture, names rule and all), and each hit is
aligned to the gold spans by its character offsets:

- a hit is **correct** when it overlaps a gold mark of its side;
- a mark is **found** when a hit of its side overlaps it.

Precision and recall come with Wilson 95% intervals.  Hits of report-only
categories (``community``, ``partners``) are listed apart and never scored.
The lexicon's focus category is the ``c`` side, its versus category the ``i`` side.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from focuscount import DocumentCounts, Hit, Lexicon, load_lexicon
from focuscount.analysis import iter_document_counts
from focuscount.errors import FocusCountError
from focuscount.escape import for_markdown, for_terminal
from focuscount.options import ReadOptions
from focuscount.uncertainty import Interval, wilson

SIDES = {"c": "customer", "i": "institution"}
_MARK = re.compile(r"\{(?P<side>[a-z])\|(?P<text>[^{}|\n]*)\}")
_FORMATS = ("markdown", "text", "json")


class MarkupError(ValueError):
    """A malformed gold mark, with the file and line where it is."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class GoldMark:
    """One hand-made mark: its side (``c`` or ``i``), its span in the plain text, its words and line."""

    side: str
    start: int
    end: int
    text: str
    line: int


@dataclass(frozen=True)
class Annotated:
    """A file's text with its marks stripped, and the marks."""

    name: str
    plain: str
    marks: tuple[GoldMark, ...]

    @property
    def words(self) -> int:
        """Whitespace-separated words of the plain text."""
        return len(self.plain.split())


def parse_marks(text: str, name: str = "<text>") -> Annotated:
    """Strip ``{c|..}``/``{i|..}`` marks from ``text``, keeping each mark's span in the stripped text.

    Raises :class:`MarkupError` (file and line) for an unknown side, an empty mark,
    a mark left open or crossing a line, a nested mark and a stray ``}``.
    """
    plain: list[str] = []
    marks: list[GoldMark] = []
    position, line, out = 0, 1, 0
    while True:
        brace = _next_brace(text, position)
        chunk = text[position:brace]
        closer = chunk.find("}")
        if closer >= 0:
            raise MarkupError(name, line + chunk.count("\n", 0, closer), "a '}' outside any mark: remove it")
        plain.append(chunk)
        line += chunk.count("\n")
        out += len(chunk)
        if brace == len(text):
            break
        match = _MARK.match(text, brace)
        if match is None:
            raise MarkupError(name, line, _malformed(text, brace))
        side, words = match["side"], match["text"]
        if side not in SIDES:
            raise MarkupError(name, line, f"unknown side '{side}' in '{match[0]}': write {{c|...}} or {{i|...}}")
        if not words.strip() or words != words.strip():
            raise MarkupError(name, line, f"mark '{match[0]}' must hold words without spaces at its ends")
        marks.append(GoldMark(side, out, out + len(words), words, line))
        plain.append(words)
        out += len(words)
        position = match.end()
    return Annotated(name, "".join(plain), tuple(marks))


def _next_brace(text: str, position: int) -> int:
    found = text.find("{", position)
    return len(text) if found < 0 else found


def _malformed(text: str, brace: int) -> str:
    rest = text[brace : text.find("\n", brace) if "\n" in text[brace:] else len(text)]
    opened = rest.find("{", 1)
    closed = rest.find("}")
    if closed < 0:
        return f"mark '{rest[:30]}' is not closed on its line: end it with '}}' (marks never cross lines)"
    if 0 <= opened < closed:
        return f"marks never nest: '{rest[: closed + 1]}'"
    return f"malformed mark '{rest[: closed + 1]}': write {{c|words}} or {{i|words}}"


@dataclass(frozen=True)
class ScoredHit:
    """A counted hit placed in its file's plain text, and whether a gold mark of its side covers it."""

    file: str
    hit: Hit
    side: str | None  # "c", "i", or None for a report-only category
    start: int
    end: int
    correct: bool


@dataclass
class SideScore:
    """Precision and recall of one side over the whole set."""

    side: str
    hits: int = 0
    correct: int = 0
    marks: int = 0
    found: int = 0

    @property
    def precision(self) -> float | None:
        """Correct hits over hits."""
        return self.correct / self.hits if self.hits else None

    @property
    def precision_interval(self) -> Interval | None:
        """Wilson 95% interval of the precision."""
        return wilson(self.correct, self.hits)

    @property
    def recall(self) -> float | None:
        """Found marks over marks."""
        return self.found / self.marks if self.marks else None

    @property
    def recall_interval(self) -> Interval | None:
        """Wilson 95% interval of the recall."""
        return wilson(self.found, self.marks)


@dataclass
class Evaluation:
    """Everything one run measures: per side, per term, the false hits, the missed marks."""

    lexicon: str
    files: list[Annotated] = field(default_factory=list)
    sides: dict[str, SideScore] = field(default_factory=lambda: {side: SideScore(side) for side in SIDES})
    hits: list[ScoredHit] = field(default_factory=list)
    missed: list[tuple[str, GoldMark]] = field(default_factory=list)

    @property
    def words(self) -> int:
        """Words in all files."""
        return sum(annotated.words for annotated in self.files)

    def terms(self) -> list[tuple[str, str, int, int]]:
        """(side, term, hits, correct) of every scored term, most hits first."""
        hits: Counter[tuple[str, str]] = Counter()
        correct: Counter[tuple[str, str]] = Counter()
        for scored in self.hits:
            if scored.side is not None:
                hits[scored.side, scored.hit.term] += 1
                correct[scored.side, scored.hit.term] += scored.correct
        return [(side, term, count, correct[side, term]) for (side, term), count in hits.most_common()]


def score(annotated: Annotated, hits: Iterable[ScoredHit], evaluation: Evaluation) -> None:
    """Add one file's aligned hits to ``evaluation``: correct hits, found marks, missed marks."""
    found: set[int] = set()
    for scored in hits:
        evaluation.hits.append(scored)
        if scored.side is None:
            continue
        evaluation.sides[scored.side].hits += 1
        evaluation.sides[scored.side].correct += scored.correct
        found.update(i for i, mark in enumerate(annotated.marks) if _covers(mark, scored))
    for index, mark in enumerate(annotated.marks):
        evaluation.sides[mark.side].marks += 1
        if index in found:
            evaluation.sides[mark.side].found += 1
        else:
            evaluation.missed.append((annotated.name, mark))
    evaluation.files.append(annotated)


def _covers(mark: GoldMark, scored: ScoredHit) -> bool:
    return mark.side == scored.side and scored.start < mark.end and mark.start < scored.end


def align(annotated: Annotated, counts: DocumentCounts, lexicon: Lexicon) -> list[ScoredHit]:
    """Each counted hit of ``counts`` (read from ``annotated.plain``) placed in the plain text and judged.

    A segment's text is found in the plain text from the line it starts on; when
    hygiene changed it (NFKC, a joined line-end hyphen), the hit's words are looked
    up on the hit's own line instead.
    """
    plain = annotated.plain
    line_starts = [0] + [i + 1 for i, char in enumerate(plain) if char == "\n"]
    bases: dict[int, int] = {}
    sides = {lexicon.focus: "c", lexicon.versus: "i"}
    scored: list[ScoredHit] = []
    for hit in counts.hits:
        segment = counts.document.segments[hit.segment]
        if hit.segment not in bases:
            first = line_starts[(segment.location.line or 1) - 1]
            bases[hit.segment] = plain.find(segment.text, first)
        base = bases[hit.segment]
        if base >= 0:
            start, end = base + hit.start, base + hit.end
        else:
            start = _on_line(plain, line_starts, hit)
            end = start + len(hit.matched_text)
        side = sides.get(hit.category)
        correct = side is not None and any(
            mark.side == side and start < mark.end and mark.start < end for mark in annotated.marks
        )
        scored.append(ScoredHit(annotated.name, hit, side, start, end, correct))
    return scored


def _on_line(plain: str, line_starts: Sequence[int], hit: Hit) -> int:
    line = (hit.location.line or 1) - 1
    found = plain.find(hit.matched_text, line_starts[line])
    if found < 0:
        raise ValueError(f"{hit.location}: cannot place hit '{hit.matched_text}' in the plain text")
    return found


def evaluate(paths: Iterable[Path], lexicon: Lexicon) -> Evaluation:
    """Read every annotated ``.txt`` under ``paths``, count it with ``lexicon`` and score the hits."""
    files = sorted(_annotated_files(paths))
    evaluation = Evaluation(lexicon.name)
    with tempfile.TemporaryDirectory(prefix="focuscount-eval-") as folder:
        plain_paths: dict[Path, Annotated] = {}
        for index, path in enumerate(files):
            annotated = parse_marks(path.read_text(encoding="utf-8"), str(path))
            # Numbered, so two files of the same name in two folders never meet.
            plain_path = Path(folder) / f"{index:03d}-{path.name}"
            plain_path.write_text(annotated.plain, encoding="utf-8")
            plain_paths[plain_path] = annotated
        for item in iter_document_counts(list(plain_paths), lexicon, options=ReadOptions(metadata_dates=False)):
            if not isinstance(item, DocumentCounts):
                raise FocusCountError(f"{item.path}: not read ({item.reason})")
            annotated = plain_paths[item.document.path]
            score(annotated, align(annotated, item, lexicon), evaluation)
    evaluation.files.sort(key=lambda annotated: annotated.name)
    return evaluation


def _annotated_files(paths: Iterable[Path]) -> Iterable[Path]:
    for path in paths:
        if path.is_dir():
            yield from path.rglob("*.txt")
        elif path.is_file():
            yield path
        else:
            raise FileNotFoundError(f"{path}: no such file or folder; give folders of annotated .txt files")


def summary(evaluation: Evaluation) -> dict[str, object]:
    """The run as plain data (the ``json`` format, and what the tables are made of)."""

    def number(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    def interval(value: Interval | None) -> list[float] | None:
        return None if value is None else [round(value.low, 4), round(value.high, 4)]

    return {
        "lexicon": evaluation.lexicon,
        "files": len(evaluation.files),
        "words": evaluation.words,
        "sides": {
            SIDES[side]: {
                "hits": s.hits,
                "correct": s.correct,
                "precision": number(s.precision),
                "precision_interval": interval(s.precision_interval),
                "marks": s.marks,
                "found": s.found,
                "recall": number(s.recall),
                "recall_interval": interval(s.recall_interval),
            }
            for side, s in evaluation.sides.items()
        },
        "terms": [
            {"side": SIDES[side], "term": term, "hits": hits, "correct": correct, "precision": round(correct / hits, 4)}
            for side, term, hits, correct in evaluation.terms()
        ],
        "false_hits": [_hit_row(scored) for scored in evaluation.hits if scored.side and not scored.correct],
        "missed": [
            {"side": SIDES[side], "words": words, "count": count}
            for (side, words), count in Counter((m.side, m.text.lower()) for _, m in evaluation.missed).most_common()
        ],
        "report_only": [_hit_row(scored) for scored in evaluation.hits if scored.side is None],
    }


def _hit_row(scored: ScoredHit) -> dict[str, object]:
    return {
        "file": Path(scored.file).name,
        "line": scored.hit.location.line,
        "category": scored.hit.category,
        "term": scored.hit.term,
        "context": scored.hit.context,
    }


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _range(value: list[float] | None) -> str:
    return "-" if value is None else f"[{value[0]:.0%}, {value[1]:.0%}]"


def render(evaluation: Evaluation, fmt: str = "markdown", missed: int = 25) -> str:
    """The run as ``markdown`` tables, aligned ``text`` or ``json``; ``missed`` limits the missed words shown."""
    data = summary(evaluation)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    escape = for_markdown if fmt == "markdown" else for_terminal
    sides = data["sides"]
    assert isinstance(sides, dict)
    tables: list[tuple[str, list[str], list[list[str]]]] = [
        (
            f"Lexicon {data['lexicon']}: {data['files']} files, {data['words']} words",
            ["side", "hits", "correct", "precision", "95% interval", "marks", "found", "recall", "95% interval"],
            [
                [name, str(s["hits"]), str(s["correct"]), _percent(s["precision"]), _range(s["precision_interval"]),
                 str(s["marks"]), str(s["found"]), _percent(s["recall"]), _range(s["recall_interval"])]
                for name, s in sides.items()
            ],
        ),
        (
            "Precision per term",
            ["side", "term", "hits", "correct", "precision"],
            [[t["side"], escape(t["term"]), str(t["hits"]), str(t["correct"]), _percent(t["precision"])]
             for t in data["terms"]],  # type: ignore[union-attr]
        ),
        (
            "False hits",
            ["file", "line", "term", "context"],
            [[escape(h["file"]), str(h["line"]), escape(h["term"]), escape(h["context"])]
             for h in data["false_hits"]],  # type: ignore[union-attr]
        ),
        (
            "Missed marks (most frequent words)",
            ["side", "words", "marks"],
            [[m["side"], escape(m["words"]), str(m["count"])] for m in data["missed"][:missed]],  # type: ignore[index]
        ),
        (
            "Report-only hits (not scored)",
            ["file", "line", "category", "term", "context"],
            [[escape(h["file"]), str(h["line"]), h["category"], escape(h["term"]), escape(h["context"])]
             for h in data["report_only"]],  # type: ignore[union-attr]
        ),
    ]  # fmt: skip
    return "\n\n".join(_table(title, header, rows, fmt) for title, header, rows in tables) + "\n"


def _table(title: str, header: list[str], rows: list[list[str]], fmt: str) -> str:
    if fmt == "markdown":
        lines = [f"**{title}**", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows] or ["| " + " | ".join(["-"] * len(header)) + " |"]
        return "\n".join(lines)
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = [title, "  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True)).rstrip()]
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines if rows else [*lines, "(none)"])


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: 0 on success, 2 on a lexicon, markup or file error."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lexicon", default="library", help="a shipped lexicon name or a lexicon file")
    parser.add_argument("--format", choices=_FORMATS, default="markdown")
    parser.add_argument("--missed", type=int, default=25, help="how many missed words to list")
    parser.add_argument("folders", nargs="+", type=Path, help="folders (or files) of annotated .txt files")
    args = parser.parse_args(argv)
    try:
        evaluation = evaluate(args.folders, load_lexicon(args.lexicon))
    except (FocusCountError, MarkupError, OSError, ValueError) as error:
        print(for_terminal(f"evaluate_lexicon: {error}"), file=sys.stderr)
        return 2
    sys.stdout.write(render(evaluation, args.format, args.missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
