"""Corpus search that tolerates inflection, typos, OCR noise and missing accents.

One entry point, `search()`, used by the workbench; the matching itself is the
auto-coding matcher's (verbatims.nlp.match). `fold()` is the accent- and
case-folding the UI's filters and pickers share.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verbatims.store import Project


@dataclass(frozen=True)
class Hit:
    """A match: [start, end) over the document text, with its score (0–100)."""

    document_id: int
    start: int
    end: int
    score: float


def fold(text: str) -> str:
    """Lower case without accents: 'Numérique' and 'numerique' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search(
    project: Project,
    query: str,
    document_ids: Sequence[int] | None = None,
    limit: int = 1000,
) -> list[Hit]:
    """Passages of the project close to `query`, in document order.

    The auto-coding matcher does the work (lemmas, accents, typos, OCR noise,
    split words), so the workbench finds what `verbatims autocode` would: one
    matcher, one behaviour. Lemmas come from the NLP cache, parsed on first use.
    """
    from verbatims.nlp.autocode import search as lemma_search

    return lemma_search(project, query, document_ids=document_ids)[:limit]
