"""How good auto-coding is on this project: cross-validated figures per code.

Against one coder's hand coding (or every human coder's), passage by passage at each
code's grain, with folds by document: precision, recall, F1 and Cohen's kappa of
keyword suggestions and of learned ones (`nlp.learned.cross_validate`), and how many
coded passages each code had. A researcher reads them before accepting suggestions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pandas as pd

from verbatims.nlp import learn
from verbatims.nlp import match as m
from verbatims.nlp.learned import Counts, Dataset, cross_validate, prepare
from verbatims.nlp.passages import TermColumns
from verbatims.store import Project
from verbatims.store.evaluations import Evaluation

COLUMNS = ("code", "code_id", "unit", "positives", "documents", "learnable", "method", "folds",
           "tp", "fp", "fn", "tn", "precision", "recall", "f1", "kappa")


def scores(c: Counts) -> tuple[float, float, float, float]:
    """(precision, recall, F1, Cohen's kappa); NaN where a figure is undefined."""
    nan = math.nan
    precision = c.tp / (c.tp + c.fp) if c.tp + c.fp else nan
    recall = c.tp / (c.tp + c.fn) if c.tp + c.fn else nan
    f1 = 2 * c.tp / (2 * c.tp + c.fp + c.fn) if c.tp + c.fp + c.fn else nan
    n = c.tp + c.fp + c.fn + c.tn
    if not n:
        return precision, recall, f1, nan
    observed = (c.tp + c.tn) / n
    expected = ((c.tp + c.fp) * (c.tp + c.fn) + (c.fn + c.tn) * (c.fp + c.tn)) / (n * n)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else nan
    return precision, recall, f1, kappa


def term_columns(project: Project) -> dict[int, TermColumns]:
    """The corpus's terms as every analysis counts them (analysis.corpus: the one term
    normalisation, interviewer turns included for the questions), for learning."""
    import numpy as np

    from verbatims.analysis.corpus import load_docs

    out = {}
    for doc in load_docs(project, include_interviewer=True):
        tags = np.array([bool(t) for t in doc.tags], dtype=bool)
        kept = np.nonzero(tags)[0]
        unit = doc.unit_of(kept.tolist()) if len(kept) else np.zeros(0, dtype=np.int64)
        close = np.diff(kept, prepend=-9) <= 2
        same = np.concatenate(([False], unit[1:] == unit[:-1])) if len(kept) else unit
        picked = kept.tolist()
        out[doc.document_id] = TermColumns(
            [doc.starts[j] for j in picked], [doc.ends[j] for j in picked],
            [doc.lemmas[j] for j in picked], (close & same).tolist())
    return out


def evaluate(project: Project, code_refs: Sequence[str] = (), unit: str | None = None,
             coder: str | None = None, folds: int = 5, include_interviewer: bool = False,
             threshold: float = m.DEFAULT_THRESHOLD, settings: learn.Settings | None = None,
             progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """One row per code coded by hand and method (COLUMNS), codes in codebook order."""
    data = prepare(project, code_refs, unit, coder, include_interviewer, threshold, settings,
                   paragraphs=True, term_columns=term_columns(project))
    return table(data, folds, progress)


def table(data: Dataset, folds: int = 5, progress: Callable[[int, int], None] | None = None
          ) -> pd.DataFrame:
    """The figures of a prepared dataset (see `evaluate`)."""
    n_folds, counts = cross_validate(data, folds, progress)
    rows = []
    for c in data.codes:
        if not c.positives:
            continue
        for method, found in counts[c.code.id].items():
            p, r, f1, kappa = scores(found)
            rows.append((c.path, c.code.id, c.unit, c.positives, c.documents, c.enough,
                         method, n_folds, found.tp, found.fp, found.fn, found.tn, p, r, f1,
                         kappa))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def macro(frame: pd.DataFrame, method: str, learnable_only: bool = True) -> float:
    """Macro-averaged F1 of a method over the codes (those learned, by default)."""
    rows = frame[(frame["method"] == method) & (frame["learnable"] | (not learnable_only))]
    return float(rows["f1"].fillna(0.0).mean()) if len(rows) else math.nan


def records(frame: pd.DataFrame, coder: str | None, codings: int) -> list[Evaluation]:
    """The rows as the store keeps them (store.evaluations)."""
    def num(x: object) -> float | None:
        return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)  # type: ignore[arg-type]

    return [Evaluation(int(r.code_id), str(r.method), str(r.unit), coder, int(r.positives),
                       int(r.documents), int(r.folds), int(r.tp), int(r.fp), int(r.fn),
                       int(r.tn), num(r.precision), num(r.recall), num(r.f1), num(r.kappa),
                       codings)
            for r in frame.itertuples()]
