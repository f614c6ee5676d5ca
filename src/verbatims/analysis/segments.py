"""Repeated segments (IRaMuTeQ's "segments répétés", Lexico's): word sequences that recur.

A segment is 2 to 6 consecutive words of one sentence, function words included
("taille des fichiers partagés", "gens en difficulté"), read as lemmas so that
plurals and agreements count together. It is suggested when it

- begins and ends with a content word (a term) and holds no number or mark,
- occurs at least `min_count` times in at least `min_documents` interviews,
- holds together: at every point where it could be cut in two, its parts occur
  together far more than chance would make them (Dunning's G² of the two parts,
  the smallest over the cuts, above 10.83, p < 0.001),
- is not just a piece of a longer suggested segment that occurs as often.

Accepted (`verbatims expressions suggest --accept`), a segment becomes an
expression and is counted as one term by every analysis.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from verbatims.analysis.corpus import Doc, load_docs, project_expressions
from verbatims.analysis.measures import log_likelihood
from verbatims.store import Project

G2_THRESHOLD = 10.83


@dataclass(frozen=True)
class Segment:
    lemmas: tuple[str, ...]
    shown: str  # as written most often
    count: int
    documents: int
    g2: float  # the weakest cut's association
    known: bool  # counted as one term already (the user's expression)


def repeated_segments(project: Project, *, min_count: int = 3, min_documents: int = 2,
                      max_words: int = 6, include_interviewer: bool = False
                      ) -> list[Segment]:
    """The repeated segments of the corpus, strongest first (longest among equals)."""
    docs = load_docs(project, None, include_interviewer)
    texts = {d.document_id: project.text(d.document_id) for d in docs}
    counts: Counter[tuple[str, ...]] = Counter()
    where: dict[tuple[str, ...], set[int]] = {}
    written: dict[tuple[str, ...], Counter[str]] = {}
    positions = 0
    for doc in docs:
        lemmas, tags, starts, ends = doc.lemmas, doc.tags, doc.starts, doc.ends
        text = texts[doc.document_id]
        ok = [w not in ("number", "nonword") for w in doc.why]
        # A segment never crosses punctuation ("la durée de vie du matériel, le réemploi").
        joined = [not text[ends[j]:starts[j + 1]].strip() for j in range(len(doc) - 1)]
        for a, b in zip(doc.cuts, doc.cuts[1:], strict=False):
            positions += max(b - a - 1, 0)
            for i in range(a, b):
                if not tags[i]:
                    continue
                for k in range(2, max_words + 1):
                    j = i + k
                    if j > b or not ok[j - 1] or not joined[j - 2]:
                        break
                    if not tags[j - 1]:
                        continue
                    key = tuple(lemmas[i:j])
                    counts[key] += 1
                    where.setdefault(key, set()).add(doc.document_id)
                    shown = " ".join(text[starts[i]:ends[j - 1]].split())
                    if i == a or not doc.cased[i]:  # a sentence's capital is no name
                        shown = shown[:1].lower() + shown[1:]
                    written.setdefault(key, Counter())[shown] += 1
    if not positions:
        return []
    from verbatims.analysis.cooc import merger_for

    known = set(project_expressions(project))
    known |= {e for exprs in merger_for(project, docs, True).by_first.values() for e in exprs}
    frequent = {k: n for k, n in counts.items()
                if n >= min_count and len(where[k]) >= min_documents}
    parts = _part_counts(docs, {key[:c] for key in frequent for c in range(1, len(key))}
                         | {key[c:] for key in frequent for c in range(1, len(key))})
    found: list[Segment] = []
    for key, n in frequent.items():
        cuts = [log_likelihood(n, max(parts[key[:c]], n), max(parts[key[c:]], n), positions)
                for c in range(1, len(key))]
        g2 = min(cuts)
        if g2 < G2_THRESHOLD:
            continue
        found.append(Segment(key, written[key].most_common(1)[0][0], n, len(where[key]), g2,
                             key in known))
    longer = {s.lemmas: s.count for s in found}
    kept = [s for s in found if not any(
        longer.get(s.lemmas + (w,)) == s.count or longer.get((w,) + s.lemmas) == s.count
        for w in _neighbours(s.lemmas, longer))]
    kept.sort(key=lambda s: (-s.g2 * len(s.lemmas) ** 0.5, -s.count, s.lemmas))
    return kept


def _part_counts(docs: Sequence[Doc], needed: set[tuple[str, ...]]
                 ) -> Counter[tuple[str, ...]]:
    """How often each part of a candidate occurs anywhere in a sentence."""
    out: Counter[tuple[str, ...]] = Counter()
    firsts = {p[0] for p in needed}
    longest = max((len(p) for p in needed), default=0)
    for doc in docs:
        lemmas = doc.lemmas
        for a, b in zip(doc.cuts, doc.cuts[1:], strict=False):
            for i in [x for x in range(a, b) if lemmas[x] in firsts]:
                for k in range(1, min(longest, b - i) + 1):
                    part = tuple(lemmas[i:i + k])
                    if part in needed:
                        out[part] += 1
    return out


def _neighbours(lemmas: tuple[str, ...], longer: dict[tuple[str, ...], int]) -> set[str]:
    out = set()
    for other in longer:
        if len(other) == len(lemmas) + 1:
            if other[:-1] == lemmas:
                out.add(other[-1])
            elif other[1:] == lemmas:
                out.add(other[0])
    return out
