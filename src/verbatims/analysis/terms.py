"""Term frequencies of the corpus or of a part of it (a code, documents, a pivot's context)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from rapidfuzz.distance import Levenshtein

from verbatims.analysis.cooc import coded_words, find_pivot, merger_for, pivot_matchers
from verbatims.analysis.corpus import load_units
from verbatims.errors import UserError
from verbatims.store import Project


@dataclass
class Frequencies:
    table: pd.DataFrame  # term (as written), key (lemmas), frequency; most frequent first
    units: int
    documents: int
    label: str
    by_code: dict[str, str]  # term -> name of the top-level code it is most typical of


def _coded_spans(project: Project, code_ids: set[int] | None
                 ) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = {}
    for c in project.codings(code_ids=code_ids):
        spans.setdefault(c.document_id, []).append((c.start, c.end))
    return spans


def term_frequencies(project: Project, *, document_ids: Sequence[int] | None = None,
                     code_ids: set[int] | None = None, code_label: str = "",
                     pivot: str | None = None, window: int = 2,
                     include_interviewer: bool = False, top: int | None = 150,
                     colour_by_code: bool = False) -> Frequencies:
    """How often each term occurs in the selected text, expressions merged."""
    units = load_units(project, document_ids, include_interviewer)
    merger = merger_for(project, units, detect_expressions=True)
    spans = _coded_spans(project, code_ids) if code_ids is not None else None
    near: set[int] | None = None
    skip: list[set[int]] = [set() for _ in units]
    excluded: set[str] = set()
    label = "toutes les phrases d'enquêtés"
    if pivot is not None:
        matchers = pivot_matchers(pivot, units)
        excluded = set().union(*matchers)
        skip = [find_pivot(u, matchers) for u in units]
        near = set()
        for i, hit in enumerate(skip):
            if hit:
                near.update(j for j in range(i - window, i + window + 1)
                            if 0 <= j < len(units) and units[j].document_id == units[i].document_id)
        if not near:
            raise UserError(f"The pivot {pivot!r} occurs nowhere in the analysed documents; "
                            "check its spelling or the --where filter.")
        label = f"les phrases autour de « {pivot} » (± {window})"
    counts: Counter[str] = Counter()
    used = 0
    docs: set[int] = set()
    for i, unit in enumerate(units):
        if near is not None and i not in near:
            continue
        drop = set(skip[i])
        if spans is not None:
            inside = coded_words(unit, spans.get(unit.document_id, ()))
            if not inside:
                continue
            drop |= set(range(len(unit))) - inside
        terms = [t for t in merger.terms(unit, drop) if t not in excluded]
        if terms:
            used += 1
            docs.add(unit.document_id)
            counts.update(terms)
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
    by_code = _typical_theme(project, units, merger, list(table["key"])) if colour_by_code else {}
    return Frequencies(table, used, len(docs), label,
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


def _typical_theme(project: Project, units: Sequence[object], merger: object,
                   keys: Sequence[str]) -> dict[str, str]:
    """For each term, the top-level code in whose extracts it is relatively most frequent."""
    from verbatims.analysis.corpus import Merger, Unit

    assert isinstance(merger, Merger)
    codes = project.codes()
    themes = [c for c in codes if c.parent_id is None]
    wanted = set(keys)
    per_theme: dict[str, Counter[str]] = {}
    sizes: dict[str, int] = {}
    for theme in themes:
        spans = _coded_spans(project, project.descendants(theme.id))
        counter: Counter[str] = Counter()
        for unit in units:
            assert isinstance(unit, Unit)
            inside = coded_words(unit, spans.get(unit.document_id, ()))
            if inside:
                counter.update(merger.terms(unit, set(range(len(unit))) - inside))
        per_theme[theme.name] = counter
        sizes[theme.name] = max(sum(counter.values()), 1)
    out = {}
    for key in wanted:
        best = max(((per_theme[n][key] / sizes[n], n) for n in per_theme), default=(0.0, ""))
        if best[0] > 0:
            out[key] = best[1]
    return out
