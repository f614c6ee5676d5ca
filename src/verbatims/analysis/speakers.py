"""The speakers of a corpus or of some documents, as `verbatims speakers` lists them and
a workbench view would: one row per speaker label and role, with its documents, turns
and words. The preamble and the lines set apart (no label) are no speakers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from verbatims.ingest.summary import speakers_of
from verbatims.store import Project

COLUMNS = ["speaker", "role", "documents", "turns", "words", "documents_named"]


@dataclass
class _Row:
    speaker: str
    role: str
    documents: int = 0
    turns: int = 0
    words: int = 0
    documents_named: list[str] = field(default_factory=list)


def speaker_table(project: Project, document_ids: Sequence[int] | None = None) -> pd.DataFrame:
    """Speakers of `document_ids` (every document when None), interviewers first, then by
    words; `documents_named` lists the documents' names, in project order."""
    docs = project.documents()
    if document_ids is not None:
        wanted = set(document_ids)
        docs = [d for d in docs if d.id in wanted]
    rows: dict[tuple[str, str], _Row] = {}
    for doc in docs:
        for sp in speakers_of(project.text(doc.id), project.turns(doc.id)):
            if sp.label is None:
                continue
            row = rows.setdefault((sp.label, sp.role), _Row(sp.label, sp.role))
            row.documents += 1
            row.turns += sp.turns
            row.words += sp.words
            row.documents_named.append(doc.name)
    found = sorted(rows.values(), key=lambda r: (r.role != "interviewer", -r.words))
    return pd.DataFrame([[getattr(r, c) for c in COLUMNS] for r in found], columns=COLUMNS)
