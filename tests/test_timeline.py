"""Grouping documents into periods, ratios per period, and the trend."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from focuscount.model import Document, DocumentCounts, ratio_of
from focuscount.timeline import group, no_trend_reason, period_bounds, trend
from focuscount.uncertainty import wilson


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


def fit(documents: list[DocumentCounts], include_thin: bool = False):
    periods = group(documents, "meeting", "customer", "institution")
    return trend(periods, documents, "customer", "institution", include_thin)


def test_a_trend_whose_logit_is_a_straight_line() -> None:
    # 25, 50 and 75 of 100 hits a year apart: logit -1.0986, 0, +1.0986, fitted exactly.
    documents = [counts("2024-01-01", 25, 75), counts("2025-01-01", 50, 50), counts("2026-01-01", 75, 25)]
    fitted = fit(documents)
    assert fitted is not None
    # slope 1.0986 a year on the logit scale; at the mean time the ratio is 0.5, so 1.0986 × 0.25 a year
    assert fitted.change_per_year == pytest.approx(0.2746, abs=0.0005)
    # (nearly) no residual (2024 has 366 days, 2025 has 365), but three documents leave one degree of freedom
    assert fitted.low < fitted.change_per_year < fitted.high
    assert fitted.high - fitted.low < 0.02
    assert fitted.direction == "rising"
    assert (fitted.periods, fitted.documents) == (3, 3)
    assert fitted.fitted(dt.date(2024, 1, 1)) == pytest.approx(0.25, abs=0.002)
    assert fitted.describe() == (
        "Trend: +0.274 per year (95% interval +0.266 to +0.283), rising, over 3 periods (3 documents), "
        "2024-01-01 to 2026-01-01"
    )


def test_falling_and_no_clear_change() -> None:
    falling = fit(
        [counts("2024-01-01", 60, 20), counts("2024-03-01", 55, 25), counts("2024-05-01", 50, 32),
         counts("2024-07-01", 40, 40), counts("2024-09-01", 30, 45), counts("2024-11-01", 22, 55)]
    )  # fmt: skip
    assert falling is not None and falling.direction == "falling"
    noisy = fit(
        [counts("2024-01-01", 20, 20), counts("2024-04-01", 30, 12), counts("2024-07-01", 12, 30),
         counts("2024-10-01", 22, 19)]
    )  # fmt: skip
    assert noisy is not None and noisy.low < 0 < noisy.high
    assert noisy.direction == "no clear change"


def test_two_periods_make_no_trend() -> None:
    documents = [counts("2024-01-01", 10, 30), counts("2024-03-01", 30, 10)]
    assert fit(documents) is None
    periods = group(documents, "meeting", "customer", "institution")
    assert no_trend_reason(periods) == "Not enough periods for a trend (2 with enough evidence; 3 needed)."


def test_thin_periods_are_left_out_of_the_trend_unless_asked() -> None:
    documents = [counts("2024-01-01", 10, 30), counts("2024-03-01", 2, 1), counts("2024-06-01", 30, 10)]
    periods = group(documents, "meeting", "customer", "institution")
    assert [p.thin for p in periods] == [False, True, False]
    assert fit(documents) is None
    assert no_trend_reason(periods) == (
        "Not enough periods for a trend (2 with enough evidence; 3 needed; 1 thin left out, which --include-thin counts)."
    )
    included = fit(documents, include_thin=True)
    assert included is not None and included.periods == 3


def test_trend_skips_periods_without_a_ratio() -> None:
    periods = group([counts("2024-01-01", 10, 10), counts("2024-06-01", 0, 0)], "meeting", "customer", "institution")
    assert trend(periods) is None
    assert trend([]) is None


def test_period_intervals_are_corrected_for_clustering() -> None:
    # Two meetings in one month, one about patrons (18 of 20) and one about the budget (2 of 20).
    (month,) = group([counts("2024-01-09", 18, 2), counts("2024-01-23", 2, 18)], "month", "customer", "institution")
    assert month.ratio == 0.5
    assert month.interval is not None
    plain = wilson(20, 40)
    assert plain is not None
    # design effect: 2 × (8² + 8²) / 40² over 0.25 / 40 = 25.6, so 40 hits weigh as 1.56: the interval
    # is far wider than for 40 independent hits
    assert (round(month.interval.low, 3), round(month.interval.high, 3)) == (0.078, 0.922)
    assert (round(plain.low, 3), round(plain.high, 3)) == (0.352, 0.648)


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
