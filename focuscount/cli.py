"""The ``focuscount`` command line: parse options, call the library, render, map errors to exit codes.

Heavy modules (spaCy, the readers' libraries, matplotlib) are imported only inside
commands, so ``focuscount --help`` and ``--version`` answer at once.  Every
library error becomes exit status 2 in one place, :class:`FocusCountGroup`.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from focuscount._version import __version__
from focuscount.dating import DATE_ORDERS
from focuscount.errors import FocusCountError
from focuscount.ocr import OCR_MODES
from focuscount.options import EXECUTOR_KINDS
from focuscount.readers import PDF_ENGINE_NAMES
from focuscount.reading import NOTES_CHOICES
from focuscount.render.formats import (
    ALL_CHARTS,
    CHART_FILE_FORMATS,
    CHART_KINDS,
    CHECK_FORMATS,
    EXPLAIN_FORMATS,
    FORMATS,
    TERMS_FORMATS,
)
from focuscount.timeline import GROUPINGS
from focuscount.uncertainty import CONFIDENCES

if TYPE_CHECKING:  # imported for the annotations only: the commands import what they use when they run
    from focuscount.analysis import Analysis
    from focuscount.breakdown import BreakdownKind
    from focuscount.config import RunOptions
    from focuscount.dating import DateOrder
    from focuscount.discovery import Skipped
    from focuscount.lexicon import Lexicon
    from focuscount.model import DocumentCounts
    from focuscount.ocr import OcrMode
    from focuscount.options import Execution, ExecutorKind
    from focuscount.readers import PdfEngine
    from focuscount.render.formats import AnalyzeFormat, CheckFormat, HitsFormat
    from focuscount.terminal import TerminalLook
    from focuscount.timeline import Grouping
    from focuscount.uncertainty import Confidence

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
MISSING_PATHS = "focuscount.missing_paths"  # click's Context.meta: paths given that do not exist (exit status 2)
MAX_IMPORT_WARNINGS = 10  # an imported LIWC dictionary can have thousands of notes: the rest are a command away


def help_examples(*examples: tuple[str, str]) -> str:
    """The end of a command's ``--help``: each example command with what it does, unwrapped."""
    lines = ["\b", "Examples:"]
    for command, what in examples:
        lines += [f"  # {what}", f"  {command}"]
    return "\n".join(lines)


class SettingNumber(click.ParamType):
    """A number checked by the library's validator of one setting (``click.FloatRange`` lets NaN through)."""

    name = "number"

    def __init__(self, setting: str) -> None:
        self.setting = setting  # a key of focuscount.config.NUMBER_SETTINGS

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        from focuscount.config import NUMBER_SETTINGS

        setting = NUMBER_SETTINGS[self.setting]
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"must be a number, not {str(value)!r}", param, ctx)
        if not setting.accepts(number):
            self.fail(f"must be {setting.wanted}, not {str(value)!r}", param, ctx)
        return number


class FocusCountFailure(click.ClickException):
    """A library error shown as ``Error: …`` with exit status 2 (usage, lexicon, config, no documents)."""

    exit_code = EXIT_ERROR


# The library names the parameters of its functions in its messages (`context_words`); the CLI names its flags.
PARAMETER_FLAGS = {
    "allow_lexicon_change": "--allow-lexicon-change",
    "baseline": "--baseline",
    "baseline_ref": "--baseline-ref",
    "changed_since": "--changed-since",
    "breakdowns": "--by-speaker/--by-section/--by-slide",
    "by": "--by",
    "categories": "--category",
    "confidence": "--confidence",
    "context_words": "--context",
    "date_order": "--date-order",
    "dates": "--dates",
    "executor": "--executor",
    "follow_links": "--follow-links",
    "include_thin": "--include-thin",
    "jobs": "--jobs",
    "kind": "--kind",
    "language": "--language",
    "lexicon": "--lexicon",
    "notes": "--notes",
    "ocr": "--ocr",
    "pdf_engine": "--pdf-engine",
    "scheduler": "--scheduler",
    "terms": "--term",
    "timeout_per_file": "--timeout-per-file",
    "top": "--top",
    "size": "--size",
    "font_scale": "--font-scale",
    "series": "--series",
}
DEBUG_VARIABLE = "FOCUSCOUNT_DEBUG"


def in_cli_terms(message: str, parameters: Iterable[str] = PARAMETER_FLAGS) -> str:
    """``message`` with each library parameter it names in backquotes (`by`) shown as the CLI's flag (--by)."""
    for name in parameters:
        flag = PARAMETER_FLAGS.get(name)
        if flag is not None:
            message = message.replace(f"`{name}`", flag)
    return message


def debugging() -> bool:
    """True with ``--debug`` or ``FOCUSCOUNT_DEBUG=1``: the cause of an error is shown with its traceback."""
    import os

    context = click.get_current_context(silent=True)
    root = context.find_root() if context is not None else None
    if root is not None and root.params.get("debug"):
        return True
    return os.environ.get(DEBUG_VARIABLE, "").strip().lower() in {"1", "true", "yes", "on"}


def show_traceback(error: BaseException | None) -> None:
    """With debugging on, ``error``'s traceback on stderr (the cause of a skipped file or of an error)."""
    if error is None or not debugging():
        return
    import traceback

    from focuscount.escape import for_terminal

    lines = "".join(traceback.format_exception(error)).splitlines()
    # Tracebacks quote file names and document text: escaped like every other line focuscount prints.
    click.echo("\n".join(for_terminal(line) for line in lines), err=True)


class FocusCountGroup(click.Group):
    """The command group; turns every :class:`FocusCountError` into exit status 2 with its one-line message."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
        except FocusCountError as error:
            from focuscount.escape import for_terminal

            show_traceback(error.__cause__ or getattr(error, "cause", None) or error)
            message = in_cli_terms(str(error), getattr(error, "parameters", ()))
            # Messages name files, and file names can hold newlines and escape sequences.
            raise FocusCountFailure(for_terminal(message)) from error
        if ctx.meta.get(MISSING_PATHS):  # each was said as it was met; the rest was read and reported
            ctx.exit(EXIT_ERROR)
        return result


def warn(message: str) -> None:
    """One warning line on stderr, whatever paths or document text ``message`` holds.

    The message is escaped for a terminal (control characters, undecodable bytes,
    workflow commands); the escaping is idempotent, so a caller may pass
    ``display_path(...)`` pieces in it.
    """
    from focuscount.escape import for_terminal
    from focuscount.terminal import YELLOW

    if not quiet():
        say_on_stderr("focuscount: warning:", YELLOW, for_terminal(message))


QUIET = "focuscount.quiet"  # click's Context.meta (shared by the group and its command): --quiet was given
ACTIVE_PROGRESS = "focuscount.progress"  # click's Context.meta: the run's progress bar, which lines go above


def quiet() -> bool:
    """True with ``--quiet`` (given to ``focuscount`` or to the command): no warning lines, errors still shown."""
    context = click.get_current_context(silent=True)
    return context is not None and bool(context.meta.get(QUIET))


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[QUIET] = True


QUIET_OPTION = click.option(
    "--quiet", "-q", is_flag=True, expose_value=False, callback=_set_quiet,
    help="Print no warnings on stderr (errors and the output still appear).",
)  # fmt: skip
WIDE_OPTION = click.option(
    "--wide", is_flag=True,
    help="Print the full table however narrow the terminal (files and pipes always get it).",
)  # fmt: skip


def say_on_stderr(prefix: str, colour: str, message: str) -> None:
    """``prefix message`` on stderr, the prefix in ``colour`` on a terminal that takes colour (not with
    NO_COLOR), printed above the progress bar when one is drawn. ``message`` is escaped already."""
    import os

    from focuscount.terminal import colour_allowed, paint

    shown = paint(prefix, colour) if colour_allowed(sys.stderr, os.environ) else prefix
    context = click.get_current_context(silent=True)
    progress = context.meta.get(ACTIVE_PROGRESS) if context is not None else None
    if progress is None:
        click.echo(f"{shown} {message}", err=True)
    else:
        progress.interrupt(lambda: click.echo(f"{shown} {message}", err=True))


def warn_unreadable(skipped: Skipped) -> None:
    """Warn about a file that could not be read (files of other types in folders pass quietly).

    A path given that does not exist is an error, as in ruff and Vale: one line now, and
    exit status 2 once the command has read and reported the other paths.
    """
    from focuscount.discovery import MISSING, UNREADABLE
    from focuscount.escape import display_path, for_terminal

    if skipped.kind == MISSING:
        from focuscount.terminal import RED

        say_on_stderr("focuscount: error:", RED, for_terminal(f"{display_path(skipped.path)}: {skipped.reason}"))
        context = click.get_current_context(silent=True)
        if context is not None:
            context.meta[MISSING_PATHS] = context.meta.get(MISSING_PATHS, 0) + 1
    elif skipped.kind == UNREADABLE:
        warn(f"{display_path(skipped.path)}: skipped: {skipped.reason}")
        show_traceback(skipped.cause)


def lexicon_for(run: RunOptions) -> Lexicon:
    """The run's lexicon, with one warning line for each thing an imported dictionary could not take as written."""
    from focuscount.escape import display_path

    lexicon = run.load_lexicon()
    if lexicon.warnings:
        where = display_path(lexicon.path) if lexicon.path else lexicon.name
        for note in lexicon.warnings[:MAX_IMPORT_WARNINGS]:
            warn(f"{where}: {note}")
        more = len(lexicon.warnings) - MAX_IMPORT_WARNINGS
        if more > 0:
            from focuscount.render.rows import plural

            poles = f" --focus {lexicon.focus} --versus {lexicon.versus}"
            warn(
                f"{where}: {plural(more, 'more import note')}: `focuscount lexicon check {where}{poles}` lists them "
                "all, and `focuscount lexicon import` writes them into the converted TOML"
            )
    return lexicon


def warn_ocr_languages(run: RunOptions, lexicon: Lexicon) -> None:
    """Say once for the run, when a document had pages read by OCR, if Tesseract has no data for the lexicon's
    language (scans are then read as English). An English lexicon needs no note."""
    from focuscount.language import AUTO, lexicon_family
    from focuscount.ocr import language_notes

    options = run.reading
    if options.ocr == "never":
        return
    languages = lexicon_family(lexicon).languages if options.language == AUTO else (lexicon.language,)
    if all(code.lower().startswith("en") for code in languages):
        return
    for note in language_notes(options.ocr_settings(languages)):
        warn(note)


def execution_for(run: RunOptions) -> Execution:
    """Where the run's work is done, with its cache open (warnings about the cache go to stderr) until the
    command ends."""
    execution = run.execution(on_warning=warn)
    cache = execution.cache
    if cache is not None:
        click.get_current_context().call_on_close(cache.close)
    return execution


def warn_no_lemmas(lexicon: Lexicon) -> None:
    """Say once that the lexicon's language has no lookup lemmas here, so a term counts only its own form."""
    where = f"{lexicon.path}: " if lexicon.path else ""
    warn(
        f"{where}spaCy has no lookup lemmas for language '{lexicon.language}': terms match words only as "
        "written (case ignored), so a term does not count its plural or other forms; list each form as a term "
        f"or use a wildcard (word*), or pass --model with an installed spaCy pipeline for '{lexicon.language}'"
    )


def warn_metadata_dates(documents: Iterable[DocumentCounts]) -> None:
    """One warning for the run when any document is dated only by its file metadata."""
    from focuscount.dating import METADATA

    count = sum(1 for counts in documents if counts.document.date_source == METADATA)
    if not count:
        return
    if count == 1:
        what, fix = "1 document is dated only by its", "date it in its file name"
    else:
        what, fix = f"{count:,} documents are dated only by their", "date them in their file names"
    warn(
        f"{what} file metadata (unreliable: template, export or conversion dates); "
        f"{fix} or a --dates CSV, or pass --no-metadata-dates"
    )


# Options that commands outside the corpus options use too (`lexicon test`, `lexicon diff`).
MODEL_OPTION = click.option(
    "--model", metavar="NAME",
    help="An installed spaCy model to use instead of the built-in blank pipeline, e.g. en_core_web_sm.",
)  # fmt: skip
CONFIG_OPTION = click.option(
    "--config", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
    help="Settings file to use instead of the nearest focuscount.toml or pyproject.toml.",
)  # fmt: skip
NOTES_OPTION = click.option(
    "--notes", type=click.Choice(NOTES_CHOICES), default=None,
    help="Read the speaker notes of slides (pptx, odp, a PDF with notes pages) or leave them out "
    "[default: include].",
)  # fmt: skip
SERIES_OPTION = click.option(
    "--series", metavar="folder|prefix|REGEX",
    help="Split the documents into named series, each with its own periods, trend and interval: folder (the "
    "first folder under the one they share), prefix (the file name before its date), or a regular expression "
    "searched in the path (its group 'series' or its first group names the series) [setting series].",
)  # fmt: skip
KEEP_FURNITURE_OPTION = click.option(
    "--keep-furniture/--no-keep-furniture", default=None,
    help="Count page furniture (running headers and footers, slide footers, page numbers) as talk "
    "[default: off: furniture is counted nowhere].",
)  # fmt: skip


def _corpus_paths(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> tuple[Path, ...]:
    """PATHS as given, taken as written so that ``-`` (standard input) and ``./-`` (a file named "-") stay apart."""
    import os

    from focuscount.discovery import STANDARD_INPUT, STDIN

    paths = []
    for value in values:
        path = STDIN if value == STANDARD_INPUT else Path(value)
        # A file really named "<stdin>" is read by its absolute path: the name alone stands for standard input.
        paths.append(Path(os.path.abspath(value)) if path == STDIN and value != STANDARD_INPUT else path)
    return tuple(paths)


def corpus_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads documents; the command receives ``run: RunOptions``.

    Values not given on the command line come from ``FOCUSCOUNT_*`` variables, then
    from the nearest focuscount.toml or ``[tool.focuscount]`` in pyproject.toml.
    """

    @functools.wraps(command)
    def with_run(
        *args: Any,
        paths: tuple[Path, ...],
        lexicon: str | None,
        dates: Path | None,
        date_order: DateOrder | None,
        model: str | None,
        config: Path | None,
        max_file_mb: float | None,
        follow_links: bool | None,
        metadata_dates: bool | None,
        notes: str | None,
        keep_furniture: bool | None,
        min_hits: float | None,
        include_thin: bool | None,
        focus: str | None,
        versus: str | None,
        language: str | None,
        jobs: int | None,
        timeout_per_file: float | None,
        cache: bool | None,
        cache_dir: Path | None,
        pdf_engine: PdfEngine | None,
        ocr: OcrMode | None,
        executor: ExecutorKind | None,
        scheduler: str | None,
        **kwargs: Any,
    ) -> Any:
        from focuscount.config import load_settings, run_options

        settings = load_settings(config=config)
        if kwargs.get("saved_report") is not None:  # chart --from FILE.json: nothing is read, the settings still apply
            from focuscount.config import RunOptions

            return command(*args, run=RunOptions(paths, lexicon or settings.lexicon, settings), **kwargs)
        run = run_options(
            settings,
            paths,
            lexicon,
            dates,
            date_order,
            model,
            max_file_mb,
            follow_links,
            metadata_dates,
            notes,
            keep_furniture,
            min_hits,
            include_thin,
            focus,
            versus,
            language,
            jobs=jobs,
            timeout_per_file=timeout_per_file,
            cache=cache,
            cache_dir=cache_dir,
            pdf_engine=pdf_engine,
            ocr=ocr,
            executor=executor,
            scheduler=scheduler,
        )
        return command(*args, run=run, **kwargs)

    decorators = [
        click.argument("paths", nargs=-1, type=click.Path(allow_dash=True), callback=_corpus_paths),
        click.option(
            "--lexicon", "-l", metavar="NAME|PATH",
            help="A shipped lexicon name (see `focuscount lexicons`), a path to a lexicon TOML file, "
            "or a LIWC .dic/.dicx or YAML dictionary (with --focus and --versus) "
            "[default: library].",
        ),
        click.option(
            "--language", type=click.Choice(["auto"]), default=None,
            help="Count each document with the lexicon of its own language: the lexicon's siblings named "
            "NAME-xx.toml (library-de, library-fr …), chosen by an offline language identifier "
            "(pip install 'focuscount[langid]').",
        ),
        click.option(
            "--focus", metavar="CATEGORY",
            help="With a LIWC .dic/.dicx or YAML dictionary as --lexicon: the category on top of the ratio.",
        ),
        click.option(
            "--versus", metavar="CATEGORY",
            help="With a LIWC .dic/.dicx or YAML dictionary as --lexicon: the category the focus is weighed against.",
        ),
        click.option(
            "--dates", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.csv",
            help="A CSV of path,date rows that dates documents (strongest date source).",
        ),
        click.option(
            "--date-order", type=click.Choice(DATE_ORDERS),
            help="How to read numeric dates like 03/04/2024 in the text (otherwise they are not guessed).",
        ),
        MODEL_OPTION,
        CONFIG_OPTION,
        QUIET_OPTION,
        click.option(
            "--max-file-mb", type=SettingNumber("max_file_mb"), metavar="MB",
            help="Skip a file larger than MB megabytes, or one whose parts or text expand past it [default: 200].",
        ),
        click.option(
            "--follow-links/--no-follow-links", default=None,
            help="Read links that lead outside the folders given (skipped by default).",
        ),
        click.option(
            "--metadata-dates/--no-metadata-dates", default=None,
            help="Date a document that nothing else dates by its file metadata (its modified date; unreliable) "
            "[default: on].",
        ),
        NOTES_OPTION,
        KEEP_FURNITURE_OPTION,
        click.option(
            "--min-hits", type=SettingNumber("min_hits"), metavar="N",
            help="A ratio resting on fewer than N hits is thin evidence: marked, and left out of the trend "
            "[default: 10].",
        ),
        click.option(
            "--include-thin/--no-include-thin", default=None,
            help="Count periods of thin evidence in the trend [default: off].",
        ),
        click.option(
            "--jobs", "-j", type=SettingNumber("jobs"), metavar="N",
            help="Read and count N files at once, in worker processes [default: one per CPU].",
        ),
        click.option(
            "--timeout-per-file", type=SettingNumber("timeout_per_file"), metavar="SECONDS",
            help="With --jobs 2 or more: skip a file that takes a worker longer than this [default: 120].",
        ),
        click.option(
            "--cache/--no-cache", default=None,
            help="Reuse each unchanged file's reading and counts from the cache, and keep new ones there "
            "[default: on].",
        ),
        click.option(
            "--cache-dir", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
            help="The cache's folder [default: the platform's cache folder; see `focuscount cache info`].",
        ),
        click.option(
            "--pdf-engine", type=click.Choice(PDF_ENGINE_NAMES),
            help="The library that reads PDFs' text: pdfium (pypdfium2) or pdfminer (pdfminer.six, 2-3 times slower); "
            "both give the same documents on every test PDF [default: pdfium].",
        ),
        click.option(
            "--ocr", type=click.Choice(OCR_MODES),
            help="Read PDF pages by OCR (Tesseract: apt-get install tesseract-ocr): auto, the pages without a text "
            "layer (scans) when Tesseract is installed; never; always, every page, its text layer ignored "
            "[default: auto].",
        ),
        click.option(
            "--executor", type=click.Choice(EXECUTOR_KINDS),
            help="Where files are read and counted: here (local), or on a Dask cluster (dask, with --scheduler; "
            "pip install 'focuscount[dask]') [default: local].",
        ),
        click.option(
            "--scheduler", metavar="ADDRESS",
            help="With --executor dask: the address of the cluster's scheduler, e.g. tcp://10.0.0.5:8786.",
        ),
    ]  # fmt: skip
    for decorator in reversed(decorators):
        with_run = decorator(with_run)
    return with_run


# Taken as written (a str), so "-" and "./-" (a file named "-") stay apart; the callbacks make the Path.
OUTPUT_PATH = click.Path(dir_okay=False, allow_dash=True)


def _dash_is_standard_output(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Path | None:
    """``-o -`` is the same as no ``-o``; a file named "-" is written with ``-o ./-``."""
    return None if value is None or value == "-" else Path(value)


def _chart_file(_ctx: click.Context, _param: click.Parameter, value: str) -> Path:
    if value == "-":
        raise FocusCountFailure(
            "-o -: a chart cannot go to standard output (its format comes from the file name); "
            "give FILE.png, FILE.svg or FILE.pdf (or a folder, with --kind all)"
        )
    return Path(value)


def output_options(formats: tuple[str, ...]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format`` (one of ``formats``) and ``--output``."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        command = click.option(
            "--output", "-o", type=OUTPUT_PATH, callback=_dash_is_standard_output, metavar="FILE",
            help="Write the output to FILE, or - for standard output [default: -]. A file (or a link's target) is "
            "replaced atomically; a device or pipe such as /dev/null is written directly.",
        )(command)  # fmt: skip
        return click.option(
            "--format", "-f", "output_format", type=click.Choice(formats), default=formats[0], show_default=True,
            help="Output format.",
        )(command)  # fmt: skip

    return decorate


def progress_for(paths: tuple[Path, ...], exclude: tuple[str, ...], follow_links: bool = False) -> Any:
    """A progress bar over the files under ``paths``, drawn on a terminal only for long runs.

    The pre-count walks exactly as the run will (links followed or not), and discovery
    never opens a file, so a named pipe or a link loop cannot hang it.
    """
    from focuscount.discovery import discover
    from focuscount.progress import Progress

    stream = sys.stderr
    total = sum(1 for _ in discover(paths, exclude, follow_links=follow_links)) if stream.isatty() else 0

    def bar(**options: Any) -> Any:
        made = click.progressbar(show_pos=True, width=30, **options)
        made.render_progress()
        return made

    progress = Progress(total, stream, bar)
    context = click.get_current_context(silent=True)
    if context is not None:  # warnings printed during the run go above its bar
        context.meta[ACTIVE_PROGRESS] = progress
    return progress


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` (see :mod:`focuscount.output`: a file atomically, a device directly).

    Never fails on encoding: what standard output's encoding cannot hold is written as
    a backslash escape, and the path in the message shows undecodable bytes as ``\\xNN``.
    """
    from focuscount.escape import display_path
    from focuscount.output import encode_text, write_atomic

    if output is None:
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
        click.echo(encode_text(text, encoding).decode(encoding), nl=False)
        return
    write_atomic(output, text)
    click.echo(f"focuscount: wrote {display_path(output)}", err=True)


def terminal_look(output: Path | None, wide: bool) -> TerminalLook:
    """How a table printed to standard output looks: fitted to a terminal (unless ``wide``) and coloured
    there; in a file (``-o``) or a pipe, the full table without colour."""
    from focuscount.terminal import FULL_TABLE, TerminalLook

    return FULL_TABLE if output is not None else TerminalLook.of(sys.stdout, wide=wide)


def run_analysis(
    run: RunOptions,
    by: Grouping | None = None,
    breakdowns: tuple[BreakdownKind, ...] = (),
    each_document: Callable[[DocumentCounts], None] | None = None,
    context_words: int = 8,
    series: str | None = None,
) -> Analysis:
    """``analyze`` over ``run`` with warnings and a progress bar on stderr.

    ``each_document`` sees every document's counts, hits included, as it is read.
    ``series`` (``--series``) splits the documents into series; without it the setting does.
    """
    from focuscount.analysis import analyze

    progress = progress_for(run.paths, run.reading.exclude, run.reading.follow_links)

    def on_skip(skipped: Skipped) -> None:
        progress.advance()
        warn_unreadable(skipped)

    ocr_noted: list[bool] = []

    def on_document(counts: DocumentCounts) -> None:
        progress.advance()
        if counts.document.ocr_pages and not ocr_noted:
            ocr_noted.append(True)
            warn_ocr_languages(run, lexicon)
        if counts.document.date_note:
            warn(f"{counts.document.path}: {in_cli_terms(counts.document.date_note)}")
        if counts.language_note:
            warn(f"{counts.document.path}: {in_cli_terms(counts.language_note)}")
        if each_document is not None:
            each_document(counts)

    from focuscount.escape import display_path

    options = run.read_options()
    lexicon = lexicon_for(run)
    try:
        result = analyze(
            run.paths,
            lexicon,
            by=by or run.by,
            breakdowns=breakdowns,
            options=options,
            execution=execution_for(run),
            context_words=context_words,
            min_hits=run.min_hits,
            include_thin=run.include_thin,
            on_skip=on_skip,
            on_document=on_document,
            evidence=each_document is not None,  # only the numbers, unless a caller looks at the hits
            series=series or run.settings.series,
        )
    finally:
        progress.close()
    warn_metadata_dates(result.documents)
    if not result.lemmas:
        warn_no_lemmas(result.lexicon)
    for row in result.unmatched_dates:
        warn(f"{display_path(row.manifest)}:{row.line}: {row.message}")
    return result


@click.group(cls=FocusCountGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="focuscount")
@click.option(
    "--debug", is_flag=True,
    help=f"Show the cause of each error and unreadable file with its traceback (or set {DEBUG_VARIABLE}=1).",
)  # fmt: skip
@QUIET_OPTION
def cli(debug: bool) -> None:
    """Count customer-oriented against institution-oriented language in minutes and talks.

    Reads minutes, agendas, transcripts and slides (.txt .md .pdf .docx .pptx .html
    .odt .odp .rtf .vtt .srt, and .doc .ppt with LibreOffice; folders are searched
    recursively; - reads text from standard input), counts each lexicon
    category and reports the customer-centeredness ratio focus / (focus + versus)
    per document, per meeting and over time, with the evidence behind every count.
    """
    from focuscount.log import configure_cli_logging

    # Libraries' warnings (pdfminer's notes on damage it works around) would break the one line a file;
    # with --debug they are shown, with focuscount's own debug records.
    click.get_current_context().call_on_close(configure_cli_logging(debug or debugging()))


@cli.command(
    epilog=help_examples(
        ("focuscount analyze minutes/", "the ratio of each meeting, the trend, and what was skipped"),
        (
            "focuscount analyze minutes/ talks/ --by quarter --by-speaker",
            "one period a quarter, and a table per speaker",
        ),
        ("focuscount analyze minutes/ -f json -o baseline.json", "a report to compare with later (check --baseline)"),
    )
)
@corpus_options
@click.option(
    "--by",
    type=click.Choice(GROUPINGS),
    help="Group dated documents into periods: one per meeting date, month, quarter or year [default: meeting].",
)
@click.option("--by-speaker", is_flag=True, help="Also report words, counts and ratio per speaker.")
@click.option("--by-section", is_flag=True, help="Also report per section (agenda item or heading) of each document.")
@click.option("--by-slide", is_flag=True, help="Also report per slide of each deck (speaker notes apart).")
@SERIES_OPTION
@output_options(FORMATS)
@WIDE_OPTION
@click.option(
    "--chart", "chart_path", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
    help="Also draw the ratio chart into FILE (.png, .svg or .pdf).",
)  # fmt: skip
def analyze(
    run: RunOptions,
    by: Grouping | None,
    by_speaker: bool,
    by_section: bool,
    by_slide: bool,
    series: str | None,
    output_format: AnalyzeFormat,
    output: Path | None,
    chart_path: Path | None,
    wide: bool,
) -> None:
    """Report the ratio per document, per period and its trend over time.

    PATHS are files or folders, or - for text on standard input. Unreadable files are
    warned about on stderr, listed in the output, and do not stop the run. Exit status:
    0 done; 2 usage, lexicon or config error, a path given that does not exist (the
    others are still read and reported), or no readable document at all.
    """
    from focuscount.render import renderer

    if chart_path is not None:
        from focuscount.render.chart import chart_format

        chart_format(chart_path)  # a wrong extension fails before the reading, not after
    wanted: tuple[tuple[BreakdownKind, bool], ...] = (
        ("speaker", by_speaker),
        ("section", by_section),
        ("slide", by_slide),
    )
    result = run_analysis(run, by, tuple(kind for kind, flag in wanted if flag), series=series)
    if output_format == "table":
        from focuscount.render.table import render_table

        emit(render_table(result, terminal_look(output, wide)), output)
    else:
        emit(renderer(output_format)(result), output)
    if chart_path is not None:
        from focuscount.escape import display_path
        from focuscount.render.chart import render_chart

        render_chart(result, chart_path)
        click.echo(f"focuscount: wrote {display_path(chart_path)}", err=True)


@cli.command(
    epilog=help_examples(
        ("focuscount chart minutes/ -o ratio.png", "the ratio over time, for a slide"),
        ("focuscount chart minutes/ --by quarter --kind terms -o terms.svg", "the top terms of each category"),
        ("focuscount chart minutes/ --kind speakers -o speakers.pdf", "the ratio of each speaker"),
        (
            "focuscount chart minutes/ --size 16:9 --font-scale 1.3 --transparent -o ratio.png",
            "a chart for a widescreen slide: 13.33 x 7.5 inches, larger text, no background",
        ),
        ("focuscount chart minutes/ --kind all -o charts/", "every chart from one reading: charts/ratio.png …"),
        (
            "focuscount chart --from analysis.json --kind all -f svg -o charts/",
            "every chart from a report saved with `analyze --by-speaker --by-section -f json`",
        ),
    )
)
@corpus_options
@click.option(
    "--output", "-o", required=True, type=click.Path(allow_dash=True), callback=_chart_file, metavar="FILE|DIR",
    help="The chart file; its extension picks the format: .png, .svg or .pdf (a link's target is replaced). "
    "With --kind all: a folder (created if missing) that gets one KIND.png (or --format) per kind.",
)  # fmt: skip
@click.option(
    "--kind", "-k", type=click.Choice((*CHART_KINDS, ALL_CHARTS)), default="ratio", show_default=True,
    help="ratio: the ratio over time with hits per 1,000 words beneath (a bar per document when none is dated); "
    "counts: hits per 1,000 words alone; terms: top terms per category; speakers, sections: the ratio per "
    "speaker or section; all: every kind, from one reading of the documents.",
)  # fmt: skip
@click.option(
    "--format", "-f", "file_format", type=click.Choice(CHART_FILE_FORMATS),
    help="With --kind all: the format of every chart [default: png]. With one FILE its extension decides.",
)  # fmt: skip
@click.option(
    "--from", "saved_report", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.json",
    help="Draw from a report saved with `analyze -f json` instead of reading PATHS (--by, --min-hits and "
    "--include-thin still apply; speakers and sections need it saved with --by-speaker, --by-section).",
)  # fmt: skip
@click.option("--by", type=click.Choice(GROUPINGS), help="One point per meeting, month, quarter or year.")
@SERIES_OPTION
@click.option("--title", help="The chart's title (a clear default names what is shown).")
@click.option("--subtitle", metavar="TEXT", help="A line under the title, e.g. the body and the years shown.")
@click.option(
    "--size", metavar="W:H|WxH|WxHpx",
    help="A slide ratio (16:9 is 13.33 x 7.5 inches, 4:3 is 10 x 7.5), inches (13.33x7.5) or pixels "
    "(1920x1080px: a PNG of exactly that size at --dpi) [default: 12.8x7.2; setting chart_size].",
)  # fmt: skip
@click.option(
    "--font-scale", type=SettingNumber("font_scale"), metavar="X",
    help="Multiply every font size by X, from 0.25 to 4, so text stays readable on a slide [default: 1; "
    "setting font_scale].",
)  # fmt: skip
@click.option(
    "--transparent", is_flag=True,
    help="Leave the figure and plot backgrounds unpainted (PNG and SVG), so the slide's own shows through.",
)  # fmt: skip
@click.option(
    "--dpi", type=click.IntRange(min=30, max=1200), default=200, show_default=True,
    help="Dots per inch of a .png (the figure is 12.8 × 7.2 inches unless --size says otherwise).",
)  # fmt: skip
def chart(
    run: RunOptions,
    output: Path,
    kind: str,
    file_format: str | None,
    saved_report: Path | None,
    by: Grouping | None,
    series: str | None,
    title: str | None,
    subtitle: str | None,
    size: str | None,
    font_scale: float | None,
    transparent: bool,
    dpi: int,
) -> None:
    """Draw a chart for slides and reports: the ratio over time, counts, top terms, speakers or sections.

    Exit status: 0 done; 1 with --kind all when a kind could not be drawn (each is
    named, the others are written); 2 usage, lexicon, config or write error.
    """
    from click.core import ParameterSource

    from focuscount.cli_chart import ChartRequest, chart_analysis, refuse_reading_options, write_charts
    from focuscount.render.chart_look import ChartLook, parse_chart_size

    settings = run.settings
    look = ChartLook(
        size=parse_chart_size(size or settings.chart_size or "12.8x7.2"),
        transparent=transparent,
        font_scale=font_scale if font_scale is not None else settings.font_scale,
        subtitle=subtitle,
        organisation=settings.organisation,
    )
    if (
        look.size.unit == "px"
        and click.get_current_context().get_parameter_source("dpi") == ParameterSource.COMMANDLINE
    ):
        raise FocusCountFailure("--dpi with a --size in pixels: the pixels set the dpi; leave one of them out")
    request = ChartRequest(output, kind, file_format, title, dpi, look)
    request.prepare()  # a wrong extension or folder fails before the reading, not after
    if saved_report is not None:
        refuse_reading_options(run)
    result = chart_analysis(run, saved_report, by, request, run_analysis, series)
    status = write_charts(result, request, saved_report, on_failed=warn)
    if status:
        sys.exit(status)


@cli.command(
    epilog=help_examples(
        ("focuscount report minutes/ -o report.html", "one HTML file to share: charts, tables and every hit"),
        (
            "focuscount report minutes/ --by year --title 'Board, 2024-2025' -o report.html",
            "one period a year, a title",
        ),
    )
)
@corpus_options
@click.option(
    "--output", "-o", type=OUTPUT_PATH, callback=_dash_is_standard_output, metavar="FILE.html",
    help="Write the report to FILE.html (atomically), or - for standard output [default: -].",
)  # fmt: skip
@click.option("--by", type=click.Choice(GROUPINGS), help="One period per meeting, month, quarter or year.")
@SERIES_OPTION
@click.option("--title", help="The report's title.")
@click.option(
    "--context", "-C", "context_words", type=click.IntRange(min=0), default=8, show_default=True, metavar="N",
    help="Words of context either side of each hit in the evidence section.",
)  # fmt: skip
def report(
    run: RunOptions, output: Path | None, by: Grouping | None, series: str | None, title: str | None, context_words: int
) -> None:
    """Write one self-contained HTML report: summary, charts, tables, top terms and the evidence."""
    from focuscount.evidence import Evidence
    from focuscount.render.report import render_report
    from focuscount.terms import term_report_from

    evidence: dict[Path, list[Any]] = {}

    def keep_evidence(counts: Any) -> None:
        document = counts.document
        evidence[document.path] = [Evidence(document.path, document.format, hit) for hit in counts.hits]

    result = run_analysis(run, by, ("speaker", "section"), keep_evidence, context_words, series)
    emit(render_report(result, term_report_from(result), evidence, title=title), output)


@cli.command(
    epilog=help_examples(
        ("focuscount explain minutes/2025-03-18.docx", "every hit of one meeting, in context"),
        ("focuscount explain minutes/ -c institution -t staff", "only the hits of one term"),
        ("focuscount explain minutes/ --ignored -f csv -o hits.csv", "also what was counted nowhere, and why, as CSV"),
    )
)
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
@click.option(
    "--ignored", is_flag=True,
    help="Also show the matches counted nowhere, with the reason: ignore terms, page furniture, labels, names.",
)  # fmt: skip
@output_options(EXPLAIN_FORMATS)
@WIDE_OPTION
def explain(
    run: RunOptions,
    categories: tuple[str, ...],
    terms: tuple[str, ...],
    context_words: int,
    ignored: bool,
    output_format: HitsFormat,
    output: Path | None,
    wide: bool,
) -> None:
    """Show every hit in context: file, location, category, term and the words around it.

    Matched words are bold on a terminal and marked [[like this]] otherwise.
    """
    from focuscount.evidence import iter_evidence
    from focuscount.render import explain as render

    lexicon = lexicon_for(run)
    items = list(
        iter_evidence(
            run.paths,
            lexicon,
            categories=categories,
            terms=terms,
            include_ignored=ignored,
            context_words=context_words,
            options=run.read_options(),
            execution=execution_for(run),
            on_skip=warn_unreadable,
        )
    )
    if output_format == "json":
        text = render.render_explain_json(items, lexicon, context_words)
    elif output_format == "csv":
        text = render.render_explain_csv(items, lexicon)
    else:
        on_terminal = output is None and sys.stdout.isatty()
        # The matched words arrive escaped (keyword_in_context escapes before it highlights): the bold is ours alone.
        highlight = (lambda words: click.style(words, bold=True)) if on_terminal else render.brackets
        text = render.render_explain_table(items, highlight, lexicon=lexicon, look=terminal_look(output, wide))
    emit(text, output)


@cli.command(
    epilog=help_examples(
        ("focuscount terms minutes/", "the 15 most frequent terms of each category"),
        (
            "focuscount terms minutes/ --unmatched --names",
            "also frequent words no term matched, and names that removed hits",
        ),
    )
)
@corpus_options
@click.option(
    "--top", "-n", type=click.IntRange(min=1), default=15, show_default=True, metavar="N",
    help="How many terms to list per category.",
)  # fmt: skip
@click.option(
    "--unmatched", is_flag=True,
    help="Also list the most frequent content words that matched no term (stop words left out).",
)  # fmt: skip
@click.option(
    "--names", is_flag=True,
    help="Also list the proper names whose words counted nowhere, most frequent first, with the hits each removed.",
)  # fmt: skip
@output_options(TERMS_FORMATS)
def terms(
    run: RunOptions, top: int, unmatched: bool, names: bool, output_format: HitsFormat, output: Path | None
) -> None:
    """List the most frequent matched terms per category, with counts and share of the category."""
    from focuscount.render import terms as render
    from focuscount.terms import term_report

    report = term_report(
        run.paths,
        lexicon_for(run),
        top=top,
        unmatched=unmatched,
        names=names,
        options=run.read_options(),
        execution=execution_for(run),
        on_skip=warn_unreadable,
    )
    renderers = {"table": render.render_terms_table, "json": render.render_terms_json, "csv": render.render_terms_csv}
    emit(renderers[output_format](report), output)


@cli.command(
    epilog=help_examples(
        ("focuscount check strategy/ --min-ratio 0.5", "fail (exit 1) when the overall ratio is below 0.5"),
        (
            "focuscount check --baseline-ref origin/main -f github",
            "fail on a drop since main, with annotations on GitHub",
        ),
        ("focuscount check -f junit -o focuscount.xml", "the rules of focuscount.toml, as a JUnit report"),
    )
)
@corpus_options
@click.option(
    "--min-ratio", type=SettingNumber("min_ratio.overall"), metavar="X", help="Fail when the overall ratio is below X."
)
@click.option(
    "--confidence", type=click.Choice(CONFIDENCES),
    help="For min_ratio and no_regression: compare the ratio itself (point, the default), or fail only when "
    "the whole 95% interval is past the threshold (interval). Overrides the rules' 'confidence'.",
)  # fmt: skip
@click.option(
    "--baseline", type=click.Path(path_type=Path, dir_okay=False), metavar="REPORT.json",
    help="Compare with a report saved by `focuscount analyze -f json -o REPORT.json` (rule no_regression).",
)  # fmt: skip
@click.option(
    "--baseline-ref", metavar="REV",
    help="Compare with the same files at a git revision, e.g. origin/main (read with git show; rule no_regression).",
)  # fmt: skip
@click.option(
    "--allow-lexicon-change", is_flag=True,
    help="Compare with a baseline report made with another lexicon (refused by default: its ratios differ).",
)  # fmt: skip
@click.option(
    "--changed-since", metavar="REV",
    help="Judge only the documents changed since a git revision (committed, staged, edited or new) by the "
    "per-document rules; the rules about the whole set still read every document.",
)  # fmt: skip
@click.option(
    "--changed", is_flag=True,
    help="PATHS are changed files, as a pre-commit hook passes them: the per-document rules judge those that are "
    "documents; the whole set is read from the settings' 'paths' (without them, its rules are skipped).",
)  # fmt: skip
@output_options(CHECK_FORMATS)
def check(
    run: RunOptions,
    min_ratio: float | None,
    confidence: Confidence | None,
    baseline: Path | None,
    baseline_ref: str | None,
    allow_lexicon_change: bool,
    changed_since: str | None,
    changed: bool,
    output_format: CheckFormat,
    output: Path | None,
) -> None:
    """Check documents against the rules in [check] and fail like a linter.

    Exit status: 0 when every rule passes (warnings allowed); 1 when a rule with
    severity error fails; 2 on a usage, config, lexicon or read error, or when a
    file could not be read.
    """
    from focuscount.check import check_run
    from focuscount.render.findings import github_summary, render_findings

    unreadable: list[Any] = []
    lexicon = lexicon_for(run)  # a lexicon error fails here, before any reading; an import's notes are shown

    def on_unreadable(skipped: Any) -> None:
        from focuscount.discovery import UNSUPPORTED

        if skipped.kind != UNSUPPORTED:  # unreadable, or a path given that does not exist
            unreadable.append(skipped)
        warn_unreadable(skipped)

    paths, judged, corpus_rules = _check_scope(run, changed_since, changed)
    if not paths:
        warn("no documents among the files given, and no 'paths' in the settings: nothing to check")
        sys.exit(EXIT_OK)
    result = check_run(
        paths,
        lexicon,
        rules=run.check_rules(),
        rules_file=run.settings.source,
        options=run.read_options(),
        execution=execution_for(run),
        by=run.by,
        min_hits=run.min_hits,
        include_thin=run.include_thin,
        min_ratio=min_ratio,
        confidence=confidence,
        baseline=baseline,
        baseline_ref=baseline_ref,
        allow_lexicon_change=allow_lexicon_change,
        on_skip=on_unreadable,
        judged=judged,
        corpus_rules=corpus_rules,
        on_empty=run.settings.on_empty,
    )
    emit(render_findings(result, output_format), output)
    if output_format == "github":
        _append_step_summary(github_summary(result))
    if unreadable:
        raise FocusCountFailure(f"{len(unreadable)} file(s) could not be read; the check is incomplete")
    sys.exit(EXIT_OK if result.passed else EXIT_FINDINGS)


def _check_scope(
    run: RunOptions, changed_since: str | None, changed: bool
) -> tuple[tuple[Path, ...], tuple[Path, ...] | None, bool]:
    """(paths to read, documents the per-document rules judge or None for all, evaluate the whole-set rules)."""
    if changed_since is not None and changed:
        raise click.UsageError("give --changed-since REV or --changed FILE..., not both")
    if changed_since is not None:
        from focuscount.changes import changed_files

        first = run.paths[0] if run.paths else Path.cwd()
        return run.paths, changed_files(changed_since, first if first.is_dir() else first.parent), True
    if not changed:
        return run.paths, None, True
    configured = tuple(run.settings.resolve(path) for path in run.settings.paths)
    if configured and run.paths == configured:  # no file given (pass_filenames: false): every document is judged
        return configured, None, True
    if configured:
        return configured, run.paths, True
    from focuscount.readers import supported_extensions

    documents = tuple(path for path in run.paths if path.suffix.lower() in supported_extensions())
    return documents, documents, False


def _append_step_summary(markdown: str) -> None:
    """Append to the file GitHub Actions names in GITHUB_STEP_SUMMARY; a warning, not a failure, if it cannot."""
    import os

    from focuscount.errors import ConfigError
    from focuscount.escape import display_path
    from focuscount.output import append_text

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        try:
            append_text(Path(target), markdown, "the step summary")
        except ConfigError as error:
            warn(f"{display_path(target)}: {error.message} (the file GITHUB_STEP_SUMMARY names)")


@cli.command(
    epilog=help_examples(
        ("focuscount init", "write focuscount.toml here"),
        ("focuscount init --path docs/focuscount.toml", "write it elsewhere"),
    )
)
@click.option(
    "--path", "target", type=click.Path(path_type=Path, dir_okay=False), default=Path("focuscount.toml"),
    show_default=True, help="Where to write the starter settings.",
)  # fmt: skip
def init(target: Path) -> None:
    """Write a commented starter focuscount.toml (never overwrites an existing file)."""
    from focuscount.starter import write_starter

    write_starter(target)
    click.echo(f"focuscount: wrote {target}; edit 'paths' and the [check] rules, then run `focuscount check`")


@cli.command(
    "lexicons",
    epilog=help_examples(
        ("focuscount lexicons", "the shipped lexicons, with their files"),
        ('cp "$(focuscount lexicons | sed -n 2p)" my-lexicon.toml', "copy the default to make your own"),
    ),
)
def list_lexicons() -> None:
    """List the shipped lexicons (the default first) with their descriptions and files (copy one to make your own)."""
    from focuscount.lexicon import load_lexicon, shipped_lexicons
    from focuscount.render.rows import plural

    # The default first, then the others by name.
    for name, path in sorted(shipped_lexicons().items(), key=lambda item: (item[0] != "library", item[0])):
        lexicon = load_lexicon(path)
        counts = ", ".join(f"{c.name} {len(c.terms)}" for c in lexicon.categories)
        click.echo(f"{name}: {lexicon.description} ({counts}; ignore {plural(len(lexicon.ignore), 'term')})")
        click.echo(f"  {path}")


class Interrupted(BaseException):
    """SIGINT or SIGTERM, raised where the program is so every ``finally`` (temporary files) runs.

    Not an ``Exception``: code that turns a reader's failures into skipped files must not swallow it.
    """

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


def _interrupt(signal_number: int, _frame: object) -> None:
    import signal

    for stopping in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stopping, signal.SIG_DFL)  # a second Ctrl-C while cleaning up ends the process at once
    raise Interrupted(signal_number)


def main() -> NoReturn:
    """Entry point of the ``focuscount`` command.

    Ctrl-C (SIGINT) exits 130 and SIGTERM 143, with one line on stderr; a file given with
    ``-o`` is then either untouched or complete, and no temporary file is left behind.
    """
    import signal

    for stopping in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(stopping) is not signal.SIG_IGN:  # a background job of a script keeps ignoring Ctrl-C
            signal.signal(stopping, _interrupt)
    try:
        sys.exit(cli.main(prog_name="focuscount", standalone_mode=True))
    except Interrupted as stop:
        name = signal.Signals(stop.signal_number).name
        click.echo(f"focuscount: interrupted ({name}); no file was left half-written", err=True)
        sys.exit(128 + stop.signal_number)


def _add_commands() -> None:
    """The commands kept in modules of their own (they import shared options from this one)."""
    from focuscount.cli_audit import audit
    from focuscount.cli_cache import cache
    from focuscount.cli_lexicon import lexicon

    cli.add_command(audit)
    cli.add_command(cache)
    cli.add_command(lexicon)


_add_commands()
