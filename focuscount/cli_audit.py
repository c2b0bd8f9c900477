"""The ``focuscount audit`` command: draw a sample of hits to judge, judge it in the terminal, score it.

The work is in :mod:`focuscount.audit`; this module parses options, talks to the
terminal and writes files.  The corpus options apply only when a sample is drawn:
``--score`` and ``--resume`` read an audit file alone, so they need no PATHS.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from focuscount.audit import DEFAULT_AUDIT_CONTEXT_WORDS, DEFAULT_SAMPLE, DEFAULT_SEED, SCORE_FORMATS, AuditSheet
from focuscount.cli import (
    corpus_options,
    emit,
    execution_for,
    help_examples,
    lexicon_for,
    output_options,
    warn,
    warn_unreadable,
)
from focuscount.errors import ConfigError

if TYPE_CHECKING:
    from focuscount.config import RunOptions

PROMPT = "y/n (a note may follow: n foundation name), s skip, u undo, q quit > "
HELP_LINE = (
    "  y: the hit means what its category says; n: it does not; s: decide later; u: undo the last answer; "
    "q: stop (every answer is saved)"
)


def _corpus_when_drawing(command: Callable[..., Any]) -> Callable[..., Any]:
    """:func:`corpus_options`, except that ``--score`` and ``--resume`` skip them (no PATHS or settings needed)."""
    # The audit's own options, decorated before this (click keeps them on the function, and corpus_options
    # adds its own to the same list).
    own = {param.name for param in getattr(command, "__click_params__", ())}
    drawing = corpus_options(command)

    # wraps() copies the option list click keeps on the function, so the command shows every corpus option.
    @functools.wraps(drawing)
    def choose(*args: Any, score_path: Path | None, resume: Path | None, **kwargs: Any) -> Any:
        if score_path is None and resume is None:
            return drawing(*args, score_path=None, resume=None, **kwargs)
        if kwargs["paths"]:
            flag = "--score" if score_path is not None else "--resume"
            raise click.UsageError(f"{flag} reads an audit file alone: give it no PATHS")
        options = {name: value for name, value in kwargs.items() if name in own}
        return command(*args, run=None, score_path=score_path, resume=resume, **options)

    return choose


@click.command(
    epilog=help_examples(
        ("focuscount audit minutes/ -o audit.csv", "draw 200 counted hits to judge, in a spreadsheet"),
        (
            "focuscount audit minutes/ -o audit.csv --interactive",
            "judge them here, one key an answer (--resume goes on later)",
        ),
        ("focuscount audit --score audit.csv", "the precision of each category and term, and the corrected ratio"),
    ),
)
@_corpus_when_drawing
@click.option(
    "--sample", "-n", "sample_size", type=click.IntRange(min=1), default=DEFAULT_SAMPLE, show_default=True,
    metavar="N", help="How many counted hits to draw, shared equally by the categories.",
)  # fmt: skip
@click.option(
    "--seed", type=int, default=DEFAULT_SEED, show_default=True,
    help="Seed of the random draw: the same documents, lexicon and seed draw the same sample.",
)  # fmt: skip
@click.option(
    "--context", "-C", "context_words", type=click.IntRange(min=0), default=DEFAULT_AUDIT_CONTEXT_WORDS,
    show_default=True, metavar="N", help="Words of context either side of each sampled hit.",
)  # fmt: skip
@click.option(
    "--force", is_flag=True,
    help="Replace the -o file even when it holds judgements (refused by default: they would be lost).",
)  # fmt: skip
@click.option(
    "--interactive", "-i", is_flag=True,
    help="Judge the sample in the terminal (y/n/s/u/q), saving the -o file after every answer.",
)  # fmt: skip
@click.option(
    "--resume", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.csv",
    help="Continue judging FILE.csv in the terminal from its first unjudged row (implies --interactive).",
)  # fmt: skip
@click.option(
    "--score", "score_path", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.csv",
    help="Report precision per category and term, the precision-corrected ratio and ignore phrases "
    "from a judged audit file.",
)  # fmt: skip
@output_options(SCORE_FORMATS)
def audit(
    run: RunOptions,
    sample_size: int,
    seed: int,
    context_words: int,
    force: bool,
    interactive: bool,
    resume: Path | None,
    score_path: Path | None,
    output_format: str,
    output: Path | None,
) -> None:
    """Measure a lexicon's precision on your documents: sample hits, judge them, score them.

    \b
    focuscount audit PATHS -o audit.csv          draw a sample; fill in 'correct' (y/n)
    focuscount audit PATHS -i -o audit.csv       draw it and judge it in the terminal
    focuscount audit --resume audit.csv          go on judging from the first blank row
    focuscount audit --score audit.csv           precision, corrected ratio, ignore phrases

    The sample is stratified: every category (report-only ones too) gets an equal
    share, spread over its terms and documents, the same for a seed. An -o file
    that holds judgements is never replaced without --force. Exit status: 0 done;
    2 on a usage error or a bad audit file.
    """
    ctx = click.get_current_context()
    format_given = ctx.get_parameter_source("output_format") is not click.core.ParameterSource.DEFAULT
    if score_path is not None:
        if interactive or resume is not None:
            raise click.UsageError("--score reports on a judged file; judge it first with --resume, then score it")
        _score(score_path, output_format, output)
        return
    if format_given:
        raise click.UsageError("--format is for --score: the audit file itself is always CSV")
    if resume is not None:
        if output is not None:
            raise click.UsageError("--resume saves its answers into FILE.csv itself: leave out -o")
        from focuscount.audit import read_sheet

        _judge(read_sheet(resume), resume)
        return
    if interactive and output is None:
        raise click.UsageError("--interactive saves every answer into a file: give -o FILE.csv")
    _draw(run, sample_size, seed, context_words, force, output)
    if interactive:
        from focuscount.audit import read_sheet

        assert output is not None
        _judge(read_sheet(output), output)


def _draw(run: RunOptions, sample_size: int, seed: int, context_words: int, force: bool, output: Path | None) -> None:
    from focuscount.audit import BOM, check_overwrite, draw_sample, render_sheet, sample_sheet
    from focuscount.evidence import iter_evidence

    if output is not None:
        check_overwrite(output, force)  # before the reading: judgements must never wait on a long run
    lexicon = lexicon_for(run)
    evidence = iter_evidence(
        run.paths,
        lexicon,
        context_words=context_words,
        options=run.read_options(),
        execution=execution_for(run),
        on_skip=warn_unreadable,
    )
    sample = draw_sample(evidence, lexicon, sample_size, seed)
    for message in sample.warnings:
        warn(message)
    if output is not None:
        check_overwrite(output, force)  # again: the file may have been judged while the documents were read
    sheet = sample_sheet(sample)
    # The byte order mark makes Excel read UTF-8; standard output goes to programs, which do without it.
    emit((BOM if output is not None else "") + render_sheet(sheet), output)
    shares = ", ".join(f"{name} {count}" for name, count in _per_category(sheet).items())
    click.echo(
        f"focuscount: drew {len(sheet.rows)} of {sample.hits} counted hits ({shares}) with seed {seed}", err=True
    )


def _per_category(sheet: AuditSheet) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in sheet.rows:
        counts[row["category"]] = counts.get(row["category"], 0) + 1
    return counts


def _score(path: Path, output_format: str, output: Path | None) -> None:
    from focuscount.audit import read_sheet, render_score, score_sheet

    emit(render_score(score_sheet(read_sheet(path)), output_format), output)


def _show(sheet: AuditSheet, index: int) -> None:
    from focuscount.escape import for_terminal

    row = sheet.rows[index]
    context = for_terminal(row.get("context", ""))
    if sys.stdout.isatty():  # bold on a terminal; the [[ ]] marks are the words' own escaped text otherwise
        start, end = context.find("[["), context.rfind("]]")
        if 0 <= start < end:
            context = context[:start] + click.style(context[start + 2 : end], bold=True) + context[end + 2 :]
    where = for_terminal(f"{row.get('document', '')}, {row.get('location', '')}")
    click.echo("")
    click.echo(
        f"[{index + 1}/{len(sheet.rows)}] {for_terminal(row.get('category', ''))} · "
        f"term {for_terminal(row.get('term', ''))!r} · {where}"
    )
    click.echo(f"    {context}")
    note = row.get("note", "").strip()
    if note:
        click.echo(f"    note: {for_terminal(note)}")


def _answer() -> str | None:
    """One line from standard input, or None at its end."""
    click.echo(PROMPT, nl=False)
    stream = sys.stdin
    line = stream.readline() if stream is not None else ""
    if not line:
        click.echo("")
        return None
    return line.strip()


def _judge(sheet: AuditSheet, path: Path) -> None:
    """Ask y/n/s/u/q for each unjudged row, writing ``path`` (atomically) after every answer."""
    from focuscount.audit import write_sheet
    from focuscount.escape import display_path

    where = display_path(path)
    index = sheet.next_unjudged()
    if index is None:
        click.echo(f"focuscount: all {len(sheet.rows)} rows of {where} are judged; score them with --score", err=True)
        return
    history: list[tuple[int, str, str]] = []  # (row, its correct cell and note before the answer)
    answers = 0
    while index is not None:
        _show(sheet, index)
        reply = _answer()
        if reply is None:
            if answers == 0 and not (sys.stdin is not None and sys.stdin.isatty()):
                raise ConfigError(
                    path,
                    "no answers: standard input is not a terminal and is empty; run "
                    f"`focuscount audit --resume {where}` in a terminal, or pipe answers (y, n, s, u, q, one a line)",
                )
            break
        word, _, note = reply.partition(" ")
        word = word.lower()
        if word in ("y", "yes", "n", "no"):
            row = sheet.rows[index]
            history.append((index, row.get("correct", ""), row.get("note", "")))
            sheet = sheet.with_judgement(index, word.startswith("y"), note.strip() or None)
            write_sheet(sheet, path)
            answers += 1
            index = sheet.next_unjudged(index + 1)
        elif word in ("s", "skip"):
            index = sheet.next_unjudged(index + 1)
        elif word in ("u", "undo"):
            if not history:
                click.echo("  nothing to undo in this session")
                continue
            index, correct, old_note = history.pop()
            rows = list(sheet.rows)
            rows[index] = {**rows[index], "correct": correct, "note": old_note}
            sheet = AuditSheet(sheet.columns, tuple(rows), sheet.path, sheet.delimiter)
            write_sheet(sheet, path)
            answers += 1
        elif word in ("q", "quit"):
            break
        else:
            click.echo(HELP_LINE)
    left = len(sheet.rows) - sheet.judged
    what = "every row is judged" if left == 0 else f"{left} left; go on with `focuscount audit --resume {where}`"
    click.echo(
        f"focuscount: {where}: {sheet.judged} of {len(sheet.rows)} judged, {what}; "
        f"score it with `focuscount audit --score {where}`",
        err=True,
    )
