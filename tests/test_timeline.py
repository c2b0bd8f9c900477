"""Grouping documents into periods, ratios per period, and the trend."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from focuscount.model import Document, DocumentCounts, ratio_of
from focuscount.timeline import group, period_bounds, trend


def counts(
    day: str | None, customer: int, institution: int, words: int = 1000, precision: str = "day"
) -> DocumentCounts:
    date = dt.date.fromisoformat(day) if day else None
    document = Document(
        Path(f"{day or 'undated'}.txt"), "txt", (), date=date, date_precision=precision if date else None
    )
    return DocumentCounts(
        document, words, {"customer": customer, "institution": institution}, {}, ratio_of(customer, institution)
    )


def test_meeting_groups_documents_of_the_same_date() -> None:
    periods = group(
        [counts("2024-03-12", 3, 1), counts("2024-01-16", 1, 3), counts("2024-03-12", 1, 3, 500)],
        "meeting", "customer", "institution",
    )  # fmt: skip
    assert [(p.label, p.documents, p.words, p.counts, p.ratio) for p in periods] == [
        ("2024-01-16", 1, 1000, {"customer": 1, "institution": 3}, 0.25),
        ("2024-03-12", 2, 1500, {"customer": 4, "institution": 4}, 0.5),
    ]
    assert periods[1].rate("customer") == pytest.approx(4000 / 1500)


@pytest.mark.parametrize(
    ("by", "labels"),
    [
        ("month", ["2024-01", "2024-03", "2025-02"]),
        ("quarter", ["2024-Q1", "2025-Q1"]),
        ("year", ["2024", "2025"]),
    ],
)
def test_grouping_by_calendar_periods(by: str, labels: list[str]) -> None:
    documents = [counts("2024-01-16", 1, 1), counts("2024-03-12", 1, 1), counts("2025-02-02", 1, 1)]
    assert [p.label for p in group(documents, by, "customer", "institution")] == labels


def test_period_bounds() -> None:
    assert period_bounds(dt.date(2024, 2, 10), "month") == ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_bounds(dt.date(2024, 5, 10), "quarter") == ("2024-Q2", dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    assert period_bounds(dt.date(2024, 5, 10), "year") == ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert period_bounds(dt.date(2024, 5, 1), "meeting", "month") == (
        "2024-05",
        dt.date(2024, 5, 1),
        dt.date(2024, 5, 31),
    )
    with pytest.raises(ValueError, match="unknown grouping"):
        period_bounds(dt.date(2024, 5, 1), "week")


def test_undated_documents_are_left_out_of_periods() -> None:
    periods = group([counts(None, 5, 0), counts("2024-01-16", 1, 1)], "meeting", "customer", "institution")
    assert [(p.label, p.documents) for p in periods] == [("2024-01-16", 1)]


def test_period_without_hits_has_no_ratio() -> None:
    (period,) = group([counts("2024-01-16", 0, 0)], "meeting", "customer", "institution")
    assert period.ratio is None
    assert period.rate("customer") == 0.0


def test_trend_slope_per_year() -> None:
    documents = [counts("2024-01-01", 1, 3), counts("2025-01-01", 1, 1), counts("2026-01-01", 3, 1)]
    fitted = trend(group(documents, "meeting", "customer", "institution"))
    assert fitted is not None
    # Ratios 0.25, 0.5, 0.75 a year apart (366 and 365 days): a quarter per year.
    assert fitted.slope_per_year == pytest.approx(0.25, abs=0.001)
    assert fitted.direction == "rising"
    assert fitted.periods == 3
    assert fitted.describe() == "Trend: +0.250 per year (rising) over 3 periods, 2024-01-01 to 2026-01-01"


def test_falling_and_flat_trends() -> None:
    falling = trend(
        group([counts("2024-01-01", 3, 1), counts("2024-07-01", 1, 3)], "meeting", "customer", "institution")
    )
    assert falling is not None and falling.direction == "falling"
    flat = trend(group([counts("2024-01-01", 1, 1), counts("2025-01-01", 1, 1)], "meeting", "customer", "institution"))
    assert flat is not None and (flat.slope_per_year, flat.direction) == (0.0, "flat")


def test_trend_skips_periods_without_a_ratio_and_needs_two_points() -> None:
    periods = group([counts("2024-01-01", 1, 1), counts("2024-06-01", 0, 0)], "meeting", "customer", "institution")
    assert trend(periods) is None
    assert trend([]) is None


@pytest.mark.parametrize(
    ("by", "labels"),
    [
        ("meeting", ["2024-11-05", "2025", "2025-01-14"]),
        ("month", ["2024-11", "2025-01", "2025"]),  # same start: the shorter period first
        ("quarter", ["2024-Q4", "2025-Q1", "2025"]),
        ("year", ["2024", "2025"]),
    ],
)
def test_a_year_only_date_is_a_period_of_the_whole_year(by: str, labels: list[str]) -> None:
    documents = [counts("2024-11-05", 1, 1), counts("2025-01-01", 3, 1, precision="year"), counts("2025-01-14", 2, 2)]
    periods = group(documents, by, "customer", "institution")
    assert [period.label for period in periods] == labels
    year = next(period for period in periods if period.label == "2025")
    assert (year.start, year.end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert year.documents == (2 if by == "year" else 1)


def test_a_year_only_date_is_shown_as_its_year() -> None:
    from focuscount.render.rows import document_date_label

    assert document_date_label(counts("2025-01-01", 1, 1, precision="year")) == "2025"
    assert document_date_label(counts("2025-03-01", 1, 1, precision="month")) == "2025-03"
