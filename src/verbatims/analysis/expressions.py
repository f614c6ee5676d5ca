"""Recurrent multi-word expressions, found with a collocation measure.

Candidates are adjacent content words whose parts of speech make a French
noun phrase: noun + adjective ("impact écologique"), adjective + noun,
noun + noun ("poids carbone"), and noun + de + noun ("hygiène de vie"). A
candidate becomes an expression when it occurs at least `min_count` times and
its words stick together far more than chance: Dunning's log-likelihood ratio
G² of the pair (above 10.83, i.e. p < 0.001) and a normalised pointwise mutual
information (NPMI) of at least `min_npmi`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from verbatims.analysis.measures import log_likelihood

LINK = frozenset({"de", "du", "des", "d'"})
G2_THRESHOLD = 10.83


@dataclass(frozen=True)
class Expression:
    lemmas: tuple[str, ...]
    count: int
    g2: float
    npmi: float


PAIRS = frozenset({("N", "A"), ("A", "N"), ("N", "N")})


def candidates(words_per_unit: Sequence[Sequence[tuple[str, str]]]
               ) -> tuple[Counter[tuple[str, ...]], Counter[str], Counter[str], int]:
    """Counts of candidate pairs, of left words, of right words, and of all pairs.

    Each unit is a sequence of (lemma, tag) for its non-punctuation words: tag "N"
    (noun), "A" (adjective), "V" (verb) for content words, "" for the others.
    """
    pairs: Counter[tuple[str, ...]] = Counter()
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    total = 0
    for words in words_per_unit:
        n = len(words)
        for i in range(n - 1):
            a, ta = words[i]
            if not ta:
                continue
            b, tb = words[i + 1]
            total += 1
            left[a] += 1
            if tb:
                right[b] += 1
                if (ta, tb) in PAIRS:
                    pairs[(a, b)] += 1
            elif ta == "N" and b in LINK and i + 2 < n and words[i + 2][1] == "N":
                c = words[i + 2][0]
                right[c] += 1
                pairs[(a, b, c)] += 1
    return pairs, left, right, total


def detect(words_per_unit: Sequence[Sequence[tuple[str, str]]], min_count: int = 3,
           min_npmi: float = 0.3, limit: int = 300) -> list[Expression]:
    """Expressions of the corpus, strongest association first."""
    pairs, left, right, total = candidates(words_per_unit)
    if total == 0:
        return []
    found = []
    for key, count in pairs.items():
        if count < min_count:
            continue
        a, c = key[0], key[-1]
        fa, fc = left[a], right[c]
        g2 = log_likelihood(count, fa, fc, total)
        if g2 < G2_THRESHOLD:
            continue
        pmi = math.log(count * total / (fa * fc))
        npmi = pmi / -math.log(count / total) if count < total else 1.0
        if npmi < min_npmi:
            continue
        found.append(Expression(key, count, g2, npmi))
    found.sort(key=lambda e: (-e.g2, e.lemmas))
    return found[:limit]
