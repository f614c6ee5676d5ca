"""The code map: one bubble per code, a row per theme, as the report's infographic.

Bubble area follows the number of codings (one scale for every theme, read on
the size legend); its shade follows the share of the text the code covers, on
a light-to-dark scale that reads the same in grayscale. The code tree shows:
each theme is a row, in the codebook's order, and a sub-theme with codes of its
own sits in a grey frame with them. A label goes inside its bubble when it
fits, else above or below it, alternately, so neighbours never collide.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import ListedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch
from matplotlib.text import Text

from verbatims.export.figures.common import frame, new_figure, save
from verbatims.i18n import _

CMAP = "YlGnBu"
GAP = 0.1  # between bubbles of one family, in data units (the largest radius is 0.5)
FAMILY_GAP = 0.26  # between families
FRAME = 0.07  # the grey frame's margin around a family's bubbles


def _fits(fig: Figure, ax: Axes, text: Text, x: float, y: float, r: float) -> bool:
    """Whether a centred label fits inside the disc at (x, y) of radius r."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    box = text.get_window_extent(renderer)
    radius_px = float(ax.transData.transform((x + r, y))[0] - ax.transData.transform((x, y))[0])
    half_h = box.height / 2 + 1.5
    chord = 2 * math.sqrt(max(radius_px ** 2 - half_h ** 2, 0.0))
    return bool(box.width <= 0.92 * chord)


def _keep_inside(fig: Figure, ax: Axes, text: Text) -> None:
    """Move a label sideways so that it does not run off the figure's edge."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    box, frame_box = text.get_window_extent(renderer), ax.get_window_extent(renderer)
    shift = min(0.0, frame_box.x1 - box.x1) or max(0.0, frame_box.x0 - box.x0)
    if shift:
        x, y = text.get_position()
        dx = ax.transData.inverted().transform((shift, 0))[0] - ax.transData.inverted(
        ).transform((0, 0))[0]
        text.set_position((x + dx, y))


def _families(part: pd.DataFrame) -> list[list[Any]]:
    """The theme's codes (rows of the summary) in codebook order, grouped by sub-theme.

    A code at the theme's level is a family of its own; a sub-theme and the codes
    under it are one family (whether or not the sub-theme itself has codings).
    """
    groups: dict[str, list[Any]] = {}
    for row in part.itertuples(index=False):
        parts = str(row.code).split("/")
        key = parts[1] if len(parts) > 1 else ""
        groups.setdefault(key if key else f"\x00{row.code}", []).append(row)
    return list(groups.values())


def _steps(cmax: float) -> list[int]:
    """Three round numbers of codings for the size legend: the largest round number up to
    the most coded code, then about a quarter and a sixteenth of it."""
    nice = sorted({m * 10 ** e for e in range(0, 6) for m in (1, 2, 5)})
    top = max([n for n in nice if n <= cmax] or [1])
    picks = [top]
    for share in (4, 16):
        near = min(nice, key=lambda n: abs(math.log(n) - math.log(max(top / share, 1))))
        if near < picks[-1]:
            picks.append(near)
    return sorted(set(picks))


def draw(summary: pd.DataFrame, output: Path, title: str, caption: str) -> None:
    """One row of bubbles per theme, in codebook order, sub-themes framed with their codes."""
    data = summary[summary["codings"] > 0].copy()
    themes = list(dict.fromkeys(data["theme"])) or [""]
    cmax_codings = float(data["codings"].max()) if not data.empty else 1.0

    def radius(n: float) -> float:
        return 0.5 * math.sqrt(n / cmax_codings)

    row_h = 2.35  # data units per theme row
    legend_h = 1.45
    rows = []
    width = 6.0
    for theme in themes:
        part = data[data["theme"] == theme]
        families = [[(radius(float(r.codings)), r) for r in fam] for fam in _families(part)]
        span = sum(sum(2 * r for r, _row in fam) + GAP * (len(fam) - 1) for fam in families)
        span += FAMILY_GAP * (len(families) - 1)
        rows.append((theme, families, span))
        width = max(width, span)
    unit_in = 0.96 * 6.7 / (width + 0.2)
    axes_h = (row_h * len(rows) + legend_h) * unit_in
    fig = new_figure(axes_h + 1.1)
    fig_h = fig.get_figheight()
    ax = fig.add_axes((0.02, 0.62 / fig_h, 0.96, axes_h / fig_h))
    ax.axis("off")
    if data.empty:
        ax.text(0.5, 0.5, _("No code has a coding yet."), ha="center", transform=ax.transAxes)
        frame(fig, title, caption)
        save(fig, output)
        return
    cmax = max(float(data["coverage"].max()), 1e-9)
    norm = Normalize(0, cmax)
    # The palest tones vanish on white paper: keep the scale from 12 % to 97 %.
    cmap = ListedColormap(matplotlib.colormaps[CMAP](np.linspace(0.12, 0.97, 256)))
    ax.set_xlim(-0.1, width + 0.1)
    ax.set_ylim(-row_h * len(rows) - legend_h, 0.0)
    fig.canvas.draw()
    for k, (theme, families, span) in enumerate(rows):
        top = -k * row_h - 0.25
        cy = top - (row_h - 0.25) / 2
        ax.text(-0.05, top + 0.03, theme, ha="left", va="bottom", fontsize=9.5,
                fontweight="bold", color="#222222")
        ax.plot([-0.05, width + 0.05], [top, top], color="#bbbbbb", lw=0.6)
        x = (width - span) / 2
        side = -1
        for family in families:
            start = x
            rmax = max(r for r, _row in family)
            for r, row in family:
                cx = x + r
                shade = float(norm(float(row.coverage)))
                ax.add_patch(Circle((cx, cy), r, facecolor=cmap(shade), edgecolor="#333333",
                                    linewidth=0.6, zorder=3))
                label = f"{row.name} ({row.codings})"
                inside = ax.text(cx, cy, "\n".join(textwrap.wrap(label, 14,
                                                                 break_long_words=False)),
                                 ha="center", va="center", fontsize=6.6, zorder=5,
                                 color="white" if shade > 0.5 else "#111111", linespacing=1.0)
                if not _fits(fig, ax, inside, cx, cy, r):
                    inside.remove()
                    ty = cy + side * (max(r, 0.12) + 0.06)
                    outside = ax.text(cx, ty, "\n".join(textwrap.wrap(label, 13,
                                                                      break_long_words=False)),
                                      ha="center", va="bottom" if side > 0 else "top",
                                      fontsize=6.3, zorder=5, color="#111111", linespacing=1.0)
                    _keep_inside(fig, ax, outside)
                    side = -side
                x += 2 * r + GAP
            x -= GAP
            if len(family) > 1:  # a sub-theme with its codes: framed together
                ax.add_patch(FancyBboxPatch(
                    (start - FRAME, cy - rmax - FRAME), x - start + 2 * FRAME,
                    2 * (rmax + FRAME), boxstyle="round,pad=0,rounding_size=0.12",
                    facecolor="#f2f2f2", edgecolor="#c4c4c4", linewidth=0.6, zorder=1))
            x += FAMILY_GAP
    _size_legend(ax, radius, cmax_codings, -row_h * len(rows) - legend_h / 2)
    bar_ax = fig.add_axes((0.55, (0.62 + 0.55 * legend_h * unit_in) / fig_h, 0.38,
                           0.1 / fig_h))
    bar = fig.colorbar(ScalarMappable(norm=Normalize(0, cmax * 100), cmap=cmap),
                       cax=bar_ax, orientation="horizontal")
    bar.set_label(_("share of the text the code covers (%)"), fontsize=7)
    bar.ax.tick_params(labelsize=6.5)
    frame(fig, title, caption)
    save(fig, output)


def _size_legend(ax: Axes, radius: Callable[[float], float], cmax: float, cy: float) -> None:
    """Three reference bubbles, bottom left: how many codings a bubble's size means."""
    steps = _steps(cmax)
    x = 0.05
    top = cy + max(float(radius(n)) for n in steps) + 0.08
    ax.text(0.0, top, _("codings of the code (bubble area)"), fontsize=7, ha="left",
            va="bottom", color="#222222")
    for n in steps:
        r = float(radius(n))
        ax.add_patch(Circle((x + r, cy), r, facecolor="white", edgecolor="#333333",
                            linewidth=0.6, zorder=3))
        ax.text(x + r, cy - r - 0.05, str(n), ha="center", va="top", fontsize=6.5)
        x += 2 * r + 0.35
