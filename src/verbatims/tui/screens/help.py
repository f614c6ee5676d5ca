"""The help screen: every key, where it works, what it does (read from the table of tabs)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from verbatims.i18n import N_, _


def all_bindings() -> list[tuple[str, str, str, str]]:
    """(where, keys, description, action) for every binding, in the language in force."""
    from verbatims.tui.app import VerbatimsApp
    from verbatims.tui.commands import described, key_text
    from verbatims.tui.screens.editors import MemoEditor
    from verbatims.tui.screens.picker import CodePicker
    from verbatims.tui.tabs import TABS

    out = []
    for binding in VerbatimsApp.global_bindings():
        out.append((_("Everywhere"), key_text(binding.key), described(binding),
                    binding.action))
    for tab in TABS:
        out.append((_(tab.title), key_text(tab.keys), _("Show this tab"), f"tab('{tab.id}')"))
        for binding in tab.pane.key_bindings():
            out.append((_(tab.title), key_text(binding.key), described(binding),
                        binding.action))
    for where, bindings in ((N_("Code picker"), CodePicker.BINDINGS),
                            (N_("Memo editor"), MemoEditor.BINDINGS)):
        for b in bindings:
            if isinstance(b, Binding) and b.description:
                out.append((_(where), key_text(b.key), described(b), b.action))
    return out


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", N_("Close"))]

    def compose(self) -> ComposeResult:
        table = Table(title=_("verbatims — keys (esc closes; ctrl+p finds any action by name)"),
                      expand=True)
        table.add_column(_("where"), style="dim")
        table.add_column(_("keys"), style="bold")
        table.add_column(_("what it does"))
        for where, keys, description, _action in all_bindings():
            table.add_row(where, keys, description)
        table.add_row(_("Everywhere"), "ctrl+p", _("Command palette"))
        table.add_row(_("Everywhere"), "ctrl+q", _("Quit"))
        table.add_row(_("Transcript"), _("mouse drag"), _("Select text"))
        with VerticalScroll(id="help"):
            yield Static(table)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
