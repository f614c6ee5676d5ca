"""Text segments of about 40 words, as IRaMuTeQ cuts a corpus for Reinert's method.

IRaMuTeQ's segments ("segments de texte", Reinert's UCE) hold about 40
occurrences and end, where the text allows, at a strong punctuation mark: a
segment is cut, within 20 to 55 words, at the strongest mark available (the end
of a sentence, then ; : ? !, then a comma), the one closest to 40 words among
equals. Here the words are those of the respondents' speech (the analysed
tokens, punctuation apart); a segment never runs over a change of speaker or
over text left out (an interviewer's question, what lies outside a code's
extracts), and a short answer between two questions is a short segment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from verbatims.analysis.corpus import Doc, Merger, load_docs
from verbatims.analysis.units import Term
from verbatims.store import Project

_STRONG = re.compile(r"[;:?!]")
_WEAK = re.compile(r"[,–—]")
_SENTENCE = re.compile(r"[.…]")
_SPEECH = re.compile(r"[^\W_]")  # a letter or digit between two words: text left out


@dataclass(frozen=True, slots=True)
class Segment:
    """A text segment: where it is, how many words, its terms in order."""

    document_id: int
    start: int
    end: int
    words: int
    terms: tuple[Term, ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(t.key for t in self.terms)


def cut_points(strength: Sequence[int], size: int) -> list[int]:
    """Where to cut a run of words: `strength[j]` is how strong a cut after word j is
    (3 a sentence's end, 2 ; : ? !, 1 a comma, 0 none; the last word ends the run).
    Returns the ends (exclusive) of the pieces."""
    n = len(strength)
    limit = size + 15
    ends = []
    p = 0
    while p < n:
        if n - p <= limit:
            ends.append(n)
            break
        lo, hi = p + max(1, size // 2), min(n, p + limit)
        best = max(range(lo, hi + 1), key=lambda e: (strength[e - 1], -abs(e - p - size), -e))
        ends.append(best)
        p = best
    return ends


def doc_segments(doc: Doc, text: str, merger: Merger, size: int = 40,
                 blocked: np.ndarray | None = None) -> list[Segment]:
    """The segments of one analysed document (words where `blocked` is true left out)."""
    n = len(doc)
    if n == 0:
        return []
    keys, at = merger.doc_terms(doc, blocked)
    starts, ends = doc.starts, doc.ends
    unit_end = np.zeros(n, dtype=bool)
    unit_end[[c - 1 for c in doc.cuts[1:] if c > 0]] = True
    free = np.ones(n, dtype=bool) if blocked is None else ~blocked
    runs: list[list[int]] = []  # consecutive free words, same speech
    current: list[int] = []
    for j in range(n):
        if not free[j]:
            if current:
                runs.append(current)
                current = []
            continue
        if current and _SPEECH.search(text[ends[current[-1]]:starts[j]]):
            runs.append(current)
            current = []
        current.append(j)
    if current:
        runs.append(current)
    term_at: dict[int, list[Term]] = {}
    for k, i in zip(keys, at, strict=True):
        width = k.count(" ") if " " in k and doc.lemmas[i] != k else 0
        term_at.setdefault(i, []).append(Term(k, starts[i], ends[min(i + width, n - 1)]))
    out = []
    for run in runs:
        strength = []
        for a, b in zip(run, [*run[1:], None], strict=True):
            if b is None or unit_end[a]:
                strength.append(3)
                continue
            gap = text[ends[a]:starts[b]]
            strength.append(3 if _SENTENCE.search(gap) else 2 if _STRONG.search(gap)
                            else 1 if _WEAK.search(gap) else 0)
        begin = 0
        for stop in cut_points(strength, size):
            words = run[begin:stop]
            terms = tuple(t for j in words for t in term_at.get(j, ()))
            out.append(Segment(doc.document_id, starts[words[0]], ends[words[-1]],
                               len(words), terms))
            begin = stop
    return out


def text_segments(project: Project, *, size: int = 40, document_ids: Sequence[int] | None = None,
                  code_ids: set[int] | None = None, include_interviewer: bool = False,
                  keep_script: bool = False) -> tuple[list[Segment], Merger]:
    """Every segment of the documents (all by default) or of a code's extracts, in order."""
    from verbatims.analysis.cooc import coded_spans, merger_for

    docs = load_docs(project, document_ids, include_interviewer, keep_meta=keep_script)
    merger = merger_for(project, docs, True)
    spans = coded_spans(project, code_ids) if code_ids is not None else None
    out: list[Segment] = []
    for doc in docs:
        if spans is not None and doc.document_id not in spans:
            continue
        blocked = None if spans is None else ~doc.mask(spans[doc.document_id])
        out.extend(doc_segments(doc, project.text(doc.document_id), merger, size, blocked))
    return out, merger
