"""Correspondence analysis (AFC) of a terms × values table, with the formulas named.

For a table N of counts (I terms × J values, n in all), with P = N / n, the row
masses r = P·1, the column masses c = Pᵀ·1 and D_r, D_c their diagonal matrices:

- the standardised residuals S = D_r^-½ (P − r cᵀ) D_c^-½, whose sum of squares is
  the total inertia χ²/n;
- the singular value decomposition S = U Σ Vᵀ: each factor k has the eigenvalue
  λ_k = σ_k², and the share of inertia λ_k / Σλ it explains;
- the principal coordinates F = D_r^-½ U Σ (terms) and G = D_c^-½ V Σ (values);
- the contribution of a point to a factor, its mass times its squared coordinate
  over the eigenvalue: ctr_ik = r_i F_ik² / λ_k (= u_ik²; each factor's add up to 1);
- its quality on the factor, cos²_ik = F_ik² / Σ_k F_ik².

A table of J values has at most J − 1 factors: two values give one axis only.
Axes are oriented so that the value contributing most to each lies on its positive
side, which makes the result the same from one run to the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from verbatims.analysis.groups import Groups, document_groups
from verbatims.analysis.specificities import part_counts, table_of
from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.store import Project

COLUMNS = ["kind", "name", "dim1", "dim2", "contrib1", "contrib2"]


@dataclass
class CA:
    """The factors of a table: eigenvalues, and coordinates, contributions and cos² of
    rows and columns (one column per factor, "dim1", "dim2", …)."""

    eigenvalues: np.ndarray
    row_coords: pd.DataFrame
    col_coords: pd.DataFrame
    row_contrib: pd.DataFrame
    col_contrib: pd.DataFrame
    row_cos2: pd.DataFrame
    col_cos2: pd.DataFrame
    row_mass: pd.Series
    col_mass: pd.Series

    @property
    def inertia(self) -> float:
        return float(self.eigenvalues.sum())

    @property
    def shares(self) -> np.ndarray:
        """The share of the total inertia each factor explains."""
        total = self.inertia
        return self.eigenvalues / total if total > 0 else self.eigenvalues


def correspondence(table: pd.DataFrame) -> CA:
    """The correspondence analysis of a table of counts (rows × columns)."""
    n_matrix = table.to_numpy(dtype=float)
    rows = n_matrix.sum(axis=1) > 0
    cols = n_matrix.sum(axis=0) > 0
    table = table.loc[rows, cols]
    n_matrix = n_matrix[rows][:, cols]
    total = n_matrix.sum()
    if total <= 0 or min(n_matrix.shape) < 2:
        raise UserError(_("Correspondence analysis needs two values and two terms at least "
                          "with counts."))
    p = n_matrix / total
    r = p.sum(axis=1)
    c = p.sum(axis=0)
    s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    u, sigma, vt = np.linalg.svd(s, full_matrices=False)
    k = min(n_matrix.shape) - 1  # the last singular value is zero (the trivial factor)
    keep = sigma[:k] > 1e-12 * max(1.0, float(sigma[0]))
    k = int(keep.sum())
    if k == 0:
        raise UserError(_("The values use the terms in exactly the same proportions: there is "
                          "no factor to draw."))
    u, sigma, v = u[:, :k], sigma[:k], vt[:k].T
    for j in range(k):  # orientation: the value contributing most sits on the positive side
        squares = v[:, j] ** 2  # ties: the first value in the table's order
        top = int(np.flatnonzero(squares >= squares.max() - 1e-9)[0])
        if v[top, j] < 0:
            u[:, j], v[:, j] = -u[:, j], -v[:, j]
    f = u * sigma / np.sqrt(r)[:, None]
    g = v * sigma / np.sqrt(c)[:, None]
    names = [f"dim{i + 1}" for i in range(k)]

    def frame(values: np.ndarray, index: pd.Index) -> pd.DataFrame:
        return pd.DataFrame(values, index=index, columns=names)

    def cos2(coords: np.ndarray) -> np.ndarray:
        d2 = (coords ** 2).sum(axis=1, keepdims=True)
        return np.asarray(np.divide(coords ** 2, d2, out=np.zeros_like(coords), where=d2 > 0),
                          dtype=float)

    return CA(sigma ** 2, frame(f, table.index), frame(g, table.columns),
              frame(u ** 2, table.index), frame(v ** 2, table.columns),
              frame(cos2(f), table.index), frame(cos2(g), table.columns),
              pd.Series(r, index=table.index), pd.Series(c, index=table.columns))


@dataclass
class TermsCA:
    """A correspondence analysis of the terms by the values of a variable."""

    ca: CA
    counts: pd.DataFrame  # terms × values analysed
    groups: Groups
    label: str
    keys: dict[str, str]  # shown term -> normalised key

    def table(self) -> pd.DataFrame:
        """The CSV: kind (value or term), name, dim1, dim2, contrib1, contrib2, then
        frequency, cos2_1, cos2_2. With one factor only, dim2 and contrib2 are empty."""
        out = []
        for kind, coords, contrib, cos2, freq in (
                ("value", self.ca.col_coords, self.ca.col_contrib, self.ca.col_cos2,
                 self.counts.sum(axis=0)),
                ("term", self.ca.row_coords, self.ca.row_contrib, self.ca.row_cos2,
                 self.counts.sum(axis=1))):
            two = "dim2" in coords.columns
            part = pd.DataFrame({
                "kind": kind, "name": coords.index,
                "dim1": coords["dim1"].round(6).to_numpy(),
                "dim2": coords["dim2"].round(6).to_numpy() if two else np.nan,
                "contrib1": contrib["dim1"].round(6).to_numpy(),
                "contrib2": contrib["dim2"].round(6).to_numpy() if two else np.nan,
                "frequency": freq.reindex(coords.index).to_numpy(),
                "cos2_1": cos2["dim1"].round(6).to_numpy(),
                "cos2_2": cos2["dim2"].round(6).to_numpy() if two else np.nan,
            })
            if kind == "term":
                part = part.assign(_p=self.plane_contribution().reindex(coords.index).to_numpy()
                                   ).sort_values(["_p", "name"], ascending=[False, True],
                                                 kind="stable").drop(columns="_p")
            out.append(part)
        return pd.concat(out, ignore_index=True)

    def inertia_table(self) -> pd.DataFrame:
        """One row per factor: eigenvalue, share and cumulated share of the inertia."""
        shares = self.ca.shares
        return pd.DataFrame({"factor": [f"dim{i + 1}" for i in range(len(shares))],
                             "eigenvalue": np.round(self.ca.eigenvalues, 6),
                             "share": np.round(shares, 6),
                             "cumulative": np.round(np.cumsum(shares), 6)})

    def plane_contribution(self) -> pd.Series:
        """Each term's contribution to the plane of factors 1 and 2 (to factor 1 alone
        when there is only one): the contributions weighted by the eigenvalues."""
        lam = self.ca.eigenvalues[:2]
        contrib = self.ca.row_contrib.iloc[:, :2].to_numpy()
        return pd.Series(contrib @ lam / lam.sum(), index=self.ca.row_contrib.index)

    def top_terms(self, n: int) -> list[str]:
        ranked = self.plane_contribution().sort_values(ascending=False, kind="stable")
        return list(ranked.index[:n])


def terms_ca(project: Project, by: Sequence[str], *, document_ids: Sequence[int] | None = None,
             code_ids: set[int] | None = None, code_label: str = "", min_freq: int = 5,
             include_interviewer: bool = False, keep_script: bool = False) -> TermsCA:
    """The correspondence analysis of the terms seen `min_freq` times or more × the values."""
    groups = document_groups(project, by, document_ids)
    if len(groups.values) < 2:
        raise UserError(_("{by} has one value only ({value}) in these documents: a "
                          "correspondence analysis compares two values or more.").format(
                              by=groups.label, value=groups.values[0]))
    counts, shown = part_counts(project, groups, code_ids=code_ids,
                                include_interviewer=include_interviewer, keep_script=keep_script)
    frame, keys = table_of(counts, shown, groups.values, min_freq)
    frame = frame.loc[:, frame.sum(axis=0) > 0]
    if len(frame) < 3:
        raise UserError(_("Fewer than three terms are seen {n} times or more in the selected "
                          "text; lower --min-freq or widen the selection.").format(n=min_freq))
    label = (_("the coded extracts « {code} »").format(code=code_label) if code_ids is not None
             else _("the corpus"))
    return TermsCA(correspondence(frame), frame, groups, label, keys)
