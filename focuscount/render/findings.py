"""Output of ``focuscount check``: for people, for editors and linters, and for CI systems."""

from __future__ import annotations

from xml.etree import ElementTree

from focuscount._version import __version__
from focuscount.baseline import Baseline
from focuscount.check import WHOLE_SET, BaselineIntervals, CheckResult, Evaluation, Finding
from focuscount.discovery import Skipped
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
UNREADABLE = "unreadable"  # the rule name an unreadable file is reported under, in every format


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
    """One closing line: passed, failed or incomplete (a file unreadable), with the counts."""
    documents = len(result.analysis.documents)
    checked = plural(documents, "document")
    if result.judged is not None and result.judged != documents:
        checked = f"{result.judged} of {checked}"
    counts = [plural(result.errors, "error"), plural(result.warnings, "warning")]
    if result.infos:
        counts.append(plural(result.infos, "note"))
    if result.unreadable:
        counts.append(f"{plural(len(result.unreadable), 'file')} unreadable")
    ratio = format_ratio(result.analysis.ratio)
    return (
        f"focuscount check {result.status}: {', '.join(counts)} "
        f"({plural(len(result.evaluations), 'check')} on {checked}; overall ratio {ratio})"
    )


def _severity_order(finding: Finding) -> int:
    """Errors first, then warnings, then notes."""
    return {"error": 0, "warning": 1}.get(finding.severity, 2)


def _at(finding: Finding) -> str:
    """``path:15`` when the finding has a file line, else the path (or ``(all documents)``)."""
    return finding.where if finding.line is None else f"{finding.where}:{finding.line}"


def render_text(result: CheckResult) -> str:
    """One line per unreadable file and per finding (errors first), any notes, then the verdict."""
    lines = [
        f"{'ERROR':7} {for_terminal(str(s.path))}: {UNREADABLE}: {for_terminal(s.reason)}" for s in result.unreadable
    ]
    for finding in sorted(result.findings, key=lambda f: (_severity_order(f), f.where, f.rule)):
        where, rule, message = (for_terminal(text) for text in (_at(finding), finding.rule, finding.message))
        lines.append(f"{finding.severity.upper():7} {where}: {rule}: {message}")
    if not result.evaluations:
        lines.append("No rules to check: set some under [check] in focuscount.toml (see `focuscount init`).")
    lines.extend(f"note: {for_terminal(note)}" for note in result.notes)
    lines.append(verdict(result))
    return for_ci_log("\n".join(lines) + "\n")


def render_line(result: CheckResult) -> str:
    """``path:line:col:rule:message`` per unreadable file and finding (vale's line format; errors first).

    A finding about a whole file (a DOCX, a PDF: no file line) or about all documents is at ``1:1``,
    since the format needs a number; its message names the section.
    """
    ordered = sorted(result.findings, key=_severity_order)
    rows = [(str(s.path), 1, 1, UNREADABLE, s.reason) for s in result.unreadable]
    rows += [(f.where, f.line or 1, f.column or 1, f.rule, f.message) for f in ordered]
    lines = (
        f"{for_terminal(where)}:{line}:{column}:{for_terminal(rule)}:{for_terminal(message)}\n"
        for where, line, column, rule, message in rows
    )
    return for_ci_log("".join(lines))


def _finding_record(finding: Finding) -> dict[str, object]:
    return {
        "path": str(finding.path) if finding.path is not None else None,
        "line": finding.line,
        "end_line": finding.end_line,
        "column": finding.column,
        "at": finding.at,
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
        files.setdefault(finding.where, []).append(_finding_record(finding))
    data = {
        "schema": CHECK_SCHEMA,
        "focuscount_version": __version__,
        "passed": result.status == "passed",
        "status": result.status,
        "errors": result.errors,
        "warnings": result.warnings,
        "infos": result.infos,
        "checks": len(result.evaluations),
        "documents": len(result.analysis.documents),
        "judged": result.judged,
        "unreadable": [_unreadable_record(skipped) for skipped in result.unreadable],
        "notes": list(result.notes),
        "ratio": None if result.analysis.ratio is None else round(result.analysis.ratio, 4),
        "lexicon": {"name": result.analysis.lexicon.name, "hash": result.analysis.lexicon.sha256},
        "baseline": None if result.baseline is None else _baseline_record(result.baseline, result.baseline_intervals),
        "findings": [_finding_record(f) for f in result.findings],
        "files": files,
    }
    return dumps_json(data) + "\n"


def _unreadable_record(skipped: Skipped) -> dict[str, str]:
    return {"path": str(skipped.path), "reason": skipped.reason}


def _baseline_record(baseline: Baseline, intervals: BaselineIntervals | None) -> dict[str, object]:
    overall = intervals.overall if intervals is not None else None
    return {"label": baseline.label, "ratio": baseline.ratio, "interval": _interval_record(overall)}


GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,endLine=…,title=…::message`` per finding.

    A finding with a file line spans its section or paragraph (``line`` to
    ``endLine``); one without (a DOCX, a PDF, a slide deck) annotates the file; one
    about all documents has no file and says ``(all documents)``.  An unreadable
    file is an error on the file.
    """
    lines = []
    for skipped in result.unreadable:
        properties = [f"file={for_github_property(str(skipped.path))}", f"title={for_github_property('focuscount')}"]
        lines.append(f"::error {','.join(properties)}::{for_github_message(f'{UNREADABLE}: {skipped.reason}')}")
    for finding in result.findings:
        properties = [f"title={for_github_property(f'focuscount {finding.rule}')}"]
        message = finding.message
        if finding.path is None:
            message = f"{WHOLE_SET}: {message}"
        else:
            where = [f"file={for_github_property(str(finding.path))}"]
            if finding.line is not None:
                where += [f"line={finding.line}", f"endLine={finding.end_line or finding.line}"]
            properties = [*where, *properties]
        command = GITHUB_COMMANDS.get(finding.severity, "warning")
        lines.append(f"::{command} {','.join(properties)}::{for_github_message(message)}")
    for note in result.notes:
        lines.append(f"::notice title={for_github_property('focuscount')}::{for_github_message(note)}")
    lines.append(verdict(result))  # the only line not a command: focuscount's own words
    return "\n".join(lines) + "\n"


def github_summary(result: CheckResult) -> str:
    """A Markdown summary table for ``$GITHUB_STEP_SUMMARY``."""
    documents = plural(len(result.analysis.documents), "document")
    lines = [
        f"### focuscount check {result.status}",
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
    if result.unreadable:
        lines += ["", f"Not checked, unreadable ({len(result.unreadable)}):", ""]
        lines += [f"- {for_markdown(str(s.path))}: {for_markdown(s.reason)}" for s in result.unreadable]
    return "\n".join(lines) + "\n"


def render_junit(result: CheckResult) -> str:
    """JUnit XML: one test case per rule and file; error findings are failures, unreadable files errors.

    The test case about all documents is named ``(all documents)``; warnings and
    notes are in the case's output, and the run's notes in the suite's.
    """
    suite = ElementTree.Element(
        "testsuite",
        name="focuscount",
        tests=str(len(result.evaluations) + len(result.unreadable)),
        failures=str(result.errors),
        errors=str(len(result.unreadable)),
        skipped="0",
    )
    for skipped in result.unreadable:
        path = for_xml(str(skipped.path))
        case = ElementTree.SubElement(suite, "testcase", classname=f"focuscount.{UNREADABLE}", name=path, file=path)
        error = ElementTree.SubElement(case, "error", message=for_xml(f"{UNREADABLE}: {skipped.reason}"))
        error.set("type", UNREADABLE)
        error.text = f"{path}: {for_xml(skipped.reason)}"
    for evaluation in result.evaluations:
        suite.append(_testcase(evaluation))
    if result.notes:
        ElementTree.SubElement(suite, "system-out").text = "\n".join(f"note: {for_xml(n)}" for n in result.notes)
    suites = ElementTree.Element("testsuites", name="focuscount check", tests=suite.get("tests", "0"))
    suites.set("failures", suite.get("failures", "0"))
    suites.set("errors", suite.get("errors", "0"))
    suites.append(suite)
    ElementTree.indent(suites)
    xml = ElementTree.tostring(suites, encoding="unicode")
    return for_ci_log('<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n", "markup")


def _testcase(evaluation: Evaluation) -> ElementTree.Element:
    # Every text is passed through for_xml: ElementTree escapes markup but writes any character,
    # and one that XML 1.0 forbids would make the whole report unreadable.
    where = for_xml(str(evaluation.path)) if evaluation.path is not None else WHOLE_SET
    rule = for_xml(evaluation.rule)
    case = ElementTree.Element("testcase", classname=f"focuscount.{rule}", name=where)
    if evaluation.path is not None:
        case.set("file", where)
    finding = evaluation.finding
    if finding is not None:
        message = for_xml(finding.message)
        at = for_xml(_at(finding))
        if finding.severity == "error":
            failure = ElementTree.SubElement(case, "failure", message=message, type=rule)
            failure.text = f"{at}: {message}"
        else:
            output = ElementTree.SubElement(case, "system-out")
            output.text = f"{finding.severity}: {at}: {message}"
    return case
