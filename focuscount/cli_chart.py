"""The ``chart`` command's work: which files it writes, one reading (or a saved report) for all of them, the writing.

``chart --kind all -o DIR/`` writes every kind of :data:`~focuscount.render.formats.CHART_KINDS`
as ``DIR/KIND.png`` (or ``--format``) from one reading of the documents: the
analysis is made once with every breakdown a chart needs, and the terms chart takes
its top terms from it.  A kind that cannot be drawn (a corpus without speakers) is
named on one line and the others are still written; the exit status says so.
``chart --from FILE.json`` reads no document at all: the analysis comes from the saved report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from focuscount.errors import ConfigError
from focuscount.render.chart_look import ChartLook
from focuscount.render.formats import ALL_CHARTS, CHART_KINDS, ChartKind

if TYPE_CHECKING:
    from focuscount.analysis import Analysis
    from focuscount.breakdown import BreakdownKind
    from focuscount.config import RunOptions
    from focuscount.timeline import Grouping

EXIT_OK, EXIT_NOT_DRAWN, EXIT_ERROR = 0, 1, 2
DEFAULT_FILE_FORMAT = "png"
# The breakdown the analysis needs for each chart kind that draws one.
KIND_BREAKDOWNS: dict[str, BreakdownKind] = {"speakers": "speaker", "sections": "section"}
# The chart command's own options; every other option of it is about reading documents.
_CHART_OPTIONS = frozenset(
    {"output", "kind", "file_format", "saved_report", "by", "title", "subtitle", "size", "font_scale",
     "transparent", "dpi", "paths"}
)  # fmt: skip
# Options that still mean something with --from: the settings file, and how thin evidence is judged.
_SAVED_REPORT_OPTIONS = frozenset({"config", "min_hits", "include_thin", "series"})


@dataclass(frozen=True)
class ChartRequest:
    """What ``chart`` was asked to write: one file, or one file per kind in a folder."""

    output: Path
    kind: str  # a chart kind, or "all"
    file_format: str | None  # --format: png, svg or pdf
    title: str | None
    dpi: int
    look: ChartLook

    @property
    def kinds(self) -> tuple[ChartKind, ...]:
        """The kinds to draw, in :data:`CHART_KINDS` order."""
        return tuple(kind for kind in CHART_KINDS if self.kind in (kind, ALL_CHARTS))

    def targets(self) -> list[tuple[ChartKind, Path]]:
        """``(kind, file)`` for each chart to write."""
        if self.kind != ALL_CHARTS:
            return [(kind, self.output) for kind in self.kinds]
        extension = self.file_format or DEFAULT_FILE_FORMAT
        return [(kind, self.output / f"{kind}.{extension}") for kind in CHART_KINDS]

    def prepare(self) -> None:
        """A :class:`ConfigError` for an output the request cannot write, before any document is read.

        With ``--kind all`` the folder is made here (with its parents), so a path that
        cannot be one fails before the reading, not after.
        """
        from focuscount.render.chart import CHART_FORMATS, chart_format

        output = self.output
        if self.kind == ALL_CHARTS:
            if output.exists() and not output.is_dir():
                raise ConfigError(
                    output, "--kind all writes one chart per kind into a folder, and this is not one: name a folder"
                )
            if not output.exists() and output.suffix.lower() in CHART_FORMATS:
                raise ConfigError(
                    output, f"--kind all writes a folder of charts: name a folder (charts/), not a {output.suffix} "
                    "file; --format picks the charts' format"
                )  # fmt: skip
            _make_folder(output)
            return
        if output.is_dir() or str(output).endswith(("/", "\\")):
            raise ConfigError(
                output, "is a folder: give FILE.png, FILE.svg or FILE.pdf, or --kind all to write every chart into it"
            )
        found = chart_format(output)
        if self.file_format is not None and self.file_format != found:
            raise ConfigError(
                output, f"--format {self.file_format} but the file name says {found}: the extension picks the "
                f"format of one chart; leave --format out, or name a .{self.file_format} file"
            )  # fmt: skip


def refuse_reading_options(run: RunOptions) -> None:
    """``chart --from`` with PATHS, or with an option about reading documents, is a usage error naming it."""
    context = click.get_current_context()
    if run.paths:
        raise ConfigError(None, "--from draws from a saved report and reads no document: give it or PATHS, not both")
    for parameter in context.command.params:
        name = parameter.name or ""
        if name in _CHART_OPTIONS or name in _SAVED_REPORT_OPTIONS:
            continue
        if context.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE:
            flag = parameter.opts[0] if parameter.opts else name
            raise ConfigError(None, f"{flag} says how to read documents, and --from reads none: leave it out")


def chart_analysis(
    run: RunOptions,
    saved_report: Path | None,
    by: Grouping | None,
    request: ChartRequest,
    run_analysis: Callable[..., Analysis],
    series: str | None = None,
) -> Analysis:
    """The one analysis every requested chart is drawn from: read once, or loaded from a saved report."""
    if saved_report is not None:
        from focuscount.render.chart_input import load_saved_analysis

        params: dict[str, Any] = click.get_current_context().params
        min_hits = params.get("min_hits")
        return load_saved_analysis(
            saved_report,
            by=by,
            min_hits=int(min_hits) if min_hits is not None else None,
            include_thin=params.get("include_thin"),
            series=series or run.settings.series,
        )
    breakdowns = tuple(KIND_BREAKDOWNS[kind] for kind in request.kinds if kind in KIND_BREAKDOWNS)
    return run_analysis(run, by, breakdowns, series=series)


def write_charts(
    analysis: Analysis, request: ChartRequest, saved_report: Path | None, on_failed: Callable[[str], None]
) -> int:
    """Draw and write every chart of ``request``; the exit status (:data:`EXIT_OK`, ``EXIT_NOT_DRAWN``, ``EXIT_ERROR``).

    One chart: any error is raised.  ``--kind all``: a kind that cannot be drawn, or
    a file that cannot be written, is passed to ``on_failed`` as one line, and the
    other kinds are still written.
    """
    from focuscount.escape import display_path
    from focuscount.render.chart import check_chart, render_chart
    from focuscount.render.chart_input import check_saved_kind
    from focuscount.terms import term_report_from

    terms = term_report_from(analysis) if "terms" in request.kinds else None
    many = request.kind == ALL_CHARTS
    status = EXIT_OK
    for kind, path in request.targets():
        try:
            if saved_report is not None:
                check_saved_kind(analysis, kind, saved_report)
            check_chart(analysis, kind, terms)
        except ConfigError as error:
            if not many:
                raise
            on_failed(f"{kind} chart not drawn: {error}")
            status = max(status, EXIT_NOT_DRAWN)
            continue
        try:
            render_chart(
                analysis, path, kind=kind, title=request.title, dpi=request.dpi, term_report=terms, look=request.look
            )
        except ConfigError as error:
            if not many:
                raise
            on_failed(f"{kind} chart not written: {error}")
            status = EXIT_ERROR
            continue
        click.echo(f"focuscount: wrote {display_path(path)}", err=True)
    return status


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:  # a file, or a link to one, where the folder should be
        raise ConfigError(folder, "cannot create the folder for the charts: a file is in the way") from error
    except OSError as error:
        raise ConfigError(folder, f"cannot create the folder for the charts: {error.strerror or error}") from error
