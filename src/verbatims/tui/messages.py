"""Messages that workers post to the app once the store has answered."""

from __future__ import annotations

from textual.message import Message

from verbatims.model.entities import Coding
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
                 note: str | None, clear_selection: bool) -> None:
        super().__init__()
        self.document_id = document_id
        self.codings = codings
        self.note = note
        self.clear_selection = clear_selection


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


class Failed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ExternalChange(Message):
    """Another connection committed: reload what is shown."""
