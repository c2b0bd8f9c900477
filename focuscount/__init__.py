"""focuscount: is a meeting about the people it serves, or about the institution?

Counts customer-oriented against institution-oriented terms in minutes, agendas,
transcripts and slides, with configurable lexicons, and reports a
customer-centeredness ratio per meeting and over time, with the evidence behind
every count.  The library never imports click; ``focuscount.cli`` is a thin layer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from focuscount._version import __version__

if TYPE_CHECKING:
    from focuscount.analysis import Analysis, analyze, iter_document_counts
    from focuscount.check import CheckResult, check_run
    from focuscount.config import Rule
    from focuscount.dating import DatesManifest, assign_date
    from focuscount.errors import (
        ConfigError,
        FocusCountError,
        LexiconError,
        NoDocumentsError,
        ReadError,
        UnsupportedFormatError,
    )
    from focuscount.evidence import Evidence, iter_evidence
    from focuscount.lexicon import Lexicon, load_lexicon, shipped_lexicons
    from focuscount.limits import ReadLimits
    from focuscount.model import Document, DocumentCounts, Hit, Location, Period, Segment
    from focuscount.options import ReadOptions
    from focuscount.readers import read_document
    from focuscount.terms import TermReport, term_report

# The public names and the modules that hold them, imported on first use: ``focuscount --help`` and
# ``--version`` (which import ``focuscount.cli``, and so this package) need none of them.
_PUBLIC = {
    "Analysis": "analysis", "analyze": "analysis", "iter_document_counts": "analysis",
    "CheckResult": "check", "check_run": "check", "Rule": "config",
    "DatesManifest": "dating", "assign_date": "dating",
    "Evidence": "evidence", "iter_evidence": "evidence",
    "ConfigError": "errors", "FocusCountError": "errors", "LexiconError": "errors", "NoDocumentsError": "errors",
    "ReadError": "errors", "UnsupportedFormatError": "errors",
    "Lexicon": "lexicon", "load_lexicon": "lexicon", "shipped_lexicons": "lexicon",
    "Document": "model", "DocumentCounts": "model", "Hit": "model", "Location": "model", "Period": "model",
    "Segment": "model",
    "ReadLimits": "limits", "ReadOptions": "options",
    "read_document": "readers",
    "TermReport": "terms", "term_report": "terms",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'focuscount' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"focuscount.{module}"), name)
    globals()[name] = value  # the next use finds it at once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "Analysis",
    "CheckResult",
    "ConfigError",
    "DatesManifest",
    "Document",
    "DocumentCounts",
    "Evidence",
    "FocusCountError",
    "Hit",
    "Lexicon",
    "LexiconError",
    "Location",
    "NoDocumentsError",
    "Period",
    "ReadError",
    "ReadLimits",
    "ReadOptions",
    "Rule",
    "Segment",
    "TermReport",
    "UnsupportedFormatError",
    "__version__",
    "analyze",
    "assign_date",
    "check_run",
    "iter_document_counts",
    "iter_evidence",
    "load_lexicon",
    "read_document",
    "shipped_lexicons",
    "term_report",
]
