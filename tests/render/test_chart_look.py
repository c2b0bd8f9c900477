"""Charts for a slide as they are: sizes, transparency, font scale, subtitle, organisation, and undated sets."""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from focuscount.analysis import Analysis
from focuscount.errors import ConfigError
from focuscount.render.chart import chart_figure, chart_svg, document_rows, render_chart, source_line
from focuscount.render.chart_look import ChartLook, ChartSize, parse_chart_size
from focuscount.uncertainty import wilson

MakeAnalysis = Callable[..., Analysis]


def svg_texts(svg: str) -> list[str]:
    import html

    return [
        html.unescape(re.sub(r"<[^>]+>", "", body)).strip()
        for body in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S)
    ]


def svg_size(svg: str) -> tuple[str, str]:
    found = re.search(r'<svg [^>]*width="([^"]+)" height="([^"]+)"', svg)
    assert found is not None
    return found[1], found[2]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# --- sizes ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("16:9", ChartSize(40 / 3, 7.5)),
        ("4:3", ChartSize(10.0, 7.5)),
        (" 16 : 10 ", ChartSize(12.0, 7.5)),
        ("13.33x7.5", ChartSize(13.33, 7.5)),
        ("10X7.5in", ChartSize(10.0, 7.5)),
        ("12×6.75", ChartSize(12.0, 6.75)),
        ("1920x1080px", ChartSize(1920.0, 1080.0, "px")),
        ("1024x768PX", ChartSize(1024.0, 768.0, "px")),
    ],
)
def test_sizes_are_ratios_inches_or_pixels(text: str, size: ChartSize) -> None:
    assert parse_chart_size(text) == size


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("wide", ""),
        ("16:9:1", ""),
        ("-4:3", ""),
        ("16x", ""),
        ("0:9", "; a slide ratio must be from 1:4 to 4:1"),
        ("5:1", "; a slide ratio must be from 1:4 to 4:1"),
        ("1x1", "; each side must be 2 to 50 inches"),
        ("60x30", "; each side must be 2 to 50 inches"),
        ("100x80px", "; each side must be 200 to 20,000 pixels"),
        ("1920.5x1080px", "; pixels are whole numbers"),
    ],
)
def test_a_wrong_size_names_the_parameter_and_the_spellings(text: str, reason: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_chart_size(text)
    assert str(caught.value) == (
        f"`size` must be a slide ratio (16:9, 4:3), inches (13.33x7.5) or pixels (1920x1080px), not '{text}'{reason}"
    )
    assert caught.value.parameters == ("size",)


@pytest.mark.parametrize("scale", [0, -1, 0.2, 4.5, float("nan"), float("inf"), True])
def test_font_scale_must_be_a_sensible_positive_number(scale: float) -> None:
    with pytest.raises(ConfigError, match=r"^`font_scale` must be a number from 0.25 to 4, not ") as caught:
        ChartLook(font_scale=scale)
    assert caught.value.parameters == ("font_scale",)


def test_a_slide_ratio_sets_the_svg_size_in_points(gap_analysis: Analysis) -> None:
    assert svg_size(chart_svg(gap_analysis)) == ("921.6pt", "518.4pt")  # the default 12.8 x 7.2 inches
    assert svg_size(chart_svg(gap_analysis, look=ChartLook(size=parse_chart_size("16:9")))) == ("960pt", "540pt")
    assert svg_size(chart_svg(gap_analysis, look=ChartLook(size=parse_chart_size("4:3")))) == ("720pt", "540pt")
    inches = ChartLook(size=parse_chart_size("13.33x7.5"))
    assert svg_size(chart_svg(gap_analysis, look=inches)) == ("959.76pt", "540pt")
    # Pixels are laid out as the default chart, 7.2 inches high: 1920x1080px is 12.8 x 7.2 inches at 150 dpi.
    pixels = ChartLook(size=parse_chart_size("1920x1080px"))
    assert svg_size(chart_svg(gap_analysis, look=pixels)) == ("921.6pt", "518.4pt")
    square = ChartLook(size=parse_chart_size("1000x1000px"))
    assert svg_size(chart_svg(gap_analysis, look=square)) == ("518.4pt", "518.4pt")


def test_a_size_in_pixels_is_a_png_of_exactly_that_many(tmp_path: Path, gap_analysis: Analysis) -> None:
    for index, size in enumerate(["1920x1080px", "1024x768px", "1280x720px", "997x1013px", "20000x5000px"]):
        look = ChartLook(size=parse_chart_size(size))
        width, height = (int(side) for side in size.removesuffix("px").split("x"))
        path = render_chart(gap_analysis, tmp_path / f"{index}.png", look=look, dpi=96)  # the pixels set the dpi
        assert png_size(path) == (width, height), size
    slide = ChartLook(size=parse_chart_size("16:9"))
    assert png_size(render_chart(gap_analysis, tmp_path / "c.png", look=slide, dpi=144)) == (1920, 1080)


@pytest.mark.parametrize("size", ["4:3", "16:9", "1:1"])
@pytest.mark.parametrize("kind", ["ratio", "counts", "speakers", "sections"])
def test_every_text_stays_on_the_figure_at_other_sizes_and_larger_fonts(
    kind: str, size: str, examples_analysis: Analysis
) -> None:
    look = ChartLook(size=parse_chart_size(size), font_scale=1.3, subtitle="Board of Trustees, 2024–2025",
                     organisation="Alderbrook Public Library")  # fmt: skip
    figure = chart_figure(examples_analysis, kind=kind, look=look)
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    width = figure.bbox.width
    for text in figure.texts:  # title, subtitle, source lines, caption
        box = text.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= width, text.get_text()
    for axes in figure.axes:
        legend = axes.get_legend()
        if legend is not None:
            box = legend.get_window_extent(renderer)
            assert box.x0 >= 0 and box.x1 <= width


# --- look ----------------------------------------------------------------------------------------------------------


def test_transparent_leaves_figure_and_plots_unpainted(gap_analysis: Analysis, tmp_path: Path) -> None:
    def backgrounds(svg: str) -> list[str]:
        """The style of the figure's own patch, then of each axes' background patch (its first)."""
        patch = r'<g id="patch_\d+">\s*<path d="[^"]*"\s*style="([^"]*)"'
        return re.findall(r'<g id="figure_1">\s*' + patch, svg) + re.findall(r'<g id="axes_\d+">\s*' + patch, svg)

    painted = chart_svg(gap_analysis)
    assert backgrounds(painted) == ["fill: #ffffff", "fill: #ffffff", "fill: #ffffff"]
    clear = chart_svg(gap_analysis, look=ChartLook(transparent=True))
    assert backgrounds(clear) == ["fill: none", "fill: none", "fill: none"]  # the figure, the ratio and rate axes
    path = render_chart(gap_analysis, tmp_path / "clear.png", dpi=20, look=ChartLook(transparent=True))
    from matplotlib.image import imread

    pixels = imread(path)
    assert pixels.shape[2] == 4
    assert pixels[0, 0, 3] == 0.0  # the top left corner shows the slide behind it
    opaque = imread(render_chart(gap_analysis, tmp_path / "opaque.png", dpi=20))
    assert opaque[0, 0, 3] == 1.0


def test_font_scale_multiplies_every_font_size(examples_analysis: Analysis) -> None:
    from matplotlib.text import Text

    def sizes(figure) -> dict[str, float]:
        return {t.get_text(): t.get_fontsize() for t in figure.findobj(Text) if t.get_text() and t.get_visible()}

    plain = sizes(chart_figure(examples_analysis))
    larger = sizes(chart_figure(examples_analysis, look=ChartLook(font_scale=1.5)))
    assert plain["Customer-centeredness, by meeting"] == 18
    assert larger["Customer-centeredness, by meeting"] == 27
    shared = set(plain) & set(larger)
    assert len(shared) >= 12  # titles, labels, legend entries, source line
    assert {text: larger[text] / plain[text] for text in shared} == dict.fromkeys(shared, 1.5)


def test_subtitle_sits_under_the_title_above_the_plots(examples_analysis: Analysis) -> None:
    look = ChartLook(subtitle="Board of Trustees <regular meetings> & talks")
    figure = chart_figure(examples_analysis, look=look)
    figure.draw_without_rendering()
    (subtitle,) = [text for text in figure.texts if text.get_gid() == "subtitle"]
    assert subtitle.get_text() == "Board of Trustees <regular meetings> & talks"
    assert subtitle.get_fontsize() == 13
    renderer = figure.canvas.get_renderer()
    title = figure.get_suptitle()
    assert title == "Customer-centeredness, by meeting"
    title_box = figure._suptitle.get_window_extent(renderer)
    box = subtitle.get_window_extent(renderer)
    assert box.y1 <= title_box.y0  # under the title
    top_of_plots = max(axes.get_tightbbox(renderer).y1 for axes in figure.axes)
    assert top_of_plots <= box.y0  # above everything of the plots, tick labels included
    texts = svg_texts(chart_svg(examples_analysis, look=look))
    assert "Board of Trustees <regular meetings> & talks" in texts  # escaped for the SVG, read back as written
    assert "Board of Trustees" not in " ".join(svg_texts(chart_svg(examples_analysis)))


def test_organisation_opens_the_source_line(gap_analysis: Analysis) -> None:
    plain = source_line(gap_analysis, over_time=True)
    named = source_line(gap_analysis, over_time=True, organisation="  Alderbrook Public Library\x1b[31m ")
    assert plain.startswith("Source: focuscount ")
    assert named == "Source: Alderbrook Public Library\\x1b[31m · " + plain.removeprefix("Source: ")
    texts = svg_texts(chart_svg(gap_analysis, look=ChartLook(organisation="Alderbrook Public Library")))
    assert any(text.startswith("Source: Alderbrook Public Library · focuscount") for text in texts)


def test_a_long_source_line_is_broken_at_its_dots_on_a_narrow_slide(examples_analysis: Analysis) -> None:
    look = ChartLook(size=parse_chart_size("4:3"), font_scale=1.3, organisation="Alderbrook Public Library")
    texts = svg_texts(chart_svg(examples_analysis, kind="speakers", look=look))
    lexicon = examples_analysis.lexicon
    assert f"Source: Alderbrook Public Library · focuscount 0.1.0 · lexicon library ({lexicon.short_hash})" in texts
    assert "14 documents · 2024-01-16 to 2025-11-18" in texts


# --- undated sets --------------------------------------------------------------------------------------------------

UNDATED_ROWS = [
    (None, 500, 30, 10),  # 75% of 40 hits
    (None, 300, 2, 1),  # thin: 3 hits
    (None, 100, 0, 0),  # no hits
    (None, 400, 5, 15),  # 25% of 20 hits
]


def test_an_undated_set_is_a_bar_per_document(make_analysis: MakeAnalysis) -> None:
    import dataclasses

    made = make_analysis(UNDATED_ROWS)
    # As analyze makes them: each document's Wilson interval, and thin evidence on fewer than 10 hits.
    documents = [
        dataclasses.replace(
            c, interval=wilson(c.counts["customer"], c.counts["customer"] + c.counts["institution"]),
            thin=c.counts["customer"] + c.counts["institution"] < 10,
        )
        for c in made.documents
    ]  # fmt: skip
    analysis = dataclasses.replace(made, documents=tuple(documents))
    assert analysis.periods == ()
    rows = document_rows(analysis)
    assert [row.key for row in rows] == ["undated-0.txt", "undated-1.txt", "undated-2.txt", "undated-3.txt"]
    assert [row.thin for row in rows] == [False, True, True, False]  # 3 hits and no hits are thin
    figure = chart_figure(analysis)
    (axes,) = figure.axes
    figure.draw_without_rendering()
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels == ["undated-0.txt", "undated-1.txt", "undated-3.txt", "undated-2.txt"]  # by ratio; no hits last
    focus_bars = axes.patches[:4]
    assert [bar.get_width() for bar in focus_bars] == pytest.approx([0.75, 2 / 3, 0.25, 0.0])
    assert [bar.get_hatch() for bar in focus_bars] == [None, "//", None, "//"]  # thin: 3 hits, and no hits
    (whiskers,) = [c for c in axes.collections if c.get_gid() == "breakdown-intervals"]
    intervals = [counts.interval for counts in analysis.documents]
    by_label = {f"undated-{index}.txt": interval for index, interval in enumerate(intervals)}
    expected = [by_label[label] for label in labels if by_label[label] is not None]
    spans = [(float(s[0][0]), float(s[1][0])) for s in whiskers.get_segments()]
    assert spans == [(round(iv.low, 4), round(iv.high, 4)) for iv in expected]
    assert axes.get_ylabel() == "Document"
    texts = svg_texts(chart_svg(analysis))
    for expected_text in (
        "Customer-centeredness, by document",
        "75% of 40 hits",
        "67% of 3 hits (thin)",
        "no hits",
        "25% of 20 hits",
        "95% interval",
        "Thin evidence (fewer than 10 hits)",
        "No dated documents: no periods and no trend.",
    ):
        assert expected_text in texts, expected_text
    assert any(text.endswith("· 4 documents (4 undated) · no dated documents") for text in texts)  # all plotted


def test_documents_are_named_below_their_common_folder(make_analysis: MakeAnalysis) -> None:
    import dataclasses

    analysis = make_analysis(UNDATED_ROWS[:2])
    first, second = analysis.documents
    moved = [
        dataclasses.replace(first, document=dataclasses.replace(first.document, path=Path("archive/a/notes.txt"))),
        dataclasses.replace(second, document=dataclasses.replace(second.document, path=Path("archive/b/notes.txt"))),
    ]
    rows = document_rows(dataclasses.replace(analysis, documents=tuple(moved)))
    assert [row.key for row in rows] == ["a/notes.txt", "b/notes.txt"]


def test_many_undated_documents_show_the_busiest_twenty(make_analysis: MakeAnalysis) -> None:
    analysis = make_analysis([(None, 100, index % 7, 3) for index in range(30)])
    figure = chart_figure(analysis)
    (axes,) = figure.axes
    assert len(axes.get_yticklabels()) == 20
    assert axes.get_title(loc="left") == "The 20 documents with the most hits, of 30"
