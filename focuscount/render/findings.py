"""Output of ``focuscount check``: for people, for editors and linters, and for CI systems."""

from __future__ import annotations

from xml.etree import ElementTree

from focuscount._version import __version__
from focuscount.baseline import Baseline
from focuscount.check import BaselineIntervals, CheckResult, Evaluation, Finding
from focuscount.escape import (
    dumps_json,
    for_ci_log,
    for_github_message,
    for_github_property,
    for_markdown,
    for_terminal,
    for_xml,
)
from focuscount.render.formats import CHECK_FORMATS, CheckFormat
from focuscount.render.rows import format_ratio, plural
from focuscount.uncertainty import Interval, format_interval

CHECK_SCHEMA = "focuscount/check/v1"
WHOLE_SET = "."  # the path findings about all documents are reported at in line, github and junit output


def render_findings(result: CheckResult, output_format: CheckFormat) -> str:
    """``result`` in one of :data:`CHECK_FORMATS`."""
    if output_format == "text":
        return render_text(result)
    if output_format == "line":
        return render_line(result)
    if output_format == "json":
        return render_json(result)
    if output_format == "github":
        return render_github(result)
    if output_format == "junit":
        return render_junit(result)
    raise ValueError(f"unknown format {output_format!r}; use one of {', '.join(CHECK_FORMATS)}")


def verdict(result: CheckResult) -> str:
    """One closing line: passed or failed, with the counts."""
    checked = plural(len(result.analysis.documents), "document")
    state = "passed" if result.passed else "failed"
    ratio = format_ratio(result.analysis.ratio)
    return (
        f"focuscount check {state}: {plural(result.errors, 'error')}, {plural(result.warnings, 'warning')} "
        f"({plural(len(result.evaluations), 'check')} on {checked}; overall ratio {ratio})"
    )


def render_text(result: CheckResult) -> str:
    """One line per finding, errors first, then the verdict."""
    lines = []
    for finding in sorted(result.findings, key=lambda f: (f.severity != "error", f.where, f.rule)):
        where, rule, message = (for_terminal(text) for text in (finding.where, finding.rule, finding.message))
        lines.append(f"{finding.severity.upper():7} {where}: {rule}: {message}")
    if not result.evaluations:
        lines.append("No rules to check: set some under [check] in focuscount.toml (see `focuscount init`).")
    lines.append(verdict(result))
    return for_ci_log("\n".join(lines) + "\n")


def _location(finding: Finding) -> str:
    return str(finding.path) if finding.path is not None else WHOLE_SET


def render_line(result: CheckResult) -> str:
    """``path:line:col:rule:message`` per finding (vale's line format; errors first, then warnings)."""
    ordered = sorted(result.findings, key=lambda f: f.severity != "error")
    lines = (
        f"{for_terminal(_location(f))}:{f.line}:{f.column}:{for_terminal(f.rule)}:{for_terminal(f.message)}\n"
        for f in ordered
    )
    return for_ci_log("".join(lines))


def _finding_record(finding: Finding) -> dict[str, object]:
    return {
        "path": str(finding.path) if finding.path is not None else None,
        "line": finding.line,
        "column": finding.column,
        "rule": finding.rule,
        "severity": finding.severity,
        "measured": None if finding.measured is None else round(finding.measured, 4),
        "threshold": finding.threshold,
        "interval": _interval_record(finding.interval),
        "baseline_interval": _interval_record(finding.baseline_interval),
        "confidence": finding.confidence,
        "message": finding.message,
        "top_terms": [{"category": c, "term": t, "hits": n} for c, t, n in finding.top_terms],
    }


def _interval_record(interval: Interval | None) -> list[float] | None:
    """``[low, high]`` rounded as ratios are, or None."""
    return None if interval is None else [round(interval.low, 4), round(interval.high, 4)]


def render_json(result: CheckResult) -> str:
    """Findings as JSON, with each file mapped to its findings (as vale does)."""
    files: dict[str, list[dict[str, object]]] = {}
    for finding in result.findings:
        files.setdefault(_location(finding), []).append(_finding_record(finding))
    data = {
        "schema": CHECK_SCHEMA,
        "focuscount_version": __version__,
        "passed": result.passed,
        "errors": result.errors,
        "warnings": result.warnings,
        "checks": len(result.evaluations),
        "documents": len(result.analysis.documents),
        "ratio": None if result.analysis.ratio is None else round(result.analysis.ratio, 4),
        "lexicon": {"name": result.analysis.lexicon.name, "hash": result.analysis.lexicon.sha256},
        "baseline": None if result.baseline is None else _baseline_record(result.baseline, result.baseline_intervals),
        "findings": [_finding_record(f) for f in result.findings],
        "files": files,
    }
    return dumps_json(data) + "\n"


def _baseline_record(baseline: Baseline, intervals: BaselineIntervals | None) -> dict[str, object]:
    overall = intervals.overall if intervals is not None else None
    return {"label": baseline.label, "ratio": baseline.ratio, "interval": _interval_record(overall)}


def render_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,title=…::message`` per finding."""
    lines = []
    for finding in result.findings:
        command = "error" if finding.severity == "error" else "warning"
        properties = [f"title={for_github_property(f'focuscount {finding.rule}')}"]
        if finding.path is not None:
            properties = [
                f"file={for_github_property(str(finding.path))}",
                f"line={finding.line}",
                f"col={finding.column}",
                *properties,
            ]
        lines.append(f"::{command} {','.join(properties)}::{for_github_message(finding.message)}")
    lines.append(verdict(result))  # the only line not a command: focuscount's own words
    return "\n".join(lines) + "\n"


def github_summary(result: CheckResult) -> str:
    """A Markdown summary table for ``$GITHUB_STEP_SUMMARY``."""
    documents = plural(len(result.analysis.documents), "document")
    lines = [
        f"### focuscount check {'passed' if result.passed else 'failed'}",
        "",
        f"Overall ratio **{format_ratio(result.analysis.ratio)}** over {documents}"
        f" (lexicon {for_markdown(result.analysis.lexicon.name)}): {plural(result.errors, 'error')}, "
        f"{plural(result.warnings, 'warning')}.",
        "",
    ]
    if result.findings:
        lines += [
            "| Severity | File | Rule | Measured | Threshold | Message |",
            "| --- | --- | --- | ---: | ---: | --- |",
        ]
        for f in result.findings:
            measured = "—" if f.measured is None else f"{f.measured:.2f}"
            if f.interval is not None:
                measured += f" ({format_interval(f.interval)})"
            where, rule, message = (for_markdown(text) for text in (f.where, f.rule, f.message))
            lines.append(f"| {f.severity} | {where} | {rule} | {measured} | {f.threshold:.2f} | {message} |")
    return "\n".join(lines) + "\n"


def render_junit(result: CheckResult) -> str:
    """JUnit XML: one test case per rule and file; error findings are failures, warnings are noted."""
    suite = ElementTree.Element(
        "testsuite",
        name="focuscount",
        tests=str(len(result.evaluations)),
        failures=str(result.errors),
        errors="0",
        skipped="0",
    )
    for evaluation in result.evaluations:
        suite.append(_testcase(evaluation))
    suites = ElementTree.Element("testsuites", name="focuscount check", tests=suite.get("tests", "0"))
    suites.set("failures", suite.get("failures", "0"))
    suites.append(suite)
    ElementTree.indent(suites)
    xml = ElementTree.tostring(suites, encoding="unicode")
    return for_ci_log('<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n", "markup")


def _testcase(evaluation: Evaluation) -> ElementTree.Element:
    # Every text is passed through for_xml: ElementTree escapes markup but writes any character,
    # and one that XML 1.0 forbids would make the whole report unreadable.
    where = for_xml(str(evaluation.path)) if evaluation.path is not None else "all documents"
    rule = for_xml(evaluation.rule)
    case = ElementTree.Element("testcase", classname=f"focuscount.{rule}", name=where)
    if evaluation.path is not None:
        case.set("file", where)
    finding = evaluation.finding
    if finding is not None:
        message = for_xml(finding.message)
        if finding.severity == "error":
            failure = ElementTree.SubElement(case, "failure", message=message, type=rule)
            failure.text = f"{for_xml(finding.where)}: {message}"
        else:
            output = ElementTree.SubElement(case, "system-out")
            output.text = f"warning: {for_xml(finding.where)}: {message}"
    return case
