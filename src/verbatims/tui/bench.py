"""What panes and controllers may use of the workbench: `Bench`, the app's typed base.

The app (tui/app.py) is the top of the workbench: it builds the tabs, owns the
controllers and routes messages. Panes and controllers sit below it and must
not import it (import-linter forbids the cycle), so what they need of it is
here: the project and the coder, the write worker that commits one change and
reads back what the screen shows, slow work with its progress bar, notices,
typed access to panes and to the transcript view. A few methods the app alone
can implement (they need the table of tabs) are declared here and defined
there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from textual import work
from textual.app import App
from textual.widget import Widget
from textual.widgets import TabbedContent

from verbatims import settings
from verbatims.errors import UserError
from verbatims.store import Project
from verbatims.store.watch import Watcher
from verbatims.tui import data as loaders
from verbatims.tui import messages as msg
from verbatims.tui.progress import Work, WorkBar
from verbatims.tui.widgets.transcript import TranscriptView

W = TypeVar("W", bound=Widget)
DRAWN_WAIT = 0.25  # seconds the write worker waits for the coded line to be drawn
Change = Callable[[], tuple[str | None, int | None]]  # returns (note, document touched)


@dataclass(frozen=True)
class Notice:
    """A notification as the researcher saw it (kept for tests and the log)."""

    text: str
    severity: str


@dataclass(frozen=True)
class MemoTarget:
    """The memo `M` opens: kind ("document", "code", "project"), target id, title."""

    kind: str
    target: int | None
    title: str


class Bench(App[None]):
    """The workbench's state and plumbing; VerbatimsApp adds the tabs and controllers."""

    def __init__(self, project: Project, coder: str | None = None) -> None:
        super().__init__()
        self.project = project
        self.coder = coder or settings.default_coder()
        self.overview: loaders.Overview | None = None
        self.open_id: int | None = None
        self.watcher = Watcher(project)
        self._write_lock = threading.Lock()
        self._own_work = 0  # long jobs that commit caches: the poll leaves them alone
        self._own_lock = threading.Lock()
        self._works: list[Work] = []
        self._active_tab = ""
        self._notices: list[Notice] = []

    # -- defined by the app (they need the table of tabs) -----------------------------------

    def action_tab(self, tab_id: str) -> None:
        """Show the tab `tab_id` and give its pane the keys."""
        raise NotImplementedError

    def memo_target(self) -> MemoTarget | None:
        """The memo `M` means on the active tab (None: none there)."""
        raise NotImplementedError

    def show_extracts(self, code_id: int) -> None:
        """Show the Extracts tab on a code's extracts (sub-codes included)."""
        raise NotImplementedError

    # -- typed access ---------------------------------------------------------------------

    def pane(self, kind: type[W]) -> W:
        """The one pane (or widget) of this class."""
        return self.query_one(kind)

    @property
    def view(self) -> TranscriptView:
        return self.query_one(TranscriptView)

    @property
    def work_bar(self) -> WorkBar:
        return self.query_one(WorkBar)

    @property
    def active_tab(self) -> str:
        return str(self.query_one(TabbedContent).active)

    @property
    def active_tab_name(self) -> str:
        """The active tab, safe to read from a worker thread (a plain attribute)."""
        return self._active_tab

    @property
    def notices(self) -> list[Notice]:
        """Every notification shown so far, oldest first."""
        return list(self._notices)

    def notify(self, message: str, *, title: str = "", severity: str = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        self._notices.append(Notice(message, severity))
        super().notify(message, title=title, severity=severity,  # type: ignore[arg-type]
                       timeout=timeout, markup=markup)

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

    def running_work(self) -> list[Work]:
        """Slow work whose bar is shown and that was not cancelled, oldest first."""
        with self._own_lock:
            return [w for w in self._works if w.shown and not w.cancelled.is_set()]

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

    # -- writing (the write worker) --------------------------------------------------------------

    def commit(self, change: Callable[[], object], note: str, document_id: int | None,
               full: bool = False) -> None:
        """Hand one store change to the write worker, with the note shown once committed."""

        def run() -> tuple[str | None, int | None]:
            change()
            return note, document_id

        self.write(run, full=full)

    @work(thread=True, group="write")
    def write(self, action: Change, clear_selection: bool = False, full: bool = False) -> None:
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
                clear_selection = False  # nothing was done: the selection waits for a retry
            except Exception as error:  # noqa: BLE001 - report, keep the session alive
                self.post_message(msg.Failed(f"{error.__class__.__name__}: {error}"))
                clear_selection = False
            self.guard(lambda: self._after_write(note, clear_selection, full, touched))

    def _after_write(self, note: str | None, clear_selection: bool, full: bool,
                     touched: int | None) -> None:
        self.watcher.changed()  # our own commit is not news
        doc_id = self.open_id
        codings = self.project.codings(document_id=doc_id) if doc_id is not None else None
        turns = self.project.turns(doc_id) if doc_id is not None and full else None
        drawn = threading.Event()
        self.post_message(msg.CodingsCommitted(doc_id, codings, note, clear_selection, turns,
                                               drawn))
        # The coded line is drawn before the counts are read: read at the same time, in
        # this thread, they held the interpreter while the screen was being drawn.
        drawn.wait(DRAWN_WAIT)
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

    def reload(self) -> None:
        """Read everything again, the codebook included (after someone else's commit)."""

        def forget() -> tuple[str | None, int | None]:
            self.project.forget_cache()
            return None, None

        self.write(forget, full=True)
