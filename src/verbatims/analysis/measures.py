"""Association measures between a term and a part of the corpus.

Both compare how often a term occurs in a part (the pivot's sentences, a code's
extracts) with what chance would give if the part were a random sample of the
corpus. Notation: T words in the corpus, t of them in the part; the term occurs
F times in the corpus and f times in the part; chance expects F·t/T.

- specificity (Lafon 1980, as Lexico and IRaMuTeQ compute it): the probability
  of seeing f or more occurrences in a random part of t words drawn from the
  corpus (hypergeometric law). The score is -log10 of that probability, so
  3 means "one chance in a thousand"; an under-used term gets a negative score.
- log-likelihood (Dunning 1993, G²): how much better the term's counts are
  explained by "the part differs" than by "the part is like the rest". Above
  10.83 the difference is significant at p < 0.001; signed like specificity.
"""

from __future__ import annotations

import math

MEASURES = ("specificity", "loglik")


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def _log_hyper(k: int, total: int, successes: int, draws: int) -> float:
    return (_log_choose(successes, k) + _log_choose(total - successes, draws - k)
            - _log_choose(total, draws))


def _log_tail(f: int, total: int, successes: int, draws: int, upper: bool) -> float:
    """log P(X >= f) (upper) or log P(X <= f), summed until terms become negligible."""
    lo = max(0, draws - (total - successes))
    hi = min(successes, draws)
    ks = range(f, hi + 1) if upper else range(f, lo - 1, -1)
    best = -math.inf
    acc = 0.0
    for k in ks:
        term = _log_hyper(k, total, successes, draws)
        if term > best:
            acc = acc * math.exp(best - term) + 1.0 if best > -math.inf else 1.0
            best = term
        else:
            ratio = math.exp(term - best)
            acc += ratio
            if ratio < 1e-16:
                break
    return best + math.log(acc) if acc > 0 else -math.inf


def specificity(f: int, F: int, t: int, T: int) -> float:  # noqa: N803 - Lafon's notation
    """Signed -log10 of the hypergeometric tail probability of f (see module doc)."""
    if T <= 0 or t <= 0 or F <= 0:
        return 0.0
    expected = F * t / T
    if f >= expected:
        log_p = _log_tail(f, T, F, t, upper=True)
        return min(-log_p / math.log(10), 300.0)
    log_p = _log_tail(f, T, F, t, upper=False)
    return max(log_p / math.log(10), -300.0)


def log_likelihood(a: int, row: int, col: int, total: int) -> float:
    """Unsigned G² of a 2×2 table: a joint count, its row and column sums, the total."""
    cells = (a, row - a, col - a, total - row - col + a)
    expect = (row * col / total, row * (total - col) / total, (total - row) * col / total,
              (total - row) * (total - col) / total)
    g2 = 0.0
    for o, e in zip(cells, expect, strict=True):
        if o > 0 and e > 0:
            g2 += o * math.log(o / e)
    return max(2.0 * g2, 0.0)


def signed_log_likelihood(f: int, F: int, t: int, T: int) -> float:  # noqa: N803
    """G² of f occurrences in a part of t words, negative when under-used."""
    if T <= 0 or t <= 0 or F <= 0:
        return 0.0
    g2 = log_likelihood(f, t, F, T)
    return g2 if f >= F * t / T else -g2


def score(measure: str, f: int, F: int, t: int, T: int) -> float:  # noqa: N803
    if measure == "specificity":
        return specificity(f, F, t, T)
    if measure == "loglik":
        return signed_log_likelihood(f, F, t, T)
    raise ValueError(measure)


def p_value(measure: str, value: float) -> float:
    """The probability behind a score (one-sided), for the CSV."""
    if measure == "specificity":
        return 10 ** -abs(value)
    # G² follows a chi-square law with one degree of freedom: P = erfc(sqrt(G²/2)).
    return math.erfc(math.sqrt(abs(value) / 2.0))
