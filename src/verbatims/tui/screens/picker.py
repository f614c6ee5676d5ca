"""The quick code picker: fuzzy search over code paths, one or several codes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import fuzz, process
from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from verbatims.folding import fold
from verbatims.model.entities import Code


class CodePicker(ModalScreen[list[int] | None]):
    """Type to filter; enter applies the highlighted code (and any marked with tab)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "cursor(1)", "Next", show=False, priority=True),
        Binding("up", "cursor(-1)", "Previous", show=False, priority=True),
        Binding("tab", "mark", "Mark/unmark", priority=True),
    ]

    def __init__(self, codes: Sequence[Code], paths: dict[int, str], title: str,
                 multiple: bool = True, counts: dict[int, tuple[int, int]] | None = None,
                 extra: Sequence[tuple[int, str]] = (),
                 on_pick: Callable[[list[int]], None] | None = None) -> None:
        super().__init__()
        self.on_pick = on_pick
        self.waiting = False
        self.codes = list(codes)
        self.paths = paths
        self.title_text = title
        self.multiple = multiple
        self.counts = counts or {}
        self.extra = list(extra)
        self.marked: list[int] = []
        self._folded = {c.id: fold(paths[c.id]) for c in self.codes}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            hint = ", tab marks several" if self.multiple else ""
            yield Label(f"[b]{escape(self.title_text)}[/b]\n[dim]type to filter, enter "
                        f"chooses{hint}, esc cancels[/dim]", id="picker-title")
            yield Input(placeholder="code name…", id="picker-input")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    @on(Input.Changed, "#picker-input")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        self._choose()

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self) -> None:
        self._choose()

    def ranked(self, query: str) -> list[int]:
        """Code ids in the order shown: tree order, or best fuzzy match first."""
        ids = [i for i, _ in self.extra] + [c.id for c in self.codes]
        if not query.strip():
            return ids
        needle = fold(query)
        choices = {c.id: self._folded[c.id] for c in self.codes}
        found = process.extract(needle, choices, scorer=fuzz.WRatio, limit=60,
                                score_cutoff=55)
        exact = [cid for cid, path in choices.items()
                 if path.rsplit("/", 1)[-1].startswith(needle)]
        ordered = exact + [int(key) for _, _, key in found if key not in exact]
        return ordered

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        extra = dict(self.extra)
        for code_id in self.ranked(query):
            if code_id in extra:
                options.add_option(Option(Text(extra[code_id], style="italic"),
                                          id=str(code_id)))
                continue
            code = next(c for c in self.codes if c.id == code_id)
            label = Text()
            label.append("✔ " if code_id in self.marked else "  ")
            label.append("■ ", style=code.color)
            depth = self.paths[code_id].count("/")
            label.append("  " * depth + code.name)
            n, docs = self.counts.get(code_id, (0, 0))
            if n:
                label.append(f"  {n}/{docs}", style="dim")
            options.add_option(Option(label, id=str(code_id)))
        if options.option_count:
            options.highlighted = 0

    def _highlighted(self) -> int | None:
        option = self.query_one(OptionList).highlighted_option
        return None if option is None or option.id is None else int(option.id)

    def action_cursor(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    def action_mark(self) -> None:
        code_id = self._highlighted()
        if code_id is None or not self.multiple or code_id < 0:
            return
        if code_id in self.marked:
            self.marked.remove(code_id)
        else:
            self.marked.append(code_id)
        options = self.query_one(OptionList)
        keep = options.highlighted
        self._fill(self.query_one(Input).value)
        options.highlighted = keep

    def _choose(self) -> None:
        code_id = self._highlighted()
        chosen = list(self.marked) if self.marked else [] if code_id is None else [code_id]
        if chosen and self.on_pick is not None:
            # The commit starts at once; the app closes this picker when it is done,
            # so the store is not competing with a repaint of the whole screen.
            self.waiting = True
            self.query_one("#picker-title", Label).update("Applying…")
            self.on_pick(chosen)
        else:
            self.dismiss(chosen or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
