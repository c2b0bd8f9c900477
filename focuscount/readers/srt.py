"""SubRip reader (.srt): one segment per cue, with its start time and the speaker the captions name.

A cue is a timing line ``00:01:02,500 --> 00:01:04,000`` and the text lines
after it; the index line before it is optional and never trusted (cues are
numbered in file order, ``cue N``, located at their start time normalised to
``HH:MM:SS.mmm``).  Extra blank lines, CRLF or CR line ends, a byte-order mark
and any encoding are tolerated.  Formatting tags (``<i>``, ``<b>``, ``<u>``,
``<font …>``) and positioning codes (``{\\an8}``) are removed.

Speakers follow the caption convention: a name marks a change of speaker.  A
``Name:`` label at the start of a line of a cue (see ``speaker_label``) sets the
speaker (it counts as words, never as a hit), and the following cues without a label keep that
speaker until the next label.  A line starting with a dialogue dash (``- ``) or
``>>`` marks a change to a speaker the captions do not name: its text, and the
cues after it until the next label, have no speaker (unless the dash is
followed by a label: ``- Chair: Thank you.``).  Text before any label has no
speaker: nothing is guessed.  A cue with several turns gives one segment per
turn, all at the cue's location.
"""

from __future__ import annotations

import re
from pathlib import Path

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document, Location, Segment
from focuscount.readers._textblocks import decode_text, read_bytes
from focuscount.readers.vtt import normalise_timestamp
from focuscount.structure import label_length, split_turns

_TIMESTAMP = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})[,.](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIMESTAMP}\s*-->\s*{_TIMESTAMP}(?:\s.*)?$")
_TAGS = re.compile(r"</?[a-zA-Z][^<>\n]*>|\{\\[^{}\n]*\}")


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a SubRip subtitle file into cue segments.

    Raises :class:`~focuscount.errors.ReadError` for a file with no cue (an
    empty file, another kind of file) and for a binary one.
    """
    path = Path(path)
    lines = decode_text(read_bytes(path, limits), path).split("\n")
    timings = [(index, match) for index, line in enumerate(lines) if (match := _TIMING.match(line))]
    if not timings:
        raise ReadError(
            path,
            "not an SRT subtitle file (no cues found); an .srt file holds cues timed like "
            "00:01:02,500 --> 00:01:04,000",
        )
    segments: list[Segment] = []
    speaker: str | None = None
    for number, (index, match) in enumerate(timings, start=1):
        end = timings[number][0] if number < len(timings) else len(lines)
        text_lines = _without_index(lines[index + 1 : end], last=number == len(timings))
        text = "\n".join(_TAGS.sub("", line) for line in text_lines if line.strip())
        turns, speaker = split_turns(text, speaker)
        timestamp = normalise_timestamp(*match.groups()[:4])
        for who, turn in turns:
            location = Location("cue", number, timestamp=timestamp, speaker=who)
            segments.append(Segment(turn, location, attribution=label_length(turn)))
    return Document(path=path, format="srt", segments=tuple(segments))


def _without_index(lines: list[str], last: bool) -> list[str]:
    """A cue's lines without the index of the next cue (a number right before its timing line).

    After the last cue a number only counts as an index when a blank line
    separates it from the text (a cue with no timing, at the end of a cut file).
    """
    lines = list(lines)
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and lines[-1].strip().isdigit() and (not last or (len(lines) > 1 and not lines[-2].strip())):
        lines.pop()
    return lines
