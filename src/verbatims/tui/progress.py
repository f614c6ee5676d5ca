"""Slow work with a progress bar that says what is being done, and `esc` to cancel.

A worker asks the app for a `Work` handle and passes `work.step` as the
`progress(done, total)` callback that the core's long functions take
(`nlp.cache.ensure_parsed`, `nlp.autocode.propose`, figures). The bar appears
on the first step only, so work that turns out to be quick shows nothing.
Cancelling sets a flag; the next step raises `Cancelled` in the worker, which
unwinds through the core (its transactions roll back; caches keep what they
finished) and the worker says "Cancelled." instead of a result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

from verbatims.i18n import _


class Host(Protocol):
    """What a Work needs of the app (the workbench's Bench provides it)."""

    @property
    def work_bar(self) -> WorkBar: ...

    def call_from_thread(self, callback: Callable[..., Any], *args: Any,
                         **kwargs: Any) -> Any: ...

    def notify(self, message: str, *, title: str = "", severity: str = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...

    def work_started(self, job: Work) -> None: ...

    def work_finished(self, job: Work) -> None: ...


class Cancelled(Exception):  # noqa: N818 - reads as what happened
    """The researcher cancelled the work (esc)."""


class Work:
    """One piece of slow work; thread-safe. Use as a context manager in the worker."""

    def __init__(self, app: Host, label: str) -> None:
        self.app = app
        self.label = label
        self.cancelled = threading.Event()
        self.shown = False

    def step(self, done: int, total: int) -> None:
        """The core's progress callback: update the bar, or stop if cancelled."""
        if self.cancelled.is_set():
            raise Cancelled
        if not self.shown:  # a notice too: the bar may be behind a form
            self.app.call_from_thread(self.app.notify, self.label, timeout=4)
        self.shown = True
        self.app.call_from_thread(self.app.work_bar.show_work, self, done, total)

    def say(self, label: str) -> None:
        """Change what the bar says is being done."""
        self.label = label

    def cancel(self) -> None:
        self.cancelled.set()

    def __enter__(self) -> Work:
        self.app.work_started(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.app.call_from_thread(self.app.work_finished, self)


class WorkBar(Horizontal):
    """Docked above the key bar while something slow runs."""

    DEFAULT_CSS = """
    WorkBar { height: 1; display: none; background: $panel; }
    WorkBar.-busy { display: block; }
    WorkBar #work-label { width: 1fr; padding: 0 1; }
    WorkBar ProgressBar { width: auto; }
    WorkBar ProgressBar Bar { width: 16; }  /* room for what is being done, at 80 columns */
    WorkBar #work-hint { width: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__(id="work-bar")
        self.current: Work | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="work-label")
        yield ProgressBar(total=None, show_eta=False, id="work-progress")
        yield Label(_("esc cancels"), id="work-hint")

    @property
    def label(self) -> str:
        """What the bar says (empty when nothing runs)."""
        return self.current.label if self.current is not None and self.has_class("-busy") \
            else ""

    def show_work(self, work: Work, done: int, total: int) -> None:
        if work.cancelled.is_set():
            return
        self.current = work
        self.add_class("-busy")
        self.query_one("#work-label", Label).update(Text(work.label))
        bar = self.query_one(ProgressBar)
        bar.update(total=max(1, total), progress=done)

    def hide(self, work: Work) -> None:
        if self.current is work:
            self.current = None
            self.remove_class("-busy")
