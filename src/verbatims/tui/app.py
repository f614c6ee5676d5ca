"""The verbatims workbench: one tab per entry of the table of tabs (tui/tabs.py).

The app is the top of the workbench: on `Bench` (tui/bench.py: the project,
the write worker, slow work, what panes and controllers may use) it builds the
tabs, owns three typed controllers (coding, codebook, figures) and routes the
panes' messages to them. Panes post messages up; the app calls their hooks down
(see tui/pane.py); nothing below imports this module. Every store access runs
in a thread worker, so the interface never waits on SQLite; writes are
serialised by a lock and the highlight is drawn only from codings read back
after the commit.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import TabbedContent, TabPane
from textual.worker import get_current_worker

from verbatims import settings
from verbatims.i18n import N_, _
from verbatims.store import Project
from verbatims.tui import data as loaders
from verbatims.tui import messages as msg
from verbatims.tui.bench import Bench, MemoTarget
from verbatims.tui.commands import WorkbenchCommands, help_rows
from verbatims.tui.controllers.codebook import CodebookController
from verbatims.tui.controllers.coding import CodingController
from verbatims.tui.controllers.figures import FigureController, FigureDone
from verbatims.tui.pane import Pane
from verbatims.tui.panes.codes import CodeTreePane
from verbatims.tui.panes.documents import DocumentsPane
from verbatims.tui.panes.extracts import ExtractsPane
from verbatims.tui.panes.figures import FiguresPane
from verbatims.tui.panes.transcript import TranscriptPane
from verbatims.tui.progress import WorkBar
from verbatims.tui.screens.editors import Prompt
from verbatims.tui.screens.help import HelpScreen
from verbatims.tui.screens.picker import CodePicker
from verbatims.tui.tabs import GLOBAL, TABS
from verbatims.tui.widgets.keybar import KeyBar

POLL_SECONDS = 1.5


class WorkbenchTabs(TabbedContent):
    """Tabs that change only when asked (a key, a click, `action_tab`).

    Textual's TabbedContent also shows the tab of any widget that gets the focus.
    After a picker closed on another tab, Textual gave the focus back to the
    Documents table: the tab flipped back to Documents, and both tabs then took
    the focus from each other for ever. A widget of a hidden tab that gets the
    focus now hands it back to the tab shown.
    """

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.stop()
        event.prevent_default()  # TabbedContent's own handler would switch the tab
        if event.tab_pane.id in (None, self.active):
            return
        shown = self.active

        def refocus() -> None:
            if self.active == shown:
                self.query_one(f"#{shown}-pane", Pane).focus_default()

        self.call_after_refresh(refocus)


class VerbatimsApp(Bench):
    CSS_PATH = "app.tcss"
    TITLE = "verbatims"
    COMMANDS: ClassVar[set[type[WorkbenchCommands]]] = {WorkbenchCommands}  # type: ignore[assignment]

    BINDINGS = [
        *GLOBAL,
        *(Binding(t.keys, f"tab('{t.id}')", t.title, show=False) for t in TABS),
        Binding("escape", "cancel_work", N_("Cancel the work in progress"), show=False,
                priority=True),
    ]

    def __init__(self, project: Project, coder: str | None = None) -> None:
        super().__init__(project, coder)
        self.coding = CodingController(self)
        self.codebook = CodebookController(self, self.coding)
        self.figures = FigureController(self)
        self._pending_jump: msg.Jump | None = None
        self._active_tab = TABS[0].id
        self._mounted_once = False
        kept = settings.load().theme
        if kept and kept in self.available_themes:
            self.theme = kept

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with WorkbenchTabs(initial=TABS[0].id, id="tabs"):
            for entry in TABS:
                with TabPane(entry.label, id=entry.id):
                    yield entry.pane(id=f"{entry.id}-pane")
        with Vertical(id="bottom"):  # the progress bar sits above the keys
            yield WorkBar()
            yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.project.shown
        self.view.you = self.coder
        self.load_overview()
        self.set_interval(POLL_SECONDS, self.poll)
        self._mounted_once = True
        self.active_pane.focus_default()

    # -- typed access for controllers, the palette and tests ------------------------------------

    def pane_by_id(self, tab_id: str) -> Pane:
        return self.query_one(f"#{tab_id}-pane", Pane)

    @property
    def panes(self) -> list[Pane]:
        return [self.pane_by_id(t.id) for t in TABS]

    @property
    def active_pane(self) -> Pane:
        return self.pane_by_id(self.active_tab)

    def memo_target(self) -> MemoTarget | None:
        return self.active_pane.memo_target()

    # -- tabs ----------------------------------------------------------------------------

    def action_tab(self, tab_id: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active != tab_id:
            tabs.active = tab_id  # TabActivated focuses and activates the pane
        else:
            self.pane_by_id(tab_id).focus_default()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id and event.pane.id == self.query_one(TabbedContent).active:
            # (a tab shown and left at once sends a late event: not acted on)
            self._active_tab = event.pane.id
            pane = self.pane_by_id(event.pane.id)
            pane.focus_default()
            pane.activated()
        self.refresh_bindings()

    # -- global actions ---------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen(help_rows()))

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
                self.view.you = self.coder
                self.view.refresh_status()
                settings.update(coder=self.coder)
                self.notify(_("Your codings are now made as “{coder}”.").format(
                    coder=self.coder))

        self.push_screen(Prompt(_("Your coder name (kept for the next start):"), self.coder),
                         named)

    def show_extracts(self, code_id: int) -> None:
        self.pane(ExtractsPane).load(code_id)
        self.action_tab("extracts")

    def action_cancel_work(self) -> None:
        """esc: cancel the slow work shown in the bar (otherwise esc does what it does)."""
        running = self.running_work()
        if not running or isinstance(self.screen, ModalScreen):
            raise SkipAction
        running[-1].cancel()
        self.work_bar.hide(running[-1])
        self.notify(_("Cancelling…"), timeout=2)

    # -- loading (workers) --------------------------------------------------------------

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
            if message.turns is not None and message.turns != view.turns:
                view.update_turns(message.turns)  # a role given or undone: dimmed anew
        if message.note:
            self.notify(message.note, timeout=3, markup=False)
        for pane in self.panes:
            pane.project_changed()
        if message.drawn is not None:
            self.call_after_refresh(message.drawn.set)

    def on_failed(self, message: msg.Failed) -> None:
        self.notify(message.text, severity="error", timeout=6, markup=False)

    def on_external_change(self, _message: msg.ExternalChange) -> None:
        self.notify(_("The project was changed elsewhere; the view is refreshed."), timeout=3)
        self.reload()

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

    # -- what the panes ask for ------------------------------------------------------------

    def on_coding_asked(self, message: msg.CodingAsked) -> None:
        coding = self.coding
        actions = {"code": coding.code, "in_vivo": coding.in_vivo, "uncode": coding.uncode,
                   "recode": coding.recode, "coding_memo": coding.coding_memo,
                   "summary": coding.summary}
        actions[message.action]()

    def on_code_span_asked(self, message: msg.CodeSpanAsked) -> None:
        self.coding.code_span(message.document_id, message.start, message.end)

    def on_codebook_asked(self, message: msg.CodebookAsked) -> None:
        book, code = self.codebook, message.code
        if message.action == "new_code":
            book.new_code(None)
        elif message.action == "new_child":
            book.new_code(code, child=True)
        else:
            {"rename": book.rename, "recolor": book.recolor, "move": book.move,
             "merge": book.merge}[message.action](code)

    # -- navigation between panes ----------------------------------------------------------------

    def on_documents_pane_chosen(self, message: DocumentsPane.Chosen) -> None:
        if message.document_id == self.open_id:
            self.action_tab("transcript")
        else:
            self.open_document(message.document_id)

    def on_code_tree_pane_chosen(self, message: CodeTreePane.Chosen) -> None:
        self.show_extracts(message.code_id)

    def on_concordance_asked(self, message: msg.ConcordanceAsked) -> None:
        """A figure's term chosen: its concordance in the Search tab."""
        from verbatims.tui.panes.search import SearchPane

        self.action_tab("search")
        self.pane(SearchPane).search_for(message.term)

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


def run(project: Project, coder: str | None = None) -> None:
    """Open the workbench on a project (the `verbatims tui` entry point)."""
    from verbatims.tui import images

    images.probe()  # before Textual owns the terminal
    VerbatimsApp(project, coder=coder).run()
