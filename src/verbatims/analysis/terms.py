"""Term frequencies of the corpus or of a part of it (a code, documents, a pivot's context)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

import numpy as np
import pandas as pd
from rapidfuzz.distance import Levenshtein

from verbatims.analysis.cooc import (
    by_unit,
    coded_spans,
    find_pivot,
    merger_for,
    pivot_matchers,
)
from verbatims.analysis.corpus import Merger, load_docs
from verbatims.analysis.tokens import Doc
from verbatims.errors import UserError
from verbatims.store import Project


@dataclass
class Frequencies:
    table: pd.DataFrame  # term (as written), key (lemmas), frequency; most frequent first
    units: int
    documents: int
    label: str
    by_code: dict[str, str]  # term -> name of the top-level code it is most typical of


def term_frequencies(project: Project, *, document_ids: Sequence[int] | None = None,
                     code_ids: set[int] | None = None, code_label: str = "",
                     pivot: str | None = None, window: int = 2,
                     include_interviewer: bool = False, top: int | None = 150,
                     colour_by_code: bool = False) -> Frequencies:
    """How often each term occurs in the selected text, expressions merged."""
    docs = load_docs(project, document_ids, include_interviewer)
    merger = merger_for(project, docs, detect_expressions=True)
    spans = coded_spans(project, code_ids) if code_ids is not None else None
    matchers = pivot_matchers(pivot, docs) if pivot is not None else []
    excluded: set[str] = set().union(*matchers)
    counts: Counter[str] = Counter()
    used = 0
    seen: set[int] = set()
    for doc in docs:
        blocked = None
        if spans is not None:
            coded = spans.get(doc.document_id)
            if not coded:
                continue
            blocked = ~doc.mask(coded)
        hit: list[int] = []
        if matchers:
            hit = find_pivot(doc, matchers)
            if not hit:
                continue
            blocked = np.zeros(len(doc), dtype=bool) if blocked is None else blocked
            blocked[hit] = True
        terms, at = merger.doc_terms(doc, blocked)
        if excluded:
            keep = [x not in excluded for x in terms]
            terms, at = list(compress(terms, keep)), list(compress(at, keep))
        if matchers:
            units = sorted(set(doc.unit_of(hit).tolist()))
            near = sorted({v for u in units for v in range(u - window, u + window + 1)
                           if 0 <= v < doc.n_units})
            groups = [g for g in by_unit(doc, terms, at, near) if g]
            for group in groups:
                counts.update(group)
            n_units = len(groups)
        else:
            counts.update(terms)
            n_units = len(np.unique(doc.unit_of(at))) if at else 0
        used += n_units
        if n_units:
            seen.add(doc.document_id)
    label = "toutes les phrases d'enquêtés"
    if pivot is not None:
        if not used:
            raise UserError(f"The pivot {pivot!r} occurs nowhere in the analysed documents; "
                            "check its spelling or the --where filter.")
        label = f"les phrases autour de « {pivot} » (± {window})"
    if code_ids is not None:
        if not used:
            raise UserError(f"The code {code_label!r} has no coded extracts in the analysed "
                            "documents; code some extracts first (verbatims code, autocode or "
                            "the workbench).")
        label = f"les extraits codés « {code_label} »"
    counts = fold_ocr_variants(counts, 3 * top if top else None)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    table = pd.DataFrame([(merger.display(k), k, n) for k, n in rows],
                         columns=["term", "key", "frequency"])
    by_code = _typical_theme(project, docs, merger, list(table["key"])) if colour_by_code else {}
    return Frequencies(table, used, len(seen), label,
                       {merger.display(k): v for k, v in by_code.items()})


def fold_ocr_variants(counts: Counter[str], among: int | None) -> Counter[str]:
    """Count an OCR-damaged spelling ("numeériqu") as the frequent term it stands for.

    Among the `among` most frequent terms, a term of 6+ letters within two edits
    of a term at least five times as frequent is merged into it (a prefix that
    makes another word, "irresponsable", is not an OCR slip).
    """
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:among]
    folded = Counter(counts)
    for i, (term, n) in enumerate(ranked):
        if len(term) < 6 or " " in term:
            continue
        for other, m in ranked[:i]:
            if (m >= 5 * n and abs(len(other) - len(term)) <= 2 and " " not in other
                    and not term.endswith(other) and not other.endswith(term)
                    and Levenshtein.distance(term, other, score_cutoff=2) <= 2):
                folded[other] += folded.pop(term)
                break
    return folded


def _typical_theme(project: Project, docs: Sequence[Doc], merger: Merger,
                   keys: Sequence[str]) -> dict[str, str]:
    """For each term, the top-level code in whose extracts it is relatively most frequent."""
    themes = [c for c in project.codes() if c.parent_id is None]
    per_theme: dict[str, Counter[str]] = {}
    sizes: dict[str, int] = {}
    for theme in themes:
        spans = coded_spans(project, project.descendants(theme.id))
        counter: Counter[str] = Counter()
        for doc in docs:
            coded = spans.get(doc.document_id)
            if coded:
                counter.update(merger.doc_terms(doc, ~doc.mask(coded))[0])
        per_theme[theme.name] = counter
        sizes[theme.name] = max(sum(counter.values()), 1)
    out = {}
    for key in keys:
        best = max(((per_theme[n][key] / sizes[n], n) for n in per_theme), default=(0.0, ""))
        if best[0] > 0:
            out[key] = best[1]
    return out
