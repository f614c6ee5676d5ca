"""Corpus search as a concordance: type, enter, read each hit between its left and right
context (the matches aligned in one column, as Lexico and IRaMuTeQ print them), then
jump to a hit or code it (the hit, or its sentence).

The first search of a corpus analyses it once (lemmas, kept in the project):
that shows as a progress bar that `esc` cancels, and is not taken for a
colleague's change of the project.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Input, Label

from verbatims.i18n import N_, _, ngettext
from verbatims.model.entities import Turn
from verbatims.search import Hit, search
from verbatims.tui import context
from verbatims.tui import textmodel as tm
from verbatims.tui.messages import CodeSpanAsked, Jump
from verbatims.tui.pane import Pane
from verbatims.tui.progress import Cancelled


class SearchPane(Pane):
    BINDINGS = [
        Binding("f", "focus_query", N_("Query")),
        Binding("c", "code_hit", N_("Code this hit")),
        Binding("s", "code_hit('sentence')", N_("Code its sentence")),
        Binding("t", "code_hit('turn')", N_("Code its turn"), show=False),
    ]

    class Done(Message):
        def __init__(self, hits: list[Hit], names: dict[int, str], texts: dict[int, str],
                     turns: dict[int, list[Turn]]) -> None:
            super().__init__()
            self.hits = hits
            self.names = names
            self.texts = texts
            self.turns = turns

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._hits: list[Hit] = []
        self._texts: dict[int, str] = {}
        self._names: dict[int, str] = {}
        self._turns: dict[int, list[Turn]] = {}

    def compose(self) -> ComposeResult:
        yield Input(placeholder=_("search the corpus (typos, accents and OCR noise "
                                  "tolerated)"), id="search-input")
        yield Label("", id="search-status")
        yield DataTable(id="search-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("document"), width=DOC_WIDTH)  # narrow: the context at 80
        self._columns = (table.add_column(_("left"), width=20),
                         table.add_column(_("match"), width=14),
                         table.add_column(_("right"), width=20))

    def _widths(self) -> tuple[int, int, int]:
        """Left context, match and right context: the table's width, no sideways scrolling;
        the match column as wide as the longest match (up to 24)."""
        table = self.query_one(DataTable)
        width = (table.size.width or self.size.width or 80) - table.styles.scrollbar_size_vertical
        room = max(30, width - (DOC_WIDTH + 2) - 3 * 2)
        longest = max((len(" ".join(self._texts[h.document_id][h.start:h.end].split()))
                       for h in self._hits), default=8)
        match = max(8, min(24, longest))
        left = (room - match) // 2
        return left, match, room - match - left

    def on_resize(self) -> None:
        if self._hits and self._widths() != tuple(
                self.query_one(DataTable).columns[c].width for c in self._columns):
            keep = self.query_one(DataTable).cursor_row
            self._fill()
            self.query_one(DataTable).move_cursor(row=keep)

    # -- what others may read ------------------------------------------------------------

    @property
    def hits(self) -> tuple[Hit, ...]:
        return tuple(self._hits)

    @property
    def status(self) -> str:
        content = self.query_one("#search-status", Label).content
        return content.plain if isinstance(content, Text) else str(content)

    # -- pane hooks ----------------------------------------------------------------------------

    def focus_default(self) -> None:
        """The hits when there are some (the next key is a command), else the query."""
        if self._hits:
            self.query_one(DataTable).focus()
        else:
            self.action_focus_query()

    # -- searching -----------------------------------------------------------------------------

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._say(_("Searching…"))
            self.run_search(event.value)

    def search_for(self, query: str) -> None:
        """Search `query` as if typed (a figure's term chosen in the Figures tab)."""
        self.query_one("#search-input", Input).value = query
        self._say(_("Searching…"))
        self.run_search(query)

    def _say(self, text: str) -> None:
        self.query_one("#search-status", Label).update(Text(text))

    @work(thread=True, group="search", exclusive=True)
    def run_search(self, query: str) -> None:
        from verbatims.nlp.cache import ensure_parsed

        bench = self.bench

        def find() -> None:
            project = bench.project
            try:
                analysing = _("Analysing the corpus, first time only…")
                with bench.own_work(), bench.start_work(analysing) as job:

                    def step(done: int, total: int) -> None:
                        first = not job.shown
                        job.say(analysing)
                        job.step(done, total)  # the notice says what is done, once
                        if first and not done:  # the model takes seconds to load, the bar
                            job.say(_("Loading the French language model…"))  # at 0 %
                            job.step(done, total)

                    ensure_parsed(project, progress=step)
                    hits = search(project, query)
            except Cancelled:
                bench.call_from_thread(self._say, _("Search cancelled."))
                return
            names = {d.id: d.name for d in project.documents()}
            used = {h.document_id for h in hits}
            texts = {d: project.text(d) for d in used}
            turns = {d: project.turns(d) for d in used}
            self.post_message(self.Done(hits, names, texts, turns))

        self.guarded(find)

    @on(Done)
    def _done(self, message: Done) -> None:
        self._turns = message.turns
        self.show(message.hits, message.names, message.texts)

    def show(self, hits: list[Hit], names: dict[int, str], texts: dict[int, str]) -> None:
        self._hits = hits
        self._texts = texts
        self._names = names
        self._fill()
        self._say(ngettext("{n} hit: enter jumps to it, c codes it, s codes its sentence, "
                           "f new query",
                           "{n} hits: enter jumps to one, c codes it, s codes its sentence, "
                           "f new query", len(hits)).format(n=len(hits)))
        if hits:
            self.query_one(DataTable).focus()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        widths = self._widths()
        for key, width in zip(self._columns, widths, strict=True):
            table.columns[key].width = width
        left_width, _match, right_width = widths
        table.clear()
        for i, hit in enumerate(self._hits):
            name = self._names.get(hit.document_id, "?").rsplit(".", 1)[0]
            left, match, right = context.concordance(self._texts[hit.document_id], hit.start,
                                                     hit.end, left_width, right_width)
            table.add_row(Text(context.cut(name, DOC_WIDTH)),
                          Text(left, justify="right", no_wrap=True),
                          Text(match, style="bold reverse", no_wrap=True),
                          Text(right, no_wrap=True), key=str(i))

    def _current(self) -> Hit | None:
        table = self.query_one(DataTable)
        if not self._hits or not 0 <= table.cursor_row < len(self._hits):
            return None
        return self._hits[table.cursor_row]

    @on(DataTable.RowSelected, "#search-table")
    def _chosen(self) -> None:
        hit = self._current()
        if hit is not None:
            self.post_message(Jump(hit.document_id, hit.start, hit.end))

    def span(self, hit: Hit, unit: str = "") -> tuple[int, int]:
        """The hit itself, or the sentence or speaker turn around it."""
        text = self._texts.get(hit.document_id, "")
        turns = self._turns.get(hit.document_id, [])
        if unit == "sentence" and text:
            return tm.sentence_at(text, hit.start, turns)
        if unit == "turn" and text:
            return tm.utterance_at(text, turns, hit.start)
        return hit.start, hit.end

    def action_code_hit(self, unit: str = "") -> None:
        """Code the hit (or its sentence, its turn) here: the keys stay on the hits."""
        hit = self._current()
        if hit is not None:
            start, end = self.span(hit, unit)
            self.post_message(CodeSpanAsked(hit.document_id, start, end))

    def action_focus_query(self) -> None:
        self.query_one("#search-input", Input).focus()


DOC_WIDTH = 16
