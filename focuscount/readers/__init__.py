"""One reader per format behind a small registry: extension → reader.

Each reader module exposes a ``read(path) -> Document`` function and imports its
heavy library lazily, so only the formats actually met are paid for.  A file no
reader accepts raises :class:`UnsupportedFormatError`; a reader that accepts a
file and fails raises :class:`ReadError` carrying the cause.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from focuscount.errors import ReadError, UnsupportedFormatError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document
from focuscount.reading import DEFAULT_RULES, NO_KNOWLEDGE, ReadingRules, WordKnowledge, prepare


@dataclass(frozen=True)
class ReaderSpec:
    """A format focuscount reads: its name, extensions and the module that reads it."""

    format: str
    extensions: tuple[str, ...]
    module: str

    def load(self) -> Callable[[Path, ReadLimits], Document]:
        """The reader's ``read`` function (imports the module on first use)."""
        return importlib.import_module(self.module).read


READERS: tuple[ReaderSpec, ...] = (
    ReaderSpec("txt", (".txt", ".text"), "focuscount.readers.text"),
    ReaderSpec("md", (".md", ".markdown"), "focuscount.readers.markdown"),
    ReaderSpec("pdf", (".pdf",), "focuscount.readers.pdf"),
    ReaderSpec("docx", (".docx",), "focuscount.readers.docx"),
    ReaderSpec("pptx", (".pptx",), "focuscount.readers.pptx"),
    ReaderSpec("html", (".html", ".htm"), "focuscount.readers.html"),
    ReaderSpec("odt", (".odt",), "focuscount.readers.odt"),
    ReaderSpec("odp", (".odp",), "focuscount.readers.odp"),
    ReaderSpec("rtf", (".rtf",), "focuscount.readers.rtf"),
    ReaderSpec("vtt", (".vtt",), "focuscount.readers.vtt"),
    ReaderSpec("srt", (".srt",), "focuscount.readers.srt"),
)

# Old binary formats: say how to convert them rather than just "unsupported".
LEGACY_FORMATS: dict[str, str] = {
    ".doc": "docx",
    ".ppt": "pptx",
    ".wpd": "docx",
}


def supported_extensions() -> tuple[str, ...]:
    """Every extension some reader accepts, sorted."""
    return tuple(sorted(ext for spec in READERS for ext in spec.extensions))


def spec_for(path: Path) -> ReaderSpec:
    """The reader spec for ``path``, or :class:`UnsupportedFormatError` saying why not."""
    suffix = path.suffix.lower()
    for spec in READERS:
        if suffix in spec.extensions:
            return spec
    if suffix in LEGACY_FORMATS:
        target = LEGACY_FORMATS[suffix]
        raise UnsupportedFormatError(
            path,
            f"{suffix} is an old binary format; convert it first, e.g. "
            f"`soffice --headless --convert-to {target} {path.name}`",
        )
    shown = suffix or "(no extension)"
    raise UnsupportedFormatError(
        path, f"unsupported format {shown}; focuscount reads {', '.join(supported_extensions())}"
    )


def is_supported(path: Path) -> bool:
    """True when some reader accepts ``path`` by its extension."""
    suffix = path.suffix.lower()
    return any(suffix in spec.extensions for spec in READERS)


def read_document(
    path: Path | str,
    limits: ReadLimits = DEFAULT_LIMITS,
    rules: ReadingRules = DEFAULT_RULES,
    words: WordKnowledge = NO_KNOWLEDGE,
) -> Document:
    """Read ``path`` with the reader for its format, within ``limits``, then through the reading stage.

    The stage (:func:`focuscount.reading.prepare`) does text hygiene, speaker notes,
    page furniture, sections and speakers the same way for every format, by ``rules``.

    Raises :class:`UnsupportedFormatError` when no reader accepts it and
    :class:`ReadError` when the reader fails (missing file, not a regular file,
    over a size limit, corrupt, encrypted …).
    """
    path = Path(path)
    spec = spec_for(path)
    reader = spec.load()
    try:
        raw = reader(path, limits)
    except (ReadError, UnsupportedFormatError):
        raise
    except MemoryError as error:
        raise ReadError(path, limits.expands(), error) from error
    except RecursionError as error:
        raise ReadError(path, f"cannot read {spec.format} file (nested too deeply)", error) from error
    except PermissionError as error:
        raise ReadError(path, "permission denied", error) from error
    except OSError as error:
        raise ReadError(path, f"cannot read file ({error.strerror or error})", error) from error
    except Exception as error:
        raise ReadError(path, f"cannot read {spec.format} file ({type(error).__name__}: {error})", error) from error
    return prepare(raw, rules, words)
