"""Coding actions of the app: code, in-vivo, remove, change, memos, summaries, undo.

Each action gathers what it needs on screen (selection, picker, editor), then
hands one store change to the app's `write` worker, which commits it (through
the store's one write path, which logs it for undo) before the highlight is redrawn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work

from verbatims.i18n import _
from verbatims.model.entities import Coding
from verbatims.store import history
from verbatims.tui.colors import PALETTE
from verbatims.tui.screens.editors import MemoEditor, Prompt
from verbatims.tui.screens.picker import CodePicker

if TYPE_CHECKING:
    from verbatims.tui.widgets.transcript import TranscriptView


class CodingActions:
    """Mixed into `VerbatimsApp`, whose attributes (project, view, write…) it uses."""

    project: Any
    coder: str
    overview: Any

    if TYPE_CHECKING:

        @property
        def view(self) -> TranscriptView: ...

        @property
        def active_tab(self) -> str: ...
    notify: Any
    push_screen: Any
    write: Any
    action_tab: Any
    query_one: Any
    call_from_thread: Any
    show_extracts: Any

    # -- helpers ---------------------------------------------------------------------

    def commit(self, change: Callable[[], object], note: str, document_id: int | None,
               full: bool = False) -> None:
        """Hand one store change to the write worker, with the note shown once committed."""

        def run() -> tuple[str | None, int | None]:
            change()
            return note, document_id

        self.write(run, full=full)

    def _picker(self, title: str, done: Callable[[list[int]], None], multiple: bool = False,
                only: set[int] | None = None, exclude: set[int] | None = None,
                extra: tuple[tuple[int, str], ...] = (), immediate: bool = False) -> None:
        """Ask for codes; `immediate` hands them over before the picker closes.

        Only for callbacks that commit and open no screen of their own.
        """
        if self.overview is None:
            return
        data = self.overview
        codes = [c for c in data.codes if (only is None or c.id in only)
                 and (exclude is None or c.id not in exclude)]
        if immediate:  # a commit only: start it before the picker has closed
            self.push_screen(CodePicker(codes, data.paths, title, multiple=multiple,
                                        counts=data.counts, extra=extra, on_pick=done))
            return

        def chosen(ids: list[int] | None) -> None:
            if ids:
                done(ids)

        self.push_screen(CodePicker(codes, data.paths, title, multiple=multiple,
                                    counts=data.counts, extra=extra), chosen)

    def _need_document(self) -> bool:
        if self.view.document_id is None:
            self.notify("Open a document first (Documents tab, enter).", severity="warning")
            return False
        if self.active_tab != "transcript":
            self.action_tab("transcript")
        return True

    def _with_coding(self, verb: str, then: Callable[[Coding], None]) -> None:
        """Find the coding under the cursor, asking which one when codes overlap."""
        if not self._need_document():
            return
        here = self.view.codings_at()
        if not here:
            self.notify(f"No coding under the cursor to {verb}; move onto a highlight "
                        "(n / N jump between codings).", severity="warning")
            return
        if len(here) == 1:
            then(here[0])
            return

        def pick(ids: list[int]) -> None:
            match = next((c for c in here if c.code_id == ids[0]), None)
            if match is not None:
                then(match)

        self._picker(f"Which coding to {verb}?", pick, only={c.code_id for c in here})

    # -- coding ----------------------------------------------------------------------------

    def action_code(self) -> None:
        if not self._need_document():
            return
        sel = self.view.selection
        if sel is None:
            self.notify("Select a passage first: w word, s sentence, t turn, p paragraph, "
                        "shift+arrows or the mouse.", severity="warning")
            return
        doc_id = self.view.document_id
        assert doc_id is not None

        def apply(ids: list[int]) -> None:
            def change() -> tuple[str | None, int | None]:
                for code_id in ids:
                    self.project.add_coding(doc_id, sel.start, sel.end, code_id, self.coder)
                names = ", ".join(self.project.code(i).name for i in ids)
                return f"Coded with {names}.", doc_id

            self.write(change, clear_selection=True)

        self._picker("Apply code(s) to the selection", apply, multiple=True, immediate=True)

    def action_in_vivo(self) -> None:
        if not self._need_document():
            return
        sel = self.view.selection
        if sel is None:
            self.notify("Select the words to turn into a code first.", severity="warning")
            return
        doc_id = self.view.document_id
        assert doc_id is not None
        words = " ".join(self.view.text[sel.start : sel.end].split())[:80]

        def named(name: str | None) -> None:
            if not name or not name.strip():
                return

            def change() -> tuple[str | None, int | None]:
                color = PALETTE[len(self.project.codes()) % len(PALETTE)]
                self.project.add_in_vivo(doc_id, sel.start, sel.end, name.strip(), color,
                                         self.coder)
                return f"New in-vivo code {name.strip()!r} applied.", doc_id

            self.write(change, clear_selection=True, full=True)

        self.push_screen(Prompt("New in-vivo code (edit the name, enter to create):", words),
                         named)

    def action_uncode(self) -> None:
        def remove(coding: Coding) -> None:
            self.commit(lambda: self.project.delete_coding(coding.id, self.coder),
                        "Coding removed (u undoes).", coding.document_id)

        self._with_coding("remove", remove)

    def action_recode(self) -> None:
        def recode(coding: Coding) -> None:
            def to(ids: list[int]) -> None:
                self.commit(lambda: self.project.change_code(coding.id, ids[0], self.coder),
                            "Code changed.", coding.document_id)

            self._picker("Change the code of this coding to…", to,
                         exclude={coding.code_id}, immediate=True)

        self._with_coding("change", recode)

    def action_coding_memo(self) -> None:
        def edit(coding: Coding) -> None:
            def save(text: str | None) -> None:
                if text is not None:
                    self.commit(lambda: self.project.set_coding_memo(coding.id, text,
                                                                     self.coder),
                                "Coding memo saved.", coding.document_id)

            name = self.view.codes[coding.code_id].name if coding.code_id in self.view.codes \
                else "coding"
            self.push_screen(MemoEditor(f"Memo on this {name} coding", coding.memo or ""),
                             save)

        self._with_coding("annotate", edit)

    # -- undo / redo ------------------------------------------------------------------------

    def action_undo(self) -> None:
        def change() -> tuple[str | None, int | None]:
            done = history.undo(self.project, self.coder)
            if done is None:
                return "Nothing to undo.", None
            return _("Undone: {what}.").format(what=done.describe()), done.document_id

        self.write(change, full=True)  # an in-vivo undo also removes its code

    def action_redo(self) -> None:
        def change() -> tuple[str | None, int | None]:
            done = history.redo(self.project, self.coder)
            if done is None:
                return "Nothing to redo.", None
            return _("Redone: {what}.").format(what=done.describe()), done.document_id

        self.write(change, full=True)

    # -- memos and summaries -------------------------------------------------------------------

    def action_memo(self) -> None:
        """The memo of what is in front of the researcher: a code or a document."""
        if self.active_tab == "codes":
            code = self.query_one("#codes-pane").current
            if code is not None:
                self.edit_memo("code", code.id, f"Memo on the code {code.name!r}")
            return
        doc_id = self.view.document_id
        if self.active_tab == "documents":
            pane: Any = self.query_one("#documents-pane")
            table = pane.query_one("DataTable")
            if 0 <= table.cursor_row < len(pane.shown):
                doc_id = pane.shown[table.cursor_row].id
        if doc_id is None:
            self.notify("Open or highlight a document first.", severity="warning")
            return
        self.edit_memo("document", doc_id, "Memo on this document")

    def action_project_memo(self) -> None:
        self.edit_memo("project", None, "Project memo")

    @work(thread=True, group="memo")
    def edit_memo(self, kind: str, target: int | None, title: str) -> None:
        memo = self.project.memo(kind, target)

        def save(text: str | None) -> None:
            if text is not None:
                self.commit(lambda: self.project.set_memo(kind, target, text, self.coder),
                            "Memo saved.", None)

        self.call_from_thread(self.push_screen, MemoEditor(title, memo.text if memo else ""),
                              save)

    def action_summary(self) -> None:
        if not self._need_document():
            return
        doc_id = self.view.document_id
        assert doc_id is not None
        def chosen(ids: list[int]) -> None:
            self.edit_summary(doc_id, ids[0])

        self._picker("Summary of this document for which code?", chosen)

    @work(thread=True, group="memo")
    def edit_summary(self, doc_id: int, code_id: int) -> None:
        current = self.project.summaries().get((doc_id, code_id), "")
        title = f"Summary: {self.project.document(doc_id).name} × " \
                f"{self.project.code(code_id).name}"

        def save(text: str | None) -> None:
            if text is not None:
                self.commit(lambda: self.project.set_summary(doc_id, code_id, text,
                                                             self.coder),
                            "Summary saved.", None)

        self.call_from_thread(self.push_screen, MemoEditor(title, current), save)

    def action_extracts(self) -> None:
        self._picker("Show the extracts of which code?", lambda ids: self.show_extracts(ids[0]))
