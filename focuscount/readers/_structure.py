"""Speaker turns and sections, found only where a document makes them explicit.

A speaker turn starts with a label at the start of a line or paragraph:
``Chair: …``, ``Ms Okafor: …``, ``DIRECTOR: …``.  The label is attribution, not
speech: its words count as words of the text (as in every format), but no
lexicon term is matched in it (``Librarian:`` is not talk about librarians).
A turn lasts to the end of its paragraph (a block of lines), or to the next
label.  Field labels of minutes (``Present:``, ``Motion:``, ``Date:`` …) are not
speakers, and nothing in free prose ("Ms Okafor reported that …") is ever taken
for one.

A section starts at a heading the format marks (Markdown ``#``, a DOCX heading
style, HTML ``h1``–``h6``, an ODF heading) or at a numbered agenda item standing
on its own line (``4.2 Budget``, ``3. Children and families``), and lasts to the
next one.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from focuscount.model import Segment

_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr|Councillor|Sir|Dame|Rev|Father|Sister)\.?"
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
_CONNECTOR = r"(?:of|the|for|and|de|da|van|von|der|du|le|la)"
_NAME = rf"(?:{_HONORIFIC}\s+)?{_NAME_WORD}(?:\s+(?:{_CONNECTOR}\s+)?{_NAME_WORD}){{0,3}}"
_LABEL = re.compile(rf"^[ \t]*(?P<name>{_NAME})[ \t]*:[ \t]+(?=\S)")

# Labels that name a field of the minutes, not a person speaking.
FIELD_LABELS = frozenset(
    {
        "present",
        "also present",
        "in attendance",
        "attendance",
        "attendees",
        "absent",
        "apologies",
        "regrets",
        "guests",
        "motion",
        "motions",
        "resolved",
        "resolution",
        "resolutions",
        "moved",
        "seconded",
        "carried",
        "vote",
        "votes",
        "result",
        "action",
        "actions",
        "action items",
        "decision",
        "decisions",
        "outcome",
        "outcomes",
        "agreed",
        "note",
        "notes",
        "nb",
        "ps",
        "date",
        "dates",
        "time",
        "times",
        "venue",
        "location",
        "place",
        "where",
        "when",
        "agenda",
        "minutes",
        "item",
        "items",
        "subject",
        "re",
        "title",
        "purpose",
        "summary",
        "background",
        "context",
        "recommendation",
        "recommendations",
        "proposal",
        "proposals",
        "next meeting",
        "next steps",
        "attachment",
        "attachments",
        "appendix",
        "source",
        "sources",
        "reference",
        "references",
        "see",
        "question",
        "questions",
        "answer",
        "answers",
        "q",
        "a",
        "total",
        "cost",
        "costs",
        "amount",
        "budget",
        "status",
        "owner",
        "due",
        "deadline",
        "goal",
        "goals",
        "aim",
        "aims",
        "objective",
        "objectives",
        "example",
        "examples",
        "update",
        "updates",
        "tip",
        "hint",
        "warning",
        "important",
        "reminder",
        "fyi",
        "tel",
        "telephone",
        "phone",
        "email",
        "e-mail",
        "fax",
        "web",
        "website",
        "address",
        "url",
        "http",
        "https",
    }
)

_AGENDA_ITEM = re.compile(r"^[ \t]*(?:Item[ \t]+)?\d{1,2}(?:\.\d{1,2}){0,3}[.)]?[ \t]+[A-ZÀ-ÖØ-Þ]")
_AGENDA_MAX_WORDS = 12
MARGINAL_KINDS = frozenset({"header", "footer", "footnote", "endnote"})
_MONTH_NAMES = "|".join(calendar.month_name[1:] + calendar.month_abbr[1:])
_DATE_START = re.compile(rf"^\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_NAMES})\b", re.IGNORECASE)


def speaker_label(line: str) -> tuple[str, int] | None:
    """The speaker named by a label at the start of ``line`` and the label's length, or None.

    ``"Chair: We begin."`` → ``("Chair", 7)``; ``"DIRECTOR: Thanks"`` → ``("Director", 10)``;
    ``"Present: all"`` → None (a field of the minutes, not a speaker).
    """
    match = _LABEL.match(line)
    if match is None:
        return None
    name = " ".join(match["name"].split())
    if name.lower() in FIELD_LABELS or name.split()[0].lower() in {"item", "section", "part", "page", "slide"}:
        return None
    if name.isupper() and len(name) > 1:
        name = name.title()
    return name, match.end()


def agenda_title(line: str) -> str | None:
    """``line`` as a section title when it is a numbered agenda item on its own (``4.2 Budget``)."""
    if len(line.split(maxsplit=_AGENDA_MAX_WORDS)) > _AGENDA_MAX_WORDS:  # a long line is prose: stop counting early
        return None
    text = " ".join(line.split())
    if not _AGENDA_ITEM.match(text):
        return None
    if text[-1] in ".;,!?":  # a numbered sentence, not a heading
        return None
    if _DATE_START.match(text):  # "12 March 2024": a date standing alone, not an agenda item
        return None
    return text


def apply_structure(segments: Iterable[Segment], speakers: bool = True) -> tuple[Segment, ...]:
    """Split segments at speaker labels and agenda items; set ``speaker`` and ``section`` on each.

    Segments the reader marked as headings, and single-line blocks that are
    numbered agenda items, open a new section.  With ``speakers=False`` (slides)
    only sections are found.  Speakers a reader already set (transcripts) are kept.
    """
    result: list[Segment] = []
    section: str | None = None
    for segment in segments:
        if segment.location.kind in MARGINAL_KINDS:
            result.append(segment)  # running heads and notes stand outside the flow of sections and turns
            continue
        for piece in _blocks(segment):
            if piece.heading:
                section = " ".join(piece.text.split()) or section
            elif "\n" not in piece.text.strip() and (title := agenda_title(piece.text)):
                section = title
                piece = replace(piece, heading=True)
            if speakers and not piece.heading and piece.location.speaker is None:
                result.extend(_turns(piece, section))
            else:
                result.append(replace(piece, location=replace(piece.location, section=section)))
    return tuple(result)


def _line_of(segment: Segment) -> int | None:
    """The line the segment's text starts on, when the format counts lines."""
    if segment.location.line is not None:
        return segment.location.line
    return segment.first_line


def _sub_segment(segment: Segment, start: int, end: int) -> Segment | None:
    """The part ``[start, end)`` of a segment's text as a segment located at its own line."""
    text = segment.text[start:end]
    if not text.strip():
        return None
    line = _line_of(segment)
    if line is None:
        return replace(segment, text=text)
    line += segment.text.count("\n", 0, start)
    if segment.location.line is not None:
        return replace(segment, text=text, location=replace(segment.location, line=line))
    return replace(segment, text=text, first_line=line)


def _blocks(segment: Segment) -> Iterator[Segment]:
    """The segment cut at blank lines (a PDF page holds many paragraphs)."""
    if segment.heading or ("\n\n" not in segment.text and "\n \n" not in segment.text):
        yield segment
        return
    start = 0
    for match in re.finditer(r"\n[ \t]*\n\s*", segment.text):
        piece = _sub_segment(segment, start, match.start())
        if piece is not None:
            yield piece
        start = match.end()
    piece = _sub_segment(segment, start, len(segment.text))
    if piece is not None:
        yield piece


def _turns(block: Segment, section: str | None) -> Iterator[Segment]:
    """A block cut where a line starts with a speaker label; each label marked as the turn's attribution."""
    text = block.text
    cuts: list[tuple[int, int, str | None]] = []  # (label start, label length, speaker)
    offset = 0
    for line in text.split("\n"):
        label = speaker_label(line)
        if label is not None:
            cuts.append((offset, label[1], label[0]))
        offset += len(line) + 1
    if not cuts:
        yield replace(block, location=replace(block.location, section=section))
        return
    if cuts[0][0] > 0:
        cuts.insert(0, (0, 0, None))
    for index, (start, label_size, speaker) in enumerate(cuts):
        end = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
        piece = _sub_segment(block, start, end)
        if piece is not None:
            location = replace(piece.location, speaker=speaker, section=section)
            yield replace(piece, text=piece.text.rstrip("\n"), location=location, attribution=label_size)


def label_length(text: str) -> int:
    """How many leading characters of ``text`` are a speaker label (0 when it starts with none)."""
    label = speaker_label(text.split("\n", 1)[0])
    return 0 if label is None else label[1]


def speakers_in(segments: Iterable[Segment]) -> list[str]:
    """The distinct speakers of ``segments`` in order of first appearance."""
    seen: dict[str, None] = {}
    for segment in segments:
        if segment.location.speaker:
            seen.setdefault(segment.location.speaker, None)
    return list(seen)
