"""Retrieval: the coded extracts of a code (sub-codes included), filterable."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label

from verbatims import where
from verbatims.folding import fold
from verbatims.model.entities import Segment
from verbatims.tui import filters


class Jump(Message):
    """Open a document with [start, end) selected (from an extract or a search hit)."""

    def __init__(self, document_id: int, start: int, end: int, code: bool = False) -> None:
        super().__init__()
        self.document_id = document_id
        self.start = start
        self.end = end
        self.code = code


class ExtractsPane(Vertical):
    BINDINGS = [Binding("f", "focus_filter", "Filter")]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.segments: list[Segment] = []
        self.shown: list[Segment] = []
        self.code_label = ""

    def compose(self) -> ComposeResult:
        yield Label("Choose a code (enter in the Codes tab, or e here) to see its extracts.",
                    id="extracts-title")
        yield Input(placeholder="filter: type_collectivite=EPCI  genre=femme  word",
                    id="extracts-filter")
        yield DataTable(id="extracts-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("document", width=22)  # fixed: the extract must show at 80 columns
        table.add_column("speaker", width=14)
        table.add_column("code", width=16)
        table.add_column("extract")

    def show(self, code_label: str, segments: list[Segment]) -> None:
        self.code_label = code_label
        self.segments = segments
        self._refill()

    def _refill(self) -> None:
        spec = filters.parse(self.query_one("#extracts-filter", Input).value)
        shown = []
        for seg in self.segments:
            if not spec.attributes_hold(seg.attributes):
                continue
            values = [where.text_of(v) for v in seg.attributes.values()]
            haystack = fold(" ".join([seg.text, seg.document, *values]))
            if any(w not in haystack for w in spec.words):
                continue
            shown.append(seg)
        self.shown = shown
        table = self.query_one(DataTable)
        table.clear()
        for i, seg in enumerate(shown):
            one_line = " ".join(seg.text.split())
            table.add_row(Text(seg.document), Text(seg.speaker or ""),
                          Text(seg.code_path.rsplit("/", 1)[-1]),
                          Text(one_line[:300] + ("  ✎" if seg.coding.memo else "")), key=str(i))
        self.query_one("#extracts-title", Label).update(
            f"[b]{escape(self.code_label)}[/b]: {len(shown)} of {len(self.segments)} extracts "
            "(enter jumps to the transcript)")

    @on(Input.Changed, "#extracts-filter")
    def _filter(self) -> None:
        self._refill()

    @on(Input.Submitted, "#extracts-filter")
    def _to_table(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#extracts-table")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is None:
            return
        seg = self.shown[int(event.row_key.value)]
        self.post_message(Jump(seg.coding.document_id, seg.coding.start, seg.coding.end))

    def action_focus_filter(self) -> None:
        self.query_one("#extracts-filter", Input).focus()
