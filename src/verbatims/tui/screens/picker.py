"""The quick code picker: fuzzy search over code paths, one or several codes.

Where a new code makes sense (coding a passage), a name that matches no code
is offered as "+ New code “…”" at the end of the list, so typing a new name
and pressing enter creates the code and applies it; nothing closes silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

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
from verbatims.i18n import N_, _
from verbatims.model.entities import Code

NEW = "new"  # the option id of "+ New code"
APPLYING_AFTER = 0.15  # seconds of commit after which the picker says it is applying


@dataclass(frozen=True)
class Picked:
    """What the picker returns: existing codes, and a new code's name if one was typed."""

    ids: list[int] = field(default_factory=list)
    new: str | None = None


class CodePicker(ModalScreen[Picked | None]):
    """Type to filter; enter applies the highlighted code (and any marked with tab)."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("down", "cursor(1)", N_("Next"), show=False, priority=True),
        Binding("up", "cursor(-1)", N_("Previous"), show=False, priority=True),
        Binding("tab", "mark", N_("Mark/unmark"), priority=True),
    ]

    def __init__(self, codes: Sequence[Code], paths: dict[int, str], title: str,
                 multiple: bool = True, counts: dict[int, tuple[int, int]] | None = None,
                 extra: Sequence[tuple[int, str]] = (),
                 on_pick: Callable[[Picked], None] | None = None,
                 allow_new: bool = False) -> None:
        super().__init__()
        self.on_pick = on_pick
        self.allow_new = allow_new
        self.waiting = False
        self.codes = list(codes)
        self.paths = paths
        self.title_text = title
        self.multiple = multiple
        self.counts = counts or {}
        self.extra = list(extra)
        self.marked: list[int] = []
        self._folded = {c.id: fold(paths[c.id]) for c in self.codes}
        self._strong = False

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            hint = _("type to filter, enter chooses, tab marks several, esc cancels") \
                if self.multiple else _("type to filter, enter chooses, esc cancels")
            if self.allow_new:
                hint = _("{keys}; a new name creates the code").format(keys=hint)
            yield Label(f"[b]{escape(self.title_text)}[/b]\n[dim]{escape(hint)}[/dim]",
                        id="picker-title")
            yield Input(placeholder=_("code name…"), id="picker-input")
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
        ids = [i for i, _label in self.extra] + [c.id for c in self.codes]
        self._strong = False
        if not query.strip():
            return ids
        needle = fold(query)
        choices = {c.id: self._folded[c.id] for c in self.codes}
        found = process.extract(needle, choices, scorer=fuzz.WRatio, limit=60,
                                score_cutoff=55)
        exact = [cid for cid, path in choices.items()
                 if path.rsplit("/", 1)[-1].startswith(needle)]
        ordered = exact + [int(key) for _m, _score, key in found if key not in exact]
        self._strong = bool(exact) or any(score >= 90 for _m, score, _k in found)
        return ordered

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        extra = dict(self.extra)
        name = " ".join(query.split())
        new = None
        if self.allow_new and name and not any(fold(c.name) == fold(name) for c in self.codes):
            new = Option(Text(_("+ New code “{name}”").format(name=name), style="bold"),
                         id=NEW)
        ranked = self.ranked(query)
        if new is not None and not self._strong:  # nothing close: the new name comes first
            options.add_option(new)
            new = None
        for code_id in ranked:
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
        if new is not None:
            options.add_option(new)
        if options.option_count:
            options.highlighted = 0

    def _highlighted(self) -> int | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id is None or option.id == NEW:
            return None
        return int(option.id)

    def _new_name(self) -> str | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id != NEW:
            return None
        return " ".join(self.query_one(Input).value.split()) or None

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
        new = self._new_name()
        chosen = list(self.marked)
        if code_id is not None and not chosen:
            chosen = [code_id]
        if not chosen and new is None:
            if self.query_one(Input).value.strip():
                self.query_one("#picker-title", Label).update(Text(
                    _("No code matches “{text}”; change the letters, or esc.").format(
                        text=self.query_one(Input).value.strip()), style="bold"))
                return
            self.dismiss(None)
            return
        picked = Picked(chosen, new)
        if self.on_pick is not None:
            # The commit starts at once; the app closes this picker when it is done,
            # so the store is not competing with a repaint of the whole screen.
            self.waiting = True
            self.on_pick(picked)
            # Said only if the commit is slow: redrawn at once, the title competed with
            # the commit for the interpreter on every coding.
            self.set_timer(APPLYING_AFTER, self._applying)
        else:
            self.dismiss(picked)

    def _applying(self) -> None:
        if self.is_attached:
            self.query_one("#picker-title", Label).update(_("Applying…"))

    def action_cancel(self) -> None:
        self.dismiss(None)
