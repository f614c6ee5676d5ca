"""Who speaks in the highlighted document, and what its import asks to check.

The Documents tab's lower panel (issue 10: "a speakers view where a role is one
key"). A speaker filed under the wrong role loses its words to every analysis
that leaves the interviewer out, so the role is shown beside its share of the
words, and `i` / `r` give it the other one (in this document; `I` / `R` in
every document where the label speaks). The import summary's warnings, read
again from the turns as stored now, sit under the list. The widget posts what
was asked; the Documents pane writes it through the workbench's write worker.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from verbatims.i18n import N_, _, ngettext
from verbatims.tui.data import DocumentSpeakers, SpeakerRow


class SpeakerTable(DataTable[Text]):
    """The speakers of one document; its keys change the highlighted one's role."""

    BINDINGS = [
        Binding("i", "role('interviewer')", N_("Interviewer"),
                tooltip=N_("This speaker asks the questions (in this document)")),
        Binding("r", "role('respondent')", N_("Respondent"),
                tooltip=N_("This speaker answers (in this document)")),
        Binding("I", "role('interviewer', True)", N_("Interviewer everywhere"), show=False,
                tooltip=N_("This label asks the questions, in every document")),
        Binding("R", "role('respondent', True)", N_("Respondent everywhere"), show=False,
                tooltip=N_("This label answers, in every document")),
    ]

    class RoleAsked(Message):
        def __init__(self, label: str, role: str, everywhere: bool) -> None:
            super().__init__()
            self.label = label
            self.role = role
            self.everywhere = everywhere

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.rows_shown: list[SpeakerRow] = []

    def on_mount(self) -> None:
        self.add_column(_("speaker"), width=26)
        self.add_column(_("role"), width=15)
        self.add_column(_("turns"), width=6)
        self.add_column(_("words"), width=6)

    @property
    def highlighted(self) -> SpeakerRow | None:
        i = self.cursor_row
        return self.rows_shown[i] if 0 <= i < len(self.rows_shown) else None

    def show(self, rows: list[SpeakerRow]) -> None:
        # here, not at the top: the readers' registry it imports is not needed to start
        from verbatims.ingest.summary import role_name

        keep = self.cursor_row
        self.rows_shown = rows
        self.clear()
        for row in rows:
            label = row.label or _("(preamble)")
            self.add_row(Text(label[:26]), Text(role_name(row.role)),
                         Text(str(row.turns), justify="right"),
                         Text(f"{round(100 * row.share)} %", justify="right"))
        if rows:
            self.move_cursor(row=min(max(0, keep), len(rows) - 1))

    def action_role(self, role: str, everywhere: bool = False) -> None:
        row = self.highlighted
        if row is None:
            return
        if row.label is None:
            self.notify(_("The text before the first turn has no speaker to give a role."),
                        severity="warning")
            return
        self.post_message(self.RoleAsked(row.label, role, everywhere))


class SpeakersPanel(Vertical):
    """Title, the speaker table, and the import summary's warnings."""

    def compose(self) -> ComposeResult:
        yield Label("", id="speakers-title")
        yield SpeakerTable(id="speakers-table")
        with VerticalScroll(id="speakers-notes"):
            yield Static("", id="speakers-warnings")

    @property
    def table(self) -> SpeakerTable:
        return self.query_one(SpeakerTable)

    @property
    def title(self) -> str:
        content = self.query_one("#speakers-title", Label).content
        return content.plain if isinstance(content, Text) else str(content)

    @property
    def warnings_text(self) -> str:
        content = self.query_one("#speakers-warnings", Static).content
        return content.plain if isinstance(content, Text) else str(content)

    def show(self, found: DocumentSpeakers | None) -> None:
        title = self.query_one("#speakers-title", Label)
        notes = self.query_one("#speakers-warnings", Static)
        if found is None:
            title.update(Text(_("Speakers: highlight a document.")))
            self.table.show([])
            notes.update("")
            return
        turns = sum(r.turns for r in found.rows if r.label is not None)
        title.update(Text(ngettext(
            "Speakers of {name} ({n} turn): s to change a role",
            "Speakers of {name} ({n} turns): s to change a role", turns).format(
                name=found.name, n=turns)))
        self.table.show(found.rows)
        text = Text()
        if found.warnings:
            for warning in found.warnings:
                text.append("⚠ " + _("To check: ") + warning + "\n", style="bold")
        else:
            text.append(_("The import found nothing to check in this document."), style="dim")
        notes.update(text)
