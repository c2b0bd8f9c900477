"""The ``focuscount lexicon`` commands: list, show, check, test, diff and import lexicons.

The work is in :mod:`focuscount.lexicon`, :mod:`focuscount.lexicon_tools` and
:mod:`focuscount.lexicon_import`; this module parses options, renders and maps
outcomes to exit codes.  ``lexicon check`` follows the linters' contract: 0 the
lexicon is fine, 1 it has problems (each listed with its line), 2 it could not be
checked (no such file or name, not a regular file, not UTF-8).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from focuscount.cli import (
    CONFIG_OPTION,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    KEEP_FURNITURE_OPTION,
    MODEL_OPTION,
    NOTES_OPTION,
    OUTPUT_PATH,
    FocusCountFailure,
    _dash_is_standard_output,
    emit,
    execution_for,
    help_examples,
    output_options,
    warn,
    warn_no_lemmas,
    warn_unreadable,
)

if TYPE_CHECKING:
    from focuscount.config import RunOptions

SHOW_FORMATS = ("table", "json")
POLE_HELP = "For a dictionary in another format (.dic, .dicx, .yml): the category that is the ratio's {}."


def _pole_options(command: Any) -> Any:
    """``--focus`` and ``--versus``: the poles of an imported dictionary (a focuscount TOML names its own)."""
    command = click.option("--versus", metavar="CATEGORY", help=POLE_HELP.format("versus"))(command)
    return click.option("--focus", metavar="CATEGORY", help=POLE_HELP.format("focus"))(command)


@click.group(
    epilog=help_examples(
        ("focuscount lexicon check my-lexicon.toml", "every problem of a lexicon, with its line"),
        (
            'focuscount lexicon test library "Patrons asked the library for longer hours"',
            "what each word matched, or why not",
        ),
        ("focuscount lexicon diff library my-lexicon.toml minutes/", "what a change of lexicon does to the counts"),
    ),
)
def lexicon() -> None:
    """List, show, check, test, compare and import lexicons.

    \b
    focuscount lexicon list                        shipped and configured lexicons
    focuscount lexicon show NAME|PATH              categories, poles, terms
    focuscount lexicon check FILE                  every problem, with its line
    focuscount lexicon test NAME|PATH "sentence"   what each word matched, or why not
    focuscount lexicon diff A B [PATHS]            terms changed; counts and ratio on PATHS
    focuscount lexicon import FILE.dic -o NEW.toml --focus X --versus Y
    """


@lexicon.command(
    "list",
    epilog=help_examples(
        ("focuscount lexicon list", "the shipped lexicons and the one the settings choose"),
        ("focuscount lexicon list -f json", "the same, as JSON"),
    ),
)
@CONFIG_OPTION
@output_options(SHOW_FORMATS)
def list_command(config: Path | None, output_format: str, output: Path | None) -> None:
    """List the shipped lexicons (the default first) and the one your settings choose.

    The configured lexicon is the 'lexicon' setting of the nearest focuscount.toml or
    [tool.focuscount] in pyproject.toml, or FOCUSCOUNT_LEXICON, when it is not the default.
    """
    from focuscount.lexicon_tools import list_record, listed_lexicons, render_list_table

    listed = listed_lexicons(_configured_lexicon(config))
    for item in listed:
        if item.problem is not None:
            warn(f"the configured lexicon does not load: {item.problem}; run `focuscount lexicon check {item.path}`")
    emit(list_record(listed) if output_format == "json" else render_list_table(listed), output)


def _configured_lexicon(config: Path | None) -> str | Path | None:
    """The lexicon the settings choose, a path resolved against the settings file; None for the default."""
    from focuscount.config import Settings, load_settings

    settings = load_settings(config=config)
    value = settings.lexicon
    if value == Settings().lexicon:
        return None
    if value.endswith((".toml", ".dic", ".dicx", ".yml", ".yaml")) or "/" in value or "\\" in value:
        return settings.resolve(value)
    return value


@lexicon.command(
    epilog=help_examples(
        ("focuscount lexicon show library", "the default lexicon's categories and terms"),
        ("focuscount lexicon show my-lexicon.toml -f json", "a lexicon of your own, as JSON"),
    ),
)
@click.argument("name_or_path", metavar="NAME|PATH")
@_pole_options
@output_options(SHOW_FORMATS)
def show(name_or_path: str, focus: str | None, versus: str | None, output_format: str, output: Path | None) -> None:
    """Show a lexicon: file, sha256, names rule, ratio, then each category with its terms and role.

    Roles: focus and versus make the ratio focus / (focus + versus); every other category is
    report only - counted and reported, not in the ratio. Then the ignore terms and [ignore] names.
    """
    from focuscount.escape import dumps_json
    from focuscount.lexicon import load_lexicon
    from focuscount.lexicon_tools import describe_lexicon, render_show_table

    loaded = load_lexicon(name_or_path, focus, versus)
    emit(dumps_json(describe_lexicon(loaded)) + "\n" if output_format == "json" else render_show_table(loaded), output)


@lexicon.command(
    epilog=help_examples(
        (
            "focuscount lexicon check my-lexicon.toml",
            "every problem at once, each with its line (exit 1 when there is one)",
        ),
        (
            "focuscount lexicon check values.dic --focus customer --versus institution",
            "an imported dictionary, with each note",
        ),
    ),
)
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@_pole_options
def check(files: tuple[str, ...], focus: str | None, versus: str | None) -> None:
    """Check lexicon files and list every problem at once, as FILE:LINE: message.

    A TOML syntax error stops the check of its file at that line. For a dictionary in
    another format (.dic, .dicx, .yml) the import notes are the problems; give --focus
    and --versus to check the lexicon it makes too. Shipped names (library) work as well.

    Exit status: 0 every file is fine; 1 a file has problems; 2 a file could not be
    checked (no such file or name, not a regular file, not UTF-8).
    """
    from focuscount.errors import LexiconError
    from focuscount.escape import display_path, for_terminal
    from focuscount.lexicon import check_lexicon, load_lexicon, resolve_lexicon
    from focuscount.lexicon_tools import category_summary, term_total
    from focuscount.render.rows import plural

    status = EXIT_OK
    for name in files:
        try:
            path = resolve_lexicon(name)
            problems = check_lexicon(path, focus, versus)
        except LexiconError as error:
            click.echo(f"Error: {for_terminal(str(error))}", err=True)
            status = EXIT_ERROR
            continue
        shown = display_path(path)
        for problem in problems:
            where = shown if problem.line is None else f"{shown}:{problem.line}"
            click.echo(f"{where}: {for_terminal(problem.message)}")
        if problems:
            click.echo(f"{shown}: {plural(len(problems), 'problem')}")
            status = max(status, EXIT_FINDINGS)
            continue
        if focus is None and versus is None and path.suffix.lower() in (".dic", ".dicx", ".yml", ".yaml"):
            click.echo(f"{shown}: ok (no import notes; give --focus and --versus to check the lexicon it makes)")
            continue
        loaded = load_lexicon(path, focus, versus)
        summary = f"categories {category_summary(loaded)}; {plural(term_total(loaded), 'term')}"
        click.echo(f"{shown}: ok ({for_terminal(summary)})")
        if not _has_lemmas(loaded.language):
            click.echo(
                f"{shown}: warning: spaCy has no lookup lemmas for language '{for_terminal(loaded.language)}': "
                "terms match words only as written (case ignored); list each form or use a wildcard (word*)"
            )
    sys.exit(status)


def _has_lemmas(language: str) -> bool:
    from focuscount.nlp import get_pipeline

    return get_pipeline(language).has_word_list


@lexicon.command(
    epilog=help_examples(
        (
            'focuscount lexicon test library "Two patrons asked about the budget."',
            "each word, its lemma, and the term or rule that took it",
        ),
        ('focuscount lexicon test my-lexicon.toml "Brooklyn Public Library staff"', "why a name counts nowhere"),
    ),
)
@click.argument("name_or_path", metavar="NAME|PATH")
@click.argument("sentences", nargs=-1, required=True, metavar="SENTENCE...")
@MODEL_OPTION
@_pole_options
@output_options(SHOW_FORMATS)
def test(
    name_or_path: str,
    sentences: tuple[str, ...],
    model: str | None,
    focus: str | None,
    versus: str | None,
    output_format: str,
    output: Path | None,
) -> None:
    """Show what each token of SENTENCE matched, or which rule removed it.

    Each sentence is read and counted as a document is: every token with its lemma (as
    the matcher sees it: the lookup lemma of the lower-cased word) and the term that
    matched it with its category, or the rule that counts it nowhere: an ignore term, a
    name (the names rule, or the lexicon's [ignore] names), a label line ("Present: …"),
    page furniture, a speaker label ("Chair:"); "no term" when no term matched.
    """
    from focuscount.lexicon import load_lexicon
    from focuscount.lexicon_tools import render_trace_table, trace_record, trace_sentences

    loaded = load_lexicon(name_or_path, focus, versus)
    traces = trace_sentences(loaded, sentences, model=model)
    if model is None and not _has_lemmas(loaded.language):
        warn_no_lemmas(loaded)
    emit(trace_record(loaded, traces, model) if output_format == "json" else render_trace_table(loaded, traces), output)


@lexicon.command(
    epilog=help_examples(
        ("focuscount lexicon diff library my-lexicon.toml", "the terms added and removed"),
        ("focuscount lexicon diff library my-lexicon.toml minutes/", "and each document's counts and ratio under both"),
    ),
)
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_pole_options
@MODEL_OPTION
@CONFIG_OPTION
@NOTES_OPTION
@KEEP_FURNITURE_OPTION
@output_options(SHOW_FORMATS)
def diff(
    first: str,
    second: str,
    paths: tuple[Path, ...],
    focus: str | None,
    versus: str | None,
    model: str | None,
    config: Path | None,
    notes: str | None,
    keep_furniture: bool | None,
    output_format: str,
    output: Path | None,
) -> None:
    """Compare lexicon A with lexicon B: terms added and removed per category, poles changed.

    Given PATHS, both lexicons count them: per document and overall, each category's
    count under A and B, the ratio A -> B and its change. Without PATHS only the
    lexicons are compared (the 'paths' setting is not used).
    """
    from focuscount.lexicon import load_lexicon
    from focuscount.lexicon_tools import compare_counts, diff_lexicons, diff_record, render_diff_table

    before = load_lexicon(first, focus, versus)
    after = load_lexicon(second, focus, versus)
    changes = diff_lexicons(before, after)
    comparison = None
    if paths:
        from focuscount.config import load_settings, run_options

        run = run_options(load_settings(config=config), paths, model=model, notes=notes, keep_furniture=keep_furniture)
        comparison = compare_counts(_analysis(run, before, warn_unreadable), _analysis(run, after, None))
    rendered = diff_record(changes, comparison) if output_format == "json" else render_diff_table(changes, comparison)
    emit(rendered, output)


def _analysis(run: RunOptions, lexicon: Any, on_skip: Any) -> Any:
    """``run``'s documents counted with ``lexicon``; ``on_skip`` warns of each file that cannot be read."""
    from dataclasses import replace

    from focuscount.analysis import analyze

    reading = replace(run.read_options(), metadata_dates=False)  # dates play no part in a comparison of counts
    result = analyze(run.paths, lexicon, options=reading, execution=execution_for(run), on_skip=on_skip, evidence=False)
    if not result.lemmas:
        warn_no_lemmas(lexicon)
    return result


@lexicon.command(
    "import",
    epilog=help_examples(
        (
            "focuscount lexicon import values.dic --focus customer --versus institution -o values.toml",
            "a LIWC dictionary as a focuscount lexicon",
        ),
        (
            "focuscount analyze minutes/ -l values.dic --focus customer --versus institution",
            "count with the dictionary as it is, without converting it",
        ),
    ),
)
@click.argument("source", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--output", "-o", type=OUTPUT_PATH, callback=_dash_is_standard_output, metavar="NEW.toml",
    help="Write the lexicon to NEW.toml (atomically; an existing file only with --force), or - for standard "
    "output [default: -].",
)  # fmt: skip
@click.option(
    "--focus", metavar="CATEGORY",
    help="The category that is the ratio's focus [default: `focus` of the settings, or FOCUSCOUNT_FOCUS].",
)  # fmt: skip
@click.option(
    "--versus", metavar="CATEGORY",
    help="The category that is the ratio's versus [default: `versus` of the settings, or FOCUSCOUNT_VERSUS].",
)  # fmt: skip
@click.option("--name", metavar="NAME", help="The lexicon's name [default: the file's name].")
@click.option("--force", is_flag=True, help="Replace NEW.toml when it exists.")
@CONFIG_OPTION
def import_command(
    source: Path,
    output: Path | None,
    focus: str | None,
    versus: str | None,
    name: str | None,
    force: bool,
    config: Path | None,
) -> None:
    """Turn a LIWC .dic, LIWC-22 .dicx or YAML dictionary into a focuscount lexicon (TOML).

    Those formats name no ratio: --focus and --versus name its two poles; every other
    category is report only. Each oddity of the file is printed as FILE:LINE: message on
    stderr (and kept as a comment in the TOML); nothing is dropped silently.
    """
    from focuscount.escape import display_path, for_terminal
    from focuscount.lexicon import IMPORTED_SUFFIXES, load_lexicon
    from focuscount.lexicon_import import read_dictionary, to_toml
    from focuscount.lexicon_tools import term_total
    from focuscount.output import write_atomic
    from focuscount.render.rows import plural

    if source.suffix.lower() not in IMPORTED_SUFFIXES:
        raise FocusCountFailure(
            f"{display_path(source)}: not a dictionary to import: give a LIWC .dic, a LIWC-22 .dicx "
            "or a YAML (.yml, .yaml) file"
        )
    if focus is None or versus is None:
        from focuscount.config import load_settings

        settings = load_settings(config=config)
        focus, versus = focus or settings.focus, versus or settings.versus
    if focus is None or versus is None:
        raise click.UsageError(
            "name the two poles of the ratio with --focus and --versus (or focus and versus in focuscount.toml)"
        )
    if output is not None and not force:
        _refuse_overwrite(output)
    text = to_toml(read_dictionary(source), focus, versus, name)
    imported = load_lexicon(source, focus, versus)  # the same lexicon, with every note of the import
    shown = display_path(source)
    for note in imported.warnings:
        line, message = _note_parts(note)
        click.echo(f"{shown}{f':{line}' if line else ''}: {for_terminal(message)}", err=True)
    if output is None:
        emit(text, None)
    else:
        if not force:
            _refuse_overwrite(output)  # again: the file may have appeared while the dictionary was read
        write_atomic(output, text, "lexicon")
    others = ", ".join(imported.report_only) or "none"
    summary = (
        f"{len(imported.categories)} categories (focus {imported.focus}, versus {imported.versus}, "
        f"report-only {others}), {plural(term_total(imported), 'term')}; {plural(len(imported.warnings), 'note')}"
    )
    done = f"wrote {display_path(output)}: " if output is not None else ""
    click.echo(f"focuscount: {done}{for_terminal(summary)}", err=True)


def _refuse_overwrite(output: Path) -> None:
    """Refuse to replace a file (or a link's target) without --force; a device or pipe is written, not replaced."""
    from focuscount.escape import display_path

    if not os.path.lexists(output):
        return
    try:
        mode = os.stat(output).st_mode
    except OSError:  # a dangling link: writing would create its target
        mode = None
    if mode is None or stat.S_ISREG(mode):
        raise FocusCountFailure(f"{display_path(output)} exists: give --force to replace it, or another -o to keep it")


def _note_parts(note: str) -> tuple[int | None, str]:
    """``line 12: message`` → ``(12, "message")``; a note without a line → ``(None, note)``."""
    head, _, rest = note.partition(": ")
    if head.startswith("line ") and head[5:].isdigit() and rest:
        return int(head[5:]), rest
    return None, note
