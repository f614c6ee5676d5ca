"""The saturation curve: new codes per interview, in the order the interviews were held.

Bars (codes used for the first time in that interview) and the line (distinct
codes so far) share one y scale, so the bars' heights add up to the line; the
interviews are named briefly (E1…En, or an attribute) under an axis title.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from verbatims.export.figures.common import frame, new_figure, save
from verbatims.i18n import _

DENSE = 40  # interviews beyond which not each one is labelled and counted


def draw(table: pd.DataFrame, output: Path, title: str, caption: str, axis: str) -> None:
    """`table` has the columns label, new_codes and cumulative, one row per interview."""
    save(figure(table, title, caption, axis), output)


def figure(table: pd.DataFrame, title: str, caption: str, axis: str) -> Figure:
    """The saturation chart; its legend sits above the plot, where no bar, point or
    count can be under it (the curve climbs in the upper left corner)."""
    n = len(table)
    long_labels = max((len(str(v)) for v in table["label"]), default=0) > 6
    fig = new_figure(4.4 if long_labels else 3.9)
    bottom = 0.36 if long_labels else 0.27
    ax = fig.add_axes((0.085, bottom, 0.895, 0.88 - bottom))
    xs = list(range(1, n + 1))
    ax.bar(xs, table["new_codes"], width=0.62, color="#9ecae1", edgecolor="#08519c",
           linewidth=0.6, label=_("new codes in the interview"), zorder=2)
    # Past DENSE interviews a label or a count under every one would be a black band (and
    # minutes to draw for 2,000): the counts where the curve rises, a label every `step`.
    dense = n > DENSE
    step = -(-n // (DENSE // 2)) if dense else 1
    ax.plot(xs, table["cumulative"], color="#08306b", marker="" if dense else "o",
            markersize=3.5, lw=1.4, label=_("distinct codes so far"), zorder=3)
    for x, y, new in zip(xs, table["cumulative"], table["new_codes"], strict=True):
        if dense and not new:
            continue
        ax.annotate(str(int(y)), (x, y), textcoords="offset points", xytext=(0, 4),
                    ha="center", fontsize=6.5, color="#08306b")
    ax.set_xlim(0.4, n + 0.6)
    top = max(1, int(table["cumulative"].max()) if n else 1)
    ax.set_ylim(0, top * 1.14)
    ticks = xs[::step]
    ax.set_xticks(ticks)
    labels = ["\n".join(textwrap.wrap(str(v), 14, break_long_words=False)) or "?"
              for v in list(table["label"])[::step]]
    ax.set_xticklabels(labels, fontsize=7 if not long_labels else 6.3,
                       rotation=0 if not long_labels or n <= 6 else 35,
                       ha="center" if not long_labels or n <= 6 else "right",
                       rotation_mode="anchor")
    ax.tick_params(axis="y", labelsize=7)
    ax.set_xlabel(axis, fontsize=8)
    ax.set_ylabel(_("codes"), fontsize=8)
    ax.grid(axis="y", color="#e0e0e0", lw=0.5, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize=7,
              frameon=False, borderaxespad=0.3)
    frame(fig, title, caption)
    return fig
