"""The analysed tokens of a document and its context units, as the analyses read them.

Plain columns (parallel lists), apart from `corpus.py` that builds them from the
NLP cache and `doccache.py` that keeps them in the project: both import this
module, neither imports the other's internals.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from itertools import compress

import numpy as np


@dataclass(slots=True)
class Unit:
    """A sentence of a respondent: its non-punctuation tokens as parallel lists.

    `tags` is "N" (noun), "A" (adjective) or "V" (verb) for a content word (a
    term candidate), "" for the others (stop words, numbers, function words).
    """

    document_id: int
    start: int
    end: int
    lemmas: list[str]
    forms: list[str]
    tags: list[str]
    starts: list[int]

    def __len__(self) -> int:
        return len(self.lemmas)


@dataclass(slots=True)
class Doc:
    """A document's analysed tokens (punctuation and marks out) as parallel lists.

    Units (sentences of respondents) are the ranges cuts[k]:cuts[k + 1]. The
    analyses work on whole documents at once, which keeps the per-token work
    in list comprehensions and numpy rather than in Python loops.
    """

    document_id: int
    lemmas: list[str]
    forms: list[str]  # lower case
    tags: list[str]
    starts: list[int]
    ends: list[int]
    cuts: list[int]
    cased: list[str]  # the word as written when that is not lower case ("RGPD"), else ""
    why: list[str]  # why each token counts or not: a key of nlp.terms.WHY

    def __len__(self) -> int:
        return len(self.lemmas)

    @property
    def n_units(self) -> int:
        return len(self.cuts) - 1

    def units(self) -> list[Unit]:
        c = self.cuts
        return [Unit(self.document_id, self.starts[a], self.ends[b - 1], self.lemmas[a:b],
                     self.forms[a:b], self.tags[a:b], self.starts[a:b])
                for a, b in zip(c, c[1:], strict=False)]

    def where(self, lemmas: Set[str], forms: Set[str], before: int | None = None
              ) -> list[int]:
        """Positions (below `before`) whose lemma is in `lemmas` or whose form is in
        `forms`, in order; found at C speed, for the first word of a query or pivot."""
        upto = range(len(self) if before is None else max(before, 0))
        found = set(compress(upto, map(lemmas.__contains__, self.lemmas)))
        found.update(compress(upto, map(forms.__contains__, self.forms)))
        return sorted(found)

    def unit_of(self, positions: Sequence[int]) -> np.ndarray:
        """The unit index of each token position."""
        return np.searchsorted(np.asarray(self.cuts), np.asarray(positions, dtype=np.int64),
                               side="right") - 1

    def mask(self, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Which tokens start inside one of the spans."""
        starts = np.asarray(self.starts, dtype=np.int64)
        out = np.zeros(len(starts), dtype=bool)
        for a, b in spans:
            lo, hi = np.searchsorted(starts, [a, b])
            out[lo:hi] = True
        return out


class Corpus(list[Doc]):
    """The analysed documents of a whole corpus, with what is worked out once over all of
    them and kept beside them in the project (analysis/doccache.py).

    `usual` maps a lower-case word to its usual written form (corpus.py: `_usual_case`),
    None when not worked out. A list made from it (a filter, a slice) is a plain list:
    what was worked out over the whole corpus does not follow a part of it.
    """

    usual: dict[str, str] | None = None
