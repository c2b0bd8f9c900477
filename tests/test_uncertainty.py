"""Intervals for ratios: Wilson against published values, the design effect, thin evidence."""

from __future__ import annotations

import pytest

from focuscount.uncertainty import Interval, design_effect, format_interval, is_thin, pooled_interval, wilson


@pytest.mark.parametrize(
    ("successes", "total", "low", "high"),
    [
        # Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_matches_the_published_worked_examples(successes: int, total: int, low: float, high: float) -> None:
    interval = wilson(successes, total)
    assert interval is not None
    assert (round(interval.low, 4), round(interval.high, 4)) == (low, high)


def test_wilson_never_collapses_at_the_edges() -> None:
    # 3 of 3 hits: the point is 1.00 but the evidence is thin, and the interval says so
    interval = wilson(3, 3)
    assert interval is not None
    assert (round(interval.low, 3), interval.high) == (0.439, 1.0)
    assert wilson(0, 0) is None


def test_design_effect() -> None:
    # p = 12/40 = 0.3; between documents 2 × ((10 − 6)² + (2 − 6)²) / 40² = 0.04; binomial 0.3 × 0.7 / 40
    assert design_effect([(10, 20), (2, 20)]) == pytest.approx(0.04 / (0.3 * 0.7 / 40))
    assert design_effect([(5, 10), (5, 10)]) == 1.0  # documents that agree: never below 1
    assert design_effect([(5, 10)]) == 1.0  # one document
    assert design_effect([(0, 10), (0, 12)]) == 1.0  # every hit on one side
    assert design_effect([(4, 10), (0, 0)]) == 1.0  # a document without hits is no cluster


def test_pooled_interval_is_wilson_on_the_effective_hits() -> None:
    clusters = [(10, 20), (2, 20)]
    effect = design_effect(clusters)
    assert pooled_interval(clusters) == wilson(12 / effect, 40 / effect)
    assert pooled_interval([(7, 9)]) == wilson(7, 9)
    assert pooled_interval([(0, 0)]) is None


def test_thin_and_format() -> None:
    assert is_thin(9) and not is_thin(10)
    assert is_thin(4, min_hits=5) and not is_thin(4, min_hits=4)
    assert format_interval(Interval(0.3125, 0.5591)) == "0.31–0.56"
    assert format_interval(None) == ""
    assert Interval(0.2, 0.4).excludes(0.5) and not Interval(0.2, 0.4).excludes(0.3)
    assert Interval(0.2, 0.4).overlaps(Interval(0.4, 0.6)) and not Interval(0.2, 0.3).overlaps(Interval(0.31, 0.6))


def test_t_quantile_against_the_table() -> None:
    from focuscount.timeline import t_quantile_975

    # Student's t, 97.5%: 2.776 (4), 2.571 (5), 2.228 (10), 2.086 (20), 2.042 (30), 1.984 (100)
    table = {1: 12.706, 3: 3.182, 4: 2.776, 5: 2.571, 10: 2.228, 20: 2.086, 30: 2.042, 100: 1.984}
    for df, value in table.items():
        assert abs(t_quantile_975(df) - value) < 0.008, df
