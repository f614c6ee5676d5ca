"""The table of tabs: what the workbench shows, in order, with the key of each,
and the keys that work on every tab.

Layout (one TabPane per entry), the tab keys, the help screen and the command
palette are all read from these tables. Adding a tab is one module holding a
`Pane` subclass (see verbatims.tui.pane and docs/tui.md) and one line here.
"""

from __future__ import annotations

from textual.binding import Binding

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

# Keys that work on every tab (app actions); descriptions are English, translated where shown.
GLOBAL: tuple[Binding, ...] = (
    Binding("f1,question_mark", "help", N_("Help")),
    Binding("e", "extracts", N_("Extracts of a code"), show=False),
    Binding("F", "figure", N_("Figures and tables"), show=False),
    Binding("M", "memo", N_("Memo (document/code)"), show=False),
    Binding("P", "project_memo", N_("Project memo"), show=False),
    Binding("u,ctrl+z", "undo", N_("Undo")),
    Binding("U,ctrl+y", "redo", N_("Redo")),
    Binding("q", "quit", N_("Quit")),
)


def tab(tab_id: str) -> Tab:
    """The entry of a tab by its id."""
    return next(t for t in TABS if t.id == tab_id)


def tab_of(pane: type[object]) -> Tab:
    """The entry whose pane is `pane`."""
    return next(t for t in TABS if t.pane is pane)
