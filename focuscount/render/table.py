"""Human-readable output: plain-text tables for a terminal, and Markdown.

On a terminal narrower than a table (:class:`~focuscount.terminal.TerminalLook`
``width``), the table gives way in steps, each only when the one before was not
enough: its per-1,000-words columns go, then its paths are shown relative to
their common folder (said above the table), then its text columns wrap (a path
only after a ``/``, so a file name stays whole).  Numbers are never cut.  Files,
pipes and Markdown always get the full table.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping

from tabulate import MIN_PADDING, tabulate

from focuscount.analysis import Analysis
from focuscount.dating import UNDATED_HINT
from focuscount.escape import for_ci_log, for_markdown, for_terminal
from focuscount.lexicon import Lexicon
from focuscount.render.rows import (
    BREAKDOWN_TITLES,
    RATIO_HEADER,
    THIN_MARK,
    RatioSource,
    breakdown_rows,
    document_rows,
    has_thin,
    period_rows,
    rate_header,
    report_only_note,
    series_period_rows,
    series_rows,
    series_trend_lines,
    thin_note,
)
from focuscount.render.summary import Summary
from focuscount.terminal import (
    BLUE,
    FULL_TABLE,
    YELLOW,
    TerminalLook,
    common_folder,
    longest_path_part,
    paint,
    relative_path,
    shrink_to_fit,
    visible_width,
    wrap_path,
    wrap_prose,
    wrap_words,
)


def render_table(analysis: Analysis, look: TerminalLook = FULL_TABLE) -> str:
    """Per-document and per-period tables, the trend, undated and skipped files, and a summary.

    ``look`` fits them to a terminal's width (see the module) and, with ``look.colour``, shows a
    ratio above 0.50 in blue and one below in yellow (0.50 itself, and the thin mark, uncoloured).
    """
    return _render(analysis, tablefmt="simple", heading=lambda text: text, look=look)


def render_markdown(analysis: Analysis) -> str:
    """The same content as :func:`render_table` as a Markdown document."""
    return _render(analysis, tablefmt="github", heading=lambda text: f"## {text}")


def _render(analysis: Analysis, tablefmt: str, heading: Callable[[str], str], look: TerminalLook = FULL_TABLE) -> str:
    markdown = tablefmt == "github"
    prose = functools.partial(wrap_prose, width=look.width)  # a line that is not a table wraps at the width
    # Names, paths and speakers come from files: each is escaped for the channel before it is placed.
    escape = for_markdown if markdown else for_terminal
    lexicon = analysis.lexicon
    blocks: list[str] = []
    name, focus, versus = escape(lexicon.name), escape(lexicon.focus), escape(lexicon.versus)
    apart = escape(report_only_note(lexicon))
    used = analysis.lexicons_used
    if used:
        name = "by language: " + ", ".join(f"{escape(used_name)} {count}" for used_name, count in sorted(used.items()))
    title = f"Documents (lexicon: {name}; ratio = {focus} / ({focus} + {versus}){apart})"
    documents = _table(analysis, document_rows(analysis), analysis.documents, tablefmt, escape, look=look)
    blocks.append(prose(heading(title)) + "\n\n" + documents)
    if analysis.series:
        blocks.extend(_series_blocks(analysis, tablefmt, escape, heading, look))
    elif analysis.periods:
        periods = _table(analysis, period_rows(analysis), analysis.periods, tablefmt, escape, periods=True, look=look)
        blocks.append(heading(f"Periods (by {analysis.by})") + "\n\n" + periods)
    trend = analysis.trend
    whole = trend.describe() if trend is not None else analysis.no_trend_reason
    blocks.append(prose(escape(whole.replace("Trend: ", "Trend (all documents): ", 1) if analysis.series else whole)))
    for kind, rows in analysis.breakdowns.items():
        title = f"{BREAKDOWN_TITLES[kind]} ({len(rows)})"
        if rows:
            breakdown = _table(analysis, breakdown_rows(analysis, kind), rows, tablefmt, escape, look=look)
            blocks.append(heading(title) + "\n\n" + breakdown)
        else:
            blocks.append(heading(title) + "\n\n" + prose(NO_BREAKDOWN[kind]))
    if analysis.undated:
        bullet = "- " if markdown else "  "
        lines = ["Undated, left out of periods and trend:"]
        for counts in analysis.undated:
            note = f" ({counts.document.date_note})" if counts.document.date_note else ""
            lines.append(f"{bullet}{escape(str(counts.document.path))}{escape(note)}")
        lines.append(f"Hint: {UNDATED_HINT}.")
        blocks.append(prose("\n".join(lines)))
    if analysis.unreadable:
        bullet = "- " if markdown else "  "
        lines = ["Unreadable, not counted:"]
        lines.extend(
            f"{bullet}{escape(str(skipped.path))}: {escape(skipped.reason)}" for skipped in analysis.unreadable
        )
        blocks.append(prose("\n".join(lines)))
    blocks.append(prose(escape(Summary.of(analysis).line())))
    return for_ci_log("\n\n".join(blocks) + "\n")


def _series_blocks(
    analysis: Analysis,
    tablefmt: str,
    escape: Callable[[str], str],
    heading: Callable[[str], str],
    look: TerminalLook = FULL_TABLE,
) -> list[str]:
    """With ``--series``: the series side by side, the periods of each, and each one's trend."""
    rule = analysis.series_rule
    split = rule if rule in ("folder", "prefix") else f"pattern {rule}"
    prose = functools.partial(wrap_prose, width=look.width)
    compared = _table(analysis, series_rows(analysis), analysis.series, tablefmt, escape, look=look)
    title = prose(heading(escape(f"Series (by {split}; each with its own periods and trend)")))
    blocks = [title + "\n\n" + compared]
    periods = [period for series in analysis.series for period in series.periods]
    if periods:
        table = _table(analysis, series_period_rows(analysis), periods, tablefmt, escape, periods=True, look=look)
        blocks.append(heading(f"Periods (by {analysis.by}, per series)") + "\n\n" + table)
    blocks.append("\n".join(prose(escape(line)) for line in series_trend_lines(analysis)))
    return blocks


_TEXT_COLUMNS = {"Date", "Source", "Document", "Period", "Speaker", "Section", "Slide", "Series"}
_LEFT_COLUMNS = _TEXT_COLUMNS | {RATIO_HEADER, "Trend/year"}
NO_BREAKDOWN = {
    "speaker": "No speaker labels found (a speaker is named by a label such as 'Chair:' at the start of a line).",
    "section": "No sections found.",
    "slide": "No slides: --by-slide reports on .pptx and .odp decks, and on PDFs of landscape slides.",
}


def _table(
    analysis: Analysis,
    rows: list[dict[str, object]],
    items: Iterable[RatioSource],
    tablefmt: str,
    escape: Callable[[str], str],
    periods: bool = False,
    look: TerminalLook = FULL_TABLE,
) -> str:
    """A table, followed by the thin-evidence footnote when a row of it is marked thin.

    ``look`` fits the table to a terminal (its width) and colours its ratio cells (see :func:`render_table`).
    """
    items = list(items)
    if look.width is None:
        cells, above = _escaped(rows, escape), ""
    else:
        cells, above = _fit(rows, escape, look.width, analysis.lexicon)
    if look.colour:
        cells = _coloured(cells)
    text = above + _tabulate(cells, tablefmt, look.width)
    if not has_thin(items):
        return text
    # In Markdown a line right under a table would be read as one more row of it.
    gap = "\n\n" if tablefmt == "github" else "\n"
    return text + gap + wrap_prose(escape(thin_note(analysis, periods)), look.width)


Cells = list[dict[str, object]]  # rows whose texts are escaped for the channel, ready to lay out


def _escaped(rows: list[dict[str, object]], escape: Callable[[str], str]) -> Cells:
    return [
        {escape(key): escape(value) if isinstance(value, str) else value for key, value in row.items()} for row in rows
    ]


def _tabulate(cells: Cells, tablefmt: str, width: int | None = None) -> str:
    # Text columns read left to right; numbers (and "—") line up on the right.  Ratio cells with their
    # intervals all have one width: on the left, their thin-evidence marks stand out past it.
    align = tuple("left" if key in _LEFT_COLUMNS else "right" for key in cells[0]) if cells else None
    wrapping = {name: PATH_COLUMN if name == "Document" else TEXT_COLUMN for name in _WRAPPED_COLUMNS}
    return simple_table(wrap_columns(cells, width, wrapping) if width else cells, tablefmt, align)


def _fit(
    rows: list[dict[str, object]], escape: Callable[[str], str], width: int, lexicon: Lexicon
) -> tuple[Cells, str]:
    """The rows of a table too wide for ``width`` columns, with what they give way (module docstring),
    and the line to print above the table that says what was left out."""
    cells = _escaped(rows, escape)
    if table_width(cells) <= width:
        return cells, ""
    rates = {rate_header(name) for name in (lexicon.focus, lexicon.versus, *lexicon.report_only)}
    rows = [{key: value for key, value in row.items() if key not in rates} for row in rows]
    said = ["without the /1k columns"] if any(key in rates for key in cells[0]) else []
    folder = common_folder([str(row["Document"]) for row in rows]) if "Document" in rows[0] else None
    if folder is not None and table_width(_escaped(rows, escape)) > width:
        rows = [{**row, "Document": relative_path(str(row["Document"]), folder)} for row in rows]
        said.append(f"paths relative to {escape(folder)}/")
    wrapping = {name: PATH_COLUMN if name == "Document" else TEXT_COLUMN for name in _WRAPPED_COLUMNS}
    cells = _escaped(rows, escape)
    apart = [escape(name) for name in lexicon.report_only if escape(name) in cells[0]]
    if apart and table_width(wrap_columns(cells, width, wrapping)) > width:
        # The last to go: counts kept apart from the ratio, which the title names.
        cells = [{key: value for key, value in row.items() if key not in apart} for row in cells]
        said.append(f"without {', '.join(apart)}")
    return cells, wrap_prose(fitted_note(said), width) + "\n" if said else ""


def fitted_note(said: list[str]) -> str:
    """The line above a table narrowed to fit: ``Fitted to the terminal: without the /1k columns; …``."""
    return f"Fitted to the terminal: {'; '.join(said)} (--wide shows the full table)"


def _coloured(cells: Cells) -> Cells:
    if not cells or RATIO_HEADER not in cells[0]:
        return cells
    return [{**row, RATIO_HEADER: ratio_colour(str(row[RATIO_HEADER]))} for row in cells]


def ratio_colour(cell: str) -> str:
    """A ratio cell (``0.43 (0.31–0.56)*``) in blue when the ratio shown is above 0.50, in yellow when it is
    below; 0.50 itself, ``—`` and the thin mark stay uncoloured."""
    try:
        shown = float(cell.split(" ", 1)[0].removesuffix(THIN_MARK))
    except ValueError:  # no ratio
        return cell
    if shown == 0.5:
        return cell
    body = cell.removesuffix(THIN_MARK)
    return paint(body, BLUE if shown > 0.5 else YELLOW) + cell[len(body) :]


# How a text column wraps when a table must: a path only after a "/" (its file name stays whole),
# a text at spaces (a word longer than the column is cut), never narrower than _TEXT_MINIMUM.
# Every other column keeps its cells; only its header may wrap at spaces.
PATH_COLUMN, TEXT_COLUMN = "path", "text"
_TEXT_MINIMUM = 12
_WRAPPED_COLUMNS = ("Document", "Speaker", "Section", "Slide", "Series", "Trend/year")
COLUMN_GAP = 2  # the spaces between two columns of tabulate's "simple" format


def column_widths(cells: Cells) -> dict[str, int]:
    """Each column's width as tabulate's "simple" format draws it: its widest cell, or its header (its
    longest line) and the header's padding."""
    if not cells:
        return {}
    return {
        key: max([visible_width(key) + MIN_PADDING] + [visible_width(str(row[key])) for row in cells])
        for key in cells[0]
    }


def table_width(cells: Cells) -> int:
    """The width of the widest line of the table of ``cells``."""
    widths = column_widths(cells)
    return sum(widths.values()) + COLUMN_GAP * max(len(widths) - 1, 0)


def wrap_columns(
    cells: Cells, width: int, wrapping: Mapping[str, str], minimums: Mapping[str, int] | None = None
) -> Cells:
    """``cells`` narrowed towards ``width`` columns, the widest column first (paths last): the cells of its
    text columns (``wrapping``: column → :data:`PATH_COLUMN` or :data:`TEXT_COLUMN`) wrap, and every header
    wraps at its spaces.  No column goes below its floor (``minimums`` may raise one); the cells of the
    other columns, numbers among them, are never cut."""
    widths = column_widths(cells)
    excess = table_width(cells) - width
    if excess <= 0:
        return cells
    floors: dict[str, int] = {}
    for name, current in widths.items():
        texts = [str(row[name]) for row in cells]
        kind = wrapping.get(name)
        if kind == PATH_COLUMN:
            narrowest = max(map(longest_path_part, texts))
        elif kind == TEXT_COLUMN:
            narrowest = min(current, _TEXT_MINIMUM)
        else:
            narrowest = max(map(visible_width, texts))
        header = max(map(visible_width, name.split())) + MIN_PADDING
        floors[name] = min(current, max(narrowest, header, (minimums or {}).get(name, 0)))
    # A path wraps last: it costs every row a line, where a text column wraps only its long cells.
    paths = {name: widths[name] for name, kind in wrapping.items() if kind == PATH_COLUMN and name in widths}
    targets = shrink_to_fit(widths, {**floors, **paths}, excess)
    left = excess - sum(widths.values()) + sum(targets.values())
    if left > 0:
        targets = shrink_to_fit(targets, floors, left)
    if targets == widths:
        return cells
    headers = {name: wrap_words(name, targets[name] - MIN_PADDING) for name in widths}
    wrapped = []
    for row in cells:
        shown: dict[str, object] = {}
        for name, value in row.items():
            kind, target = wrapping.get(name), targets[name]
            if kind is not None and target < widths[name]:
                value = wrap_path(str(value), target) if kind == PATH_COLUMN else wrap_words(str(value), target)
            shown[headers[name]] = value
        wrapped.append(shown)
    return wrapped


def simple_table(cells: Cells, tablefmt: str, align: tuple[str, ...] | None = None) -> str:
    """``cells`` as a tabulate table; in the terminal format, a row wrapped over several lines is set off
    from the next by a blank line, so each row reads as one."""
    text = tabulate(cells, headers="keys", tablefmt=tablefmt, disable_numparse=True, colalign=align)
    heights = [max(str(value).count("\n") + 1 for value in row.values()) for row in cells]
    if tablefmt != "simple" or max(heights, default=1) == 1:
        return text
    lines = text.split("\n")
    top = max(str(key).count("\n") + 1 for key in cells[0]) + 1  # the header's lines and its rule
    spaced, start = lines[:top], top
    for height in heights:
        if start > top:
            spaced.append("")
        spaced.extend(lines[start : start + height])
        start += height
    return "\n".join(spaced)
