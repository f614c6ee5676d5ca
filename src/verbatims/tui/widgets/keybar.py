"""The footer: the keys that matter where the focus is, painted as one line of text.

Textual's Footer mounts one widget per key and rebuilds them on every focus or
screen change, which costs tens of milliseconds after each code picker; this bar
only repaints, so the highlight of a new coding is not held up behind it.
Clicking a key runs its action, as with the stock footer.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str, DOMNode]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        key_style = Style(bold=True, color=self.app.current_theme.accent or "yellow")
        seen: set[str] = set()
        spans: list[tuple[int, int, str, DOMNode]] = []
        palette = None
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.action == "app.command_palette" or binding.key == "ctrl+p":
                palette = binding
                continue
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            start = len(text)
            text.append(f" {self.app.get_key_display(binding)} ",
                        key_style if enabled else Style(dim=True))
            text.append(f"{binding.description} ", Style(dim=not enabled))
            spans.append((start, len(text), binding.action, node))
        if palette is not None:
            text.append(" ^p ", key_style)
            text.append("palette ")
        self._spans = spans
        return text

    async def on_click(self, event: events.Click) -> None:
        for start, end, action, node in self._spans:
            if start <= event.x < end:
                await self.app.run_action(action, node)  # where the binding lives
                return
