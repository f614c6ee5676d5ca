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
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations, compress

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlalchemy.exc import OperationalError

from verbatims.analysis.corpus import Merger, load_docs, project_expressions
from verbatims.analysis.expressions import detect
from verbatims.analysis.measures import MEASURES, p_value, score
from verbatims.analysis.script import question_terms, questions_before, questions_with
from verbatims.analysis.tokens import Doc, Unit
from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.nlp.pipeline import MODEL_VERSION
from verbatims.nlp.stopwords import FILLERS, SPACY_FR
from verbatims.store import Project, nlpcache

_DETECTED = "nlp.detected_expressions"
COLUMNS = ["term", "cooccurrences", "frequency", "score", "expected", "p_value"]
# The CSV adds whether each term reaches the threshold (with --all, some do not).
CSV_COLUMNS = [*COLUMNS, "significant"]
# Scores at p < 0.01: specificity is -log10(p); G² follows chi-square with 1 df.
DEFAULT_MIN_SCORE = {"specificity": 2.0, "loglik": 6.63}


@dataclass
class Association:
    """The ranked terms and what a figure needs to draw and caption them."""

    table: pd.DataFrame  # CSV_COLUMNS, sorted by score, highest first
    edges: pd.DataFrame  # source, target, weight: terms sharing context units
    pivot: str
    measure: str
    units: int  # context units analysed
    part_units: int  # units in the part (holding the pivot, or coded)
    documents: int
    part_label: str
    threshold: float = 2.0  # the score a term needs to be called significant
    passed: int = 0  # how many terms reach it (before --top)
    all_terms: bool = False  # True: the table keeps terms under the threshold too
    excluded: tuple[str, ...] = ()  # own and question words left out, as shown
    kind: str = "pivot"  # "pivot" or "code"
    over: int = 0  # terms over-represented in the part (at --min-freq), significant or not


def min_score_for(measure: str, min_score: float | None) -> float:
    """The threshold asked, or the measure's own at p < 0.01."""
    return DEFAULT_MIN_SCORE[measure] if min_score is None else float(min_score)


def max_edits(word: str) -> int:
    """Typos and OCR slips tolerated in a pivot word: more for longer words."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 6 else 2


def pivot_matchers(pivot: str, docs: Sequence[Doc]) -> list[set[str]]:
    """For each word of the pivot, the lemmas and spellings of the corpus that match it."""
    words = [w for w in re.findall(r"[^\W_]+(?:['’][^\W_]+)?", pivot.lower()) if w]
    if not words:
        raise UserError(_("The pivot is empty; give a word or a locution, e.g. --pivot "
                          "\"numérique responsable\"."))
    if all(w in SPACY_FR or w in FILLERS for w in words):
        raise UserError(_("The pivot {pivot!r} is made only of stop words, which are everywhere "
                          "and never counted; give a word with content, e.g. --pivot "
                          "\"sobriété\".").format(pivot=pivot))
    vocab = sorted(set().union(*(d.lemmas for d in docs), *(d.forms for d in docs)))
    out = []
    for word in words:
        found = {word}
        edits = max_edits(word)
        if edits:
            for match, _score, _index in process.extract(word, vocab, scorer=Levenshtein.distance,
                                               score_cutoff=edits, limit=None):
                # A prefix makes another word: "irresponsable", "écoresponsable".
                if not (len(match) > len(word) and match.endswith(word)):
                    found.add(match)
        out.append(found)
    return out


def find_pivot(doc: Doc, matchers: Sequence[set[str]]) -> list[int]:
    """Positions of the words that make up occurrences of the pivot in a document."""
    k = len(matchers)
    first = matchers[0]
    lemmas, forms, cuts = doc.lemmas, doc.forms, doc.cuts
    hit: list[int] = []
    for i in doc.where(first, first):
        if i + k > cuts[bisect_right(cuts, i)]:  # an occurrence stays within its sentence
            continue
        if all(lemmas[i + j] in matchers[j] or forms[i + j] in matchers[j] for j in range(1, k)):
            hit.extend(range(i, i + k))
    return hit


def pairs(units: Sequence[Unit]) -> list[list[tuple[str, str]]]:
    """(lemma, tag) per word of each unit: the input of expression detection."""
    return [list(zip(u.lemmas, u.tags, strict=True)) for u in units]


def doc_pairs(docs: Sequence[Doc]) -> list[list[tuple[str, str]]]:
    """`pairs` of every unit of the documents."""
    out: list[list[tuple[str, str]]] = []
    for d in docs:
        both = list(zip(d.lemmas, d.tags, strict=True))
        out.extend(both[a:b] for a, b in zip(d.cuts, d.cuts[1:], strict=False))
    return out


def merger_for(project: Project, docs: Sequence[Doc], detect_expressions: bool) -> Merger:
    """The user's expressions plus, if asked, those detected in these documents.

    Detection is remembered in the project's meta table under a signature of
    what it saw (documents and their hashes, model, stop words, size), so an
    unchanged corpus does not pay for it twice.
    """
    exprs = project_expressions(project)
    if detect_expressions:
        exprs += _detected(project, docs)
    return Merger(exprs, docs)


def _detected(project: Project, docs: Sequence[Doc]) -> list[tuple[str, ...]]:
    shas = {d.id: d.sha256 for d in project.documents()}
    ids = [d.document_id for d in docs]
    added, removed = nlpcache.stopword_changes(project)
    signature = hashlib.sha256(json.dumps(
        [MODEL_VERSION, [(i, shas.get(i)) for i in ids], sorted(added), sorted(removed),
         sum(d.n_units for d in docs), sum(len(d) for d in docs)]).encode()).hexdigest()
    stored = project.get_meta(_DETECTED)
    if stored:
        saved = json.loads(stored)
        if saved.get("signature") == signature:
            return [tuple(e) for e in saved["expressions"]]
    found = [e.lemmas for e in detect(doc_pairs(docs))]
    try:
        project.set_meta(_DETECTED, json.dumps({"signature": signature, "expressions": found},
                                               ensure_ascii=False))
    except (UserError, OperationalError):  # read-only or busy: kept next time
        pass
    return found


def _rank(in_part: Counter[str], in_corpus: Counter[str], t: int, total: int, measure: str,
          merger: Merger, min_freq: int, top: int | None, threshold: float,
          all_terms: bool) -> pd.DataFrame:
    """Over-represented terms, best first; only those at `threshold` or more unless
    `all_terms`. `attrs["passed"]` counts the terms that reach it."""
    rows = []
    for term, f in in_part.items():
        big_f = in_corpus[term]
        if big_f < min_freq:
            continue
        value = score(measure, f, big_f, t, total)
        if value <= 0:
            continue
        rows.append((merger.display(term), f, big_f, round(value, 4),
                     round(big_f * t / total, 4), float(f"{p_value(measure, value):.4g}"),
                     value >= threshold, term))
    rows.sort(key=lambda r: (-r[3], -r[1], r[0]))
    passed = sum(1 for r in rows if r[6])
    over = len(rows)
    if not all_terms:
        rows = [r for r in rows if r[6]]
    if top:
        rows = rows[:top]
    table = pd.DataFrame([r[:7] for r in rows], columns=CSV_COLUMNS)
    table.attrs["keys"] = [r[7] for r in rows]
    table.attrs["passed"] = passed
    table.attrs["over"] = over
    return table


def own_words(docs: Sequence[Doc], text: str) -> set[str]:
    """The words of a code's name or of a pivot, and the lemmas the corpus gives them
    ("numériques" -> "numérique"): a list of what goes with them leaves them out."""
    words = set(re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text.lower()))
    out = set(words)
    for doc in docs:
        if not words.isdisjoint(doc.forms):
            out.update(lem for form, lem in zip(doc.forms, doc.lemmas, strict=True)
                       if form in words)
    return out


def _leave_out(in_part: Counter[str], in_corpus: Counter[str], words: set[str]
               ) -> tuple[list[str], int, int]:
    """Remove every term made only of these words from both counts, as if never
    written; return the terms removed from the part and the part's and corpus's loss."""
    gone = sorted(k for k in in_part if set(k.split()) <= words)
    lost_part = sum(in_part.pop(k) for k in gone)
    lost_corpus = sum(in_corpus.pop(k) for k in [k for k in in_corpus
                                                  if set(k.split()) <= words])
    return gone, lost_part, lost_corpus


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


def _check(measure: str) -> None:
    if measure not in MEASURES:
        raise UserError(_("Unknown measure {measure!r}; choose one of {measures}.").format(
                            measure=measure, measures=', '.join(MEASURES)))


def by_unit(doc: Doc, terms: list[str], at: list[int], units: Iterable[int]
            ) -> list[list[str]]:
    """The terms of the given units of a document (terms in order, `at` their positions)."""
    bounds = np.searchsorted(np.asarray(at, dtype=np.int64), doc.cuts).tolist()
    return [terms[bounds[u]:bounds[u + 1]] for u in units]


def pivot_association(project: Project, pivot: str, *, document_ids: Sequence[int] | None = None,
                      measure: str = "specificity", top: int | None = 40, min_freq: int = 3,
                      include_interviewer: bool = False, detect_expressions: bool = True,
                      window: int = 2, min_score: float | None = None, all_terms: bool = False,
                      keep_script: bool = False) -> Association:
    """Terms over-represented around the pivot: its sentence and `window` on each side.

    Only terms scoring `min_score` or more (the measure's p < 0.01 by default) are
    kept unless `all_terms`; the pivot's words and, unless `keep_script`, those of
    the interviewer's questions that name it are left out.
    """
    _check(measure)
    threshold = min_score_for(measure, min_score)
    docs = load_docs(project, document_ids, include_interviewer, keep_meta=keep_script)
    matchers = pivot_matchers(pivot, docs)
    merger = merger_for(project, docs, detect_expressions)
    excluded = set().union(*matchers)
    in_corpus: Counter[str] = Counter()
    in_part: Counter[str] = Counter()
    part_terms: list[list[str]] = []
    total = t = hit_units = 0
    for doc in docs:
        hit = find_pivot(doc, matchers)
        blocked = None
        if hit:
            blocked = np.zeros(len(doc), dtype=bool)
            blocked[hit] = True
        terms, at = merger.doc_terms(doc, blocked)
        if not excluded.isdisjoint(terms):
            keep = [x not in excluded for x in terms]
            terms = list(compress(terms, keep))
            at = list(compress(at, keep))
        in_corpus.update(terms)
        total += len(terms)
        if not hit:
            continue
        units = sorted(set(doc.unit_of(hit).tolist()))
        hit_units += len(units)
        near = sorted({v for u in units for v in range(u - window, u + window + 1)
                       if 0 <= v < doc.n_units})
        for unit_terms in by_unit(doc, terms, at, near):
            in_part.update(unit_terms)
            t += len(unit_terms)
            part_terms.append(unit_terms)
    if not hit_units:
        raise UserError(_("The pivot {pivot!r} occurs nowhere in the analysed documents; check "
                          "its spelling or the --where filter.").format(pivot=pivot))
    left_out = own_words(docs, pivot)
    if not keep_script:
        left_out |= question_terms(project, questions_with(project, matchers), keep_script)
    gone, lost_part, lost_corpus = _leave_out(in_part, in_corpus, left_out)
    t, total = t - lost_part, total - lost_corpus
    part_terms = [[x for x in u if x in in_part] for u in part_terms]
    table = _rank(in_part, in_corpus, t, total, measure, merger, min_freq, top, threshold,
                  all_terms)
    return Association(table, _edges(part_terms, table.attrs["keys"], merger), pivot, measure,
                       sum(d.n_units for d in docs), len(part_terms), len(docs),
                       f"{hit_units} phrases contenant « {pivot} »"
                       + (f" (± {window} phrase{'s' if window > 1 else ''})" if window else ""),
                       threshold, table.attrs["passed"], all_terms,
                       tuple(merger.display(g) for g in gone), "pivot", table.attrs["over"])


def coded_spans(project: Project, code_ids: set[int]) -> dict[int, list[tuple[int, int]]]:
    """The coded spans of the given codes, by document."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for c in project.codings(code_ids=code_ids):
        spans.setdefault(c.document_id, []).append((c.start, c.end))
    return spans


def code_association(project: Project, code_ids: set[int], label: str, *,
                     document_ids: Sequence[int] | None = None, measure: str = "specificity",
                     top: int | None = 40, min_freq: int = 3, include_interviewer: bool = False,
                     detect_expressions: bool = True, min_score: float | None = None,
                     all_terms: bool = False, keep_script: bool = False) -> Association:
    """Terms over-represented in a code's extracts compared with the whole corpus.

    The code's own words and, unless `keep_script`, those of the questions its
    extracts answer are left out; see `pivot_association` for the threshold.
    """
    _check(measure)
    threshold = min_score_for(measure, min_score)
    docs = load_docs(project, document_ids, include_interviewer, keep_meta=keep_script)
    merger = merger_for(project, docs, detect_expressions)
    spans = coded_spans(project, code_ids)
    in_corpus: Counter[str] = Counter()
    in_part: Counter[str] = Counter()
    part_terms: list[list[str]] = []
    total = t = 0
    for doc in docs:
        coded = spans.get(doc.document_id)
        if not coded:
            terms, _at = merger.doc_terms(doc)
            in_corpus.update(terms)
            total += len(terms)
            continue
        inside = doc.mask(coded)
        terms_in, at_in = merger.doc_terms(doc, ~inside)
        terms_out, _at_out = merger.doc_terms(doc, inside)
        in_corpus.update(terms_in)
        in_corpus.update(terms_out)
        total += len(terms_in) + len(terms_out)
        in_part.update(terms_in)
        t += len(terms_in)
        units = sorted(set(doc.unit_of(at_in).tolist()))
        part_terms.extend(by_unit(doc, terms_in, at_in, units))
    if not part_terms:
        raise UserError(_("The code {label!r} has no coded extracts in the analysed documents; "
                          "code some extracts first (verbatims code, autocode or the "
                          "workbench).").format(label=label))
    left_out = own_words(docs, label.rsplit("/", 1)[-1])
    if not keep_script:
        analysed = {d.document_id for d in docs}
        left_out |= question_terms(
            project, questions_before(project, {k: v for k, v in spans.items()
                                                if k in analysed}), keep_script)
    gone, lost_part, lost_corpus = _leave_out(in_part, in_corpus, left_out)
    t, total = t - lost_part, total - lost_corpus
    part_terms = [[x for x in u if x in in_part] for u in part_terms]
    table = _rank(in_part, in_corpus, t, total, measure, merger, min_freq, top, threshold,
                  all_terms)
    return Association(table, _edges(part_terms, table.attrs["keys"], merger),
                       f"code « {label.rsplit('/', 1)[-1]} »", measure,
                       sum(d.n_units for d in docs),
                       len(part_terms), len(docs),
                       f"les extraits codés « {label} » ({len(part_terms)} phrases)",
                       threshold, table.attrs["passed"], all_terms,
                       tuple(merger.display(g) for g in gone), "code", table.attrs["over"])
