"""``focuscount check``: evaluate rules on an analysis, like a linter for strategy documents.

Each rule is evaluated on the whole set of documents (``overall``) and/or on each
document (``per_document``); every evaluation passes or fails, and a failed one is
a :class:`Finding` that names the file, the rule, the measured value, the
threshold and the terms that drove it.  A rule that fails with severity
``error`` fails the check.

``min_ratio`` and ``no_regression`` judge a ratio, and a ratio on few hits is
uncertain, so they take a ``confidence``:

- ``point`` (the default): the ratio itself is compared.  ``min_ratio`` fails when
  the ratio is below the minimum; ``no_regression`` when it fell by more than the
  tolerance.
- ``interval``: the 95% interval is compared (Wilson for a document, corrected for
  clustering overall; see :mod:`focuscount.uncertainty`).  ``min_ratio`` fails only
  when the interval's upper bound is below the minimum.  ``no_regression`` fails
  only when the ratio fell by more than the tolerance *and* the two 95% intervals
  do not overlap (the current upper bound is below the baseline's lower bound).

Non-overlap of two 95% intervals is a conservative test, chosen because anyone can
see it in the findings: for two independent ratios with equal standard errors it
matches a two-sided test at about the 0.6% level, not 5%, so a real but modest
drop can pass.  The baseline and the current run mostly share documents, which
makes their difference less variable still, so the test is more conservative
again.  A report saved before reports carried intervals has none: ``no_regression``
then compares the ratios alone and says so in the finding.

Findings quote the interval whatever the confidence.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from focuscount.analysis import Analysis, analyze
from focuscount.baseline import SAVE_AGAIN, Baseline, git_baseline, load_report_baseline, relative_key
from focuscount.config import DEFAULT_TOLERANCE, Confidence, Rule, with_confidence, with_threshold
from focuscount.discovery import Skipped
from focuscount.errors import ConfigError, NoDocumentsError
from focuscount.lexicon import Lexicon, load_lexicon
from focuscount.model import DocumentCounts, per_thousand
from focuscount.options import DEFAULT_READ, SERIAL, Execution, ReadOptions
from focuscount.safeio import read_input_text
from focuscount.timeline import Grouping
from focuscount.uncertainty import DEFAULT_MIN_HITS, Interval, format_interval

TOP_TERMS = 3


@dataclass(frozen=True)
class Finding:
    """A failed rule: where, what was measured, against which threshold, and why."""

    rule: str
    severity: str
    path: Path | None  # None: the set of documents as a whole
    measured: float | None
    threshold: float
    message: str
    top_terms: tuple[tuple[str, str, int], ...] = ()  # (category, term, hits) behind the value
    line: int = 1
    column: int = 1
    interval: Interval | None = None  # the 95% interval of ``measured`` (a ratio)
    baseline_interval: Interval | None = None  # no_regression: the baseline ratio's interval
    confidence: str = "point"  # how the rule judged: the ratio itself, or its interval

    @property
    def where(self) -> str:
        """The file, or ``(all documents)``."""
        return str(self.path) if self.path is not None else "(all documents)"


@dataclass(frozen=True)
class BaselineIntervals:
    """The 95% intervals of a baseline's ratios: overall, and per document keyed as in :class:`Baseline`.

    An interval is None where the baseline has none: no hits, or a report saved
    before reports carried intervals.
    """

    overall: Interval | None = None
    documents: dict[str, Interval | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Evaluation:
    """One rule evaluated on one target (a document, or all of them)."""

    rule: str
    severity: str
    path: Path | None
    finding: Finding | None

    @property
    def passed(self) -> bool:
        """True when the rule held."""
        return self.finding is None


@dataclass(frozen=True)
class CheckResult:
    """All evaluations of a check run, and what they add up to."""

    analysis: Analysis
    evaluations: tuple[Evaluation, ...]
    baseline: Baseline | None = None
    baseline_intervals: BaselineIntervals | None = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The failed evaluations."""
        return tuple(e.finding for e in self.evaluations if e.finding is not None)

    @property
    def errors(self) -> int:
        """Findings with severity error (they fail the check)."""
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        """Findings with severity warning (reported, the check still passes)."""
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def passed(self) -> bool:
        """True when no error finding was made."""
        return self.errors == 0


def run_check(
    analysis: Analysis,
    rules: Iterable[Rule],
    baseline: Baseline | None = None,
    baseline_intervals: BaselineIntervals | None = None,
) -> CheckResult:
    """Evaluate every rule on ``analysis`` (``no_regression`` needs a ``baseline``).

    ``baseline_intervals`` are the baseline's 95% intervals; without them a
    ``no_regression`` rule with ``confidence = "interval"`` compares the ratios alone.
    """
    intervals = baseline_intervals or BaselineIntervals()
    evaluations: list[Evaluation] = []
    for rule in rules:
        evaluations.extend(_evaluate(rule, analysis, baseline, intervals))
    return CheckResult(analysis, tuple(evaluations), baseline, baseline_intervals)


def _evaluate(
    rule: Rule, analysis: Analysis, baseline: Baseline | None, intervals: BaselineIntervals
) -> list[Evaluation]:
    if rule.name == "min_ratio":
        return _min_ratio(rule, analysis)
    if rule.name == "max_institution_rate":
        return _max_rate(rule, analysis)
    if rule.name == "min_words":
        return _min_words(rule, analysis)
    if rule.name == "no_regression":
        return _no_regression(rule, analysis, baseline, intervals)
    raise ValueError(f"unknown rule {rule.name!r}")


def _targets(rule: Rule, analysis: Analysis) -> list[tuple[str, DocumentCounts | None]]:
    """(threshold key, document or None for all) pairs the rule applies to."""
    targets: list[tuple[str, DocumentCounts | None]] = []
    if "overall" in rule.thresholds:
        targets.append(("overall", None))
    if "per_document" in rule.thresholds:
        targets.extend(("per_document", counts) for counts in analysis.documents)
    return targets


def _min_ratio(rule: Rule, analysis: Analysis) -> list[Evaluation]:
    lexicon = analysis.lexicon
    results = []
    for key, counts in _targets(rule, analysis):
        threshold = rule.thresholds[key]
        ratio = analysis.ratio if counts is None else counts.ratio
        interval = analysis.interval if counts is None else counts.interval
        finding = None
        if ratio is None:
            finding = _finding(
                rule, counts, None, threshold,
                f"no {lexicon.focus} or {lexicon.versus} hits: the ratio cannot be judged (minimum {threshold:.2f})",
                analysis,
            )  # fmt: skip
        elif _below(ratio, interval, threshold, rule.confidence):
            finding = _finding(
                rule, counts, ratio, threshold, _below_message(ratio, interval, threshold, rule.confidence),
                analysis, drivers=lexicon.versus, interval=interval,
            )  # fmt: skip
        results.append(Evaluation(rule.name, rule.severity, _path(counts), finding))
    return results


def _below(ratio: float, interval: Interval | None, threshold: float, confidence: str) -> bool:
    """Point: the ratio is below ``threshold``; interval: even the interval's upper bound is."""
    if confidence == "interval" and interval is not None:
        return interval.high < threshold
    return ratio < threshold


def _below_message(ratio: float, interval: Interval | None, threshold: float, confidence: str) -> str:
    if confidence == "interval" and interval is not None:
        upper = f"its upper bound {interval.high:.2f}"
        return f"ratio {_quoted(ratio, interval)}: {upper} is below the minimum {threshold:.2f}"
    return f"ratio {_quoted(ratio, interval)} is below the minimum {threshold:.2f}"


def _quoted(ratio: float, interval: Interval | None, label: str | None = None) -> str:
    """``0.28 (95% interval 0.18–0.42)``, with ``label`` first in the brackets when given."""
    notes = [label] if label else []
    if interval is not None:
        notes.append(f"95% interval {format_interval(interval)}")
    return f"{ratio:.2f} ({', '.join(notes)})" if notes else f"{ratio:.2f}"


def _max_rate(rule: Rule, analysis: Analysis) -> list[Evaluation]:
    versus = analysis.lexicon.versus
    results = []
    for key, counts in _targets(rule, analysis):
        threshold = rule.thresholds[key]
        rate = per_thousand(analysis.counts.get(versus, 0), analysis.words) if counts is None else counts.rate(versus)
        finding = None
        if rate is not None and rate > threshold:
            finding = _finding(
                rule, counts, rate, threshold,
                f"{versus} hits per 1,000 words {rate:.1f} is above the maximum {threshold:.1f}",
                analysis, drivers=versus,
            )  # fmt: skip
        results.append(Evaluation(rule.name, rule.severity, _path(counts), finding))
    return results


def _min_words(rule: Rule, analysis: Analysis) -> list[Evaluation]:
    threshold = rule.thresholds["per_document"]
    results = []
    for counts in analysis.documents:
        finding = None
        if counts.words < threshold:
            finding = _finding(
                rule, counts, counts.words, threshold,
                f"{counts.words} words is below the minimum {threshold:.0f}: too short to judge", analysis,
            )  # fmt: skip
        results.append(Evaluation(rule.name, rule.severity, counts.document.path, finding))
    return results


def _no_regression(
    rule: Rule, analysis: Analysis, baseline: Baseline | None, intervals: BaselineIntervals
) -> list[Evaluation]:
    if baseline is None:
        return []
    overall = _Ratio(analysis.ratio, analysis.interval)
    results = [_regression(rule, analysis, None, _Ratio(baseline.ratio, intervals.overall), overall, baseline.label)]
    for counts in analysis.documents:
        key = relative_key(counts.document.path, baseline.root)
        before = _Ratio(baseline.documents.get(key), intervals.documents.get(key))
        now = _Ratio(counts.ratio, counts.interval)
        if before.value is not None and now.value is not None:  # a new document, or one without hits
            results.append(_regression(rule, analysis, counts, before, now, baseline.label))
    return results


@dataclass(frozen=True)
class _Ratio:
    """A ratio and its 95% interval (either may be missing)."""

    value: float | None
    interval: Interval | None


def _regression(
    rule: Rule, analysis: Analysis, counts: DocumentCounts | None, before: _Ratio, now: _Ratio, label: str
) -> Evaluation:
    """One comparison with the baseline (passed when either side has no ratio to compare)."""
    if before.value is None or now.value is None:
        return Evaluation(rule.name, rule.severity, _path(counts), None)
    tolerance = rule.thresholds["tolerance"]
    drop = before.value - now.value
    message = (
        f"ratio fell from {_quoted(before.value, before.interval, label)} to {_quoted(now.value, now.interval)}, "
        f"a drop of {drop:.2f} (tolerance {tolerance:.2f})"
    )
    failed = drop > tolerance
    if failed and rule.confidence == "interval":
        if before.interval is None or now.interval is None:
            message += f"; judged on the ratios alone: {label} holds no interval ({SAVE_AGAIN})"
        elif now.interval.high < before.interval.low:
            message += "; the 95% intervals do not overlap"
        else:
            failed = False
    finding = None
    if failed:
        finding = _finding(
            rule, counts, now.value, tolerance, message, analysis,
            drivers=analysis.lexicon.versus, interval=now.interval, baseline_interval=before.interval,
        )  # fmt: skip
    return Evaluation(rule.name, rule.severity, _path(counts), finding)


def _path(counts: DocumentCounts | None) -> Path | None:
    return None if counts is None else counts.document.path


def _finding(
    rule: Rule,
    counts: DocumentCounts | None,
    measured: float | None,
    threshold: float,
    message: str,
    analysis: Analysis,
    drivers: str | None = None,
    interval: Interval | None = None,
    baseline_interval: Interval | None = None,
) -> Finding:
    top: tuple[tuple[str, str, int], ...] = ()
    if drivers is not None:
        top = top_terms(analysis, counts, drivers)
    if top:
        message += " (" + ", ".join(f"{term} {hits}" for _, term, hits in top) + ")"
    return Finding(
        rule.name, rule.severity, _path(counts), measured, threshold, message, top,
        interval=interval, baseline_interval=baseline_interval, confidence=rule.confidence,
    )  # fmt: skip


def top_terms(analysis: Analysis, counts: DocumentCounts | None, category: str) -> tuple[tuple[str, str, int], ...]:
    """The most frequent terms of ``category`` in one document, or over all documents."""
    totals: Counter[str] = Counter()
    for document in analysis.documents if counts is None else [counts]:
        totals.update(document.term_counts.get(category, {}))
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:TOP_TERMS]
    return tuple((category, term, hits) for term, hits in ranked)


DEFAULT_RULES = (Rule("min_ratio", "error", {"overall": 0.5}),)


def check_run(
    paths: Iterable[Path | str],
    lexicon: Lexicon | str | Path = "library",
    *,
    rules: Iterable[Rule] = (),
    rules_file: Path | None = None,
    options: ReadOptions = DEFAULT_READ,
    execution: Execution = SERIAL,
    by: Grouping = "meeting",
    min_hits: int = DEFAULT_MIN_HITS,
    include_thin: bool = False,
    min_ratio: float | None = None,
    confidence: Confidence | None = None,
    baseline: Path | None = None,
    baseline_ref: str | None = None,
    allow_lexicon_change: bool = False,
    on_skip: Callable[[Skipped], None] | None = None,
) -> CheckResult:
    """Analyse ``paths`` and evaluate ``rules`` (or :data:`DEFAULT_RULES` when none are given).

    ``options``, ``execution``, ``by``, ``min_hits`` and ``include_thin`` are those of
    :func:`~focuscount.analysis.analyze`.  ``rules_file`` is where the rules came
    from, for messages.  ``min_ratio`` overrides the overall minimum;
    ``confidence`` ("point" or "interval") overrides it in ``min_ratio`` and
    ``no_regression``; ``baseline`` (a report saved by ``analyze`` as JSON) /
    ``baseline_ref`` (a git revision) override the ones in the ``no_regression``
    rule (and turn the rule on).  A baseline report made with another lexicon is
    refused (ConfigError) unless ``allow_lexicon_change`` or the rule's
    ``allow_lexicon_change = true``; a git baseline is read with the current
    lexicon, so it always matches.
    """
    paths = tuple(paths)
    chosen = tuple(rules)
    if min_ratio is not None:
        chosen = with_threshold(chosen, "min_ratio", "overall", min_ratio)
    chosen = chosen or DEFAULT_RULES
    if (baseline or baseline_ref) and not any(rule.name == "no_regression" for rule in chosen):
        chosen = (*chosen, Rule("no_regression", "error", {"tolerance": DEFAULT_TOLERANCE}))
    if confidence is not None:
        chosen = with_confidence(chosen, confidence)
    regression = next((rule for rule in chosen if rule.name == "no_regression"), None)
    if not isinstance(lexicon, Lexicon):
        lexicon = load_lexicon(lexicon)
    found = intervals = None
    report = revision = None
    if regression is not None:
        report, revision = _baseline_source(regression, baseline, baseline_ref, rules_file)
    if report is not None:  # read and compared before the documents, so a wrong baseline fails at once
        allowed = allow_lexicon_change or bool(regression and regression.flags.get("allow_lexicon_change"))
        found = _same_lexicon(report, load_report_baseline(report), lexicon, allowed)
        intervals = load_report_intervals(report, found.root)
    analysis = analyze(
        paths,
        lexicon,
        by=by,
        options=options,
        execution=execution,
        min_hits=min_hits,
        include_thin=include_thin,
        on_skip=on_skip,
        evidence=False,  # rules judge counts; a finding's top terms come from the term counts
    )
    if revision is not None:
        found, intervals = _git_baseline(paths, lexicon, options, execution, revision)
    return run_check(analysis, chosen, found, intervals)


def load_report_intervals(report: Path, root: Path) -> BaselineIntervals:
    """The 95% intervals a saved report holds: ``summary.interval`` and ``documents[i].interval``.

    Call it after :func:`~focuscount.baseline.load_report_baseline` has checked the
    rest of the report; documents are keyed as that baseline keys them (relative to
    ``root``).  A report saved before reports carried intervals gives None for each:
    nothing is computed in their place.  A malformed interval is a ConfigError
    naming the field.
    """
    data = json.loads(read_input_text(report, "baseline report", "baseline is not a readable JSON report"))
    summary = data.get("summary") if isinstance(data, dict) else None
    items = data.get("documents") if isinstance(data, dict) else None
    overall = _report_interval(report, summary, "summary.interval")
    documents: dict[str, Interval | None] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("path"), str):
            key = relative_key(Path(item["path"]), root)
            documents[key] = _report_interval(report, item, f"documents[{index}].interval")
    return BaselineIntervals(overall, documents)


def _report_interval(report: Path, item: object, name: str) -> Interval | None:
    value = item.get("interval") if isinstance(item, dict) else None
    if value is None:
        return None
    numbers = isinstance(value, list) and len(value) == 2
    numbers = numbers and all(isinstance(end, int | float) and not isinstance(end, bool) for end in value)
    if not numbers or not 0 <= value[0] <= value[1] <= 1:  # NaN fails every comparison, so it is refused too
        shown = json.dumps(value, ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        raise ConfigError(
            report,
            f"baseline field '{name}' must be [low, high] (two ratios from 0 to 1, low first) or null, "
            f"not {shown}; {SAVE_AGAIN}",
        )
    return Interval(float(value[0]), float(value[1]))


def _baseline_source(
    rule: Rule, report: Path | None, revision: str | None, rules_file: Path | None
) -> tuple[Path | None, str | None]:
    """(report, None) or (None, revision): the caller's baseline, else the rule's."""
    if report is None and revision is None:
        if "baseline" in rule.options:
            report = Path(rule.options["baseline"])
        else:
            revision = rule.options.get("baseline_ref")
    if report is None and revision is None:
        raise ConfigError(
            rules_file,
            "rule no_regression needs a baseline: `baseline` (a report saved by analyze as JSON), `baseline_ref` "
            "(a git revision), or 'baseline' / 'baseline_ref' in the rule",
            parameters=("baseline", "baseline_ref"),
        )
    return (report, None) if report is not None else (None, revision)


def _same_lexicon(report: Path, baseline: Baseline, lexicon: Lexicon, allowed: bool) -> Baseline:
    """``baseline`` when it was counted with ``lexicon`` (or a change is ``allowed``); else a ConfigError."""
    if allowed or baseline.lexicon_hash == lexicon.sha256:
        return baseline
    then = f"{baseline.lexicon_name} ({(baseline.lexicon_hash or '')[:12]})"
    raise ConfigError(
        report,
        f"baseline was counted with lexicon {then}, not {lexicon.name} ({lexicon.short_hash}), so its ratios "
        "are not comparable: save a new baseline, or pass `allow_lexicon_change` to compare anyway",
        parameters=("allow_lexicon_change",),
    )


def _git_baseline(
    paths: tuple[Path | str, ...], lexicon: Lexicon, options: ReadOptions, execution: Execution, revision: str
) -> tuple[Baseline, BaselineIntervals]:
    """The files at ``revision`` read exactly as the current run reads them: same lexicon, model, limits.

    The dates manifest is left out: its paths name the working tree, not the
    temporary copies, and dates do not change a ratio.  The intervals come from
    the same analysis.
    """
    reading = options.without_dates()
    analysed: list[Analysis] = []

    def ratios(copies: list[Path]) -> tuple[float | None, dict[Path, float | None]]:
        try:
            then = analyze(copies, lexicon, options=reading, execution=execution)
        except NoDocumentsError:
            return None, {}
        analysed.append(then)
        return then.ratio, {counts.document.path: counts.ratio for counts in then.documents}

    baseline = git_baseline(revision, [Path(path) for path in paths], ratios)
    if not analysed:
        return baseline, BaselineIntervals()
    then = analysed[0]
    # git_baseline keys the documents (relative to its temporary copy) in the order ``ratios`` listed them
    documents = dict(zip(baseline.documents, (counts.interval for counts in then.documents), strict=True))
    return baseline, BaselineIntervals(then.interval, documents)
