"""Corpus search as a concordance: type, enter, read each hit between its left and right
context (the matches aligned in one column, as Lexico and IRaMuTeQ print them), then
jump to a hit or code it directly."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label

from verbatims.model.entities import Hit
from verbatims.tui.widgets.extracts import Jump


def concordance_line(text: str, start: int, end: int, width: int = 60) -> tuple[str, str, str]:
    """The hit and its context on one line each side, whitespace folded: the left
    context ends where the match starts, so matches line up in their column."""
    left = " ".join(text[max(0, start - 3 * width):start].split())[-width:]
    right = " ".join(text[end:end + 3 * width].split())[:width]
    return left, " ".join(text[start:end].split()), right


class SearchPane(Vertical):
    BINDINGS = [
        Binding("f", "focus_query", "Query"),
        Binding("c", "code_hit", "Code this hit"),
    ]

    class Query(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search the corpus (typos, accents and OCR noise tolerated)",
                    id="search-input")
        yield Label("", id="search-status")
        yield DataTable(id="search-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("document", width=18)  # fixed: the context must show at 80 columns
        table.add_column("left", width=24)
        table.add_column("match", width=14)
        table.add_column("right")

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.query_one("#search-status", Label).update("Searching…")
            self.post_message(self.Query(event.value))

    def show(self, hits: list[Hit], names: dict[int, str], texts: dict[int, str]) -> None:
        self.hits = hits
        table = self.query_one(DataTable)
        table.clear()
        for i, hit in enumerate(hits):
            left, match, right = concordance_line(texts[hit.document_id], hit.start, hit.end)
            table.add_row(Text(names.get(hit.document_id, "?")),
                          Text(left[-24:], justify="right", no_wrap=True),
                          Text(match, style="bold reverse"), Text(right, no_wrap=True),
                          key=str(i))
        self.query_one("#search-status", Label).update(
            f"{len(hits)} hit(s); enter jumps to the transcript, c codes the hit")
        if hits:
            table.focus()

    def _current(self) -> Hit | None:
        table = self.query_one(DataTable)
        if not self.hits or not 0 <= table.cursor_row < len(self.hits):
            return None
        return self.hits[table.cursor_row]

    @on(DataTable.RowSelected, "#search-table")
    def _chosen(self) -> None:
        hit = self._current()
        if hit is not None:
            self.post_message(Jump(hit.document_id, hit.start, hit.end))

    def action_code_hit(self) -> None:
        hit = self._current()
        if hit is not None:
            self.post_message(Jump(hit.document_id, hit.start, hit.end, code=True))

    def action_focus_query(self) -> None:
        self.query_one("#search-input", Input).focus()
