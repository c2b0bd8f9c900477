"""The report's template and stylesheet ship inside the package, and the template escapes everything it shows."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import jinja2
import pytest
from helpers import REPO

from focuscount.analysis import analyze
from focuscount.evidence import iter_evidence
from focuscount.render import report as report_module
from focuscount.render.report import render_report

TEMPLATES = REPO / "focuscount" / "render" / "templates"


def test_the_wheel_carries_the_template_and_the_css(tmp_path: Path) -> None:
    # No build isolation: hatchling comes from the test extras, so nothing is downloaded.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(REPO)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("focuscount-*.whl")
    archive = zipfile.ZipFile(wheel)
    for name in ("report.html.j2", "report.css"):
        assert archive.read(f"focuscount/render/templates/{name}") == (TEMPLATES / name).read_bytes()


def test_the_environment_escapes_and_refuses_unknown_names() -> None:
    environment = report_module._environment()
    assert environment.autoescape is True
    assert environment.undefined is jinja2.StrictUndefined
    assert (environment.trim_blocks, environment.lstrip_blocks) == (True, True)
    with pytest.raises(jinja2.UndefinedError, match="'title' is undefined"):
        environment.get_template(report_module.TEMPLATE).render()


def test_the_css_is_inlined_from_the_package_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "2024-03-19-board.txt").write_text("Patrons asked the library.\n", encoding="utf-8")
    page = render_report(analyze([tmp_path]), None, {})
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    assert f"<style>\n{css}</style>" in page
    assert "<link" not in page


def test_a_hostile_path_and_context_come_out_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = "2024-04-16-<script>alert(1)</script>.txt"  # a folder "…alert(1)<" and in it a file "script>.txt"
    (tmp_path / name).parent.mkdir()
    (tmp_path / name).write_text(
        "Alderbrook Public Library\nThe chair said <b>&\"' patrons asked for longer hours.\nPage 2 of 3\n",
        encoding="utf-8",
    )
    paths = [Path(name)]
    items = list(iter_evidence(paths, "library"))
    page = render_report(analyze(paths), None, {Path(name): items})
    assert "<script>alert" not in page
    assert page.count("<script>") == 1  # the print helper only
    assert "<b>" not in page
    escaped_name = "2024-04-16-&lt;script&gt;alert(1)&lt;/script&gt;.txt"
    # One hit: "Alderbrook Public Library" is a name, so its "library" counts nowhere.
    assert f"<details><summary>{escaped_name} — 1 hit " in page
    # The slash of "</script>" may wrap the path: a <wbr> after it, and the rest still escaped.
    assert '<td class="path">2024-04-16-&lt;script&gt;alert(1)&lt;/<wbr>script&gt;.txt</td>' in page
    assert "said &lt;b&gt;&amp;&quot;&#x27; <mark>patrons</mark> asked" in page
