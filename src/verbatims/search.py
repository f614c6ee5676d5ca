"""Corpus search that tolerates inflection, typos, OCR noise and missing accents.

One entry point, `search()`, used by the workbench; the matching itself is the
auto-coding matcher's (verbatims.nlp.match). The accent- and case-folding the
UI's filters and pickers share is `verbatims.folding.fold`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from verbatims.model.entities import Hit

if TYPE_CHECKING:
    from verbatims.store import Project


__all__ = ["Hit", "search"]


def search(
    project: Project,
    query: str,
    document_ids: Sequence[int] | None = None,
    limit: int = 1000,
) -> list[Hit]:
    """Passages of the project close to `query`, in document order.

    The auto-coding matcher does the work (lemmas, accents, typos, OCR noise,
    split words), so the workbench finds what `verbatims autocode` would: one
    matcher, one behaviour. Lemmas come from the NLP cache, parsed on first use.
    A misspelt query ("numerik responsable") is also searched as the corpus
    spells it (`respelt`), so the typo may be on either side.
    """
    from verbatims.nlp.autocode import search as lemma_search

    fuzzy = lemma_search(project, query, document_ids=document_ids)
    found = merge_hits(term_hits(project, query, document_ids), fuzzy)
    for variant, likeness in respelt(project, query, document_ids):
        guessed = [Hit(h.document_id, h.start, h.end, h.score * likeness / 100)
                   for h in lemma_search(project, variant, document_ids=document_ids)]
        found = merge_hits(found, guessed)  # what the query found as typed comes first
    return found[:limit]


def term_hits(project: Project, query: str, document_ids: Sequence[int] | None = None
              ) -> list[Hit]:
    """Where the query occurs as a term, as the figures and `verbatims kwic` count it:
    by normalised lemma, OCR damage repaired ("5G", "numeérique"), every speaker."""
    from verbatims.analysis.kwic import concordance
    from verbatims.errors import UserError

    try:
        table = concordance(project, query, document_ids=document_ids,
                            include_interviewer=True)
    except UserError:  # a query with no word in it: the fuzzy matcher decides
        return []
    ids = {d.name: d.id for d in project.documents()}
    return [Hit(ids[r.document], int(r.start), int(r.end), 100.0)
            for r in table.itertuples(index=False)]


def merge_hits(first: Sequence[Hit], second: Sequence[Hit]) -> list[Hit]:
    """Both lists in document order, a hit of `second` dropped where one of `first`
    overlaps it."""
    taken: dict[int, list[tuple[int, int]]] = {}
    for h in first:
        taken.setdefault(h.document_id, []).append((h.start, h.end))
    out = list(first)
    out += [h for h in second if not any(a < h.end and h.start < b
                                         for a, b in taken.get(h.document_id, ()))]
    return sorted(out, key=lambda h: (h.document_id, h.start, h.end))


def respelt(project: Project, query: str, document_ids: Sequence[int] | None = None,
            ) -> list[tuple[str, float]]:
    """The query with its misspelt words replaced by the corpus words they are closest to.

    The matcher forgives typos in the text ("numeérique"), not in what is typed:
    "numerik" is an unknown word, and "numérique" in the text is spelt right, so
    nothing would match it. A query word that is neither a French word nor a word
    of the corpus is replaced by the closest corpus words (accents and case aside;
    at most two per word), each variant with how alike it is (0-100), which scales
    the scores of what it finds.
    """
    from rapidfuzz import fuzz, process

    from verbatims.folding import fold
    from verbatims.model.units import iter_words
    from verbatims.nlp import cache
    from verbatims.nlp.words import known_word

    known = known_word()
    spans = list(iter_words(query))
    words = [query[a:b] for a, b in spans]
    unknown = [i for i, w in enumerate(words)
               if len(w) >= 5 and not (known is not None and known(w.lower()))]
    if not unknown:
        return []
    forms: Counter[str] = Counter()
    for parsed in cache.parsed(project, document_ids):
        text = parsed.text
        forms.update(text[a:b] for a, b in zip(parsed.starts, parsed.ends, strict=True)
                     if b - a >= 4)
    vocabulary: dict[str, str] = {}  # folded -> the corpus's most frequent spelling
    for form, _n in sorted(forms.items(), key=lambda f: (-f[1], f[0])):
        vocabulary.setdefault(fold(form), form)
    choices: list[list[tuple[str, float]]] = []
    for i in unknown:
        folded = fold(words[i])
        if folded in vocabulary:
            choices.append([])  # the corpus has it as typed (accents aside): the matcher finds it
            continue
        cutoff = 70.0 if len(folded) >= 7 else 80.0
        close = process.extract(folded, list(vocabulary), scorer=fuzz.ratio,
                                score_cutoff=cutoff, limit=2)
        choices.append([(vocabulary[v], float(score)) for v, score, _ in close])
    variants: list[tuple[str, float]] = []
    for picks in _combinations(choices):
        if not any(p is not None for p in picks):
            continue
        out, at, likeness = [], 0, 100.0
        for i, pick in zip(unknown, picks, strict=True):
            a, b = spans[i]
            out.append(query[at:a])
            if pick is None:
                out.append(query[a:b])
            else:
                out.append(pick[0])
                likeness = min(likeness, pick[1])
            at = b
        out.append(query[at:])
        variants.append(("".join(out), likeness))
    return variants


def _combinations(choices: list[list[tuple[str, float]]]
                  ) -> list[tuple[tuple[str, float] | None, ...]]:
    combos: list[tuple[tuple[str, float] | None, ...]] = [()]
    for options in choices:
        picks: list[tuple[str, float] | None] = [*options] if options else [None]
        combos = [c + (o,) for c in combos for o in picks]
    return combos[:4]
