"""Renderers: one function per output format over an :class:`~focuscount.analysis.Analysis`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from focuscount.render.formats import FORMATS, AnalyzeFormat

if TYPE_CHECKING:
    from focuscount.analysis import Analysis

__all__ = ["FORMATS", "renderer"]


def renderer(name: AnalyzeFormat) -> Callable[[Analysis], str]:
    """The render function for output format ``name``."""
    if name == "table":
        from focuscount.render.table import render_table

        return render_table
    if name == "markdown":
        from focuscount.render.table import render_markdown

        return render_markdown
    if name == "json":
        from focuscount.render.data import render_json

        return render_json
    if name == "csv":
        from focuscount.render.data import render_csv

        return render_csv
    raise ValueError(f"unknown format {name!r}; use one of {', '.join(FORMATS)}")
