"""Lafon's specificities of the terms by the values of a variable, as IRaMuTeQ and Lexico
compute them.

For a term seen F times among the T terms of the corpus, f times among the t terms
of one part (the interviews of one value), chance draws the part as t terms out of
T without replacement: f follows the hypergeometric law H(T, F, t), whose mean is
F·t/T. The specificity is -log10 P(X ≥ f) when f is at or above that mean (the
term is over-used there), log10 P(X ≤ f) below it (under-used): 2 means one chance
in a hundred, -3 an under-use as unlikely as one in a thousand (Lafon 1980).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from verbatims.analysis.groups import Groups, document_groups
from verbatims.analysis.measures import specificity
from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.store import Project

COLUMNS = ["term", "value", "frequency", "score", "expected", "p_value"]
CAP = 300.0  # beyond 1e-300 the probability underflows: the score is capped, as measures does


def log_pmf(k: np.ndarray, total: int, big_f: np.ndarray, t: np.ndarray) -> np.ndarray:
    """log P(X = k) of the hypergeometric law H(total, F, t), vectorised (log-gamma)."""
    from scipy.special import gammaln

    def log_choose(n: np.ndarray | int, r: np.ndarray) -> np.ndarray:
        return np.asarray(gammaln(np.add(n, 1)) - gammaln(r + 1) - gammaln(np.subtract(n, r)
                                                                            + 1))

    return np.asarray(log_choose(big_f, k) + log_choose(total - big_f, t - k)
                      - log_choose(total, t), dtype=float)


def log_tail(f: np.ndarray, total: int, big_f: np.ndarray, t: np.ndarray, upper: np.ndarray,
             steps: int = 4000) -> np.ndarray:
    """log P(X ≥ f) where `upper`, log P(X ≤ f) elsewhere, for many cells at once: the
    probability at f times the sum of the ratios of the terms that follow it
    (P(k+1)/P(k) = (F−k)(t−k) / ((k+1)(T−F−t+k+1))), summed until they no longer count.
    Cells still unfinished after `steps` terms get their exact sum from `measures`."""
    f, big_f, t = (np.asarray(x, dtype=float) for x in (f, big_f, t))
    upper = np.asarray(upper, dtype=bool)
    lo = np.maximum(0.0, t - (total - big_f))
    hi = np.minimum(big_f, t)
    base = log_pmf(f, total, big_f, t)
    acc = np.ones_like(f)
    term = np.ones_like(f)
    k = f.copy()
    idx = np.arange(len(f))  # the cells still summing: the arrays shrink as they finish
    for _step in range(steps):
        if not len(idx):
            break
        kk, ff, tt, uu = k[idx], big_f[idx], t[idx], upper[idx]
        with np.errstate(divide="ignore", invalid="ignore"):
            up = (ff - kk) * (tt - kk) / ((kk + 1) * (total - ff - tt + kk + 1))
            down = kk * (total - ff - tt + kk) / ((ff - kk + 1) * (tt - kk + 1))
        ended = np.where(uu, kk >= hi[idx], kk <= lo[idx])
        ratio = np.where(ended, 0.0, np.where(uu, up, down))
        term[idx] *= ratio
        acc[idx] += term[idx]
        k[idx] = np.where(uu, kk + 1, kk - 1)
        idx = idx[(term[idx] > acc[idx] * 1e-17) & ~ended]
    live = np.zeros(len(f), dtype=bool)
    live[idx] = True
    out = base + np.log(acc)
    for i in np.nonzero(live)[0].tolist():  # very long tails: the exact, slower sum
        from verbatims.analysis.measures import _log_tail

        out[i] = _log_tail(int(f[i]), total, int(big_f[i]), int(t[i]), bool(upper[i]))
    return np.asarray(out, dtype=float)


def lafon(counts: pd.DataFrame) -> pd.DataFrame:
    """Signed specificities of a terms × parts table of counts (index: terms, columns:
    parts), as a long table: term, value, frequency, score, expected, p_value, total.

    The same numbers as `measures.specificity` (and scipy's hypergeometric law), computed
    for every cell at once."""
    matrix = counts.to_numpy(dtype=np.int64)
    totals = matrix.sum(axis=1)  # F: each term in the corpus
    sizes = matrix.sum(axis=0)  # t: each part's terms
    grand = int(matrix.sum())  # T
    f = matrix.ravel()
    big_f = np.repeat(totals, matrix.shape[1])
    t = np.tile(sizes, matrix.shape[0])
    expected = big_f * t / grand if grand else np.zeros(len(f))
    over = f >= expected
    log_p = log_tail(f, grand, big_f, t, over) if len(f) else np.zeros(0)
    score = np.where(over, -log_p, log_p) / np.log(10)
    bad = ~np.isfinite(score)
    for i in np.nonzero(bad)[0].tolist():
        score[i] = specificity(int(f[i]), int(big_f[i]), int(t[i]), grand)
    score = np.clip(score, -CAP, CAP)
    terms = np.repeat(counts.index.to_numpy(), matrix.shape[1])
    values = np.tile(counts.columns.to_numpy(), matrix.shape[0])
    p_value = np.power(10.0, -np.abs(score))
    return pd.DataFrame({
        "term": terms, "value": values, "frequency": f, "score": np.round(score, 4),
        "expected": np.round(expected, 4),
        "p_value": [float(f"{p:.4g}") for p in p_value.tolist()],
        "total": big_f,
    })


@dataclass
class Specificities:
    """The long table (COLUMNS, then total), the counts, and what the caption says."""

    table: pd.DataFrame
    counts: pd.DataFrame  # terms (as shown) × values
    groups: Groups
    sizes: dict[str, int]  # terms counted in each value
    documents: dict[str, int]  # interviews of each value
    label: str  # what was counted: "le corpus", "les extraits codés « … »"
    keys: dict[str, str] = field(default_factory=dict)  # shown term -> normalised key

    def scores(self) -> pd.DataFrame:
        """Terms × values of scores (the wide table IRaMuTeQ shows)."""
        return self.table.pivot(index="term", columns="value", values="score").reindex(
            columns=self.groups.values)


def part_counts(project: Project, groups: Groups, *, code_ids: set[int] | None = None,
                include_interviewer: bool = False, keep_script: bool = False
                ) -> tuple[dict[str, Counter[str]], dict[str, str]]:
    """Each value's term counts (normalised keys) and the shown form of each key: the
    terms of the documents' respondent units (`analysis.units`), or of a code's
    extracts, counted straight from the analysed corpus."""
    from verbatims.analysis.cooc import coded_spans, merger_for
    from verbatims.analysis.corpus import load_docs

    docs = load_docs(project, sorted(groups.of), include_interviewer, keep_meta=keep_script)
    merger = merger_for(project, docs, True)
    spans = coded_spans(project, code_ids) if code_ids is not None else None
    counts: dict[str, Counter[str]] = {v: Counter() for v in groups.values}
    for doc in docs:
        value = groups.of.get(doc.document_id)
        if value is None or (spans is not None and doc.document_id not in spans):
            continue
        blocked = None if spans is None else ~doc.mask(spans[doc.document_id])
        terms, _at = merger.doc_terms(doc, blocked)
        counts[value].update(terms)
    keys = {k for c in counts.values() for k in c}
    return counts, {k: merger.display(k) for k in keys}


def table_of(counts: Mapping[str, Counter[str]], shown: Mapping[str, str], values: Sequence[str],
             min_freq: int) -> tuple[pd.DataFrame, dict[str, str]]:
    """The terms × values counts of the terms seen `min_freq` times or more, in their shown
    form (two keys shown alike are added up), most frequent first."""
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    kept = sorted((k for k, n in total.items() if n >= min_freq), key=lambda k: (-total[k], k))
    frame = pd.DataFrame({v: [counts[v].get(k, 0) for k in kept] for v in values},
                         index=[shown.get(k, k) for k in kept], dtype=np.int64)
    frame = frame.groupby(level=0, sort=False).sum()
    return frame, {shown.get(k, k): k for k in kept}


def specificities(project: Project, by: Sequence[str], *, document_ids: Sequence[int] | None = None,
                  code_ids: set[int] | None = None, code_label: str = "", min_freq: int = 3,
                  include_interviewer: bool = False, keep_script: bool = False
                  ) -> Specificities:
    """The specificities of every term seen `min_freq` times or more, by value of `by`."""
    groups = document_groups(project, by, document_ids)
    if len(groups.values) < 2:
        raise UserError(_("{by} has one value only ({value}) in these documents: "
                          "specificities compare two values or more.").format(
                              by=groups.label, value=groups.values[0]))
    counts, shown = part_counts(project, groups, code_ids=code_ids,
                                include_interviewer=include_interviewer, keep_script=keep_script)
    frame, keys = table_of(counts, shown, groups.values, min_freq)
    if frame.empty:
        raise UserError(_("No term is seen {n} times or more in the selected text; lower "
                          "--min-freq or widen the selection.").format(n=min_freq))
    table = lafon(frame)
    order = {v: i for i, v in enumerate(groups.values)}
    table = (table.assign(_v=table["value"].map(order))
             .sort_values(["_v", "score", "term"], ascending=[True, False, True], kind="stable")
             .drop(columns="_v").reset_index(drop=True))
    sizes = {v: int(sum(counts[v].values())) for v in groups.values}
    docs = Counter(groups.of.values())
    label = (_("the coded extracts « {code} »").format(code=code_label) if code_ids is not None
             else _("the corpus"))
    return Specificities(table, frame, groups, sizes, {v: docs[v] for v in groups.values},
                         label, keys)
