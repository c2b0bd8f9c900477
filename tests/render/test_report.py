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
from focuscount.render.rows import document_rows, period_rows
from focuscount.render.summary import Summary
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
    """Table cells as the report writes them: text left, paths free to wrap after a slash, numbers right-aligned."""
    # Document rows start with date, source, path: 9 cells; period rows 8.  (The report-only categories
    # have a table of their own.)
    kinds = ["", "", "path"] if len(values) == 9 else [""]
    kinds += ["num"] * (len(values) - len(kinds))
    return "".join(
        f"<td{f' class={chr(34)}{kind}{chr(34)}' if kind else ''}>"
        f"{html.escape(str(value)).replace('/', '/<wbr>') if kind == 'path' else html.escape(str(value))}</td>"
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
    assert "Trend +0.257 per year (95% interval +0.202 to +0.313)" in section
    assert 'id="ratio-ratio-line"' in section
    assert 'id="ratio-ratio-intervals"' in section
    assert "(marker area in proportion to its words, whisker its 95% interval, hollow on thin evidence)" in section
    assert "with the 50% balance line and the trend;" in section
    assert "A meeting without hits is a gap, not 0%. Undated documents are not plotted." in section
    assert "No line crosses" not in section  # meetings stay connected


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
    assert '<div class="label">Overall ratio</div><div class="value">0.50</div>' in report
    assert '<div class="label">Customer-oriented</div><div class="value">351</div>' in report
    assert '<div class="label">Institution-oriented</div><div class="value">347</div>' in report
    # The default lexicon's report-only categories have their own boxes.
    assert '<div class="label">Community</div><div class="value">5</div>' in report
    assert '<div class="label">Partners</div><div class="value">0</div>' in report
    assert '<div class="label">Words</div><div class="value">7,818</div>' in report
    assert "customer hits · 44.9 per 1,000 words" in report
    assert "customer / (customer + institution) · 95% interval 0.42–0.59</div>" in report
    trend = (
        "Trend: +0.257 per year (95% interval +0.202 to +0.313), rising, over 14 periods (14 documents), "
        "2024-01-16 to 2025-11-18"
    )
    assert examples_analysis.trend is not None
    assert examples_analysis.trend.describe() == trend
    assert f'<p class="trend">{trend}</p>' in report
    assert report.count(trend) == 2  # in the summary and under the periods
    assert html.escape(Summary.of(examples_analysis).line()) in report


def test_period_table_has_the_numbers_of_the_readme(report: str) -> None:
    # Rows copied from `focuscount analyze examples/`, without the report-only community and partners:
    # they have a table of their own below, so the periods table fits a page.
    for row in (
        ("2024-01-16", 1, 632, 15, 42, "23.7", "66.5", "0.26 (0.17–0.39)"),
        ("2024-09-17", 1, 555, 15, 29, "27.0", "52.3", "0.34 (0.22–0.49)"),
        ("2025-10-09", 1, 433, 44, 17, "101.6", "39.3", "0.72 (0.60–0.82)"),
        ("2025-11-18", 1, 530, 33, 13, "62.3", "24.5", "0.72 (0.57–0.83)"),
    ):
        assert f"<tr>{cells(*row)}</tr>" in report
    assert (
        '<th scope="col">Period</th><th scope="col" class="num">Docs</th><th scope="col" class="num">Words</th>'
        '<th scope="col" class="num">customer</th><th scope="col" class="num">institution</th>'
        '<th scope="col" class="num">customer/<wbr>1k</th><th scope="col" class="num">institution/<wbr>1k</th>'
        '<th scope="col" class="num">Ratio (95% interval)</th></tr>'
    ) in report


def test_report_only_categories_have_a_table_of_their_own(report: str) -> None:
    section = report[report.index('<section id="periods">') : report.index('<section id="documents">')]
    assert "<h3>Reported apart, not in the ratio: community, partners</h3>" in section
    assert (
        '<th scope="col">Period</th><th scope="col" class="num">Words</th>'
        '<th scope="col" class="num">community</th><th scope="col" class="num">community/<wbr>1k</th>'
        '<th scope="col" class="num">partners</th><th scope="col" class="num">partners/<wbr>1k</th></tr>'
    ) in section
    assert f"<tr>{cells('2024-09-17', 555, 1, '1.8', 0, '0.0')}</tr>" in section


def test_document_table_has_the_numbers_of_the_readme(report: str) -> None:
    for row in (
        ("2024-01-16", "filename", "examples/minutes/2024-01-16-board-minutes.txt", 632, 15, 42, "23.7", "66.5",
         "0.26 (0.17–0.39)"),
        ("2024-09-17", "text", "examples/minutes/board-minutes-september.pdf", 555, 15, 29, "27.0", "52.3",
         "0.34 (0.22–0.49)"),
        ("2024-10-03", "filename", "examples/talks/2024-10-03-regional-conference.pptx", 672, 40, 38, "59.5", "56.5",
         "0.51 (0.40–0.62)"),
    ):  # fmt: skip
        assert f"<tr>{cells(*row)}</tr>" in report


def test_every_row_of_the_terminal_tables_is_in_the_page(report: str, examples_analysis: Analysis) -> None:
    for row in period_rows(examples_analysis, report_only=False) + document_rows(examples_analysis, report_only=False):
        assert f"<tr>{cells(*row.values())}</tr>" in report
    # once as a period, once as a document, once in the report-only table
    assert report.count("<tr><td>2024-01-16</td>") == 3


def test_top_terms_per_category(report: str, examples_terms: TermReport) -> None:
    section = report[report.index('<section id="terms">') : report.index('<section id="evidence">')]
    assert "<h3>Customer-oriented (customer): 351 hits</h3>" in section
    assert "<h3>Institution-oriented (institution): 347 hits</h3>" in section
    # report-only categories have their top terms too, and say they are not in the ratio
    assert "<h3>Community (community, not in the ratio): 5 hits</h3>" in section
    assert "<h3>Partners (partners, not in the ratio): 0 hits</h3>" in section
    assert '<tr><td>child</td><td class="num">43</td><td class="num">12.3%</td></tr>' in section
    assert '<tr><td>budget</td><td class="num">50</td><td class="num">14.4%</td></tr>' in section
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
    assert "<details><summary>examples/minutes/2024-01-16-board-minutes.txt — 57 hits " in report
    assert '<span class="muted">(customer 15 · institution 42)</span></summary>' in report


def test_every_hit_is_a_row_with_its_words_marked(report: str, examples_evidence) -> None:
    total = sum(len(items) for items in examples_evidence.values())
    assert total == 703  # 351 customer + 347 institution + 5 community (report-only)
    section = report[report.index('<section id="evidence">') :]
    assert section.count('<td class="kwic">') == total
    assert section.count("<mark>") == section.count("</mark>") == total
    assert "703 hits in 14 documents" in section
    first = examples_evidence[Path("examples/minutes/2024-01-16-board-minutes.txt")][0]
    assert (
        f"<tr><td>{first.hit.location}</td>"
        '<td><span class="cat versus">institution</span></td><td>the building</td>'
        f'<td class="kwic">{html.escape(first.hit.before)}<mark>The building</mark>{html.escape(first.hit.after)}</td></tr>'
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
    # No ratio: —, never 0; the report-only categories follow (none here).
    assert f"<tr>{cells('2024-02', 1, 300, 0, 0, '0.0', '0.0', '—')}</tr>" in page
    assert "<h2>Speakers (0)</h2>\n<p>No speaker labels found" in page
    assert "<h2>Slides (0)</h2>\n<p>No slides:" in page
    assert '<section id="evidence">\n<h2>Evidence</h2>\n<p>No hits.</p>' in page
    assert "<li>minutes/undated-4.txt</li>" in page
    assert page.count("<svg ") == 1  # the ratio chart; no speaker chart without speakers
    assert outline(page).errors == []


# --- intervals and thin evidence ---------------------------------------------------------------------------------


INTERVALS = (
    "Each ratio comes with its 95% interval: the Wilson interval of its hits for a document (and a section or "
    "slide), and for a period, a speaker or the overall ratio the same made wider for hits clustering in documents "
    "(the design effect); * marks thin evidence, a ratio on fewer than {hits}, and thin periods are {use}."
)


@pytest.fixture(scope="module")
def thin_report(monkeypatch_module: pytest.MonkeyPatch) -> tuple[Analysis, str]:
    """The examples with a bar of 45 hits: six meetings (38 to 44 hits each) become thin evidence."""
    monkeypatch_module.chdir(Path(__file__).resolve().parent.parent.parent)
    analysis = analyze(["examples/"], "library", min_hits=45)
    return analysis, render_report(analysis, None, {})


@pytest.fixture(scope="module")
def monkeypatch_module() -> pytest.MonkeyPatch:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_one_sentence_says_what_the_intervals_are(report: str) -> None:
    sentence = INTERVALS.format(hits="10 hits", use="left out of the trend")
    assert f'<p class="intervals">{sentence}</p>' in report
    assert report.count("Wilson interval") == 1


def test_the_intervals_sentence_follows_min_hits_and_include_thin(examples_analysis: Analysis) -> None:
    analysis = dataclasses.replace(examples_analysis, min_hits=1, include_thin=True)
    sentence = INTERVALS.format(hits="1 hit", use="counted in the trend (--include-thin)")
    assert f'<p class="intervals">{sentence}</p>' in render_report(analysis, None, {})


def test_no_thin_document_says_so(report: str) -> None:
    section = report[report.index('<section id="thin">') : report.index('<section id="speakers">')]
    assert "<h2>Thin evidence (0)</h2>\n<p>None: every document rests on at least 10 hits.</p>" in section
    before_sections = report[: report.index('<section id="sections">')]
    assert "* thin evidence" not in before_sections  # no period, document or speaker is thin: no footnote
    sections = report[report.index('<section id="sections">') : report.index('<section id="terms">')]
    assert sections.count(")*</td>") == 65  # of 126 sections, 40 have no hit at all (no ratio, no mark)
    assert '<p class="muted note">* thin evidence: fewer than 10 hits (customer + institution)</p>' in sections


def test_thin_documents_are_listed_with_hits_and_interval(thin_report: tuple[Analysis, str]) -> None:
    analysis, page = thin_report
    assert len(analysis.thin_documents) == 6
    section = page[page.index('<section id="thin">') : page.index('<section id="evidence">')]
    assert "<h2>Thin evidence (6)</h2>" in section
    assert (
        "<p>These documents rest on fewer than 45 hits (customer + institution) each: their own ratios are "
        "marked *, and their hits still count in their period.</p>"
    ) in section
    assert (
        '<li><span class="path">examples/<wbr>minutes/<wbr>2025-01-21-board-minutes.txt</span>: '
        "38 hits (customer 22, institution 16), ratio 0.58 (0.42–0.72)</li>"
    ) in section
    assert '<span class="path">examples/<wbr>minutes/<wbr>board-minutes-september.pdf</span>: 44 hits' in section
    assert section.count("<li>") == 6
    assert "2024-01-16" not in section  # 57 hits: not thin


def test_thin_ratios_are_starred_with_a_footnote(thin_report: tuple[Analysis, str]) -> None:
    _, page = thin_report
    periods = page[page.index('<section id="periods">') : page.index('<section id="documents">')]
    assert f"<tr>{cells('2025-01-21', 1, 511, 22, 16, '43.1', '31.3', '0.58 (0.42–0.72)*')}</tr>" in periods
    assert f"<tr>{cells('2024-01-16', 1, 632, 15, 42, '23.7', '66.5', '0.26 (0.17–0.39)')}</tr>" in periods
    assert periods.count(")*</td>") == 6
    assert (
        '<p class="muted note">* thin evidence: fewer than 45 hits (customer + institution); '
        "left out of the trend (--include-thin counts them)</p>"
    ) in periods
    assert "over 8 periods (8 documents)" in periods  # the trend of the eight meetings with enough evidence
    documents = page[page.index('<section id="documents">') : page.index('<section id="thin">')]
    assert documents.count(")*</td>") == 6
    assert '<p class="muted note">* thin evidence: fewer than 45 hits (customer + institution)</p>' in documents
    assert INTERVALS.format(hits="45 hits", use="left out of the trend") in page


def test_no_trend_the_report_says_why(gap_analysis: Analysis) -> None:
    page = render_report(gap_analysis, None, {})
    reason = gap_analysis.no_trend_reason
    assert reason.startswith("Not enough periods for a trend (2 with enough evidence; 3 needed;")
    assert f'<p class="trend">{html.escape(reason)}</p>' in page
    assert f"<p>{html.escape(reason)}</p>\n<h3>Reported apart" in page  # under the periods table
    chart = page[page.index('<section id="chart">') : page.index('<section id="periods">')]
    assert "with the 50% balance line and no trend line;" in chart
    assert "No line crosses a month without documents." in chart
    assert "Trend:" not in page


def test_no_dated_document_no_periods_no_trend(make_analysis) -> None:
    page = render_report(make_analysis([(None, 120, 2, 1)]), None, {})
    assert "<p>No dated documents: no periods and no trend.</p>" in page
    assert '<p class="trend">No dated documents: no periods and no trend.</p>' in page


def test_overall_ratio_tile_shows_a_thin_overall_ratio(make_analysis) -> None:
    analysis = make_analysis([("2024-02-06", 300, 3, 1)])
    page = render_report(dataclasses.replace(analysis, documents=tuple(
        dataclasses.replace(c, interval=None) for c in analysis.documents)), None, {})  # fmt: skip
    assert analysis.thin
    assert (
        '<div class="label">Overall ratio</div><div class="value">0.75</div>'
        '<div class="note">customer / (customer + institution) · 95% interval 0.30–0.95 · thin evidence</div>'
    ) in page


# --- wide tables and long paths ----------------------------------------------------------------------------------


def test_paths_may_wrap_after_each_slash_and_stay_escaped(hostile: tuple[Analysis, TermReport, dict]) -> None:
    page = render_report(*hostile)
    documents = page[page.index('<section id="documents">') : page.index('<section id="thin">')]
    cells_ = re.findall(r'<td class="path">(.*?)</td>', documents)
    assert len(cells_) == 2
    assert all(cell.count("/<wbr>") == cell.count("/") >= 2 for cell in cells_)  # a /tmp/… folder
    assert any(cell.endswith("/<wbr>2024-05-01-&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.txt") for cell in cells_)
    assert "<img" not in page


def test_print_styles_keep_wide_tables_on_the_page(report: str) -> None:
    css = report[report.index("<style>") : report.index("</style>")]
    screen = css[: css.index("@media print")]
    print_css = "".join(re.findall(r"@media print \{(.*?)\n\}", css, re.S))
    assert ".path { overflow-wrap: anywhere;" in screen  # long names wrap on screen too
    assert ".num { white-space: nowrap; text-align: right; }" in screen  # numbers never do
    assert "table { font-size: 7.5pt; }" in print_css
    assert "th, td { padding: 0.15rem 0.3rem; overflow-wrap: break-word; }" in print_css
    assert "#periods td:first-child, #documents td:first-child { white-space: nowrap; }" in print_css
    assert "thead th, thead th.num { white-space: normal; }" in print_css
    assert "table.evidence td.kwic { min-width: 0; }" in print_css
