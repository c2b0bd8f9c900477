"""The report's template and stylesheet are found in the package (tests/test_packaging.py checks the wheel), and the
template escapes everything it shows."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from helpers import REPO

from focuscount.analysis import analyze
from focuscount.evidence import iter_evidence
from focuscount.render import report as report_module
from focuscount.render.report import render_report

TEMPLATES = REPO / "focuscount" / "render" / "templates"


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
