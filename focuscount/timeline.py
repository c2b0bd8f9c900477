"""Group dated documents into periods and fit a trend: ``DocumentCounts → Period``."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from focuscount.model import DocumentCounts, Period, ratio_of
from focuscount.uncertainty import DEFAULT_MIN_HITS, Z95, is_thin, pooled_interval

Grouping = Literal["meeting", "month", "quarter", "year"]  # how dated documents are grouped into periods
GROUPINGS: tuple[Grouping, ...] = ("meeting", "month", "quarter", "year")
DAYS_PER_YEAR = 365.2425


MIN_TREND_PERIODS = 3
RISING, FALLING, NO_CLEAR_CHANGE = "rising", "falling", "no clear change"


@dataclass(frozen=True)
class Trend:
    """A binomial trend of focus against versus hits over time, with documents as clusters.

    ``change_per_year`` is the change of the ratio a year, in ratio points, at the
    mean time of the documents used (the slope of the fitted logistic curve there),
    with its 95% interval ``low``–``high`` (cluster-robust, by the delta method).
    """

    change_per_year: float
    low: float
    high: float
    periods: int  # periods used
    documents: int  # documents used
    start: dt.date  # the middle of the first period used
    end: dt.date  # the middle of the last one
    first_period: str  # its label, e.g. 2024-Q1
    last_period: str
    intercept: float  # the logistic curve: logit(ratio) = intercept + slope * (years since ``centre``)
    slope: float
    centre: dt.date

    @property
    def slope_per_year(self) -> float:
        """The change per year in ratio points (the same as :attr:`change_per_year`)."""
        return self.change_per_year

    @property
    def direction(self) -> str:
        """``rising`` or ``falling`` when the interval excludes zero, else ``no clear change``."""
        if self.low > 0:
            return RISING
        if self.high < 0:
            return FALLING
        return NO_CLEAR_CHANGE

    def fitted(self, day: dt.date) -> float:
        """The fitted ratio on ``day``."""
        years = (day - self.centre).days / DAYS_PER_YEAR
        return _logistic(self.intercept + self.slope * years)

    @property
    def label(self) -> str:
        """The trend in a few words, the same in text and charts: ``+0.084 per year (0.021 to 0.147)``."""
        return f"{self.change_per_year:+.3f} per year (95% interval {self.low:+.3f} to {self.high:+.3f})"

    def describe(self) -> str:
        """One line for people, e.g. ``Trend: +0.084 per year (…) rising, over 8 periods (12 documents), …``."""
        return (
            f"Trend: {self.label}, {self.direction}, over {self.periods} periods ({self.documents} documents), "
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


def group(
    documents: Iterable[DocumentCounts], by: str, focus: str, versus: str, min_hits: int = DEFAULT_MIN_HITS
) -> list[Period]:
    """Dated documents grouped into periods, in time order; undated documents are left out.

    Each period's ratio gets its 95% interval, corrected for the clustering of hits in
    documents (:func:`focuscount.uncertainty.pooled_interval`), and is thin when it
    rests on fewer than ``min_hits`` hits.
    """
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
                interval=pooled_interval(
                    (c.counts.get(focus, 0), c.counts.get(focus, 0) + c.counts.get(versus, 0)) for c in members
                ),
                thin=is_thin(totals[focus] + totals[versus], min_hits),
            )
        )
    return periods


def midpoint(period: Period) -> dt.date:
    """The middle day of a period (where its point sits on a time axis)."""
    return period.start + (period.end - period.start) / 2


def trend_periods(periods: Iterable[Period], include_thin: bool = False) -> list[Period]:
    """The periods a trend is fitted on: those with a ratio, and not thin unless ``include_thin``."""
    return [p for p in periods if p.ratio is not None and (include_thin or not p.thin)]


def no_trend_reason(periods: Iterable[Period], include_thin: bool = False) -> str:
    """Why there is no trend, for people: ``Not enough periods for a trend (2 with enough evidence; 3 needed).``"""
    periods = list(periods)
    used = len(trend_periods(periods, include_thin))
    what = "with a ratio" if include_thin else "with enough evidence"
    thin = sum(1 for p in periods if p.ratio is not None and p.thin)
    left_out = f"; {thin} thin left out, which --include-thin counts" if thin and not include_thin else ""
    return f"Not enough periods for a trend ({used} {what}; {MIN_TREND_PERIODS} needed{left_out})."


def trend(
    periods: Iterable[Period],
    documents: Iterable[DocumentCounts] = (),
    focus: str = "customer",
    versus: str = "institution",
    include_thin: bool = False,
) -> Trend | None:
    """The binomial trend over the periods (see :class:`Trend`); None with fewer than 3 periods to use.

    Each document of a period used is one cluster: its focus hits out of its focus
    and versus hits, at the middle of its period.  Without ``documents`` each period
    is one cluster.
    """
    used = trend_periods(periods, include_thin)
    if len(used) < MIN_TREND_PERIODS:
        return None
    where = {path: period for period in used for path in period.paths}
    rows: list[tuple[dt.date, int, int]] = []
    for counts in documents:
        period = where.get(counts.document.path)
        total = counts.counts.get(focus, 0) + counts.counts.get(versus, 0)
        if period is not None and total:
            rows.append((midpoint(period), counts.counts.get(focus, 0), total))
    if not rows:
        rows = [(midpoint(p), p.counts.get(focus, 0), p.counts.get(focus, 0) + p.counts.get(versus, 0)) for p in used]
    fit = fit_logistic_trend(rows)
    if fit is None:
        return None
    change, low, high, intercept, slope, centre = fit
    return Trend(
        change, low, high, len(used), len(rows), midpoint(used[0]), midpoint(used[-1]),
        used[0].label, used[-1].label, intercept, slope, centre,
    )  # fmt: skip


def fit_logistic_trend(
    rows: list[tuple[dt.date, int, int]],
) -> tuple[float, float, float, float, float, dt.date] | None:
    """Logistic regression of ``focus`` out of ``total`` hits on time in years, one cluster a row.

    Returns the change per year in ratio points at the mean time, its 95% interval
    (cluster-robust sandwich variance with leverage-corrected residuals and the factor
    m/(m-1), the delta method, and Student's t with m - 2 degrees of freedom), the
    intercept and slope on the logit scale and the centre date.  None
    when the dates do not spread.
    """
    import numpy as np

    origin = rows[0][0]
    years = np.array([(day - origin).days / DAYS_PER_YEAR for day, _, _ in rows])
    focus = np.array([row[1] for row in rows], dtype=float)
    total = np.array([row[2] for row in rows], dtype=float)
    weights = total / total.sum()
    mean = float((years * weights).sum())
    x = years - mean
    if float(np.abs(x).max()) == 0.0:
        return None
    centre = origin + dt.timedelta(days=mean * DAYS_PER_YEAR)
    share = focus.sum() / total.sum()
    if share in (0.0, 1.0):  # every hit on one side: no change can be seen
        intercept = -30.0 if share == 0 else 30.0
        return 0.0, 0.0, 0.0, intercept, 0.0, centre
    design = np.column_stack([np.ones_like(x), x])
    beta = np.array([math.log(share / (1 - share)), 0.0])
    for _ in range(50):
        eta = np.clip(design @ beta, -30, 30)
        fitted = 1 / (1 + np.exp(-eta))
        weight = total * fitted * (1 - fitted)
        information = design.T @ (design * weight[:, None])
        score = design.T @ (focus - total * fitted)
        step = np.linalg.solve(information, score)
        beta = beta + step
        if float(np.abs(step).max()) < 1e-10:
            break
    eta = np.clip(design @ beta, -30, 30)
    fitted = 1 / (1 + np.exp(-eta))
    weight = total * fitted * (1 - fitted)
    bread = np.linalg.inv(design.T @ (design * weight[:, None]))
    # Each residual is scaled by 1 / (1 - leverage) (the jackknife-like CR3 correction, Bell & McCaffrey
    # 2002): with a few dozen documents the plain sandwich is too sure of itself.
    leverage = np.einsum("ij,jk,ik->i", design, bread, design) * weight
    residual = (focus - total * fitted) / np.maximum(1 - leverage, 1e-6)
    meat = (design * (residual**2)[:, None]).T @ design
    clusters = len(rows)
    variance = bread @ meat @ bread * (clusters / (clusters - 1) if clusters > 1 else 1.0)
    at_mean = _logistic(float(beta[0]))
    spread = at_mean * (1 - at_mean)
    change = float(beta[1]) * spread
    gradient = np.array([float(beta[1]) * spread * (1 - 2 * at_mean), spread])
    error = math.sqrt(max(float(gradient @ variance @ gradient), 0.0))
    critical = t_quantile_975(clusters - 2)
    return change, change - critical * error, change + critical * error, float(beta[0]), float(beta[1]), centre


def t_quantile_975(df: int) -> float:
    """The 97.5% quantile of Student's t with ``df`` degrees of freedom (the normal 1.96 for large ``df``).

    Abramowitz & Stegun 26.7.5, a series in 1/df around the normal quantile: within 0.003 of the
    exact value from 3 degrees of freedom up (12.71, 4.30 and 3.18 are used for 1, 2 and 3).
    """
    exact = {1: 12.706, 2: 4.303, 3: 3.182}
    if df < 1:
        return exact[1]
    if df in exact:
        return exact[df]
    z = Z95
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


def _logistic(value: float) -> float:
    return 1 / (1 + math.exp(-max(min(value, 30.0), -30.0)))
