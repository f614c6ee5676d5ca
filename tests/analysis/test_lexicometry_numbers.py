"""The numbers of the lexicometric analyses against hand computations and scipy: a 3 × 3
table for correspondence analysis, Lafon's specificity against scipy's hypergeometric
law, the steps of Reinert's classification, and planted topics it must find."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from scipy.stats import chi2_contingency, hypergeom
from sklearn.metrics import adjusted_rand_score

from verbatims.analysis import reinert
from verbatims.analysis.ca import correspondence
from verbatims.analysis.chd import classify
from verbatims.analysis.measures import specificity
from verbatims.analysis.specificities import lafon
from verbatims.analysis.textsegments import Segment, cut_points
from verbatims.analysis.units import Term
from verbatims.errors import UserError

# -- correspondence analysis ---------------------------------------------------------------

# Rows and columns of mass 1/3; S = N/4 − 1/3 has the eigenvectors (1, 1, −2) for σ = 1
# and (1, −1, 0) for σ = 1/2: eigenvalues 1 and 1/4, shares 80 % and 20 %, total
# inertia 5/4 = χ²/n with χ² = 15 (E = 4/3 in every cell), n = 12.
HAND = pd.DataFrame([[3, 1, 0], [1, 3, 0], [0, 0, 4]], index=["a", "b", "c"],
                    columns=["x", "y", "z"])


def test_a_three_by_three_table_gives_the_hand_computed_factors() -> None:
    ca = correspondence(HAND)
    assert ca.eigenvalues == pytest.approx([1.0, 0.25])
    assert ca.shares == pytest.approx([0.8, 0.2])
    chi2 = chi2_contingency(HAND.to_numpy(), correction=False)[0]
    assert chi2 == pytest.approx(15.0) and ca.inertia == pytest.approx(chi2 / 12)
    # F = D_r^-½ U Σ: factor 1 along (1, 1, −2)/√2, oriented so that z (the largest
    # contribution) is positive; factor 2 along (1, −1, 0)·√6/4.
    assert ca.row_coords["dim1"].to_numpy() == pytest.approx([-1 / math.sqrt(2)] * 2
                                                             + [math.sqrt(2)])
    assert ca.row_coords["dim2"].to_numpy() == pytest.approx(
        [math.sqrt(6) / 4, -math.sqrt(6) / 4, 0.0], abs=1e-12)
    assert ca.col_coords["dim1"]["z"] == pytest.approx(math.sqrt(2))
    # contributions r_i F_ik² / λ_k: 1/6, 1/6, 4/6 on factor 1; 1/2, 1/2, 0 on factor 2
    assert ca.row_contrib["dim1"].to_numpy() == pytest.approx([1 / 6, 1 / 6, 2 / 3])
    assert ca.row_contrib["dim2"].to_numpy() == pytest.approx([0.5, 0.5, 0.0], abs=1e-12)
    assert ca.row_cos2.sum(axis=1).to_numpy() == pytest.approx([1, 1, 1])


def test_two_values_give_one_factor_holding_all_the_inertia() -> None:
    table = pd.DataFrame([[5, 1], [1, 5], [3, 3]], index=["a", "b", "c"], columns=["x", "y"])
    ca = correspondence(table)
    assert len(ca.eigenvalues) == 1 and ca.shares == pytest.approx([1.0])
    assert ca.inertia == pytest.approx(chi2_contingency(table.to_numpy(),
                                                        correction=False)[0] / 18)
    assert ca.row_coords["dim1"]["c"] == pytest.approx(0.0, abs=1e-12)  # the average profile


def test_a_table_without_contrast_is_refused_in_a_sentence() -> None:
    with pytest.raises(UserError, match="same proportions"):
        correspondence(pd.DataFrame([[2, 4], [1, 2], [3, 6]], columns=["x", "y"]))


# -- Lafon's specificities -----------------------------------------------------------------


@pytest.mark.parametrize(("f", "big_f", "t", "total"), [
    (12, 20, 300, 1000), (1, 20, 300, 1000), (6, 20, 300, 1000), (0, 15, 500, 1000),
    (40, 40, 100, 5000), (3, 3, 10, 100),
])
def test_lafon_is_the_signed_log_of_scipys_hypergeometric_tail(
        f: int, big_f: int, t: int, total: int) -> None:
    expected = big_f * t / total
    if f >= expected:
        want = -math.log10(hypergeom.sf(f - 1, total, big_f, t))
    else:
        want = math.log10(hypergeom.cdf(f, total, big_f, t))
    assert specificity(f, big_f, t, total) == pytest.approx(want, rel=1e-6, abs=1e-9)
    counts = pd.DataFrame({"A": [f, t - f], "B": [big_f - f, total - t - (big_f - f)]},
                          index=["term", "other"])
    table = lafon(counts)
    got = table[(table["term"] == "term") & (table["value"] == "A")].iloc[0]
    assert got["score"] == pytest.approx(want, abs=1e-4)
    assert got["expected"] == pytest.approx(expected, abs=1e-4)
    assert got["p_value"] == pytest.approx(10 ** -abs(want), rel=1e-3)


def _textometrie(table: pd.DataFrame) -> pd.DataFrame:
    """Lafon's specificities as the textometrie R code IRaMuTeQ uses computes them
    (`specificites.probabilities`: margins of the table itself, phyper of f − 1 above the
    expected count, of f below), here with exact integers (math.comb), no scipy."""
    from fractions import Fraction

    total = int(table.to_numpy().sum())
    out = {}
    for term, row in table.iterrows():
        big_f = int(row.sum())
        for value in table.columns:
            f, t = int(row[value]), int(table[value].sum())
            pmf = [Fraction(math.comb(big_f, k) * math.comb(total - big_f, t - k),
                            math.comb(total, t)) for k in range(min(big_f, t) + 1)]
            if f >= big_f * t / total:
                out[(term, value)] = -math.log10(float(sum(pmf[f:])))  # P(X >= f)
            else:
                out[(term, value)] = math.log10(float(sum(pmf[:f + 1])))  # P(X <= f)
    return pd.Series(out).rename_axis(["term", "value"]).to_frame("score")


def test_lafon_on_a_whole_table_is_the_textometrie_formula_in_exact_arithmetic() -> None:
    counts = pd.DataFrame({"commune": [26, 19, 2, 11, 0, 40, 7],
                           "EPCI": [1, 1, 14, 0, 9, 35, 3],
                           "syndicat": [0, 4, 6, 1, 5, 20, 30]},
                          index=["mairie", "école", "agglomération", "jeune", "schéma",
                                 "numérique", "déchet"])
    got = lafon(counts).set_index(["term", "value"])["score"]
    want = _textometrie(counts)["score"]
    assert len(got) == len(want) == 21
    for key, value in want.items():
        assert got[key] == pytest.approx(value, abs=1e-4), key
    assert got["mairie", "commune"] > 4 and got["déchet", "syndicat"] > 10


def test_over_use_in_one_part_is_under_use_in_the_other() -> None:
    counts = pd.DataFrame({"commune": [30, 2, 10], "EPCI": [5, 25, 10]},
                          index=["mairie", "agglomération", "numérique"])
    table = lafon(counts).set_index(["term", "value"])["score"]
    assert table["mairie", "commune"] > 2 and table["mairie", "EPCI"] < -2
    assert table["agglomération", "EPCI"] > 2
    for term in counts.index:
        assert np.sign(table[term, "commune"]) != np.sign(table[term, "EPCI"]) or \
            table[term, "commune"] == 0


def test_extreme_specificities_do_not_overflow() -> None:
    counts = pd.DataFrame({"A": [5000, 0], "B": [0, 5000]}, index=["x", "y"])
    scores = lafon(counts)["score"]
    assert np.isfinite(scores).all() and scores.abs().max() <= 300


# -- Reinert's steps ----------------------------------------------------------------------


def _random_binary(rows: int, cols: int, seed: int) -> sparse.csr_matrix:
    rng = np.random.default_rng(seed)
    dense = (rng.random((rows, cols)) < 0.35).astype(float)
    dense[dense.sum(axis=1) == 0, 0] = 1
    dense[0, dense.sum(axis=0) == 0] = 1
    return sparse.csr_matrix(dense)


def _chi2(m: sparse.csr_matrix, first: np.ndarray) -> float:
    table = np.vstack([np.asarray(m[first].sum(axis=0)).ravel(),
                       np.asarray(m[~first].sum(axis=0)).ravel()])
    return float(chi2_contingency(table, correction=False)[0])


def test_the_two_row_chi2_formula_is_the_contingency_chi2() -> None:
    m = _random_binary(12, 7, 1)
    first = np.zeros(12, dtype=bool)
    first[:5] = True
    t1 = np.asarray(m[first].sum(axis=0)).ravel()
    c = np.asarray(m.sum(axis=0)).ravel()
    q = float((t1 * t1 / c).sum())
    assert reinert.chi2_two_rows(q, float(t1.sum()), float(c.sum())) == pytest.approx(
        _chi2(m, first))


def test_the_best_cut_is_the_best_of_all_cuts_along_the_order() -> None:
    m = _random_binary(15, 8, 2)
    order = np.argsort(reinert.first_factor(m), kind="stable")
    k, value = reinert.best_cut(m, order)
    brute = []
    for cut in range(1, 15):
        first = np.zeros(15, dtype=bool)
        first[order[:cut]] = True
        brute.append(_chi2(m, first))
    assert k == int(np.argmax(brute)) + 1 and value == pytest.approx(max(brute))


def test_switching_rows_only_raises_the_chi2() -> None:
    m = _random_binary(30, 10, 3)
    start = np.zeros(30, dtype=bool)
    start[::2] = True
    moved, value = reinert.switch(m, start)
    assert value >= _chi2(m, start) - 1e-9
    assert value == pytest.approx(_chi2(m, moved))
    for i in range(30):  # a local optimum: no single move raises it further
        other = moved.copy()
        other[i] = not other[i]
        if other.sum() and (~other).sum():
            assert _chi2(m, other) <= value + 1e-9


def test_a_term_of_one_group_only_leaves_the_other_groups_table() -> None:
    rows = [[1, 1, 0]] * 10 + [[0, 1, 1]] * 10
    m = sparse.csr_matrix(np.array(rows, dtype=float))
    first = np.array([True] * 10 + [False] * 10)
    out_first, out_second = reinert.eliminated(m, first)
    assert 2 in out_first.tolist() and 0 in out_second.tolist()
    assert 1 not in out_first.tolist() + out_second.tolist()  # everywhere: kept in both


def test_terminal_classes_fold_small_classes_into_their_parent() -> None:
    tree = reinert.Tree(parent={2: 1, 3: 1, 4: 3, 5: 3}, children={1: (2, 3), 3: (4, 5)},
                        members={1: np.arange(20), 2: np.arange(10), 3: np.arange(10, 20),
                                 4: np.arange(10, 13), 5: np.arange(13, 20)})
    tree.leaves = np.array([2] * 10 + [4] * 3 + [5] * 7)
    assert reinert.terminals(tree, 8) == {2: [2], 3: [4, 5]}  # 4 and 5 too small: 3 taken
    assert reinert.terminals(tree, 3) == {2: [2], 4: [4], 5: [5]}


def test_the_partition_kept_is_the_compatible_one_of_largest_chi2() -> None:
    t1 = reinert.Tree(parent={2: 1, 3: 1, 4: 2, 5: 2}, children={1: (2, 3), 2: (4, 5)})
    t2 = reinert.Tree(parent={2: 1, 3: 1, 4: 2, 5: 2}, children={1: (2, 3), 2: (4, 5)})
    c = reinert.Crossed
    candidates = [c(2, 2, 50, 100.0), c(4, 4, 20, 70.0), c(5, 5, 20, 60.0), c(3, 3, 30, 90.0)]
    best = reinert.best_partition(candidates, t1, t2)
    # the greedy pick (2,2) then (3,3) sums 190; (4,4)+(5,5)+(3,3) sums 220
    assert {(x.first, x.second) for x in best} == {(4, 4), (5, 5), (3, 3)}
    for a, b in itertools.combinations(best, 2):
        assert a.first not in t1.related(b.first) and a.second not in t2.related(b.second)


def test_segments_end_at_the_strongest_mark_near_forty_words() -> None:
    strength = [0] * 100
    strength[29] = 1  # a comma after 30 words
    strength[43] = 3  # a sentence's end after 44 words
    strength[99] = 3
    assert cut_points(strength, 40)[0] == 44  # the sentence's end, within 20-55 words
    assert cut_points([0] * 30 + [3], 40) == [31]  # short: one segment
    assert all(b - a <= 55 for a, b in itertools.pairwise([0, *cut_points([0] * 400, 40)]))


# -- planted topics ------------------------------------------------------------------------


def planted(seed: int, documents: int = 12, per_document: int = 60, switch: float = 0.1
            ) -> tuple[list[Segment], np.ndarray]:
    """Segments drawn from three vocabularies (and a common one), the topic changing now
    and then inside an interview, as themes do."""
    rng = np.random.default_rng(seed)
    topics = [[f"t{k}w{i}" for i in range(60)] for k in range(3)]
    common = [f"c{i}" for i in range(200)]
    segments, truth = [], []
    for d in range(documents):
        k = int(rng.integers(3))
        for s in range(per_document):
            if rng.random() < switch:
                k = int(rng.integers(3))
            words = [topics[k][min(59, int(rng.zipf(1.6)) - 1)] if rng.random() < 0.5
                     else common[min(199, int(rng.zipf(1.3)) - 1)]
                     for _ in range(int(rng.integers(5, 12)))]
            segments.append(Segment(d, s * 100, s * 100 + 60, 40,
                                    tuple(Term(w, s * 100, s * 100 + 3) for w in words)))
            truth.append(k)
    return segments, np.array(truth)


@pytest.mark.parametrize("method", ["double", "simple"])
def test_three_planted_vocabularies_are_found(method: str) -> None:
    segments, truth = planted(1)
    res = classify(segments, {}, classes=6, method=method)
    classed = res.classes > 0
    assert classed.mean() > 0.7
    assert adjusted_rand_score(truth[classed], res.classes[classed]) >= 0.8
    assert 3 <= res.k <= 6
    for cls in range(1, res.k + 1):  # each class's profile leads with one topic's words
        top = res.top_terms(cls, 5)
        assert len({w[:2] for w in top if w.startswith("t")}) == 1, top


def test_units_of_segments_never_join_two_paragraphs() -> None:
    sizes = [5, 5, 5, 5, 5, 5, 5]
    docs = [1, 1, 1, 1, 1, 2, 2]
    assert reinert.units_of(sizes, docs, 12).tolist() == [0, 0, 0, 1, 1, 2, 2]
    breaks = [True, False, True, False, False, True, False]  # answers: 0-1, 2-4, 5-6
    assert reinert.units_of(sizes, docs, 12, breaks).tolist() == [0, 0, 1, 1, 1, 2, 2]


def test_double_classification_finds_answers_on_one_theme_each() -> None:
    """Answers of two or three segments, each on one of three themes drawn at random: units
    made across answers would mix themes; made within them, the classes are pure."""
    rng = np.random.default_rng(5)
    topics = [[f"t{k}w{i}" for i in range(40)] for k in range(3)]
    common = [f"c{i}" for i in range(120)]
    segments, truth, breaks = [], [], []
    for d in range(10):
        for answer in range(30):
            k = int(rng.integers(3))
            for s in range(int(rng.integers(2, 4))):
                words = [topics[k][int(rng.integers(40))] if rng.random() < 0.5
                         else common[int(rng.integers(120))] for _ in range(8)]
                at = answer * 1000 + s * 100
                segments.append(Segment(d, at, at + 60, 40,
                                        tuple(Term(w, at, at + 3) for w in words)))
                truth.append(k)
                breaks.append(s == 0)
    res = classify(segments, {}, classes=6, method="double", breaks=breaks)
    classed = res.classes > 0
    assert classed.mean() > 0.6
    labels = np.array(truth)[classed]
    for cls in range(1, res.k + 1):  # every class holds one theme's segments, nearly all
        members = labels[res.classes[classed] == cls]
        assert np.bincount(members).max() >= 0.9 * len(members), np.bincount(members)
