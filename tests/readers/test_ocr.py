"""OCR of scanned PDF pages (focuscount.ocr): both PDF engines, the modes, the page cache, the bounds, the CLI.

The fixtures are made once by tests/fixtures/make_fixtures.py: ``scanned-minutes.pdf``
(two A5 pages of board minutes as speckled, slightly turned greyscale images, no
text layer) and ``scanned-mixed.pdf`` (a typed page with a text layer, then the
second scanned page).  Tests that run Tesseract are skipped with the reason where
it is not installed; the others (Tesseract missing, limits before OCR, the cache
files, languages) run everywhere.  Tesseract's output is deterministic for one
version; the counts asserted are of clean, large print that any Tesseract 4 or 5 reads.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from focuscount import ocr
from focuscount.cachekeys import reading_key
from focuscount.config import Settings, apply_environment, load_settings, run_options
from focuscount.counting import count_document
from focuscount.errors import ConfigError, ReadError
from focuscount.limits import ReadLimits
from focuscount.matching import LexiconMatcher
from focuscount.model import Document
from focuscount.nlp import get_pipeline
from focuscount.ocr import OcrSettings, PageCache, Tesseract, find_tesseract
from focuscount.options import ReadOptions
from focuscount.readers import read_document, read_raw_document
from focuscount.readers.pdf import read as pdfminer_read
from focuscount.readers.pdfium import read as pdfium_read
from focuscount.serial import decode_counts, decode_document, encode_counts, encode_document
from focuscount.work import CountJob

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SCHEMAS = Path(__file__).resolve().parents[2] / "docs" / "schemas"
SCAN = FIXTURES / "scanned-minutes.pdf"
MIXED = FIXTURES / "scanned-mixed.pdf"
ENGINES = ("pdfium", "pdfminer")
TODAY = "no extractable text (scanned? run OCR first, e.g. `ocrmypdf in.pdf out.pdf`) in 1 page"

needs_tesseract = pytest.mark.skipif(
    find_tesseract() is None, reason="tesseract is not installed (Debian: apt-get install tesseract-ocr)"
)


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A result-cache folder whose ocr/ holds the scan's pages once the first test has read them."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """pytesseract pointed at a program that does not exist: Tesseract is not installed, as far as focuscount sees."""
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-such-tesseract"))
    find_tesseract.cache_clear()
    yield
    monkeypatch.undo()
    find_tesseract.cache_clear()


@pytest.fixture
def tesseract_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Every page image given to Tesseract (its size), counted while the real Tesseract still reads it."""
    import pytesseract

    calls: list[tuple[int, int]] = []
    real = pytesseract.image_to_data

    def counting(image: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(image.size)
        return real(image, *args, **kwargs)

    monkeypatch.setattr(pytesseract, "image_to_data", counting)
    return calls


def scan_settings(shared_cache: Path, **changes: Any) -> OcrSettings:
    return OcrSettings(cache=ocr.cache_folder(shared_cache), **changes)


def counted(document: Document) -> dict[str, dict[str, int]]:
    from focuscount.lexicon import load_lexicon
    from focuscount.reading import prepare

    lexicon = load_lexicon("library")
    counts = count_document(prepare(document), LexiconMatcher(lexicon, get_pipeline(lexicon.language)))
    return counts.term_counts


# ----------------------------------------------------------------- reading scans


@needs_tesseract
@pytest.mark.parametrize("engine", ENGINES)
def test_a_scan_is_read_by_ocr_page_by_page_with_its_lines(engine: str, shared_cache: Path) -> None:
    document = read_raw_document(SCAN, pdf_engine=engine, ocr=scan_settings(shared_cache))  # type: ignore[arg-type]
    assert document.ocr_pages == 2
    assert all(segment.ocr for segment in document.segments)
    lines = [
        (segment.location.number, segment.first_line + index, line)
        for segment in document.segments
        if segment.first_line is not None
        for index, line in enumerate(segment.text.split("\n"))
    ]
    # OCR's lines are numbered from the top of each page, as a text layer's are.
    assert lines[0] == (1, 1, "Riverside Public Library")
    assert (1, 5, "Patrons asked for Sunday opening at the main") in lines
    assert (2, 4, "books. Patrons with a card may now borrow") in lines
    assert lines[-1] == (2, 8, "The board meets again on 11 April 2019.")
    assert len(lines) == 19  # 11 lines on page 1, 8 on page 2: the page number and the specks give none


@needs_tesseract
def test_both_engines_give_the_same_scanned_document(shared_cache: Path) -> None:
    pdfium = read_raw_document(SCAN, pdf_engine="pdfium", ocr=scan_settings(shared_cache))
    pdfminer = read_raw_document(SCAN, pdf_engine="pdfminer", ocr=scan_settings(shared_cache))
    assert pdfium.segments == pdfminer.segments
    assert (pdfium.ocr_pages, pdfium.deck) == (pdfminer.ocr_pages, pdfminer.deck) == (2, False)


@needs_tesseract
def test_the_scan_counts_its_patrons(shared_cache: Path) -> None:
    terms = counted(read_raw_document(SCAN, ocr=scan_settings(shared_cache)))
    assert terms["customer"] == {"patron": 5, "child": 1, "parent": 1, "library user": 1, "reader": 1}
    assert terms["institution"] == {"library": 2, "budget": 3, "branch": 1, "staff": 1}


@needs_tesseract
@pytest.mark.parametrize("engine", ENGINES)
def test_only_the_pages_without_a_text_layer_are_read_by_ocr(engine: str, shared_cache: Path) -> None:
    document = read_raw_document(MIXED, pdf_engine=engine, ocr=scan_settings(shared_cache))  # type: ignore[arg-type]
    assert document.ocr_pages == 1
    assert [(str(s.location), s.first_line, s.ocr) for s in document.segments[:3]] == [
        ("page 1", 1, False),
        ("page 1", 2, False),
        ("page 2", 1, True),
    ]
    assert document.segments[1].text == "Patrons asked for longer hours."
    assert {s.location.number for s in document.segments if s.ocr} == {2}


@needs_tesseract
def test_never_reads_the_text_layer_only(shared_cache: Path, tesseract_calls: list[tuple[int, int]]) -> None:
    with pytest.raises(ReadError) as caught:
        read_raw_document(SCAN, ocr=scan_settings(shared_cache, mode="never"))
    assert str(caught.value) == f"{SCAN}: {TODAY.replace('1 page', '2 pages')}"
    mixed = read_raw_document(MIXED, ocr=scan_settings(shared_cache, mode="never"))
    assert [s.text for s in mixed.segments] == ["Minutes of the library board.", "Patrons asked for longer hours."]
    assert (mixed.ocr_pages, tesseract_calls) == (0, [])


@needs_tesseract
@pytest.mark.parametrize("engine", ENGINES)
def test_always_reads_every_page_by_ocr_and_ignores_the_text_layer(engine: str, shared_cache: Path) -> None:
    document = read_raw_document(
        FIXTURES / "same_text.pdf",
        pdf_engine=engine,  # type: ignore[arg-type]
        ocr=scan_settings(shared_cache, mode="always"),
    )
    assert document.ocr_pages == 1
    assert all(segment.ocr for segment in document.segments)
    assert "Customers and patrons praised the new user interface." in document.text
    assert counted(document)["customer"] == {"customer": 1, "patron": 1, "child": 1, "library user": 1}


@needs_tesseract
def test_a_scan_ocr_finds_no_words_on_is_still_unreadable(tesseract_calls: list[tuple[int, int]]) -> None:
    # scanned.pdf holds grey bars and a circle: Tesseract reads "a" or "/ OO" at low confidence, which is noise.
    path = FIXTURES / "scanned.pdf"
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path}: no extractable text in 1 page (no text layer, and OCR found no words)"
    assert len(tesseract_calls) == 1


@needs_tesseract
def test_a_blank_page_is_not_given_to_tesseract(tesseract_calls: list[tuple[int, int]]) -> None:
    document = read_raw_document(FIXTURES / "multipage.pdf")  # page 2 is empty
    assert [str(segment.location) for segment in document.segments] == ["page 1", "page 3"]
    assert (document.ocr_pages, tesseract_calls) == (0, [])


# ----------------------------------------------------------------- Tesseract missing


@pytest.mark.parametrize("read", [pdfium_read, pdfminer_read], ids=ENGINES)
def test_without_tesseract_a_scan_is_skipped_with_the_hint(no_tesseract: None, read: Callable[..., Document]) -> None:
    path = FIXTURES / "scanned.pdf"
    with pytest.raises(ReadError) as caught:
        read(path, ocr=OcrSettings())
    assert str(caught.value) == f"{path}: {TODAY}; install tesseract-ocr to read scanned pages"


def test_without_tesseract_the_text_layer_of_a_mixed_pdf_is_read(no_tesseract: None) -> None:
    document = read_raw_document(MIXED)
    assert [s.text for s in document.segments] == ["Minutes of the library board.", "Patrons asked for longer hours."]
    assert document.ocr_pages == 0


def test_always_without_tesseract_is_a_config_error(no_tesseract: None) -> None:
    with pytest.raises(ConfigError) as caught:
        ReadOptions(ocr="always")
    assert caught.value.parameters == ("ocr",)
    assert "`ocr` always needs Tesseract, which is not installed here: install tesseract-ocr" in str(caught.value)
    assert ReadOptions(ocr="auto").ocr == "auto"  # auto and never need nothing


def test_always_without_tesseract_fails_the_cli_before_reading(no_tesseract: None, tmp_path: Path) -> None:
    from focuscount.cli import cli

    (tmp_path / "2024-03-12-minutes.txt").write_text("Patrons asked for the library to open on Sundays.\n")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--ocr", "always"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: --ocr always needs Tesseract, which is not installed here: install ")
    assert "use --ocr auto" in result.output


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ConfigError) as caught:
        ReadOptions(ocr="sometimes")  # type: ignore[arg-type]
    assert str(caught.value) == "`ocr` must be 'auto', 'never', 'always', not 'sometimes'"


# ----------------------------------------------------------------- bounds


def test_more_pages_to_ocr_than_the_limit_is_skipped_before_any_ocr(tesseract_calls: list[tuple[int, int]]) -> None:
    with pytest.raises(ReadError) as caught:
        pdfium_read(SCAN, ReadLimits(max_ocr_pages=1), OcrSettings(mode="always"))
    assert str(caught.value) == f"{SCAN}: 2 pages to read by OCR, more than the 1 OCR reads of one file"
    assert tesseract_calls == []


@needs_tesseract
def test_a_page_tesseract_takes_too_long_on_is_skipped_with_the_reason() -> None:
    with pytest.raises(ReadError) as caught:
        read_raw_document(SCAN, ReadLimits(ocr_seconds_per_page=0.01))
    assert str(caught.value) == f"{SCAN}: OCR of page 1 took longer than 0.01 seconds (the limit for one page)"


def test_a_large_page_is_rendered_within_the_pixel_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    sizes: list[tuple[int, int]] = []

    def recorded(image: Any, **_: Any) -> dict[str, list[Any]]:
        sizes.append(image.size)
        return {"text": ["Patrons"], "conf": [96.0], "page_num": [1], "block_num": [1], "par_num": [1], "line_num": [1]}

    monkeypatch.setattr(pytesseract, "image_to_data", recorded)
    monkeypatch.setattr(ocr, "find_tesseract", lambda: Tesseract("5.3.0", frozenset({"eng"})))
    document = pdfium_read(SCAN, ReadLimits(max_ocr_pixels=200_000), OcrSettings())
    assert [(s.text, str(s.location), s.first_line, s.ocr) for s in document.segments] == [
        ("Patrons", "page 1", 1, True),
        ("Patrons", "page 2", 1, True),
    ]
    # A5 at 300 dpi would be 1748 x 2480 pixels; at most 200,000 it is rendered at about 63 dpi.
    assert len(sizes) == 2 and all(width * height <= 200_000 for width, height in sizes)
    assert sizes[0][0] == 372


# ----------------------------------------------------------------- the page cache


@needs_tesseract
def test_a_page_is_never_read_twice(tmp_path: Path, tesseract_calls: list[tuple[int, int]]) -> None:
    settings = OcrSettings(cache=tmp_path / "ocr")
    first = read_raw_document(SCAN, ocr=settings)
    assert len(tesseract_calls) == 2
    assert sorted(path.suffix for path in (tmp_path / "ocr").iterdir()) == [".txt", ".txt"]
    copy = tmp_path / "renamed.pdf"
    shutil.copy(SCAN, copy)
    again = read_raw_document(copy, pdf_engine="pdfminer", ocr=settings)  # another name, the other engine
    assert len(tesseract_calls) == 2  # no call the second time
    assert again.segments == first.segments


def test_cached_pages_are_kept_whole_and_anything_else_is_a_miss(tmp_path: Path) -> None:
    cache = PageCache(tmp_path / "ocr")
    assert cache.get("a" * 64) is None
    cache.put("a" * 64, "Patrons asked for Sunday opening.\n\n2. Budget")
    assert cache.get("a" * 64) == "Patrons asked for Sunday opening.\n\n2. Budget"
    assert [path.name for path in (tmp_path / "ocr").iterdir()] == ["a" * 64 + ".txt"]  # no temporary file left
    assert os.stat(tmp_path / "ocr").st_mode & 0o777 == 0o700
    (tmp_path / "ocr" / ("b" * 64 + ".txt")).write_text("some other program's text")
    (tmp_path / "ocr" / ("c" * 64 + ".txt")).write_bytes(b"focuscount-ocr/1\n\xff\xfe")
    (tmp_path / "ocr" / ("d" * 64 + ".txt")).write_bytes(b"focuscount-ocr/1\n" + b"x" * ocr.MAX_CACHED_PAGE_BYTES)
    (tmp_path / "ocr" / ("e" * 64 + ".txt")).mkdir()
    assert [cache.get(letter * 64) for letter in "bcde"] == [None, None, None, None]


def test_a_cache_folder_that_cannot_be_used_costs_only_time(tmp_path: Path) -> None:
    (tmp_path / "ocr").write_text("a file where the folder should be")
    cache = PageCache(tmp_path / "ocr")
    cache.put("a" * 64, "Patrons")  # no error
    assert cache.get("a" * 64) is None
    assert PageCache(None).get("a" * 64) is None


def test_the_page_key_depends_on_pixels_language_version_and_resolution() -> None:
    from PIL import Image

    white, grey = Image.new("L", (20, 20), 255), Image.new("L", (20, 20), 128)
    key = ocr.page_key(white, "eng", "5.3.0", 300)
    assert key == ocr.page_key(Image.new("L", (20, 20), 255), "eng", "5.3.0", 300)
    others = {
        ocr.page_key(grey, "eng", "5.3.0", 300),
        ocr.page_key(white, "fra", "5.3.0", 300),
        ocr.page_key(white, "eng", "5.4.0", 300),
        ocr.page_key(white, "eng", "5.3.0", 200),
    }
    assert key not in others and len(others) == 4


def test_the_reading_key_depends_on_the_ocr_mode_language_and_tesseract(
    library_lexicon: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from focuscount.lexicon import load_lexicon

    french = load_lexicon("library-fr")

    def key(lexicon: Any, mode: str) -> str:
        return reading_key("0" * 64, CountJob(lexicon, ReadOptions(ocr=mode), 8))  # type: ignore[arg-type]

    monkeypatch.setattr(ocr, "find_tesseract", lambda: Tesseract("5.3.0", frozenset({"eng", "fra"})))
    keys = {key(library_lexicon, "auto"), key(library_lexicon, "never"), key(french, "auto")}
    assert len(keys) == 3
    assert key(library_lexicon, "auto") == key(load_lexicon("library"), "auto")
    # Without French data a French scan is read as English: the same reading, the same key.
    monkeypatch.setattr(ocr, "find_tesseract", lambda: Tesseract("5.3.0", frozenset({"eng"})))
    assert key(french, "auto") == key(library_lexicon, "auto")
    # A new Tesseract, or none at all, may read differently.
    english = key(library_lexicon, "auto")
    monkeypatch.setattr(ocr, "find_tesseract", lambda: Tesseract("5.4.1", frozenset({"eng"})))
    assert key(library_lexicon, "auto") != english
    monkeypatch.setattr(ocr, "find_tesseract", lambda: None)
    assert key(library_lexicon, "auto") not in {english, key(library_lexicon, "never")}


def test_ocr_flags_survive_the_result_cache(shared_cache: Path) -> None:
    from focuscount.lexicon import load_lexicon
    from focuscount.model import Location, Segment
    from focuscount.reading import prepare

    document = Document(
        SCAN, "pdf", (Segment("Patrons asked.", Location("page", 1), first_line=4, ocr=True),), ocr_pages=1
    )
    assert decode_document(encode_document(document)) == document
    lexicon = load_lexicon("library")
    counts = count_document(prepare(document), LexiconMatcher(lexicon, get_pipeline("en")))
    assert [(hit.term, str(hit.location), hit.ocr) for hit in counts.hits] == [("patron", "page 1, line 4", True)]
    assert decode_counts(encode_counts(counts)).hits == counts.hits


# ----------------------------------------------------------------- languages


def test_lexicon_languages_are_mapped_to_tesseract_data() -> None:
    installed = Tesseract("5.3.0", frozenset({"eng", "fra", "osd"}))
    assert ocr.tesseract_language(("en",), installed) == ("eng", ())
    assert ocr.tesseract_language(("fr", "en", "de"), installed) == ("fra+eng", ("de",))
    assert ocr.tesseract_language(("de",), installed) == ("eng", ("de",))  # read as English
    assert ocr.tesseract_language(("nb",), Tesseract("5", frozenset({"nor"}))) == ("nor", ())


def test_a_language_without_data_is_said_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "find_tesseract", lambda: Tesseract("5.3.0", frozenset({"eng"})))
    assert ocr.language_notes(OcrSettings(languages=("de", "en", "xx"))) == (
        "Tesseract has no language data for 'de' (deu): scanned pages are read as English; install tesseract-ocr-deu",
        "Tesseract has no language data for 'xx': scanned pages are read as English; Tesseract has no mapping for it",
    )
    assert ocr.language_notes(OcrSettings(mode="never", languages=("de",))) == ()


@needs_tesseract
def test_the_cli_warns_once_about_a_lexicon_language_tesseract_cannot_read_when_a_page_was_ocred(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from focuscount.cli import cli

    real = ocr.find_tesseract()
    assert real is not None
    monkeypatch.setattr(ocr, "find_tesseract", lambda: Tesseract(real.version, frozenset({"eng"})))
    (tmp_path / "2024-03-12-proces-verbal.txt").write_text("Les usagers de la bibliothèque.\n")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--lexicon", "library-fr"])
    assert result.exit_code == 0, result.output
    assert "Tesseract" not in result.stderr  # no page was read by OCR: nothing to say
    shutil.copy(SCAN, tmp_path / "2024-04-09-proces-verbal.pdf")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--lexicon", "library-fr"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "Tesseract" in line]
    assert warnings == [
        "focuscount: warning: Tesseract has no language data for 'fr' (fra): scanned pages are read as English; "
        "install tesseract-ocr-fra"
    ]


# ----------------------------------------------------------------- settings and the command line


def test_the_ocr_setting_comes_from_the_file_the_environment_and_the_flag(tmp_path: Path) -> None:
    (tmp_path / "focuscount.toml").write_text('ocr = "never"\n')
    settings = load_settings(config=tmp_path / "focuscount.toml")
    assert settings.ocr == "never"
    assert apply_environment(Settings(), {"FOCUSCOUNT_OCR": "Never"}).ocr == "never"
    run = run_options(settings, (tmp_path,), cache=True, cache_dir=tmp_path / "cache")
    assert (run.reading.ocr, run.reading.ocr_cache) == ("never", tmp_path / "cache" / "ocr")
    run = run_options(settings, (tmp_path,), cache=False, ocr="auto")
    assert (run.reading.ocr, run.reading.ocr_cache) == ("auto", None)


def test_a_wrong_ocr_setting_names_the_file_or_variable(tmp_path: Path) -> None:
    (tmp_path / "focuscount.toml").write_text('lexicon = "library"\nocr = "maybe"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(config=tmp_path / "focuscount.toml")
    assert (
        str(caught.value) == f"{tmp_path / 'focuscount.toml'}:2: 'ocr' must be one of auto, never, always, not 'maybe'"
    )
    with pytest.raises(ConfigError) as caught:
        apply_environment(Settings(), {"FOCUSCOUNT_OCR": "maybe"})
    assert str(caught.value) == "FOCUSCOUNT_OCR must be one of auto, never, always, not 'maybe'"


@needs_tesseract
def test_explain_marks_hits_read_by_ocr(shared_cache: Path, tmp_path: Path) -> None:
    from focuscount.cli import cli

    folder = tmp_path / "minutes"
    folder.mkdir()
    shutil.copy(SCAN, folder / "2019-03-14-board-minutes.pdf")
    cached = ["--cache", "--cache-dir", str(shared_cache)]
    table = CliRunner().invoke(cli, ["explain", str(folder), "--term", "patron", *cached])
    assert table.exit_code == 0, table.output
    locations = [line.split("  ")[1].strip() for line in table.stdout.splitlines() if "[[" in line]
    assert locations == [
        "page 1, line 4 (OCR)", "page 1, line 5 (OCR)", "page 1, line 8 (OCR)", "page 2, line 2 (OCR)",
        "page 2, line 4 (OCR)",
    ]  # fmt: skip
    result = CliRunner().invoke(cli, ["explain", str(folder), "-f", "json", *cached])
    data = json.loads(result.stdout)
    Draft202012Validator(json.loads((SCHEMAS / "explain.schema.json").read_text())).validate(data)
    assert {hit["ocr"] for hit in data["hits"]} == {True}
    assert len(data["hits"]) == 16
    result = CliRunner().invoke(cli, ["analyze", str(folder), "-f", "json", *cached])
    analysis = json.loads(result.stdout)
    Draft202012Validator(json.loads((SCHEMAS / "analyze.schema.json").read_text())).validate(analysis)
    assert [(d["ocr_pages"], d["terms"]["customer"]["patron"]) for d in analysis["documents"]] == [(2, 5)]
    never = CliRunner().invoke(cli, ["analyze", str(folder), "--ocr", "never", *cached])
    assert never.exit_code == 2
    assert "no extractable text (scanned? run OCR first" in never.stderr
