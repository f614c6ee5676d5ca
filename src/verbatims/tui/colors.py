"""Colour helpers: readable text on a code's colour, and a palette for new codes."""

from __future__ import annotations

PALETTE = (
    "#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
    "#f032e6", "#bfef45", "#fabed4", "#469990", "#dcbeff", "#9a6324", "#fffac8",
    "#800000", "#aaffc3", "#808000", "#ffd8b1", "#000075", "#a9a9a9",
)


def contrast(color: str) -> str:
    """Black or white, whichever reads better on `color` (a #rrggbb string)."""
    try:
        r, g, b = (int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return "#000000"
    luminance = 0.299 * r + 0.587 * g + 0.114 * b
    return "#000000" if luminance > 140 else "#ffffff"


def next_color(color: str) -> str:
    """The palette colour after `color` (recolouring cycles through the palette)."""
    try:
        return PALETTE[(PALETTE.index(color.lower()) + 1) % len(PALETTE)]
    except ValueError:
        return PALETTE[0]
