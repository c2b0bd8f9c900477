"""The work done on one file, wherever it runs: read it (or take its cached reading), then count it.

:func:`count_file` is what every executor runs (:mod:`focuscount.executors`): in this
process, in a pool of worker processes, or on a Dask cluster.  Each process builds
its matchers (and so loads spaCy) once, in :func:`start`, from the run's
:class:`CountJob`; a task carries one file.  The result is undated: dates come from
the dates manifest and the file's name, which the main process knows, so the cache
can hold counts whatever a file is called.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from focuscount.counting import count_document
from focuscount.dating import leading_segments
from focuscount.discovery import STDIN, Skipped
from focuscount.errors import LexiconError, ReadError, UnsupportedFormatError
from focuscount.language import AUTO, LanguageChoice, LanguageIdentifier, LexiconFamily, choose, lexicon_family
from focuscount.lexicon import Lexicon
from focuscount.matching import LexiconMatcher
from focuscount.model import Document, DocumentCounts
from focuscount.nlp import get_pipeline
from focuscount.ocr import OcrSettings
from focuscount.options import ReadOptions
from focuscount.readers import read_raw_document
from focuscount.readers._textblocks import read_bytes
from focuscount.readers.text import standard_input_document
from focuscount.reading import WordKnowledge, prepare


@dataclass(frozen=True)
class CountJob:
    """What every file of one run is counted with (the dates manifest stays in the main process)."""

    lexicon: Lexicon
    options: ReadOptions
    context_words: int
    unmatched: bool = False


@dataclass(frozen=True)
class CacheKeys:
    """Where a file's results go in the cache: the worker packs them, so the main process only writes them."""

    reading: str | None  # None: the reading came from the cache (nothing to keep of it)
    counts: str
    numbers: str


@dataclass(frozen=True)
class FileTask:
    """One file to count: its path, its reader output when the cache had it, its bytes when shipped away.

    What comes back is only what the run uses: with ``hits=False`` the counts without their hits (and
    only the segments dating reads); with ``cache`` the cache's entries, packed (and the reading is not
    sent back as an object).  Less to pickle back, and less for the main process to do.
    """

    path: Path
    raw: Document | None = None
    data: bytes | None = None  # for a worker on another machine: the file itself (read within the limits)
    hits: bool = True
    cache: CacheKeys | None = None


@dataclass(frozen=True)
class FileResult:
    """What counting one file gave: its undated counts (with the reader output to cache), or why it was skipped."""

    path: Path
    counts: DocumentCounts | None = None
    raw: Document | None = None  # the reader's output, when it was read here (None: it came from the cache)
    skipped: Skipped | None = None
    packed: tuple[tuple[str, str, bytes], ...] = ()  # the cache's rows (table, key, value), for task.cache


class Matchers:
    """The matcher of the run's lexicon, and with ``language="auto"`` those of its family, built as needed."""

    def __init__(self, lexicon: Lexicon, model: str | None, language: str | None) -> None:
        self.model = model
        self.base = self._matcher(lexicon)
        self.family = lexicon_family(lexicon) if language == AUTO else None
        self.identifier = LanguageIdentifier(self.family.languages) if self.family else None
        self._built: dict[str, LexiconMatcher] = {lexicon.language: self.base}
        pipeline = self.base.pipeline
        self.words = WordKnowledge(
            known=pipeline.is_known_word if pipeline.has_word_list else None, term=self.base.is_term_word
        )

    def _matcher(self, lexicon: Lexicon) -> LexiconMatcher:
        try:
            pipeline = get_pipeline(lexicon.language, self.model)
        except LexiconError as error:
            raise LexiconError(lexicon.path, error.message, error.line) from error
        return LexiconMatcher(lexicon, pipeline)

    def for_document(self, document: Document) -> tuple[LexiconMatcher, LanguageChoice | None]:
        """The matcher to count ``document`` with, and the language choice behind it (None without auto)."""
        if self.family is None or self.identifier is None:
            return self.base, None
        choice = choose(self.family, self.identifier, document.text)
        matcher = self._built.get(choice.language)
        if matcher is None:
            matcher = self._built[choice.language] = self._matcher(choice.lexicon)
        return matcher, choice


def ocr_settings(job: CountJob, family: LexiconFamily | None = None) -> OcrSettings:
    """How the files of ``job`` have their scanned pages read: in its lexicon's language (with ``language="auto"``,
    in all of its family's)."""
    if job.options.language == AUTO:
        languages = (family or lexicon_family(job.lexicon)).languages
    else:
        languages = (job.lexicon.language,)
    return job.options.ocr_settings(languages)


# One job per process: set by start(), once, before the process's first file.
_job: CountJob | None = None
_matchers: Matchers | None = None
_ocr: OcrSettings | None = None


def start(job: CountJob) -> None:
    """Make this process ready to count files of ``job``: build its matchers (spaCy loads here)."""
    global _job, _matchers, _ocr
    if _job is not None and _job == job and _matchers is not None:
        return
    _matchers = Matchers(job.lexicon, job.options.model, job.options.language)
    _ocr = ocr_settings(job, _matchers.family)
    _job = job


def count_file(task: FileTask) -> FileResult:
    """Read and count one file with the job given to :func:`start`; a file that cannot be read is skipped."""
    if _job is None or _matchers is None or _ocr is None:
        raise RuntimeError("count_file() before start(job)")  # a bug of the executor, not of the file
    job, matchers = _job, _matchers
    raw = task.raw
    try:
        if raw is None:
            raw = _read(task, job.options, _ocr)
    except UnsupportedFormatError as error:
        return FileResult(task.path, skipped=Skipped(task.path, error.reason))
    except ReadError as error:
        return FileResult(task.path, skipped=Skipped(task.path, error.reason, cause=error.cause))
    document = prepare(raw, job.options.rules, matchers.words)
    matcher, choice = matchers.for_document(document)
    counts = count_document(document, matcher, job.context_words, job.unmatched)
    if choice is not None:
        counts = replace(counts, language=choice.language, lexicon_name=choice.lexicon.name, language_note=choice.note)
    if task.hits and task.cache is None:
        return FileResult(task.path, counts=counts, raw=None if task.raw is not None else raw)
    numbers = numbers_only(counts)
    if task.cache is not None:
        from focuscount.cache import pack_counts, pack_document

        keys = task.cache
        rows = [("counts", keys.counts, pack_counts(counts)), ("counts", keys.numbers, pack_counts(numbers))]
        if keys.reading is not None and task.raw is None:
            rows.insert(0, ("raw", keys.reading, pack_document(raw)))
        return FileResult(task.path, counts=counts if task.hits else numbers, packed=tuple(rows))
    return FileResult(task.path, counts=numbers)


def numbers_only(counts: DocumentCounts) -> DocumentCounts:
    """``counts`` as a run that reports only numbers needs them: no hits, and only the segments dating reads.

    Such a run drops the rest (:meth:`~focuscount.model.DocumentCounts.without_evidence`) once the
    document is dated, so the cache keeps and decodes a few kilobytes a document, not its whole text.
    """
    document = replace(counts.document, segments=leading_segments(counts.document))
    return replace(counts, hits=(), ignored=(), segment_words=(), document=document)


def _read(task: FileTask, options: ReadOptions, ocr: OcrSettings) -> Document:
    if task.path == STDIN:  # its bytes were read in the main process: a worker has no standard input
        return standard_input_document(task.data or b"", task.path, options.limits)
    if task.data is None:
        return read_raw_document(task.path, options.limits, options.pdf_engine, ocr)
    # Shipped bytes: read from a private copy named like the original (the reader picks the format by its suffix).
    with tempfile.TemporaryDirectory(prefix="focuscount-") as folder:
        copy = Path(folder) / f"file{task.path.suffix}"
        copy.write_bytes(task.data)
        try:
            raw = read_raw_document(copy, options.limits, options.pdf_engine, ocr)
        except ReadError as error:
            raise ReadError(task.path, error.reason, error.cause) from error
    return replace(raw, path=task.path)


def shipped(task: FileTask, options: ReadOptions) -> FileTask:
    """``task`` with the file's bytes in it, for a worker that cannot see this machine's files."""
    if task.raw is not None or task.data is not None:
        return task
    try:
        return replace(task, data=read_bytes(task.path, options.limits))
    except (ReadError, OSError):
        return task  # the worker meets the same failure, and reports it as usual


def content_hash(path: Path, options: ReadOptions) -> str | None:
    """The sha256 of the file's bytes (read within the limits), or None when it cannot be read."""
    try:
        data = read_bytes(path, options.limits)
    except (ReadError, OSError):
        return None
    return hashlib.sha256(data).hexdigest()
