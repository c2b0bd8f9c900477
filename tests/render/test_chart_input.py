"""Charts from a saved ``analyze -f json`` report: the same files as from the documents, and clear errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from focuscount.analysis import Analysis, analyze
from focuscount.errors import ConfigError
from focuscount.render.chart import CHART_KINDS, chart_svg
from focuscount.render.chart_input import check_saved_kind, load_saved_analysis
from focuscount.render.data import analysis_to_dict, render_json
from focuscount.terms import term_report_from

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def saved(examples_analysis: Analysis, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("saved") / "analysis.json"
    path.write_text(render_json(examples_analysis), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", CHART_KINDS)
def test_a_chart_from_the_saved_report_is_the_same_svg(kind: str, examples_analysis: Analysis, saved: Path) -> None:
    loaded = load_saved_analysis(saved)
    direct = chart_svg(examples_analysis, kind=kind, term_report=term_report_from(examples_analysis))
    again = chart_svg(loaded, kind=kind, term_report=term_report_from(loaded))
    assert again == direct


def test_the_rebuilt_analysis_has_the_same_numbers(examples_analysis: Analysis, saved: Path) -> None:
    loaded = load_saved_analysis(saved)
    assert loaded.periods == examples_analysis.periods
    assert loaded.trend == examples_analysis.trend
    assert (loaded.ratio, loaded.interval, loaded.words) == (
        examples_analysis.ratio, examples_analysis.interval, examples_analysis.words,
    )  # fmt: skip
    assert analysis_to_dict(loaded) == analysis_to_dict(examples_analysis)  # saved again, the same report


def test_regrouping_a_saved_report_is_grouping_the_documents(saved: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        by_quarter = analyze(["examples/"], "library", by="quarter", min_hits=45)
    loaded = load_saved_analysis(saved, by="quarter", min_hits=45)
    assert loaded.periods == by_quarter.periods
    assert loaded.trend == by_quarter.trend
    assert chart_svg(loaded) == chart_svg(by_quarter)


def test_a_report_without_breakdowns_says_how_to_save_one(tmp_path: Path, examples_analysis: Analysis) -> None:
    data = analysis_to_dict(examples_analysis)
    data["breakdowns"] = {}
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_saved_analysis(path)
    check_saved_kind(loaded, "ratio", path)
    check_saved_kind(loaded, "terms", path)
    with pytest.raises(ConfigError) as caught:
        check_saved_kind(loaded, "speakers", path)
    assert str(caught.value) == (
        f"{path}: the saved report has no speaker rows for the speakers chart: "
        "save it with `focuscount analyze PATHS --by-speaker -f json -o FILE`"
    )
    with pytest.raises(ConfigError, match="--by-section"):
        check_saved_kind(loaded, "sections", path)


AGAIN = "; save it again with `focuscount analyze -f json -o FILE`"


def edited(data: dict, where: str, value: object) -> dict:
    """``data`` with the field at ``where`` (``documents.0.words``) set to ``value``, or removed for ``...``."""
    copied = copy.deepcopy(data)
    *path, last = where.split(".")
    target = copied
    for key in path:
        target = target[int(key)] if isinstance(target, list) else target[key]
    key: int | str = int(last) if isinstance(target, list) else last
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return copied


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (
            "schema",
            "focuscount/check/v1",
            "not a report of `focuscount analyze -f json` (schema focuscount/analyze/v1)",
        ),
        ("lexicon", ..., "report field 'lexicon' is missing" + AGAIN),
        ("lexicon.hash", "abc", "report field 'lexicon.hash' must be 64 lower-case hex digits (SHA-256), not \"abc\""),
        ("lexicon.ratio.focus", "patrons", "report field 'lexicon.ratio' must be two different categories"),
        ("lexicon.categories.customer", 3, "report field 'lexicon.categories.customer' must be a label (a string)"),
        ("by", "week", "report field 'by' must be one of meeting, month, quarter, year, not \"week\"" + AGAIN),
        ("min_hits", -1, "report field 'min_hits' must be a whole number, 0 or more, not -1" + AGAIN),
        ("include_thin", "yes", "report field 'include_thin' must be true or false, not \"yes\""),
        ("documents", {}, "report field 'documents' must be a list, not an object" + AGAIN),
        ("documents", [], "the saved report holds no documents" + AGAIN),
        ("documents.3", "a.txt", "report field 'documents[3]' must be an object, not \"a.txt\""),
        ("documents.3.words", 1.5, "report field 'documents[3].words' must be a whole number, 0 or more, not 1.5"),
        ("documents.3.words", True, "report field 'documents[3].words' must be a whole number, 0 or more, not true"),
        ("documents.0.counts.customer", -2, "report field 'documents[0].counts.customer' must be a whole number"),
        ("documents.0.date", "2024-13-01", "report field 'documents[0].date' must be a date (YYYY-MM-DD) or null"),
        ("documents.0.date", "2024", "report field 'documents[0].date' must be a date (YYYY-MM-DD) or null"),
        ("documents.0.date_precision", "week", "report field 'documents[0].date_precision' must be one of day"),
        ("documents.0.path", "", "report field 'documents[0].path' must be a non-empty string, not \"\""),
        ("documents.0.terms.customer.patron", "many", "report field 'documents[0].terms.customer.patron' must be"),
        ("breakdowns.speaker.0.interval", [0.5, 0.2], "report field 'breakdowns.speaker[0].interval' must be [low,"),
        ("breakdowns.section.1.path", None, "report field 'breakdowns.section[1].path' must be a non-empty string"),
        ("skipped", [{"path": "a.doc", "reason": "x", "kind": "lost"}], "report field 'skipped[0].kind' must be"),
    ],
)
def test_a_wrong_field_is_one_line_naming_it(
    where: str, value: object, message: str, examples_analysis: Analysis, tmp_path: Path
) -> None:
    path = tmp_path / "analysis.json"
    path.write_text(json.dumps(edited(analysis_to_dict(examples_analysis), where, value)), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_saved_analysis(path)
    assert str(caught.value).startswith(f"{path}: {message}")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a readable JSON report (Expecting value: line 1 column 1 (char 0))"),
        (b"[1, 2]", "not a report of `focuscount analyze -f json`"),
        (b"\xff\xfe{}", "not a readable JSON report ('utf-8' codec can't decode byte 0xff"),
        (b"[" * 100_000, "not a readable JSON report (nested too deeply)"),
    ],
)
def test_a_file_that_is_no_report_is_one_line(content: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "analysis.json"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as caught:
        load_saved_analysis(path)
    assert str(caught.value).startswith(f"{path}: {message}")


def test_missing_folders_and_pipes_are_refused_without_reading(tmp_path: Path) -> None:
    import os

    with pytest.raises(ConfigError, match=r"saved report not found$"):
        load_saved_analysis(tmp_path / "missing.json")
    with pytest.raises(ConfigError, match=r"a directory, not a file$"):
        load_saved_analysis(tmp_path)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match=r"a named pipe, not a file$"):
        load_saved_analysis(fifo)


def test_a_report_larger_than_the_bound_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from focuscount import safeio

    monkeypatch.setattr(safeio, "MAX_SMALL_INPUT_BYTES", 100)
    path = tmp_path / "analysis.json"
    path.write_text(json.dumps({"schema": "focuscount/analyze/v1", "padding": "x" * 200}), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"saved report larger than 0 MB$"):
        load_saved_analysis(path)
