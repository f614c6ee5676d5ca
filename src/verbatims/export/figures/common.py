"""What every figure shares: print size, title and caption, atomic and reproducible files.

Figures are sized for an A4 page (17 cm of text width), titled, and captioned
with what was counted on which documents. Files are written under a temporary
name and renamed, so a failure never leaves half a picture; SVG ids and
metadata are fixed so the same input gives the same bytes.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from verbatims.export.provenance import current
from verbatims.files import atomic_write

A4_WIDTH_IN = 6.7  # 17 cm: the text width of an A4 page with usual margins
DPI = 300
FONT = "DejaVu Sans"  # ships with matplotlib, has every French accent

# No pyplot: figures are plain Figure objects on the Agg canvas (faster to import,
# no global state, nothing to close).
matplotlib.rcParams.update({
    "font.family": FONT,
    "svg.hashsalt": "verbatims",
    "svg.fonttype": "none",  # text stays text in SVG: searchable, editable
    "font.size": 9,
})


def new_figure(height_in: float) -> Figure:
    fig = Figure(figsize=(A4_WIDTH_IN, height_in), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def frame(fig: Figure, title: str, caption: str) -> None:
    """Title at the top, caption (what was counted on what) at the bottom.

    A title too long for the page width ("Termes et expressions significativement
    associés à « numérique responsable »") is set smaller, then on two lines, never
    cut at the edges.
    """
    shown = fig.suptitle(title, fontsize=12, fontweight="bold", y=0.985)
    room = fig.bbox.width * 0.97
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    size = 12.0
    while shown.get_window_extent(renderer).width > room and size > 10:
        size -= 0.5
        shown.set_fontsize(size)
    if shown.get_window_extent(renderer).width > room:
        chars = max(20, int(len(title) * room / shown.get_window_extent(renderer).width))
        shown.set_text("\n".join(textwrap.wrap(title, chars)))
    wrapped = "\n".join(textwrap.wrap(caption, 125))
    fig.text(0.01, 0.008, wrapped, fontsize=6.8, color="#333333", ha="left", va="bottom")


def save(fig: Figure, output: Path) -> None:
    """PNG at 300 dpi or SVG with text kept as text, written atomically.

    The file carries the provenance of the figure being made (PNG text chunks,
    SVG Dublin Core metadata) and no clock reading, so the same project gives
    the same bytes.
    """
    suffix = output.suffix.lower().lstrip(".")
    prov = current()
    title = fig.get_suptitle()
    with atomic_write(output) as tmp:
        if suffix == "svg":
            meta: dict[str, str | None] = (dict(prov.svg_metadata(title)) if prov
                                           else {"Date": None})
            fig.savefig(tmp, format="svg", metadata=meta)
        else:
            png: dict[str, str | None] = (dict(prov.png_metadata(title)) if prov
                                          else {"Software": None})
            fig.savefig(tmp, format="png", dpi=DPI, metadata=png,
                        pil_kwargs={"compress_level": 3})  # level 6 costs a third of the time
