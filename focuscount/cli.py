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


@cli.command()
@corpus_options
@click.option(
    "--by",
    type=click.Choice(GROUPINGS),
    default="meeting",
    show_default=True,
    help="Group dated documents into periods: one per meeting date, month, quarter or year.",
)
@click.option(
    "--format", "-f", "output_format", type=click.Choice(FORMATS), default="table", show_default=True,
    help="Output format.",
)  # fmt: skip
@click.option(
    "--output", "-o", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
    help="Write the output to FILE (atomically) instead of standard output.",
)  # fmt: skip
@fail_on_library_errors
def analyze(
    paths: tuple[Path, ...],
    lexicon: str,
    dates: Path | None,
    date_order: str | None,
    model: str | None,
    by: str,
    output_format: str,
    output: Path | None,
) -> None:
    """Report the ratio per document, per period and its trend over time.

    PATHS are files or folders. Unreadable files are warned about on stderr, listed
    in the output, and do not stop the run. Exit status: 0 done; 2 usage, lexicon or
    config error, or no readable document at all.
    """
    from focuscount.analysis import analyze as run_analysis
    from focuscount.discovery import UNREADABLE
    from focuscount.output import write_atomic
    from focuscount.render import renderer

    def on_skip(skipped: Any) -> None:
        if skipped.kind == UNREADABLE:
            warn(f"{skipped.path}: {skipped.reason}")

    def on_document(counts: Any) -> None:
        if counts.document.date_note:
            warn(f"{counts.document.path}: {counts.document.date_note}")

    result = run_analysis(
        paths,
        lexicon,
        by=by,
        dates=dates,
        date_order=date_order,
        model=model,
        on_skip=on_skip,
        on_document=on_document,
    )
    text = renderer(output_format)(result)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"focuscount: wrote {output}", err=True)


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
