"""focuscount: is a meeting about the people it serves, or about the institution?

Counts customer-oriented against institution-oriented terms in minutes, agendas,
transcripts and slides, with configurable lexicons, and reports a
customer-centeredness ratio per meeting and over time, with the evidence behind
every count.  The library never imports click; ``focuscount.cli`` is a thin layer.
"""

from focuscount.analysis import Analysis, analyze, iter_document_counts
from focuscount.dating import DatesManifest, assign_date
from focuscount.errors import (
    ConfigError,
    FocusCountError,
    LexiconError,
    NoDocumentsError,
    ReadError,
    UnsupportedFormatError,
)
from focuscount.lexicon import Lexicon, load_lexicon, shipped_lexicons
from focuscount.model import Document, DocumentCounts, Hit, Location, Period, Segment
from focuscount.readers import read_document

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "ConfigError",
    "DatesManifest",
    "Document",
    "DocumentCounts",
    "FocusCountError",
    "Hit",
    "Lexicon",
    "LexiconError",
    "Location",
    "NoDocumentsError",
    "Period",
    "ReadError",
    "Segment",
    "UnsupportedFormatError",
    "__version__",
    "analyze",
    "assign_date",
    "iter_document_counts",
    "load_lexicon",
    "read_document",
    "shipped_lexicons",
]
