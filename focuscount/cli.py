"""The ``focuscount`` command line: parse options, call the library, render, map errors to exit codes.

Heavy modules (spaCy, the readers' libraries) are imported only inside commands,
so ``focuscount --help`` and ``--version`` answer at once.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from focuscount import __version__
from focuscount.errors import FocusCountError

EXIT_OK, EXIT_ERROR = 0, 2
FORMATS = ("table", "json", "csv", "markdown")
EXPLAIN_FORMATS = TERMS_FORMATS = ("table", "json", "csv")
GROUPINGS = ("meeting", "month", "quarter", "year")


class FocusCountFailure(click.ClickException):
    """A library error shown as ``Error: …`` with exit status 2 (usage, lexicon, config, no documents)."""

    exit_code = EXIT_ERROR


def fail_on_library_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every :class:`FocusCountError` into exit status 2 with its one-line message: the one mapping."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except FocusCountError as error:
            raise FocusCountFailure(str(error)) from error

    return wrapper


def warn(message: str) -> None:
    """One warning line on stderr."""
    click.echo(f"focuscount: warning: {message}", err=True)


def corpus_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads documents."""
    decorators = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option(
            "--lexicon",
            "-l",
            default="library",
            show_default=True,
            metavar="NAME|PATH",
            help="A shipped lexicon name (see `focuscount lexicons`) or a path to a lexicon TOML file.",
        ),
        click.option(
            "--dates",
            type=click.Path(path_type=Path, dir_okay=False),
            metavar="FILE.csv",
            help="A CSV of path,date rows that dates documents (strongest date source).",
        ),
        click.option(
            "--date-order",
            type=click.Choice(["dmy", "mdy"]),
            help="How to read numeric dates like 03/04/2024 in the text (otherwise they are not guessed).",
        ),
        click.option(
            "--model",
            metavar="NAME",
            help="An installed spaCy model to use instead of the built-in blank pipeline, e.g. en_core_web_sm.",
        ),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="focuscount")
def cli() -> None:
    """Count customer-oriented against institution-oriented language in minutes and talks.

    Reads .txt, .md, .pdf, .docx and .pptx files (folders are searched recursively),
    counts each lexicon category and reports the customer-centeredness ratio
    focus / (focus + versus) per document, per meeting and over time.
    """


def warn_unreadable(skipped: Any) -> None:
    """Warn about a file that could not be read (files of other types in folders pass quietly)."""
    from focuscount.discovery import UNREADABLE

    if skipped.kind == UNREADABLE:
        warn(f"{skipped.path}: {skipped.reason}")


def progress_for(paths: tuple[Path, ...]) -> Any:
    """A progress bar over the files under ``paths``, drawn on a terminal only for long runs."""
    from focuscount.discovery import discover
    from focuscount.progress import Progress

    stream = sys.stderr
    total = sum(1 for _ in discover(paths)) if stream.isatty() else 0

    def bar(**options: Any) -> Any:
        made = click.progressbar(show_pos=True, width=30, **options)
        made.render_progress()
        return made

    return Progress(total, stream, bar)


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output is None:
        click.echo(text, nl=False)
        return
    from focuscount.output import write_atomic

    write_atomic(output, text)
    click.echo(f"focuscount: wrote {output}", err=True)


def output_options(formats: tuple[str, ...]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format`` (one of ``formats``) and ``--output``."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        command = click.option(
            "--output", "-o", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
            help="Write the output to FILE (atomically) instead of standard output.",
        )(command)  # fmt: skip
        return click.option(
            "--format", "-f", "output_format", type=click.Choice(formats), default=formats[0], show_default=True,
            help="Output format.",
        )(command)  # fmt: skip

    return decorate


@cli.command()
@corpus_options
@click.option(
    "--by",
    type=click.Choice(GROUPINGS),
    default="meeting",
    show_default=True,
    help="Group dated documents into periods: one per meeting date, month, quarter or year.",
)
@click.option("--by-speaker", is_flag=True, help="Also report words, counts and ratio per speaker.")
@click.option("--by-section", is_flag=True, help="Also report per section (agenda item or heading) of each document.")
@click.option("--by-slide", is_flag=True, help="Also report per slide of each deck (speaker notes apart).")
@output_options(FORMATS)
@fail_on_library_errors
def analyze(
    paths: tuple[Path, ...],
    lexicon: str,
    dates: Path | None,
    date_order: str | None,
    model: str | None,
    by: str,
    by_speaker: bool,
    by_section: bool,
    by_slide: bool,
    output_format: str,
    output: Path | None,
) -> None:
    """Report the ratio per document, per period and its trend over time.

    PATHS are files or folders. Unreadable files are warned about on stderr, listed
    in the output, and do not stop the run. Exit status: 0 done; 2 usage, lexicon or
    config error, or no readable document at all.
    """
    from focuscount.analysis import analyze as run_analysis
    from focuscount.render import renderer

    breakdowns = [
        kind for kind, wanted in (("speaker", by_speaker), ("section", by_section), ("slide", by_slide)) if wanted
    ]
    progress = progress_for(paths)

    def on_skip(skipped: Any) -> None:
        progress.advance()
        warn_unreadable(skipped)

    def on_document(counts: Any) -> None:
        progress.advance()
        if counts.document.date_note:
            warn(f"{counts.document.path}: {counts.document.date_note}")

    try:
        result = run_analysis(
            paths,
            lexicon,
            by=by,
            dates=dates,
            date_order=date_order,
            model=model,
            breakdowns=breakdowns,
            on_skip=on_skip,
            on_document=on_document,
        )
    finally:
        progress.close()
    emit(renderer(output_format)(result), output)


@cli.command()
@corpus_options
@click.option(
    "--category", "-c", "categories", multiple=True, metavar="NAME",
    help="Only hits of this category (repeatable); 'ignore' shows what the ignore list removed.",
)  # fmt: skip
@click.option(
    "--term", "-t", "terms", multiple=True, metavar="TERM",
    help="Only hits of this lexicon term, as written in the lexicon (repeatable).",
)  # fmt: skip
@click.option(
    "--context", "-C", "context_words", type=click.IntRange(min=0), default=8, show_default=True, metavar="N",
    help="Words of context either side of each hit.",
)  # fmt: skip
@click.option("--ignored", is_flag=True, help="Also show the matches of ignore terms (counted nowhere).")
@output_options(EXPLAIN_FORMATS)
@fail_on_library_errors
def explain(
    paths: tuple[Path, ...],
    lexicon: str,
    dates: Path | None,
    date_order: str | None,
    model: str | None,
    categories: tuple[str, ...],
    terms: tuple[str, ...],
    context_words: int,
    ignored: bool,
    output_format: str,
    output: Path | None,
) -> None:
    """Show every hit in context: file, location, category, term and the words around it.

    Matched words are bold on a terminal and marked [[like this]] otherwise.
    """
    from focuscount.dating import DatesManifest
    from focuscount.evidence import iter_evidence
    from focuscount.lexicon import load_lexicon
    from focuscount.render import evidence as render

    loaded = load_lexicon(lexicon)
    items = list(
        iter_evidence(
            paths,
            loaded,
            categories=categories,
            terms=terms,
            include_ignored=ignored,
            context_words=context_words,
            dates=DatesManifest.load(dates) if dates else None,
            date_order=date_order,
            model=model,
            on_skip=warn_unreadable,
        )
    )
    if output_format == "json":
        text = render.render_explain_json(items, loaded, context_words)
    elif output_format == "csv":
        text = render.render_explain_csv(items)
    else:
        on_terminal = output is None and sys.stdout.isatty()
        highlight = (lambda words: click.style(words, bold=True)) if on_terminal else render.brackets
        text = render.render_explain_table(items, highlight)
    emit(text, output)


@cli.command()
@corpus_options
@click.option(
    "--top", "-n", type=click.IntRange(min=1), default=15, show_default=True, metavar="N",
    help="How many terms to list per category.",
)  # fmt: skip
@click.option(
    "--unmatched", is_flag=True,
    help="Also list the most frequent content words that matched no term (stop words left out).",
)  # fmt: skip
@output_options(TERMS_FORMATS)
@fail_on_library_errors
def terms(
    paths: tuple[Path, ...],
    lexicon: str,
    dates: Path | None,
    date_order: str | None,
    model: str | None,
    top: int,
    unmatched: bool,
    output_format: str,
    output: Path | None,
) -> None:
    """List the most frequent matched terms per category, with counts and share of the category."""
    from focuscount.dating import DatesManifest
    from focuscount.render import evidence as render
    from focuscount.terms import term_report

    report = term_report(
        paths,
        lexicon,
        top=top,
        unmatched=unmatched,
        dates=DatesManifest.load(dates) if dates else None,
        date_order=date_order,
        model=model,
        on_skip=warn_unreadable,
    )
    renderers = {"table": render.render_terms_table, "json": render.render_terms_json, "csv": render.render_terms_csv}
    emit(renderers[output_format](report), output)


@cli.command("lexicons")
@fail_on_library_errors
def list_lexicons() -> None:
    """List the shipped lexicons with their descriptions and files (copy one to make your own)."""
    from focuscount.lexicon import load_lexicon, shipped_lexicons

    for name, path in shipped_lexicons().items():
        lexicon = load_lexicon(path)
        terms = ", ".join(f"{c.name} {len(c.terms)}" for c in lexicon.categories)
        click.echo(f"{name}: {lexicon.description} ({terms}; ignore {len(lexicon.ignore)} terms)")
        click.echo(f"  {path}")


def main() -> NoReturn:
    """Entry point of the ``focuscount`` command."""
    sys.exit(cli.main(prog_name="focuscount", standalone_mode=True))
