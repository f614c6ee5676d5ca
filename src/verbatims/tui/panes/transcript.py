"""The transcript tab: the document's title, the text view, a status line, coding keys.

The view (widgets/transcript.py) draws and selects; this pane adds the keys
that code what is selected, handed to the coding controller.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Label

from verbatims.i18n import N_, _, ngettext
from verbatims.model.entities import AttributeValue, Code
from verbatims.tui.data import OpenDocument
from verbatims.tui.messages import CodingAsked
from verbatims.tui.pane import MemoTarget, Pane
from verbatims.tui.widgets.status import StatusBar
from verbatims.tui.widgets.transcript import TranscriptView


class TranscriptPane(Pane):
    BINDINGS = [
        Binding("c", "code", N_("Code")),
        Binding("v", "in_vivo", N_("In vivo")),
        Binding("x", "uncode", N_("Uncode")),
        Binding("r", "recode", N_("Recode"),
                tooltip=N_("Change the code of the coding under the cursor")),
        Binding("m", "coding_memo", N_("Memo")),
        Binding("S", "summary", N_("Summary (document × code)"), show=False),
    ]
    KEY_WIDGETS = (TranscriptView,)

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.document_name = ""

    def compose(self) -> ComposeResult:
        yield Label(_("Open a document from the Documents tab (1)."), id="doc-title")
        yield TranscriptView(id="transcript-view")
        yield StatusBar(id="status")

    @property
    def view(self) -> TranscriptView:
        return self.query_one(TranscriptView)

    @property
    def status(self) -> str:
        """The status line: who you are (and whose codings show), position or selection,
        and the codes under the cursor."""
        return self.query_one(StatusBar).message

    # -- pane hooks -----------------------------------------------------------------------

    def focus_default(self) -> None:
        self.view.focus()

    def memo_target(self) -> MemoTarget | None:
        if self.view.document_id is None:
            return None
        return MemoTarget("document", self.view.document_id,
                          _("Memo on the document {name}").format(name=self.document_name))

    def show_document(self, doc: OpenDocument, codes: list[Code],
                      attributes: Mapping[str, AttributeValue]) -> None:
        self.document_name = doc.document.name
        self.view.show_document(doc.document.id, doc.text, doc.turns, doc.codings, codes)
        described = " · ".join(str(v) for v in attributes.values())
        words = ngettext("{n} word", "{n} words", doc.document.word_count).format(
            n=f"{doc.document.word_count:,}".replace(",", " "))
        self.query_one("#doc-title", Label).update(
            f"[b]{escape(doc.document.name)}[/b]  {escape(words)}  [dim]{escape(described)}[/]")

    # -- coding keys (the app's coding controller does the work) ------------------------------

    def action_code(self) -> None:
        self.post_message(CodingAsked("code"))

    def action_in_vivo(self) -> None:
        self.post_message(CodingAsked("in_vivo"))

    def action_uncode(self) -> None:
        self.post_message(CodingAsked("uncode"))

    def action_recode(self) -> None:
        self.post_message(CodingAsked("recode"))

    def action_coding_memo(self) -> None:
        self.post_message(CodingAsked("coding_memo"))

    def action_summary(self) -> None:
        self.post_message(CodingAsked("summary"))

    @on(TranscriptView.SelectionChanged)
    def _selection_changed(self, message: TranscriptView.SelectionChanged) -> None:
        view = message.view
        sel = view.selection
        parts = [coders_status(view)]
        if sel is not None:
            parts.append(ngettext("selected {start}–{end} ({n} character)",
                                  "selected {start}–{end} ({n} characters)",
                                  sel.end - sel.start).format(start=sel.start, end=sel.end,
                                                              n=sel.end - sel.start))
        else:
            parts.append(_("at {offset}").format(offset=view.cursor))
        here = view.codings_at()
        if here:
            several = len({c.coder for c in here}) > 1  # say whose, when it matters
            names = [view.codes[c.code_id].name + (" ✎" if c.memo else "")
                     + (f" ({c.coder})" if several else "")
                     for c in here if c.code_id in view.codes]
            parts.append(_("coded: {codes}").format(codes=", ".join(names)))
        self.query_one(StatusBar).message = "  ·  ".join(parts)


def coders_status(view: TranscriptView) -> str:
    """Who you are, and whose codings the transcript shows (keys C and D)."""
    if view.compared is not None:
        left, right = view.compared
        return _("{left} ┆ {right} side by side").format(left=left, right=right)
    if view.only_coder is not None:
        n = len(view.codings)
        return ngettext("{you} · codings by {coder} ({n} here)",
                        "{you} · codings by {coder} ({n} here)", n).format(
                            you=view.you, coder=view.only_coder, n=n)
    return _("you: {coder}").format(coder=view.you)
