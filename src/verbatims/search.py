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

    fuzzy = lemma_search(project, query, document_ids=document_ids)
    return merge_hits(term_hits(project, query, document_ids), fuzzy)[:limit]


def term_hits(project: Project, query: str, document_ids: Sequence[int] | None = None
              ) -> list[Hit]:
    """Where the query occurs as a term, as the figures and `verbatims kwic` count it:
    by normalised lemma, OCR damage repaired ("5G", "numeérique"), every speaker."""
    from verbatims.analysis.kwic import concordance
    from verbatims.errors import UserError

    try:
        table = concordance(project, query, document_ids=document_ids,
                            include_interviewer=True)
    except UserError:  # a query with no word in it: the fuzzy matcher decides
        return []
    ids = {d.name: d.id for d in project.documents()}
    return [Hit(ids[r.document], int(r.start), int(r.end), 100.0)
            for r in table.itertuples(index=False)]


def merge_hits(first: Sequence[Hit], second: Sequence[Hit]) -> list[Hit]:
    """Both lists in document order, a hit of `second` dropped where one of `first`
    overlaps it."""
    taken: dict[int, list[tuple[int, int]]] = {}
    for h in first:
        taken.setdefault(h.document_id, []).append((h.start, h.end))
    out = list(first)
    out += [h for h in second if not any(a < h.end and h.start < b
                                         for a, b in taken.get(h.document_id, ()))]
    return sorted(out, key=lambda h: (h.document_id, h.start, h.end))
