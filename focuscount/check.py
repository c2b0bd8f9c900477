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

A finding about one document points at a part of it (:mod:`focuscount.spans`):
``min_ratio`` and ``max_institution_rate`` at the section (or, without headings,
the paragraph) with the most versus hits; ``no_regression`` at the section whose
ratio fell most since the baseline, when the baseline holds the document's sections
(a git baseline always does; a saved report when it was saved with ``--by-section``),
else at the section with the most versus hits.  A document without a single focus
or versus hit is not judged by ``min_ratio``: it is reported as "no evidence" with
severity ``info``, unless ``on_empty`` says ``warning`` or ``error``.

``judged`` limits the per-document rules to some documents (those changed since a
git revision, or the files a pre-commit hook passes); rules about the whole set
still read every document.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from focuscount.analysis import Analysis, analyze
from focuscount.baseline import SAVE_AGAIN, Baseline, git_baseline, load_report_baseline, relative_key
from focuscount.config import (
    DEFAULT_ON_EMPTY,
    DEFAULT_TOLERANCE,
    ON_EMPTY_CHOICES,
    Confidence,
    Rule,
    with_confidence,
    with_threshold,
)
from focuscount.discovery import Skipped
from focuscount.errors import ConfigError, NoDocumentsError
from focuscount.escape import display_path
from focuscount.lexicon import Lexicon, load_lexicon
from focuscount.model import DocumentCounts, per_thousand
from focuscount.options import DEFAULT_READ, SERIAL, Execution, ReadOptions
from focuscount.safeio import read_input_json
from focuscount.spans import DocumentSpans, Span, document_spans, fell_most, section_ratios
from focuscount.timeline import Grouping
from focuscount.uncertainty import DEFAULT_MIN_HITS, Interval, format_interval

TOP_TERMS = 3
SEVERITIES = ("error", "warning", "info")  # info: reported, never fails (a document with no evidence)


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
    # The span pointed at: its first and last line in the file (text read by lines; None for a page,
    # slide or paragraph, and for the whole set), and where it is in words.
    line: int | None = None
    end_line: int | None = None
    at: str | None = None  # 'section "2. Staffing structure" (lines 15–21)', 'page 2, lines 4–9'
    interval: Interval | None = None  # the 95% interval of ``measured`` (a ratio)
    baseline_interval: Interval | None = None  # no_regression: the baseline ratio's interval
    confidence: str = "point"  # how the rule judged: the ratio itself, or its interval

    @property
    def where(self) -> str:
        """The file, or ``(all documents)``."""
        return str(self.path) if self.path is not None else WHOLE_SET

    @property
    def column(self) -> int | None:
        """1 when the finding has a line (a span starts at the start of its line), else None."""
        return None if self.line is None else 1


WHOLE_SET = "(all documents)"  # how every format names the set of documents as a whole


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
    judged: int | None = None  # documents the per-document rules judged, when not all of them were
    notes: tuple[str, ...] = ()  # what the run left out, and why (rules skipped, all documents judged)

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
    def infos(self) -> int:
        """Findings with severity info (documents without evidence, reported only)."""
        return sum(1 for f in self.findings if f.severity == "info")

    @property
    def unreadable(self) -> tuple[Skipped, ...]:
        """Files that could not be read: the check could not judge them, so it is incomplete."""
        return self.analysis.unreadable

    @property
    def passed(self) -> bool:
        """True when no error finding was made (see :attr:`status` for unreadable files)."""
        return self.errors == 0

    @property
    def status(self) -> str:
        """``failed`` (an error finding), ``incomplete`` (none, but a file was unreadable) or ``passed``."""
        if not self.passed:
            return "failed"
        return "incomplete" if self.unreadable else "passed"


def run_check(
    analysis: Analysis,
    rules: Iterable[Rule],
    baseline: Baseline | None = None,
    baseline_intervals: BaselineIntervals | None = None,
    *,
    spans: dict[Path, DocumentSpans] | None = None,
    baseline_sections: BaselineSections | None = None,
    judged: Iterable[Path] | None = None,
    corpus_rules: bool = True,
    on_empty: str = DEFAULT_ON_EMPTY,
) -> CheckResult:
    """Evaluate every rule on ``analysis`` (``no_regression`` needs a ``baseline``).

    ``baseline_intervals`` are the baseline's 95% intervals; without them a
    ``no_regression`` rule with ``confidence = "interval"`` compares the ratios alone.
    ``spans`` (by document path, from :func:`~focuscount.spans.document_spans`) let a
    finding point at a section; ``baseline_sections`` are the baseline's section
    ratios.  ``judged`` are the documents per-document rules judge (None: all; a
    path not read is ignored); without ``corpus_rules`` the rules about the whole
    set are left out.  ``on_empty`` is the severity of "no evidence" under
    ``min_ratio`` (``info``, ``warning`` or ``error``) where the rule sets none.
    """
    if on_empty not in ON_EMPTY_CHOICES:
        raise ConfigError(
            None, f"`on_empty` must be one of {', '.join(ON_EMPTY_CHOICES)}, not {on_empty!r}", parameters=("on_empty",)
        )
    wanted = None if judged is None else {_same_file(path) for path in judged}
    documents = tuple(c for c in analysis.documents if wanted is None or _same_file(c.document.path) in wanted)
    context = _Context(
        analysis, documents, baseline, baseline_intervals or BaselineIntervals(),
        baseline_sections or BaselineSections(), spans or {}, corpus_rules, on_empty,
    )  # fmt: skip
    evaluations: list[Evaluation] = []
    for rule in rules:
        evaluations.extend(_evaluate(rule, context))
    return CheckResult(
        analysis, tuple(evaluations), baseline, baseline_intervals, None if wanted is None else len(documents)
    )


def _near(path: Path) -> Path:
    """``path`` relative to the working folder when it is inside it, as the user would type it."""
    try:
        return path.absolute().relative_to(Path.cwd())
    except ValueError:
        return path


def _same_file(path: Path) -> Path:
    """``path`` as one spelling of its file, whatever folder it was given from (or through which link)."""
    absolute = Path(os.path.normpath(path.absolute()))
    return absolute.parent.resolve() / absolute.name


@dataclass(frozen=True)
class BaselineSections:
    """The ratio of each section of the baseline's documents: document key (as in :class:`Baseline`) → title → ratio.

    A document the baseline holds no sections for is missing (a report saved
    without ``--by-section``, or a document without headings).
    """

    documents: dict[str, dict[str, float | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Context:
    """What every rule is evaluated against."""

    analysis: Analysis
    documents: tuple[DocumentCounts, ...]  # the documents per-document rules judge
    baseline: Baseline | None
    intervals: BaselineIntervals
    sections: BaselineSections
    spans: dict[Path, DocumentSpans]
    corpus: bool  # evaluate the rules about the whole set
    on_empty: str

    def hotspot(self, counts: DocumentCounts | None) -> Span | None:
        """The span of ``counts`` with the most versus hits (None for the whole set)."""
        found = None if counts is None else self.spans.get(counts.document.path)
        return None if found is None else found.hotspot

    def one_part(self, counts: DocumentCounts | None) -> bool:
        """True when ``counts`` is a single paragraph or section: a pointer into it would name all of it."""
        found = None if counts is None else self.spans.get(counts.document.path)
        return found is not None and found.parts <= 1


def _evaluate(rule: Rule, context: _Context) -> list[Evaluation]:
    if rule.name == "min_ratio":
        return _min_ratio(rule, context)
    if rule.name == "max_institution_rate":
        return _max_rate(rule, context)
    if rule.name == "min_words":
        return _min_words(rule, context)
    if rule.name == "no_regression":
        return _no_regression(rule, context)
    raise ValueError(f"unknown rule {rule.name!r}")


def _targets(rule: Rule, context: _Context) -> list[tuple[str, DocumentCounts | None]]:
    """(threshold key, document or None for all) pairs the rule applies to."""
    targets: list[tuple[str, DocumentCounts | None]] = []
    if "overall" in rule.thresholds and context.corpus:
        targets.append(("overall", None))
    if "per_document" in rule.thresholds:
        targets.extend(("per_document", counts) for counts in context.documents)
    return targets


def _min_ratio(rule: Rule, context: _Context) -> list[Evaluation]:
    analysis = context.analysis
    lexicon = analysis.lexicon
    empty = rule.options.get("on_empty", context.on_empty)
    results = []
    for key, counts in _targets(rule, context):
        threshold = rule.thresholds[key]
        ratio = analysis.ratio if counts is None else counts.ratio
        interval = analysis.interval if counts is None else counts.interval
        finding = None
        if ratio is None:
            finding = replace(
                _finding(
                    rule, counts, None, threshold,
                    f"no evidence: no {lexicon.focus} or {lexicon.versus} hits, so the ratio cannot be judged "
                    f"(minimum {threshold:.2f})",
                    analysis,
                ),
                severity=empty,
            )  # fmt: skip
        elif _below(ratio, interval, threshold, rule.confidence):
            finding = _finding(
                rule, counts, ratio, threshold, _below_message(ratio, interval, threshold, rule.confidence),
                analysis, drivers=lexicon.versus, interval=interval, span=context.hotspot(counts),
                one_part=context.one_part(counts),
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


def _max_rate(rule: Rule, context: _Context) -> list[Evaluation]:
    analysis = context.analysis
    versus = analysis.lexicon.versus
    results = []
    for key, counts in _targets(rule, context):
        threshold = rule.thresholds[key]
        rate = per_thousand(analysis.counts.get(versus, 0), analysis.words) if counts is None else counts.rate(versus)
        finding = None
        if rate is not None and rate > threshold:
            finding = _finding(
                rule, counts, rate, threshold,
                f"{versus} hits per 1,000 words {rate:.1f} is above the maximum {threshold:.1f}",
                analysis, drivers=versus, span=context.hotspot(counts), one_part=context.one_part(counts),
            )  # fmt: skip
        results.append(Evaluation(rule.name, rule.severity, _path(counts), finding))
    return results


def _min_words(rule: Rule, context: _Context) -> list[Evaluation]:
    threshold = rule.thresholds["per_document"]
    results = []
    for counts in context.documents:
        finding = None
        if counts.words < threshold:
            finding = _finding(
                rule, counts, counts.words, threshold,
                f"{counts.words} words is below the minimum {threshold:.0f}: too short to judge", context.analysis,
            )  # fmt: skip
        results.append(Evaluation(rule.name, rule.severity, counts.document.path, finding))
    return results


def _no_regression(rule: Rule, context: _Context) -> list[Evaluation]:
    baseline, intervals, analysis = context.baseline, context.intervals, context.analysis
    if baseline is None:
        return []
    results = []
    if context.corpus:
        overall = _Ratio(analysis.ratio, analysis.interval)
        results.append(
            _regression(rule, context, None, _Ratio(baseline.ratio, intervals.overall), overall, baseline.label)
        )
    for counts in context.documents:
        key = relative_key(counts.document.path, baseline.root)
        before = _Ratio(baseline.documents.get(key), intervals.documents.get(key))
        now = _Ratio(counts.ratio, counts.interval)
        if before.value is not None and now.value is not None:  # a new document, or one without hits
            results.append(_regression(rule, context, counts, before, now, baseline.label, key))
    return results


@dataclass(frozen=True)
class _Ratio:
    """A ratio and its 95% interval (either may be missing)."""

    value: float | None
    interval: Interval | None


def _regression(
    rule: Rule,
    context: _Context,
    counts: DocumentCounts | None,
    before: _Ratio,
    now: _Ratio,
    label: str,
    key: str | None = None,
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
        span, fell = _fallen_section(context, counts, key, before.value)
        finding = _finding(
            rule, counts, now.value, tolerance, message, context.analysis,
            drivers=context.analysis.lexicon.versus, interval=now.interval, baseline_interval=before.interval,
            span=span, fell=fell, one_part=context.one_part(counts),
        )  # fmt: skip
    return Evaluation(rule.name, rule.severity, _path(counts), finding)


def _fallen_section(
    context: _Context, counts: DocumentCounts | None, key: str | None, before: float
) -> tuple[Span | None, float | None]:
    """The section whose ratio fell most and the ratio it fell from; else the hotspot and None."""
    spans = None if counts is None else context.spans.get(counts.document.path)
    sections = None if key is None else context.sections.documents.get(key)
    if spans is not None and sections:
        found = fell_most(spans, sections, before)
        if found is not None:
            return found
    return context.hotspot(counts), None


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
    span: Span | None = None,
    fell: float | None = None,
    one_part: bool = False,
) -> Finding:
    top: tuple[tuple[str, str, int], ...] = ()
    if drivers is not None:
        top = top_terms(analysis, counts, drivers)
    if top:
        message += " (" + ", ".join(f"{term} {hits}" for _, term, hits in top) + ")"
    if one_part:  # the finding is about the whole document anyway: its lines suffice
        pass
    elif span is not None and fell is not None:
        now = "no ratio" if span.ratio is None else f"{span.ratio:.2f}"
        message += f"; fell most: {span.describe()}, from {fell:.2f} to {now}"
    elif span is not None and counts is not None:
        versus = analysis.lexicon.versus
        message += f"; most {versus} hits: {span.describe()}, {span.versus} of {counts.counts.get(versus, 0)}"
    return Finding(
        rule.name, rule.severity, _path(counts), measured, threshold, message, top,
        line=None if span is None else span.line, end_line=None if span is None else span.end_line,
        at=None if span is None else span.describe(),
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
    judged: Iterable[Path] | None = None,
    corpus_rules: bool = True,
    on_empty: str = DEFAULT_ON_EMPTY,
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

    ``judged`` are the documents the per-document rules judge (None: every one
    read), e.g. :func:`~focuscount.changes.changed_files`; the rules about the
    whole set still read all of ``paths``.  When ``rules_file`` is among them the
    rules changed, so every document is judged (a note says so).  Without
    ``corpus_rules`` the rules about the whole set are left out (a note says so).
    ``on_empty`` is the severity of "no evidence" (a document without focus or
    versus hits) under ``min_ratio``: ``info`` (the default), ``warning`` or
    ``error``; a rule's own ``on_empty`` wins.
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
    notes: list[str] = []
    if judged is not None:
        changed = {_same_file(Path(path)) for path in judged}
        rules_changed = [source for source in (rules_file, lexicon.path) if source and _same_file(source) in changed]
        if rules_changed:  # new rules or a new lexicon judge every document anew
            notes.append(f"{display_path(_near(rules_changed[0]))} changed: every document is judged")
            judged = None
    if not corpus_rules:
        notes.append("the rules about the whole set were not evaluated: only the documents given were read")
    found = intervals = None
    report = revision = None
    if regression is not None:
        report, revision = _baseline_source(regression, baseline, baseline_ref, rules_file)
    sections = BaselineSections()
    if report is not None:  # read and compared before the documents, so a wrong baseline fails at once
        allowed = allow_lexicon_change or bool(regression and regression.flags.get("allow_lexicon_change"))
        found = _same_lexicon(report, load_report_baseline(report), lexicon, allowed)
        intervals = load_report_intervals(report, found.root)
        sections = load_report_sections(report, found.root)
    spans: dict[Path, DocumentSpans] = {}
    focus, versus = lexicon.focus, lexicon.versus

    def keep_spans(counts: DocumentCounts) -> None:
        spans[counts.document.path] = document_spans(counts, focus, versus)

    analysis = analyze(
        paths,
        lexicon,
        by=by,
        options=options,
        execution=execution,
        min_hits=min_hits,
        include_thin=include_thin,
        on_skip=on_skip,
        on_document=keep_spans,  # each document's hits reduced to its sections as it passes: no hit is kept
    )
    if revision is not None:
        found, intervals, sections = _git_baseline(paths, lexicon, options, execution, revision)
    result = run_check(
        analysis, chosen, found, intervals,
        spans=spans, baseline_sections=sections, judged=judged, corpus_rules=corpus_rules, on_empty=on_empty,
    )  # fmt: skip
    return replace(result, notes=tuple(notes))


def load_report_intervals(report: Path, root: Path) -> BaselineIntervals:
    """The 95% intervals a saved report holds: ``summary.interval`` and ``documents[i].interval``.

    Call it after :func:`~focuscount.baseline.load_report_baseline` has checked the
    rest of the report; documents are keyed as that baseline keys them (relative to
    ``root``).  A report saved before reports carried intervals gives None for each:
    nothing is computed in their place.  A malformed interval is a ConfigError
    naming the field.
    """
    data = read_input_json(report, "baseline report", "baseline is not a readable JSON report")
    summary = data.get("summary") if isinstance(data, dict) else None
    items = data.get("documents") if isinstance(data, dict) else None
    overall = _report_interval(report, summary, "summary.interval")
    documents: dict[str, Interval | None] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("path"), str):
            key = relative_key(Path(item["path"]), root)
            documents[key] = _report_interval(report, item, f"documents[{index}].interval")
    return BaselineIntervals(overall, documents)


def load_report_sections(report: Path, root: Path) -> BaselineSections:
    """The section ratios a saved report holds (``breakdowns.section``, saved with ``--by-section``).

    Documents are keyed as :func:`~focuscount.baseline.load_report_baseline` keys
    them (relative to ``root``).  A report without section rows gives none; a row
    with a wrong field is a ConfigError naming it.
    """
    data = read_input_json(report, "baseline report", "baseline is not a readable JSON report")
    breakdowns = data.get("breakdowns") if isinstance(data, dict) else None
    rows = breakdowns.get("section") if isinstance(breakdowns, dict) else None
    if rows is None:
        return BaselineSections()
    if not isinstance(rows, list):
        raise ConfigError(report, f"baseline field 'breakdowns.section' must be a list of sections; {SAVE_AGAIN}")
    documents: dict[str, dict[str, float | None]] = {}
    for index, row in enumerate(rows):
        path = row.get("path") if isinstance(row, dict) else None
        title = row.get("section") if isinstance(row, dict) else None
        ratio = row.get("ratio") if isinstance(row, dict) else None
        if not (isinstance(path, str) and path and isinstance(title, str) and _ratio_or_none(ratio)):
            raise ConfigError(
                report,
                f"baseline field 'breakdowns.section[{index}]' must have 'path', 'section' and 'ratio' "
                f"(a ratio from 0 to 1, or null); {SAVE_AGAIN}",
            )
        documents.setdefault(relative_key(Path(path), root), {})[title] = None if ratio is None else float(ratio)
    return BaselineSections(documents)


def _ratio_or_none(value: object) -> bool:
    """None, or a number from 0 to 1 (NaN fails the comparison, so it is refused too)."""
    if value is None:
        return True
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1


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
) -> tuple[Baseline, BaselineIntervals, BaselineSections]:
    """The files at ``revision`` read exactly as the current run reads them: same lexicon, model, limits.

    The dates manifest is left out: its paths name the working tree, not the
    temporary copies, and dates do not change a ratio.  The intervals and the
    section ratios come from the same analysis.
    """
    reading = options.without_dates()
    analysed: list[Analysis] = []
    spans: dict[Path, DocumentSpans] = {}

    def keep_spans(counts: DocumentCounts) -> None:
        spans[counts.document.path] = document_spans(counts, lexicon.focus, lexicon.versus)

    def ratios(copies: list[Path]) -> tuple[float | None, dict[Path, float | None]]:
        try:
            then = analyze(copies, lexicon, options=reading, execution=execution, on_document=keep_spans)
        except NoDocumentsError:
            return None, {}
        analysed.append(then)
        return then.ratio, {counts.document.path: counts.ratio for counts in then.documents}

    baseline = git_baseline(revision, [Path(path) for path in paths], ratios)
    if not analysed:
        return baseline, BaselineIntervals(), BaselineSections()
    then = analysed[0]
    # git_baseline keys the documents (relative to its temporary copy) in the order ``ratios`` listed them
    documents = dict(zip(baseline.documents, (counts.interval for counts in then.documents), strict=True))
    sections = {
        key: section_ratios(spans[counts.document.path])
        for key, counts in zip(baseline.documents, then.documents, strict=True)
        if spans[counts.document.path].sections
    }
    return baseline, BaselineIntervals(then.interval, documents), BaselineSections(sections)
