"""A one-line status bar that repaints without a layout pass (it changes per keypress)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StatusBar(Widget):
    message: reactive[str] = reactive("", layout=False)

    def render(self) -> Text:
        return Text(self.message, no_wrap=True, overflow="ellipsis")
