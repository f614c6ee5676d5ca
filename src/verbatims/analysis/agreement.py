"""Inter-coder agreement per code: percent agreement, Cohen's and Fleiss' κ, Krippendorff's α.

A *unit* is what each coder either coded with a code or did not: every character
of the compared documents (NVivo's method, the default), or every sentence, turn,
paragraph or document (MAXQDA's segment method: coded when any part of it, beyond
blanks, is coded). The compared documents are those that every named coder has
coded with at least one code: a document one of them has not read yet says nothing
about agreement, and counting it would reward the other for coding nothing.

Nothing here reads a project: `Material` holds the texts, units and codings the
caller gathered (`agreement_data.gather`). Per code, each unit gets a *pattern*,
the set of coders who coded it; every figure is computed exactly from the number
of units with each pattern, so a million characters cost no more than a few runs.

- percent agreement: the share of units on which all coders agree (coded by all,
  or by none), a fraction in 0–1;
- κ: Cohen's κ for two coders; for more, the mean of every pair's Cohen's κ
  (Light's κ); Fleiss' κ is given beside it;
- α: Krippendorff's α for nominal data, from the coincidence matrix (Krippendorff
  2011); the tests check it against the `krippendorff` package.

The overall row pools every code's units (De Vries et al. 2008's pooled κ), so a
code used twice weighs as little as it should. A figure is NaN when undefined:
when chance agreement is total (nobody, or everybody, coded every unit).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from verbatims.model.entities import Coding
from verbatims.model.spans import merge_spans

UNITS = ("character", "sentence", "turn", "paragraph", "document")
OVERALL = "(overall)"
COLUMNS = ["code", "unit", "coders", "percent_agreement", "kappa", "alpha", "units",
           "fleiss_kappa", "documents"]

Span = tuple[int, int]


@dataclass(frozen=True)
class DocText:
    """One compared document: its text and, for segment units, its units (sorted spans)."""

    id: int
    name: str
    text: str
    units: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Material:
    """Everything the figures are computed from, gathered from a project by the caller."""

    coders: tuple[str, ...]
    unit: str
    documents: tuple[DocText, ...]
    codings: tuple[Coding, ...]  # the named coders' codings in these documents
    codes: dict[int, str]  # code id → path, the codes to report, in order
    left_out: tuple[str, ...] = ()  # documents not coded by every coder
    code_paths: dict[int, str] = field(default_factory=dict)  # every code, for "also coded"


# -- patterns: how many units each set of coders coded ------------------------------------


def coder_spans(material: Material) -> dict[tuple[int, int, int], list[Span]]:
    """(document, code, coder index) → the merged spans that coder coded with that code."""
    index = {name: i for i, name in enumerate(material.coders)}
    raw: dict[tuple[int, int, int], list[Span]] = {}
    for c in material.codings:
        if c.coder in index:
            raw.setdefault((c.document_id, c.code_id, index[c.coder]), []).append(
                (c.start, c.end))
    return {key: merge_spans(spans) for key, spans in raw.items()}


def patterns(material: Material, code_id: int,
             spans: dict[tuple[int, int, int], list[Span]] | None = None) -> np.ndarray:
    """Number of units per pattern for one code: index = bit mask of the coders who coded."""
    spans = coder_spans(material) if spans is None else spans
    m = len(material.coders)
    counts = np.zeros(2 ** m, dtype=np.int64)
    for doc in material.documents:
        per_coder = [spans.get((doc.id, code_id, i), []) for i in range(m)]
        if material.unit == "character":
            _character_patterns(len(doc.text), per_coder, counts)
        else:
            _segment_patterns(doc, per_coder, counts)
    return counts


def _character_patterns(length: int, per_coder: list[list[Span]], counts: np.ndarray) -> None:
    """Sweep the boundaries of every coder's spans: between two, the pattern is constant."""
    events: list[tuple[int, int, int]] = []  # (offset, +1/-1, coder)
    for i, spans in enumerate(per_coder):
        for start, end in spans:
            events.append((start, 1, i))
            events.append((end, -1, i))
    events.sort()
    mask, at = 0, 0
    for offset, step, coder in events:
        if offset > at:
            counts[mask] += offset - at
            at = offset
        mask = mask | (1 << coder) if step > 0 else mask & ~(1 << coder)
    counts[mask] += length - at


def _segment_patterns(doc: DocText, per_coder: list[list[Span]], counts: np.ndarray) -> None:
    for unit in doc.units:
        mask = 0
        for i, spans in enumerate(per_coder):
            if touches(doc.text, unit, spans):
                mask |= 1 << i
        counts[mask] += 1


def touches(text: str, unit: Span, spans: Sequence[Span]) -> bool:
    """True when a span covers at least one character of `unit` that is not a blank: a
    coding that only spills its trailing space into the next sentence does not code it."""
    for start, end in spans:
        lo, hi = max(start, unit[0]), min(end, unit[1])
        if lo < hi and text[lo:hi].strip():
            return True
    return False


# -- the figures ---------------------------------------------------------------------------


def percent_agreement(counts: np.ndarray) -> float:
    total = int(counts.sum())
    if total == 0:
        return math.nan
    return float(counts[0] + counts[-1]) / total


def cohen_kappa(n11: float, n10: float, n01: float, n00: float) -> float:
    """Cohen's κ from a 2×2 table (coder A first: n10 = coded by A only)."""
    n = n11 + n10 + n01 + n00
    if n == 0:
        return math.nan
    observed = (n11 + n00) / n
    a1, b1 = (n11 + n10) / n, (n11 + n01) / n
    expected = a1 * b1 + (1 - a1) * (1 - b1)
    if expected >= 1:
        return math.nan
    return (observed - expected) / (1 - expected)


def pair_table(counts: np.ndarray, i: int, j: int) -> tuple[int, int, int, int]:
    """(both, i only, j only, neither) for coders i and j."""
    masks = np.arange(len(counts))
    a, b = (masks >> i) & 1 == 1, (masks >> j) & 1 == 1
    return (int(counts[a & b].sum()), int(counts[a & ~b].sum()),
            int(counts[~a & b].sum()), int(counts[~a & ~b].sum()))


def pairwise_kappas(counts: np.ndarray, m: int) -> dict[tuple[int, int], float]:
    return {(i, j): cohen_kappa(*pair_table(counts, i, j)) for i, j in combinations(range(m), 2)}


def fleiss_kappa(ratings: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Fleiss' κ from a units × categories table of how many raters chose each category
    (the same number of raters for every unit); `weights` repeats rows."""
    ratings = np.asarray(ratings, dtype=float)
    w = np.ones(len(ratings)) if weights is None else np.asarray(weights, dtype=float)
    n_units = w.sum()
    if n_units == 0:
        return math.nan
    raters = ratings.sum(axis=1)
    if len(set(raters.tolist())) != 1 or raters[0] < 2:
        raise ValueError("Fleiss' kappa needs the same number (at least two) of raters per unit")
    r = raters[0]
    agreement = ((ratings * (ratings - 1)).sum(axis=1) / (r * (r - 1)) * w).sum() / n_units
    shares = (ratings * w[:, None]).sum(axis=0) / (n_units * r)
    expected = float((shares ** 2).sum())
    if expected >= 1:
        return math.nan
    return float((agreement - expected) / (1 - expected))


def krippendorff_alpha(value_counts: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Krippendorff's α (nominal) from a units × values table of how many coders gave
    each value, units with fewer than two values left out; `weights` repeats rows.

    α = 1 − D_o / D_e with D_o = Σ_{c≠k} o_ck / n and D_e = Σ_{c≠k} n_c n_k / (n (n − 1)),
    o the coincidence matrix: each unit adds (x xᵀ − diag x) / (m_u − 1).
    """
    table = np.asarray(value_counts, dtype=float)
    w = np.ones(len(table)) if weights is None else np.asarray(weights, dtype=float)
    pairable = table.sum(axis=1)
    keep = (pairable >= 2) & (w > 0)
    table, w, pairable = table[keep], w[keep], pairable[keep]
    if len(table) == 0:
        return math.nan
    outer = table[:, :, None] * table[:, None, :]
    outer -= np.einsum("uv,vw->uvw", table, np.eye(table.shape[1]))
    coincidences = (outer / (pairable - 1)[:, None, None] * w[:, None, None]).sum(axis=0)
    n_v = coincidences.sum(axis=1)
    n = n_v.sum()
    observed = coincidences.sum() - np.trace(coincidences)
    expected = (n_v.sum() ** 2 - (n_v ** 2).sum()) / (n - 1)
    if expected == 0:
        return math.nan
    return float(1 - observed / expected)


@dataclass(frozen=True)
class Figures:
    percent_agreement: float
    kappa: float  # Cohen's for two coders, mean pairwise Cohen's for more
    fleiss_kappa: float
    alpha: float
    units: int
    coded: tuple[int, ...]  # units each coder coded


def figures(counts: np.ndarray, m: int) -> Figures:
    """Every figure of one row from its pattern counts (m coders)."""
    masks = np.arange(len(counts))
    ones = np.array([bin(int(x)).count("1") for x in masks])
    present = counts > 0
    value_counts = np.stack([m - ones[present], ones[present]], axis=1)
    pairs = [k for k in pairwise_kappas(counts, m).values() if not math.isnan(k)]
    kappa = math.nan if not pairs or len(pairs) < m * (m - 1) // 2 else float(np.mean(pairs))
    coded = tuple(int(counts[(masks >> i) & 1 == 1].sum()) for i in range(m))
    return Figures(
        percent_agreement=percent_agreement(counts),
        kappa=kappa,
        fleiss_kappa=fleiss_kappa(value_counts, counts[present]),
        alpha=krippendorff_alpha(value_counts, counts[present]),
        units=int(counts.sum()),
        coded=coded,
    )


def agreement_table(material: Material) -> pd.DataFrame:
    """One row per code, then the overall row (pooled over the codes)."""
    m = len(material.coders)
    spans = coder_spans(material)
    rows = []
    pooled = np.zeros(2 ** m, dtype=np.int64)
    coders = ", ".join(material.coders)
    per_coder = [f"units_{name}" for name in material.coders]
    for code_id, path in material.codes.items():
        counts = patterns(material, code_id, spans)
        pooled += counts
        rows.append(_row(path, material, coders, figures(counts, m), per_coder))
    if material.codes:
        rows.append(_row(OVERALL, material, coders, figures(pooled, m), per_coder))
    return pd.DataFrame(rows, columns=COLUMNS + per_coder)


def _row(code: str, material: Material, coders: str, f: Figures,
         per_coder: list[str]) -> dict[str, object]:
    row: dict[str, object] = {
        "code": code, "unit": material.unit, "coders": coders,
        "percent_agreement": f.percent_agreement, "kappa": f.kappa,
        "alpha": f.alpha, "units": f.units, "fleiss_kappa": f.fleiss_kappa,
        "documents": len(material.documents),
    }
    row.update(zip(per_coder, f.coded, strict=True))
    return row
