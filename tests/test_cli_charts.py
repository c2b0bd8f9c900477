"""The chart and report commands, and analyze --chart, through the CLI on the example corpus."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import EXAMPLES, REPO

from focuscount.cli import cli

HEADERS = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-"}


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(HEADERS[".png"])
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("kind", ["ratio", "counts", "terms", "speakers", "sections"])
def test_every_kind_as_svg_with_title_and_source(tmp_path: Path, kind: str) -> None:
    target = tmp_path / f"{kind}.svg"
    code, out, err = run("chart", EXAMPLES, "--kind", kind, "-o", target)
    assert (code, out, err) == (0, "", f"focuscount: wrote {target}\n")
    svg = target.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Source: focuscount 0.1.0 · lexicon library" in svg
    assert "14 documents" in svg


def test_png_follows_dpi_and_title(tmp_path: Path) -> None:
    target = tmp_path / "ratio.png"
    assert run("chart", EXAMPLES, "-o", target, "--dpi", "100", "--title", "Board talk, 2024–2025")[0] == 0
    assert png_size(target) == (1280, 720)
    svg_target = tmp_path / "ratio.svg"
    run("chart", EXAMPLES, "-o", svg_target, "--title", "Board talk, 2024–2025", "--by", "quarter")
    svg = svg_target.read_text(encoding="utf-8")
    assert "Board talk, 2024–2025" in svg
    assert "Trend +0.262 per year (95% interval +0.217 to +0.306)" in svg  # by quarter: the numbers of analyze


def test_pdf_chart(tmp_path: Path) -> None:
    target = tmp_path / "ratio.pdf"
    assert run("chart", EXAMPLES / "minutes", "-o", target)[0] == 0
    assert target.read_bytes().startswith(HEADERS[".pdf"])


def test_analyze_also_draws_the_chart(tmp_path: Path) -> None:
    target = tmp_path / "trend.png"
    code, out, err = run("analyze", EXAMPLES, "--chart", target, "-f", "csv")
    assert code == 0
    assert out.startswith("row,label,path")
    assert err == f"focuscount: wrote {target}\n"
    assert png_size(target) == (2560, 1440)


def test_wrong_extension_fails_before_reading(tmp_path: Path) -> None:
    code, out, err = run("chart", EXAMPLES, "-o", tmp_path / "chart.gif")
    assert code == 2
    assert "chart format must be .png, .svg or .pdf, not '.gif'" in err
    code, out, err = run("analyze", EXAMPLES, "--chart", tmp_path / "chart.jpg")
    assert (code, out) == (2, "")


def test_speakers_chart_without_speakers_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("chart", EXAMPLES / "talks", "--kind", "speakers", "-o", tmp_path / "s.png")
    assert code == 2
    assert "no speakers found" in err
    assert not (tmp_path / "s.png").exists()


def test_report_is_one_self_contained_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, err = run("report", EXAMPLES, "-o", target, "--title", "Alderbrook board, two years")
    assert (code, out, err) == (0, "", f"focuscount: wrote {target}\n")
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Alderbrook board, two years</title>" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert "<link" not in html
    assert html.count("<svg") >= 3  # ratio, speakers, sections
    assert html.count("<details") == 14
    assert (
        "Trend: +0.257 per year (95% interval +0.202 to +0.313), rising, over 14 periods (14 documents), "
        "2024-01-16 to 2025-11-18"
    ) in html
    assert "<h2>Thin evidence (0)</h2>" in html
    assert "<mark" in html


def test_a_year_chart_has_no_trend_line_and_says_why(tmp_path: Path) -> None:
    target = tmp_path / "years.svg"
    code, out, err = run("chart", EXAMPLES, "--by", "year", "-o", target)
    assert (code, out, err) == (0, "", f"focuscount: wrote {target}\n")
    svg = target.read_text(encoding="utf-8")
    assert 'id="trend-line"' not in svg
    assert "Not enough periods for a trend (2 with enough evidence; 3 needed)." in svg
    assert 'id="ratio-intervals"' in svg


def test_min_hits_makes_thin_evidence_in_the_chart_and_the_report(tmp_path: Path) -> None:
    chart = tmp_path / "ratio.svg"
    assert run("chart", EXAMPLES, "--min-hits", "45", "-o", chart)[0] == 0
    svg = chart.read_text(encoding="utf-8")
    assert "Thin evidence (fewer than 45 hits):" in svg
    assert "hollow, left out of the trend" in svg
    assert "Trend +0.269 per year (95% interval +0.202 to +0.335)" in svg  # the eight meetings with 45 hits or more
    report = tmp_path / "report.html"
    assert run("report", EXAMPLES, "--min-hits", "45", "--include-thin", "-o", report)[0] == 0
    html = report.read_text(encoding="utf-8")
    assert "<h2>Thin evidence (6)</h2>" in html
    assert "a ratio on fewer than 45 hits, and thin periods are counted in the trend (--include-thin)." in html
    assert "over 14 periods (14 documents)" in html


def test_report_to_standard_output() -> None:
    code, out, _ = run("report", EXAMPLES / "talks")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("kind", ["ratio", "counts", "terms", "speakers", "sections"])
def test_readme_shows_each_chart_from_the_examples(kind: str) -> None:
    image = REPO / "docs" / "images" / f"{kind}.png"
    assert png_size(image) == (1280, 720)
    assert f"(images/{kind}.png)" in (REPO / "docs" / "cli.md").read_text(encoding="utf-8")


# --- charts for slides: --kind all, --from, sizes and looks (issue 14, part 5) --------------------------------------

KINDS = ("ratio", "counts", "terms", "speakers", "sections")


def run_env(args: list[object], env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args], env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def documents_read(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The path of every document read and counted, as the analysis receives it."""
    import focuscount.analysis as analysis

    read: list[Path] = []
    original = analysis.iter_document_counts

    def counting(*args, **kwargs):
        for item in original(*args, **kwargs):
            if hasattr(item, "document"):
                read.append(item.document.path)
            yield item

    monkeypatch.setattr(analysis, "iter_document_counts", counting)
    return read


def test_kind_all_draws_every_kind_from_one_reading(tmp_path: Path, documents_read: list[Path]) -> None:
    folder = tmp_path / "slides" / "charts"  # created, with its parent
    code, out, err = run("chart", EXAMPLES, "--kind", "all", "-o", f"{folder}/")
    assert (code, out) == (0, "")
    assert err == "".join(f"focuscount: wrote {folder}/{kind}.png\n" for kind in KINDS)
    assert len(documents_read) == 14 == len(set(documents_read))  # each file read once, for all five charts
    assert sorted(path.name for path in folder.iterdir()) == sorted(f"{kind}.png" for kind in KINDS)
    for kind in KINDS:
        assert png_size(folder / f"{kind}.png") == (2560, 1440)


def test_kind_all_takes_the_format_and_names_each_kind_it_cannot_draw(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    code, out, err = run("chart", EXAMPLES / "talks", "--kind", "all", "-f", "svg", "-o", folder)
    assert (code, out) == (1, "")  # 1: some kinds could not be drawn, the others are written
    assert err.splitlines() == [
        f"focuscount: wrote {folder}/ratio.svg",
        f"focuscount: wrote {folder}/counts.svg",
        f"focuscount: wrote {folder}/terms.svg",
        "focuscount: warning: speakers chart not drawn: no speakers found: speakers are named by labels like "
        "'Chair:' or 'Ms Okafor:' at the start of a line or paragraph",
        "focuscount: warning: sections chart not drawn: no sections found: a section starts at a Markdown heading, "
        "a DOCX heading style or a numbered agenda item on its own line",
    ]
    assert sorted(path.name for path in folder.iterdir()) == ["counts.svg", "ratio.svg", "terms.svg"]


def test_kind_all_never_replaces_what_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "charts"
    (folder / "terms.svg").mkdir(parents=True)
    (folder / "ratio.svg").symlink_to(tmp_path / "kept.svg")  # a link: its target is written, the link kept
    code, _, err = run("chart", EXAMPLES / "minutes", "--kind", "all", "-f", "svg", "-o", folder)
    assert code == 2  # a chart that could not be written is an error; the others are written all the same
    assert (
        f"focuscount: warning: terms chart not written: {folder}/terms.svg: cannot write chart: a directory, "
        "not a file; name a file inside it\n"
    ) in err
    assert (folder / "terms.svg").is_dir()
    assert (folder / "ratio.svg").is_symlink()
    assert (tmp_path / "kept.svg").read_text(encoding="utf-8").startswith("<?xml")
    for kind in ("counts", "speakers", "sections"):
        assert (folder / f"{kind}.svg").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "all", "-o", "{tmp}/file.txt"], "{tmp}/file.txt: --kind all writes one chart per kind into a "
         "folder, and this is not one: name a folder"),
        (["--kind", "all", "-o", "{tmp}/charts.png"], "{tmp}/charts.png: --kind all writes a folder of charts: name "
         "a folder (charts/), not a .png file; --format picks the charts' format"),
        (["--kind", "all", "-o", "{tmp}/file.txt/charts"], "{tmp}/file.txt/charts: cannot create the folder for the "
         "charts: Not a directory"),
        (["-o", "{tmp}"], "{tmp}: is a folder: give FILE.png, FILE.svg or FILE.pdf, or --kind all to write every "
         "chart into it"),
        (["-o", "{tmp}/ratio.png", "-f", "svg"], "{tmp}/ratio.png: --format svg but the file name says png: the "
         "extension picks the format of one chart; leave --format out, or name a .svg file"),
        (["-o", "{tmp}/r.png", "--size", "big"], "--size must be a slide ratio (16:9, 4:3), inches (13.33x7.5) or "
         "pixels (1920x1080px), not 'big'"),
        (["-o", "{tmp}/r.png", "--size", "8:1"], "--size must be a slide ratio (16:9, 4:3), inches (13.33x7.5) or "
         "pixels (1920x1080px), not '8:1'; a slide ratio must be from 1:4 to 4:1"),
    ],
)  # fmt: skip
def test_chart_outputs_and_looks_are_checked_before_reading(
    args: list[str], message: str, tmp_path: Path, documents_read: list[Path]
) -> None:
    (tmp_path / "file.txt").write_text("not a folder\n", encoding="utf-8")
    code, out, err = run("chart", EXAMPLES, *(arg.format(tmp=tmp_path) for arg in args))
    assert (code, out, err) == (2, "", f"Error: {message.format(tmp=tmp_path)}\n")
    assert documents_read == []


def test_font_scale_out_of_range_names_the_flag() -> None:
    code, _, err = run("chart", EXAMPLES, "-o", "r.png", "--font-scale", "0")
    assert code == 2
    assert err.endswith("Error: Invalid value for '--font-scale': must be a number from 0.25 to 4, not '0'\n")


def test_size_transparency_fonts_subtitle_and_organisation_from_the_command_line(tmp_path: Path) -> None:
    target = tmp_path / "ratio.svg"
    code, _, _ = run_env(
        ["chart", EXAMPLES, "-o", target, "--size", "16:9", "--transparent", "--font-scale", "1.25",
         "--subtitle", "Board of Trustees, 2024–2025"],
        env={"FOCUSCOUNT_ORGANISATION": "Alderbrook Public Library"},
    )  # fmt: skip
    assert code == 0
    svg = target.read_text(encoding="utf-8")
    assert 'width="960pt" height="540pt"' in svg
    assert re.search(r'<g id="figure_1">\s*<g id="patch_1">\s*<path d="[^"]*"\s*style="fill: none"', svg)
    assert "Board of Trustees, 2024–2025" in svg
    assert "Source: Alderbrook Public Library · focuscount 0.1.0 · lexicon library" in svg
    assert "font-weight: 700; font-size: 22.5px" in svg  # the 18 pt title, times 1.25


def test_chart_settings_come_from_the_settings_file(tmp_path: Path) -> None:
    config = tmp_path / "focuscount.toml"
    config.write_text(
        'organisation = "Alderbrook Public Library"\nchart_size = "1280x720px"\nfont_scale = 1.5\n', encoding="utf-8"
    )
    target = tmp_path / "ratio.png"
    assert run("chart", EXAMPLES, "--config", config, "-o", target)[0] == 0
    assert png_size(target) == (1280, 720)
    svg_target = tmp_path / "ratio.svg"
    assert run("chart", EXAMPLES, "--config", config, "-o", svg_target, "--size", "4:3", "--font-scale", "1")[0] == 0
    svg = svg_target.read_text(encoding="utf-8")
    assert 'width="720pt" height="540pt"' in svg  # the flag wins over the setting
    assert "font-weight: 700; font-size: 18px" in svg
    assert "Source: Alderbrook Public Library · focuscount" in svg
    config.write_text('chart_size = "huge"\n', encoding="utf-8")
    code, _, err = run("chart", EXAMPLES, "--config", config, "-o", target)
    assert code == 2
    assert err == (
        f"Error: {config}:1: 'chart_size' must be a slide ratio (16:9, 4:3), inches (13.33x7.5) or pixels "
        "(1920x1080px), not 'huge'\n"
    )
    code, _, err = run_env(["chart", EXAMPLES, "-o", target], env={"FOCUSCOUNT_FONT_SCALE": "9"})
    assert (code, err) == (2, "Error: FOCUSCOUNT_FONT_SCALE must be a number from 0.25 to 4, not '9'\n")


def test_charts_from_a_saved_report_are_the_same_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "analysis.json"
    assert run("analyze", EXAMPLES, "--by-speaker", "--by-section", "-f", "json", "-o", report)[0] == 0
    direct = tmp_path / "direct"
    assert run("chart", EXAMPLES, "--kind", "all", "-f", "svg", "-o", direct)[0] == 0
    import focuscount.analysis as analysis

    def no_reading(*args, **kwargs):
        raise AssertionError("a chart from a saved report read a document")

    monkeypatch.setattr(analysis, "iter_document_counts", no_reading)
    saved = tmp_path / "saved"
    code, out, err = run("chart", "--from", report, "--kind", "all", "-f", "svg", "-o", saved)
    assert (code, out) == (0, "")
    assert err == "".join(f"focuscount: wrote {saved}/{kind}.svg\n" for kind in KINDS)
    for kind in KINDS:
        assert (saved / f"{kind}.svg").read_bytes() == (direct / f"{kind}.svg").read_bytes(), kind
    # --by regroups the saved documents: the numbers of analyze --by quarter
    by_quarter = tmp_path / "quarters.svg"
    assert run("chart", "--from", report, "--by", "quarter", "-o", by_quarter)[0] == 0
    assert "Trend +0.262 per year (95% interval +0.217 to +0.306)" in by_quarter.read_text(encoding="utf-8")


def test_a_saved_report_without_speakers_and_other_misuse(tmp_path: Path) -> None:
    report = tmp_path / "plain.json"
    assert run("analyze", EXAMPLES / "minutes", "-f", "json", "-o", report)[0] == 0
    target = tmp_path / "chart.png"
    cases = [
        (["--from", report, "--kind", "speakers"], f"{report}: the saved report has no speaker rows for the "
         "speakers chart: save it with `focuscount analyze PATHS --by-speaker -f json -o FILE`"),
        (["--from", report, EXAMPLES], "--from draws from a saved report and reads no document: give it or PATHS, "
         "not both"),
        (["--from", report, "--notes", "exclude"], "--notes says how to read documents, and --from reads none: "
         "leave it out"),
        (["--from", tmp_path / "missing.json"], f"{tmp_path}/missing.json: saved report not found"),
        (["--from", tmp_path], None),  # click refuses a folder for --from
    ]  # fmt: skip
    for args, message in cases:
        code, out, err = run("chart", *args, "-o", target)
        assert (code, out) == (2, ""), args
        if message is not None:
            assert err == f"Error: {message}\n"
    assert not target.exists()
    code, out, err = run("chart", "--from", report, "--kind", "all", "-o", tmp_path / "charts")
    assert code == 1
    assert "focuscount: warning: speakers chart not drawn: " in err
    assert f"focuscount: wrote {tmp_path}/charts/terms.png\n" in err


def test_an_undated_set_is_a_bar_per_document_and_no_counts_chart(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "workshop.txt").write_text("Patrons and readers asked for a quiet room; the staff agreed.\n")
    (folder / "retreat.txt").write_text("The budget, the policy and the procedure; patrons once.\n")
    target = tmp_path / "ratio.svg"
    code, _, _ = run("chart", folder, "-o", target, "--no-metadata-dates")
    assert code == 0
    svg = target.read_text(encoding="utf-8")
    assert "Customer-centeredness, by document" in svg
    assert "workshop.txt" in svg and "retreat.txt" in svg
    code, out, err = run("chart", folder, "--kind", "counts", "-o", tmp_path / "counts.svg", "--no-metadata-dates")
    assert (code, out) == (2, "")
    assert err.startswith("Error: no dated documents: the counts chart draws hits over time")


def test_a_size_in_pixels_sets_the_dpi(tmp_path: Path) -> None:
    target = tmp_path / "ratio.png"
    assert run("chart", EXAMPLES / "minutes", "--size", "1920x1080px", "-o", target)[0] == 0
    assert png_size(target) == (1920, 1080)
    code, _, err = run("chart", EXAMPLES / "minutes", "--size", "1920x1080px", "--dpi", "100", "-o", target)
    assert (code, err) == (2, "Error: --dpi with a --size in pixels: the pixels set the dpi; leave one of them out\n")
