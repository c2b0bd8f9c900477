"""How a corpus is read: :class:`ReadOptions`, taken by every library function that reads documents.

:func:`~focuscount.analysis.analyze`, :func:`~focuscount.evidence.iter_evidence`,
:func:`~focuscount.terms.term_report` and :func:`~focuscount.check.check_run` read
files the same way, so they take the same frozen bundle: how documents are dated,
which pipeline lemmatises them, which folders are left out, the size limits, and
what the reading stage keeps (speaker notes, page furniture).  The CLI builds one
from its flags and the settings (:meth:`focuscount.config.RunOptions.read_options`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from focuscount.dating import DATE_ORDERS, DateOrder, DatesManifest
from focuscount.errors import ConfigError
from focuscount.language import AUTO, LanguageSetting
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.ocr import DEFAULT_OCR_MODE, OCR_MODES, OcrMode, OcrSettings, require
from focuscount.readers import DEFAULT_PDF_ENGINE, PDF_ENGINE_NAMES, PdfEngine
from focuscount.reading import NOTES_CHOICES, NotesChoice, ReadingRules

if TYPE_CHECKING:
    from focuscount.cache import ResultCache


@dataclass(frozen=True)
class ReadOptions:
    """How to read the documents of one run.  Every field has the CLI's default.

    ``dates`` is a :class:`~focuscount.dating.DatesManifest` (a path or str is loaded
    as one); ``date_order`` reads numeric dates such as 03/04/2024 (``"dmy"`` or
    ``"mdy"``; None: not guessed); ``model`` names an installed spaCy pipeline
    (None: ``spacy.blank`` with lookup lemmas); ``exclude`` holds folder globs left
    out; ``follow_links`` reads links that lead outside the folders given;
    ``metadata_dates=False`` leaves a document only its file metadata could date
    undated; ``notes`` keeps or drops speaker notes; ``keep_furniture`` counts
    running headers, footers and page numbers as talk; ``language="auto"`` counts
    each document with the lexicon of its own language; ``pdf_engine`` picks the
    library that reads a PDF's text layer (``"pdfium"``, the default, or ``"pdfminer"``);
    ``ocr`` says which PDF pages are read by OCR (:mod:`focuscount.ocr`): ``"auto"`` those
    without a text layer, when Tesseract is installed; ``"never"``; ``"always"`` every page,
    its text layer ignored (refused when Tesseract is not installed); ``ocr_cache`` is the
    folder where each OCRed page's text is kept (None: pages are read by OCR every time).

    A value out of range is a :class:`~focuscount.errors.ConfigError` naming the field.
    """

    dates: DatesManifest | None = None
    date_order: DateOrder | None = None
    model: str | None = None
    exclude: tuple[str, ...] = ()
    limits: ReadLimits = DEFAULT_LIMITS
    follow_links: bool = False
    metadata_dates: bool = True
    notes: NotesChoice = "include"
    keep_furniture: bool = False
    language: LanguageSetting | None = None
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE
    ocr: OcrMode = DEFAULT_OCR_MODE
    ocr_cache: Path | None = None

    def __post_init__(self) -> None:
        if isinstance(self.dates, str | Path):
            object.__setattr__(self, "dates", DatesManifest.load(self.dates))
        if isinstance(self.ocr_cache, str):
            object.__setattr__(self, "ocr_cache", Path(self.ocr_cache))
        if isinstance(self.exclude, str):  # one glob given bare, not a tuple of its characters
            object.__setattr__(self, "exclude", (self.exclude,))
        elif not isinstance(self.exclude, tuple):
            object.__setattr__(self, "exclude", tuple(self.exclude))
        _one_of("date_order", self.date_order, DATE_ORDERS, none=True)
        _one_of("notes", self.notes, NOTES_CHOICES)
        _one_of("language", self.language, (AUTO,), none=True)
        _one_of("pdf_engine", self.pdf_engine, PDF_ENGINE_NAMES)
        _one_of("ocr", self.ocr, OCR_MODES)
        require(self.ocr)  # "always" without Tesseract: refused before any file is read

    @property
    def rules(self) -> ReadingRules:
        """What the reading stage keeps (see :mod:`focuscount.reading`)."""
        return ReadingRules(notes=self.notes, keep_furniture=self.keep_furniture)

    def ocr_settings(self, languages: tuple[str, ...]) -> OcrSettings:
        """How the PDF readers read scanned pages, in ``languages`` (the lexicon's language codes)."""
        return OcrSettings(self.ocr, languages, self.ocr_cache)

    def without_dates(self) -> ReadOptions:
        """The same options without the dates manifest (for copies of the files elsewhere, whose paths it does
        not name)."""
        return replace(self, dates=None)


def _one_of(name: str, value: object, allowed: Iterable[str], none: bool = False) -> None:
    choices = tuple(allowed)
    if (value is None and none) or value in choices:
        return
    wanted = ", ".join(repr(choice) for choice in choices) + (" or None" if none else "")
    raise ConfigError(None, f"`{name}` must be {wanted}, not {value!r}", parameters=(name,))


DEFAULT_READ = ReadOptions()

ExecutorKind = Literal["local", "dask"]
EXECUTOR_KINDS: tuple[ExecutorKind, ...] = ("local", "dask")
DEFAULT_TIMEOUT_PER_FILE = 120.0  # seconds: a file that takes longer is skipped, the run goes on


@dataclass(frozen=True)
class Execution:
    """How the per-file work of a run is done; it never changes a number, only how fast they come.

    ``jobs`` files are read and counted at once (1: in this process; more: in a pool
    of worker processes, each loading spaCy once); a file whose reading takes longer
    than ``timeout_per_file`` seconds in a worker, or whose worker crashes, is skipped
    with the reason.  ``cache`` is an open :class:`~focuscount.cache.ResultCache`
    (None: nothing is cached).  ``executor="dask"`` runs the work on the Dask cluster
    at ``scheduler`` instead.  The library's default is one job and no cache; the CLI
    uses every core and the user's cache folder.
    """

    jobs: int = 1
    timeout_per_file: float | None = DEFAULT_TIMEOUT_PER_FILE
    cache: ResultCache | None = field(default=None, compare=False)
    executor: ExecutorKind = "local"
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.jobs, bool) or not isinstance(self.jobs, int) or self.jobs < 1:
            raise ConfigError(
                None, f"`jobs` must be a whole number, 1 or more, not {self.jobs!r}", parameters=("jobs",)
            )
        timeout = self.timeout_per_file
        if timeout is not None and (
            isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0
        ):
            raise ConfigError(
                None,
                f"`timeout_per_file` must be a number of seconds above 0, not {timeout!r}",
                parameters=("timeout_per_file",),
            )
        _one_of("executor", self.executor, EXECUTOR_KINDS)
        if self.executor == "dask" and not self.scheduler:
            raise ConfigError(
                None,
                "`executor` dask needs the address of a scheduler in `scheduler`",
                parameters=("executor", "scheduler"),
            )


SERIAL = Execution()
