"""Word clouds that print: lemmatised terms, fixed seed, text kept as text.

wordcloud places the words (seeded, so the same input gives the same picture);
matplotlib then writes them as real text at those places, so the SVG is
vector, searchable and accented characters are those of the font, not pixels.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.font_manager as fm
from matplotlib.colors import to_hex, to_rgb
from PIL import Image
from wordcloud import WordCloud

from verbatims.analysis.terms import Frequencies
from verbatims.export.figures.common import A4_WIDTH_IN, frame, new_figure, save

SEED = 20230412
# The layout canvas: words are then drawn as vector text, so it need not be large.
WIDTH, HEIGHT = 1000, 625
# Dark blues of decreasing lightness: ranks stay distinct in grayscale.
SHADES = ("#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6")
UNCODED = "#737373"
GAP = "\u2588"


def readable(colour: str) -> str:
    """A code colour dark enough for text on white paper (yellows become ochre)."""
    r, g, b = to_rgb(colour)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    if luminance <= 0.55:
        return colour
    k = 0.55 / luminance
    return to_hex((r * k, g * k, b * k))


def _font() -> str:
    return str(fm.findfont("DejaVu Sans"))


def layout(freqs: Frequencies, colours: dict[str, str] | None = None) -> WordCloud:
    """The placed words (deterministic)."""
    # A space has no ink, so wordcloud would nest small words between the words of an
    # expression; a full block holds the gap during layout and is drawn as a space.
    values = {str(row.term).replace(" ", GAP): int(row.frequency)
              for row in freqs.table.itertuples(index=False)}
    ranked = sorted(values, key=lambda t: (-values[t], t))
    rank = {t: i for i, t in enumerate(ranked)}

    def colour(word: str, **_: object) -> str:
        word = word.replace(GAP, " ")
        if colours is not None:
            return readable(colours.get(freqs.by_code.get(word, ""), UNCODED))
        rank_of = rank.get(word.replace(" ", GAP), 0)
        return SHADES[min(len(SHADES) - 1, rank_of * len(SHADES) // max(len(ranked), 1))]

    cloud = WordCloud(font_path=_font(), width=WIDTH, height=HEIGHT, background_color="white",
                      random_state=SEED, prefer_horizontal=0.85, collocations=False,
                      max_words=len(values) or 1, min_font_size=12, max_font_size=120,
                      relative_scaling=0.5, margin=6, regexp=None, color_func=colour)
    cloud.generate_from_frequencies(values or {"—": 1})
    return cloud


def draw(freqs: Frequencies, output: Path, title: str, caption: str,
         colours: dict[str, str] | None = None) -> None:
    cloud = layout(freqs, colours)
    legend_in = 0.3 if colours else 0.0
    height_in = A4_WIDTH_IN * HEIGHT / WIDTH + 0.9 + legend_in
    fig = new_figure(height_in)
    top = 1 - 0.42 / height_in
    bottom = (0.45 + legend_in) / height_in
    ax = fig.add_axes((0.0, bottom, 1.0, top - bottom))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(HEIGHT, 0)
    ax.set_aspect("equal")
    ax.axis("off")
    # Points per layout pixel, from the axes' actual size on the page.
    box = ax.get_position()
    pt_per_px = min(box.width * fig.get_figwidth() / WIDTH,
                    box.height * fig.get_figheight() / HEIGHT) * 72
    for (word, _freq), size, (y, x), orientation, colour in cloud.layout_:
        vertical = orientation == Image.Transpose.ROTATE_90
        ax.text(x, y, word.replace(GAP, " "), fontsize=size * pt_per_px * 0.88, color=colour,
                family="DejaVu Sans", rotation=90 if vertical else 0, ha="left", va="top",
                rotation_mode="default")
    if colours:
        drawn = [w.replace(GAP, " ") for (w, _), *_ in cloud.layout_]
        used = sorted({freqs.by_code[w] for w in drawn if w in freqs.by_code})
        handles = [ax.scatter([], [], color=readable(colours[n]), s=30, label=n)
                   for n in used if n in colours]
        if handles:
            fig.legend(handles=handles, loc="lower center", fontsize=7, frameon=False,
                       ncol=min(5, len(handles)), bbox_to_anchor=(0.5, 0.42 / height_in))
    frame(fig, title, caption)
    save(fig, output)
