"""One reader per format behind a small registry: extension → reader.

Each reader module exposes a ``read(path) -> Document`` function and imports its
heavy library lazily, so only the formats actually met are paid for.  A file no
reader accepts raises :class:`UnsupportedFormatError`; a reader that accepts a
file and fails raises :class:`ReadError` carrying the cause.

Readers turn what they know to be a broken file into a :class:`ReadError` with a
clear reason themselves.  An exception that escapes a reader anyway is classified
by :func:`read_document`, from what its :class:`ReaderSpec` declares:

- a **bad file** ("cannot read FMT file (KeyError: word/footnotes.xml)") when its
  type (or a base class) is one of ``bad_file_errors``, the exceptions only a
  parser raises on malformed bytes (``zipfile.BadZipFile``, lxml's
  ``XMLSyntaxError``, pdfminer's ``PSException`` …), or when it was raised in a
  frame of one of the spec's ``libraries`` (the innermost frame of its traceback
  belongs to, say, ``pdfminer`` or ``docx``): a parsing library raising ``KeyError``,
  ``ValueError`` or ``TypeError`` on a corrupt file is the file's fault;
- an :class:`InternalReadError` otherwise ("internal error while reading this
  file (please report it …)"): a ``TypeError``, ``AttributeError`` or ``IndexError``
  raised in focuscount's own code is a bug to report, not a broken file.

Matching by the innermost frame is what makes a bare ``KeyError`` or ``ValueError``
decidable; matching by type is what covers C parsers (lxml, zlib) whose frames
may not show.  The fuzz and torture corpora (thousands of corrupt files) reach
neither rule today: every reader already turns them into a ReadError of its own.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from focuscount.errors import InternalReadError, ReadError, UnsupportedFormatError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document
from focuscount.ocr import OcrSettings
from focuscount.readers._textblocks import brief
from focuscount.reading import DEFAULT_RULES, NO_KNOWLEDGE, ReadingRules, WordKnowledge, prepare

log = logging.getLogger(__name__)

# Bad-file exceptions of every format: a text the file's bytes cannot be decoded as.
COMMON_BAD_FILE_ERRORS: tuple[str, ...] = ("builtins.UnicodeDecodeError",)
# Named, not imported: naming pdfminer's exceptions must not import pdfminer (`focuscount --help` stays quick).
_ZIP_ERRORS = ("zipfile.BadZipFile", "zlib.error")
_XML_ERRORS = ("lxml.etree.LxmlError", "xml.etree.ElementTree.ParseError")


@dataclass(frozen=True)
class ReaderSpec:
    """A format focuscount reads: its name, extensions, the module that reads it, and what a bad file raises.

    ``libraries`` are the top-level packages that parse the file's bytes for this
    reader; ``bad_file_errors`` the qualified names (``module.Class``) of exceptions
    that mean a malformed file wherever they are raised.  See the module docstring.
    """

    format: str
    extensions: tuple[str, ...]
    module: str
    libraries: tuple[str, ...] = ()
    bad_file_errors: tuple[str, ...] = ()
    reads_scans: bool = False  # its ``read`` takes OcrSettings third: it reads scanned pages by OCR (PDF)

    def load(self) -> Callable[..., Document]:
        """The reader's ``read(path, limits[, ocr])`` function (imports the module on first use)."""
        return importlib.import_module(self.module).read

    def is_bad_file(self, error: BaseException) -> bool:
        """True when ``error``, escaped from this reader, means a broken file rather than a bug in focuscount."""
        names = {f"{cls.__module__}.{cls.__qualname__}" for cls in type(error).__mro__}
        if not names.isdisjoint(COMMON_BAD_FILE_ERRORS + self.bad_file_errors):
            return True
        return raised_in(error) in self.libraries


def raised_in(error: BaseException) -> str:
    """The top-level package of the innermost frame of ``error``'s traceback ("" without one).

    Cython frames (lxml) carry their module's globals too, so ``lxml`` is named.
    """
    frame = error.__traceback__
    if frame is None:
        return ""
    while frame.tb_next is not None:
        frame = frame.tb_next
    return str(frame.tb_frame.f_globals.get("__name__", "")).partition(".")[0]


READERS: tuple[ReaderSpec, ...] = (
    ReaderSpec("txt", (".txt", ".text"), "focuscount.readers.text"),
    ReaderSpec("md", (".md", ".markdown"), "focuscount.readers.markdown", ("markdown_it",)),
    ReaderSpec(
        "pdf",
        (".pdf",),
        "focuscount.readers.pdf",
        ("pdfminer",),
        ("pdfminer.psexceptions.PSException", "struct.error", "zlib.error"),
        reads_scans=True,
    ),
    ReaderSpec(
        "docx",
        (".docx",),
        "focuscount.readers.docx",
        ("docx", "lxml", "zipfile", "xml"),
        (*_ZIP_ERRORS, *_XML_ERRORS, "docx.opc.exceptions.OpcError"),
    ),
    ReaderSpec(
        "pptx",
        (".pptx",),
        "focuscount.readers.pptx",
        ("pptx", "lxml", "zipfile", "xml"),
        (*_ZIP_ERRORS, *_XML_ERRORS, "pptx.exc.PythonPptxError"),
    ),
    # Word and PowerPoint 97-2003: converted by LibreOffice (when installed), then read by the docx or pptx reader.
    ReaderSpec(
        "doc",
        (".doc",),
        "focuscount.readers.legacy",
        ("docx", "lxml", "zipfile", "xml"),
        (*_ZIP_ERRORS, *_XML_ERRORS, "docx.opc.exceptions.OpcError"),
    ),
    ReaderSpec(
        "ppt",
        (".ppt",),
        "focuscount.readers.legacy",
        ("pptx", "lxml", "zipfile", "xml"),
        (*_ZIP_ERRORS, *_XML_ERRORS, "pptx.exc.PythonPptxError"),
    ),
    ReaderSpec("html", (".html", ".htm"), "focuscount.readers.html", ("lxml", "html"), ("lxml.etree.LxmlError",)),
    ReaderSpec("odt", (".odt",), "focuscount.readers.odt", ("zipfile", "xml"), (*_ZIP_ERRORS, *_XML_ERRORS)),
    ReaderSpec("odp", (".odp",), "focuscount.readers.odp", ("zipfile", "xml"), (*_ZIP_ERRORS, *_XML_ERRORS)),
    ReaderSpec("rtf", (".rtf",), "focuscount.readers.rtf"),
    ReaderSpec("vtt", (".vtt",), "focuscount.readers.vtt"),
    ReaderSpec("srt", (".srt",), "focuscount.readers.srt"),
)

# The libraries that can read a PDF's text layer; pdfminer.six is the reader of READERS. PDFium (pypdfium2) gives
# the same documents on every test and example PDF, 2-3 times as fast (tools/compare_pdf_engines.py), so it is the
# default; a file it cannot open is read by pdfminer.six, whose exceptions can then come through it too.
PdfEngine = Literal["pdfminer", "pdfium"]
PDF_ENGINE_NAMES: tuple[PdfEngine, ...] = ("pdfium", "pdfminer")
DEFAULT_PDF_ENGINE: PdfEngine = "pdfium"
DEFAULT_OCR = OcrSettings()  # scanned pages read by OCR in English when Tesseract is installed, nothing cached
PDF_ENGINES: dict[PdfEngine, ReaderSpec] = {
    "pdfium": ReaderSpec(
        "pdf",
        (".pdf",),
        "focuscount.readers.pdfium",
        ("pypdfium2", "pypdfium2_raw", "pdfminer"),
        ("pypdfium2._helpers.misc.PdfiumError", "pdfminer.psexceptions.PSException", "struct.error", "zlib.error"),
        reads_scans=True,
    ),
}

# Old binary formats no reader takes: say how to convert them rather than just "unsupported".
# (.doc and .ppt have a reader: focuscount.readers.legacy converts them with LibreOffice.)
LEGACY_FORMATS: dict[str, str] = {
    ".wpd": "docx",
}


def supported_extensions() -> tuple[str, ...]:
    """Every extension some reader accepts, sorted."""
    return tuple(sorted(ext for spec in READERS for ext in spec.extensions))


def spec_for(path: Path, pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE) -> ReaderSpec:
    """The reader spec for ``path``, or :class:`UnsupportedFormatError` saying why not."""
    suffix = path.suffix.lower()
    for spec in READERS:
        if suffix in spec.extensions:
            return PDF_ENGINES[pdf_engine] if spec.format == "pdf" and pdf_engine != "pdfminer" else spec
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
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE,
    ocr: OcrSettings = DEFAULT_OCR,
) -> Document:
    """Read ``path`` with the reader for its format, within ``limits``, then through the reading stage.

    The stage (:func:`focuscount.reading.prepare`) does text hygiene, speaker notes,
    page furniture, sections and speakers the same way for every format, by ``rules``.
    ``pdf_engine`` picks the library that reads a PDF's text layer (:data:`PDF_ENGINES`);
    ``ocr`` says how a PDF's scanned pages are read (:mod:`focuscount.ocr`; default: by
    OCR in English when Tesseract is installed, nothing cached).

    Raises :class:`UnsupportedFormatError` when no reader accepts it and
    :class:`ReadError` when the reader fails (missing file, not a regular file,
    over a size limit, corrupt, encrypted …); its subclass :class:`InternalReadError`
    when the failure is a bug in focuscount (see the module docstring).
    """
    return prepare(read_raw_document(path, limits, pdf_engine, ocr), rules, words)


def read_raw_document(
    path: Path | str,
    limits: ReadLimits = DEFAULT_LIMITS,
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE,
    ocr: OcrSettings = DEFAULT_OCR,
) -> Document:
    """What the reader for ``path``'s format gives, before the reading stage (the part worth caching).

    Raises as :func:`read_document` does.
    """
    path = Path(path)
    spec = spec_for(path, pdf_engine)
    reader = spec.load()
    try:
        raw = reader(path, limits, ocr) if spec.reads_scans else reader(path, limits)
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
        origin = raised_in(error) or "?"
        if spec.is_bad_file(error):
            log.debug("%s: %s raised in %s: a broken %s file", path, type(error).__name__, origin, spec.format)
            reason = f"cannot read {spec.format} file ({type(error).__name__}: {brief(error)})"
            raise ReadError(path, reason, error) from error
        log.debug("%s: %s raised in %s: an internal error", path, type(error).__name__, origin)
        raise InternalReadError(path, error) from error
    log.debug("%s: read as %s, %d segments", path, spec.format, len(raw.segments))
    return raw
