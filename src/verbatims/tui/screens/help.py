"""The help screen: every key, where it works, what it does (read from the table of tabs)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from verbatims.i18n import N_, _


class HelpScreen(ModalScreen[None]):
    """The rows (where, keys, description, action) come from the app (commands.help_rows),
    so this screen needs nothing above it."""

    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", N_("Close"))]

    def __init__(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        super().__init__()
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        table = Table(title=_("verbatims — keys (esc closes; ctrl+p finds any action by name)"),
                      expand=True)
        table.add_column(_("where"), style="dim")
        table.add_column(_("keys"), style="bold")
        table.add_column(_("what it does"))
        for where, keys, description, _action in self.rows:
            table.add_row(where, keys, description)
        table.add_row(_("Everywhere"), "ctrl+p", _("Command palette"))
        table.add_row(_("Everywhere"), "ctrl+q", _("Quit"))
        table.add_row(_("Transcript"), _("mouse drag"), _("Select text"))
        with VerticalScroll(id="help"):
            yield Static(table)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
