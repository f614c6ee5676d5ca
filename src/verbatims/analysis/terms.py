"""Term frequencies of the corpus or of a part of it (a code, documents, a pivot's context)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

import numpy as np
import pandas as pd

from verbatims.analysis.cooc import (
    by_unit,
    coded_spans,
    find_pivot,
    merger_for,
    own_words,
    pivot_matchers,
)
from verbatims.analysis.corpus import Merger, load_docs
from verbatims.analysis.script import question_terms, questions_before, questions_with
from verbatims.analysis.tokens import Doc
from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.store import Project


@dataclass
class Frequencies:
    table: pd.DataFrame  # term (as written), key (lemmas), frequency; most frequent first
    units: int
    documents: int
    label: str
    by_code: dict[str, str]  # term -> name of the top-level code it is most typical of
    excluded: tuple[str, ...] = ()  # the code's, pivot's and question's own words, as shown


def term_frequencies(project: Project, *, document_ids: Sequence[int] | None = None,
                     code_ids: set[int] | None = None, code_label: str = "",
                     pivot: str | None = None, window: int = 2,
                     include_interviewer: bool = False, top: int | None = 150,
                     colour_by_code: bool = False, keep_script: bool = False) -> Frequencies:
    """How often each term occurs in the selected text, expressions merged.

    For a code's extracts or a pivot's context, the code's or pivot's own words and
    (unless `keep_script`) those of the question asked are left out, as in `cooc`.
    """
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
            raise UserError(_("The pivot {pivot!r} occurs nowhere in the analysed documents; "
                              "check its spelling or the --where filter.").format(pivot=pivot))
        label = f"les phrases autour de « {pivot} » (± {window})"
    if code_ids is not None:
        if not used:
            raise UserError(_("The code {code_label!r} has no coded extracts in the analysed "
                              "documents; code some extracts first (verbatims code, autocode or "
                              "the workbench).").format(code_label=code_label))
        label = f"les extraits codés « {code_label} »"
    # OCR variants are counted with their word already: the corpus is normalised
    # (nlp/terms.py), never by merging one real word into another.
    left_out: set[str] = set()
    if code_ids is not None:
        left_out = own_words(docs, code_label.rsplit("/", 1)[-1])
        if not keep_script and spans is not None:
            left_out |= question_terms(project, questions_before(project, spans))
    elif pivot is not None:
        left_out = own_words(docs, pivot)
        if not keep_script:
            left_out |= question_terms(project, questions_with(project, matchers))
    gone = sorted(k for k in counts if left_out and set(k.split()) <= left_out)
    for key in gone:
        del counts[key]
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    table = pd.DataFrame([(merger.display(k), k, n) for k, n in rows],
                         columns=["term", "key", "frequency"])
    by_code = _typical_theme(project, docs, merger, list(table["key"])) if colour_by_code else {}
    return Frequencies(table, used, len(seen), label,
                       {merger.display(k): v for k, v in by_code.items()},
                       tuple(merger.display(k) for k in gone))


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
