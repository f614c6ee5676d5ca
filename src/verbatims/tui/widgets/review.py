"""The auto-coding review queue: pending suggestions, accepted or rejected one by one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label

from verbatims.i18n import _
from verbatims.tui.data import ReviewRow as Row
from verbatims.tui.widgets.extracts import Jump


def empty_text() -> str:
    """The title of an empty queue (translated when shown)."""
    return _("No suggestions to review: run `verbatims autocode`, or press L to learn "
             "from your coding.")


def score_text(row: Row) -> str:
    """A learned suggestion's probability ("82%"); a keyword's match score ("100")."""
    return f"{row.score:.0f}%" if row.source == "learned" else f"{row.score:g}"


class ReviewPane(Vertical):
    BINDINGS = [
        Binding("a", "decide('accept')", "Accept"),
        Binding("d", "decide('reject')", "Reject"),
        Binding("t", "decide('turn')", "Whole turn"),
        Binding("A", "decide('accept_code')", "Accept all of this code"),
        Binding("g", "show", "Go to passage", show=False),
        Binding("L", "learn", "Learn from my coding"),
    ]

    class Learn(Message):
        """Retrain on the hand coding as it stands; refresh the queue with its suggestions."""

    class Decide(Message):
        """accept, reject, turn (widen to the speaker turn) or accept_code."""

        def __init__(self, action: str, row: Row) -> None:
            super().__init__()
            self.action = action
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.rows: list[Row] = []

    def compose(self) -> ComposeResult:
        yield Label(empty_text(), id="review-title")
        yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield Label("", id="review-detail")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("code", width=20)  # fixed: the passage must show at 80 columns
        table.add_column("score", width=5)
        table.add_column("keyword", width=14)
        table.add_column("passage")
        table.add_column("document")

    def show(self, rows: list[Row]) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        self.rows = rows
        table.clear()
        for row in rows:
            passage = Text("…" + row.before)
            passage.append(row.matched, style="bold reverse")
            passage.append(row.after + "…")
            table.add_row(Text(row.code.rsplit("/", 1)[-1]), Text(score_text(row)),
                          Text(row.keyword or "≈"), passage, Text(row.document),
                          key=str(row.id))
        if rows:
            table.move_cursor(row=min(max(0, keep), len(rows) - 1))
        self._detail()
        documents = len({r.document_id for r in rows})
        self.query_one("#review-title", Label).update(
            f"{len(rows)} suggestion(s) to review in {documents} document(s): a accepts, "
            "d rejects, t widens to the turn, enter shows the passage, L learns again"
            if rows else
            empty_text())

    def _detail(self) -> None:
        """Why the highlighted suggestion is made, and how far its code is trusted."""
        row = self.current()
        label = self.query_one("#review-detail", Label)
        if row is None:
            label.update("")
            return
        if row.source == "learned":
            why = _("Learned, {score:.0f} %: {why}").format(score=row.score,
                                                           why=row.why or "–")
        else:
            why = _("Keyword {keyword!r} matched {matched!r} (score {score:g})").format(
                keyword=row.keyword, matched=row.matched, score=row.score)
        label.update(Text(why + "\n" + row.trust))

    @on(DataTable.RowHighlighted, "#review-table")
    def _highlighted(self) -> None:
        self._detail()

    def current(self) -> Row | None:
        table = self.query_one(DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def action_decide(self, action: str) -> None:
        row = self.current()
        if row is not None:
            self.post_message(self.Decide(action, row))

    def action_learn(self) -> None:
        self.post_message(self.Learn())

    def action_show(self) -> None:
        row = self.current()
        if row is not None:
            self.post_message(Jump(row.document_id, row.start, row.end))

    @on(DataTable.RowSelected, "#review-table")
    def _chosen(self) -> None:
        self.action_show()
