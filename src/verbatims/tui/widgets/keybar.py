"""The footer: the keys that matter where the focus is, painted as text (one or two lines).

Textual's Footer mounts one widget per key and rebuilds them on every focus or
screen change, which costs tens of milliseconds after each code picker; this bar
only repaints, so the highlight of a new coding is not held up behind it.
Undo, redo, help, quit and the palette are always shown, at the end; when the keys of the
tab do not fit on one line (80 columns) the bar takes a second line rather than
dropping them. Clicking a key runs its action, as with the stock footer.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from verbatims.i18n import _

PINNED = ("undo", "redo", "help", "quit")  # never dropped, always last


@dataclass(frozen=True)
class Key:
    """One key as shown: what to press, what it does, and where its action runs."""

    key: str
    description: str
    action: str
    node: DOMNode
    enabled: bool

    def width(self, gap: int = 2) -> int:
        return len(self.key) + len(self.description) + 1 + gap


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, int, Key]] = []  # line, start, end, key
        self._gap = 2

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _changed(self, _screen: Screen[object]) -> None:
        self._fit()
        self.refresh()

    def on_resize(self, _event: events.Resize) -> None:
        self._fit()

    # -- what is shown ----------------------------------------------------------------

    @property
    def keys(self) -> list[Key]:
        """The keys the bar shows now, in order (pinned ones last)."""
        return [key for _line, _start, _end, key in self._layout(self.size.width or 80)[1]]

    def text(self) -> str:
        """The bar as plain text, line by line."""
        return self.render().plain

    def _collect(self) -> list[Key]:
        seen: set[str] = set()
        items: list[Key] = []
        pinned: list[Key] = []
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.action == "app.command_palette" or binding.key == "ctrl+p":
                continue
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = Key(self.app.get_key_display(binding), _(binding.description),
                      binding.action, node, enabled)
            (pinned if binding.action in PINNED else items).append(key)
        leave = self._leave_field()
        return ([leave] if leave is not None else []) + items + pinned

    def _leave_field(self) -> Key | None:
        """esc while a field of a tab has the keys: said first, or a digit typed there
        looks like a tab key that does nothing. (The app's esc, which cancels slow work,
        holds the key in the bindings, so this one is added here.)"""
        focused = self.screen.focused
        if not isinstance(focused, Input):
            return None
        owner = next((n for n in focused.ancestors if hasattr(n, "action_leave_field")), None)
        if owner is None:
            return None
        return Key(_("esc"), _("Leave the field"), "leave_field", owner, True)

    def _layout(self, width: int) -> tuple[int, list[tuple[int, int, int, Key]]]:
        """Lines needed (1 or 2) and where each key goes (keys closer if need be)."""
        keys = self._collect()
        for gap in (2, 1):
            lines, placed = self._place(keys, width, gap)
            if len(placed) == len(keys):
                break
        self._gap = gap
        return lines, placed

    def _place(self, keys: list[Key], width: int,
               gap: int) -> tuple[int, list[tuple[int, int, int, Key]]]:
        palette = len(_("palette")) + 4
        fixed = [k for k in keys if k.action in PINNED]
        free = [k for k in keys if k.action not in PINNED]
        total = sum(k.width(gap) for k in keys) + palette
        lines = 1 if total <= width else 2
        placed: list[tuple[int, int, int, Key]] = []
        line, x = 0, 0
        reserve = sum(k.width(gap) for k in fixed) + palette  # the last line keeps room for them
        for key in free:
            room = width - (reserve if line == lines - 1 else 0)
            if x + key.width(gap) > room:
                if line == lines - 1:
                    continue  # no room left: drop it (the help lists it)
                line, x = line + 1, 0
                room = width - reserve
                if key.width(gap) > room:
                    continue
            placed.append((line, x, x + key.width(gap), key))
            x += key.width(gap)
        x = max((end for ln, _s, end, _k in placed if ln == lines - 1), default=0)
        for key in fixed:
            placed.append((lines - 1, x, x + key.width(gap), key))
            x += key.width(gap)
        return lines, placed

    def _fit(self) -> None:
        lines, _placed = self._layout(self.size.width or 80)
        if self.styles.height is None or self.styles.height.value != lines:
            self.styles.height = lines

    def render(self) -> Text:
        width = self.size.width or 80
        lines, placed = self._layout(width)
        key_style = Style(bold=True, color=self.app.current_theme.accent or "yellow")
        rows = [Text(no_wrap=True, overflow="ellipsis") for _ in range(lines)]
        self._spans = []
        for line, _start, _end, key in placed:
            text = rows[line]
            start = len(text)
            text.append(f"{key.key} ", key_style if key.enabled else Style(dim=True))
            text.append(key.description + " " * self._gap, Style(dim=not key.enabled))
            self._spans.append((line, start, len(text), key))
        rows[-1].append("^p ", key_style)
        rows[-1].append(_("palette") + " ")
        out = Text(no_wrap=True, overflow="ellipsis")
        for i, row in enumerate(rows):
            if i:
                out.append("\n")
            out.append_text(row)
        return out

    def span_of(self, action: str) -> tuple[int, int] | None:
        """(line, column) where the key of `action` is drawn, to click it."""
        self.render()
        for line, start, _end, key in self._spans:
            if key.action == action:
                return line, start
        return None

    async def on_click(self, event: events.Click) -> None:
        for line, start, end, key in self._spans:
            if line == event.y and start <= event.x < end:
                await self.app.run_action(key.action, key.node)  # where the binding lives
                return
