"""The verbatims workbench: one tab per entry of the table of tabs (tui/tabs.py).

The app owns the Project, the write worker and three typed controllers
(coding, codebook, figures). Panes post messages up; the app calls their hooks
down (see tui/pane.py). Every store access runs in a thread worker, so the
interface never waits on SQLite; writes are serialised by a lock and the
highlight is drawn only from codings read back after the commit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from textual import on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import TabbedContent, TabPane
from textual.worker import get_current_worker

from verbatims import settings
from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.store import Project
from verbatims.store.watch import Watcher
from verbatims.tui import data as loaders
from verbatims.tui import messages as msg
from verbatims.tui.commands import WorkbenchCommands
from verbatims.tui.controllers.codebook import CodebookController
from verbatims.tui.controllers.coding import CodingController
from verbatims.tui.controllers.figures import FigureController, FigureDone
from verbatims.tui.pane import Pane
from verbatims.tui.panes.codes import CodeTreePane
from verbatims.tui.panes.documents import DocumentsPane
from verbatims.tui.panes.extracts import ExtractsPane
from verbatims.tui.panes.figures import FiguresPane
from verbatims.tui.panes.transcript import TranscriptPane
from verbatims.tui.progress import Work, WorkBar
from verbatims.tui.screens.editors import Prompt
from verbatims.tui.screens.help import HelpScreen
from verbatims.tui.screens.picker import CodePicker
from verbatims.tui.tabs import TABS
from verbatims.tui.widgets.keybar import KeyBar
from verbatims.tui.widgets.transcript import TranscriptView

POLL_SECONDS = 1.5
P = TypeVar("P", bound=Pane)


@dataclass(frozen=True)
class Notice:
    """A notification as the researcher saw it (kept for tests and the log)."""

    text: str
    severity: str


class VerbatimsApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "verbatims"
    COMMANDS: ClassVar[set[type[WorkbenchCommands]]] = {WorkbenchCommands}  # type: ignore[assignment]

    # Keys that work on every tab; descriptions are English, translated where shown.
    GLOBAL: ClassVar[list[Binding]] = [
        Binding("f1,question_mark", "help", N_("Help")),
        Binding("e", "extracts", N_("Extracts of a code"), show=False),
        Binding("F", "figure", N_("Figures and tables"), show=False),
        Binding("M", "memo", N_("Memo (document/code)"), show=False),
        Binding("P", "project_memo", N_("Project memo"), show=False),
        Binding("u,ctrl+z", "undo", N_("Undo")),
        Binding("U,ctrl+y", "redo", N_("Redo")),
        Binding("q", "quit", N_("Quit")),
    ]
    BINDINGS = [
        *GLOBAL,
        *(Binding(t.keys, f"tab('{t.id}')", t.title, show=False) for t in TABS),
        Binding("escape", "cancel_work", N_("Cancel the work in progress"), show=False,
                priority=True),
    ]

    def __init__(self, project: Project, coder: str | None = None) -> None:
        super().__init__()
        self.project = project
        self.coder = coder or settings.default_coder()
        self.overview: loaders.Overview | None = None
        self.open_id: int | None = None
        self.coding = CodingController(self)
        self.codebook = CodebookController(self)
        self.figures = FigureController(self)
        self.watcher = Watcher(project)
        self._pending_jump: msg.Jump | None = None
        self._write_lock = threading.Lock()
        self._own_work = 0  # long jobs that commit caches: the poll leaves them alone
        self._own_lock = threading.Lock()
        self._works: list[Work] = []
        self._active_tab = TABS[0].id
        self._notices: list[Notice] = []
        self._mounted_once = False
        kept = settings.load().theme
        if kept and kept in self.available_themes:
            self.theme = kept

    @classmethod
    def global_bindings(cls) -> list[Binding]:
        return list(cls.GLOBAL)

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with TabbedContent(initial=TABS[0].id, id="tabs"):
            for entry in TABS:
                with TabPane(entry.label, id=entry.id):
                    yield entry.pane(id=f"{entry.id}-pane")
        with Vertical(id="bottom"):  # the progress bar sits above the keys
            yield WorkBar()
            yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.project.location
        self.load_overview()
        self.set_interval(POLL_SECONDS, self.poll)
        self._mounted_once = True
        self.active_pane.focus_default()

    # -- typed access for panes, controllers and tests --------------------------------------

    def pane(self, kind: type[P]) -> P:
        """The one pane of this class."""
        return self.query_one(kind)

    def pane_by_id(self, tab_id: str) -> Pane:
        return self.query_one(f"#{tab_id}-pane", Pane)

    @property
    def panes(self) -> list[Pane]:
        return [self.pane_by_id(t.id) for t in TABS]

    @property
    def active_pane(self) -> Pane:
        return self.pane_by_id(self.active_tab)

    @property
    def view(self) -> TranscriptView:
        return self.pane(TranscriptPane).view

    @property
    def work_bar(self) -> WorkBar:
        return self.query_one(WorkBar)

    @property
    def notices(self) -> list[Notice]:
        """Every notification shown so far, oldest first."""
        return list(self._notices)

    def notify(self, message: str, *, title: str = "", severity: str = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        self._notices.append(Notice(message, severity))
        super().notify(message, title=title, severity=severity,  # type: ignore[arg-type]
                       timeout=timeout, markup=markup)

    @property
    def active_tab(self) -> str:
        return str(self.query_one(TabbedContent).active)

    @property
    def active_tab_name(self) -> str:
        """The active tab, safe to read from a worker thread (a plain attribute)."""
        return self._active_tab

    # -- tabs ----------------------------------------------------------------------------

    def action_tab(self, tab_id: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active != tab_id:
            tabs.active = tab_id  # TabActivated focuses and activates the pane
        else:
            self.pane_by_id(tab_id).focus_default()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            self._active_tab = event.pane.id
            pane = self.pane_by_id(event.pane.id)
            pane.focus_default()
            pane.activated()
        self.refresh_bindings()

    # -- global actions ---------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_extracts(self) -> None:
        self.coding.extracts()

    def action_figure(self, kind: str = "") -> None:
        self.figures.open_form(kind)

    def action_memo(self) -> None:
        self.coding.memo()

    def action_project_memo(self) -> None:
        self.coding.project_memo()

    def action_undo(self) -> None:
        self.coding.undo()

    def action_redo(self) -> None:
        self.coding.redo()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=_("Search for commands…")))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider],
                                        placeholder=_("Search for themes…")))

    def watch_theme(self, theme: str) -> None:
        if self._mounted_once:
            settings.update(theme=theme)

    def set_language(self, language: str) -> None:
        settings.update(language=language)
        self.notify(_("The language is kept; it applies at the next start of verbatims."))

    def ask_coder(self) -> None:
        def named(name: str | None) -> None:
            if name and name.strip():
                self.coder = name.strip()
                settings.update(coder=self.coder)
                self.notify(_("Your codings are now made as “{coder}”.").format(
                    coder=self.coder))

        self.push_screen(Prompt(_("Your coder name (kept for the next start):"), self.coder),
                         named)

    def show_extracts(self, code_id: int) -> None:
        self.pane(ExtractsPane).load(code_id)
        self.action_tab("extracts")

    # -- slow work ---------------------------------------------------------------------------

    def start_work(self, label: str) -> Work:
        """A handle for slow work with a progress bar (use `with` in a worker)."""
        return Work(self, label)

    def work_started(self, job: Work) -> None:
        with self._own_lock:
            self._works.append(job)

    def work_finished(self, job: Work) -> None:
        with self._own_lock:
            if job in self._works:
                self._works.remove(job)
        self.work_bar.hide(job)
        self.refresh_bindings()

    def action_cancel_work(self) -> None:
        """esc: cancel the slow work shown in the bar (otherwise esc does what it does)."""
        with self._own_lock:
            running = [w for w in self._works if w.shown and not w.cancelled.is_set()]
        if not running or isinstance(self.screen, ModalScreen):
            raise SkipAction
        running[-1].cancel()
        self.work_bar.hide(running[-1])
        self.notify(_("Cancelling…"), timeout=2)

    @contextmanager
    def own_work(self) -> Iterator[None]:
        """Around work of ours that may commit caches (lemmas, analysed corpus).

        The poll skips its turn meanwhile, so it takes neither for a colleague's
        change; afterwards our own commits are absorbed, and if anyone else's came
        in between, the view is reloaded quietly.
        """
        with self._own_lock:
            self._own_work += 1
        try:
            yield
        finally:
            with self._own_lock:
                self._own_work -= 1
            try:
                changed = self.watcher.changed()
            except Exception:  # noqa: BLE001 - a busy file: the next poll will tell
                changed = False
            if changed:
                self.call_from_thread(self.reload)

    # -- loading and writing (workers) ----------------------------------------------------------

    def _post_current(self, message: Message) -> None:
        """Post from an exclusive worker unless a newer one replaced it (stale data)."""
        if not get_current_worker().is_cancelled:
            self.post_message(message)

    @work(thread=True, group="read", exclusive=True)
    def load_overview(self) -> None:
        self.guard(lambda: self._post_current(msg.OverviewLoaded(loaders.overview(self.project))))

    @work(thread=True, group="open", exclusive=True)
    def open_document(self, document_id: int) -> None:
        self.guard(lambda: self._post_current(
            msg.DocumentOpened(loaders.open_document(self.project, document_id))))

    @work(thread=True, group="poll")
    def poll(self) -> None:
        """Not exclusive: cancelling a poll in flight could drop the change it saw.

        The watcher's lock serialises overlapping polls, so exactly one reports. A
        poll skips its turn while our own write is between its commit and the
        moment it absorbs that commit, which would otherwise read as a colleague's.
        """
        if self._own_work:
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
            self.guard(lambda: self._after_write(note, clear_selection, full, touched))

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

    def guard(self, job: Callable[[], None]) -> None:
        """Run `job`; a failure becomes a notice, never a crash."""
        try:
            job()
        except UserError as error:
            self.post_message(msg.Failed(error.message))
        except Exception as error:  # noqa: BLE001 - the UI reports, never crashes
            self.post_message(msg.Failed(f"{error.__class__.__name__}: {error}"))

    # -- results (main thread) ---------------------------------------------------------------

    def on_overview_loaded(self, message: msg.OverviewLoaded) -> None:
        self.overview = message.data
        for pane in self.panes:
            pane.overview_changed(message.data)
        view = self.view
        if view.document_id is not None:
            view.update_codings(view.codings, message.data.codes)

    def on_counts_updated(self, message: msg.CountsUpdated) -> None:
        if self.overview is None:
            return
        self.overview = loaders.apply_counts(self.overview, message.counts)
        self.pane(DocumentsPane).update_documents(self.overview,
                                                  set(message.counts.documents))
        self.pane(CodeTreePane).update_counts(self.overview)

    def on_document_opened(self, message: msg.DocumentOpened) -> None:
        doc = message.doc
        self.open_id = doc.document.id
        codes = self.overview.codes if self.overview else self.project.codes()
        attrs = self.overview.attributes.get(doc.document.id, {}) if self.overview else {}
        self.pane(TranscriptPane).show_document(doc, codes, attrs)
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
            if message.clear_selection:
                view.collapse_selection()  # the new coding is under the cursor
            view.update_codings(message.codings, codes)
        if message.note:
            self.notify(message.note, timeout=3, markup=False)
        for pane in self.panes:
            pane.project_changed()

    def on_failed(self, message: msg.Failed) -> None:
        self.notify(message.text, severity="error", timeout=6, markup=False)

    def on_external_change(self, _message: msg.ExternalChange) -> None:
        self.notify(_("The project was changed elsewhere; the view is refreshed."), timeout=3)
        self.reload()

    def reload(self) -> None:
        """Read everything again, the codebook included (after someone else's commit)."""

        def forget() -> tuple[str | None, int | None]:
            self.project.forget_cached()
            return None, None

        self.write(forget, full=True)

    def on_figure_done(self, message: FigureDone) -> None:
        from verbatims.tui.screens.figures import FigureForm

        form = self.screen if isinstance(self.screen, FigureForm) and \
            self.screen.pending is message.request else None
        if message.error:
            self.notify(message.text, severity="error", timeout=8, markup=False)
            if form is not None:
                form.pending = None
                form.status(message.text, error=True)
            return
        if form is not None:
            form.dismiss(None)
        self.notify(message.text, title=_("Figure"), timeout=8, markup=False)
        if message.path is not None:
            self.pane(FiguresPane).show_figure(message.path, message.text, message.table)
            self.action_tab("figures")

    # -- navigation between panes ----------------------------------------------------------------

    def on_documents_pane_chosen(self, message: DocumentsPane.Chosen) -> None:
        if message.document_id == self.open_id:
            self.action_tab("transcript")
        else:
            self.open_document(message.document_id)

    def on_code_tree_pane_chosen(self, message: CodeTreePane.Chosen) -> None:
        self.show_extracts(message.code_id)

    def on_jump(self, message: msg.Jump) -> None:
        if message.document_id == self.open_id:
            self.action_tab("transcript")
            self._select(message)
        else:
            self._pending_jump = message
            self.open_document(message.document_id)

    def _select(self, jump: msg.Jump) -> None:
        self.view.select_span(jump.start, jump.end)
        if jump.unit:
            self.view.action_select(jump.unit)
        if jump.code:
            self.coding.code()

    def on_unmount(self) -> None:
        self.watcher.close()


def run(project: Project) -> None:
    """Open the workbench on a project (the `verbatims tui` entry point)."""
    from verbatims.tui import images

    images.probe()  # before Textual owns the terminal
    VerbatimsApp(project).run()
