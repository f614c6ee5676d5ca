"""The last cross-validated figures of auto-coding, per code and method.

`autocode --evaluate` writes them; the workbench's Review tab reads them, so that a
researcher sees how far to trust a code's suggestions before accepting them. They are
a cache of a computation, not a researcher's work: replaced by the next evaluation,
not part of the undo history.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from verbatims.store import schema as s
from verbatims.store.convert import now
from verbatims.store.project import Project

_T = s.autocode_evaluations


@dataclass(frozen=True)
class Evaluation:
    """How one method's suggestions for one code fared against the hand coding."""

    code_id: int
    method: str  # "keywords", "keywords, paragraph" or "learned"
    unit: str
    coder: str | None  # whose hand coding was the truth; None: every human coder
    positives: int
    documents: int
    folds: int
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float | None
    recall: float | None
    f1: float | None
    kappa: float | None
    codings: int  # hand codings in the project when evaluated
    evaluated_at: str = ""


_FIELDS = ("code_id", "method", "unit", "coder", "positives", "documents", "folds", "tp", "fp",
           "fn", "tn", "precision", "recall", "f1", "kappa", "codings", "evaluated_at")


def save(project: Project, rows: Iterable[Evaluation]) -> None:
    """Replace the figures of the codes evaluated by these."""
    rows = list(rows)
    stamp = now()
    with project.write() as conn:
        codes = sorted({r.code_id for r in rows})
        if codes:
            conn.execute(delete(_T).where(_T.c.code_id.in_(codes)))
            conn.execute(insert(_T), [
                {f: (stamp if f == "evaluated_at" else getattr(r, f)) for f in _FIELDS}
                for r in rows])


def evaluations(project: Project) -> list[Evaluation]:
    """Every stored figure, by code then method."""
    with project.read() as conn:
        found = conn.execute(select(*[_T.c[f] for f in _FIELDS])
                             .order_by(_T.c.code_id, _T.c.method)).all()
    return [Evaluation(*row) for row in found]
