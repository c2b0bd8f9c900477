"""Group dated documents into periods and fit a trend: ``DocumentCounts → Period``."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from focuscount.model import DocumentCounts, Period, ratio_of

GROUPINGS = ("meeting", "month", "quarter", "year")
DAYS_PER_YEAR = 365.2425
FLAT_SLOPE = 0.01  # a ratio moving less than one point a year is called flat


@dataclass(frozen=True)
class Trend:
    """The least-squares line through the ratio of each dated period."""

    slope_per_year: float
    intercept: float  # the fitted ratio at ``start``
    periods: int
    start: dt.date  # the middle of the first period with a ratio
    end: dt.date  # the middle of the last one
    first_period: str  # its label, e.g. 2024-Q1
    last_period: str

    @property
    def direction(self) -> str:
        """``rising``, ``falling`` or ``flat``."""
        if abs(self.slope_per_year) < FLAT_SLOPE:
            return "flat"
        return "rising" if self.slope_per_year > 0 else "falling"

    def fitted(self, day: dt.date) -> float:
        """The trend line's value on ``day``."""
        return self.intercept + self.slope_per_year * (day - self.start).days / DAYS_PER_YEAR

    def describe(self) -> str:
        """One line for people, e.g. ``Trend: +0.084 per year (rising) over 8 periods, 2024-Q1 to 2025-Q4``."""
        return (
            f"Trend: {self.slope_per_year:+.3f} per year ({self.direction}) over {self.periods} periods, "
            f"{self.first_period} to {self.last_period}"
        )


def period_bounds(day: dt.date, by: str, precision: str | None = "day") -> tuple[str, dt.date, dt.date]:
    """The label, first and last day of the ``by`` period holding ``day``.

    A date known only to its year (``precision="year"``) cannot be placed in a month or a
    quarter: in every grouping it is its own period, the whole year (``2025``).
    """
    if precision == "year" and by in GROUPINGS:
        return str(day.year), dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if by == "meeting":
        if precision == "month":
            last = calendar.monthrange(day.year, day.month)[1]
            return day.strftime("%Y-%m"), day.replace(day=1), day.replace(day=last)
        return day.isoformat(), day, day
    if by == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.strftime("%Y-%m"), day.replace(day=1), day.replace(day=last)
    if by == "quarter":
        quarter = (day.month - 1) // 3 + 1
        first_month = 3 * (quarter - 1) + 1
        last_day = calendar.monthrange(day.year, first_month + 2)[1]
        return f"{day.year}-Q{quarter}", dt.date(day.year, first_month, 1), dt.date(day.year, first_month + 2, last_day)
    if by == "year":
        return str(day.year), dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    raise ValueError(f"unknown grouping {by!r}; use one of {', '.join(GROUPINGS)}")


def group(documents: Iterable[DocumentCounts], by: str, focus: str, versus: str) -> list[Period]:
    """Dated documents grouped into periods, in time order; undated documents are left out."""
    buckets: dict[tuple[dt.date, dt.date, str], list[DocumentCounts]] = {}
    for counts in documents:
        document = counts.document
        if document.date is None:
            continue
        label, start, end = period_bounds(document.date, by, document.date_precision)
        buckets.setdefault((start, end, label), []).append(counts)
    periods: list[Period] = []
    for (start, end, label), members in sorted(buckets.items()):
        totals: Counter[str] = Counter()
        for counts in members:
            totals.update(counts.counts)
        periods.append(
            Period(
                label=label,
                start=start,
                end=end,
                documents=len(members),
                words=sum(counts.words for counts in members),
                counts=dict(totals),
                ratio=ratio_of(totals[focus], totals[versus]),
                paths=tuple(counts.document.path for counts in members),
            )
        )
    return periods


def midpoint(period: Period) -> dt.date:
    """The middle day of a period (where its point sits on a time axis)."""
    return period.start + (period.end - period.start) / 2


def trend(periods: Iterable[Period]) -> Trend | None:
    """Least-squares slope of the ratio per year; None with fewer than two periods that have a ratio."""
    rated = [p for p in periods if p.ratio is not None]
    points = [(midpoint(p), p.ratio) for p in rated]
    if len(points) < 2:
        return None
    origin = points[0][0]
    xs = [(day - origin).days / DAYS_PER_YEAR for day, _ in points]
    ys = [ratio for _, ratio in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return Trend(
        slope, mean_y - slope * mean_x, len(points), points[0][0], points[-1][0], rated[0].label, rated[-1].label
    )
