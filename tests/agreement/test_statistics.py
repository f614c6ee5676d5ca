"""κ and α checked against hand computations, scikit-learn and the `krippendorff` package.

The figures are computed from pattern counts (how many units each set of coders
coded); here they are recomputed from plain per-unit ratings by other means.
"""

from __future__ import annotations

import math
from itertools import combinations

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from verbatims.analysis.agreement import (
    cohen_kappa,
    figures,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
)


def counts_of(ratings: np.ndarray) -> np.ndarray:
    """Pattern counts (bit i = coder i coded) from a coders × units 0/1 matrix."""
    m = ratings.shape[0]
    masks = (ratings * (1 << np.arange(m))[:, None]).sum(axis=0)
    return np.bincount(masks, minlength=2 ** m).astype(np.int64)


def hand_alpha(ratings: list[list[int | None]]) -> float:
    """Krippendorff's α (nominal), pair by pair as his 2011 paper teaches: every ordered
    pair of values within a unit adds 1 / (m_u − 1) to the coincidence of those values."""
    values = sorted({v for row in ratings for v in row if v is not None})
    o = {(c, k): 0.0 for c in values for k in values}
    for u in range(len(ratings[0])):
        given_ = [v for row in ratings if (v := row[u]) is not None]
        if len(given_) < 2:
            continue
        for i, a in enumerate(given_):
            for j, b in enumerate(given_):
                if i != j:
                    o[(a, b)] += 1 / (len(given_) - 1)
    n_c = {c: sum(o[(c, k)] for k in values) for c in values}
    n = sum(n_c.values())
    disagree = sum(o[(c, k)] for c in values for k in values if c != k)
    expected = sum(n_c[c] * n_c[k] for c in values for k in values if c != k) / (n - 1)
    return 1 - disagree / expected


def test_cohen_kappa_by_hand() -> None:
    # Wikipedia's example: 50 proposals, both yes 20, A yes B no 5, A no B yes 10, both no 15.
    # p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2 / 0.5 = 0.4.
    assert cohen_kappa(20, 5, 10, 15) == pytest.approx(0.4)
    assert cohen_kappa(10, 0, 0, 40) == pytest.approx(1.0)
    assert cohen_kappa(0, 10, 10, 0) == pytest.approx(-1.0)
    assert math.isnan(cohen_kappa(0, 0, 0, 12))  # nobody coded anything: undefined


def test_fleiss_kappa_by_hand() -> None:
    # Fleiss (1971) as Wikipedia works it: 10 subjects, 14 raters, 5 categories: κ = 0.210.
    table = np.array([[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
                      [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
                      [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]])
    assert fleiss_kappa(table) == pytest.approx(0.20993, abs=1e-5)


def test_krippendorff_alpha_on_his_own_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", nominal data,
    # 4 observers, 12 units, missing values: α = 0.743.
    nan = None
    ratings: list[list[int | None]] = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
               [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
               [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
               [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    assert hand_alpha(ratings) == pytest.approx(0.743, abs=5e-4)
    data = np.array([[np.nan if v is None else v for v in row] for row in ratings])
    package = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    values = [1, 2, 3, 4, 5]
    value_counts = np.array([[sum(1 for row in ratings if row[u] == v) for v in values]
                             for u in range(12)])
    assert krippendorff_alpha(value_counts) == pytest.approx(package)
    assert krippendorff_alpha(value_counts) == pytest.approx(hand_alpha(ratings))


def test_two_coders_on_ten_characters_by_hand() -> None:
    # A codes characters 0-3, B 2-5, of ten: A only 2, both 2, B only 2, neither 4.
    a = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    b = np.array([0, 0, 1, 1, 1, 1, 0, 0, 0, 0])
    f = figures(counts_of(np.stack([a, b])), 2)
    assert f.percent_agreement == pytest.approx(0.6)
    # p_e = 0.4·0.4 + 0.6·0.6 = 0.52; κ = (0.6 − 0.52) / 0.48 = 1/6
    assert f.kappa == pytest.approx(1 / 6)
    # 20 values, 8 ones, 12 zeros; 4 disagreeing units add 2 to o_01 + o_10 each... α =
    # 1 − (n − 1)·D_o / Σ n_c n_k = 1 − 19·8 / (2·8·12) = 0.208333
    assert f.alpha == pytest.approx(1 - 19 * 8 / 192)
    assert f.coded == (4, 4) and f.units == 10


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 5).flatmap(lambda m: st.lists(
    st.lists(st.integers(0, 1), min_size=m, max_size=m), min_size=2, max_size=40)))
def test_figures_equal_the_reference_implementations(units: list[list[int]]) -> None:
    ratings = np.array(units).T  # coders × units
    m = ratings.shape[0]
    f = figures(counts_of(ratings), m)
    agree = np.mean([len(set(col)) == 1 for col in ratings.T])
    assert f.percent_agreement == pytest.approx(agree)
    if len({tuple(r) for r in ratings.T.tolist()}) > 1 or ratings.min() != ratings.max():
        package = krippendorff.alpha(reliability_data=ratings.astype(float),
                                     level_of_measurement="nominal")
        if np.isfinite(package):
            assert f.alpha == pytest.approx(package, abs=1e-9)
    pairs = []
    for i, j in combinations(range(m), 2):
        if len(set(ratings[i]) | set(ratings[j])) == 1:
            pairs.append(math.nan)  # both gave one same value throughout: undefined
            continue
        pairs.append(cohen_kappa_score(ratings[i], ratings[j]))
    if all(np.isfinite(pairs)):
        assert f.kappa == pytest.approx(float(np.mean(pairs)), abs=1e-9)
    else:
        assert math.isnan(f.kappa)


def test_percent_agreement_is_high_where_most_text_is_uncoded() -> None:
    """The claim of --help and the docs: two coders coding 1 % of a text each, half of it
    in common, agree on 99 % of the characters, yet κ is about 0.50."""
    a = np.zeros(10_000, dtype=int)
    b = np.zeros(10_000, dtype=int)
    a[1000:1100] = 1
    b[1050:1150] = 1
    f = figures(counts_of(np.stack([a, b])), 2)
    assert percent_agreement(counts_of(np.stack([a, b]))) == pytest.approx(0.99)
    assert f.kappa == pytest.approx(0.50, abs=0.01)
    assert f.alpha == pytest.approx(f.kappa, abs=0.001)
