"""A figure's title fits the page: long French titles are never cut at the edges."""

from __future__ import annotations

from matplotlib.text import Text

from verbatims.export.figures.common import frame, new_figure


def test_a_long_title_stays_inside_the_page() -> None:
    for title in ("Carte", "Termes et expressions significativement associés à « numérique "
                  "responsable »", "Termes et expressions significativement associés au code "
                  "« numérique responsable/sobriété/consommation électrique des équipements »"):
        fig = new_figure(6.0)
        frame(fig, title, "Légende.")
        fig.canvas.draw()
        shown = next(t for t in fig.findobj(Text) if t.get_text().startswith(title[:5]))
        box = shown.get_window_extent()
        assert box.x0 >= 0 and box.x1 <= fig.bbox.width, title
        assert " ".join(shown.get_text().split()) == title  # nothing dropped
