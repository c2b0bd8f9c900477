"""How sure a ratio is: 95% intervals for every ratio, thin evidence, and the design effect.

A document's ratio is ``focus / (focus + versus)``: a proportion of its hits.  Its
interval is the **Wilson score interval** (Wilson 1927; Agresti & Coull 1998 showed
it keeps close to its nominal 95% even for a handful of hits, where the textbook
normal interval collapses to zero width at 0.00 and 1.00).

A period (and the overall ratio, a speaker across meetings) pools the hits of
several documents, and hits of one document are not independent: a meeting about
the budget is full of institution words.  Pooling them as if they were
independent would make intervals far too narrow.  focuscount corrects for the
clustering with the **design effect** (Kish 1965): the variance of the pooled ratio
estimated between documents (the linearised, cluster-robust variance of a ratio
estimator, Cochran 1977 §6.4) over the binomial variance.  The Wilson interval is
then taken on the **effective number of hits**, hits / design effect (Korn &
Graubard 1998).  The design effect is never taken below 1, and with one document it
is 1: the interval is that document's Wilson interval.

A ratio resting on fewer than ``min_hits`` hits (default 10) is **thin evidence**:
marked in every output and left out of the trend unless asked for.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# How a rule judges a ratio: by the ratio itself ("point"), or only when its whole 95% interval is past the
# threshold ("interval").
Confidence = Literal["point", "interval"]
CONFIDENCES: tuple[Confidence, ...] = ("point", "interval")
Z95 = 1.959963984540054  # the standard normal quantile for a two-sided 95% interval
DEFAULT_MIN_HITS = 10


@dataclass(frozen=True)
class Interval:
    """A 95% interval for a ratio, both ends between 0 and 1."""

    low: float
    high: float

    def excludes(self, value: float) -> bool:
        """True when ``value`` lies outside the interval."""
        return value < self.low or value > self.high

    def overlaps(self, other: Interval) -> bool:
        """True when the two intervals share at least one value."""
        return self.low <= other.high and other.low <= self.high


def wilson(successes: float, total: float, z: float = Z95) -> Interval | None:
    """The Wilson score interval for ``successes`` out of ``total`` (None when ``total`` is 0).

    ``total`` may be fractional (an effective number of hits after a design effect).
    """
    if total <= 0:
        return None
    share = min(max(successes / total, 0.0), 1.0)
    z2 = z * z
    centre = (share + z2 / (2 * total)) / (1 + z2 / total)
    half = z * math.sqrt(share * (1 - share) / total + z2 / (4 * total * total)) / (1 + z2 / total)
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def design_effect(clusters: Iterable[tuple[int, int]]) -> float:
    """The design effect of a ratio pooled over ``clusters`` of (focus, total) hits; at least 1.

    The between-cluster variance of the ratio estimator ``sum(focus) / sum(total)``,
    ``m / (m - 1) * sum((focus_i - p * total_i) ** 2) / T ** 2``, over the binomial
    variance ``p (1 - p) / T``.  1 with fewer than two clusters with hits, and when
    every hit is on one side (no variance to compare).
    """
    pairs = [(focus, total) for focus, total in clusters if total > 0]
    hits = sum(total for _, total in pairs)
    if len(pairs) < 2 or hits == 0:
        return 1.0
    share = sum(focus for focus, _ in pairs) / hits
    binomial = share * (1 - share) / hits
    if binomial == 0:
        return 1.0
    m = len(pairs)
    between = m / (m - 1) * sum((focus - share * total) ** 2 for focus, total in pairs) / hits**2
    return max(1.0, between / binomial)


def pooled_interval(clusters: Iterable[tuple[int, int]]) -> Interval | None:
    """The interval of the ratio pooled over clusters of (focus, total) hits, corrected for clustering."""
    pairs = [(focus, total) for focus, total in clusters if total > 0]
    hits = sum(total for _, total in pairs)
    if hits == 0:
        return None
    effect = design_effect(pairs)
    focus = sum(focus for focus, _ in pairs)
    return wilson(focus / effect, hits / effect)


def is_thin(hits: int, min_hits: int = DEFAULT_MIN_HITS) -> bool:
    """True when a ratio rests on fewer than ``min_hits`` hits (focus + versus)."""
    return hits < min_hits


def format_interval(interval: Interval | None, digits: int = 2) -> str:
    """``0.31–0.56``, or an empty string when there is no interval."""
    if interval is None:
        return ""
    return f"{interval.low:.{digits}f}–{interval.high:.{digits}f}"
