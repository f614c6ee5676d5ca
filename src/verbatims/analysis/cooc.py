"""Terms associated with a pivot word or locution, or specific to a code's extracts.

The pivot is found by lemma and by spelling with OCR noise tolerated
("numeérique responsabile" counts). The part is every context unit (sentence of
a respondent) holding the pivot; each term's count there is compared with its
count in the whole analysed corpus using a named measure (see `measures`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from verbatims.analysis.corpus import Merger, Unit, load_units, project_expressions
from verbatims.analysis.measures import MEASURES, p_value, score
from verbatims.errors import UserError
from verbatims.nlp.expressions import detect
from verbatims.nlp.pipeline import MODEL_VERSION
from verbatims.store import Project, nlpcache

_DETECTED = "nlp.detected_expressions"
COLUMNS = ["term", "cooccurrences", "frequency", "score", "expected", "p_value"]


@dataclass
class Association:
    """The ranked terms and what a figure needs to draw and caption them."""

    table: pd.DataFrame  # COLUMNS, sorted by score, highest first
    edges: pd.DataFrame  # source, target, weight: terms sharing context units
    pivot: str
    measure: str
    units: int  # context units analysed
    part_units: int  # units in the part (holding the pivot, or coded)
    documents: int
    part_label: str


def max_edits(word: str) -> int:
    """Typos and OCR slips tolerated in a pivot word: more for longer words."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 6 else 2


def pivot_matchers(pivot: str, units: Sequence[Unit]) -> list[set[str]]:
    """For each word of the pivot, the lemmas and spellings of the corpus that match it."""
    words = [w for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)?", pivot.lower()) if w]
    if not words:
        raise UserError("The pivot is empty; give a word or a locution, e.g. "
                        '--pivot "numérique responsable".')
    vocab = sorted({x for u in units for x in u.lemmas} | {x for u in units for x in u.forms})
    out = []
    for word in words:
        found = {word}
        edits = max_edits(word)
        if edits:
            for match, _, _ in process.extract(word, vocab, scorer=Levenshtein.distance,
                                               score_cutoff=edits, limit=None):
                # A prefix makes another word: "irresponsable", "écoresponsable".
                if not (len(match) > len(word) and match.endswith(word)):
                    found.add(match)
        out.append(found)
    return out


def find_pivot(unit: Unit, matchers: Sequence[set[str]]) -> set[int]:
    """Indices of the words that make up occurrences of the pivot in one unit."""
    k = len(matchers)
    first = matchers[0]
    lemmas, forms = unit.lemmas, unit.forms
    hit: set[int] = set()
    if first.isdisjoint(lemmas) and first.isdisjoint(forms):  # most units, at C speed
        return hit
    for i in range(len(lemmas) - k + 1):
        if lemmas[i] not in first and forms[i] not in first:
            continue
        for j in range(1, k):
            if lemmas[i + j] not in matchers[j] and forms[i + j] not in matchers[j]:
                break
        else:
            hit.update(range(i, i + k))
    return hit


def pairs(units: Sequence[Unit]) -> list[list[tuple[str, str]]]:
    """(lemma, tag) per word of each unit: the input of expression detection."""
    return [list(zip(u.lemmas, u.tags, strict=True)) for u in units]


def merger_for(project: Project, units: Sequence[Unit], detect_expressions: bool) -> Merger:
    """The user's expressions plus, if asked, those detected in these units.

    Detection is remembered in the project's meta table under a signature of
    what it saw (documents and their hashes, model, stop words, size), so an
    unchanged corpus does not pay for it twice.
    """
    exprs = project_expressions(project)
    if detect_expressions:
        exprs += _detected(project, units)
    return Merger(exprs)


def _detected(project: Project, units: Sequence[Unit]) -> list[tuple[str, ...]]:
    shas = {d.id: d.sha256 for d in project.documents()}
    ids = sorted({u.document_id for u in units})
    added, removed = nlpcache.stopword_changes(project)
    signature = hashlib.sha256(json.dumps(
        [MODEL_VERSION, [(i, shas.get(i)) for i in ids], sorted(added), sorted(removed),
         len(units), sum(len(u) for u in units)]).encode()).hexdigest()
    stored = project.get_meta(_DETECTED)
    if stored:
        saved = json.loads(stored)
        if saved.get("signature") == signature:
            return [tuple(e) for e in saved["expressions"]]
    found = [e.lemmas for e in detect(pairs(units))]
    project.set_meta(_DETECTED, json.dumps({"signature": signature, "expressions": found},
                                           ensure_ascii=False))
    return found


def _rank(in_part: Counter[str], in_corpus: Counter[str], t: int, total: int, measure: str,
          merger: Merger, min_freq: int, top: int | None) -> pd.DataFrame:
    rows = []
    for term, f in in_part.items():
        big_f = in_corpus[term]
        if big_f < min_freq:
            continue
        value = score(measure, f, big_f, t, total)
        if value <= 0:
            continue
        rows.append((merger.display(term), f, big_f, round(value, 4),
                     round(big_f * t / total, 4), p_value(measure, value), term))
    rows.sort(key=lambda r: (-r[3], -r[1], r[0]))
    if top:
        rows = rows[:top]
    table = pd.DataFrame([r[:6] for r in rows], columns=COLUMNS)
    table.attrs["keys"] = [r[6] for r in rows]
    return table


def _edges(part_terms: Sequence[Sequence[str]], keys: Sequence[str], merger: Merger
           ) -> pd.DataFrame:
    """How many context units of the part each pair of ranked terms shares."""
    wanted = set(keys)
    pairs: Counter[tuple[str, str]] = Counter()
    for terms in part_terms:
        present = sorted(wanted.intersection(terms))
        for a, b in combinations(present, 2):
            pairs[(a, b)] += 1
    rows = [(merger.display(a), merger.display(b), n) for (a, b), n in pairs.items()]
    rows.sort(key=lambda r: (-r[2], r[0], r[1]))
    return pd.DataFrame(rows, columns=["source", "target", "weight"])


def coded_words(unit: Unit, coded: Sequence[tuple[int, int]]) -> set[int]:
    """Indices of the unit's words that fall inside one of the coded spans."""
    near = [(a, b) for a, b in coded if a < unit.end and unit.start < b]
    if not near:
        return set()
    return {i for i, st in enumerate(unit.starts) if any(a <= st < b for a, b in near)}


def _check(measure: str) -> None:
    if measure not in MEASURES:
        raise UserError(f"Unknown measure {measure!r}; choose one of {', '.join(MEASURES)}.")


def pivot_association(project: Project, pivot: str, *, document_ids: Sequence[int] | None = None,
                      measure: str = "specificity", top: int | None = 40, min_freq: int = 3,
                      include_interviewer: bool = False, detect_expressions: bool = True,
                      window: int = 2) -> Association:
    """Terms over-represented around the pivot: its sentence and `window` on each side."""
    _check(measure)
    units = load_units(project, document_ids, include_interviewer)
    matchers = pivot_matchers(pivot, units)
    merger = merger_for(project, units, detect_expressions)
    excluded = set().union(*matchers)
    in_corpus: Counter[str] = Counter()
    in_part: Counter[str] = Counter()
    part_terms: list[list[str]] = []
    total = t = 0
    hits = [find_pivot(unit, matchers) for unit in units]
    near: set[int] = set()
    for i, hit in enumerate(hits):
        if hit:
            near.update(j for j in range(i - window, i + window + 1)
                        if 0 <= j < len(units) and units[j].document_id == units[i].document_id)
    for i, unit in enumerate(units):
        terms = [x for x in merger.terms(unit, hits[i]) if x not in excluded]
        in_corpus.update(terms)
        total += len(terms)
        if i in near:
            in_part.update(terms)
            t += len(terms)
            part_terms.append(terms)
    if not any(hits):
        raise UserError(f"The pivot {pivot!r} occurs nowhere in the analysed documents; check "
                        "its spelling or the --where filter.")
    table = _rank(in_part, in_corpus, t, total, measure, merger, min_freq, top)
    docs = len({u.document_id for u in units})
    return Association(table, _edges(part_terms, table.attrs["keys"], merger), pivot, measure,
                       len(units), len(part_terms), docs,
                       f"{sum(1 for h in hits if h)} phrases contenant « {pivot} »"
                       + (f" (± {window} phrase{'s' if window > 1 else ''})" if window else ""))


def code_association(project: Project, code_ids: set[int], label: str, *,
                     document_ids: Sequence[int] | None = None, measure: str = "specificity",
                     top: int | None = 40, min_freq: int = 3, include_interviewer: bool = False,
                     detect_expressions: bool = True) -> Association:
    """Terms over-represented in a code's extracts compared with the whole corpus."""
    _check(measure)
    units = load_units(project, document_ids, include_interviewer)
    merger = merger_for(project, units, detect_expressions)
    spans: dict[int, list[tuple[int, int]]] = {}
    for c in project.codings(code_ids=code_ids):
        spans.setdefault(c.document_id, []).append((c.start, c.end))
    in_corpus: Counter[str] = Counter()
    in_part: Counter[str] = Counter()
    part_terms: list[list[str]] = []
    total = t = 0
    for unit in units:
        inside = coded_words(unit, spans.get(unit.document_id, ()))
        outside = set(range(len(unit))) - inside if inside else set()
        terms_in = merger.terms(unit, outside) if inside else []
        terms_out = merger.terms(unit, inside) if len(inside) < len(unit) else []
        in_corpus.update(terms_in)
        in_corpus.update(terms_out)
        total += len(terms_in) + len(terms_out)
        if terms_in:
            in_part.update(terms_in)
            t += len(terms_in)
            part_terms.append(terms_in)
    if not part_terms:
        raise UserError(f"The code {label!r} has no coded extracts in the analysed documents; "
                        "code some extracts first (verbatims code, autocode or the workbench).")
    table = _rank(in_part, in_corpus, t, total, measure, merger, min_freq, top)
    docs = len({u.document_id for u in units})
    return Association(table, _edges(part_terms, table.attrs["keys"], merger),
                       f"code « {label} »", measure, len(units), len(part_terms), docs,
                       f"les extraits codés « {label} » ({len(part_terms)} phrases)")
