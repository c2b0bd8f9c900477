"""The one reading stage every format goes through after its reader.

A reader turns a file into raw segments with hints (page, slide, notes, header or
footer, heading and its level).  :func:`prepare` then does, the same way for every
format:

1. text hygiene (:mod:`focuscount.hygiene`);
2. speaker notes kept or dropped (``notes``);
3. page furniture: running headers and footers, page numbers, repeated letterheads
   (:mod:`focuscount.furniture`), unless ``keep_furniture``;
4. sections, speaker turns and attendance labels (:mod:`focuscount.structure`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from focuscount.furniture import FORM_FEED, mark_furniture
from focuscount.hygiene import clean_segment
from focuscount.model import Document
from focuscount.structure import apply_structure

NotesChoice = Literal["include", "exclude"]
NOTES_CHOICES: tuple[NotesChoice, ...] = ("include", "exclude")
# Formats whose units are slides: "Goal: …" on a slide is a bullet, not a speaker.
DECK_FORMATS = frozenset({"pptx", "odp"})


@dataclass(frozen=True)
class ReadingRules:
    """What the reading stage keeps: speaker notes, and page furniture as talk or not."""

    notes: NotesChoice = "include"
    keep_furniture: bool = False

    def __post_init__(self) -> None:
        if self.notes not in NOTES_CHOICES:
            raise ValueError(f"notes must be one of {', '.join(NOTES_CHOICES)}, not {self.notes!r}")


DEFAULT_RULES = ReadingRules()


@dataclass(frozen=True)
class WordKnowledge:
    """What the language knows of words, for the rules that need it.

    ``known`` tells a dictionary word (the line-end hyphen joiner joins "li-/brary"
    only into a known word); ``term`` tells a word of the lexicon's terms (a speaker
    label holds none, unless it is a role word).  Either may be None: the rules then
    fall back to what the text alone shows.
    """

    known: Callable[[str], bool] | None = None
    term: Callable[[str], bool] | None = None


NO_KNOWLEDGE = WordKnowledge()


def prepare(document: Document, rules: ReadingRules = DEFAULT_RULES, words: WordKnowledge = NO_KNOWLEDGE) -> Document:
    """``document`` after the reading stage: cleaned, notes kept or dropped, furniture marked, structured."""
    cleaned = (clean_segment(segment, words.known) for segment in document.segments)
    # Blank segments (zero-width characters only) go, except a form feed on a line of its own: it still
    # breaks the pages that page furniture is found on, and goes once the furniture is marked.
    segments = [
        segment for segment in cleaned if segment.text and (not segment.text.isspace() or FORM_FEED in segment.text)
    ]
    if rules.notes == "exclude":
        segments = [segment for segment in segments if segment.location.part != "notes"]
    if rules.keep_furniture:
        segments = [replace(segment, furniture=False) if segment.furniture else segment for segment in segments]
    else:
        segments = mark_furniture(segments)
    segments = [segment for segment in segments if not segment.text.isspace()]
    deck = document.deck or document.format in DECK_FORMATS
    structured = apply_structure(segments, speakers=not deck, term_word=words.term)
    return replace(document, segments=structured)
