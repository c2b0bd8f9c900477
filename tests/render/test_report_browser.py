"""The report of examples/ in a real browser: it loads with no console error, makes no network request,
and shows the chart and the tables; a screenshot and a printed PDF are kept in test-artifacts/.

How: headless Chromium is started with ``--remote-debugging-port=0``; the port it picked is read from the
``DevToolsActivePort`` file in its fresh profile folder, and the test speaks the DevTools protocol over a
websocket (websocket-client, from the test extras).  This is more reliable than scraping
``--enable-logging`` output, whose console lines vary between Chromium versions and headless modes: the
protocol reports uncaught exceptions (``Runtime.exceptionThrown``), ``console.error`` calls
(``Runtime.consoleAPICalled``), browser-side errors such as a blocked or failed resource
(``Log.entryAdded``) and every request (``Network.requestWillBeSent``) as structured events, and lets the
test measure the laid-out page (``Runtime.evaluate``) instead of guessing from the DOM text.  A control
test feeds a deliberately broken page through the same checks, to show that they do catch errors.

One browser serves the module; the whole file takes a few seconds.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
import shutil
import struct
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import websocket

from focuscount.analysis import Analysis
from focuscount.render.report import render_report
from focuscount.terms import TermReport

REPO = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = REPO / "test-artifacts"
TIMEOUT = 15.0  # seconds for the browser to start or a page to load


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "/usr/bin/chromium"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed: run `apt-get install chromium`")


class DevTools:
    """A DevTools protocol client over one websocket (websocket-client): commands and the events between them."""

    def __init__(self, port: int, path: str) -> None:
        # No Origin header: Chromium refuses a DevTools websocket from an origin it was not told to allow.
        self.socket = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=TIMEOUT, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its answer; events met meanwhile are kept in :attr:`events`."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        while True:
            reply = self.receive()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self) -> dict[str, Any]:
        """The next message from the browser (an answer or an event); pings are answered by the library."""
        return json.loads(self.socket.recv())

    def close(self) -> None:
        self.socket.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    """One headless Chromium for the module, with a throwaway profile and no background traffic."""
    assert CHROMIUM is not None
    profile = tmp_path_factory.mktemp("chromium-profile")
    log = (profile.parent / "chromium.log").open("wb")
    process = subprocess.Popen(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
            f"--user-data-dir={profile}", "--remote-debugging-port=0", "--window-size=1280,2000", "about:blank",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        port, path = wait_for_port(profile / "DevToolsActivePort", process)
        client = DevTools(port, path)
        yield client
        client.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def wait_for_port(file: Path, process: subprocess.Popen[bytes]) -> tuple[int, str]:
    """The port and browser websocket path Chromium writes once it listens."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with status {process.returncode} before listening")
        lines = file.read_text().splitlines() if file.exists() else []
        if len(lines) >= 2:
            return int(lines[0]), lines[1]
        time.sleep(0.05)
    raise TimeoutError("chromium did not open its DevTools port")


class Page:
    """A fresh tab, with the errors and requests it produced."""

    def __init__(self, browser: DevTools, url: str) -> None:
        self.browser = browser
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        self.target = target
        self.session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=1280, height=2000, deviceScaleFactor=1, mobile=False)
        browser.events.clear()
        self.call("Page.navigate", url=url)
        self.wait("Page.loadEventFired")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.call(method, self.session, **params)

    def wait(self, method: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            for event in self.browser.events:
                if event.get("method") == method and event.get("sessionId") == self.session:
                    return event
            self.browser.events.append(self.browser.receive())
        raise TimeoutError(f"no {method} within {TIMEOUT} s")

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def settle(self) -> None:
        """Let late events (console messages, failed requests) arrive before they are read."""
        self.evaluate("new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 100)))")

    def events(self, method: str) -> list[dict[str, Any]]:
        return [
            event["params"]
            for event in self.browser.events
            if event.get("method") == method and event.get("sessionId") == self.session
        ]

    def errors(self) -> list[str]:
        """Uncaught exceptions, console.error/assert calls and browser errors, as text."""
        found = [
            event["exceptionDetails"].get("exception", {}).get("description") or event["exceptionDetails"]["text"]
            for event in self.events("Runtime.exceptionThrown")
        ]
        found += [
            " ".join(str(arg.get("value", arg.get("description", ""))) for arg in event["args"])
            for event in self.events("Runtime.consoleAPICalled")
            if event["type"] in ("error", "assert")
        ]
        found += [
            event["entry"]["text"] for event in self.events("Log.entryAdded") if event["entry"]["level"] == "error"
        ]
        return found

    def outside_requests(self) -> list[str]:
        """Requests for anything but the report file itself and inline data."""
        urls = [event["request"]["url"] for event in self.events("Network.requestWillBeSent")]
        return [url for url in urls if not url.startswith(("file://", "data:", "about:"))]

    def close(self) -> None:
        self.browser.call("Target.closeTarget", targetId=self.target)


@pytest.fixture(scope="module")
def report_file(
    tmp_path_factory: pytest.TempPathFactory, examples_analysis: Analysis, examples_terms: TermReport, examples_evidence
) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_report(examples_analysis, examples_terms, examples_evidence), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def page(browser: DevTools, report_file: Path) -> Iterator[Page]:
    opened = Page(browser, report_file.as_uri())
    opened.settle()
    yield opened
    opened.close()


LAYOUT = """(() => {
  const box = (element) => {
    if (!element) return null;
    const r = element.getBoundingClientRect();
    // checkVisibility() is false inside a closed <details> (its content is content-visibility: hidden).
    const shown = element.checkVisibility({visibilityProperty: true, opacityProperty: true});
    return {width: r.width, height: r.height, top: r.top + scrollY, visible: shown && r.width > 0 && r.height > 0};
  };
  const table = (id) => {
    const element = document.querySelector(`#${id} table`);
    return {box: box(element), rows: element ? element.tBodies[0].rows.length : 0,
            first: element ? [...element.tBodies[0].rows[0].cells].map(c => c.textContent) : []};
  };
  const svg = document.querySelector("#chart svg");
  const line = document.querySelector("#chart svg g[id$='ratio-line'] path");
  return {
    title: document.title,
    svg: box(svg),
    svgTexts: svg ? [...svg.querySelectorAll("text")].map(t => t.textContent) : [],
    line: box(line),
    periods: table("periods"),
    documents: table("documents"),
    details: document.querySelectorAll("details").length,
    openDetails: document.querySelectorAll("details[open]").length,
    evidence: box(document.querySelector("#evidence table")),
    fonts: document.fonts.status,
  };
})()"""


def test_report_loads_without_errors_or_network(page: Page) -> None:
    assert page.errors() == []
    assert page.outside_requests() == []
    assert page.evaluate("document.readyState") == "complete"


def test_report_shows_the_chart_and_the_tables(page: Page) -> None:
    layout = page.evaluate(LAYOUT)
    assert layout["title"] == "Customer-centeredness report"
    chart = layout["svg"]
    assert chart["visible"]
    assert chart["width"] >= 1000  # the chart fills the page width at 1280 px
    assert chart["height"] == pytest.approx(chart["width"] * 720 / 1280, rel=0.02)  # its 16:9 shape kept
    assert chart["top"] < 2000  # in the first screenful
    assert layout["line"]["visible"]  # the ratio line is drawn
    assert "Customer-centeredness, by meeting" in layout["svgTexts"]
    assert "Trend +0.257 per year (95% interval +0.202 to +0.313)" in layout["svgTexts"]
    periods, documents = layout["periods"], layout["documents"]
    assert periods["box"]["visible"]
    assert periods["rows"] == 14
    # The report-only community and partners have a table of their own.
    assert periods["first"] == [
        "2024-01-16", "1", "632", "15", "42", "23.7", "66.5", "0.26 (0.17–0.39)",
    ]  # fmt: skip
    assert documents["box"]["visible"]
    assert documents["rows"] == 14
    assert documents["first"][2:] == ["examples/minutes/2024-01-16-board-minutes.txt", "632", "15", "42", "23.7",
                                      "66.5", "0.26 (0.17–0.39)"]  # fmt: skip
    assert layout["details"] == 14
    assert layout["openDetails"] == 0
    assert not layout["evidence"]["visible"]  # folded on screen


def test_screenshot_is_kept_as_an_artifact(page: Page) -> None:
    page.call("Emulation.setEmulatedMedia", media="screen")
    data = base64.b64decode(page.call("Page.captureScreenshot", format="png")["data"])
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report-examples.png"
    shot.write_bytes(data)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert shot.stat().st_size > 50_000  # a page of charts and tables, not a blank screen


def test_printed_report_opens_the_evidence(page: Page) -> None:
    page.call("Emulation.setEmulatedMedia", media="print")
    try:
        layout = page.evaluate(LAYOUT)
        assert layout["evidence"]["visible"]  # the CSS shows folded evidence on paper
        assert page.evaluate("getComputedStyle(document.querySelector('mark')).backgroundColor") == "rgba(0, 0, 0, 0)"
    finally:
        page.call("Emulation.setEmulatedMedia", media="")
    pdf = base64.b64decode(page.call("Page.printToPDF", printBackground=False, preferCSSPageSize=True)["data"])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report-examples.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF-")
    assert page.errors() == []


def test_the_checks_catch_a_broken_page(browser: DevTools, tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>broken</title></head><body>'
        '<img src="http://127.0.0.1:9/chart.png" alt="">'
        '<script>console.error("chart failed"); undefinedFunction();</script></body></html>',
        encoding="utf-8",
    )
    page = Page(browser, broken.as_uri())
    try:
        page.settle()
        errors = page.errors()
        assert any("chart failed" in error for error in errors)
        assert any("undefinedFunction is not defined" in error for error in errors)
        assert page.outside_requests() == ["http://127.0.0.1:9/chart.png"]
    finally:
        page.close()


# --- printed on A4 portrait: no table loses a column -------------------------------------------------------------

# The width inside the report's print margins (12 mm each side) on A4 portrait, in CSS pixels (96 per inch).
A4_WIDTH_MM, A4_HEIGHT_MM, SIDE_MARGIN_MM = 210, 297, 12
A4_CONTENT_PX = round((A4_WIDTH_MM - 2 * SIDE_MARGIN_MM) / 25.4 * 96)

PRINT_FIT = """(() => {
  const width = document.documentElement.clientWidth;
  const right = (element) => element.getBoundingClientRect().right;
  const tables = [...document.querySelectorAll("main table")].filter(t => t.getBoundingClientRect().height > 0);
  const header = [...document.querySelectorAll("#documents thead th")].find(th => th.textContent.startsWith("Ratio"));
  const cells = [...document.querySelectorAll("#documents tbody tr")].map(row => row.cells[row.cells.length - 1]);
  return {
    width,
    scrollWidth: document.documentElement.scrollWidth,
    tables: tables.length,
    wider: tables.filter(t => right(t) > width + 0.5).map(t => t.closest("section").id),
    ratioHeader: header ? right(header) : null,
    ratioCells: cells.map(right),
    pathLines: [...document.querySelectorAll("#documents td.path")].map(td => Math.round(td.getBoundingClientRect().height)),
  };
})()"""


def long_named(analysis: Analysis) -> Analysis:
    """The examples filed deep in an archive under long names, as a records system exports them."""
    folder = Path("archive/board-of-trustees/approved-minutes-and-papers/2024-2025/final-versions-for-publication")
    renamed = {
        c.document.path: folder
        / f"{c.document.path.stem}-approved-by-the-board-with-corrections{c.document.path.suffix}"
        for c in analysis.documents
    }
    documents = tuple(
        dataclasses.replace(c, document=dataclasses.replace(c.document, path=renamed[c.document.path]))
        for c in analysis.documents
    )
    breakdowns = {
        kind: tuple(dataclasses.replace(row, path=renamed.get(row.path, row.path)) for row in rows)
        for kind, rows in analysis.breakdowns.items()
    }
    return dataclasses.replace(analysis, documents=documents, breakdowns=breakdowns)


@pytest.fixture(scope="module")
def long_report_file(tmp_path_factory: pytest.TempPathFactory, examples_analysis: Analysis) -> Path:
    path = tmp_path_factory.mktemp("long") / "report.html"
    path.write_text(render_report(long_named(examples_analysis), None, {}), encoding="utf-8")
    return path


def print_layout(browser: DevTools, path: Path) -> dict[str, Any]:
    """The page laid out for print at the width of A4 portrait inside the margins."""
    opened = Page(browser, path.as_uri())
    try:
        opened.call("Emulation.setEmulatedMedia", media="print")
        opened.call(
            "Emulation.setDeviceMetricsOverride", width=A4_CONTENT_PX, height=1000, deviceScaleFactor=1, mobile=False
        )
        opened.settle()
        return opened.evaluate(PRINT_FIT)
    finally:
        opened.close()


@pytest.mark.parametrize("which", ["examples", "long names"])
def test_printed_tables_fit_a4_portrait(which: str, browser: DevTools, report_file: Path, long_report_file) -> None:
    layout = print_layout(browser, report_file if which == "examples" else long_report_file)
    width = layout["width"]
    assert width == A4_CONTENT_PX == 703
    assert layout["tables"] >= 4  # periods, documents, speakers, sections (and the terms)
    assert layout["wider"] == []
    assert layout["scrollWidth"] <= width  # nothing sticks out to the right, so nothing is cut off on paper
    assert layout["ratioHeader"] is not None and layout["ratioHeader"] <= width
    assert len(layout["ratioCells"]) == 14
    assert max(layout["ratioCells"]) <= width
    if which == "long names":
        assert min(layout["pathLines"]) > 20  # the 170-character paths wrap onto more lines instead


def pdf_lines(pdf: bytes) -> list[tuple[str, float, float]]:
    """Each text line of a PDF with its right edge and its page's width, in points."""
    import io

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    lines = []
    for page in extract_pages(io.BytesIO(pdf)):
        for element in page:
            if isinstance(element, LTTextContainer):
                for line in element:
                    if isinstance(line, LTTextLine):
                        lines.append((line.get_text().strip(), line.x1, page.width))
    return lines


RATIO_CELL = r"\d\.\d\d \(\d\.\d\d–\d\.\d\d\)\*?"  # 0.29 (0.18–0.42), 0.61 (0.45–0.75)*


def test_the_printed_pdf_keeps_every_ratio(browser: DevTools, long_report_file: Path) -> None:
    opened = Page(browser, long_report_file.as_uri())
    try:
        # Printed as a person prints it: laid out on the paper, not on the test's 1280-pixel window.
        opened.call("Emulation.clearDeviceMetricsOverride")
        inch = 25.4
        pdf = base64.b64decode(
            opened.call(
                "Page.printToPDF", paperWidth=A4_WIDTH_MM / inch, paperHeight=A4_HEIGHT_MM / inch,
                marginLeft=SIDE_MARGIN_MM / inch, marginRight=SIDE_MARGIN_MM / inch, printBackground=False,
            )["data"]
        )  # fmt: skip
    finally:
        opened.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report-long-names-a4.pdf").write_bytes(pdf)
    lines = pdf_lines(pdf)
    assert lines
    assert lines[0][2] == pytest.approx(A4_WIDTH_MM / 25.4 * 72, abs=1)  # A4 portrait: 595 pt wide
    assert [text for text, right, width in lines if right > width] == []  # no text runs off the paper
    # Every ratio cell of every table is on the paper: a clipped column would be missing from the PDF's text.
    page = long_report_file.read_text(encoding="utf-8")
    in_tables = Counter(re.findall(f'<td class="num">({RATIO_CELL})</td>', page))
    assert sum(in_tables.values()) == 14 + 14 + 4 + 86  # periods, documents, speakers, sections with a ratio
    printed = Counter(match for text, _, _ in lines for match in re.findall(RATIO_CELL, text))
    assert printed == in_tables
