"""The command palette (ctrl+p) and the help screen's rows: every key, by name.

Both are read from the table of tabs (verbatims.tui.tabs), so a new pane's
keys are in the palette and the help without a line here. Running an entry
from another tab first shows that tab, then runs the action where its key
lives. What the palette needs of the app is the `Host` protocol below (the app
is above this module and is not imported here).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Protocol, cast

from textual.actions import parse
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from verbatims.i18n import N_, _
from verbatims.tui.controllers.figures import FigureController
from verbatims.tui.pane import Pane
from verbatims.tui.screens.editors import MemoEditor
from verbatims.tui.screens.picker import CodePicker
from verbatims.tui.tabs import GLOBAL, TABS


class Host(Protocol):
    """What the palette calls on the workbench app."""

    coder: str
    figures: FigureController

    def action_tab(self, tab_id: str) -> None: ...

    def pane_by_id(self, tab_id: str) -> Pane: ...

    async def run_action(self, action: str, default_namespace: Pane | None = None) -> bool: ...

    def action_change_theme(self) -> None: ...

    def set_language(self, language: str) -> None: ...

    def ask_coder(self) -> None: ...

    def exit(self) -> None: ...


@dataclass(frozen=True)
class Entry:
    title: str
    help: str
    run: Callable[[], object]


def described(binding: Binding) -> str:
    """What a key does, in full (its tooltip when the bar shows a shorter description)."""
    return _(binding.tooltip or binding.description)


# Keys as printed on the keyboard: arrows as arrows, named keys in the user's language.
_SYMBOLS = {"question_mark": "?", "slash": "/", "right_square_bracket": "]",
            "left_square_bracket": "[", "left": "←", "right": "→", "up": "↑", "down": "↓"}
_NAMES = {"escape": N_("esc"), "enter": N_("enter"), "home": N_("home"), "end": N_("end"),
          "pageup": N_("page up"), "pagedown": N_("page down"), "space": N_("space"),
          "delete": N_("delete"), "backspace": N_("backspace")}


def key_text(keys: str) -> str:
    """"ctrl+left,pageup" -> "ctrl+←, page up" (French: "ctrl+←, page préc.")."""
    def one(key: str) -> str:
        return "+".join(_SYMBOLS.get(p) or (_(_NAMES[p]) if p in _NAMES else p)
                        for p in key.split("+"))

    return ", ".join(one(k) for k in keys.split(","))


def help_rows() -> list[tuple[str, str, str, str]]:
    """(where, keys, description, action) for every binding, in the language in force."""
    out = []
    for binding in GLOBAL:
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


def entries(app: Host) -> Iterator[Entry]:
    """Every palette entry, in the language in force."""
    for binding in GLOBAL:
        yield Entry(described(binding), _("key: {key}").format(key=key_text(binding.key)),
                    partial(app.run_action, binding.action))
    for tab in TABS:
        yield Entry(_("Go to: {tab}").format(tab=_(tab.title)),
                    _("key: {key}").format(key=key_text(tab.keys)),
                    partial(app.action_tab, tab.id))
        for binding in tab.pane.key_bindings():
            if binding.action.startswith("app."):
                continue  # an app action already listed above
            title = _("{tab}: {action}").format(tab=_(tab.title), action=described(binding))
            yield Entry(title, _("key: {key}").format(key=key_text(binding.key)),
                        partial(run_in_tab, app, tab.id, binding.action))
    for command in app.figures.commands():
        yield Entry(command.title, command.help, partial(app.figures.open_form, command.kind))
    yield Entry(_("Theme: choose the colours"), _("kept for the next start"),
                app.action_change_theme)
    yield Entry(_("Language: français"), _("kept for the next start"),
                partial(app.set_language, "fr"))
    yield Entry(_("Language: English"), _("kept for the next start"),
                partial(app.set_language, "en"))
    yield Entry(_("Coder name…"), _("the name your codings are made under: {coder}").format(
        coder=app.coder), app.ask_coder)
    yield Entry(_("Quit"), _("key: q"), app.exit)


async def run_in_tab(app: Host, tab_id: str, action: str) -> None:
    """Show the tab, then run `action` on the widget of that tab that defines it."""
    app.action_tab(tab_id)
    pane = app.pane_by_id(tab_id)
    _target, name, _params = parse(action)
    for node in (pane, *pane.query("*")):
        if hasattr(node, f"action_{name}"):
            await app.run_action(action, node)
            return


class WorkbenchCommands(Provider):
    """The palette's provider (as posting's commands.py): discover lists, search ranks."""

    @property
    def bench(self) -> Host:
        return cast(Host, self.app)

    async def discover(self) -> Hits:
        for entry in entries(self.bench):
            yield DiscoveryHit(entry.title, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in entries(self.bench):
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(score, matcher.highlight(entry.title), entry.run, help=entry.help)
