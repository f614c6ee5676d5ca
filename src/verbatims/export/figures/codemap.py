"""The code map: one bubble per code, a row per theme, as the report's infographic.

Bubble area follows the number of codings (one scale for every theme); its
shade follows the share of the text the code covers, on a light-to-dark scale
that reads the same in grayscale. A label goes inside its bubble when it fits,
else above or below it, alternately, so neighbours never collide.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import ListedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from matplotlib.text import Text

from verbatims.export.figures.common import frame, new_figure, save

CMAP = "YlGnBu"


def _fits(fig: Figure, ax: Axes, text: Text, x: float, y: float, r: float) -> bool:
    """Whether a centred label fits inside the disc at (x, y) of radius r."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    box = text.get_window_extent(renderer)
    radius_px = float(ax.transData.transform((x + r, y))[0] - ax.transData.transform((x, y))[0])
    half_h = box.height / 2 + 1.5
    chord = 2 * math.sqrt(max(radius_px ** 2 - half_h ** 2, 0.0))
    return bool(box.width <= 0.92 * chord)


def draw(summary: pd.DataFrame, output: Path, title: str, caption: str) -> None:
    """One row of bubbles per theme, biggest first; labels alternate above and below."""
    data = summary[summary["codings"] > 0].copy()
    themes = list(dict.fromkeys(data["theme"])) or [""]
    row_h = 2.35  # data units per theme row; the largest bubble has radius 0.5
    gap = 0.12
    rows = []
    width = 6.0
    for theme in themes:
        part = data[data["theme"] == theme].sort_values(["codings", "name"],
                                                        ascending=[False, True])
        radii = [0.5 * math.sqrt(n / float(data["codings"].max())) for n in part["codings"]]
        span = sum(2 * r for r in radii) + gap * (len(radii) - 1)
        rows.append((theme, part, radii, span))
        width = max(width, span)
    unit_in = 0.96 * 6.7 / (width + 0.2)
    axes_h = row_h * len(rows) * unit_in
    fig = new_figure(axes_h + 1.5)
    fig_h = fig.get_figheight()
    ax = fig.add_axes((0.02, 0.95 / fig_h, 0.96, axes_h / fig_h))
    ax.axis("off")
    if data.empty:
        ax.text(0.5, 0.5, "Aucun code n'a encore de codage.", ha="center",
                transform=ax.transAxes)
        frame(fig, title, caption)
        save(fig, output)
        return
    cmax = max(float(data["coverage"].max()), 1e-9)
    norm = Normalize(0, cmax)
    # The palest tones vanish on white paper: keep the scale from 12 % to 97 %.
    cmap = ListedColormap(matplotlib.colormaps[CMAP](np.linspace(0.12, 0.97, 256)))
    ax.set_xlim(-0.1, width + 0.1)
    ax.set_ylim(-row_h * len(rows), 0.0)
    fig.canvas.draw()
    for k, (theme, part, radii, _span) in enumerate(rows):
        top = -k * row_h - 0.25
        cy = top - (row_h - 0.25) / 2
        ax.text(-0.05, top + 0.03, theme, ha="left", va="bottom", fontsize=9.5,
                fontweight="bold", color="#222222")
        ax.plot([-0.05, width + 0.05], [top, top], color="#bbbbbb", lw=0.6)
        x = (width - rows[k][3]) / 2
        side = -1
        for r, row in zip(radii, part.itertuples(index=False), strict=True):
            cx = x + r
            shade = float(norm(float(row.coverage)))
            ax.add_patch(Circle((cx, cy), r, facecolor=cmap(shade), edgecolor="#333333",
                                linewidth=0.6, zorder=3))
            label = f"{row.name} ({row.codings})"
            inside = ax.text(cx, cy, "\n".join(textwrap.wrap(label, 14, break_long_words=False)),
                             ha="center", va="center", fontsize=6.6, zorder=5,
                             color="white" if shade > 0.5 else "#111111", linespacing=1.0)
            if not _fits(fig, ax, inside, cx, cy, r):
                inside.remove()
                ty = cy + side * (r + 0.06)
                ax.text(cx, ty, "\n".join(textwrap.wrap(label, 13, break_long_words=False)),
                        ha="center", va="bottom" if side > 0 else "top", fontsize=6.3,
                        zorder=5, color="#111111", linespacing=1.0)
                side = -side
            x += 2 * r + gap
    bar_ax = fig.add_axes((0.3, 0.62 / fig_h, 0.4, 0.1 / fig_h))
    bar = fig.colorbar(ScalarMappable(norm=Normalize(0, cmax * 100), cmap=cmap),
                       cax=bar_ax, orientation="horizontal")
    bar.set_label("part du texte couverte par le code (%)", fontsize=7)
    bar.ax.tick_params(labelsize=6.5)
    frame(fig, title, caption)
    save(fig, output)
