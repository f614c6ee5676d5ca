"""The map of the terms associated with a pivot, as the reference study drew it by hand.

The pivot sits at the centre. Each term is a disc whose area follows its
frequency in the corpus; the stronger its association with the pivot, the
closer it sits and the thicker its spoke. The maximum spanning tree of the
terms' co-occurrences (as IRaMuTeQ's similitude analysis finds it) decides
which terms sit side by side around the circle; it is not drawn here, where its
links would cross the star (`verbatims similitude` draws it as a graph). Terms
under the significance threshold (only with --all) are hollow grey discs.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from verbatims.analysis.cooc import Association
from verbatims.analysis.similitude import maximum_spanning_forest, tree_order
from verbatims.export.figures.common import frame, new_figure, save
from verbatims.files import atomic_write
from verbatims.i18n import N_, _, language, ngettext

if TYPE_CHECKING:
    import networkx as nx

MEASURE_NAMES = {
    "specificity": N_("specificity (hypergeometric law, Lafon)"),
    "loglik": N_("log-likelihood (G², Dunning)"),
}


def _similitude(assoc: Association) -> list[tuple[str, str, float]]:
    terms = set(assoc.table["term"])
    edges = [(str(e.source), str(e.target), float(e.weight))
             for e in assoc.edges.itertuples(index=False)
             if e.source in terms and e.target in terms]
    return maximum_spanning_forest(assoc.table["term"], edges)


def graph(assoc: Association) -> nx.Graph:
    """Pivot, terms (frequency, score) and links: pivot spokes and the similitude tree."""
    import networkx as nx  # only for the Gephi exports

    g = nx.Graph()
    g.add_node(assoc.pivot, kind="pivot", frequency=0, cooccurrences=0, score=0.0)
    for row in assoc.table.itertuples(index=False):
        g.add_node(row.term, kind="term", frequency=int(row.frequency),
                   cooccurrences=int(row.cooccurrences), score=float(row.score),
                   significant=bool(row.significant))
        g.add_edge(assoc.pivot, row.term, kind="pivot", weight=float(row.score))
    for a, b, w in _similitude(assoc):
        g.add_edge(a, b, kind="similitude", weight=w)
    return g


def write_graph(assoc: Association, output: Path, fmt: str) -> None:
    import networkx as nx

    g = graph(assoc)
    with atomic_write(output) as tmp:
        if fmt == "gexf":
            nx.write_gexf(g, tmp)
        else:
            nx.write_graphml(g, tmp)


def _angles(assoc: Association) -> dict[str, float]:
    """Terms around the circle in the order of the similitude tree, evenly spaced."""
    order = tree_order(list(assoc.table["term"]), _similitude(assoc))
    n = max(len(order), 1)
    return {t: math.pi / 2 - 2 * math.pi * i / n for i, t in enumerate(order)}


def _disc_area(frequency: float, fmax: float) -> float:
    return 30 + 480 * math.sqrt(frequency / fmax)


def _place(fig: Figure, ax: Axes, table: pd.DataFrame, angles: dict[str, float],
           strength: dict[str, float], fmax: float, taken: list[Bbox]
           ) -> dict[str, tuple[float, float, Text]]:
    """Strongest terms first: each at its radius, at the free angle nearest its own.

    A term's disc and label must not overlap anything placed before (or the
    pivot); if no angle is free at its radius, it moves a little outwards.
    """
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    px_per_pt = fig.dpi / 72
    px_per_unit = float(ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0])
    placed: dict[str, tuple[float, float, Text]] = {}
    for row in table.itertuples(index=False):
        term = str(row.term)
        s = strength[term]
        size = 6.8 + 4.0 * math.sqrt(row.frequency / fmax)
        label = ax.text(0, 0, term, fontsize=size, va="center", zorder=5, color="#111111",
                        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                              "alpha": 0.8})
        disc_r = math.sqrt(_disc_area(row.frequency, fmax) / math.pi) * px_per_pt
        want = angles[term]
        radius = 0.5 + 0.5 * (1 - s)
        done = False
        for grow in range(12):
            r = radius + 0.06 * grow
            for k in range(0, 91):
                for sign in ((1,) if k == 0 else (1, -1)):
                    a = want + sign * math.radians(2 * k)
                    x, y = 1.3 * r * math.cos(a), 1.05 * r * math.sin(a)
                    cx, cy = ax.transData.transform((x, y))
                    pad = disc_r * 1.12
                    disc = Bbox.from_extents(cx - pad, cy - pad, cx + pad, cy + pad)
                    gap = disc_r / px_per_unit + 0.025
                    right = math.cos(a) >= 0
                    label.set_horizontalalignment("left" if right else "right")
                    label.set_position((x + (gap if right else -gap), y))
                    box = label.get_window_extent(renderer).expanded(1.06, 1.15)
                    inside = ax.get_window_extent(renderer)
                    if not (inside.x0 <= min(box.x0, disc.x0) and max(box.x1, disc.x1)
                            <= inside.x1 and inside.y0 <= min(box.y0, disc.y0)
                            and max(box.y1, disc.y1) <= inside.y1):
                        continue
                    if any(b.overlaps(disc) or b.overlaps(box) for b in taken):
                        continue
                    taken.extend([disc, box])
                    placed[term] = (x, y, label)
                    done = True
                    break
                if done:
                    break
            if done:
                break
        if not done:  # nowhere free: keep the preferred place rather than drop the term
            x, y = 1.3 * radius * math.cos(want), 1.05 * radius * math.sin(want)
            label.set_position((x + 0.04, y))
            placed[term] = (x, y, label)
    return placed


def p_of(measure: str, threshold: float) -> str:
    """The probability a threshold stands for, written for a caption ("0,01")."""
    from verbatims.analysis.measures import p_value

    value = p_value(measure, threshold)
    text = f"{value:.2g}" if value >= 0.001 else f"{value:.1e}"
    return text.replace(".", ",") if language() == "fr" else text


def title_of(assoc: Association) -> str:
    """"significantly associated" only when every drawn term is."""
    significant = bool(assoc.table["significant"].all()) if len(assoc.table) else False
    if assoc.kind == "code":
        name = assoc.pivot.removeprefix("code « ").removesuffix(" »")
        return (_("Terms significantly associated with the code « {name} »") if significant
                else _("Terms most associated with the code « {name} »")).format(name=name)
    return (_("Terms and expressions significantly associated with « {pivot} »")
            if significant else _("Terms and expressions most associated with « {pivot} »")
            ).format(pivot=assoc.pivot)


def caption(assoc: Association, scope: str = "") -> str:
    """What was counted, with which measure and threshold, and how many terms passed."""
    measure = _(MEASURE_NAMES.get(assoc.measure, assoc.measure))
    n = len(assoc.table)
    shown = int(assoc.table["significant"].sum()) if n else 0
    parts = [ngettext(
        "{passed} term of {over} over-represented reaches the significance threshold, score "
        "≥ {threshold:g} (p < {p}), with the measure {measure}",
        "{passed} terms of {over} over-represented reach the significance threshold, score "
        "≥ {threshold:g} (p < {p}), with the measure {measure}", assoc.passed).format(
        passed=assoc.passed, over=assoc.over, threshold=assoc.threshold,
        p=p_of(assoc.measure, assoc.threshold), measure=measure)]
    if assoc.all_terms and shown < n:
        parts.append(_("drawn: the {n} best, the {k} below the threshold as hollow grey discs")
                     .format(n=n, k=n - shown))
    elif n < assoc.passed:
        parts.append(_("drawn: the {n} best").format(n=n))
    text = " ; ".join(parts) + ". "
    text += _("Context: {part}, out of {units} respondents' sentences in {documents} "
              "interviews{scope}.").format(part=assoc.part_label, units=assoc.units,
                                           documents=assoc.documents, scope=scope)
    if assoc.excluded:
        text += " " + _("Left out as the {what}'s own words or the question's: {words}.").format(
            what=_("code") if assoc.kind == "code" else _("pivot"),
            words=", ".join(assoc.excluded[:12]) + ("…" if len(assoc.excluded) > 12 else ""))
    text += " " + _("Disc area: the term's frequency in the corpus; closeness to the centre and "
                    "spoke width: strength of the association.")
    return text


def draw(assoc: Association, output: Path, title: str | None = None,
         caption_text: str | None = None) -> None:
    """The map as PNG or SVG: the pivot at the centre, one spoke per term."""
    table = assoc.table
    fig = new_figure(6.3)
    ax = fig.add_axes((0.0, 0.08, 1.0, 0.85))
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_xlim(-1.62, 1.62)
    ax.set_ylim(-1.13, 1.13)
    angles = _angles(assoc)
    scores = table["score"].to_numpy(dtype=float)
    freqs = table["frequency"].to_numpy(dtype=float)
    smax, smin = (scores.max(), scores.min()) if len(scores) else (1.0, 0.0)
    fmax = freqs.max() if len(freqs) else 1.0
    strength = {str(row.term): (row.score - smin) / (smax - smin) if smax > smin else 1.0
                for row in table.itertuples(index=False)}
    significant = {str(row.term): bool(row.significant) for row in table.itertuples(index=False)}
    centre = ax.text(0, 0, assoc.pivot, fontsize=12, fontweight="bold", ha="center",
                     va="center", color="white", zorder=6,
                     bbox={"boxstyle": "round,pad=0.45", "fc": "#08306b", "ec": "none"})
    ax.apply_aspect()  # final axes position, without a full draw
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    taken = [centre.get_window_extent(renderer).expanded(1.08, 1.5)]
    (lx0, ly0), (lx1, ly1) = ax.transData.transform([(1.08, -1.13), (1.62, -0.58)])
    taken.append(Bbox.from_extents(lx0, ly0, lx1, ly1))  # the frequency legend
    placed = _place(fig, ax, table, angles, strength, fmax, taken)
    pos = {t: (x, y) for t, (x, y, _label) in placed.items()}
    cmap = matplotlib.colormaps["Blues"]
    for term, (x, y) in pos.items():
        s = strength[term]
        if significant[term]:
            ax.plot([0, x], [0, y], color=cmap(0.45 + 0.5 * s), lw=0.6 + 3.4 * s, zorder=2,
                    solid_capstyle="round")
        else:
            ax.plot([0, x], [0, y], color="#9e9e9e", lw=0.5, ls=(0, (3, 2)), zorder=2)
    for row in table.itertuples(index=False):
        x, y = pos[row.term]
        s = strength[row.term]
        if significant[row.term]:
            ax.scatter([x], [y], s=_disc_area(row.frequency, fmax), color=cmap(0.3 + 0.65 * s),
                       edgecolor="#08306b", linewidth=0.6, zorder=3)
        else:
            ax.scatter([x], [y], s=_disc_area(row.frequency, fmax), color="white",
                       edgecolor="#757575", linewidth=0.8, linestyle="--", zorder=3)
            placed[row.term][2].set_color("#616161")
            placed[row.term][2].set_fontstyle("italic")
    _legend(ax, table, fmax, not all(significant.values()))
    frame(fig, title or title_of(assoc), caption_text or caption(assoc))
    save(fig, output)


def _legend(ax: Axes, table: pd.DataFrame, fmax: float, hollow: bool) -> None:
    """Three reference discs for frequency, bottom right; the hollow disc explained."""
    if table.empty:
        return
    steps = sorted({int(v) for v in np.quantile(table["frequency"], [0.1, 0.5, 1.0])})
    x = 1.18
    for i, f in enumerate(steps):
        y = -0.72 - 0.125 * i
        ax.scatter([x], [y], s=_disc_area(f, fmax), color="white",
                   edgecolor="#08306b", linewidth=0.6, zorder=3)
        ax.text(x + 0.09, y, _("{n} occ.").format(n=f), fontsize=6.5, va="center")
    ax.text(x - 0.06, -0.74 + 0.1, _("frequency"), fontsize=6.5, va="center")
    if hollow:
        y = -0.72 - 0.125 * len(steps)
        ax.scatter([x], [y], s=_disc_area(steps[0], fmax), color="white", edgecolor="#757575",
                   linewidth=0.8, linestyle="--", zorder=3)
        ax.text(x + 0.09, y, _("not significant"), fontsize=6.5, va="center", color="#616161",
                fontstyle="italic")
