"""The saturation chart's legend never hides a bar, a point or a count."""

from __future__ import annotations

import pandas as pd
from matplotlib.text import Annotation, Text

from verbatims.export.figures.saturation import figure


def test_the_legend_covers_no_count() -> None:
    # The curve climbs fast in the upper left corner, where a legend used to sit.
    table = pd.DataFrame({"label": [f"E{i}" for i in range(1, 16)],
                          "new_codes": [26, 3, 2, 2, 0, 2] + [0] * 9,
                          "cumulative": [26, 29, 31, 33, 33, 35] + [35] * 9})
    fig = figure(table, "Saturation : nouveaux codes par entretien", "Légende.", "Entretiens")
    fig.canvas.draw()
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    box = legend.get_window_extent()
    counts = [t.get_window_extent() for t in ax.texts if isinstance(t, Annotation)]
    assert len(counts) == 15
    assert not any(box.overlaps(c) for c in counts)
    assert box.y0 >= ax.get_window_extent().y1 - 1  # above the plot, not on the data
    title = fig.get_suptitle()
    shown = [t for t in fig.findobj(Text) if t.get_text() == title]
    assert shown and not any(box.overlaps(t.get_window_extent()) for t in shown)
