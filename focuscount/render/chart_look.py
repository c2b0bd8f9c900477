"""How a chart looks on its slide: its size, its background, its font sizes, and the lines around the plot.

This module imports nothing heavy (no matplotlib), so the settings and the CLI can
check a ``--size`` or ``--font-scale`` before any document is read.

A size is one of three spellings:

- a slide ratio ``W:H`` (``16:9``, ``4:3``): a slide 7.5 inches high, as presentation
  programs make them, so ``16:9`` is 13.33 × 7.5 inches and ``4:3`` is 10 × 7.5;
- inches ``WxH`` (``13.33x7.5``, or ``13.33x7.5in``);
- pixels ``WxHpx`` (``1920x1080px``): a PNG of exactly that many pixels, laid out as the
  default chart is (7.2 inches high, the width its ratio gives) and drawn at the dots
  per inch that make that many pixels (1920x1080px is 12.8 x 7.2 inches at 150 dpi), so
  that text keeps its size relative to the chart; a vector chart gets the same inches.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from focuscount.errors import ConfigError

SizeUnit = Literal["in", "px"]

LAYOUT_HEIGHT = 7.2  # inches: the height of the default chart, which a size in pixels is laid out at
SLIDE_HEIGHT = 7.5  # inches: the height of a slide in PowerPoint, Keynote and Impress alike
MIN_INCHES, MAX_INCHES = 2.0, 50.0  # smaller leaves no room for the plot; larger is a poster, not a slide
MIN_PIXELS, MAX_PIXELS = 200, 20_000  # a side; matplotlib cannot draw more than 2¹⁶ pixels a side
MAX_ASPECT = 4.0  # a ratio wider (or taller) than 4:1 is a banner, and no chart fits it
MIN_FONT_SCALE, MAX_FONT_SCALE = 0.25, 4.0
SIZE_SPELLINGS = "a slide ratio (16:9, 4:3), inches (13.33x7.5) or pixels (1920x1080px)"

_RATIO = re.compile(r"(?P<width>\d+(?:\.\d+)?):(?P<height>\d+(?:\.\d+)?)")
_SIDES = re.compile(r"(?P<width>\d+(?:\.\d+)?)[x×](?P<height>\d+(?:\.\d+)?)(?P<unit>in|px)?")


@dataclass(frozen=True)
class ChartSize:
    """A chart's width and height, in inches or in pixels."""

    width: float
    height: float
    unit: SizeUnit = "in"

    def dpi(self, dpi: float) -> float:
        """The dots per inch to draw at: ``dpi``, or for a size in pixels the dpi that makes them."""
        return self.height / LAYOUT_HEIGHT if self.unit == "px" else dpi

    def inches(self, dpi: float = 100.0) -> tuple[float, float]:
        """The figure's size in inches (``dpi`` is used by a size in inches' PNG only, not here)."""
        if self.unit == "px":
            dots = self.dpi(dpi)
            # A hair over the pixels asked for: matplotlib cuts the size to whole pixels, and must not cut one off.
            return ((self.width + 1e-7) / dots, (self.height + 1e-7) / dots)
        return (self.width, self.height)


DEFAULT_SIZE = ChartSize(12.8, 7.2)  # 16:9 at 100 dpi is 1280×720: a projector's native size


def parse_chart_size(text: str) -> ChartSize:
    """The size ``text`` spells (module docstring), or a :class:`ConfigError` naming the parameter ``size``."""
    written = text.strip().lower().replace(" ", "")
    ratio = _RATIO.fullmatch(written)
    if ratio is not None:
        width, height = float(ratio["width"]), float(ratio["height"])
        if width <= 0 or height <= 0 or max(width / height, height / width) > MAX_ASPECT:
            raise _size_error(text, f"a slide ratio must be from 1:{MAX_ASPECT:g} to {MAX_ASPECT:g}:1")
        # The height of a slide, the width its ratio gives: 16:9 is 13.33 x 7.5 inches, 4:3 is 10 x 7.5.
        return ChartSize(SLIDE_HEIGHT * width / height, SLIDE_HEIGHT)
    sides = _SIDES.fullmatch(written)
    if sides is None:
        raise _size_error(text)
    width, height = float(sides["width"]), float(sides["height"])
    if sides["unit"] == "px":
        if not (width.is_integer() and height.is_integer()):
            raise _size_error(text, "pixels are whole numbers")
        if not (min(width, height) >= MIN_PIXELS and max(width, height) <= MAX_PIXELS):
            raise _size_error(text, f"each side must be {MIN_PIXELS:,} to {MAX_PIXELS:,} pixels")
        return ChartSize(width, height, "px")
    if not (min(width, height) >= MIN_INCHES and max(width, height) <= MAX_INCHES):
        raise _size_error(text, f"each side must be {MIN_INCHES:g} to {MAX_INCHES:g} inches")
    return ChartSize(width, height)


def _size_error(text: str, why: str | None = None) -> ConfigError:
    reason = f"; {why}" if why else ""
    return ConfigError(None, f"`size` must be {SIZE_SPELLINGS}, not '{text}'{reason}", parameters=("size",))


@dataclass(frozen=True)
class ChartLook:
    """Everything about a chart that is not its data: size, background, font sizes, subtitle, organisation.

    ``font_scale`` multiplies every font size (titles, labels, legends, notes), so that
    text stays readable when a chart is shown small or large; ``transparent`` leaves the
    figure and plot backgrounds unpainted (PNG and SVG; a slide's own background shows
    through).  ``subtitle`` is a line under the title; ``organisation`` opens the source
    line, so a chart names whose minutes it counts.
    """

    size: ChartSize = DEFAULT_SIZE
    transparent: bool = False
    font_scale: float = 1.0
    subtitle: str | None = None
    organisation: str | None = None

    def __post_init__(self) -> None:
        scale = self.font_scale
        if (
            isinstance(scale, bool)
            or not isinstance(scale, int | float)
            or not math.isfinite(scale)
            or not MIN_FONT_SCALE <= scale <= MAX_FONT_SCALE
        ):
            raise ConfigError(
                None,
                f"`font_scale` must be a number from {MIN_FONT_SCALE:g} to {MAX_FONT_SCALE:g}, not {scale!r}",
                parameters=("font_scale",),
            )


DEFAULT_LOOK = ChartLook()
