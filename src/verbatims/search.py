"""Corpus search that tolerates typos, OCR noise and missing accents.

One entry point, `search()`, so the matching can later move to lemmas
(verbatims.nlp) without touching its callers. Words are compared after
accent-folding and case-folding with rapidfuzz; a query of several words is
compared with windows of as many words.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

_WORD = re.compile(r"\w+(?:['’-]\w+)*")


@dataclass(frozen=True)
class Hit:
    """A match: [start, end) over the document text, with its score (0–100)."""

    document_id: int
    start: int
    end: int
    score: float


def fold(text: str) -> str:
    """Lower case without accents: 'Numérique' and 'numerique' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for every word of a text, offsets in code points."""
    return list(_words(text))


@functools.lru_cache(maxsize=32)
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    # Cached: a corpus is searched again and again while the texts never change.
    out: list[tuple[int, int, str]] = []
    for match in _WORD.finditer(text):
        out.append((match.start(), match.end(), fold(match.group())))
    return tuple(out)


def search(
    texts: Mapping[int, str],
    query: str,
    threshold: float = 80.0,
    limit: int = 1000,
) -> list[Hit]:
    """Passages of `texts` (document id → text) close to `query`, in document order.

    A word shorter than four letters must match exactly (after folding): fuzzy
    matching of tiny words finds everything.
    """
    wanted = [w for _, _, w in words(query)]
    if not wanted:
        return []
    needle = " ".join(wanted)
    size = len(wanted)
    exact_only = len(needle) < 4
    hits: list[Hit] = []
    scores: dict[str, float] = {}  # words repeat: score each distinct window once
    for doc_id, text in texts.items():
        tokens = _words(text)
        for i in range(len(tokens) - size + 1):
            window = tokens[i : i + size]
            candidate = " ".join(w for _, _, w in window) if size > 1 else window[0][2]
            known = scores.get(candidate)
            if known is not None:
                score = known
            elif exact_only:
                score = 100.0 if candidate == needle else 0.0
            elif candidate == needle:
                score = 100.0
            elif abs(len(candidate) - len(needle)) > max(2, len(needle) // 3):
                score = 0.0
            else:
                score = fuzz.ratio(candidate, needle)
            scores[candidate] = score
            if score >= threshold:
                hits.append(Hit(doc_id, window[0][0], window[-1][1], score))
                if len(hits) >= limit:
                    return hits
    return hits
