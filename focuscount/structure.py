"""Speaker turns and sections, found only where a document makes them explicit.

A speaker turn starts with a label at the start of a line or paragraph:
``Chair: …``, ``Ms Okafor: …``, ``DIRECTOR: …``.  The label is attribution, not
speech: its words count as words of the text (as in every format), but no
lexicon term is matched in it (``Librarian:`` is not talk about librarians).
A turn lasts to the end of its paragraph (a block of lines), or to the next
label.  Field labels of minutes (``Present:``, ``Motion:``, ``Date:`` …) are not
speakers, and nothing in free prose ("Ms Okafor reported that …") is ever taken
for one.

A speaker label is a short name-like label followed by speech (see
:func:`speaker_label`): "Board Manual Updates:", "Not Present:" and a Title Case
heading such as "Content Security Policy: Cookie Controls" are not speakers.
An attendance line ("Present: …", "Staff: Jane Smith, Bob Lee", and the wrapped
lines of names after it) is a label: its words count, its terms never do.

A section starts at a heading the format marks (Markdown ``#``, a DOCX heading
style, HTML ``h1``–``h6``, an ODF heading) or at a numbered agenda item standing
on its own line (``4.2 Budget``, ``3. Children and families``), and lasts to the
next one.

This is the one implementation for every format: :func:`apply_structure` runs in
the reading stage (:mod:`focuscount.reading`) after every reader, and transcript
readers cut their cues with :func:`split_turns`, built on the same labels.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from focuscount.model import Segment

_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr|Councillor|Sir|Dame|Rev|Father|Sister)\.?"
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
_CONNECTOR = r"(?:of|the|for|and|de|da|van|von|der|du|le|la)"
_NAME = rf"(?:{_HONORIFIC}\s+)?{_NAME_WORD}(?:\s+(?:{_CONNECTOR}\s+)?{_NAME_WORD}){{0,3}}"
# A speaker may carry a number ("AUDIENCE MEMBER 2") and a bracketed affiliation ("MEMBER (Hollins Creek)").
_AFFILIATION = r"(?:[ \t]*\((?P<where>[^()\n:\d]*[^\W\d_][^()\n:]{0,58})\))"  # letters in it, not "(2024)"
_LABEL = re.compile(rf"^[ \t]*(?P<name>{_NAME})(?P<number>[ \t]+\d{{1,3}})?{_AFFILIATION}?[ \t]*:[ \t]+(?=\S)")
# Any short label at a line start, for attendance lines ("Board members present:", "Not Present:").
_ANY_LABEL = re.compile(r"^[ \t]*(?P<label>[^\W\d_][\w'’.\- ]{0,40}?)[ \t]*:(?:[ \t]+|$)")
_CONNECTORS = frozenset({"of", "the", "for", "and", "de", "da", "van", "von", "der", "du", "le", "la"})

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


# Labels that list who attended: the line (and the name list after it) is a label, not talk.
ATTENDANCE_LABELS = frozenset(
    {
        "present",
        "also present",
        "in attendance",
        "attendance",
        "attendees",
        "attending",
        "also attending",
        "absent",
        "excused",
        "apologies",
        "regrets",
        "guests",
        "not present",
        "members present",
        "members absent",
        "trustees present",
        "trustees absent",
        "board present",
        "board members present",
        "board members absent",
        "staff present",
        "staff attending",
        "staff in attendance",
        "others present",
        "visitors",
        "observers",
        "recorder",
        "recording secretary",
        "minutes taken by",
        "note taker",
        "notetaker",
        "scribe",
    }
)
_GROUP_WORDS = frozenset({"board", "trustees", "members", "committee", "council", "staff", "guests", "library"})
_ATTENDANCE_WORDS = frozenset({"present", "absent", "attending", "attendance", "excused", "apologies", "regrets"})

# People speak in minutes under these words: a label made of them is a speaker
# even when the lexicon counts the word elsewhere ("Librarian: …", "Staff: we …").
ROLE_WORDS = frozenset(
    {
        "chair", "chairperson", "chairman", "chairwoman", "co-chair", "vice", "deputy", "acting", "interim",
        "president", "director", "treasurer", "secretary", "clerk", "trustee", "member", "librarian",
        "manager", "head", "officer", "councillor", "commissioner", "moderator", "facilitator", "presenter",
        "speaker", "host", "panelist", "panellist", "staff", "patron", "customer", "user", "visitor",
        "guest", "participant", "attendee", "audience", "interviewer", "interviewee", "executive", "ceo",
        "cfo", "coordinator", "lead", "mayor", "superintendent", "principal", "teacher", "student",
        "parent", "resident", "friends", "counsel", "attorney", "auditor", "consultant", "representative",
    }
)  # fmt: skip

# Words that make a label a topic, not a person: "Board Manual Updates", "Not Present".
TOPIC_WORDS = frozenset(
    {
        "not", "update", "updates", "report", "reports", "manual", "policy", "policies", "plan", "plans",
        "planning", "budget", "review", "discussion", "business", "matters", "session", "announcements",
        "correspondence", "minutes", "agenda", "approval", "approvals", "items", "item", "new", "old",
        "unfinished", "general", "public", "comment", "comments", "services", "service", "department", "program",
        "programs", "programme", "programmes", "strategy", "strategic", "security", "content", "controls",
        "project", "projects", "proposal", "overview", "summary", "status", "next", "steps", "action",
        "financial", "finance", "finances", "facilities", "technology", "communications", "committee",
        "committees", "consent", "calendar", "hearing", "workshop", "training", "schedule",
        "timeline", "goals", "priorities", "results", "statistics", "data", "survey", "highlights",
        "news", "notes", "question", "questions", "topic", "topics", "issue", "issues", "decision",
        "vote", "motion", "attending", "present", "absent", "excused", "quarter", "year", "fiscal",
    }
)  # fmt: skip

_SPEECH_CONNECTORS = frozenset({"of", "the", "for", "and", "a", "an", "to", "in", "on", "at", "&", "with", "vs"})
_NAME_ITEM = re.compile(
    rf"^(?:{_HONORIFIC}\s+)?{_NAME_WORD}(?:\s+(?:{_CONNECTOR}\s+)?{_NAME_WORD}){{0,3}}(?:\s*\([^()]{{1,60}}\))?$"
)
_LIST_SEPARATORS = re.compile(r"\s*(?:[,;]|\band\b|&)\s*")

TermWord = Callable[[str], bool]


def is_name_list(text: str) -> bool:
    """True when ``text`` is a list of names: ``Jane Smith, Bob Lee (Treasurer) and Ana Ruiz``.

    One word alone ("Welcome.") is not a list of names; several one-word items are ("Ana, Bob, Chen").
    """
    items = [" ".join(item.split()) for item in _LIST_SEPARATORS.split(text.strip().rstrip(".")) if item.strip()]
    if not items or not all(_NAME_ITEM.match(item) for item in items):
        return False
    return len(items) > 1 or len(items[0].split()) > 1


_PARENTHESES = re.compile(r"\([^()]*\)?|^[^()]*\)")
_NAME_CONNECTORS = _CONNECTORS | {"&", "e", "y", "bin", "al"}


def continues_names(line: str) -> bool:
    """True when ``line`` carries on a wrapped list of names: no word in lower case outside brackets.

    ``"Branch Services), Owen Tremayne (Head of Collections), Carl Dobrowski"`` carries
    on an attendance line; ``"The chair opened the meeting."`` does not.
    """
    text = _PARENTHESES.sub(" ", line.strip().lstrip("-•*"))
    words = [word.strip(",;.:'’") for word in text.split()]
    words = [word for word in words if any(char.isalpha() for char in word)]
    return bool(words) and all(word[0].isupper() or word.lower() in _NAME_CONNECTORS for word in words)


def attendance_label(line: str) -> int | None:
    """The length of an attendance label at the start of ``line`` (``Present:``, ``Staff: A, B``), or None.

    A label is an attendance label when it says so ("Present", "Not Present",
    "Staff Attending", "Apologies") or when a list of names follows it
    ("Staff: Jane Smith, Bob Lee").
    """
    match = _ANY_LABEL.match(line)
    if match is None:
        return None
    label = " ".join(match["label"].split()).lower()
    words = label.split()
    rest = line[match.end() :]
    if label in ATTENDANCE_LABELS or words[-1] in _ATTENDANCE_WORDS or words[0] == "not":
        return match.end()
    people = all(word.rstrip("s") in ROLE_WORDS or word in _GROUP_WORDS for word in words)
    if people and rest.strip() and is_name_list(rest):
        return match.end()
    return None


def _is_speech(text: str) -> bool:
    """True when ``text`` (what follows a label) reads as something said, not a Title Case heading or a name list."""
    words = text.split()
    if not words:
        return False
    if is_name_list(text):
        return False
    lower = [word for word in words if word[0].islower() and word.lower() not in _SPEECH_CONNECTORS]
    if lower:
        return True
    return text.rstrip()[-1:] in ".!?…"


def speaker_label(line: str, term_word: TermWord | None = None) -> tuple[str, int] | None:
    """The speaker named by a label at the start of ``line`` and the label's length, or None.

    ``"Chair: We begin."`` → ``("Chair", 7)``; ``"DIRECTOR: Thanks"`` → ``("Director", 10)``.
    A speaker label is a short name-like label (one to four capitalised words, after
    an honorific if any) followed by speech.  It is not a speaker when it is a field
    of the minutes ("Present: all", "Budget: second quarter"), lists attendance
    ("Not Present: …", "Staff: Jane Smith, Bob Lee"), holds a topic word ("Board
    Manual Updates: …") or a word of the lexicon that is not a role word (``term_word``),
    or when what follows is a Title Case heading ("Content Security Policy: Cookie Controls").
    """
    match = _LABEL.match(line)
    if match is None:
        return None
    name = " ".join(match["name"].split())
    words = [word.strip(".'’").lower() for word in name.split()]
    if name.lower() in FIELD_LABELS or words[0] in {"item", "section", "part", "page", "slide"}:
        return None
    if attendance_label(line) is not None:
        return None
    plain = [word for word in words if not re.fullmatch(_HONORIFIC, word, re.IGNORECASE) and word not in _CONNECTORS]
    # "Head of Branch Services", "Director of Finance": a role and what it is of, a person's title
    title = len(words) > 2 and words[0] in ROLE_WORDS and words[1] == "of"
    if not title and any(word in TOPIC_WORDS for word in plain):
        return None
    if not title and term_word is not None and any(word not in ROLE_WORDS and term_word(word) for word in plain):
        return None
    if not _is_speech(line[match.end() :]):
        return None
    if name.isupper() and len(name) > 1:
        name = name.title()
    if match["number"]:
        name += f" {match['number'].strip()}"
    if match["where"]:
        name += f" ({' '.join(match['where'].split())})"
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


def apply_structure(
    segments: Iterable[Segment], speakers: bool = True, term_word: TermWord | None = None
) -> tuple[Segment, ...]:
    """Split segments at speaker labels, attendance labels and agenda items; set ``speaker`` and ``section``.

    Segments the reader marked as headings, and single-line blocks that are
    numbered agenda items, open a new section.  With ``speakers=False`` (slides)
    only sections are found.  Speakers a reader already set (transcripts) are kept.
    An attendance line ("Present: …", "Staff: Jane Smith, Bob Lee") becomes a
    segment of its own marked ``label``: its words count as words, its terms nowhere.
    ``term_word`` tells a word of the lexicon, which a speaker label may not hold
    unless it is a role word (see :func:`speaker_label`).
    """
    result: list[Segment] = []
    section: str | None = None
    for segment in segments:
        if segment.location.kind in MARGINAL_KINDS or segment.furniture:
            result.append(segment)  # running heads and notes stand outside the flow of sections and turns
            continue
        for piece in _blocks(segment):
            if piece.heading:
                section = " ".join(piece.text.split()) or section
            elif "\n" not in piece.text.strip() and (title := agenda_title(piece.text)):
                section = title
                piece = replace(piece, heading=True)
            if not piece.heading and piece.location.speaker is None:
                result.extend(_turns(piece, section, speakers, term_word))
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


def _turns(block: Segment, section: str | None, speakers: bool, term_word: TermWord | None) -> Iterator[Segment]:
    """A block cut where a line starts with a speaker or attendance label.

    A speaker label is marked as its turn's attribution; an attendance line, with
    the lines of names that continue it, is a piece of its own marked ``label``.
    """
    text = block.text
    cuts: list[tuple[int, int, str | None, bool]] = []  # (start, label length, speaker, is attendance)
    offset = 0
    in_attendance = False
    for line in text.split("\n"):
        attendance = attendance_label(line)
        label = speaker_label(line, term_word) if speakers and attendance is None else None
        if attendance is not None:
            cuts.append((offset, attendance, None, True))
            in_attendance = True
        elif label is not None:
            cuts.append((offset, label[1], label[0], False))
            in_attendance = False
        elif in_attendance and not continues_names(line):
            cuts.append((offset, 0, None, False))  # the names are over: what follows is talk again
            in_attendance = False
        offset += len(line) + 1
    if not cuts:
        yield replace(block, location=replace(block.location, section=section))
        return
    if cuts[0][0] > 0:
        cuts.insert(0, (0, 0, None, False))
    for index, (start, label_size, speaker, attendance) in enumerate(cuts):
        end = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
        piece = _sub_segment(block, start, end)
        if piece is not None:
            location = replace(piece.location, speaker=speaker, section=section)
            yield replace(
                piece,
                text=piece.text.rstrip("\n"),
                location=location,
                attribution=0 if attendance else label_size,
                label=attendance,
            )


def label_length(text: str) -> int:
    """How many leading characters of ``text`` are a speaker label (0 when it starts with none)."""
    label = speaker_label(text.split("\n", 1)[0])
    return 0 if label is None else label[1]


# --------------------------------------------------------------------------- transcripts
# A dialogue dash ("- ") or ">>" at a line start changes speaker in subtitles and captions.
_TURN_MARK = re.compile(r"^(?:[-\u2010\u2011\u2013\u2014][ \t]+|>>[ \t]*)(?=\S)")


def split_turns(text: str, speaker: str | None) -> tuple[list[tuple[str | None, str]], str | None]:
    """Cut a cue's text where a line starts with a speaker label or a dialogue dash.

    ``speaker`` is the speaker of text before the first label or dash.  Dashes
    are removed; labels stay at the start of their turn (see ``label_length``).
    Returns the non-empty turns as (speaker, text) and the speaker of the last
    turn (the one a following cue may continue).
    """
    turns: list[tuple[str | None, list[str]]] = [(speaker, [])]
    for line in text.split("\n"):
        line = line.strip()
        mark = _TURN_MARK.match(line)
        if mark is not None:
            line = line[mark.end() :]
        label = speaker_label(line)
        if label is not None:
            turns.append((label[0], []))  # the label stays in the text as the turn's attribution
        elif mark is not None:
            turns.append((None, []))
        turns[-1][1].append(line)
    last = turns[-1][0]
    result = [(who, tidy_lines("\n".join(lines))) for who, lines in turns]
    return [(who, text) for who, text in result if text], last


def tidy_lines(text: str) -> str:
    """Lines stripped, empty ones dropped."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())
