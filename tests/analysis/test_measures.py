"""The association measures against their textbook definitions."""

from __future__ import annotations

import math

import pytest

from verbatims.analysis.measures import log_likelihood, p_value, signed_log_likelihood, specificity


def exact_upper(f: int, F: int, t: int, T: int) -> float:  # noqa: N803
    """P(X >= f) for a hypergeometric law, summed with exact integers."""
    total = math.comb(T, t)
    return sum(math.comb(F, k) * math.comb(T - F, t - k) for k in range(f, min(F, t) + 1)) / total


@pytest.mark.parametrize("f,F,t,T", [(3, 3, 120, 2000), (8, 33, 400, 5000), (8, 60, 300, 3000),
                                     (1, 2, 10, 100), (40, 50, 100, 1000)])
def test_specificity_is_the_hypergeometric_tail(f: int, F: int, t: int, T: int) -> None:  # noqa: N803
    expected = -math.log10(exact_upper(f, F, t, T))
    assert specificity(f, F, t, T) == pytest.approx(expected, rel=1e-6)


def test_under_use_is_negative() -> None:
    assert specificity(0, 100, 500, 1000) < -10
    assert signed_log_likelihood(0, 100, 500, 1000) < 0


def test_log_likelihood_of_an_independent_table_is_zero() -> None:
    assert log_likelihood(10, 100, 50, 500) == pytest.approx(0.0, abs=1e-9)


def test_log_likelihood_known_value() -> None:
    # 2x2 table [[10, 90], [20, 880]]: G² = 2 Σ O ln(O/E) computed by hand.
    cells = [10, 90, 20, 880]
    expect = [100 * 30 / 1000, 100 * 970 / 1000, 900 * 30 / 1000, 900 * 970 / 1000]
    by_hand = 2 * sum(o * math.log(o / e) for o, e in zip(cells, expect, strict=True))
    assert log_likelihood(10, 100, 30, 1000) == pytest.approx(by_hand)
    assert p_value("loglik", 10.83) == pytest.approx(0.001, rel=0.01)
