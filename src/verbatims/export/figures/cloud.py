"""Word clouds that print: lemmatised terms, fixed seed, text kept as text.

wordcloud places the words (seeded, so the same input gives the same picture);
matplotlib then writes them as real text at those places, so the SVG is
vector, searchable and accented characters are those of the font, not pixels.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.font_manager as fm
from PIL import Image
from wordcloud import WordCloud

from verbatims.analysis.terms import Frequencies
from verbatims.export.figures.common import A4_WIDTH_IN, frame, new_figure, save

SEED = 20230412
WIDTH, HEIGHT = 1600, 1000
# Dark blues of decreasing lightness: ranks stay distinct in grayscale.
SHADES = ("#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6")
UNCODED = "#737373"


def _font() -> str:
    return str(fm.findfont("DejaVu Sans"))


def layout(freqs: Frequencies, colours: dict[str, str] | None = None) -> WordCloud:
    """The placed words (deterministic)."""
    values = {row.term: int(row.frequency) for row in freqs.table.itertuples(index=False)}
    ranked = sorted(values, key=lambda t: (-values[t], t))
    rank = {t: i for i, t in enumerate(ranked)}

    def colour(word: str, **_: object) -> str:
        if colours is not None:
            return colours.get(freqs.by_code.get(word, ""), UNCODED)
        return SHADES[min(len(SHADES) - 1, rank.get(word, 0) * len(SHADES) // max(len(ranked), 1))]

    cloud = WordCloud(font_path=_font(), width=WIDTH, height=HEIGHT, background_color="white",
                      random_state=SEED, prefer_horizontal=0.85, collocations=False,
                      max_words=len(values) or 1, min_font_size=10, max_font_size=190,
                      relative_scaling=0.5, margin=6, regexp=None, color_func=colour)
    cloud.generate_from_frequencies(values or {"—": 1})
    return cloud


def draw(freqs: Frequencies, output: Path, title: str, caption: str,
         colours: dict[str, str] | None = None) -> None:
    cloud = layout(freqs, colours)
    height_in = A4_WIDTH_IN * HEIGHT / WIDTH + 0.9
    fig = new_figure(height_in)
    top = 1 - 0.42 / height_in
    bottom = 0.45 / height_in
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
        ax.text(x, y, word, fontsize=size * pt_per_px * 0.97, color=colour, family="DejaVu Sans",
                rotation=90 if vertical else 0, ha="left", va="top",
                rotation_mode="default")
    if colours:
        used = sorted({freqs.by_code[w] for (w, _), *_ in cloud.layout_ if w in freqs.by_code})
        handles = [ax.scatter([], [], color=colours[n], s=30, label=n) for n in used
                   if n in colours]
        if handles:
            fig.legend(handles=handles, loc="lower right", fontsize=7, frameon=False,
                       ncol=min(4, len(handles)), bbox_to_anchor=(0.99, 0.04))
    frame(fig, title, caption)
    save(fig, output)
