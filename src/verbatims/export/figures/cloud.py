"""Word clouds that print: no word touches another, grey-safe colours, text kept as text.

Words are measured with the very font matplotlib draws them in (their ink, from
the glyph outlines), then packed one by one, most frequent first, at the free
place nearest the centre, with a margin: so in the PNG and the SVG alike no
word overlaps or nests inside another (wordcloud's pixel packing, measured
with another renderer, let small words slip between the letters of big ones).
A word's size follows its frequency to the power 0.6 (its area a little
under the frequency, so mid-ranked words stay readable). The placement is
seeded: the same input gives the same picture.

Colours survive a black-and-white printer: by default dark-to-mid blues by
rank; with `--colour-by-code`, each theme keeps its codebook hue at its own
lightness, spaced so that the themes stay apart in grayscale.
"""

from __future__ import annotations

import colorsys
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib.colors import to_hex, to_rgb
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.textpath import TextPath

from verbatims.analysis.terms import Frequencies
from verbatims.export.figures.common import A4_WIDTH_IN, FONT, frame, new_figure, save
from verbatims.i18n import _

SEED = 20230412
WIDTH, HEIGHT = 1000, 625  # the layout canvas, in layout units (1 unit = 1/1000 of the width)
CELL = 2  # occupancy grid step, in layout units
PAD = 1.5  # free layout units kept around every word, plus a share of its size:
PAD_EM = 0.045  # big words keep a margin a reader sees as a gap
EXPONENT = 0.6  # size ∝ frequency^0.6: area a little under linear, ranks readable
MIN_SIZE, MAX_SIZE = 11.0, 150.0  # font sizes in layout units (the em square)
# Dark blues of decreasing darkness by rank: ranks stay distinct in grayscale.
SHADES = ("#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6")
UNCODED = "#b0b0b0"  # lighter than every theme: words no theme's extracts use most
_PROP = FontProperties(family=FONT)


@dataclass(frozen=True)
class Placed:
    """A word as drawn: its pen origin on the baseline (layout units, y downwards)."""

    word: str
    size: float  # font size in layout units
    x: float
    y: float
    vertical: bool
    colour: str
    box: tuple[float, float, float, float]  # ink: left, top, right, bottom


def luminance(colour: str) -> float:
    """Relative luminance (WCAG): what a grayscale printer keeps of a colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def with_luminance(colour: str, target: float) -> str:
    """The same hue and saturation, lightened or darkened to the target luminance."""
    h, _light, s = colorsys.rgb_to_hls(*to_rgb(colour))
    s = max(s, 0.35) if s > 0.05 else s  # washed-out codebook colours keep some hue
    lo, hi = 0.0, 1.0
    for _step in range(30):
        mid = (lo + hi) / 2
        if luminance(to_hex(colorsys.hls_to_rgb(h, mid, s))) < target:
            lo = mid
        else:
            hi = mid
    return to_hex(colorsys.hls_to_rgb(h, (lo + hi) / 2, s))


def theme_palette(themes: list[str], colours: dict[str, str]) -> dict[str, str]:
    """One colour per theme: its codebook hue, at lightness levels evenly spaced between
    dark and mid-grey, so that themes differ in grayscale as well as in colour."""
    n = len(themes)
    if not n:
        return {}
    low, high = 0.02, 0.36
    out = {}
    for i, theme in enumerate(themes):
        target = low if n == 1 else low + (high - low) * i / (n - 1)
        out[theme] = with_luminance(colours.get(theme, "#333333"), target)
    return out


def readable(colour: str) -> str:
    """A code colour dark enough for text on white paper (yellows become ochre)."""
    return colour if luminance(colour) <= 0.3 else with_luminance(colour, 0.3)


def _ink(word: str) -> tuple[float, float, float, float]:
    """The word's ink at size 1, from its outlines: x0, y0, x1, y1 (y up, pen at 0, 0)."""
    points = TextPath((0, 0), word, size=1, prop=_PROP).vertices
    if not len(points):  # only spaces
        return 0.0, 0.0, 0.3 * len(word), 0.7
    # The outlines' control points hold the curves: a bounding box a hair wider, at once.
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    return float(x0), float(y0), float(x1), float(y1)


def _box(ink: tuple[float, float, float, float], size: float, x: float, y: float,
         vertical: bool) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (v * size for v in ink)
    if vertical:  # turned a quarter anticlockwise about the pen: reads upwards
        return x - y1, y - x1, x - y0, y - x0
    return x + x0, y - y1, x + x1, y - y0


class _Grid:
    """Occupied cells of the canvas, and the free place nearest the centre for a box."""

    def __init__(self) -> None:
        self.h, self.w = math.ceil(HEIGHT / CELL), math.ceil(WIDTH / CELL)
        self.taken = np.zeros((self.h, self.w), dtype=np.int32)
        self._sums: np.ndarray | None = None

    def find(self, width: float, height: float, pad: float, rng: np.random.Generator
             ) -> tuple[float, float] | None:
        """Top-left corner (layout units) of a free `width` × `height` box, or None."""
        wc, hc = math.ceil((width + 2 * pad) / CELL), math.ceil((height + 2 * pad) / CELL)
        if wc > self.w or hc > self.h:
            return None
        if self._sums is None:  # the integral image, until the next word is placed
            self._sums = np.zeros((self.h + 1, self.w + 1), dtype=np.int32)
            self._sums[1:, 1:] = self.taken.cumsum(0).cumsum(1)
        s = self._sums
        window = s[hc:, wc:] - s[:-hc, wc:] - s[hc:, :-wc] + s[:-hc, :-wc]
        free = window == 0
        if not free.any():
            return None
        ys, xs = np.nonzero(free)
        # Nearest the centre on an ellipse the canvas' shape, a little jitter to look natural.
        cy = (ys + hc / 2) / self.h - 0.5 + rng.normal(0, 0.02)
        cx = (xs + wc / 2) / self.w - 0.5 + rng.normal(0, 0.02)
        k = int(np.argmin(cx * cx + cy * cy))
        return float(xs[k] * CELL + pad), float(ys[k] * CELL + pad)

    def take(self, box: tuple[float, float, float, float], pad: float) -> None:
        x0, y0, x1, y1 = box
        c0, r0 = max(int((x0 - pad) // CELL), 0), max(int((y0 - pad) // CELL), 0)
        c1, r1 = math.ceil((x1 + pad) / CELL), math.ceil((y1 + pad) / CELL)
        self.taken[r0:r1, c0:c1] = 1
        self._sums = None


def layout(freqs: Frequencies, colours: dict[str, str] | None = None) -> list[Placed]:
    """Every word that fits, placed without overlap (deterministic)."""
    values = [(str(row.term), int(row.frequency)) for row in freqs.table.itertuples(index=False)]
    values.sort(key=lambda tv: (-tv[1], tv[0]))
    if not values:
        return []
    fmax = values[0][1]
    inks = {t: _ink(t) for t, _f in values}

    def colour(rank: int, word: str) -> str:
        if colours is not None:
            return colours.get(freqs.by_code.get(word, ""), UNCODED)
        return SHADES[min(len(SHADES) - 1, rank * len(SHADES) // len(values))]

    first = inks[values[0][0]]
    scale = min(MAX_SIZE, 0.62 * WIDTH / max(first[2] - first[0], 1e-6))
    # Words packed at best fill about half the canvas: start from the scale at which
    # their ink (and margins) would, rather than shrinking by trial.
    area = sum((inks[t][2] - inks[t][0] + 2 * PAD_EM) * (inks[t][3] - inks[t][1] + 2 * PAD_EM)
               * (f / fmax) ** (2 * EXPONENT) for t, f in values)
    scale = min(scale, math.sqrt(0.56 * WIDTH * HEIGHT / max(area, 1e-9)))
    placed: list[Placed] = []
    for attempt in range(8):
        rng = np.random.default_rng(SEED)
        grid = _Grid()
        placed = []
        dropped = 0
        for rank, (word, freq) in enumerate(values):
            ink = inks[word]
            size = max(MIN_SIZE, scale * (freq / fmax) ** EXPONENT)
            vertical_first = rank > 2 and rng.random() < 0.15
            spot = None
            while spot is None and size >= MIN_SIZE * 0.999:
                for vertical in (vertical_first, not vertical_first):
                    w, h = (ink[2] - ink[0]) * size, (ink[3] - ink[1]) * size
                    if vertical:
                        w, h = h, w
                    pad = PAD + PAD_EM * size
                    corner = grid.find(w, h, pad, rng)
                    if corner is not None:
                        left, top = corner
                        x0, y0, x1, y1 = _box(ink, size, 0.0, 0.0, vertical)
                        x, y = left - x0, top - y0
                        spot = Placed(word, size, x, y, vertical, colour(rank, word),
                                      _box(ink, size, x, y, vertical))
                        break
                if spot is None:
                    size *= 0.8
            if spot is None:
                dropped += 1
                continue
            grid.take(spot.box, PAD + PAD_EM * spot.size)
            placed.append(spot)
        if dropped <= max(1, len(values) // 20):
            break
        del attempt
        scale *= 0.85
    return placed


def draw(freqs: Frequencies, output: Path, title: str, caption: str,
         colours: dict[str, str] | None = None) -> list[Placed]:
    """The cloud as PNG or SVG; returns the words as placed (what a test can check)."""
    themes = None
    if colours is not None:
        used = [t for t in colours if t in set(freqs.by_code.values())]
        themes = theme_palette(used, colours)
    words = layout(freqs, themes)
    legend_in = 0.3 if themes else 0.0
    height_in = A4_WIDTH_IN * HEIGHT / WIDTH + 0.9 + legend_in
    fig = new_figure(height_in)
    top = 1 - 0.42 / height_in
    bottom = (0.45 + legend_in) / height_in
    ax = fig.add_axes((0.0, bottom, 1.0, top - bottom))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(HEIGHT, 0)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.apply_aspect()
    box = ax.get_position()
    pt_per_unit = min(box.width * fig.get_figwidth() / WIDTH,
                      box.height * fig.get_figheight() / HEIGHT) * 72
    for w in words:
        ax.text(w.x, w.y, w.word, fontsize=w.size * pt_per_unit, color=w.colour,
                family=FONT, rotation=90 if w.vertical else 0, ha="left", va="baseline",
                rotation_mode="anchor")
    if themes:
        drawn = {w.word for w in words}
        shown = [t for t in themes if any(freqs.by_code.get(w) == t for w in drawn)]
        handles = [Rectangle((0, 0), 1, 1, color=themes[t], label=t) for t in shown]
        if any(freqs.by_code.get(w) not in themes for w in drawn):
            handles.append(Rectangle((0, 0), 1, 1, color=UNCODED, label=_("no theme")))
        if handles:
            fig.legend(handles=handles, loc="lower center", fontsize=7, frameon=False,
                       ncol=min(5, len(handles)), bbox_to_anchor=(0.5, 0.42 / height_in),
                       handlelength=1.0, handleheight=1.0)
    frame(fig, title, caption)
    save(fig, output)
    return words
