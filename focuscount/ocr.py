"""OCR of scanned PDF pages: Tesseract, through pytesseract, over page images rendered by PDFium.

A PDF page without a text layer (a scan) has no words for the PDF readers to
give.  With ``ocr="auto"`` (the default) such a page is rendered to an image and
read by Tesseract when Tesseract is installed; ``"always"`` reads every page that
way, its text layer ignored (for a PDF whose text layer is a poor OCR of its own);
``"never"`` reads text layers only.

Why pytesseract over pypdfium2 images, not ocrmypdf:

- only the text of the pages that lack it is needed, page by page, with its lines;
  ocrmypdf rewrites the whole PDF (through Ghostscript, with a new text layer),
  which then has to be read again: heavier, slower, and three more programs
  (Ghostscript, qpdf, ocrmypdf's own Python stack) to install;
- pypdfium2 is already the default PDF engine, so rendering a page costs no new
  dependency, and the rendered image is what the page cache is keyed by;
- pytesseract is a thin, maintained wrapper around the ``tesseract`` program
  (Debian ``tesseract-ocr``): the program does the work, in a subprocess with a
  time limit, so a page that hangs Tesseract is killed, not the run.

What a page gives: Tesseract's words (``image_to_data``), each line of its layout
one line of text and each of its paragraphs one segment, at ``page N`` with its
first line (line 5 is the fifth line of text OCR found on the page), marked
``ocr=True``.  Words Tesseract gives a confidence below :data:`MIN_WORD_CONFIDENCE`
are left out: on a page they are specks, rules, stamps and pictures read as
letters (a page of grey bars gives "a" or "/ OO"), not words of the minutes.

Bounds (:class:`~focuscount.limits.ReadLimits`): at most ``max_ocr_pages`` pages of
a file (a file with more pages to OCR is skipped with the reason), at most
``ocr_seconds_per_page`` seconds of Tesseract for one page, and page images of at
most ``max_ocr_pixels`` pixels (a larger page is rendered at a lower resolution).

The page cache: each page's text is kept in a file of its own, named by the sha256
of the rendered image, the Tesseract language(s), Tesseract's version and the
resolution, so a page is never read twice, whatever the file is called, however
often the PDF is re-saved, in whichever process (pool workers share nothing but
the folder).  Files are written atomically (a temporary file, then
``os.replace``) and read with a size bound; a damaged or foreign file is a miss.
The folder is ``ocr/`` in the result cache's folder (:func:`cache_folder`); without
a cache (``--no-cache``, or the library's default) pages are read each time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import math
import os
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from focuscount.errors import ConfigError, ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Location, Segment

log = logging.getLogger(__name__)

OcrMode = Literal["auto", "never", "always"]
OCR_MODES: tuple[OcrMode, ...] = ("auto", "never", "always")
DEFAULT_OCR_MODE: OcrMode = "auto"
DEFAULT_DPI = 300  # what Tesseract is trained for; lower resolutions lose small print
MIN_WORD_CONFIDENCE = 30.0  # Tesseract's confidence (0-100) below which a "word" is noise
INSTALL_HINT = "install tesseract-ocr to read scanned pages"
ENGLISH = "eng"

# A lexicon's language (ISO 639-1) → Tesseract's language data (ISO 639-2/T, Tesseract's spelling).
TESSERACT_LANGUAGES: dict[str, str] = {
    "en": "eng", "fr": "fra", "de": "deu", "es": "spa", "it": "ita", "nl": "nld", "pt": "por",
    "sv": "swe", "da": "dan", "nb": "nor", "no": "nor", "nn": "nor", "fi": "fin", "pl": "pol",
    "cs": "ces", "sk": "slk", "sl": "slv", "hr": "hrv", "hu": "hun", "ro": "ron", "et": "est",
    "lv": "lav", "lt": "lit", "el": "ell", "tr": "tur", "ru": "rus", "uk": "ukr", "ca": "cat",
    "eu": "eus", "gl": "glg", "ga": "gle", "cy": "cym", "is": "isl", "ja": "jpn", "zh": "chi_sim",
    "ko": "kor", "ar": "ara", "he": "heb",
}  # fmt: skip

_CACHE_FORMAT = "focuscount-ocr/1"  # the first line of a cached page; part of its key too
MAX_CACHED_PAGE_BYTES = 1024 * 1024  # a page of OCR text is a few KB; more is not a page of ours
_BLANK_PAGE = 230  # a rendered page whose darkest pixel is lighter than this is blank: nothing to OCR
_PROBE_SECONDS = 20.0  # `tesseract --version` and `--list-langs`


@dataclass(frozen=True)
class OcrSettings:
    """How a PDF reader reads scanned pages: the mode, the lexicon's languages, the page cache, the resolution.

    ``languages`` are the lexicon's language codes (``("en",)``; with
    ``language="auto"`` its family's), mapped to Tesseract's when a page is read;
    ``cache`` is the folder of the page cache (None: pages are not cached).
    """

    mode: OcrMode = DEFAULT_OCR_MODE
    languages: tuple[str, ...] = ("en",)
    cache: Path | None = None
    dpi: int = DEFAULT_DPI


NO_OCR = OcrSettings(mode="never")


@dataclass(frozen=True)
class Tesseract:
    """The installed Tesseract: its version and the languages it has data for."""

    version: str
    languages: frozenset[str]


@functools.cache
def find_tesseract() -> Tesseract | None:
    """The Tesseract that pytesseract runs (``pytesseract.pytesseract.tesseract_cmd``), or None when there is none.

    Asked once per process (two quick subprocesses).
    """
    try:
        import pytesseract
    except ImportError:
        log.debug("pytesseract is not installed: no OCR")
        return None
    command = str(pytesseract.pytesseract.tesseract_cmd)
    try:
        version = _run(command, "--version").splitlines()
        listed = _run(command, "--list-langs").splitlines()
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError) as error:
        log.debug("no usable tesseract (%s): no OCR", error)
        return None
    found = version[0].split()[-1] if version and version[0].split() else "unknown"
    # The first line says where the data is ("List of available languages in ..."); each further line names one.
    languages = frozenset(line.strip() for line in listed[1:] if line.strip() and " " not in line.strip())
    log.debug("tesseract %s with %s", found, ", ".join(sorted(languages)) or "no language data")
    return Tesseract(found, languages)


def _run(command: str, option: str) -> str:
    done = subprocess.run(
        [command, option], capture_output=True, timeout=_PROBE_SECONDS, check=True, stdin=subprocess.DEVNULL
    )
    # Tesseract 3 printed its version on stderr.
    return (done.stdout or done.stderr).decode("utf-8")


def require(mode: str) -> None:
    """Refuse ``mode`` "always" when Tesseract is not installed (a :class:`ConfigError` naming `ocr`)."""
    if mode == "always" and find_tesseract() is None:
        raise ConfigError(
            None,
            "`ocr` always needs Tesseract, which is not installed here: install tesseract-ocr "
            "(Debian, Ubuntu: apt-get install tesseract-ocr; macOS: brew install tesseract), or use `ocr` auto",
            parameters=("ocr",),
        )


def tesseract_language(languages: Sequence[str], tesseract: Tesseract) -> tuple[str, tuple[str, ...]]:
    """The Tesseract ``lang`` for ``languages`` ("eng", "eng+fra") and the languages it has no data for.

    A language without data is read as English (Tesseract's Latin letters read most
    European languages nearly right; a word's accents may be lost).
    """
    chosen: list[str] = []
    missing: list[str] = []
    for code in languages:
        name = TESSERACT_LANGUAGES.get(code.lower().replace("_", "-").partition("-")[0])
        if name is not None and name in tesseract.languages:
            if name not in chosen:
                chosen.append(name)
        else:
            missing.append(code)
    return "+".join(chosen) or ENGLISH, tuple(missing)


def language_notes(settings: OcrSettings) -> tuple[str, ...]:
    """What a run should say once about its OCR languages: one note per language Tesseract has no data for.

    Empty for ``mode="never"`` and when Tesseract is missing (each scanned file then says so).
    """
    if settings.mode == "never" or (tesseract := find_tesseract()) is None:
        return ()
    _, missing = tesseract_language(settings.languages, tesseract)
    notes = []
    for code in missing:
        name = TESSERACT_LANGUAGES.get(code.lower().partition("-")[0])
        package = f"tesseract-ocr-{name.replace('_', '-')}" if name else None
        fix = f"install {package}" if package else "Tesseract has no mapping for it"
        notes.append(
            f"Tesseract has no language data for '{code}'"
            + (f" ({name})" if name else "")
            + f": scanned pages are read as English; {fix}"
        )
    return tuple(notes)


def fingerprint(settings: OcrSettings) -> str:
    """What a PDF's reading depends on of OCR (for the result cache's key): mode, languages, Tesseract."""
    if settings.mode == "never":
        return "ocr:never"
    tesseract = find_tesseract()
    if tesseract is None:
        return f"ocr:{settings.mode}:no tesseract"
    language, _ = tesseract_language(settings.languages, tesseract)
    return f"ocr:{settings.mode}:{language}:{tesseract.version}:{settings.dpi}:{MIN_WORD_CONFIDENCE:g}"


def cache_folder(cache_dir: Path | None) -> Path:
    """The page cache's folder: ``ocr/`` in the result cache's folder ``cache_dir`` (None: the platform's)."""
    if cache_dir is None:
        from focuscount.cache import default_cache_dir

        cache_dir = default_cache_dir()
    return Path(cache_dir) / "ocr"


# ----------------------------------------------------------------- reading pages


def pages_to_read(has_text: Sequence[bool], settings: OcrSettings) -> list[int]:
    """The page numbers (1-based) to OCR: those without text with "auto" and Tesseract, every page with "always"."""
    if settings.mode == "always":
        return list(range(1, len(has_text) + 1))
    if settings.mode == "never" or all(has_text) or find_tesseract() is None:
        return []
    return [number for number, text in enumerate(has_text, start=1) if not text]


def no_text_reason(pages: int, settings: OcrSettings, tried: bool) -> str:
    """Why a PDF gave no text: a scan OCR found no words on (``tried``), or a scan without OCR, with how to read it
    (the hint to install Tesseract when that is what is missing)."""
    count = f"{pages} page{'s' if pages != 1 else ''}"
    if tried:
        return f"no extractable text in {count} (no text layer, and OCR found no words)"
    reason = f"no extractable text (scanned? run OCR first, e.g. `ocrmypdf in.pdf out.pdf`) in {count}"
    return f"{reason}; {INSTALL_HINT}" if settings.mode != "never" and find_tesseract() is None else reason


def read_pages(
    data: bytes,
    numbers: Sequence[int],
    settings: OcrSettings,
    path: Path,
    limits: ReadLimits = DEFAULT_LIMITS,
    page_count: int | None = None,
) -> dict[int, str]:
    """The OCR text of pages ``numbers`` (1-based) of the PDF ``data``: lines, and a blank line between paragraphs.

    Raises :class:`ReadError` for more pages than ``limits.max_ocr_pages``, a page
    Tesseract cannot read in time or at all, and Tesseract missing.  A page PDFium
    cannot render (a damaged file pdfminer.six read around) is left out with "auto"
    (its text layer was empty anyway), and a ReadError with "always"; so are all the
    pages when PDFium finds another number of pages than ``page_count`` (the reader's).
    """
    if len(numbers) > limits.max_ocr_pages:
        raise ReadError(
            path, f"{len(numbers)} pages to read by OCR, more than the {limits.max_ocr_pages} OCR reads of one file"
        )
    tesseract = find_tesseract()
    if tesseract is None:
        raise ReadError(path, f"its pages need OCR, and Tesseract is not installed; {INSTALL_HINT}")
    language, _ = tesseract_language(settings.languages, tesseract)
    cache = PageCache(settings.cache)
    texts: dict[int, str] = {}
    strict = settings.mode == "always"
    images = _page_images(data, numbers, settings.dpi, limits.max_ocr_pixels, path, strict, page_count)
    for number, image in images:
        key = page_key(image, language, tesseract.version, settings.dpi)
        text = cache.get(key)
        if text is None:
            text = _recognise(image, language, limits.ocr_seconds_per_page, path, number)
            cache.put(key, text)
        else:
            log.debug("%s: page %d: OCR text from the cache", path, number)
        texts[number] = text
    return texts


def _page_images(
    data: bytes, numbers: Sequence[int], dpi: int, max_pixels: int, path: Path, strict: bool, page_count: int | None
) -> Iterator[tuple[int, Any]]:
    """Each page of ``numbers`` rendered in greyscale at ``dpi`` (less for a page too large), as a PIL image.

    A page that cannot be rendered raises a ReadError when ``strict``, else is left out.
    """
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data, password="")
    except pypdfium2.PdfiumError as error:
        if strict:
            raise ReadError(path, f"its pages cannot be rendered for OCR ({_brief(error)})", error) from error
        log.debug("%s: no OCR: PDFium cannot open it (%s)", path, error)
        return
    try:
        if page_count is not None and len(document) != page_count:  # a damaged file: page N may not be page N
            reason = f"PDFium finds {len(document)} pages, not {page_count}: its pages cannot be rendered for OCR"
            if strict:
                raise ReadError(path, reason)
            log.debug("%s: no OCR: %s", path, reason)
            return
        for number in numbers:
            try:
                page = document[number - 1]
                try:
                    width, height = page.get_size()
                    if not (width > 0 and height > 0):
                        continue  # a page of no size shows nothing
                    scale = _scale(width, height, dpi, max_pixels)
                    image = page.render(scale=scale, grayscale=True).to_pil()
                finally:
                    page.close()
            except (pypdfium2.PdfiumError, IndexError) as error:  # IndexError: a page only pdfminer.six found
                if strict:
                    reason = f"page {number} cannot be rendered for OCR ({_brief(error)})"
                    raise ReadError(path, reason, error) from error
                log.debug("%s: page %d: no OCR: PDFium cannot render it (%s)", path, number, error)
                continue
            yield number, image
    finally:
        document.close()


def _scale(width: float, height: float, dpi: int, max_pixels: int) -> float:
    """The scale to render a ``width`` x ``height`` points page at: ``dpi``, or less to stay within ``max_pixels``."""
    scale = min(dpi / 72, (max_pixels / (width * height)) ** 0.5)
    while scale > 0 and math.ceil(width * scale) * math.ceil(height * scale) > max_pixels:  # PDFium rounds up
        scale *= 0.99
    return scale


def page_key(image: Any, language: str, version: str, dpi: int) -> str:
    """The page cache's key of one rendered page: sha256 of its pixels, the language, Tesseract's version, the dpi."""
    digest = hashlib.sha256()
    header = f"{_CACHE_FORMAT}\x1f{image.mode}\x1f{image.width}x{image.height}\x1f{language}\x1f{version}\x1f{dpi}"
    digest.update(f"{header}\x1f{MIN_WORD_CONFIDENCE:g}\x1f".encode())
    digest.update(image.tobytes())
    return digest.hexdigest()


def _recognise(image: Any, language: str, seconds: float, path: Path, number: int) -> str:
    """Tesseract's text of one page image (see :func:`page_text`); "" for a blank page, without asking it."""
    import pytesseract

    darkest, _ = image.getextrema()
    if darkest >= _BLANK_PAGE:
        return ""
    try:
        data = pytesseract.image_to_data(
            image, lang=language, timeout=seconds, output_type=pytesseract.Output.DICT, config="--psm 3"
        )
    except pytesseract.TesseractNotFoundError as error:
        raise ReadError(path, f"page {number} needs OCR, and Tesseract is gone; {INSTALL_HINT}", error) from error
    except pytesseract.TesseractError as error:
        raise ReadError(path, f"OCR of page {number} failed (tesseract: {_brief(error)})", error) from error
    except RuntimeError as error:  # pytesseract's time limit: the process is killed
        reason = f"OCR of page {number} took longer than {seconds:g} seconds (the limit for one page)"
        raise ReadError(path, reason, error) from error
    return page_text(data)


def page_text(data: dict[str, list[Any]]) -> str:
    """The text of ``image_to_data``'s words: a line per line of Tesseract's layout, a blank line between paragraphs.

    Words below :data:`MIN_WORD_CONFIDENCE` are left out, and a line or paragraph left empty with them.
    """
    paragraphs: dict[tuple[int, int, int], dict[int, list[str]]] = {}
    for index, word in enumerate(data.get("text", ())):
        word = str(word).strip()
        try:
            confidence = float(data["conf"][index])
        except (KeyError, IndexError, TypeError, ValueError):
            continue
        if not word or confidence < MIN_WORD_CONFIDENCE:
            continue
        where = (int(data["page_num"][index]), int(data["block_num"][index]), int(data["par_num"][index]))
        paragraphs.setdefault(where, {}).setdefault(int(data["line_num"][index]), []).append(word)
    blocks = ("\n".join(" ".join(words) for _, words in sorted(lines.items())) for lines in paragraphs.values())
    return "\n\n".join(blocks)


def segments(number: int, text: str) -> list[Segment]:
    """The segments of page ``number``'s OCR text: one per paragraph, at ``page N`` with its first line."""
    found: list[Segment] = []
    line = 0
    for paragraph in text.split("\n\n"):
        lines = [part for part in paragraph.split("\n") if part.strip()]
        if not lines:
            continue
        found.append(Segment("\n".join(lines), Location("page", number=number), first_line=line + 1, ocr=True))
        line += len(lines)
    return found


def _brief(error: BaseException) -> str:
    from focuscount.readers._textblocks import brief

    return brief(error)


# ----------------------------------------------------------------- the page cache


class PageCache:
    """OCR text by page key, one file per page in ``folder`` (None: a cache that keeps nothing).

    Never raises: a folder that cannot be made or written, a file that cannot be
    read or is not one of ours, costs only the time of reading the page again.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{key}.txt"

    def get(self, key: str) -> str | None:
        """The cached text of the page ``key``, or None."""
        path = self._path(key)
        if path is None:
            return None
        from focuscount.safeio import read_regular_file

        try:
            data = read_regular_file(path, MAX_CACHED_PAGE_BYTES)
            header, newline, text = data.decode("utf-8").partition("\n")
        except (ReadError, UnicodeDecodeError):
            return None
        if header != _CACHE_FORMAT or not newline:
            log.debug("%s: not an OCR cache file of this version: read again", path)
            return None
        return text

    def put(self, key: str, text: str) -> None:
        """Keep ``text`` as the page ``key`` (atomically: another process sees the whole file or none)."""
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".page-", suffix=".tmp")
            try:
                with os.fdopen(descriptor, "wb") as file:
                    file.write(f"{_CACHE_FORMAT}\n{text}".encode())
                os.replace(temporary, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError as error:
            log.debug("%s: OCR text not cached (%s)", path, error)
