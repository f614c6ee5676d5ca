"""The similitude graph as IRaMuTeQ draws it: the maximum spanning tree of the terms'
co-occurrences, laid out force-directed, communities as coloured halos.

Node discs and labels grow with the number of units holding the term; edges
thicken with the index and may carry its value. Halos are the rounded hull of
their community's terms, in light tints of distinct lightness that stay apart in
grayscale, each with a darker outline. Labels are pushed apart until none
overlaps another, so the picture can go into a report as it is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon
from matplotlib.text import Text

from verbatims.analysis.similitude import Similitude
from verbatims.export.figures.common import frame, new_figure, save
from verbatims.files import atomic_write
from verbatims.i18n import N_, _

# Tints for the halos, of clearly different lightness (they stay apart in grayscale),
# with the outline drawn darker in the same hue.
HALOS = ("#a6cee3", "#fdbf6f", "#b2df8a", "#cab2d6", "#fb9a99", "#ffff99", "#d9d9d9",
         "#8dd3c7", "#bebada", "#fccde5")
# Outlines of the halos: in grayscale the tints look alike, the strokes do not.
OUTLINES = ("-", "--", ":", "-.")
EDGES = {"cooc": N_("co-occurrence (units holding both terms)"),
         "jaccard": N_("Jaccard index (shared units / units holding either term)")}


def write_graph(sim: Similitude, output: Path, fmt: str) -> None:
    """GEXF or GraphML for Gephi: nodes with frequency, community and position."""
    import networkx as nx

    g = nx.Graph()
    for row in sim.nodes.itertuples(index=False):
        x, y = sim.positions.get(str(row.term), (0.0, 0.0))
        g.add_node(str(row.term), frequency=int(row.frequency), community=int(row.community),
                   x=float(x), y=float(y))
    for e in sim.edges.itertuples(index=False):
        g.add_edge(str(e.source), str(e.target), weight=float(e.weight),
                   cooccurrences=int(e.cooccurrences))
    writer = nx.write_gexf if fmt == "gexf" else nx.write_graphml
    with atomic_write(output) as tmp:
        writer(g, tmp)


def _hull(points: np.ndarray) -> np.ndarray:
    """The convex hull of 2-D points (Andrew's monotone chain), counter-clockwise."""
    pts = sorted(map(tuple, points.tolist()))
    if len(pts) <= 2:
        return np.array(pts)

    def cross(o: tuple[float, ...], a: tuple[float, ...], b: tuple[float, ...]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, ...]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, ...]] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return np.array(lower[:-1] + upper[:-1])


def _halo(ax: Axes, points: list[tuple[float, float]], pad: tuple[float, float],
          colour: str, style: str = "-") -> None:
    """A rounded hull around the points: the hull of small ellipses around each."""
    angles = np.linspace(0, 2 * math.pi, 24, endpoint=False)
    ring = np.column_stack((np.cos(angles) * pad[0], np.sin(angles) * pad[1]))
    cloud = np.vstack([ring + np.array(p) for p in points])
    hull = _hull(cloud)
    ax.add_patch(Polygon(hull, closed=True, facecolor=colour, alpha=0.45, edgecolor="none",
                         zorder=0))
    ax.add_patch(Polygon(hull, closed=True, facecolor="none", edgecolor=_darker(colour),
                         linewidth=0.9, linestyle=style, zorder=0.5))


def _darker(colour: str) -> str:
    from matplotlib.colors import to_hex, to_rgb

    r, g, b = to_rgb(colour)
    return to_hex((r * 0.55, g * 0.55, b * 0.55))


def _spread(fig: Figure, ax: Axes, labels: Mapping[str, Text],
            pos: dict[str, list[float]], iterations: int = 120) -> None:
    """Push overlapping labels (and their nodes) apart until none overlaps."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    inv = ax.transData.inverted()
    sizes = {}
    for term, text in labels.items():
        box = text.get_window_extent(renderer)
        (x0, y0), (x1, y1) = inv.transform([(box.x0, box.y0), (box.x1, box.y1)])
        sizes[term] = ((x1 - x0) * 1.2 / 2 + 0.006, (y1 - y0) * 1.5 / 2 + 0.004)
    terms = list(labels)
    (lo, hi) = ((ax.get_xlim()[0], ax.get_ylim()[0]), (ax.get_xlim()[1], ax.get_ylim()[1]))
    for _round in range(iterations):
        moved = False
        for i, a in enumerate(terms):
            for b in terms[i + 1:]:
                (ax_, ay), (bx, by) = pos[a], pos[b]
                wa, ha = sizes[a]
                wb, hb = sizes[b]
                dx, dy = bx - ax_, by - ay
                ox = wa + wb - abs(dx)
                oy = ha + hb - abs(dy)
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                if ox / (wa + wb) < oy / (ha + hb):  # push along the smaller overlap
                    step = ox / 2 + 1e-4
                    sign = 1.0 if dx >= 0 else -1.0
                    pos[a][0] -= sign * step
                    pos[b][0] += sign * step
                else:
                    step = oy / 2 + 1e-4
                    sign = 1.0 if dy >= 0 else -1.0
                    pos[a][1] -= sign * step
                    pos[b][1] += sign * step
        for term in terms:  # stay on the page
            w, h = sizes[term]
            pos[term][0] = min(max(pos[term][0], lo[0] + w), hi[0] - w)
            pos[term][1] = min(max(pos[term][1], lo[1] + h), hi[1] - h)
        if not moved:
            break


def draw(sim: Similitude, output: Path, title: str, caption: str,
         values: bool = False) -> None:
    """The graph as PNG or SVG, sized for an A4 page."""
    fig = new_figure(6.6)
    ax = fig.add_axes((0.02, 0.1, 0.96, 0.82))
    ax.axis("off")
    nodes = sim.nodes
    if nodes.empty:
        ax.text(0.5, 0.5, _("No two terms occur together: no graph to draw."), ha="center",
                transform=ax.transAxes)
        frame(fig, title, caption)
        save(fig, output)
        return
    raw = np.array([sim.positions[str(t)] for t in nodes["term"]])
    span = raw.max(axis=0) - raw.min(axis=0)
    span[span == 0] = 1.0
    scaled = (raw - raw.min(axis=0)) / span  # the layout fills the page
    ax.set_xlim(-0.08, 1.08)
    ax.set_ylim(-0.06, 1.06)
    pos = {str(t): [float(x), float(y)] for t, (x, y) in zip(nodes["term"], scaled, strict=True)}
    fmax = float(nodes["frequency"].max())
    fmin = float(nodes["frequency"].min())

    def grade(f: float) -> float:
        return 0.0 if fmax == fmin else (f - fmin) / (fmax - fmin)

    labels = {}
    for row in nodes.itertuples(index=False):
        size = 7.0 + 6.0 * math.sqrt(grade(float(row.frequency)))
        x, y = pos[str(row.term)]
        labels[str(row.term)] = ax.text(x, y, str(row.term), fontsize=size, ha="center",
                                        va="center", zorder=5, color="#111111")
    fig.canvas.draw()
    _spread(fig, ax, labels, pos, iterations=300)
    for term, text in labels.items():
        text.set_position((pos[term][0], pos[term][1]))
    xr = ax.get_xlim()[1] - ax.get_xlim()[0]
    yr = ax.get_ylim()[1] - ax.get_ylim()[0]
    communities: dict[int, list[str]] = {}
    for row in nodes.itertuples(index=False):
        communities.setdefault(int(row.community), []).append(str(row.term))
    for k, members in sorted(communities.items()):
        if k < 0:
            continue
        _halo(ax, [(pos[t][0], pos[t][1]) for t in members], (0.045 * xr, 0.045 * yr),
              HALOS[k % len(HALOS)], OUTLINES[k % len(OUTLINES)])
    wmax = float(sim.edges["weight"].max()) if len(sim.edges) else 1.0
    wmin = float(sim.edges["weight"].min()) if len(sim.edges) else 0.0
    for e in sim.edges.itertuples(index=False):
        (x1, y1), (x2, y2) = pos[str(e.source)], pos[str(e.target)]
        share = 0.0 if wmax == wmin else (float(e.weight) - wmin) / (wmax - wmin)
        ax.plot([x1, x2], [y1, y2], color="#4d4d4d", lw=0.5 + 3.0 * share, zorder=2,
                solid_capstyle="round")
        if values:
            shown = f"{e.weight:g}" if sim.index == "cooc" else f"{e.weight:.2f}"
            ax.text((x1 + x2) / 2, (y1 + y2) / 2, shown, fontsize=5.5, color="#333333",
                    ha="center", va="center", zorder=4,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                          "alpha": 0.85})
    for text in labels.values():  # the term is the vertex, as IRaMuTeQ draws it
        text.set_bbox({"boxstyle": "round,pad=0.15", "fc": "white", "ec": "#9e9e9e",
                       "lw": 0.4, "alpha": 0.9})
    frame(fig, title, caption)
    save(fig, output)
