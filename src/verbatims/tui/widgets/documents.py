"""The document list: attributes as columns, sortable, filtered as you type."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input

from verbatims.model.entities import Document
from verbatims.tui import filters
from verbatims.tui.data import Overview

FIXED = ("#", "document", "words", "codings", "coded")


class DocumentsPane(Vertical):
    """Filter box above a table; enter opens the highlighted document."""

    BINDINGS = [
        Binding("f", "focus_filter", "Filter"),
        Binding("o", "sort(1)", "Sort"),
        Binding("O", "sort(-1)", "Reverse sort", show=False),
    ]

    class Chosen(Message):
        def __init__(self, document_id: int) -> None:
            super().__init__()
            self.document_id = document_id

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.data: Overview | None = None
        self.shown: list[Document] = []
        self.sort_column = 0
        self.reverse = False

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter: EPCI  type_collectivite=commune  code=cybersécurité",
                    id="doc-filter")
        yield DataTable(id="doc-table", cursor_type="row", zebra_stripes=True)

    def show(self, data: Overview) -> None:
        self.data = data
        self._refill()

    @property
    def columns(self) -> list[str]:
        return [*FIXED, *(self.data.keys if self.data else [])]

    def _refill(self) -> None:
        if self.data is None:
            return
        table = self.query_one(DataTable)
        keep = table.cursor_row
        selected = self.shown[keep].id if 0 <= keep < len(self.shown) else None
        data = self.data
        text = self.query_one("#doc-filter", Input).value
        self.shown = filters.matching(data.documents, data.attributes, data.doc_codes,
                                      data.codes, data.paths, text)
        self.shown.sort(key=self._key, reverse=self.reverse)
        table.clear(columns=True)
        for i, name in enumerate(self.columns):
            mark = (" ▼" if self.reverse else " ▲") if i == self.sort_column else ""
            table.add_column(name + mark, key=name)
        for doc in self.shown:
            attrs = data.attributes.get(doc.id, {})
            table.add_row(  # Text, not str: a "[rires]" in a value is not markup
                Text(str(doc.position)), Text(doc.name),
                Text(f"{doc.word_count:,}".replace(",", " ")),
                Text(str(data.doc_codings.get(doc.id, 0))),
                Text(f"{round(100 * data.coded_share.get(doc.id, 0.0))} %"),
                *(Text(str(attrs.get(k, ""))) for k in data.keys),
                key=str(doc.id),
            )
        ids = [d.id for d in self.shown]
        if selected in ids:
            table.move_cursor(row=ids.index(selected))
        self.border_subtitle = f"{len(self.shown)} of {len(data.documents)} documents"

    def update_documents(self, data: Overview, document_ids: object) -> None:
        """New coding figures for a few documents, without rebuilding the table."""
        self.data = data
        table = self.query_one(DataTable)
        shown = {d.id for d in self.shown}
        for doc_id in document_ids:  # type: ignore[attr-defined]
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

    def action_sort(self, step: int) -> None:
        if step < 0:
            self._sort_by(self.sort_column)
        else:
            self._sort_by((self.sort_column + 1) % len(self.columns))

    def focus_table(self) -> None:
        self.query_one(DataTable).focus()
