"""The project's nouns as frozen dataclasses.

Offsets are Unicode code points over the stored text (NFC, LF line endings),
start inclusive, end exclusive, the way Python slices and REFI-QDA count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

AttributeValue = str | float | int | date
AttributeType = Literal["text", "number", "date"]
Role = Literal["preamble", "interviewer", "respondent"]


ROLES: tuple[Role, ...] = ("interviewer", "respondent", "preamble")


@dataclass(frozen=True)
class Turn:
    """A speaker turn: [start, end) over the document text, marker included.

    `body_start` is where the speech begins, after the marker ("Q :", "**Marie
    DUPONT :**", a timestamp line); None when unknown (turns stored before it
    was recorded), then `speech_start` is the turn's start.
    """

    start: int
    end: int
    speaker: str | None
    role: Role
    time_start_ms: int | None = None
    time_end_ms: int | None = None
    index: int = 0
    body_start: int | None = None

    @property
    def speech_start(self) -> int:
        """The first offset of what the speaker said (the marker left out)."""
        if self.body_start is None:
            return self.start
        return min(max(self.body_start, self.start), self.end)


@dataclass(frozen=True)
class NewDocument:
    """A document read from a file, not yet stored."""

    name: str
    text: str
    source_path: str
    source_format: str
    encoding: str
    turns: tuple[Turn, ...] = ()
    attributes: dict[str, AttributeValue] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what the reader left out or guessed, for the import summary
    imported_at: str | None = None  # when another tool says it was imported (ISO 8601)


@dataclass(frozen=True)
class Document:
    id: int
    name: str
    source_path: str
    source_format: str
    sha256: str
    char_count: int
    word_count: int
    imported_at: str
    position: int


@dataclass(frozen=True)
class Attribute:
    key: str
    value: AttributeValue
    type: AttributeType


@dataclass(frozen=True)
class Code:
    id: int
    parent_id: int | None
    name: str
    color: str
    definition: str = ""
    include: str = ""
    exclude: str = ""
    keywords: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    position: int = 0
    codable: bool = True  # False for a folder of codes (REFI-QDA isCodable="false")


@dataclass(frozen=True)
class Coding:
    id: int
    document_id: int
    code_id: int
    start: int
    end: int
    coder: str
    memo: str | None
    created_at: str
    selected_by: str | None = None  # who made the selection, when another tool says


@dataclass(frozen=True)
class Annotation:
    """A note on a passage, coded or not (NVivo annotations, MAXQDA segment memos)."""

    id: int
    document_id: int
    start: int
    end: int
    text: str
    author: str
    created_at: str


@dataclass(frozen=True)
class Segment:
    """A coding with what a reader needs: its text, document, code path, attributes."""

    coding: Coding
    document: str
    code_path: str
    text: str
    speaker: str | None
    attributes: dict[str, AttributeValue]


@dataclass(frozen=True)
class Memo:
    id: int
    kind: Literal["project", "document", "code"]
    target_id: int | None
    text: str
    author: str
    updated_at: str


@dataclass(frozen=True)
class Hit:
    """A search match: [start, end) over the document text, with its score (0–100)."""

    document_id: int
    start: int
    end: int
    score: float
