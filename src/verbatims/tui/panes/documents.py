"""The document list: attributes as columns, sortable, filtered as you type; under it,
who speaks in the highlighted document, with a role one key away (widgets/speakers.py)."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Input, Label

from verbatims.i18n import N_, _, ngettext
from verbatims.model.entities import Document, Role
from verbatims.tui import filters
from verbatims.tui.data import DocumentSpeakers, Overview, document_speakers
from verbatims.tui.messages import Jump
from verbatims.tui.pane import MemoTarget, Pane
from verbatims.tui.widgets.listtable import ListTable
from verbatims.tui.widgets.speakers import SpeakersPanel, SpeakerTable

# Column keys (stable) and their titles (translated when shown).
FIXED = ("#", "document", "words", "codings", "coded")
TITLES = {"#": "#", "document": N_("document"), "words": N_("words"),
          "codings": N_("codings"), "coded": N_("coded")}
# Rows added at once when the list is rebuilt (a tall terminal shows ~60), then in
# batches after each refresh, so the first screen does not wait for 2,000 rows.
FIRST_ROWS = 200
BATCH_ROWS = 400


class DocumentsPane(Pane):
    """Filter box above a table; enter opens the highlighted document."""

    BINDINGS = [
        Binding("f", "focus_filter", N_("Filter")),
        Binding("o", "sort(1)", N_("Sort")),
        Binding("O", "sort(-1)", N_("Reverse sort"), show=False),
        Binding("s", "speakers", N_("Speakers"),
                tooltip=N_("The speakers of this document: give one its role (esc: back)")),
    ]
    KEY_WIDGETS = (SpeakerTable,)

    class Chosen(Message):
        def __init__(self, document_id: int) -> None:
            super().__init__()
            self.document_id = document_id

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.data: Overview | None = None
        self._shown: list[Document] = []
        self.sort_column = 0
        self.reverse = False
        self._speakers_stale = False
        self._filled = 0  # rows of _shown in the table so far
        self._fill_round = 0  # one more at each rebuild: a batch of an older one stops

    def compose(self) -> ComposeResult:
        yield Input(placeholder=_("filter: EPCI  type_collectivite=commune  "
                                  "code=cybersécurité"), id="doc-filter")
        yield ListTable(id="doc-table", cursor_type="row", zebra_stripes=True)
        yield Label("", id="doc-count")
        yield SpeakersPanel(id="doc-speakers")

    # -- what others may read ---------------------------------------------------------

    @property
    def documents(self) -> tuple[Document, ...]:
        """The documents shown, in the order shown (after filter and sort)."""
        return tuple(self._shown)

    @property
    def highlighted(self) -> Document | None:
        """The document under the table's cursor."""
        row = self.query_one(DataTable).cursor_row
        return self._shown[row] if 0 <= row < len(self._shown) else None

    @property
    def speakers(self) -> SpeakersPanel:
        """The panel under the list: the highlighted document's speakers."""
        return self.query_one(SpeakersPanel)

    @property
    def filter_text(self) -> str:
        return self.query_one("#doc-filter", Input).value

    @filter_text.setter
    def filter_text(self, text: str) -> None:
        self.query_one("#doc-filter", Input).value = text

    # -- pane hooks -----------------------------------------------------------------------

    def focus_default(self) -> None:
        self.query_one(DataTable).focus()

    def overview_changed(self, data: Overview) -> None:
        self.data = data
        self._refill()
        self.load_speakers()

    def project_changed(self) -> None:
        # A role changed, or undone: one document read again, but only where it shows.
        # Read after every coding in another tab, it competed with the redraw of the
        # coded line (the document's whole text examined in a thread).
        if self.bench.active_tab_name == "documents":
            self.load_speakers()
        else:
            self._speakers_stale = True

    def activated(self) -> None:
        if self._speakers_stale:
            self.load_speakers()

    def memo_target(self) -> MemoTarget | None:
        doc = self.highlighted
        if doc is None:
            return None
        return MemoTarget("document", doc.id,
                          _("Memo on the document {name}").format(name=doc.name))

    # -- drawing ----------------------------------------------------------------------------

    @property
    def columns(self) -> list[str]:
        return [*FIXED, *(self.data.keys if self.data else [])]

    def _refill(self) -> None:
        """Rebuild the table: the rows a screen shows at once, the others in batches after
        the next refreshes (2,000 rows of a dozen columns took 0.7 s before the first
        screen, and as long after each key typed in the filter)."""
        if self.data is None:
            return
        table = self.query_one(DataTable)
        kept = self.highlighted
        data = self.data
        self._shown = filters.matching(data.documents, data.attributes, data.doc_codes,
                                       data.codes, data.paths, self.filter_text)
        self._shown.sort(key=self._key, reverse=self.reverse)
        table.clear(columns=True)
        self._filled = 0
        self._fill_round += 1
        for i, name in enumerate(self.columns):
            mark = (" ▼" if self.reverse else " ▲") if i == self.sort_column else ""
            title = _(TITLES[name]) if name in TITLES else name
            table.add_column(title + mark, key=name)
        ids = [d.id for d in self._shown]
        at = ids.index(kept.id) if kept is not None and kept.id in ids else None
        self._fill(FIRST_ROWS if at is None else max(FIRST_ROWS, at + FIRST_ROWS))
        if at is not None:
            table.move_cursor(row=at)
        self._count()

    def _fill(self, upto: int) -> None:
        """Add the rows shown up to `upto`; the rest after the next refresh."""
        assert self.data is not None
        data, table = self.data, self.query_one(DataTable)
        for doc in self._shown[self._filled:upto]:
            attrs = data.attributes.get(doc.id, {})
            table.add_row(  # Text, not str: a "[rires]" in a value is not markup
                Text(str(doc.position)), Text(doc.name),
                Text(f"{doc.word_count:,}".replace(",", " ")),
                Text(str(data.doc_codings.get(doc.id, 0))),
                Text(f"{round(100 * data.coded_share.get(doc.id, 0.0))} %"),
                *(Text(str(attrs.get(k, ""))) for k in data.keys),
                key=str(doc.id),
            )
        first = self._filled == 0
        self._filled = min(upto, len(self._shown))
        if self._filled < len(self._shown):
            this_round = self._fill_round

            def more() -> None:
                if this_round == self._fill_round:  # not rebuilt meanwhile
                    self._fill(self._filled + BATCH_ROWS)

            # the first screen is drawn before the rest; keys typed meanwhile come
            # before each next batch
            (self.call_after_refresh if first else self.call_later)(more)

    @property
    def filled(self) -> bool:
        """Every document shown is in the table (its last rows come in batches)."""
        return self._filled >= len(self._shown)

    def _count(self) -> None:
        assert self.data is not None
        total = len(self.data.documents)
        shown = len(self._shown)
        text = ngettext("{shown} document of {total}", "{shown} documents of {total}",
                        shown).format(shown=shown, total=total)
        if shown == 0 and self.filter_text.strip():
            text = _("No document matches “{filter}” (0 of {total}); change the filter "
                     "or press ctrl+u in it to clear it.").format(filter=self.filter_text,
                                                                  total=total)
        self.query_one("#doc-count", Label).update(Text(text))

    def update_documents(self, data: Overview, document_ids: set[int]) -> None:
        """New coding figures for a few documents, without rebuilding the table."""
        self.data = data
        table = self.query_one(DataTable)
        shown = {d.id for d in self._shown[:self._filled]}  # the others are added from data
        for doc_id in document_ids:
            if doc_id not in shown:
                continue
            table.update_cell(str(doc_id), "codings",
                              Text(str(data.doc_codings.get(doc_id, 0))))
            table.update_cell(str(doc_id), "coded",
                              Text(f"{round(100 * data.coded_share.get(doc_id, 0.0))} %"))

    def _key(self, doc: Document) -> tuple[int, float, str]:
        assert self.data is not None
        column = self.columns[self.sort_column]
        value: object
        if column == "#":
            value = doc.position
        elif column == "document":
            value = doc.name
        elif column == "words":
            value = doc.word_count
        elif column == "codings":
            value = self.data.doc_codings.get(doc.id, 0)
        elif column == "coded":
            value = self.data.coded_share.get(doc.id, 0.0)
        else:
            value = self.data.attributes.get(doc.id, {}).get(column, "")
        if isinstance(value, int | float):
            return (0, float(value), "")
        return (1, 0.0, str(value).casefold())

    @on(Input.Changed, "#doc-filter")
    def _filter(self) -> None:
        self._refill()

    @on(Input.Submitted, "#doc-filter")
    def _to_table(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#doc-table")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(self.Chosen(int(event.row_key.value)))

    @on(DataTable.HeaderSelected, "#doc-table")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        self._sort_by(event.column_index)

    def _sort_by(self, column: int) -> None:
        if column == self.sort_column:
            self.reverse = not self.reverse
        else:
            self.sort_column, self.reverse = column, False
        self._refill()

    def action_focus_filter(self) -> None:
        self.query_one("#doc-filter", Input).focus()

    # -- speakers ------------------------------------------------------------------------------

    def action_speakers(self) -> None:
        table = self.speakers.table
        if table.has_focus:
            self.focus_default()
        else:
            table.focus()

    @on(DataTable.RowHighlighted, "#doc-table")
    def _highlighted(self) -> None:
        self.load_speakers()

    @work(thread=True, group="speakers", exclusive=True)
    def load_speakers(self) -> None:
        self._speakers_stale = False
        doc = self.highlighted

        def load() -> None:
            found = document_speakers(self.bench.project, doc.id) if doc else None
            self.bench.call_from_thread(self._show_speakers, found)

        self.guarded(load)

    def _show_speakers(self, found: DocumentSpeakers | None) -> None:
        doc = self.highlighted
        if found is not None and (doc is None or doc.id != found.document_id):
            return  # the cursor moved on meanwhile: a newer load follows
        self.speakers.show(found)

    @on(SpeakerTable.RoleAsked)
    def _role_asked(self, event: SpeakerTable.RoleAsked) -> None:
        from verbatims.ingest.summary import role_name
        from verbatims.store.speakers import set_speaker

        doc = self.highlighted
        if doc is None:
            return
        bench = self.bench
        project, coder = bench.project, bench.coder
        role: Role = "interviewer" if event.role == "interviewer" else "respondent"
        only = None if event.everywhere else doc.id

        def change() -> tuple[str | None, int | None]:
            done = set_speaker(project, event.label, coder, role, None, only)
            if not done.turns:
                return _("{label} is already {role}; nothing changed.").format(
                    label=event.label, role=role_name(role)), None
            turns = ngettext("{n} turn", "{n} turns", done.turns).format(n=done.turns)
            where = ngettext("in {n} document", "in {n} documents", done.documents).format(
                n=done.documents)
            return _("{label} is now {role}: {turns} {where} (u undoes it).").format(
                label=event.label, role=role_name(role), turns=turns, where=where), doc.id

        bench.write(change, full=True)  # the analyses count the respondents' words anew

    @on(DataTable.RowSelected, "#speakers-table")
    def _speaker_chosen(self) -> None:
        doc, row = self.highlighted, self.speakers.table.highlighted
        if doc is not None and row is not None:
            self.post_message(Jump(doc.id, row.first, row.first, unit="turn"))

    def action_sort(self, step: int) -> None:
        if step < 0:
            self._sort_by(self.sort_column)
        else:
            self._sort_by((self.sort_column + 1) % len(self.columns))
