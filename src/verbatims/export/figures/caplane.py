"""The plane of factors 1 and 2 of a correspondence analysis, as IRaMuTeQ's AFC draws it.

The values of the variable are black squares with their names in bold; the terms
that contribute most to the plane are small marks, each with the shape and colour
of the value it is most tied to (its largest ratio of observed to expected
count), so the reading survives grayscale; labels are repelled so none collides
(`repel`). The axes say the share of inertia of each factor. With two values
there is one factor only: the terms are then laid along it, in height by their
frequency, and the caption says so.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.text import Text

from verbatims.analysis.ca import TermsCA
from verbatims.export.figures.common import frame, new_figure, save
from verbatims.export.figures.repel import repel
from verbatims.i18n import _

MARKERS = ("o", "^", "s", "D", "v", "P", "X", "*", "<", ">")
COLOURS = ("#1f4e79", "#a63603", "#2e6e2e", "#6a3d9a", "#7f2704", "#01665e", "#8c510a",
           "#3f007d", "#525252", "#b2182b")


def nearest_value(ca: TermsCA) -> pd.Series:
    """Each term's value of largest ratio observed / expected (how it leans)."""
    counts = ca.counts.reindex(ca.ca.row_coords.index)
    expected = np.outer(counts.sum(axis=1), counts.sum(axis=0)) / counts.to_numpy().sum()
    ratio = counts.to_numpy() / np.where(expected > 0, expected, 1)
    return pd.Series(counts.columns[ratio.argmax(axis=1)], index=counts.index)


def percent(share: float) -> str:
    return f"{100 * share:.1f}".replace(".", ",") + " %"


def draw(ca: TermsCA, output: Path, title: str, caption: str, top: int = 40) -> None:
    """The factor plane (or the single factor) as PNG or SVG at A4 width."""
    fig, _labels = plane(ca, title, caption, top)
    save(fig, output)


def plane(ca: TermsCA, title: str, caption: str, top: int = 40) -> tuple[Figure, list[Text]]:
    """The figure and its labels (values and terms), placed."""
    height = 6.9
    fig = new_figure(height)
    lines = len(textwrap.wrap(caption, 125))  # the caption's height leaves room for the axis
    bottom = (0.55 + 0.13 * lines) / height
    ax = fig.add_axes((0.08, bottom, 0.9, 0.92 - bottom))
    coords = ca.ca.row_coords
    values = ca.ca.col_coords
    shares = ca.ca.shares
    two = "dim2" in coords.columns
    terms = ca.top_terms(top)
    lean = nearest_value(ca)
    style = {v: (MARKERS[i % len(MARKERS)], COLOURS[i % len(COLOURS)])
             for i, v in enumerate(values.index)}
    freq = ca.counts.sum(axis=1)
    if two:
        tx, ty = coords.loc[terms, "dim1"].to_numpy(), coords.loc[terms, "dim2"].to_numpy()
        vx, vy = values["dim1"].to_numpy(), values["dim2"].to_numpy()
    else:
        tx = coords.loc[terms, "dim1"].to_numpy()
        ty = np.log10(freq.reindex(terms).to_numpy().astype(float))
        vx = values["dim1"].to_numpy()
        vy = np.full(len(vx), float(ty.min()) - 0.25 if len(ty) else 0.0)
    xs = np.concatenate([tx, vx])
    ys = np.concatenate([ty, vy])
    span_x = float(xs.max() - xs.min()) or 1.0
    span_y = float(ys.max() - ys.min()) or 1.0
    ax.set_xlim(xs.min() - 0.12 * span_x, xs.max() + 0.12 * span_x)
    ax.set_ylim(ys.min() - 0.12 * span_y, ys.max() + 0.12 * span_y)
    ax.axvline(0, color="#999999", lw=0.6, ls="--", zorder=0)
    if two:
        ax.axhline(0, color="#999999", lw=0.6, ls="--", zorder=0)
    for term, x, y in zip(terms, tx, ty, strict=True):
        marker, colour = style[lean[term]]
        ax.scatter([x], [y], s=10, marker=marker, color=colour, zorder=3, linewidths=0)
    ax.scatter(vx, vy, s=38, marker="s", color="#111111", zorder=4)
    labels = []
    for term in terms:
        _m, colour = style[lean[term]]
        x, y = float(coords.loc[term, "dim1"]), 0.0
        labels.append(ax.text(x, y, term, fontsize=6.8, color=colour, zorder=5))
    for value, x, y in zip(values.index, vx, vy, strict=True):
        labels.append(ax.text(float(x), float(y), str(value), fontsize=8.5, fontweight="bold",
                              color="#111111", zorder=6,
                              bbox={"boxstyle": "round,pad=0.2", "fc": "white",
                                    "ec": "#111111", "lw": 0.6}))
    anchors = np.column_stack([np.concatenate([tx, vx]), np.concatenate([ty, vy])])
    for text, (x, y) in zip(labels, anchors, strict=True):
        text.set_position((float(x), float(y)))
    repel(fig, ax, labels, anchors, pad=(3.5, 1.8))
    ax.set_xlabel(_("Factor 1 ({share} of the inertia)").format(share=percent(shares[0])),
                  fontsize=8)
    if two:
        ax.set_ylabel(_("Factor 2 ({share} of the inertia)").format(share=percent(shares[1])),
                      fontsize=8)
    else:
        ax.set_ylabel(_("terms: frequency (log scale)"), fontsize=8)
        ax.set_yticks([])
    ax.tick_params(labelsize=6.5)
    handles = [ax.scatter([], [], marker=m, color=c, s=14) for m, c in style.values()]
    legend = ax.legend(handles, [_("leans to {value}").format(value=v) for v in style],
                       fontsize=6, loc="best", ncol=1, frameon=True, handletextpad=0.3,
                       framealpha=0.9, edgecolor="#bbbbbb")
    legend.set_zorder(10)
    frame(fig, title, caption)
    return fig, labels
