"""``focuscount check``: evaluate rules on an analysis, like a linter for strategy documents.

Each rule is evaluated on the whole set of documents (``overall``) and/or on each
document (``per_document``); every evaluation passes or fails, and a failed one is
a :class:`Finding` that names the file, the rule, the measured value, the
threshold and the terms that drove it.  A rule that fails with severity
``error`` fails the check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from focuscount.analysis import Analysis, analyze
from focuscount.baseline import Baseline, git_baseline, load_report_baseline, relative_key
from focuscount.config import DEFAULT_TOLERANCE, Rule, RunOptions, with_rule
from focuscount.discovery import Skipped
from focuscount.errors import ConfigError, NoDocumentsError
from focuscount.lexicon import Lexicon, load_lexicon
from focuscount.model import DocumentCounts, per_thousand

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

    @property
    def where(self) -> str:
        """The file, or ``(all documents)``."""
        return str(self.path) if self.path is not None else "(all documents)"


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


def run_check(analysis: Analysis, rules: Iterable[Rule], baseline: Baseline | None = None) -> CheckResult:
    """Evaluate every rule on ``analysis`` (``no_regression`` needs a ``baseline``)."""
    evaluations: list[Evaluation] = []
    for rule in rules:
        evaluations.extend(_evaluate(rule, analysis, baseline))
    return CheckResult(analysis, tuple(evaluations), baseline)


def _evaluate(rule: Rule, analysis: Analysis, baseline: Baseline | None) -> list[Evaluation]:
    if rule.name == "min_ratio":
        return _min_ratio(rule, analysis)
    if rule.name == "max_institution_rate":
        return _max_rate(rule, analysis)
    if rule.name == "min_words":
        return _min_words(rule, analysis)
    if rule.name == "no_regression":
        return _no_regression(rule, analysis, baseline)
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
        finding = None
        if ratio is None:
            finding = _finding(
                rule, counts, None, threshold,
                f"no {lexicon.focus} or {lexicon.versus} hits: the ratio cannot be judged (minimum {threshold:.2f})",
                analysis,
            )  # fmt: skip
        elif ratio < threshold:
            finding = _finding(
                rule, counts, ratio, threshold,
                f"ratio {ratio:.2f} is below the minimum {threshold:.2f}", analysis, drivers=lexicon.versus,
            )  # fmt: skip
        results.append(Evaluation(rule.name, rule.severity, _path(counts), finding))
    return results


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


def _no_regression(rule: Rule, analysis: Analysis, baseline: Baseline | None) -> list[Evaluation]:
    tolerance = rule.thresholds["tolerance"]
    if baseline is None:
        return []
    results = []
    current = analysis.ratio
    finding = None
    if baseline.ratio is not None and current is not None and baseline.ratio - current > tolerance:
        finding = _finding(
            rule, None, current, tolerance,
            _drop(baseline.ratio, current, baseline.label, tolerance),
            analysis, drivers=analysis.lexicon.versus,
        )  # fmt: skip
    results.append(Evaluation(rule.name, rule.severity, None, finding))
    for counts in analysis.documents:
        before = baseline.documents.get(relative_key(counts.document.path, baseline.root))
        now = counts.ratio
        if before is None or now is None:
            continue
        finding = None
        if before - now > tolerance:
            finding = _finding(
                rule, counts, now, tolerance,
                _drop(before, now, baseline.label, tolerance),
                analysis, drivers=analysis.lexicon.versus,
            )  # fmt: skip
        results.append(Evaluation(rule.name, rule.severity, counts.document.path, finding))
    return results


def _drop(before: float, now: float, label: str, tolerance: float) -> str:
    return (
        f"ratio fell from {before:.2f} ({label}) to {now:.2f}, a drop of {before - now:.2f} (tolerance {tolerance:.2f})"
    )


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
) -> Finding:
    top: tuple[tuple[str, str, int], ...] = ()
    if drivers is not None:
        top = top_terms(analysis, counts, drivers)
    if top:
        message += " (" + ", ".join(f"{term} {hits}" for _, term, hits in top) + ")"
    return Finding(rule.name, rule.severity, _path(counts), measured, threshold, message, top)


def top_terms(analysis: Analysis, counts: DocumentCounts | None, category: str) -> tuple[tuple[str, str, int], ...]:
    """The most frequent terms of ``category`` in one document, or over all documents."""
    totals: Counter[str] = Counter()
    for document in analysis.documents if counts is None else [counts]:
        totals.update(document.term_counts.get(category, {}))
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:TOP_TERMS]
    return tuple((category, term, hits) for term, hits in ranked)


DEFAULT_RULES = (Rule("min_ratio", "error", {"overall": 0.5}),)


def check_run(
    run: RunOptions,
    *,
    min_ratio: float | None = None,
    baseline: Path | None = None,
    baseline_ref: str | None = None,
    allow_lexicon_change: bool = False,
    on_skip: Callable[[Skipped], None] | None = None,
) -> CheckResult:
    """Analyse ``run`` and evaluate its configured rules (or :data:`DEFAULT_RULES` when none are set).

    ``min_ratio`` overrides the overall minimum; ``baseline`` / ``baseline_ref``
    override the ones in the ``no_regression`` rule (and turn the rule on).  A
    baseline report made with another lexicon is refused (ConfigError) unless
    ``allow_lexicon_change`` or the rule's ``allow_lexicon_change = true``; a git
    baseline is read with the current lexicon, so it always matches.
    """
    settings = run.settings
    if min_ratio is not None:
        settings = with_rule(settings, "min_ratio", "overall", min_ratio)
    rules = settings.rules or DEFAULT_RULES
    regression = next((rule for rule in rules if rule.name == "no_regression"), None)
    if (baseline or baseline_ref) and regression is None:
        regression = Rule("no_regression", "error", {"tolerance": DEFAULT_TOLERANCE})
        rules = (*rules, regression)
    lexicon = load_lexicon(run.lexicon)
    found = None
    report = revision = None
    if regression is not None:
        report, revision = _baseline_source(run, regression, baseline, baseline_ref)
    if report is not None:  # read and compared before the documents, so a wrong baseline fails at once
        allowed = allow_lexicon_change or bool(regression and regression.flags.get("allow_lexicon_change"))
        found = _same_lexicon(report, load_report_baseline(report), lexicon, allowed)
    analysis = analyze(run.paths, lexicon, by=settings.by, on_skip=on_skip, **run.reading())
    if revision is not None:
        found = _git_baseline(run, lexicon, revision)
    return run_check(analysis, rules, found)


def _baseline_source(
    run: RunOptions, rule: Rule, report: Path | None, revision: str | None
) -> tuple[Path | None, str | None]:
    """(report, None) or (None, revision): the command line's baseline, else the rule's."""
    if report is None and revision is None:
        if "baseline" in rule.options:
            report = run.settings.resolve(rule.options["baseline"])
        else:
            revision = rule.options.get("baseline_ref")
    if report is None and revision is None:
        raise ConfigError(
            run.settings.source,
            "rule no_regression needs a baseline: --baseline REPORT.json, --baseline-ref REV, "
            "or 'baseline' / 'baseline_ref' in the rule",
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
        "are not comparable: save a new baseline, or pass --allow-lexicon-change to compare anyway",
    )


def _git_baseline(run: RunOptions, lexicon: Lexicon, revision: str) -> Baseline:
    """The files at ``revision`` read exactly as the current run reads them: same lexicon, model, limits.

    The dates manifest is left out: its paths name the working tree, not the
    temporary copies, and dates do not change a ratio.
    """
    reading = run.reading(dates=False)

    def ratios(paths: list[Path]) -> tuple[float | None, dict[Path, float | None]]:
        try:
            then = analyze(paths, lexicon, **reading)
        except NoDocumentsError:
            return None, {}
        return then.ratio, {counts.document.path: counts.ratio for counts in then.documents}

    return git_baseline(revision, run.paths, ratios)
