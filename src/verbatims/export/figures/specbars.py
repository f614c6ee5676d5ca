"""Specificities as IRaMuTeQ draws them: for each value, a bar per term, its score.

One panel per value of the variable: its most over-used terms at the top (bars to
the right), its most under-used at the bottom (bars to the left), dashed lines at
±2 (p = 0.01). Significant bars are dark, the others light grey with an outline,
so the page reads the same printed in black and white.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from verbatims.analysis.specificities import Specificities
from verbatims.export.figures.common import A4_WIDTH_IN, frame, new_figure, save
from verbatims.i18n import _, ngettext

OVER = "#2b4c7e"  # dark: stays dark in grayscale
UNDER = "#8c2d2d"
LIGHT = "#d9d9d9"
THRESHOLD = 2.0


def panels(spec: Specificities, over: int, under: int) -> dict[str, pd.DataFrame]:
    """For each value, the terms drawn: the `over` best scores, then the `under` lowest."""
    out = {}
    for value in spec.groups.values:
        rows = spec.table[spec.table["value"] == value]
        top = rows[rows["score"] > 0].nlargest(over, "score")
        low = rows[rows["score"] < 0].nsmallest(under, "score").iloc[::-1]
        out[value] = pd.concat([top, low])
    return out


def draw(spec: Specificities, output: Path, title: str, caption: str, over: int = 12,
         under: int = 6) -> None:
    """The bar charts, one per value, as PNG or SVG at A4 width."""
    chosen = panels(spec, over, under)
    n = len(chosen)
    cols = 1 if n == 1 else 2 if n <= 4 else 3
    rows = math.ceil(n / cols)
    per = max(len(p) for p in chosen.values()) or 1
    panel_h = 0.16 * per + 0.5
    height = min(9.6, panel_h * rows + 1.3)
    fig = new_figure(height)
    width = A4_WIDTH_IN
    label_room = 1.05 if cols == 3 else 1.25  # inches for the terms on the left
    left_margin, right_margin, gap = 0.05, 0.03, 0.04
    cell_w = (1 - left_margin - right_margin - gap * (cols - 1)) / cols
    top, bottom = 1 - 0.55 / height, 0.75 / height
    cell_h = (top - bottom) / rows
    size = 6.3 if cols == 3 else 7.0
    for i, (value, rows_drawn) in enumerate(chosen.items()):
        r, c = divmod(i, cols)
        x0 = left_margin + c * (cell_w + gap) + label_room / width
        ax = fig.add_axes((x0, top - (r + 1) * cell_h + 0.32 / height,
                           cell_w - label_room / width, cell_h - 0.62 / height))
        scores = rows_drawn["score"].astype(float).tolist()
        terms = rows_drawn["term"].astype(str).tolist()
        ys = list(range(len(scores)))[::-1]
        colours = [(OVER if s > 0 else UNDER) if abs(s) >= THRESHOLD else LIGHT for s in scores]
        ax.barh(ys, scores, color=colours, edgecolor=["none" if abs(s) >= THRESHOLD
                                                      else "#777777" for s in scores],
                linewidth=0.5, height=0.72)
        ax.set_yticks(ys, [t if len(t) <= 24 else t[:23] + "…" for t in terms], fontsize=size)
        limit = max([abs(s) for s in scores] + [THRESHOLD * 1.25])
        shown = min(limit, 50.0)
        ax.set_xlim(-shown * 1.08, shown * 1.08)
        for s, y in zip(scores, ys, strict=True):
            if abs(s) > shown:  # a score beyond the axis: its value is written
                ax.text(math.copysign(shown * 1.02, s), y, f"{s:.0f}", fontsize=5.5,
                        va="center", ha="right" if s > 0 else "left", color="white")
        for x in (-THRESHOLD, THRESHOLD):
            ax.axvline(x, color="#555555", lw=0.6, ls="--", zorder=0)
        ax.axvline(0, color="#222222", lw=0.6)
        ax.tick_params(axis="x", labelsize=6)
        ax.tick_params(axis="y", length=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        docs = spec.documents[value]
        counts = (ngettext("{docs} interview, {terms} terms", "{docs} interviews, {terms} terms",
                           docs).format(docs=docs, terms=spec.sizes[value])
                  if spec.groups.by != ("document",) else
                  _("{terms} terms").format(terms=spec.sizes[value]))
        ax.text(-label_room / (cell_w * width - label_room), 1.0, value, fontsize=7.5,
                fontweight="bold", transform=ax.transAxes, ha="left", va="bottom")
        ax.text(1.0, 1.0, counts, fontsize=6.2, color="#444444", transform=ax.transAxes,
                ha="right", va="bottom")
        if not scores:
            ax.text(0.5, 0.5, _("no term"), transform=ax.transAxes, ha="center", fontsize=7)
        if r == rows - 1 or i + cols >= n:
            ax.set_xlabel(_("score (±log₁₀ p)") if cols == 3 else
                          _("specificity score (±log₁₀ p)"), fontsize=6.5)
    frame(fig, title, caption)
    save(fig, output)
