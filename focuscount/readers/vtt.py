"""WebVTT reader (.vtt): one segment per cue, with its start time and, when the file says so, its speaker.

The file must start with ``WEBVTT`` (after an optional byte-order mark); text
after it on that line is the document's title.  The header, ``NOTE`` comments
and ``STYLE``/``REGION`` blocks are skipped; cue identifiers and cue settings
are ignored.  Tags are markup, not words: ``<c.x>``, ``<b>``, ``<i>``, ``<u>``,
``<lang>``, ``<ruby>`` and inline timestamps (``<00:01:02.000>``) vanish, and so
does a ruby annotation (``<rt>…</rt>``, a reading aid repeating the base text).
Character references (``&amp;``) are decoded.

Cues are numbered in file order, ``cue N``, and located at their start time
``HH:MM:SS.mmm``.  A speaker is taken only where the file names one, never
guessed: a voice span ``<v Name>`` (also ``<v.loud Name>``) gives the speaker
of its text and the name is not counted; in text outside voice spans, a
``Name:`` label at the start of a line (see ``speaker_label``) gives the
speaker of what follows (it counts as words, never as a hit), and a line starting with a dialogue
dash (``- ``) or ``>>`` starts a turn of an unknown speaker.  A cue that says
nothing about its speaker has none; a cue with several speakers gives one
segment per turn, all at the cue's location.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.readers._textblocks import clean_title, decode_text, read_bytes
from focuscount.structure import label_length, split_turns, tidy_lines

_SIGNATURE = re.compile(r"^WEBVTT(?:[ \t](.*))?$")
_TIMESTAMP = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIMESTAMP}\s*-->\s*{_TIMESTAMP}(?:\s.*)?$")
# [ \t], not \s: with MULTILINE, \s* would run over every following blank line from each line start (quadratic).
_SRT_TIMING = re.compile(r"^[ \t]*\d+:\d{2}:\d{2},\d{3}[ \t]*-->", re.MULTILINE)
_NAMED_BLOCK = re.compile(r"^(?:NOTE(?:[ \t].*)?|STYLE[ \t]*|REGION[ \t]*)$")
_TAG = re.compile(r"<([^<>\n]*)>")
_NOT_TITLES = frozenset({"file"})


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a WebVTT file into cue segments.

    Raises :class:`~focuscount.errors.ReadError` for a file that does not start
    with ``WEBVTT`` and for a binary one.
    """
    path = Path(path)
    text = decode_text(read_bytes(path, limits), path)
    lines = text.split("\n")
    signature = _SIGNATURE.match(lines[0].lstrip("\ufeff"))
    if signature is None:
        hint = "; it looks like SRT subtitles: rename it to .srt" if _SRT_TIMING.search(text) else ""
        raise ReadError(
            path,
            f'not a WebVTT file (it does not start with "WEBVTT"{hint}); check that it really is a .vtt subtitle file',
        )
    segments: list[Segment] = []
    for number, (timestamp, cue_lines) in enumerate(_cues(lines), start=1):
        location = Location("cue", number, timestamp=timestamp)
        for speaker, turn in _voice_turns("\n".join(cue_lines)):
            segments.append(
                Segment(
                    turn,
                    location if speaker is None else _with_speaker(location, speaker),
                    attribution=label_length(turn),
                )
            )
    header = " ".join((signature[1] or "").split()).strip(" -\u2013\u2014:")
    return Document(
        path=path,
        format="vtt",
        segments=tuple(segments),
        title=None if header.lower() in _NOT_TITLES else clean_title(header),
    )


def _with_speaker(location: Location, speaker: str) -> Location:
    return Location(location.kind, location.number, timestamp=location.timestamp, speaker=speaker)


def _cues(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(start time, text lines) of each valid cue, in file order."""
    cues: list[tuple[str, list[str]]] = []
    index = 1
    # The header runs to the first blank line (or to a cue timing, as the WebVTT parser reads it).
    while index < len(lines) and lines[index].strip() and "-->" not in lines[index]:
        index += 1
    while index < len(lines):
        while index < len(lines) and not lines[index].strip():
            index += 1
        block: list[str] = []
        while index < len(lines) and lines[index].strip():
            block.append(lines[index])
            index += 1
        cues.extend(_block_cues(block))
    return cues


def _block_cues(block: list[str]) -> list[tuple[str, list[str]]]:
    """The cues of one block (none for a comment, style or region; a line with ``-->`` starts a new cue)."""
    if not block or ("-->" not in block[0] and _NAMED_BLOCK.match(block[0].rstrip())):
        return []
    start = 0 if "-->" in block[0] else 1  # an optional cue identifier comes first
    cues: list[tuple[str, list[str]]] = []
    while start < len(block):
        timing = _TIMING.match(block[start])
        end = start + 1
        while end < len(block) and "-->" not in block[end]:
            end += 1
        if timing is not None:
            cues.append((normalise_timestamp(*timing.groups()[:4]), block[start + 1 : end]))
        start = end
    return cues


def normalise_timestamp(hours: str | None, minutes: str, seconds: str, fraction: str) -> str:
    """``HH:MM:SS.mmm`` from the parts of a cue timing (``1:2:3,5`` → ``01:02:03.500``)."""
    # Hours are kept as digits, never made an int: a timing line of thousands of digits is no error.
    hours = (hours or "").lstrip("0").rjust(2, "0")
    return f"{hours}:{int(minutes):02d}:{int(seconds):02d}.{fraction.ljust(3, '0')}"


def _voice_turns(cue_text: str) -> list[tuple[str | None, str]]:
    """The cue's turns: voice spans give their speaker, other text is cut at labels and dashes."""
    runs: list[tuple[bool, str | None, list[str]]] = []  # (inside a voice span, speaker, text pieces)
    voiced, voice = False, None
    ruby_text = 0
    position = 0
    for match in [*_TAG.finditer(cue_text), None]:
        end = match.start() if match is not None else len(cue_text)
        if not ruby_text and end > position:
            if not runs or runs[-1][:2] != (voiced, voice):
                runs.append((voiced, voice, []))
            runs[-1][2].append(html.unescape(cue_text[position:end]))
        if match is None:
            break
        position = match.end()
        tag = match[1].strip()
        name = re.split(r"[.\s]", tag, maxsplit=1)[0].lower()
        if name == "v":
            voiced, voice = True, " ".join(tag.split()[1:]) or None
        elif name == "/v":
            voiced, voice = False, None
        elif name == "rt":
            ruby_text += 1
        elif name in ("/rt", "/ruby"):
            ruby_text = 0
    turns: list[tuple[str | None, str]] = []
    for in_voice, speaker, pieces in runs:
        text = "".join(pieces).replace("\xa0", " ")
        if in_voice:
            text = tidy_lines(text)
            if text:
                turns.append((speaker, text))
        else:
            turns.extend(split_turns(text, None)[0])
    return turns
