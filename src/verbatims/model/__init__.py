"""Plain data: documents, turns, codes, codings, memos, and span logic. No I/O."""

from verbatims.model.entities import (
    Attribute,
    Code,
    Coding,
    Document,
    Hit,
    Memo,
    NewDocument,
    Segment,
    Turn,
)
from verbatims.model.spans import check_span, merge_spans, overlaps

__all__ = [
    "Attribute",
    "Code",
    "Coding",
    "Document",
    "Hit",
    "Memo",
    "NewDocument",
    "Segment",
    "Turn",
    "check_span",
    "merge_spans",
    "overlaps",
]
