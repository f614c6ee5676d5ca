"""Small modal editors: a memo (multi-line), a one-line prompt, a yes/no question.

Esc on a memo that was changed asks first: save, discard, or keep writing.
A memo is often the longest thing a researcher types in a day.
"""

from __future__ import annotations

from rich.markup import escape
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, TextArea

from verbatims.i18n import N_, _


class Confirm(ModalScreen[str]):
    """A question with lettered answers, e.g. save (s), discard (d), keep editing (esc)."""

    BINDINGS = [Binding("escape", "answer('back')", N_("Keep editing"))]

    def __init__(self, question: str, answers: dict[str, str]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers  # key -> answer id

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(escape(self.question), id="confirm-title")

    def on_key(self, event: events.Key) -> None:
        if event.key in self.answers:
            event.stop()
            self.dismiss(self.answers[event.key])

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)


class MemoEditor(ModalScreen[str | None]):
    """Edit a memo or a summary; ctrl+s saves (empty text deletes), esc asks if changed."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("escape", "cancel", N_("Close (asks before losing changes)")),
    ]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.initial = text

    def compose(self) -> ComposeResult:
        with Vertical(id="memo"):
            keys = _("(ctrl+s saves, esc closes)")
            yield Label(f"{escape(self.title_text)}  {escape(keys)}", id="memo-title")
            yield TextArea(self.initial, id="memo-text", soft_wrap=True)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @property
    def changed(self) -> bool:
        return self.text != self.initial

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.dismiss(self.text)
            elif answer == "discard":
                self.dismiss(None)

        self.app.push_screen(Confirm(_("This memo was changed. s saves it, d discards the "
                                       "changes, esc goes back to writing."),
                                     {"s": "save", "d": "discard"}), answered)


class Prompt(ModalScreen[str | None]):
    """Ask for one line (a code name, a colour); enter accepts, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(escape(self.title_text), id="prompt-title")
            yield Input(self.value, id="prompt-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
