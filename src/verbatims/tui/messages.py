"""Messages that workers post to the app once the store has answered."""

from __future__ import annotations

from textual.message import Message

from verbatims.model.entities import Coding, Hit, Segment
from verbatims.tui.data import Counts, OpenDocument, Overview, ReviewRow


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


class ExtractsLoaded(Message):
    def __init__(self, label: str, segments: list[Segment]) -> None:
        super().__init__()
        self.label = label
        self.segments = segments


class SearchDone(Message):
    def __init__(self, hits: list[Hit], names: dict[int, str], texts: dict[int, str]) -> None:
        super().__init__()
        self.hits = hits
        self.names = names
        self.texts = texts


class ReviewLoaded(Message):
    def __init__(self, rows: list[ReviewRow]) -> None:
        super().__init__()
        self.rows = rows


class Failed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ExternalChange(Message):
    """Another connection committed: reload what is shown."""
