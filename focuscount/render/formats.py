"""The output formats and chart kinds, defined once: the renderers dispatch on them and the CLI offers them.

This module imports nothing, so the CLI can build its ``--format`` and ``--kind``
choices from it without loading any renderer.
"""

from __future__ import annotations

from typing import Literal, get_args

AnalyzeFormat = Literal["table", "json", "csv", "markdown"]  # analyze
HitsFormat = Literal["table", "json", "csv"]  # explain, terms
CheckFormat = Literal["text", "line", "json", "github", "junit"]  # check
ChartKind = Literal["ratio", "counts", "terms", "speakers", "sections"]

FORMATS: tuple[AnalyzeFormat, ...] = get_args(AnalyzeFormat)
EXPLAIN_FORMATS: tuple[HitsFormat, ...] = get_args(HitsFormat)
TERMS_FORMATS: tuple[HitsFormat, ...] = get_args(HitsFormat)
CHECK_FORMATS: tuple[CheckFormat, ...] = get_args(CheckFormat)
CHART_KINDS: tuple[ChartKind, ...] = get_args(ChartKind)
ALL_CHARTS = "all"  # chart --kind all: every kind of CHART_KINDS, from one reading
CHART_FILE_FORMATS = ("png", "svg", "pdf")  # chart --format: the files of --kind all
