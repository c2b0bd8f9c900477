"""Helpers shared by the tests: example lexicons and matching shortcuts."""

from __future__ import annotations

import textwrap
from pathlib import Path

from focuscount.counting import count_document
from focuscount.lexicon import Lexicon, parse_lexicon
from focuscount.matching import LexiconMatcher
from focuscount.model import Document, DocumentCounts, Location, Segment
from focuscount.nlp import get_pipeline

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = REPO / "examples"

# The lexicon printed in the issue that defined the format.
ISSUE_LEXICON = """
name = "library"
description = "Customer-oriented versus institution-oriented language in library meetings"
language = "en"

[ratio]
focus = "customer"
versus = "institution"

[categories.customer]
label = "Customer-oriented"
terms = ["customer", "patron", "user", "library user", "volunteer*"]

[categories.institution]
label = "Institution-oriented"
terms = ["library", "resource", "administration", "internal procedure"]

[ignore]
terms = ["user interface", "user-friendly", "Library of Congress"]
"""


def lexicon_from(text: str = ISSUE_LEXICON) -> Lexicon:
    """A lexicon parsed from TOML text."""
    return parse_lexicon(textwrap.dedent(text))


def matcher_for(lexicon: Lexicon | None = None) -> LexiconMatcher:
    """A matcher for ``lexicon`` (the issue's example lexicon by default) on the default pipeline."""
    lexicon = lexicon or lexicon_from()
    return LexiconMatcher(lexicon, get_pipeline(lexicon.language))


def count_text(text: str, lexicon: Lexicon | None = None) -> DocumentCounts:
    """Counts for a one-segment document holding ``text``."""
    document = Document(Path("memo.txt"), "txt", (Segment(text, Location("line", 1, line=1)),))
    return count_document(document, matcher_for(lexicon))


def matched(text: str, lexicon: Lexicon | None = None) -> list[tuple[str, str, str]]:
    """``(category, term, matched words)`` for every hit in ``text``, ignore hits included."""
    counts = count_text(text, lexicon)
    hits = sorted(counts.hits + counts.ignored, key=lambda hit: hit.start)
    return [(hit.category, hit.term, hit.matched_text) for hit in hits]
