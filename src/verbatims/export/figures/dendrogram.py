"""Reinert's classes as IRaMuTeQ draws them: the tree of the classes, and under each
class its share of the segments and its most specific terms, larger by χ².

Each class has a column: a tinted header with its number and share, then its
terms in a dark shade of its colour, sized by χ² (the strongest largest). Tints
are of distinct lightness and every header carries its number, so classes stay
apart in grayscale.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.patches import FancyBboxPatch

from verbatims.analysis.chd import Classification, Node
from verbatims.export.figures.common import frame, new_figure, save
from verbatims.i18n import _

TINTS = ("#c6dbef", "#fdd0a2", "#c7e9c0", "#dadaeb", "#fcbba1", "#d9f0a3", "#e0e0e0",
         "#a6d8d4", "#f2d7ee", "#fee391")
SHADES = ("#08306b", "#7f2704", "#00441b", "#3f007d", "#67000d", "#3d5a00", "#252525",
          "#014636", "#6e016b", "#662506")


def leaves(node: Node | None) -> list[int]:
    if node is None:
        return []
    if isinstance(node, int):
        return [node]
    return leaves(node[0]) + leaves(node[1])


def depth(node: Node | None) -> int:
    if node is None or isinstance(node, int):
        return 0
    return 1 + max(depth(node[0]), depth(node[1]))


def _tree(ax: Axes, node: Node, x: dict[int, float], levels: int) -> tuple[float, float]:
    """Draw the branches below `node`; return where its top is (x, height)."""
    if isinstance(node, int):
        return x[node], 0.0
    (xa, ha), (xb, hb) = _tree(ax, node[0], x, levels), _tree(ax, node[1], x, levels)
    h = float(max(ha, hb) + 1)
    for xc, hc in ((xa, ha), (xb, hb)):
        ax.plot([xc, xc], [hc, h], color="#333333", lw=0.9)
    ax.plot([xa, xb], [h, h], color="#333333", lw=0.9)
    return (xa + xb) / 2, h


def draw(res: Classification, output: Path, title: str, caption: str, terms: int = 12
         ) -> None:
    """The dendrogram with each class's top terms, as PNG or SVG at A4 width."""
    order = leaves(res.dendrogram) or list(range(1, res.k + 1))
    k = len(order)
    shown = max([len(res.top_terms(c, terms)) for c in order] + [1])
    height = min(9.0, 3.4 + 0.19 * shown)
    fig = new_figure(height)
    tree_h = 1.35 / height
    top_ax = fig.add_axes((0.03, 1 - 0.55 / height - tree_h, 0.94, tree_h))
    top_ax.axis("off")
    width = 1.0 / max(k, 1)
    x = {cls: (i + 0.5) * width for i, cls in enumerate(order)}
    levels = depth(res.dendrogram)
    top_ax.set_xlim(0, 1)
    top_ax.set_ylim(0, max(levels, 1) + 0.1)
    if res.dendrogram is not None and not isinstance(res.dendrogram, int):
        _tree(top_ax, res.dendrogram, x, levels)
    body_top = 1 - 0.55 / height - tree_h
    body = fig.add_axes((0.03, 0.75 / height, 0.94, body_top - 0.75 / height))
    body.axis("off")
    body.set_xlim(0, 1)
    body.set_ylim(0, 1)
    sizes = res.sizes()
    classed = max(res.classed, 1)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    base = 8.0 if k <= 5 else 7.0 if k <= 7 else 6.0
    inches = (body_top - 0.75 / height) * height  # the body's height, to place in inches

    def down(inch: float) -> float:
        return inch / inches

    for i, cls in enumerate(order):
        tint, shade = TINTS[(cls - 1) % len(TINTS)], SHADES[(cls - 1) % len(SHADES)]
        x0 = i * width + 0.006
        middle = x0 + (width - 0.012) / 2
        body.add_patch(FancyBboxPatch((x0, 1 - down(0.5)), width - 0.012, down(0.46),
                                      boxstyle="round,pad=0.004", fc=tint, ec=shade, lw=0.8))
        share = 100 * sizes.get(cls, 0) / classed
        body.text(middle, 1 - down(0.15), _("Class {n}").format(n=cls), ha="center",
                  va="center", fontsize=base + 0.5, fontweight="bold", color=shade)
        body.text(middle, 1 - down(0.36), (f"{share:.1f}".replace(".", ",") + " %"),
                  ha="center", va="center", fontsize=base - 0.5, color="#222222")
        rows = res.profiles[(res.profiles["class"] == cls) & (res.profiles["chi2"] > 0)]
        rows = rows.head(terms)
        if rows.empty:
            continue
        strongest = float(rows["chi2"].max())
        y = 1 - down(0.6)
        room = (width - 0.016) * body.get_window_extent().width
        for row in rows.itertuples(index=False):
            grade = (float(row.chi2) / strongest) ** 0.5 if strongest > 0 else 0.0
            size = base * (0.75 + 0.55 * grade)
            text = body.text(middle, y, str(row.term), ha="center", va="top", fontsize=size,
                             color=shade, fontweight="bold" if grade > 0.7 else "normal")
            wide = text.get_window_extent(renderer).width
            if wide > room:  # a long term shrinks to its column rather than spill over
                size *= room / wide
                text.set_fontsize(size)
            y -= down(max(size, 6.0) * 1.45 / 72)
            if y < 0:
                text.remove()
                break
    frame(fig, title, caption)
    save(fig, output)
