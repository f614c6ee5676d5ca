"""The verbatims workbench: documents, transcript, codes, extracts, search.

The app owns the Project. Panes post messages up; the app calls their methods
down. Every store access runs in a thread worker that posts a message back, so
the interface never waits on SQLite; writes are serialised by a lock and the
highlight is drawn only from codings read back after the commit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from rich.markup import escape
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, TabbedContent, TabPane
from textual.worker import get_current_worker

from verbatims.errors import UserError
from verbatims.i18n import _, ngettext
from verbatims.search import search
from verbatims.settings import default_coder
from verbatims.store import Project, suggestions
from verbatims.store.watch import Watcher
from verbatims.tui import data as loaders
from verbatims.tui import messages as msg
from verbatims.tui.codebook_actions import CodebookActions
from verbatims.tui.coding_actions import CodingActions
from verbatims.tui.figures_actions import FigureActions
from verbatims.tui.screens.help import HelpScreen, all_bindings
from verbatims.tui.screens.picker import CodePicker
from verbatims.tui.widgets.codetree import CodeTreePane
from verbatims.tui.widgets.documents import DocumentsPane
from verbatims.tui.widgets.extracts import ExtractsPane, Jump
from verbatims.tui.widgets.keybar import KeyBar
from verbatims.tui.widgets.review import ReviewPane
from verbatims.tui.widgets.searchpane import SearchPane
from verbatims.tui.widgets.status import StatusBar
from verbatims.tui.widgets.transcript import TranscriptView

TABS = ("documents", "transcript", "codes", "extracts", "search", "review")
POLL_SECONDS = 1.5


class VerbatimsApp(CodingActions, CodebookActions, FigureActions, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "verbatims"

    BINDINGS = [
        Binding("f1,question_mark", "help", "Help"),
        Binding("1", "tab('documents')", "Documents", show=False),
        Binding("2", "tab('transcript')", "Transcript", show=False),
        Binding("3", "tab('codes')", "Codes", show=False),
        Binding("4", "tab('extracts')", "Extracts", show=False),
        Binding("5,slash", "tab('search')", "Search", show=False),
        Binding("6", "tab('review')", "Review auto-coding", show=False),
        Binding("c", "code", "Code"),
        Binding("v", "in_vivo", "In vivo", show=False),
        Binding("x", "uncode", "Uncode"),
        Binding("r", "recode", "Change code", show=False),
        Binding("m", "coding_memo", "Memo"),
        Binding("M", "memo", "Memo (document/code)", show=False),
        Binding("P", "project_memo", "Project memo", show=False),
        Binding("S", "summary", "Summary (document × code)", show=False),
        Binding("e", "extracts", "Extracts of a code", show=False),
        Binding("F", "figure", "Figures and tables", show=False),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("U,ctrl+y", "redo", "Redo"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, project: Project, coder: str | None = None) -> None:
        super().__init__()
        self.project = project
        self.coder = coder or default_coder()
        self.overview: loaders.Overview | None = None
        self.open_id: int | None = None
        self.extracts_code: int | None = None
        self._pending_jump: Jump | None = None
        self._write_lock = threading.Lock()
        self.watcher = Watcher(project)
        self._active_tab = "documents"

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="documents", id="tabs"):
            with TabPane("1 Documents", id="documents"):
                yield DocumentsPane(id="documents-pane")
            with TabPane("2 Transcript", id="transcript"):
                yield Label("Open a document from the Documents tab (1).", id="doc-title")
                yield TranscriptView(id="transcript-view")
                yield StatusBar(id="status")
            with TabPane("3 Codes", id="codes"):
                yield CodeTreePane(id="codes-pane")
            with TabPane("4 Extracts", id="extracts"):
                yield ExtractsPane(id="extracts-pane")
            with TabPane("5 Search", id="search"):
                yield SearchPane(id="search-pane")
            with TabPane("6 Review", id="review"):
                yield ReviewPane(id="review-pane")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.project.shown
        self.view.you = self.coder
        self.load_overview()
        self.set_interval(POLL_SECONDS, self.poll)
        self.query_one(DocumentsPane).focus_table()

    @property
    def view(self) -> TranscriptView:
        found: TranscriptView = self.query_one(TranscriptView)
        return found

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self._focus_tab(tab)

    def _focus_tab(self, tab: str) -> None:
        if tab == "transcript":
            self.view.focus()
        elif tab == "documents":
            self.query_one(DocumentsPane).focus_table()
        elif tab == "codes":
            self.query_one(CodeTreePane).code_tree.focus()
        elif tab == "search":
            self.query_one(SearchPane).action_focus_query()
        elif tab == "extracts":
            self.query_one("#extracts-table").focus()
        elif tab == "review":
            self.query_one("#review-table").focus()
            self.load_review()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            self._active_tab = event.pane.id
            self._focus_tab(event.pane.id)
        self.refresh_bindings()

    TRANSCRIPT_ONLY = frozenset({"code", "in_vivo", "uncode", "recode", "coding_memo",
                                 "summary"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide coding keys from the footer where they do not apply."""
        if action in self.TRANSCRIPT_ONLY and self.active_tab != "transcript":
            return False
        return True

    @property
    def active_tab(self) -> str:
        return str(self.query_one(TabbedContent).active)

    @property
    def active_tab_name(self) -> str:
        """The active tab, safe to read from a worker thread (a plain attribute)."""
        return self._active_tab

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    # -- loading (workers) -------------------------------------------------------------------

    def _post_current(self, message: Message) -> None:
        """Post from an exclusive worker unless a newer one replaced it (stale data)."""
        if not get_current_worker().is_cancelled:
            self.post_message(message)

    @work(thread=True, group="read", exclusive=True)
    def load_overview(self) -> None:
        def load() -> None:
            self._post_current(msg.OverviewLoaded(loaders.overview(self.project)))

        self._guard(load)

    @work(thread=True, group="open", exclusive=True)
    def open_document(self, document_id: int) -> None:
        def load() -> None:
            self._post_current(msg.DocumentOpened(loaders.open_document(self.project,
                                                                        document_id)))

        self._guard(load)

    @work(thread=True, group="extracts", exclusive=True)
    def load_extracts(self, code_id: int) -> None:
        def load() -> None:
            label = self.project.code_path(code_id)
            self._post_current(msg.ExtractsLoaded(label, self.project.segments([str(code_id)])))

        self._guard(load)

    @work(thread=True, group="search", exclusive=True)
    def run_search(self, query: str) -> None:
        def find() -> None:
            docs = self.project.documents()
            hits = search(self.project, query)
            used = {h.document_id for h in hits}
            texts = {d: self.project.text(d) for d in used}
            self._post_current(msg.SearchDone(hits, {d.id: d.name for d in docs}, texts))

        self._guard(find)

    @work(thread=True, group="review", exclusive=True)
    def load_review(self) -> None:
        def load() -> None:
            self._post_current(msg.ReviewLoaded(loaders.review_rows(self.project)))

        self._guard(load)

    @work(thread=True, group="poll")
    def poll(self) -> None:
        """Not exclusive: cancelling a poll in flight could drop the change it saw.

        The watcher's lock serialises overlapping polls, so exactly one reports. A
        poll skips its turn while our own write is between its commit and the
        moment it absorbs that commit, which would otherwise read as a colleague's.
        """
        if self.figure_running:  # a figure may be saving caches: see make_figure
            return
        if not self._write_lock.acquire(blocking=False):
            return
        try:
            if self.watcher.changed():
                self.post_message(msg.ExternalChange())
        except Exception:  # noqa: BLE001 - a busy or vanished file must not end the session
            return
        finally:
            self._write_lock.release()

    @work(thread=True, group="write")
    def write(self, action: Callable[[], tuple[str | None, int | None]],
              clear_selection: bool = False, full: bool = False) -> None:
        """Run one store change, then read back what the screen must show.

        `full` reloads the whole overview (codebook edits); otherwise only the
        open document's codings and the counts are read again, which keeps the
        keypress-to-highlight time low on a big corpus.
        """
        with self._write_lock:
            note: str | None = None
            touched: int | None = None
            try:
                note, touched = action()
            except UserError as error:
                self.post_message(msg.Failed(error.message))
            except Exception as error:  # noqa: BLE001 - report, keep the session alive
                self.post_message(msg.Failed(f"{error.__class__.__name__}: {error}"))
            self._guard(lambda: self._after_write(note, clear_selection, full, touched))

    def _after_write(self, note: str | None, clear_selection: bool, full: bool,
                     touched: int | None) -> None:
        self.watcher.changed()  # our own commit is not news
        doc_id = self.open_id
        codings = self.project.codings(document_id=doc_id) if doc_id is not None else None
        self.post_message(msg.CodingsCommitted(doc_id, codings, note, clear_selection))
        if full or self.overview is None:
            self.post_message(msg.OverviewLoaded(loaders.overview(self.project)))
        else:
            changed = {d for d in (doc_id, touched) if d is not None}
            self.post_message(msg.CountsUpdated(loaders.counts(self.project, changed)))
        if self.extracts_code is not None:
            self.load_extracts(self.extracts_code)
        if self.active_tab_name == "review":
            self.load_review()

    def _guard(self, job: Callable[[], None]) -> None:
        try:
            job()
        except UserError as error:
            self.post_message(msg.Failed(error.message))
        except Exception as error:  # noqa: BLE001 - the UI reports, never crashes
            self.post_message(msg.Failed(f"{error.__class__.__name__}: {error}"))

    # -- results (main thread) ---------------------------------------------------------------

    def on_overview_loaded(self, message: msg.OverviewLoaded) -> None:
        self.overview = message.data
        self.query_one(DocumentsPane).show(message.data)
        self.query_one(CodeTreePane).show(message.data)
        view = self.view
        if view.document_id is not None:
            view.update_codings(view.codings, message.data.codes)

    def on_counts_updated(self, message: msg.CountsUpdated) -> None:
        if self.overview is None:
            return
        self.overview = loaders.apply_counts(self.overview, message.counts)
        self.query_one(DocumentsPane).update_documents(self.overview, message.counts.documents)
        self.query_one(CodeTreePane).update_counts(self.overview)

    def on_document_opened(self, message: msg.DocumentOpened) -> None:
        doc = message.doc
        self.open_id = doc.document.id
        codes = self.overview.codes if self.overview else self.project.codes()
        self.view.show_document(doc.document.id, doc.text, doc.turns, doc.codings, codes)
        attrs = self.overview.attributes.get(doc.document.id, {}) if self.overview else {}
        described = " · ".join(str(v) for v in attrs.values())
        self.query_one("#doc-title", Label).update(
            f"[b]{escape(doc.document.name)}[/b]  {doc.document.word_count} words  "
            f"[dim]{escape(described)}[/]")
        self.action_tab("transcript")
        jump, self._pending_jump = self._pending_jump, None
        if jump is not None and jump.document_id == doc.document.id:
            self._select(jump)

    def on_codings_committed(self, message: msg.CodingsCommitted) -> None:
        if isinstance(self.screen, CodePicker) and self.screen.waiting:
            self.screen.dismiss(None)
        view = self.view
        if message.codings is not None and message.document_id == view.document_id:
            codes = self.overview.codes if self.overview else list(view.codes.values())
            if message.clear_selection and view.selection is not None:
                view.cursor = view.selection.start  # the new coding is under the cursor
                view.sel_anchor = None
            view.update_codings(message.codings, codes)
        if message.note:
            self.notify(message.note, timeout=2, markup=False)

    def on_extracts_loaded(self, message: msg.ExtractsLoaded) -> None:
        self.query_one(ExtractsPane).show(message.label, message.segments)

    def on_review_loaded(self, message: msg.ReviewLoaded) -> None:
        self.query_one(ReviewPane).show(message.rows)

    def on_review_pane_decide(self, message: ReviewPane.Decide) -> None:
        row, coder = message.row, self.coder

        def change() -> tuple[str | None, int | None]:
            if message.action == "accept":
                suggestions.accept(self.project, row.id, coder)
                return f"Accepted: {row.code} (u undoes the coding).", row.document_id
            if message.action == "reject":
                suggestions.reject(self.project, row.id, coder)
                return "Rejected; it will not be proposed again.", None
            if message.action == "turn":
                suggestions.extend_to_turn(self.project, row.id)
                return "Widened to the whole speaker turn.", None
            done = suggestions.accept_all(self.project, row.code_id, coder)
            return f"Accepted {done} suggestion(s) of {row.code}.", None

        self.write(change)

    def on_search_done(self, message: msg.SearchDone) -> None:
        self.query_one(SearchPane).show(message.hits, message.names, message.texts)

    def on_failed(self, message: msg.Failed) -> None:
        self.notify(message.text, severity="error", timeout=6, markup=False)

    def on_external_change(self, _message: msg.ExternalChange) -> None:
        self.notify("The project was changed elsewhere; the view is refreshed.", timeout=3)
        self.write(lambda: (None, None), full=True)

    # -- navigation between panes ----------------------------------------------------------------

    def on_documents_pane_chosen(self, message: DocumentsPane.Chosen) -> None:
        if message.document_id == self.open_id:
            self.action_tab("transcript")
        else:
            self.open_document(message.document_id)

    def on_code_tree_pane_chosen(self, message: CodeTreePane.Chosen) -> None:
        self.show_extracts(message.code_id)

    def show_extracts(self, code_id: int) -> None:
        self.extracts_code = code_id
        self.load_extracts(code_id)
        self.action_tab("extracts")

    def on_search_pane_query(self, message: SearchPane.Query) -> None:
        self.run_search(message.text)

    def on_jump(self, message: Jump) -> None:
        if message.document_id == self.open_id:
            self.action_tab("transcript")
            self._select(message)
        else:
            self._pending_jump = message
            self.open_document(message.document_id)

    def _select(self, jump: Jump) -> None:
        self.view.select_span(jump.start, jump.end)
        if jump.code:
            self.action_code()

    def on_transcript_view_selection_changed(self, message: TranscriptView.SelectionChanged
                                             ) -> None:
        view = message.view
        sel = view.selection
        parts = [self._coders_status(view)]
        if sel is not None:
            parts.append(f"selected {sel.start}–{sel.end} ({sel.end - sel.start} characters)")
        else:
            parts.append(f"at {view.cursor}")
        here = view.codings_at()
        if here:
            several = len({c.coder for c in here}) > 1  # say whose, when it matters
            names = [view.codes[c.code_id].name + (" ✎" if c.memo else "")
                     + (f" ({c.coder})" if several else "")
                     for c in here if c.code_id in view.codes]
            parts.append("coded: " + ", ".join(names))
        self.query_one(StatusBar).message = "  ·  ".join(parts)

    def _coders_status(self, view: TranscriptView) -> str:
        """Who you are, and whose codings the transcript shows (C, D)."""
        if view.compared is not None:
            left, right = view.compared
            return _("{left} ┆ {right} side by side").format(left=left, right=right)
        if view.only_coder is not None:
            n = len(view.codings)
            return ngettext("{you} · codings by {coder} ({n} here)",
                            "{you} · codings by {coder} ({n} here)", n).format(
                                you=self.coder, coder=view.only_coder, n=n)
        return _("you: {coder}").format(coder=self.coder)

    # -- command palette -----------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for where, key, description, action in all_bindings():
            if where in ("Code picker", "Memo editor"):
                continue
            title = description if where == "Everywhere" else f"{where}: {description}"
            yield SystemCommand(title, f"key: {key}",
                                partial(self._run_from_palette, where, action))
        yield from self.figure_commands()

    async def _run_from_palette(self, where: str, action: str) -> None:
        targets: dict[str, tuple[str, Any]] = {
            "Transcript": ("transcript", self.view),
            "Documents": ("documents", self.query_one(DocumentsPane)),
            "Codes": ("codes", self.query_one(CodeTreePane)),
            "Extracts": ("extracts", self.query_one(ExtractsPane)),
            "Search": ("search", self.query_one(SearchPane)),
            "Review": ("review", self.query_one(ReviewPane)),
        }
        if where in targets:
            tab, widget = targets[where]
            self.action_tab(tab)
            await self.run_action(action, widget)
        else:
            await self.run_action(action)

    def on_unmount(self) -> None:
        self.watcher.close()


def run(project: Project, coder: str | None = None) -> None:
    """Open the workbench on a project (the `verbatims tui` entry point)."""
    VerbatimsApp(project, coder=coder).run()
