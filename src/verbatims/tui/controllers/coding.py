"""Coding actions: code, in-vivo, remove, change, memos, summaries, undo, redo.

Each action gathers what it needs on screen (selection, picker, editor), then
hands one store change to the app's `write` worker, which commits it (through
the store's one write path, which logs it for undo) before the highlight is
redrawn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from verbatims.i18n import _
from verbatims.model.entities import Coding
from verbatims.store import history
from verbatims.tui.bench import Bench
from verbatims.tui.colors import PALETTE
from verbatims.tui.panes.transcript import TranscriptPane
from verbatims.tui.screens.editors import MemoEditor, Prompt
from verbatims.tui.screens.picker import CodePicker, Picked

if TYPE_CHECKING:
    from verbatims.tui.widgets.transcript import TranscriptView


class CodingController:
    """What the coding keys do; the app owns one and calls it on the panes' messages."""

    def __init__(self, app: Bench) -> None:
        self.app = app

    @property
    def view(self) -> TranscriptView:
        return self.app.view

    # -- helpers ---------------------------------------------------------------------

    def pick(self, title: str, done: Callable[[Picked], None], multiple: bool = False,
             only: set[int] | None = None, exclude: set[int] | None = None,
             extra: tuple[tuple[int, str], ...] = (), immediate: bool = False,
             allow_new: bool = False) -> None:
        """Ask for codes; `immediate` hands them over before the picker closes.

        Only for callbacks that commit and open no screen of their own.
        """
        data = self.app.overview
        if data is None:
            self.app.notify(_("The project is still loading; try again in a moment."))
            return
        codes = [c for c in data.codes if (only is None or c.id in only)
                 and (exclude is None or c.id not in exclude)]
        if immediate:  # a commit only: start it before the picker has closed
            self.app.push_screen(CodePicker(codes, data.paths, title, multiple=multiple,
                                            counts=data.counts, extra=extra, on_pick=done,
                                            allow_new=allow_new))
            return

        def chosen(picked: Picked | None) -> None:
            if picked is not None and (picked.ids or picked.new):
                done(picked)

        self.app.push_screen(CodePicker(codes, data.paths, title, multiple=multiple,
                                        counts=data.counts, extra=extra,
                                        allow_new=allow_new), chosen)

    def pick_one(self, title: str, done: Callable[[int], None], **options: object) -> None:
        """Ask for one existing code."""

        def first(picked: Picked) -> None:
            if picked.ids:
                done(picked.ids[0])

        self.pick(title, first, **options)  # type: ignore[arg-type]

    def _need_document(self) -> bool:
        if self.view.document_id is None:
            self.app.notify(_("Open a document first (Documents tab, enter)."),
                            severity="warning")
            return False
        if self.app.active_tab != "transcript":
            self.app.action_tab("transcript")
        return True

    def _with_coding(self, question: str, missing: str, then: Callable[[Coding], None]) -> None:
        """Find the coding under the cursor, asking which one when codes overlap."""
        if not self._need_document():
            return
        here = self.view.codings_at()
        if not here:
            self.app.notify(missing + " " + _("Move onto a highlight (n / N jump between "
                                              "codings)."), severity="warning")
            return
        if len(here) == 1:
            then(here[0])
            return

        def pick(code_id: int) -> None:
            match = next((c for c in here if c.code_id == code_id), None)
            if match is not None:
                then(match)

        self.pick_one(question, pick, only={c.code_id for c in here})

    # -- coding ----------------------------------------------------------------------------

    def code(self) -> None:
        """Code the transcript's selection with one or several codes (or a new one)."""
        if not self._need_document():
            return
        sel = self.view.selection
        if sel is None:
            self.app.notify(_("Select a passage first: w word, s sentence, t turn, "
                              "p paragraph, shift+arrows or the mouse."), severity="warning")
            return
        doc_id = self.view.document_id
        assert doc_id is not None
        self.code_span(doc_id, sel.start, sel.end, clear_selection=True)

    def code_span(self, doc_id: int, start: int, end: int,
                  clear_selection: bool = False) -> None:
        """Ask for codes (an unknown name creates a code), then code [start, end)."""
        project, coder = self.app.project, self.app.coder

        def apply(picked: Picked) -> None:
            def change() -> tuple[str | None, int | None]:
                names = []
                # Several codes at once (tab), or a new one with others: one undo step.
                with history.step(project, "coding.invivo" if picked.new else "coding.add",
                                  coder):
                    if picked.new:
                        color = PALETTE[len(project.codes()) % len(PALETTE)]
                        project.add_in_vivo(doc_id, start, end, picked.new, color, coder)
                        names.append(picked.new)
                    for code_id in picked.ids:
                        project.add_coding(doc_id, start, end, code_id, coder)
                        names.append(project.code(code_id).name)
                if picked.new:
                    return _("New code “{name}” created; coded with {codes}.").format(
                        name=picked.new, codes=", ".join(names)), doc_id
                return _("Coded with {codes}.").format(codes=", ".join(names)), doc_id

            self.app.write(change, clear_selection=clear_selection, full=bool(picked.new))

        self.pick(_("Apply code(s) to the selection"), apply, multiple=True, immediate=True,
                  allow_new=True)

    def in_vivo(self) -> None:
        if not self._need_document():
            return
        sel = self.view.selection
        if sel is None:
            self.app.notify(_("Select the words to turn into a code first."),
                            severity="warning")
            return
        doc_id = self.view.document_id
        assert doc_id is not None
        words = " ".join(self.view.text[sel.start : sel.end].split())[:80]
        project, coder = self.app.project, self.app.coder

        def named(name: str | None) -> None:
            if not name or not name.strip():
                return

            def change() -> tuple[str | None, int | None]:
                color = PALETTE[len(project.codes()) % len(PALETTE)]
                project.add_in_vivo(doc_id, sel.start, sel.end, name.strip(), color,
                                    coder)
                return _("New in-vivo code “{name}” applied.").format(name=name.strip()), \
                    doc_id

            self.app.write(change, clear_selection=True, full=True)

        self.app.push_screen(Prompt(_("New in-vivo code (edit the name, enter to create):"),
                                    words), named)

    def uncode(self) -> None:
        project, coder = self.app.project, self.app.coder

        def remove(coding: Coding) -> None:
            self.app.commit(lambda: project.delete_coding(coding.id, coder),
                        _("Coding removed (u undoes)."), coding.document_id)

        self._with_coding(_("Which coding to remove?"),
                          _("No coding under the cursor to remove."), remove)

    def recode(self) -> None:
        project, coder = self.app.project, self.app.coder

        def recode(coding: Coding) -> None:
            def to(picked: Picked) -> None:
                if picked.ids:
                    self.app.commit(lambda: project.change_code(coding.id, picked.ids[0],
                                                                coder),
                                _("Code changed."), coding.document_id)

            self.pick(_("Change the code of this coding to…"), to, exclude={coding.code_id},
                      immediate=True)

        self._with_coding(_("Which coding to change?"),
                          _("No coding under the cursor to change."), recode)

    def coding_memo(self) -> None:
        project, coder = self.app.project, self.app.coder

        def edit(coding: Coding) -> None:
            def save(text: str | None) -> None:
                if text is not None:
                    self.app.commit(lambda: project.set_coding_memo(coding.id, text,
                                                                    coder),
                                _("Coding memo saved."), coding.document_id)

            code = self.view.codes.get(coding.code_id)
            title = _("Memo on this coding ({code})").format(code=code.name if code else "?")
            self.app.push_screen(MemoEditor(title, coding.memo or ""), save)

        self._with_coding(_("Which coding to annotate?"),
                          _("No coding under the cursor to annotate."), edit)

    # -- undo / redo ------------------------------------------------------------------------

    def undo(self) -> None:
        project, coder = self.app.project, self.app.coder

        def change() -> tuple[str | None, int | None]:
            done = history.undo(project, coder)
            if done is None:
                return _("Nothing to undo."), None
            return _("Undone: {action}.").format(action=self._described(done)), \
                done.document_id

        self.app.write(change, full=True)  # an in-vivo undo also removes its code

    def redo(self) -> None:
        project, coder = self.app.project, self.app.coder

        def change() -> tuple[str | None, int | None]:
            done = history.redo(project, coder)
            if done is None:
                return _("Nothing to redo."), None
            return _("Redone: {action}.").format(action=self._described(done)), \
                done.document_id

        self.app.write(change, full=True)

    def _described(self, done: history.Step) -> str:
        """The step as history names it, with its code when it is one coding
        ("coding (mutualisation)"): after three codings, "coding" alone says little."""
        text = done.describe()
        first = done.first
        if done.size != 1 or first is None or not first.kind.startswith("coding."):
            return text
        code_id = first.payload.get("code_id")
        overview = self.app.overview
        name = overview.paths.get(int(code_id)) if overview and code_id is not None else None
        return _("{action} ({code})").format(action=text, code=name) if name else text

    # -- memos and summaries -------------------------------------------------------------------

    def memo(self) -> None:
        """The memo of what is in front of the researcher: a code or a document."""
        target = self.app.memo_target()
        if target is None and self.view.document_id is not None:
            target = self.app.pane(TranscriptPane).memo_target()
        if target is None:
            self.app.notify(_("Open or highlight a document first (or a code in the Codes "
                              "tab)."), severity="warning")
            return
        self.edit_memo(target.kind, target.target, target.title)

    def project_memo(self) -> None:
        self.edit_memo("project", None, _("Project memo"))

    def edit_memo(self, kind: str, target: int | None, title: str) -> None:
        """Read the memo in a worker, then open the editor on it."""
        project, coder = self.app.project, self.app.coder

        def save(text: str | None) -> None:
            if text is not None:
                self.app.commit(lambda: project.set_memo(kind, target, text, coder),
                            _("Memo saved."), None)

        def load() -> None:
            memo = project.memo(kind, target)
            self.app.call_from_thread(self.app.push_screen,
                                      MemoEditor(title, memo.text if memo else ""), save)

        self.app.run_worker(lambda: self.app.guard(load), thread=True, group="memo")

    def summary(self) -> None:
        if not self._need_document():
            return
        doc_id = self.view.document_id
        assert doc_id is not None
        self.pick_one(_("Summary of this document for which code?"),
                      lambda code_id: self.edit_summary(doc_id, code_id))

    def edit_summary(self, doc_id: int, code_id: int) -> None:
        project, coder = self.app.project, self.app.coder

        def save(text: str | None) -> None:
            if text is not None:
                self.app.commit(lambda: project.set_summary(doc_id, code_id, text, coder),
                            _("Summary saved."), None)

        def load() -> None:
            current = project.summaries().get((doc_id, code_id), "")
            title = _("Summary: {document} × {code}").format(
                document=project.document(doc_id).name, code=project.code(code_id).name)
            self.app.call_from_thread(self.app.push_screen, MemoEditor(title, current), save)

        self.app.run_worker(lambda: self.app.guard(load), thread=True, group="memo")

    def extracts(self) -> None:
        self.pick_one(_("Show the extracts of which code?"), self.app.show_extracts)
