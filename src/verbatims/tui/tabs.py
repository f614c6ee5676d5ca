"""The table of tabs: what the workbench shows, in order, with the key of each.

Layout (one TabPane per entry), the tab keys, the help screen and the command
palette are all read from this table. Adding a tab is one module holding a
`Pane` subclass (see verbatims.tui.pane and docs/tui.md) and one line here.
"""

from __future__ import annotations

from verbatims.i18n import N_
from verbatims.tui.pane import Tab
from verbatims.tui.panes.codes import CodeTreePane
from verbatims.tui.panes.documents import DocumentsPane
from verbatims.tui.panes.extracts import ExtractsPane
from verbatims.tui.panes.figures import FiguresPane
from verbatims.tui.panes.review import ReviewPane
from verbatims.tui.panes.search import SearchPane
from verbatims.tui.panes.transcript import TranscriptPane

TABS: tuple[Tab, ...] = (
    Tab("documents", N_("Documents"), "1", DocumentsPane),
    Tab("transcript", N_("Transcript"), "2", TranscriptPane),
    Tab("codes", N_("Codes"), "3", CodeTreePane),
    Tab("extracts", N_("Extracts"), "4", ExtractsPane),
    Tab("search", N_("Search"), "5,slash", SearchPane),
    Tab("review", N_("Review"), "6", ReviewPane),
    Tab("figures", N_("Figures"), "7", FiguresPane),
)


def tab(tab_id: str) -> Tab:
    """The entry of a tab by its id."""
    return next(t for t in TABS if t.id == tab_id)


def tab_of(pane: type[object]) -> Tab:
    """The entry whose pane is `pane`."""
    return next(t for t in TABS if t.pane is pane)
