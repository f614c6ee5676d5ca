"""Corpus search that tolerates inflection, typos, OCR noise and missing accents.

One entry point, `search()`, used by the workbench; the matching itself is the
auto-coding matcher's (verbatims.nlp.match). The accent- and case-folding the
UI's filters and pickers share is `verbatims.folding.fold`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from verbatims.model.entities import Hit

if TYPE_CHECKING:
    from verbatims.store import Project


__all__ = ["Hit", "search"]


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
