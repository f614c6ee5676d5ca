"""The auto-coding review queue: run auto-coding, then accept or reject one by one.

`r` runs auto-coding on the whole corpus from here (the same as `verbatims
autocode`: each code at its grain, without the keywords the hand coding contradicts),
`L` learns from the hand coding as it stands (the same as `verbatims autocode
--learn`), each with a progress bar that `esc` cancels (nothing is saved then).
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label

from verbatims.i18n import N_, _, ngettext
from verbatims.store import suggestions
from verbatims.tui import context
from verbatims.tui.data import ReviewRow as Row
from verbatims.tui.data import review_rows
from verbatims.tui.messages import Jump
from verbatims.tui.pane import Pane
from verbatims.tui.progress import Cancelled

EMPTY = N_("No suggestions to review; r runs auto-coding on the corpus "
           "(or `verbatims autocode`), L learns from your coding.")


def score_text(row: Row) -> str:
    """A learned suggestion's probability ("82%"), a CHD segment's share of its class's
    terms ("40%"); a keyword's match score ("100")."""
    return f"{row.score:.0f}%" if row.source in ("learned", "chd") else f"{row.score:g}"


class ReviewPane(Pane):
    BINDINGS = [
        Binding("a", "decide('accept')", N_("Accept")),
        Binding("d", "decide('reject')", N_("Reject")),
        Binding("t", "decide('turn')", N_("Whole turn")),
        Binding("A", "decide('accept_code')", N_("Accept all of this code")),
        Binding("r", "autocode", N_("Run auto-coding")),
        Binding("L", "learn", N_("Learn from my coding")),
        Binding("g", "show", N_("Go to passage"), show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._rows: list[Row] = []

    def compose(self) -> ComposeResult:
        yield Label(_(EMPTY), id="review-title")
        yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield Label("", id="review-detail")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("code"), width=14)  # narrow: the passage must show at 80 columns
        table.add_column(_("score"), width=5)  # the heading whole ("scor" was cut)
        table.add_column(_("keyword"), width=12)
        table.add_column(_("document"), width=10)
        self._passage_column = table.add_column(_("passage"), width=self._passage_width())

    def _passage_width(self) -> int:
        """What is left of the table's width for the passage (no sideways scrolling)."""
        table = self.query_one(DataTable)
        width = (table.size.width or self.size.width or 80) - table.styles.scrollbar_size_vertical
        others = (14, 5, 12, 10)  # code, score, keyword, document; each cell pads 1 a side
        return max(24, width - sum(w + 2 for w in others) - 2)

    def on_resize(self) -> None:
        column = self.query_one(DataTable).columns.get(self._passage_column)
        if column is not None and column.width != self._passage_width() and self._rows:
            self.show(self._rows)

    # -- what others may read --------------------------------------------------------------

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(self._rows)

    @property
    def title(self) -> str:
        content = self.query_one("#review-title", Label).content
        return content.plain if isinstance(content, Text) else str(content)

    # -- pane hooks ------------------------------------------------------------------------

    def focus_default(self) -> None:
        self.query_one(DataTable).focus()

    def activated(self) -> None:
        self.load()

    def project_changed(self) -> None:
        if self.bench.active_tab_name == "review":
            self.load()

    # -- loading ---------------------------------------------------------------------------

    @work(thread=True, group="review", exclusive=True)
    def load(self) -> None:
        def load() -> None:
            rows = review_rows(self.bench.project)
            self.bench.call_from_thread(self.show, rows)

        self.guarded(load)

    def show(self, rows: list[Row]) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        self._rows = rows
        width = self._passage_width()
        column = table.columns.get(self._passage_column)
        if column is not None:
            column.width = width
        table.clear()
        for row in rows:
            passage = context.around(row.before, row.matched, row.after, width)
            table.add_row(Text(context.cut(row.code.rsplit("/", 1)[-1], 14)),
                          Text(score_text(row)),
                          Text(context.cut(row.keyword or "≈", 12)),
                          Text(context.cut(row.document.rsplit(".", 1)[0], 10)), passage,
                          key=str(row.id))
        if rows:
            table.move_cursor(row=min(max(0, keep), len(rows) - 1))
        self._detail()
        documents = len({r.document_id for r in rows})
        where = ngettext("in {n} document", "in {n} documents", documents).format(
            n=documents)
        title = ngettext("{n} suggestion to review {where}: a accepts, d rejects, t widens "
                         "to the turn, enter shows the passage",
                         "{n} suggestions to review {where}: a accepts, d rejects, t widens "
                         "to the turn, enter shows the passage",
                         len(rows)).format(n=len(rows), where=where)
        self.query_one("#review-title", Label).update(Text(title if rows else _(EMPTY)))

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
        elif row.source == "chd":
            why = _("Segment of a Reinert class (CHD); the class's terms here: {terms} "
                    "({score:.0f} % of the segment's terms)").format(terms=row.keyword,
                                                                    score=row.score)
        else:
            why = _("Keyword {keyword!r} matched {matched!r} (score {score:g})").format(
                keyword=row.keyword, matched=row.matched, score=row.score)
        label.update(Text(why + "\n" + row.trust))

    @property
    def detail(self) -> str:
        """The two lines under the list (why, and the code's figures), as shown."""
        content = self.query_one("#review-detail", Label).content
        return content.plain if isinstance(content, Text) else str(content)

    @on(DataTable.RowHighlighted, "#review-table")
    def _highlighted(self) -> None:
        self._detail()

    def current(self) -> Row | None:
        table = self.query_one(DataTable)
        if not self._rows or not 0 <= table.cursor_row < len(self._rows):
            return None
        return self._rows[table.cursor_row]

    # -- decisions -------------------------------------------------------------------------

    def action_decide(self, action: str) -> None:
        row = self.current()
        if row is None:
            return
        bench = self.bench
        project, coder = bench.project, bench.coder

        def change() -> tuple[str | None, int | None]:
            if action == "accept":
                suggestions.accept(project, row.id, coder)
                return _("Accepted: {code} (u undoes it).").format(code=row.code), \
                    row.document_id
            if action == "reject":
                suggestions.reject(project, row.id, coder)
                return _("Rejected; it will not be proposed again (u undoes it)."), None
            if action == "turn":
                suggestions.extend_to_turn(project, row.id)
                return _("Widened to the whole speaker turn."), None
            done = suggestions.accept_all(project, row.code_id, coder)
            return ngettext("Accepted {n} suggestion of {code} (u undoes it).",
                            "Accepted {n} suggestions of {code} (u undoes them all).", done).format(
                n=done, code=row.code), None

        bench.write(change)

    def action_show(self) -> None:
        row = self.current()
        if row is not None:
            self.post_message(Jump(row.document_id, row.start, row.end))

    @on(DataTable.RowSelected, "#review-table")
    def _chosen(self) -> None:
        self.action_show()

    # -- auto-coding from the workbench ------------------------------------------------------

    @work(thread=True, group="autocode", exclusive=True)
    def action_autocode(self) -> None:
        from verbatims.nlp import cache, learned
        from verbatims.nlp.autocode import propose, selected_codes

        bench = self.bench

        def run() -> None:
            project = bench.project
            try:
                with bench.own_work(), bench.start_work(_("Auto-coding: analysing the corpus, "
                                                    "first time only…")) as job:
                    job.step(0, 1)

                    def progress(done: int, total: int) -> None:
                        job.step(done, total)

                    chosen = selected_codes(project)
                    grains = learned.code_grains(project, chosen)
                    cache.ensure_parsed(project, progress=progress)
                    ignore = {code_id: set(found) for code_id, found in
                              learned.contradicted_keywords(project, chosen, grains).items()}
                    proposals = propose(project, (), grains, progress=progress, ignore=ignore)
                    job.say(_("Auto-coding: saving the suggestions…"))
                    job.step(1, 1)
                    codes = [c.id for c in chosen]
                    saved = suggestions.save(project, proposals, refresh=codes)
            except Cancelled:
                bench.call_from_thread(bench.notify, _("Auto-coding cancelled; nothing was "
                                                       "saved."))
                return
            note = ngettext("Auto-coding: {n} new suggestion to review.",
                            "Auto-coding: {n} new suggestions to review.",
                            saved.added).format(n=saved.added)
            bench.call_from_thread(bench.notify, note)
            bench.call_from_thread(self.load)

        self.guarded(run)

    @work(thread=True, group="autocode", exclusive=True)
    def action_learn(self) -> None:
        """Retrain on the hand coding as it stands; the queue then holds its suggestions
        (learned for the codes coded enough, keywords for the others)."""
        from verbatims.tui.data import learn_suggestions

        bench = self.bench

        def run() -> None:
            try:
                with bench.own_work(), bench.start_work(_("Learning from your coding…")) as job:
                    job.step(0, 1)

                    def progress(done: int, total: int) -> None:
                        job.step(done, total)

                    note = learn_suggestions(bench.project, progress)
                    job.step(1, 1)
            except Cancelled:
                bench.call_from_thread(bench.notify, _("Learning cancelled; nothing was "
                                                       "saved."))
                return
            bench.call_from_thread(bench.notify, note)
            bench.call_from_thread(self.load)

        self.guarded(run)
