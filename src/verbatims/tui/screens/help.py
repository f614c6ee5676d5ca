"""The help screen: every key, where it works, what it does (read from the bindings)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def all_bindings() -> list[tuple[str, str, str, str]]:
    """(where, keys, description, action) for every binding of the workbench."""
    from verbatims.tui.app import VerbatimsApp
    from verbatims.tui.screens.editors import MemoEditor
    from verbatims.tui.screens.picker import CodePicker
    from verbatims.tui.widgets.codetree import CodeTreePane
    from verbatims.tui.widgets.documents import DocumentsPane
    from verbatims.tui.widgets.extracts import ExtractsPane
    from verbatims.tui.widgets.review import ReviewPane
    from verbatims.tui.widgets.searchpane import SearchPane
    from verbatims.tui.widgets.transcript import TranscriptView

    groups = [
        ("Everywhere", VerbatimsApp.BINDINGS),
        ("Transcript", TranscriptView.BINDINGS),
        ("Documents", DocumentsPane.BINDINGS),
        ("Codes", CodeTreePane.BINDINGS),
        ("Extracts", ExtractsPane.BINDINGS),
        ("Search", SearchPane.BINDINGS),
        ("Review", ReviewPane.BINDINGS),
        ("Code picker", CodePicker.BINDINGS),
        ("Memo editor", MemoEditor.BINDINGS),
    ]
    out = []
    for where, bindings in groups:
        for binding in bindings:
            if isinstance(binding, Binding) and binding.description:
                keys = ", ".join(_pretty(k) for k in binding.key.split(","))
                out.append((where, keys, binding.description, binding.action))
    return out


def _pretty(key: str) -> str:
    return {"question_mark": "?", "slash": "/", "right_square_bracket": "]"}.get(key, key)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        table = Table(title="verbatims — keys (esc closes; ctrl+p finds any action by name)",
                      expand=True)
        table.add_column("where", style="dim")
        table.add_column("keys", style="bold")
        table.add_column("what it does")
        for where, keys, description, _action in all_bindings():
            table.add_row(where, keys, description)
        table.add_row("Everywhere", "ctrl+p", "Command palette")
        table.add_row("Everywhere", "ctrl+q", "Quit")
        table.add_row("Transcript", "mouse drag", "Select text")
        with VerticalScroll(id="help"):
            yield Static(table)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
