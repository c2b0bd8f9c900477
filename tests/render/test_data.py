"""JSON and CSV: every ratio's 95% interval and thin flag, the trend block and its note, with exact numbers."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import ISSUE_LEXICON

from focuscount.analysis import Analysis, analyze
from focuscount.render.data import SCHEMA, analysis_to_dict, render_csv, render_json

# Per document: (customer, institution) hits.  Three meetings well evidenced, one thin, one without hits.
MEETINGS = {"2024-02-13": (5, 12), "2024-05-14": (9, 9), "2024-08-13": (14, 6), "2024-11-12": (1, 2)}


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Dated board minutes with a Chair and a Treasurer, an undated note, and the issue's lexicon."""
    root = tmp_path_factory.mktemp("data")
    folder = root / "minutes"
    folder.mkdir()
    for day, (customer, institution) in MEETINGS.items():
        chair = " ".join(["Patrons asked for longer opening hours."] * customer)
        treasurer = " ".join(["The library reviewed its budget."] * institution)
        (folder / f"{day}-board.txt").write_text(f"Chair: {chair}\nTreasurer: {treasurer}\n", encoding="utf-8")
    (folder / "2025-02-11-board.txt").write_text("Chair: The meeting opened at seven.\n", encoding="utf-8")
    (folder / "notes.txt").write_text("Patrons, users and volunteers wrote in.\n", encoding="utf-8")
    (root / "lexicon.toml").write_text(textwrap.dedent(ISSUE_LEXICON), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def analysis(board: Path) -> Analysis:
    return analyze([board / "minutes"], board / "lexicon.toml", breakdowns=["speaker"])


@pytest.fixture(scope="module")
def data(analysis: Analysis) -> dict:
    return json.loads(render_json(analysis))


def test_documents_carry_interval_and_thin(data: dict) -> None:
    assert data["schema"] == SCHEMA == "focuscount/analyze/v1"
    assert data["min_hits"] == 10
    assert data["include_thin"] is False
    # Wilson: 5 of 17, 9 of 18, 14 of 20, 1 of 3; none for no hits; 3 of 3 for the undated note.
    assert [(Path(d["path"]).name, d["ratio"], d["interval"], d["thin"]) for d in data["documents"]] == [
        ("2024-02-13-board.txt", 0.2941, [0.1328, 0.5313], False),
        ("2024-05-14-board.txt", 0.5, [0.2903, 0.7097], False),
        ("2024-08-13-board.txt", 0.7, [0.4810, 0.8545], False),
        ("2024-11-12-board.txt", 0.3333, [0.0615, 0.7923], True),
        ("2025-02-11-board.txt", None, None, True),  # no hit at all: no ratio, fewer than 10 hits
        ("notes.txt", 1.0, [0.4385, 1.0], True),
    ]


def test_periods_carry_interval_and_thin(data: dict) -> None:
    # One document a period: each period's interval is its document's.
    assert [(p["label"], p["interval"], p["thin"]) for p in data["periods"]] == [
        ("2024-02-13", [0.1328, 0.5313], False),
        ("2024-05-14", [0.2903, 0.7097], False),
        ("2024-08-13", [0.4810, 0.8545], False),
        ("2024-11-12", [0.0615, 0.7923], True),
        ("2025-02-11", None, True),
    ]


def test_breakdown_rows_carry_interval_and_thin(data: dict) -> None:
    speakers = {
        row["speaker"]: (row["documents"], row["counts"], row["interval"], row["thin"])
        for row in data["breakdowns"]["speaker"]
    }
    assert speakers == {
        # Every Chair hit is a customer hit: the design effect is 1, Wilson of 29 of 29.
        "Chair": (5, {"customer": 29, "institution": 0}, [0.8830, 1.0], False),
        "Treasurer": (4, {"customer": 0, "institution": 29}, [0.0, 0.117], False),
        "(no speaker named)": (1, {"customer": 3, "institution": 0}, [0.4385, 1.0], True),
    }


def test_summary_carries_the_clustered_overall_interval(data: dict) -> None:
    summary = data["summary"]
    assert (summary["counts"], summary["ratio"], summary["thin"]) == (
        {"customer": 32, "institution": 29},
        0.5246,
        False,
    )
    # 32 of 61 hits, but the documents disagree (design effect 2.48): Wilson on 12.9 of 24.6 effective hits.
    assert summary["interval"] == [0.3376, 0.7049]


def test_trend_block_and_no_note(analysis: Analysis, data: dict) -> None:
    trend = analysis.trend
    assert trend is not None
    assert data["trend"] == {
        "change_per_year": round(trend.change_per_year, 4),
        "interval": [round(trend.low, 4), round(trend.high, 4)],
        "direction": trend.direction,
        "periods": 3,  # the thin 2024-11-12 and the empty 2025-02-11 are left out
        "documents": 3,
        "first_period": "2024-02-13",
        "last_period": "2024-08-13",
        "slope_per_year": round(trend.change_per_year, 4),
    }
    assert data["trend"]["interval"][0] < data["trend"]["change_per_year"] < data["trend"]["interval"][1]
    assert data["trend_note"] is None


def test_without_a_trend_the_note_says_why(board: Path) -> None:
    paths = [board / "minutes" / f"{day}-board.txt" for day in ("2024-02-13", "2024-05-14", "2024-11-12")]
    data = analysis_to_dict(analyze(paths, board / "lexicon.toml"))
    assert data["trend"] is None
    assert data["trend_note"] == (
        "Not enough periods for a trend (2 with enough evidence; 3 needed; 1 thin left out, which --include-thin counts)."
    )


def test_min_hits_and_include_thin_are_reported(board: Path) -> None:
    data = analysis_to_dict(analyze([board / "minutes"], board / "lexicon.toml", min_hits=3, include_thin=True))
    assert (data["min_hits"], data["include_thin"]) == (3, True)
    assert [d["thin"] for d in data["documents"]] == [False, False, False, False, True, False]
    assert (data["trend"]["periods"], data["trend"]["last_period"]) == (4, "2024-11-12")


def test_trend_rounding_never_writes_minus_zero(analysis: Analysis) -> None:
    # A flat trend a hair below zero rounds to 0.0 in JSON, not -0.0.
    assert analysis.trend is not None
    flat = replace(analysis.trend, change_per_year=-0.00002, low=-0.00004, high=0.00001)
    text = render_json(replace(analysis, trend=flat))
    assert json.loads(text)["trend"]["change_per_year"] == 0.0
    assert (json.loads(text)["trend"]["interval"], json.loads(text)["trend"]["direction"]) == (
        [0.0, 0.0],
        "no clear change",
    )
    assert "-0.0" not in text


def test_csv_has_interval_and_thin_after_the_ratio(analysis: Analysis) -> None:
    rows = list(csv.reader(io.StringIO(render_csv(analysis))))
    header = rows[0]
    assert header[-4:] == ["ratio", "ratio_low", "ratio_high", "thin"]
    assert all(len(row) == len(header) for row in rows)
    table = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    cells = [(r["row"], r["label"], r["ratio"], r["ratio_low"], r["ratio_high"], r["thin"]) for r in table]
    assert cells == [
        ("document", "2024-02-13", "0.2941", "0.1328", "0.5313", "false"),
        ("document", "2024-05-14", "0.5", "0.2903", "0.7097", "false"),
        ("document", "2024-08-13", "0.7", "0.481", "0.8545", "false"),
        ("document", "2024-11-12", "0.3333", "0.0615", "0.7923", "true"),
        ("document", "2025-02-11", "", "", "", ""),  # no ratio: no interval and no thin flag
        ("document", "undated", "1.0", "0.4385", "1.0", "true"),
        ("period", "2024-02-13", "0.2941", "0.1328", "0.5313", "false"),
        ("period", "2024-05-14", "0.5", "0.2903", "0.7097", "false"),
        ("period", "2024-08-13", "0.7", "0.481", "0.8545", "false"),
        ("period", "2024-11-12", "0.3333", "0.0615", "0.7923", "true"),
        ("period", "2025-02-11", "", "", "", ""),
        ("speaker", "Chair", "1.0", "0.883", "1.0", "false"),
        ("speaker", "Treasurer", "0.0", "0.0", "0.117", "false"),
        ("speaker", "(no speaker named)", "1.0", "0.4385", "1.0", "true"),
    ]


def test_csv_text_cells_stay_escaped_with_the_new_columns(tmp_path: Path) -> None:
    # A section heading that reads as a spreadsheet formula keeps its quote; the new cells follow the ratio.
    (tmp_path / "2024-03-13-board.md").write_text("# =SUM(A1)\n\nPatrons and users came first.\n", encoding="utf-8")
    rows = list(csv.reader(io.StringIO(render_csv(analyze([tmp_path], breakdowns=["section"])))))
    assert rows[-1][:2] == ["section", "'=SUM(A1)"]
    header = rows[0]
    ratio = [rows[-1][header.index(key)] for key in ("ratio", "ratio_low", "ratio_high", "thin")]
    assert ratio == ["1.0", "0.3424", "1.0", "true"]  # Wilson of 2 of 2 hits, thin
    # The default lexicon's report-only categories come last: community and partners, none here.
    assert header[-4:] == [
        "community_report_only", "community_report_only_per_1000", "partners_report_only",
        "partners_report_only_per_1000",
    ]  # fmt: skip
    assert rows[-1][-4:] == ["0", "0.0", "0", "0.0"]
