"""The HTML report: self-contained, the same numbers as ``analyze``, every hit, and everything escaped."""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from focuscount.analysis import Analysis, analyze
from focuscount.evidence import Evidence, iter_evidence
from focuscount.render.report import inline_svg, render_report
from focuscount.render.rows import document_rows, period_rows, summary_line
from focuscount.terms import TermReport, term_report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def report(examples_analysis: Analysis, examples_terms: TermReport, examples_evidence) -> str:
    return render_report(examples_analysis, examples_terms, examples_evidence)


class Outline(HTMLParser):
    """Tags, attributes and text of a page, and whether its tags nest properly."""

    VOID: ClassVar[set[str]] = {"meta", "br", "img", "input", "link", "hr", "wbr", "col", "area", "base", "source"}
    # Inline SVG written by matplotlib self-closes its empty elements (<path … />, <use … />).

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.attributes: list[tuple[str, str, str | None]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes.extend((tag, name, value) for name, value in attrs)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attributes.extend((tag, name, value) for name, value in attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    parser.close()
    return parser


def cells(*values: object) -> str:
    """Table cells as the report writes them: text left, paths unbroken, numbers right-aligned."""
    kinds = ["", "", "path"] if len(values) == 9 else [""]  # document rows start with date, source, path
    kinds += ["num"] * (len(values) - len(kinds))
    return "".join(
        f"<td{f' class={chr(34)}{kind}{chr(34)}' if kind else ''}>{html.escape(str(value))}</td>"
        for kind, value in zip(kinds, values, strict=True)
    )


# --- a page that stands alone ------------------------------------------------------------------------------------


def test_the_page_is_a_complete_html_document(report: str, examples_analysis: Analysis) -> None:
    assert report.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    assert "<title>Customer-centeredness report</title>" in report
    assert report.rstrip().endswith("</html>")
    page = outline(report)
    assert page.errors == []
    assert page.stack == []
    assert page.tags["html"] == page.tags["head"] == page.tags["body"] == 1
    head = report[: report.index("</head>")]
    assert head.count("<title>") == 1  # (each chart has its own <title> inside its <svg>, for screen readers)


def test_the_page_is_self_contained(report: str) -> None:
    lowered = report.lower()
    for external in ("http://", "https://", "<link", "@import", "url(http", "//cdn", "<iframe", "<object"):
        assert external not in lowered, external
    page = outline(report)
    sources = [(tag, value) for tag, name, value in page.attributes if name in {"src", "href", "srcset", "action"}]
    assert sources == []  # no image, script, stylesheet or form pointing anywhere
    assert page.tags["script"] == 1  # the inline print helper, and nothing loaded
    assert "<script>\n(function" in report
    assert "<?xml" not in report  # the charts are inline SVG, not embedded documents
    assert "<!DOCTYPE svg" not in report


def test_every_id_on_the_page_is_unique(report: str) -> None:
    ids = [value for _, name, value in outline(report).attributes if name == "id"]
    assert ids
    assert [name for name, count in Counter(ids).items() if count > 1] == []
    references = set(re.findall(r"url\(#([^)]+)\)", report)) | set(re.findall(r'href="#([^"]+)"', report))
    assert references  # the charts' clip paths and markers still point at something on the page
    assert references <= set(ids)


def test_the_ratio_chart_is_inline_svg(report: str, examples_analysis: Analysis) -> None:
    section = report[report.index('<section id="chart">') : report.index('<section id="periods">')]
    assert section.count("<svg ") == 1
    assert '<svg role="img" aria-label="Ratio chart by meeting"' in section
    assert "Customer-centeredness, by meeting" in section
    assert "Trend +0.22 per year" in section
    assert 'id="ratio-ratio-line"' in section
    assert "A meeting without hits is a gap, not 0%." in section


def test_the_speaker_and_section_charts_come_with_their_breakdowns(report: str) -> None:
    assert report.count("<svg ") == 3  # ratio, speakers, sections
    assert 'aria-label="Ratio by speaker"' in report
    assert 'aria-label="Ratio by section"' in report


# --- the numbers of analyze --------------------------------------------------------------------------------------


def test_header_names_lexicon_dates_and_documents(report: str, examples_analysis: Analysis) -> None:
    short = examples_analysis.lexicon.short_hash
    assert "<h1>Customer-centeredness report</h1>" in report
    assert f"<dt>Lexicon</dt><dd>library ({short}): Customer-oriented versus institution-oriented" in report
    assert "<dt>Dates</dt><dd>2024-01-16 to 2025-11-18</dd>" in report
    assert "<dt>Documents</dt><dd>14 documents read" in report
    assert "<dt>Periods</dt><dd>by meeting</dd>" in report


def test_summary_has_the_overall_ratio_counts_and_trend(report: str, examples_analysis: Analysis) -> None:
    assert '<div class="label">Overall ratio</div><div class="value">0.51</div>' in report
    assert '<div class="label">Customer-oriented</div><div class="value">337</div>' in report
    assert '<div class="label">Institution-oriented</div><div class="value">322</div>' in report
    assert '<div class="label">Words</div><div class="value">7,818</div>' in report
    assert "customer hits · 43.1 per 1,000 words" in report
    trend = "Trend: +0.217 per year (rising) over 14 periods, 2024-01-16 to 2025-11-18"
    assert f'<p class="trend">{trend}</p>' in report
    assert html.escape(summary_line(examples_analysis)) in report


def test_period_table_has_the_numbers_of_the_readme(report: str) -> None:
    # Rows copied from the README's `focuscount analyze examples/` output.
    for row in (
        ("2024-01-16", 1, 632, 15, 37, "23.7", "58.5", "0.29"),
        ("2024-09-17", 1, 555, 15, 27, "27.0", "48.6", "0.36"),
        ("2025-10-09", 1, 433, 41, 20, "94.7", "46.2", "0.67"),
        ("2025-11-18", 1, 530, 32, 13, "60.4", "24.5", "0.71"),
    ):
        assert f"<tr>{cells(*row)}</tr>" in report
    assert (
        '<th scope="col">Period</th><th scope="col" class="num">Docs</th><th scope="col" class="num">Words</th>'
        '<th scope="col" class="num">customer</th><th scope="col" class="num">institution</th>'
        '<th scope="col" class="num">customer/1k</th><th scope="col" class="num">institution/1k</th>'
        '<th scope="col" class="num">Ratio</th>'
    ) in report


def test_document_table_has_the_numbers_of_the_readme(report: str) -> None:
    for row in (
        ("2024-01-16", "filename", "examples/minutes/2024-01-16-board-minutes.txt", 632, 15, 37, "23.7", "58.5", "0.29"),
        ("2024-09-17", "text", "examples/minutes/board-minutes-september.pdf", 555, 15, 27, "27.0", "48.6", "0.36"),
        ("2024-10-03", "filename", "examples/talks/2024-10-03-regional-conference.pptx", 672, 37, 39, "55.1", "58.0", "0.49"),
    ):  # fmt: skip
        assert f"<tr>{cells(*row)}</tr>" in report


def test_every_row_of_the_terminal_tables_is_in_the_page(report: str, examples_analysis: Analysis) -> None:
    for row in period_rows(examples_analysis) + document_rows(examples_analysis):
        assert f"<tr>{cells(*row.values())}</tr>" in report
    assert report.count("<tr><td>2024-01-16</td>") == 2  # once as a period, once as a document


def test_top_terms_per_category(report: str, examples_terms: TermReport) -> None:
    section = report[report.index('<section id="terms">') : report.index('<section id="evidence">')]
    assert "<h3>Customer-oriented (customer): 337 hits</h3>" in section
    assert "<h3>Institution-oriented (institution): 322 hits</h3>" in section
    assert '<tr><td>child</td><td class="num">43</td><td class="num">12.8%</td></tr>' in section
    assert '<tr><td>library</td><td class="num">59</td><td class="num">18.3%</td></tr>' in section
    assert section.count("<tr><td>") == sum(len(items) for items in examples_terms.top.values())
    assert "14 documents, 7,818 words, lexicon library" in section


def test_no_term_report_no_terms_section(examples_analysis: Analysis, examples_evidence) -> None:
    page = render_report(examples_analysis, None, examples_evidence, title="Alderbrook board, 2024–2025")
    assert '<section id="terms">' not in page
    assert "<title>Alderbrook board, 2024–2025</title>" in page
    assert "<h1>Alderbrook board, 2024–2025</h1>" in page


# --- evidence ----------------------------------------------------------------------------------------------------


def test_one_details_per_document_with_hits(report: str, examples_analysis: Analysis) -> None:
    assert report.count("<details>") == len(examples_analysis.documents) == 14
    for counts in examples_analysis.documents:
        hits = sum(counts.counts.values())
        assert f"<details><summary>{counts.document.path} — {hits} hits " in report
    assert "<details><summary>examples/minutes/2024-01-16-board-minutes.txt — 52 hits " in report
    assert '<span class="muted">(customer 15 · institution 37)</span></summary>' in report


def test_every_hit_is_a_row_with_its_words_marked(report: str, examples_evidence) -> None:
    total = sum(len(items) for items in examples_evidence.values())
    assert total == 659  # 337 customer + 322 institution
    section = report[report.index('<section id="evidence">') :]
    assert section.count('<td class="kwic">') == total
    assert section.count("<mark>") == section.count("</mark>") == total
    assert "659 hits in 14 documents" in section
    first = examples_evidence[Path("examples/minutes/2024-01-16-board-minutes.txt")][0]
    assert (
        f"<tr><td>{first.hit.location}</td>"
        '<td><span class="cat versus">institution</span></td><td>building</td>'
        f'<td class="kwic">{html.escape(first.hit.before)}<mark>building</mark>{html.escape(first.hit.after)}</td></tr>'
    ) in section


def test_speakers_are_named_next_to_the_location(report: str) -> None:
    assert re.search(r"<tr><td>(line|paragraph|page) [^<]*, Treasurer</td>", report)


def test_hits_of_a_document_not_in_the_analysis_are_still_shown(
    examples_analysis: Analysis, examples_evidence: dict[Path, list[Evidence]]
) -> None:
    first = examples_evidence[Path("examples/minutes/2024-01-16-board-minutes.txt")][0]
    extra = {Path("elsewhere/notes.txt"): [first]}
    page = render_report(examples_analysis, None, extra)
    assert page.count("<details>") == 1
    assert "<details><summary>elsewhere/notes.txt — 1 hit " in page
    assert render_report(examples_analysis, None, {}).count("<details>") == 0


# --- hostile input -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Analysis, TermReport, dict]:
    """A folder with a file name and a text that try to inject HTML, an undated note and broken files."""
    folder = tmp_path_factory.mktemp("hostile")
    name = '2024-05-01-<img src=x onerror="alert(1)">.txt'
    (folder / name).write_text(
        "Minutes. <script>alert(1)</script> patrons & families asked the library for help.\n\n"
        'The "users" said: <b>more</b> opening hours for customers.\n',
        encoding="utf-8",
    )
    (folder / "notes-<i>undated<i>.txt").write_text("Patrons and staff met.\n", encoding="utf-8")
    shutil.copy(FIXTURES / "corrupt.docx", folder / "broken <b>.docx")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    analysis = analyze([folder], "library")
    terms = term_report([folder], "library")
    grouped: dict[Path, list[Evidence]] = {}
    for item in iter_evidence([folder], "library"):
        grouped.setdefault(item.path, []).append(item)
    return analysis, terms, grouped


def test_file_names_and_texts_are_escaped(hostile: tuple[Analysis, TermReport, dict]) -> None:
    page = render_report(*hostile)
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "<b>" not in page
    assert "<i>" not in page
    assert outline(page).tags["script"] == 1
    assert outline(page).tags["img"] == 0
    assert "Minutes. &lt;script&gt;alert(1)&lt;/script&gt; <mark>patrons</mark> &amp; families asked" in page
    assert "2024-05-01-&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.txt — 5 hits" in page
    assert "&quot;<mark>users</mark>&quot; said: &lt;b&gt;more&lt;/b&gt;" in page
    assert outline(page).errors == []


def test_undated_and_unreadable_files_are_listed(hostile: tuple[Analysis, TermReport, dict]) -> None:
    analysis = hostile[0]
    page = render_report(*hostile)
    section = page[page.index('<section id="left-out">') :]
    assert "<h3>Undated: counted, but left out of the periods, chart and trend</h3>" in section
    assert "notes-&lt;i&gt;undated&lt;i&gt;.txt</li>" in section
    assert "Hint: to date a document, put the date in its file name" in section
    assert "<h3>Unreadable, not counted</h3>" in section
    (unreadable,) = analysis.unreadable
    assert f"<li>{html.escape(str(unreadable.path))}: {html.escape(unreadable.reason)}</li>" in section
    assert "broken &lt;b&gt;.docx" in section
    assert "<h3>Other files, skipped</h3>" in section
    assert "photo.jpg: unsupported format .jpg</li>" in section
    assert "2 documents read (1 undated), 1 unreadable, 1 other file skipped" in page


# --- print -------------------------------------------------------------------------------------------------------


def test_print_styles_open_the_evidence_and_save_ink(report: str) -> None:
    css = report[report.index("<style>") : report.index("</style>")]
    print_css = "".join(re.findall(r"@media print \{(.*?)\n\}", css, re.S))
    assert "details::details-content { content-visibility: visible;" in print_css
    assert "tr, figure, .tile, dt, dd { break-inside: avoid;" in print_css
    assert "thead { display: table-header-group; }" in print_css
    assert "mark { background: none;" in print_css
    assert "thead th { background: none;" in print_css
    assert 'window.addEventListener("beforeprint"' in report


def test_inline_svg_drops_the_prolog_and_prefixes_ids() -> None:
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" width="1pt">'
        '<metadata><rdf:RDF xmlns:dc="http://purl.org/dc/elements/1.1/"/></metadata>'
        '<clipPath id="p1"/><g id="g" clip-path="url(#p1)"><use xlink:href="#m2"/></g><path id="m2"/></svg>'
    )
    assert inline_svg(svg, 'A "chart"', "k") == (
        '<svg role="img" aria-label="A &quot;chart&quot;" width="1pt">'
        '<clipPath id="k-p1"/><g id="k-g" clip-path="url(#k-p1)"><use xlink:href="#k-m2"/></g><path id="k-m2"/></svg>'
    )
    with pytest.raises(ValueError, match="not an SVG"):
        inline_svg("<html></html>", "x", "k")


def test_a_report_of_gaps_empty_breakdowns_and_no_hits(gap_analysis: Analysis) -> None:
    analysis = dataclasses.replace(gap_analysis, breakdowns={"speaker": (), "slide": ()})
    page = render_report(analysis, None, {})
    assert f"<tr>{cells('2024-02', 1, 300, 0, 0, '0.0', '0.0', '—')}</tr>" in page  # no ratio: —, never 0
    assert "<h2>Speakers (0)</h2>\n<p>No speaker labels found" in page
    assert "<h2>Slides (0)</h2>\n<p>No slides:" in page
    assert '<section id="evidence">\n<h2>Evidence</h2>\n<p>No hits.</p>' in page
    assert "<li>minutes/undated-4.txt</li>" in page
    assert page.count("<svg ") == 1  # the ratio chart; no speaker chart without speakers
    assert outline(page).errors == []
