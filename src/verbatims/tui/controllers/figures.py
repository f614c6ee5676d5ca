"""Figures and tables from the workbench: the form, the worker, the result in its tab.

`F` (or the command palette) opens the form (screens/figures.py) filled from
what is on screen: the code highlighted in the Codes tab, the selected words,
the Documents tab's ATTRIBUTE=VALUE filter. The figure is made in a thread
worker, one at a time (matplotlib is not thread-safe), with the first
lemmatisation of the corpus shown as a progress bar that `esc` cancels; then
its table is shown in the Figures tab.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.tui.bench import Bench
from verbatims.tui.figures import (
    KINDS,
    FigureRequest,
    breakdown_attribute,
    figures_folder,
    filter_as_where,
    make,
    table_for,
    unique,
)
from verbatims.tui.panes.codes import CodeTreePane
from verbatims.tui.panes.documents import DocumentsPane
from verbatims.tui.panes.extracts import ExtractsPane
from verbatims.tui.progress import Cancelled

if TYPE_CHECKING:
    import pandas as pd



class FigureDone(Message):
    """`text` says where the file was written, or (`error`) what to change."""

    def __init__(self, request: FigureRequest, text: str, error: bool,
                 table: pd.DataFrame | None = None, path: Path | None = None) -> None:
        super().__init__()
        self.request = request
        self.path = path
        self.text = text
        self.error = error
        self.table = table


@dataclass(frozen=True)
class FigureCommand:
    """One command-palette entry: a kind of figure."""

    kind: str
    title: str
    help: str


class FigureController:
    def __init__(self, app: Bench) -> None:
        self.app = app
        self.last_kind = "cooc"
        self.lock = threading.Lock()  # one figure at a time, per app

    def commands(self) -> Iterator[FigureCommand]:
        for key, info in KINDS.items():
            yield FigureCommand(key, _(info.palette),
                                _("key: F, then {kind}").format(kind=_(info.label).lower()))

    def open_form(self, kind: str = "") -> None:
        from verbatims.tui.screens.figures import FigureForm

        app = self.app
        data = app.overview
        if data is None:
            app.notify(_("The project is still loading; try again in a moment."))
            return
        kind = kind if kind in KINDS else self.last_kind
        current = app.pane(CodeTreePane).current
        code_id = current.id if current is not None else app.pane(ExtractsPane).code_id
        code = data.paths.get(code_id, "") if code_id is not None else ""
        on_code = app.active_tab_name in ("codes", "extracts")
        defaults = {
            "pivot": app.view.selected_words(),
            "code": code,
            "code?": code if on_code else "",
            "attribute?": breakdown_attribute(data.keys, data.attributes),
        }
        from verbatims.store.pseudonyms import KEY_PATH

        keyed = bool(app.project.get_meta(KEY_PATH))  # a key exists: names hidden by default
        app.push_screen(FigureForm(
            kind, defaults, filter_as_where(app.pane(DocumentsPane).filter_text),
            figures_folder(app.project.location), data.keys, data.codes, data.paths,
            data.counts, on_submit=self.make, pseudonymize=keyed))

    def make(self, request: FigureRequest) -> None:
        self.last_kind = request.kind
        self.app.run_worker(lambda: self._make(request), thread=True, group="figure")

    def _make(self, request: FigureRequest) -> None:
        app = self.app
        with self.lock, app.own_work():
            try:
                with app.start_work(_("Lemmatising the corpus, first time only…")) as job:
                    written = replace(request, output=unique(request.output))
                    make(app.project, written, job.step)
                    table = table_for(app.project, written)
                done = FigureDone(request, _("Figure written: {path}").format(
                    path=written.output), False, table, written.output)
            except Cancelled:
                done = FigureDone(request, _("Figure cancelled; nothing was written."), True)
            except UserError as error:
                done = FigureDone(request, error.message, True)
            except Exception as error:  # noqa: BLE001 - a notice, never a traceback
                done = FigureDone(request, _("Could not make the figure: {error}").format(
                    error=f"{error.__class__.__name__}: {error}"), True)
        app.post_message(done)
