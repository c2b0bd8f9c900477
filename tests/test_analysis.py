"""The library API end to end, and the same text giving the same counts in every format."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from helpers import EXAMPLES, FIXTURES

import focuscount
from focuscount.discovery import Skipped
from focuscount.errors import ConfigError, NoDocumentsError

SAME_TEXT_FORMATS = ("txt", "md", "docx", "pdf", "pptx", "html", "odt", "odp", "rtf", "vtt", "srt")


@pytest.mark.parametrize("suffix", SAME_TEXT_FORMATS)
def test_same_text_in_every_format_gives_the_same_counts(suffix: str) -> None:
    result = focuscount.analyze([FIXTURES / f"same_text.{suffix}"])
    (counts,) = result.documents
    assert counts.document.format == suffix
    assert counts.words == 31
    # The default lexicon's report-only categories are counted too: none in this text.
    assert counts.counts == {"customer": 4, "institution": 3, "community": 0, "partners": 0}
    assert counts.term_counts == {
        "customer": {"customer": 1, "patron": 1, "library user": 1, "child": 1},
        "institution": {"administration": 1, "resource": 1, "library": 1},
        "community": {},
        "partners": {},
    }
    assert counts.ignored_count == 2  # "library board" and "user interface"
    assert counts.ratio == pytest.approx(4 / 7)


def test_all_formats_together_make_one_consistent_analysis() -> None:
    result = focuscount.analyze([FIXTURES / f"same_text.{suffix}" for suffix in SAME_TEXT_FORMATS])
    assert len(result.documents) == 11
    assert result.words == 31 * 11
    assert result.counts == {"customer": 4 * 11, "institution": 3 * 11, "community": 0, "partners": 0}


def test_iter_document_counts_streams_hits_with_locations() -> None:
    lexicon = focuscount.load_lexicon()
    items = list(focuscount.iter_document_counts([FIXTURES / "same_text.pptx", FIXTURES / "missing.txt"], lexicon))
    counts, skipped = items
    assert isinstance(skipped, Skipped)
    assert skipped.reason == "no such file or directory"
    assert [(hit.term, hit.matched_text) for hit in counts.hits][:2] == [
        ("customer", "Customers"),
        ("patron", "patrons"),
    ]
    assert all(str(hit.location).startswith("slide ") for hit in counts.hits)


def test_hits_in_a_text_file_point_at_their_line() -> None:
    lexicon = focuscount.load_lexicon()
    (counts,) = list(focuscount.iter_document_counts([FIXTURES / "same_text.txt"], lexicon))
    assert [(hit.matched_text, str(hit.location)) for hit in counts.hits] == [
        ("Customers", "line 3"),
        ("patrons", "line 3"),
        ("Library users", "line 5"),
        ("administration", "line 5"),
        ("resources", "line 5"),
        ("Children", "line 7"),
        ("library", "line 7"),
    ]


def test_hits_in_a_pdf_point_at_page_and_line() -> None:
    lexicon = focuscount.load_lexicon()
    (counts,) = list(focuscount.iter_document_counts([FIXTURES / "same_text.pdf"], lexicon))
    assert all(str(hit.location).startswith("page 1, line ") for hit in counts.hits)


def test_analysis_keeps_no_evidence_in_memory() -> None:
    result = focuscount.analyze([FIXTURES / "same_text.docx"])
    (counts,) = result.documents
    assert counts.hits == ()
    assert counts.document.segments == ()
    assert counts.ignored_count == 2


def test_analyze_reports_skips_through_the_callback(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    seen: list[Skipped] = []
    result = focuscount.analyze([FIXTURES / "same_text.txt", bad], on_skip=seen.append)
    assert [s.path for s in seen] == [bad]
    assert result.unreadable == tuple(seen)


def test_no_readable_documents_raises(tmp_path: Path) -> None:
    with pytest.raises(NoDocumentsError, match="no documents found"):
        focuscount.analyze([tmp_path])


def test_unknown_grouping_raises() -> None:
    with pytest.raises(ConfigError, match="`by` must be one of meeting, month, quarter, year"):
        focuscount.analyze([FIXTURES / "same_text.txt"], by="week")


def test_unknown_date_order_raises() -> None:
    with pytest.raises(ConfigError) as raised:
        focuscount.ReadOptions(date_order="ymd")  # type: ignore[arg-type]
    assert str(raised.value) == "`date_order` must be 'dmy', 'mdy' or None, not 'ymd'"
    assert raised.value.parameters == ("date_order",)


def test_unknown_spacy_model_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="spaCy model 'xx_no_such_model' is not installed"):
        focuscount.analyze([FIXTURES / "same_text.txt"], options=focuscount.ReadOptions(model="xx_no_such_model"))


def test_unknown_language_in_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "zz.toml"
    path.write_text(
        'language = "zz"\n[ratio]\nfocus = "a"\nversus = "b"\n'
        '[categories.a]\nterms = ["x"]\n[categories.b]\nterms = ["y"]\n',
        encoding="utf-8",
    )
    with pytest.raises(focuscount.LexiconError, match=r"zz\.toml: unknown language 'zz'"):
        focuscount.analyze([FIXTURES / "same_text.txt"], path)


@pytest.mark.parametrize("suffix", ["docx", "pdf", "pptx"])
def test_real_files_are_dated_from_their_metadata_last(suffix: str) -> None:
    (counts,) = focuscount.analyze([FIXTURES / f"same_text.{suffix}"]).documents
    assert (counts.document.date.isoformat(), counts.document.date_source) == ("2024-03-12", "metadata (unreliable)")


def test_examples_corpus_dates_and_trend() -> None:
    result = focuscount.analyze([EXAMPLES])
    assert len(result.documents) == 14
    # Only the CI examples (settings and a workflow) are passed over, quietly.
    assert {(s.path.parent.name, s.kind) for s in result.skipped} == {("ci", "unsupported")}
    sources = {c.document.path.name: c.document.date_source for c in result.documents}
    assert sources["board-minutes-march.docx"] == "text"
    assert sources["board-minutes-september.pdf"] == "text"
    assert sum(source == "filename" for source in sources.values()) == 12
    first, last = result.periods[0], result.periods[-1]
    # The first meeting's suppliers, "the cost", "costs", maintenance contract, "branch staff" and heading
    # "4. Finance" are institution talk, its heading "5. Building and facilities" no longer (37 + 6 - 1);
    # the last meeting adds "the people who use the library".
    none = {"community": 0, "partners": 0}
    assert (first.label, first.counts, first.words) == ("2024-01-16", {"customer": 15, "institution": 42, **none}, 632)
    assert (last.label, last.counts, last.words) == ("2025-11-18", {"customer": 33, "institution": 13, **none}, 530)
    assert result.trend is not None
    assert result.trend.direction == "rising"
    assert round(result.trend.slope_per_year, 3) == 0.257
    assert {c.document.format for c in result.documents} == {"txt", "md", "docx", "pdf", "pptx"}


@pytest.mark.skipif(importlib.util.find_spec("sudachipy") is not None, reason="SudachiPy is installed here")
def test_a_language_whose_tokenizer_needs_a_package_says_so(tmp_path: Path) -> None:
    path = tmp_path / "ja.toml"
    path.write_text(
        'language = "ja"\n[ratio]\nfocus = "a"\nversus = "b"\n'
        '[categories.a]\nterms = ["x"]\n[categories.b]\nterms = ["y"]\n',
        encoding="utf-8",
    )
    with pytest.raises(focuscount.LexiconError, match=r"ja\.toml: language 'ja' needs a package for spaCy's tokenizer: "):
        focuscount.analyze([FIXTURES / "same_text.txt"], path)
