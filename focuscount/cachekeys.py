"""The keys of the result cache: what a cached reading or count depends on, so a hit is never a wrong number.

- A **reading** (a reader's output, before the reading stage) depends on the file's
  bytes, the PDF engine, OCR (the mode, Tesseract's language and version:
  :func:`focuscount.ocr.fingerprint`), and the code that read it.
- **Counts** depend on the reading, the reading options that shape the text (speaker
  notes, page furniture), the lexicon (its content hash; with ``language="auto"``
  its whole family's), the spaCy pipeline, the context kept around hits, and
  whether unmatched words were asked for; dates are not in them (the main process
  dates each document, from its name and the dates manifest, after the cache).

"The code" is focuscount's own source (every module and template, hashed at first
use) and the versions of the libraries that read and tokenise, so an upgrade of
either can never serve a number the new code would not give.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

from focuscount.language import AUTO, lexicon_family
from focuscount.ocr import fingerprint
from focuscount.work import CountJob, ocr_settings

CACHE_FORMAT = "1"
# The libraries whose behaviour a cached reading or count depends on.
_LIBRARIES = (
    "spacy", "spacy-lookups-data", "pdfminer.six", "pypdfium2", "python-docx", "python-pptx", "lxml",
    "markdown-it-py", "py3langid", "pytesseract", "pillow",
)  # fmt: skip


@functools.cache
def code_version() -> str:
    """A hash of focuscount's source files and of the versions of the libraries it reads and counts with."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".j2", ".css", ".toml"} and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode("utf-8", "surrogateescape"))
            digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version};".encode())
    return digest.hexdigest()


def reading_key(content: str, job: CountJob, pdf: bool = True) -> str:
    """The key of a file's reading: its content hash, the PDF engine, OCR, the code.

    OCR reads PDF pages only: the reading of a file of another format (``pdf=False``) does
    not depend on it, so installing Tesseract keeps those, and a run of them never asks for it.
    """
    return _key("reading", content, job.options.pdf_engine, _ocr(job) if pdf else "-", code_version())


# What OCR a job reads with, by job: Tesseract is asked (and a language family found) once per run, not per file.
_OCR: dict[int, tuple[CountJob, str]] = {}


def _ocr(job: CountJob) -> str:
    known = _OCR.get(id(job))
    if known is not None and known[0] is job:
        return known[1]
    text = fingerprint(ocr_settings(job))
    _OCR.clear()
    _OCR[id(job)] = (job, text)
    return text


@functools.cache
def _model_version(model: str | None) -> str:
    if model is None:
        return "blank"
    try:
        return f"{model}={metadata.version(model)}"
    except metadata.PackageNotFoundError:
        return f"{model}=-"


def counts_key(reading: str, job: CountJob) -> str:
    """The key of a file's counts under ``job``, from its reading's key."""
    options = job.options
    return _key(
        "counts",
        reading,
        options.notes,
        str(options.keep_furniture),
        _lexicons(job),
        _model_version(options.model),
        str(options.language),
        str(job.context_words),
        str(job.unmatched),
    )


# The lexicons a job counts with, by job: a family is found on disk, once per run, not once per file.
_FAMILIES: dict[int, tuple[CountJob, str]] = {}


def _lexicons(job: CountJob) -> str:
    if job.options.language != AUTO:
        return job.lexicon.sha256
    known = _FAMILIES.get(id(job))
    if known is not None and known[0] is job:
        return known[1]
    family = lexicon_family(job.lexicon)
    text = ",".join(f"{code}:{member.sha256}" for code, member in sorted(family.members.items()))
    _FAMILIES.clear()  # one run at a time in a process: keep only the latest job's
    _FAMILIES[id(job)] = (job, text)
    return text


def numbers_key(counts: str) -> str:
    """The key of the same counts without their hits: all a run that reports only numbers needs to decode."""
    return _key("numbers", counts)


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def pipeline_key(language: str, model: str | None) -> str:
    """The key of what is known of the pipeline for ``language`` (or ``model``): it may change with the code."""
    return _key("pipeline", language, _model_version(model), code_version())
