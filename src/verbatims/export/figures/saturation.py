"""The saturation curve: new codes per interview, in the order the interviews were held."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from verbatims.export.figures.common import frame, new_figure, save


def draw(table: pd.DataFrame, output: Path, title: str, caption: str) -> None:
    """Bars for new codes per interview, a line for the cumulative number of codes."""
    fig = new_figure(4.2)
    ax = fig.add_axes((0.1, 0.34, 0.8, 0.56))
    n = len(table)
    xs = list(range(1, n + 1))
    ax.bar(xs, table["new_codes"], color="#9ecae1", edgecolor="#08519c", linewidth=0.6,
           label="nouveaux codes dans l'entretien", zorder=2)
    ax2 = ax.twinx()
    ax2.plot(xs, table["cumulative"], color="#08306b", marker="o", markersize=3.5, lw=1.4,
             label="codes distincts cumulés", zorder=3)
    ax.set_xlim(0.4, n + 0.6)
    ax.set_ylim(0, max(1, int(table["new_codes"].max() if n else 1)) * 1.15)
    ax2.set_ylim(0, max(1, int(table["cumulative"].max() if n else 1)) * 1.1)
    ax.set_xticks(xs)
    order_by = table.columns[2]
    labels = []
    for doc, when in zip(table["document"], table[order_by], strict=True):
        stem = Path(str(doc)).stem
        stem = stem if len(stem) <= 24 else stem[:23] + "…"
        labels.append(f"{stem}\n{when}" if when else stem)
    ax.set_xticklabels(labels, rotation=45, ha="right", rotation_mode="anchor", fontsize=6)
    ax.set_ylabel("nouveaux codes", fontsize=8)
    ax2.set_ylabel("codes distincts cumulés", fontsize=8)
    ax.grid(axis="y", color="#e0e0e0", lw=0.5, zorder=0)
    for side in ("top",):
        ax.spines[side].set_visible(False)
        ax2.spines[side].set_visible(False)
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="center right", fontsize=7, frameon=True, framealpha=0.9,
              edgecolor="none")
    frame(fig, title, caption)
    save(fig, output)
