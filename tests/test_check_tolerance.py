"""The tolerance boundary of ``no_regression`` (focuscount/check.py): a drop equal to the tolerance passes.

The rule fails when the ratio fell by *more* than the tolerance.  The ratios here
are exact binary fractions (3 of 4 hits is 0.75, 2 of 4 is 0.5), so the drop
``0.75 - 0.5`` is exactly 0.25 and the boundary is tested exactly, not to within
rounding; one step past it is the next float (``math.nextafter``), and the
subtraction of two floats that close is exact too.  Every side is tested overall
and per document, and with ``confidence = "interval"``, whose second condition
(the intervals do not overlap) has a boundary of its own: touching intervals
overlap.
"""

from __future__ import annotations

import math

import pytest
from helpers import lexicon_from

from focuscount.analysis import Analysis, analyze
from focuscount.baseline import Baseline, relative_key
from focuscount.check import BaselineIntervals, CheckResult, run_check
from focuscount.config import Rule
from focuscount.uncertainty import Interval

# 2 customer hits (customers, patrons) and 2 institution hits (library, administration): ratio 2/4 = 0.5.
MINUTES = """\
Alderbrook Public Library
Minutes of the board meeting, 12 March 2024

1. Services
Customers and patrons asked the library and the administration for longer opening hours.
The chair thanked everyone for coming.

Page 1 of 1
"""

BEFORE = 0.75  # the baseline's ratio: 3 of 4 hits
TOLERANCE = 0.25  # exactly BEFORE - 0.5


@pytest.fixture(scope="module")
def analysis(tmp_path_factory: pytest.TempPathFactory) -> Analysis:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "2024-03-12-board-minutes.txt").write_text(MINUTES, encoding="utf-8")
    return analyze([folder], lexicon_from())


def baseline(analysis: Analysis, ratio: float, document_ratio: float | None = None) -> Baseline:
    """A baseline whose overall ratio is ``ratio`` and whose one document had ``document_ratio``."""
    root = analysis.documents[0].document.path.parent
    key = relative_key(analysis.documents[0].document.path, root)
    return Baseline("before.json", ratio, {key: ratio if document_ratio is None else document_ratio}, root)


def check(
    analysis: Analysis,
    before: float,
    tolerance: float = TOLERANCE,
    *,
    confidence: str = "point",
    intervals: BaselineIntervals | None = None,
    document_before: float | None = None,
) -> CheckResult:
    rule = Rule("no_regression", "error", {"tolerance": tolerance}, confidence=confidence)
    return run_check(analysis, [rule], baseline(analysis, before, document_before), intervals)


def failed(result: CheckResult) -> list[str]:
    """Where the rule failed: ``(all documents)`` and/or the document's file name."""
    return [finding.where if finding.path is None else finding.path.name for finding in result.findings]


def test_the_ratios_are_the_exact_fractions_the_boundary_needs(analysis: Analysis) -> None:
    (counts,) = analysis.documents
    assert (counts.counts["customer"], counts.counts["institution"]) == (2, 2)
    assert analysis.ratio == counts.ratio == 0.5
    assert BEFORE - analysis.ratio == TOLERANCE  # exact: no rounding at the boundary


# --- point: the ratios alone ------------------------------------------------------------------------------------


def test_a_drop_exactly_equal_to_the_tolerance_passes(analysis: Analysis) -> None:
    result = check(analysis, BEFORE)
    assert [evaluation.passed for evaluation in result.evaluations] == [True, True]  # overall, the document
    assert result.passed
    assert result.findings == ()


def test_a_drop_one_float_past_the_tolerance_fails(analysis: Analysis) -> None:
    before = math.nextafter(BEFORE, 1.0)
    assert before - analysis.ratio > TOLERANCE
    result = check(analysis, before)
    assert failed(result) == ["(all documents)", "2024-03-12-board-minutes.txt"]
    assert not result.passed
    (overall, _) = result.findings
    assert overall.measured == 0.5
    assert overall.threshold == TOLERANCE
    assert "a drop of 0.25 (tolerance 0.25)" in overall.message  # rounded for reading, judged exactly


def test_a_tolerance_one_float_below_the_drop_fails(analysis: Analysis) -> None:
    result = check(analysis, BEFORE, tolerance=math.nextafter(TOLERANCE, 0.0))
    assert failed(result) == ["(all documents)", "2024-03-12-board-minutes.txt"]


def test_a_tolerance_one_float_above_the_drop_passes(analysis: Analysis) -> None:
    assert check(analysis, BEFORE, tolerance=math.nextafter(TOLERANCE, 1.0)).passed


@pytest.mark.parametrize(
    ("before", "fails"),
    [
        (0.5, False),  # no drop
        (0.625, False),  # 5 of 8: a drop of 0.125, half the tolerance
        (0.75, False),  # the boundary
        (0.875, True),  # 7 of 8: a drop of 0.375
        (0.25, False),  # a rise of 0.25 is no regression
    ],
)
def test_drops_on_both_sides_of_the_tolerance(analysis: Analysis, before: float, fails: bool) -> None:
    assert failed(check(analysis, before)) == (["(all documents)", "2024-03-12-board-minutes.txt"] if fails else [])


def test_the_document_and_the_whole_set_are_judged_apart(analysis: Analysis) -> None:
    # The set exactly at the boundary passes while its document, one float past it, fails, and the reverse.
    assert failed(check(analysis, BEFORE, document_before=math.nextafter(BEFORE, 1.0))) == [
        "2024-03-12-board-minutes.txt"
    ]
    assert failed(check(analysis, math.nextafter(BEFORE, 1.0), document_before=BEFORE)) == ["(all documents)"]


def test_a_zero_tolerance_passes_an_unchanged_ratio_and_fails_any_drop(analysis: Analysis) -> None:
    assert check(analysis, 0.5, tolerance=0.0).passed
    assert failed(check(analysis, math.nextafter(0.5, 1.0), tolerance=0.0)) == [
        "(all documents)",
        "2024-03-12-board-minutes.txt",
    ]


# --- interval: the drop past the tolerance *and* intervals that do not overlap -----------------------------------


def apart(analysis: Analysis, gap: float) -> BaselineIntervals:
    """Baseline intervals whose lower bound is ``gap`` above the current upper bounds (0: they touch)."""
    assert analysis.interval is not None and analysis.documents[0].interval is not None
    low = analysis.interval.high + gap
    document_low = analysis.documents[0].interval.high + gap
    key = relative_key(analysis.documents[0].document.path, analysis.documents[0].document.path.parent)
    return BaselineIntervals(Interval(low, max(low, 0.99)), {key: Interval(document_low, max(document_low, 0.99))})


def test_interval_a_drop_equal_to_the_tolerance_passes_even_when_the_intervals_are_apart(analysis: Analysis) -> None:
    assert check(analysis, BEFORE, confidence="interval", intervals=apart(analysis, 0.01)).passed


def test_interval_a_drop_past_the_tolerance_with_intervals_apart_fails(analysis: Analysis) -> None:
    result = check(analysis, math.nextafter(BEFORE, 1.0), confidence="interval", intervals=apart(analysis, 0.01))
    assert failed(result) == ["(all documents)", "2024-03-12-board-minutes.txt"]
    assert all("; the 95% intervals do not overlap" in finding.message for finding in result.findings)
    assert all(finding.confidence == "interval" for finding in result.findings)


def test_interval_touching_intervals_overlap_so_the_drop_passes(analysis: Analysis) -> None:
    # The baseline's lower bound equals the current upper bound: they share that one value.
    assert check(analysis, math.nextafter(BEFORE, 1.0), confidence="interval", intervals=apart(analysis, 0.0)).passed


def test_interval_one_float_apart_fails(analysis: Analysis) -> None:
    assert analysis.interval is not None
    gap = math.nextafter(analysis.interval.high, 1.0) - analysis.interval.high
    result = check(analysis, math.nextafter(BEFORE, 1.0), confidence="interval", intervals=apart(analysis, gap))
    assert "(all documents)" in failed(result)
