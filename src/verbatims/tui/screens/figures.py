"""The figure form: which figure, about what, on which documents, in which file.

It stays open while the figure is made (lemmatisation progress shows in its
last line) so a mistake such as a pivot found nowhere can be corrected at once;
escape closes it and the figure is still finished in the background.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from rich.markup import escape
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.model.entities import Code
from verbatims.tui.figures import KINDS, FigureRequest, default_name, parse_where, unique
from verbatims.tui.screens.picker import CodePicker, Picked

# "Code name", not "Code": the key bar's "Code" is the verb (French "Coder").
SUBJECT_LABELS = {"pivot": N_("Pivot"), "code": N_("Code name"), "code?": N_("Code name"),
                  "attribute?": N_("By")}
PLACEHOLDERS = {
    "pivot": N_("a word or locution, e.g. numérique responsable"),
    "code": N_("a code (ctrl+o picks one)"),
    "code?": N_("empty: the whole corpus; or a code (ctrl+o picks one)"),
    "attribute?": N_("an attribute to break down by (empty: none)"),
}


def hint() -> str:
    return "[dim]" + escape(_("enter makes it · ↑ ↓ fields and kinds · ctrl+o picks a code · "
                              "esc closes")) + "[/dim]"


class FormatChoice(Widget, can_focus=True):
    """One line of formats; left/right (or a click) chooses."""

    DEFAULT_CSS = "FormatChoice { height: 1; width: 1fr; }"
    BINDINGS = [Binding("left", "step(-1)", N_("Previous format"), show=False),
                Binding("right,space", "step(1)", N_("Next format"), show=False)]

    class Changed(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.formats: tuple[str, ...] = ("png",)
        self.value = "png"

    def set_formats(self, formats: tuple[str, ...], value: str | None = None) -> None:
        self.formats = formats
        self.value = value if value in formats else formats[0]
        self.refresh()

    def render(self) -> Text:
        text = Text()
        for fmt in self.formats:
            style = "reverse bold" if fmt == self.value else "dim"
            text.append(f" {fmt} ", style=style)
            text.append(" ")
        if self.has_focus:
            text.append("← →", style="dim")
        return text

    def action_step(self, delta: int) -> None:
        i = self.formats.index(self.value)
        self.value = self.formats[(i + delta) % len(self.formats)]
        self.refresh()
        self.post_message(self.Changed())

    def on_click(self, event: events.Click) -> None:
        x = 0
        for fmt in self.formats:
            if x <= event.x < x + len(fmt) + 3:
                self.value = fmt
                self.refresh()
                self.post_message(self.Changed())
                return
            x += len(fmt) + 3

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


class NamesChoice(Widget, can_focus=True):
    """Shown or hidden names: space, left/right or a click switches."""

    DEFAULT_CSS = "NamesChoice { height: 1; width: 1fr; }"
    BINDINGS = [Binding("left,right,space", "switch", N_("Hide or show names"), show=False)]

    def __init__(self, hidden: bool, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.hidden = hidden

    def render(self) -> Text:
        text = Text()
        for value, label in ((False, _("shown")),
                             (True, _("pseudonymised (the project's key)"))):
            text.append(f" {label} ", style="reverse bold" if value == self.hidden else "dim")
            text.append(" ")
        if self.has_focus:
            text.append("← →", style="dim")
        return text

    def action_switch(self) -> None:
        self.hidden = not self.hidden
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        self.action_switch()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


class FigureForm(ModalScreen[None]):
    """Filled with what is on screen; enter hands a FigureRequest to `on_submit`."""

    DEFAULT_CSS = """
    FigureForm { align: center middle; }
    #figure-form {
        width: 76; max-width: 98%; height: auto; max-height: 98%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #figure-title { color: $text-muted; }
    #figure-status { margin-top: 1; width: 1fr; height: auto; }
    #figure-kind { height: auto; max-height: 6; border: none; margin-bottom: 1; }
    .figure-row { height: 1; margin-bottom: 1; }
    .figure-label { width: 12; color: $text-muted; }
    .figure-row Input { border: none; height: 1; padding: 0 1; width: 1fr; background: $boost; }
    .figure-row Input:focus { background: $primary 30%; }
    FormatChoice:focus { background: $primary 30%; }
    NamesChoice:focus { background: $primary 30%; }
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Close")),
        Binding("ctrl+o", "pick_code", N_("Pick a code"), priority=True),
        Binding("enter,ctrl+s", "make", N_("Make the figure")),
        # In a field, ↑ ↓ go to the field above or below (the list of kinds keeps its own).
        Binding("up", "app.focus_previous", N_("Field above"), show=False),
        Binding("down", "app.focus_next", N_("Field below"), show=False),
    ]

    def __init__(self, kind: str, defaults: Mapping[str, str], where: str, folder: Path,
                 keys: Sequence[str], codes: Sequence[Code], paths: Mapping[int, str],
                 counts: Mapping[int, tuple[int, int]],
                 on_submit: Callable[[FigureRequest], object],
                 pseudonymize: bool = False) -> None:
        super().__init__()
        self.pseudonymize = pseudonymize  # the switch's first position
        self.kind = kind
        self.subjects = dict(defaults)  # one value per kind of subject, kept across kinds
        self.initial_where = where
        self.folder = folder
        self.keys = list(keys)
        self.codes = list(codes)
        self.paths = dict(paths)
        self.counts = dict(counts)
        self.on_submit = on_submit
        self._auto_output = ""
        self.pending: FigureRequest | None = None  # being made; its result closes the form

    def compose(self) -> ComposeResult:
        with Vertical(id="figure-form"):
            heading, where = _("Figure or table"), _("(written next to the project, under "
                                                     "figures/)")
            yield Label(f"[b]{escape(heading)}[/b]  [dim]{escape(where)}[/dim]",
                        id="figure-title")
            yield OptionList(*(Option(_(k.label), id=key) for key, k in KINDS.items()),
                             id="figure-kind")
            with Horizontal(classes="figure-row", id="subject-row"):
                yield Label(_("Pivot"), id="subject-label", classes="figure-label")
                yield Input(id="figure-subject")
            with Horizontal(classes="figure-row"):
                yield Label(_("Documents"), classes="figure-label")
                yield Input(self.initial_where, id="figure-where",
                            placeholder=_("all; or ATTRIBUTE=VALUE …, e.g. genre=femme"))
            with Horizontal(classes="figure-row"):
                yield Label(_("Format"), classes="figure-label")
                yield FormatChoice(id="figure-format")
            with Horizontal(classes="figure-row"):
                yield Label(_("Names"), classes="figure-label")
                yield NamesChoice(self.pseudonymize, id="figure-names")
            with Horizontal(classes="figure-row"):
                yield Label(_("File"), classes="figure-label")
                yield Input(id="figure-output")
            yield Label(hint(), id="figure-status")

    def on_mount(self) -> None:
        kinds = self.query_one("#figure-kind", OptionList)
        kinds.highlighted = list(KINDS).index(self.kind)
        self._show_kind()
        subject = KINDS[self.kind].subject
        if subject and not self.query_one("#figure-subject", Input).value:
            self.query_one("#figure-subject", Input).focus()
        else:
            kinds.focus()

    # -- keeping the fields consistent -------------------------------------------------------

    def _show_kind(self) -> None:
        info = KINDS[self.kind]
        row = self.query_one("#subject-row")
        row.display = bool(info.subject)
        subject = self.query_one("#figure-subject", Input)
        if info.subject:
            self.query_one("#subject-label", Label).update(_(SUBJECT_LABELS[info.subject]))
            subject.placeholder = _(PLACEHOLDERS[info.subject])
            with subject.prevent(Input.Changed):
                subject.value = self.subjects.get(info.subject, "")
        fmt = self.query_one(FormatChoice)
        fmt.set_formats(info.formats, fmt.value)
        self._update_output()

    def _subject(self) -> str:
        info = KINDS[self.kind]
        return self.query_one("#figure-subject", Input).value if info.subject else ""

    def _where(self) -> tuple[tuple[str, str], ...]:
        try:
            return parse_where(self.query_one("#figure-where", Input).value, self.keys)
        except UserError:
            return ()

    def _update_output(self) -> None:
        output = self.query_one("#figure-output", Input)
        if output.value and output.value != self._auto_output:
            return  # typed by the user: theirs
        name = default_name(self.kind, self._subject(), self._where(),
                            self.query_one(FormatChoice).value)
        found = unique(self.folder / name)
        self._auto_output = str(Path("figures") / found.name)
        with output.prevent(Input.Changed):
            output.value = self._auto_output

    @on(OptionList.OptionHighlighted, "#figure-kind")
    def _kind_changed(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.kind:
            info = KINDS[self.kind]
            if info.subject:
                self.subjects[info.subject] = self.query_one("#figure-subject", Input).value
            self.kind = event.option.id
            self._show_kind()

    @on(Input.Changed, "#figure-subject")
    @on(Input.Changed, "#figure-where")
    @on(FormatChoice.Changed)
    def _changed(self) -> None:
        self._update_output()

    # -- actions ------------------------------------------------------------------------------

    def status(self, text: str, error: bool = False) -> None:
        style = "$error" if error else "$text-muted"
        self.query_one("#figure-status", Label).update(
            f"[{style}]{escape(text)}[/]" if text else hint())

    @on(Input.Submitted)
    @on(OptionList.OptionSelected, "#figure-kind")
    def _submitted(self) -> None:
        self.action_make()

    def action_make(self) -> None:
        text = self.query_one("#figure-output", Input).value.strip()
        if not text:
            self.status(_("Type the file to write, e.g. figures/map.png."), error=True)
            return
        try:
            where = parse_where(self.query_one("#figure-where", Input).value, self.keys)
        except UserError as error:
            self.app.notify(error.message, severity="error", markup=False)
            self.status(error.message, error=True)
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.folder.parent / path
        if not path.suffix:
            path = path.with_name(f"{path.name}.{self.query_one(FormatChoice).value}")
        if self.pending is not None:
            self.status(_("Still making the previous one; a moment…"))
            return
        self.status(_("Making the figure…"))
        self.pending = FigureRequest(self.kind, self._subject(), where, path,
                                     self.query_one(NamesChoice).hidden)
        self.on_submit(self.pending)

    def action_pick_code(self) -> None:
        if not KINDS[self.kind].subject.startswith("code"):
            self.app.notify(_("This figure is not about one code."), severity="warning")
            return

        def chosen(picked: Picked | None) -> None:
            if picked is not None and picked.ids:
                subject = self.query_one("#figure-subject", Input)
                subject.value = self.paths[picked.ids[0]]
                subject.focus()

        self.app.push_screen(CodePicker(self.codes, self.paths, _("Code for the figure"),
                                        multiple=False, counts=self.counts), chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
