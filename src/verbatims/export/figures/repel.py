"""Labels that never collide: pushed off each other and off the points, held near their own.

As ggrepel and IRaMuTeQ's factor maps do: a point stays where the analysis puts
it; its label starts on it and is moved, in screen space, until no two labels
overlap and no label covers another point, each pulled back towards its own
point. A label that ends far from its point gets a thin leader line to it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text


def _boxes(fig: Figure, texts: Sequence[Text], pad: tuple[float, float]) -> np.ndarray:
    """Half widths and half heights of the labels, in pixels, padded."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    out = []
    for text in texts:
        patch = text.get_bbox_patch()  # a boxed label: its frame is what must stay apart
        if patch is not None:
            text.update_bbox_position_size(renderer)
            box = patch.get_window_extent(renderer)
        else:
            box = text.get_window_extent(renderer)
        out.append((box.width / 2 + pad[0], box.height / 2 + pad[1]))
    return np.array(out, dtype=float).reshape(-1, 2)


def overlaps(centres: np.ndarray, halves: np.ndarray) -> int:
    """How many pairs of boxes (centre, half sizes) overlap: what the tests check is 0."""
    n = len(centres)
    if n < 2:
        return 0
    d = np.abs(centres[:, None, :] - centres[None, :, :])
    reach = halves[:, None, :] + halves[None, :, :]
    hit = (d < reach).all(axis=2)
    return int(np.triu(hit, 1).sum())


def _settle(pos: np.ndarray, halves: np.ndarray, home: np.ndarray, points: np.ndarray,
            point: float, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Whatever the pushing left overlapping is put, label by label, at the free place
    nearest its point (rings around it), so that no two labels ever collide."""
    pos = pos.copy()
    n = len(pos)

    def free(i: int, at: np.ndarray, placed: list[int]) -> bool:
        if placed:
            others = np.array(placed)
            if ((np.abs(pos[others] - at) < halves[others] + halves[i]).all(axis=1)).any():
                return False
        near = (np.abs(points - at) < halves[i] + point).all(axis=1)
        return not near.any()

    placed: list[int] = []
    angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
    for i in range(n):
        if not free(i, pos[i], placed):
            step = max(2.0, float(halves[i, 1]))
            best = None
            for ring in range(1, 200):
                r = ring * step
                for a in angles:
                    at = np.clip(home[i] + r * np.array([np.cos(a), np.sin(a) * 0.8]), lo[i],
                                 hi[i])
                    if free(i, at, placed):
                        best = at
                        break
                if best is not None:
                    break
            if best is not None:
                pos[i] = best
        placed.append(i)
    return pos


def repel(fig: Figure, ax: Axes, texts: Sequence[Text], anchors: np.ndarray,
          obstacles: np.ndarray | None = None, *, pad: tuple[float, float] = (3.0, 1.2),
          point: float = 3.0,
          iterations: int = 600, leader: str = "#888888") -> np.ndarray:
    """Move the labels (already drawn at their anchors, in data coordinates) until none
    overlaps another or covers a point of `anchors` or `obstacles`; draw leader lines
    to the labels that ended away from their point. `pad` keeps labels that far apart
    (pixels, across and up: "paie" and "mise" side by side must not read "paie mise").
    Returns the labels' centres in pixels (for checks)."""
    if not texts:
        return np.zeros((0, 2))
    fig.canvas.draw()
    to_px = ax.transData.transform
    home = to_px(np.asarray(anchors, dtype=float))
    points = home if obstacles is None or not len(obstacles) else np.vstack(
        [home, to_px(np.asarray(obstacles, dtype=float))])
    halves = _boxes(fig, texts, pad)
    bbox = ax.get_window_extent()
    lo = np.array([bbox.x0, bbox.y0]) + halves
    hi = np.array([bbox.x1, bbox.y1]) - halves
    pos = home.copy()
    n = len(pos)
    # Start just above-right of the point, so a lone label does not hide it.
    pos += np.column_stack((np.zeros(n), halves[:, 1] * 0.0 + point + halves[:, 1]))
    pos = np.clip(pos, lo, np.maximum(lo, hi))
    rng = np.random.default_rng(0)  # a fixed jitter untangles labels stacked exactly
    for step in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        reach = halves[:, None, :] + halves[None, :, :]
        over = reach - np.abs(delta)
        hit = (over > 0).all(axis=2)
        np.fill_diagonal(hit, False)
        # labels covering points (their own included: a label sits beside its point)
        dp = pos[:, None, :] - points[None, :, :]
        over_p = halves[:, None, :] + point - np.abs(dp)
        hit_p = (over_p > 0).all(axis=2)
        if not hit.any() and not hit_p.any():
            pull = home + np.column_stack((np.zeros(n), halves[:, 1] + point)) - pos
            if step > 50 or np.abs(pull).max() < 0.5:
                break
        move = np.zeros_like(pos)
        if hit.any():
            same = np.abs(delta) < 1e-6
            delta = np.where(same, rng.normal(0, 1, delta.shape), delta)
            axis = np.argmin(over / reach, axis=2)  # push along the smaller overlap
            push = np.zeros_like(delta)
            idx = np.nonzero(hit)
            push[idx[0], idx[1], axis[idx]] = (np.sign(delta[idx[0], idx[1], axis[idx]])
                                               * (over[idx[0], idx[1], axis[idx]] / 2 + 0.3))
            move += push.sum(axis=1)
        if hit_p.any():
            same = np.abs(dp) < 1e-6
            dp = np.where(same, 1.0, dp)
            reach_p = halves[:, None, :] + point
            axis = np.argmin(over_p / reach_p, axis=2)
            push = np.zeros_like(dp)
            idx = np.nonzero(hit_p)
            push[idx[0], idx[1], axis[idx]] = (np.sign(dp[idx[0], idx[1], axis[idx]])
                                               * (over_p[idx[0], idx[1], axis[idx]] + 0.3))
            move += push.sum(axis=1)
        # a gentle pull home, weaker while labels still collide
        target = home + np.column_stack((np.zeros(n), halves[:, 1] + point))
        move += (target - pos) * (0.02 if hit.any() or hit_p.any() else 0.15)
        pos = np.clip(pos + move, lo, np.maximum(lo, hi))
    pos = _settle(pos, halves, home, points, point, lo, np.maximum(lo, hi))
    back = ax.transData.inverted().transform
    for text, p in zip(texts, back(pos), strict=True):
        text.set_position((float(p[0]), float(p[1])))
        text.set_horizontalalignment("center")
        text.set_verticalalignment("center")
    for (hx, hy), (px, py), (w, h), text in zip(home, pos, halves, texts, strict=True):
        # the nearest point of the label's box to its anchor: a line only if far from it
        nx, ny = min(max(hx, px - w), px + w), min(max(hy, py - h), py + h)
        if np.hypot(nx - hx, ny - hy) > point + 4:
            (ax_, ay), (bx, by) = back([(hx, hy), (nx, ny)])
            ax.plot([ax_, bx], [ay, by], color=leader, lw=0.4, zorder=text.get_zorder() - 1)
    return np.asarray(pos, dtype=float)
