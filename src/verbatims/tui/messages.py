"""Messages posted up to the app: by workers once the store has answered, by panes
when a key asks for something only the app's controllers do (panes never call them)."""

from __future__ import annotations

import threading
from typing import Literal

from textual.message import Message

from verbatims.model.entities import Code, Coding, Turn
from verbatims.tui.data import Counts, OpenDocument, Overview


class OverviewLoaded(Message):
    def __init__(self, data: Overview) -> None:
        super().__init__()
        self.data = data


class CountsUpdated(Message):
    def __init__(self, counts: Counts) -> None:
        super().__init__()
        self.counts = counts


class DocumentOpened(Message):
    def __init__(self, doc: OpenDocument) -> None:
        super().__init__()
        self.doc = doc


class CodingsCommitted(Message):
    """A write was committed; here are the open document's codings as stored now."""

    def __init__(self, document_id: int | None, codings: list[Coding] | None,
                 note: str | None, clear_selection: bool,
                 turns: list[Turn] | None = None,
                 drawn: threading.Event | None = None) -> None:
        super().__init__()
        self.document_id = document_id
        self.codings = codings
        self.note = note
        self.clear_selection = clear_selection
        self.turns = turns  # the open document's turns (a role may have changed)
        self.drawn = drawn  # set once the screen showing them has been refreshed


class Jump(Message):
    """Open a document with [start, end) selected (from an extract, a hit, a suggestion).

    `code` opens the code picker on it at once; `unit` ("sentence", "turn") widens
    the selection to the unit around it first.
    """

    def __init__(self, document_id: int, start: int, end: int, code: bool = False,
                 unit: str | None = None) -> None:
        super().__init__()
        self.document_id = document_id
        self.start = start
        self.end = end
        self.code = code
        self.unit = unit


class ConcordanceAsked(Message):
    """Show where a term occurs (a figure's term chosen in the Figures tab): the Search
    tab's concordance of `term`."""

    def __init__(self, term: str) -> None:
        super().__init__()
        self.term = term


class Failed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ExternalChange(Message):
    """Another connection committed: reload what is shown."""


CodingAction = Literal["code", "in_vivo", "uncode", "recode", "coding_memo", "summary"]
CodebookAction = Literal["new_code", "new_child", "rename", "recolor", "move", "merge"]


class CodingAsked(Message):
    """A coding key in the transcript: the coding controller does it on the selection."""

    def __init__(self, action: CodingAction) -> None:
        super().__init__()
        self.action: CodingAction = action


class CodeSpanAsked(Message):
    """Code [start, end) of a document (a search hit): ask for the codes, then code it."""

    def __init__(self, document_id: int, start: int, end: int) -> None:
        super().__init__()
        self.document_id = document_id
        self.start = start
        self.end = end


class CodebookAsked(Message):
    """A codebook key in the Codes tab, on the highlighted code (None: none)."""

    def __init__(self, action: CodebookAction, code: Code | None) -> None:
        super().__init__()
        self.action: CodebookAction = action
        self.code = code
