"""Fixtures for the chart and report tests: the real examples/ corpus (analysed once) and synthetic analyses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from focuscount.analysis import Analysis, analyze
from focuscount.evidence import Evidence, iter_evidence
from focuscount.lexicon import load_lexicon
from focuscount.model import Document, DocumentCounts, ratio_of
from focuscount.terms import TermReport, term_report
from focuscount.timeline import group, trend

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLES = REPO / "examples"

# (date or None, words, customer hits, institution hits)
Row = tuple[str | None, int, int, int]


@pytest.fixture(scope="session")
def examples_analysis() -> Analysis:
    """The bundled corpus with speaker and section breakdowns, analysed once for the whole session.

    Paths are given relative to the repo (as a user in the repo would), so they read
    ``examples/minutes/…`` like the README's tables.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        return analyze(["examples/"], "library", breakdowns=["speaker", "section"])


@pytest.fixture(scope="session")
def examples_terms() -> TermReport:
    """Top terms of the bundled corpus."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        return term_report(["examples/"], "library")


@pytest.fixture(scope="session")
def examples_evidence() -> dict[Path, list[Evidence]]:
    """Every hit of the bundled corpus, per document."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        return evidence_by_document(iter_evidence(["examples/"], "library"))


def evidence_by_document(items: Sequence[Evidence] | object) -> dict[Path, list[Evidence]]:
    """Hits grouped by document path, in the order met."""
    grouped: dict[Path, list[Evidence]] = {}
    for item in items:  # type: ignore[attr-defined]
        grouped.setdefault(item.path, []).append(item)
    return grouped


def synthetic_analysis(rows: Sequence[Row], by: str = "month") -> Analysis:
    """An Analysis built straight from the dataclasses: one document per row, with the library lexicon."""
    lexicon = load_lexicon("library")
    documents = []
    for index, (day, words, customer, institution) in enumerate(rows):
        date = dt.date.fromisoformat(day) if day else None
        document = Document(
            Path(f"minutes/{day or 'undated'}-{index}.txt"), "txt", (), date=date, date_source="filename" if date else None,
            date_precision="day" if date else None,
        )  # fmt: skip
        counts = {"customer": customer, "institution": institution}
        documents.append(DocumentCounts(document, words, counts, {}, ratio_of(customer, institution)))
    periods = tuple(group(documents, by, "customer", "institution"))
    return Analysis(
        lexicon=lexicon,
        by=by,
        documents=tuple(documents),
        periods=periods,
        trend=trend(periods),
        skipped=(),
        pipeline="spacy.blank('en') + lookup lemmas",
    )


def monthly_rows(months: int, *, start: dt.date = dt.date(2020, 1, 15)) -> list[Row]:
    """``months`` monthly meetings with a slowly rising, wobbling ratio and varying lengths."""
    rows: list[Row] = []
    for index in range(months):
        year, month = divmod(start.month - 1 + index, 12)
        day = start.replace(year=start.year + year, month=month + 1)
        rows.append((day.isoformat(), 400 + 37 * (index % 7), 10 + index % 9 + index // 3, 30 - index % 5))
    return rows


@pytest.fixture
def make_analysis() -> Callable[..., Analysis]:
    """Build a synthetic Analysis from ``(date, words, customer, institution)`` rows."""
    return synthetic_analysis


@pytest.fixture(name="monthly_rows")
def monthly_rows_fixture() -> Callable[..., list[Row]]:
    """Rows of monthly meetings (see :func:`monthly_rows`)."""
    return monthly_rows


# Four months and an undated document; February has words but no hit on either side: no ratio.
GAP_ROWS: list[Row] = [
    ("2024-01-10", 500, 10, 20),
    ("2024-02-10", 300, 0, 0),
    ("2024-03-10", 600, 15, 10),
    ("2024-04-10", 100, 3, 1),
    (None, 50, 1, 1),
]


@pytest.fixture(scope="session")
def gap_analysis() -> Analysis:
    """Four monthly periods, the second without hits, and one undated document."""
    return synthetic_analysis(GAP_ROWS, by="month")
