"""What every tab of the workbench is: a `Pane`, and one `Tab` entry that names it.

A pane is a widget that owns its part of the screen and its keys. It reads the
project through `self.bench` (the app, typed as `verbatims.tui.bench.Bench`:
a pane never imports the app), loads what it shows in its own thread workers,
and tells the app what happened with messages (`messages.CodingAsked`,
`CodebookAsked`, `Jump`…). The app calls down only through the hooks below, so
it never needs to know a pane's insides:

- `focus_default()` when its tab is shown (the main list or view gets the keys);
- `activated()` each time its tab is shown (reload what may be stale);
- `overview_changed(data)` when the corpus or the codebook were read again;
- `project_changed()` after every commit (the pane's or anyone else's);
- `memo_target()` for `M`: which memo the researcher means on this tab.

The tabs themselves are one table, `verbatims.tui.tabs.TABS`: layout, the
`1`–`9` keys, the help screen and the command palette are all read from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.tui.bench import Bench, MemoTarget
from verbatims.tui.messages import Failed

if TYPE_CHECKING:
    from verbatims.tui.data import Overview

__all__ = ["MemoTarget", "Pane", "Tab"]


class Pane(Vertical):
    """The content of one tab. Subclasses set BINDINGS and override the hooks they need."""

    BINDINGS = [Binding("escape", "leave_field", N_("Leave the field"), show=False)]

    # Widgets inside the pane whose keys the help screen and the palette list too.
    KEY_WIDGETS: ClassVar[tuple[type[Widget], ...]] = ()

    @property
    def bench(self) -> Bench:
        """The workbench app, typed (panes live only inside it)."""
        app = self.app
        return app if isinstance(app, Bench) else _not_in_bench()

    def focus_default(self) -> None:
        """Give the keys to the pane's main widget (its first focusable one by default)."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return

    def action_leave_field(self) -> None:
        """esc in a filter or query field: back to the pane's list."""
        self.focus_default()

    def activated(self) -> None:
        """Its tab was just shown."""

    def overview_changed(self, data: Overview) -> None:
        """The corpus and codebook were read again (after a codebook edit, an import…)."""

    def project_changed(self) -> None:
        """A commit happened (ours or someone else's): refresh what depends on codings."""

    def memo_target(self) -> MemoTarget | None:
        """The memo `M` edits on this tab (None: the open document's, if any)."""
        return None

    @classmethod
    def key_bindings(cls) -> list[Binding]:
        """Every binding of this pane and of its KEY_WIDGETS, for help and palette."""
        found: list[Binding] = []
        for owner in (cls, *cls.KEY_WIDGETS):
            found.extend(b for b in _bindings(owner.BINDINGS) if b.action != "leave_field")
        return found

    def guarded(self, job: Callable[[], None]) -> None:
        """Run `job` (in a worker); a failure becomes a notice, never a crash."""
        try:
            job()
        except UserError as error:
            self.post_message(Failed(error.message))
        except Exception as error:  # noqa: BLE001 - the UI reports, never crashes
            self.post_message(Failed(f"{error.__class__.__name__}: {error}"))


@dataclass(frozen=True)
class Tab:
    """One entry of the table of tabs: its id, its title (marked with N_), its keys."""

    id: str
    title: str
    keys: str
    pane: type[Pane]

    @property
    def label(self) -> str:
        """The tab's title as shown, e.g. "1 Documents"."""
        return f"{self.keys.split(',')[0]} {_(self.title)}"


def _bindings(bindings: list[BindingType]) -> list[Binding]:
    return [b for b in bindings if isinstance(b, Binding) and b.description]


def _not_in_bench() -> Bench:
    raise RuntimeError("a Pane only works inside the verbatims workbench")
