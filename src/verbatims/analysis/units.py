"""The normalised terms of each text unit, with offsets: what every lexicometric
analysis reads (co-occurrence maps, clouds, similitude, and specificities, CA, CHD).

    from verbatims.analysis.units import term_units
    found = term_units(project, code_ids={...})        # or document_ids=[...]
    for unit in found.units:                          # sentences of respondents
        for term in unit.terms:                       # in text order
            term.key, term.start, term.end            # "impact écologique", 120, 137
        found.display(term.key)                       # "impact écologique", "RGPD"

A unit is a sentence of a respondent's turn (interviewer turns and headings out,
unless asked); a term is a normalised lemma (nlp/terms.py: lemmas corrected, OCR
damage repaired, stop and meta-words out) or an expression of several words
(the user's, accepted repeated segments, and those detected). `start`/`end` are
code points of the stored text, end excluded, so `text[start:end]` is what was
written ("numeérique", "pièces jointes").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from verbatims.analysis.corpus import Doc, Merger, load_docs
from verbatims.nlp.terms import WHY
from verbatims.store import Project


@dataclass(frozen=True, slots=True)
class Term:
    """One occurrence of a term: its key (normalised lemmas) and where it is written."""

    key: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TextUnit:
    """A sentence of a respondent (or the part of it inside a code's extracts)."""

    document_id: int
    start: int
    end: int
    terms: tuple[Term, ...]


@dataclass
class TermUnits:
    units: list[TextUnit]
    merger: Merger

    def display(self, key: str) -> str:
        """The term as people wrote it most often ("pièces jointes", "RGPD", "5G")."""
        return self.merger.display(key)


def _spans_mask(doc: Doc, spans: Sequence[tuple[int, int]] | None) -> np.ndarray | None:
    return None if spans is None else ~doc.mask(spans)


def doc_units(doc: Doc, merger: Merger, blocked: np.ndarray | None = None) -> list[TextUnit]:
    """The units of one analysed document, words where `blocked` is true left out."""
    keys, at = merger.doc_terms(doc, blocked)
    ends = doc.ends
    terms = [Term(k, doc.starts[i], ends[i + k.count(" ")] if " " in k else ends[i])
             for k, i in zip(keys, at, strict=True)]
    bounds = np.searchsorted(np.asarray(at, dtype=np.int64), doc.cuts).tolist()
    out = []
    for u in range(doc.n_units):
        a, b = doc.cuts[u], doc.cuts[u + 1]
        if a == b:
            continue
        chosen = terms[bounds[u]:bounds[u + 1]]
        if blocked is not None and not chosen and bool(blocked[a:b].all()):
            continue  # a sentence wholly outside the code's extracts
        out.append(TextUnit(doc.document_id, doc.starts[a], ends[b - 1], tuple(chosen)))
    return out


def term_units(project: Project, *, document_ids: Sequence[int] | None = None,
               code_ids: set[int] | None = None, include_interviewer: bool = False,
               keep_script: bool = False, detect_expressions: bool = True) -> TermUnits:
    """Every text unit of the documents (all by default) or of a code's extracts, with
    its normalised terms in order. Units without terms are kept (with no terms) so
    that counts of units stay those of the corpus."""
    from verbatims.analysis.cooc import coded_spans, merger_for

    docs = load_docs(project, document_ids, include_interviewer, keep_meta=keep_script)
    merger = merger_for(project, docs, detect_expressions)
    spans = coded_spans(project, code_ids) if code_ids is not None else None
    units: list[TextUnit] = []
    for doc in docs:
        if spans is not None and doc.document_id not in spans:
            continue
        coded = spans.get(doc.document_id) if spans is not None else None
        units.extend(doc_units(doc, merger, _spans_mask(doc, coded)))
    return TermUnits(units, merger)


EXPLAIN_COLUMNS = ["document", "start", "end", "written", "term", "counted", "why"]


def explain(project: Project, document_ids: Sequence[int], *,
            spans: dict[int, list[tuple[int, int]]] | None = None,
            left_out: dict[str, str] | None = None, keep_script: bool = False,
            include_interviewer: bool = False) -> pd.DataFrame:
    """Every analysed word of the documents (or of the spans), the term it counts as
    and why: what `verbatims terms` prints. `left_out` maps terms an analysis leaves
    out to the reason ("word of the code")."""
    from verbatims.analysis.cooc import merger_for

    everything = load_docs(project, None, include_interviewer, keep_meta=keep_script)
    merger = merger_for(project, everything, True)
    names = {d.id: d.name for d in project.documents()}
    texts = {i: project.text(i) for i in document_ids}
    rows = []
    for doc in [d for d in everything if d.document_id in set(document_ids)]:
        inside = doc.mask(spans[doc.document_id]) if spans and doc.document_id in spans \
            else None
        if spans is not None and inside is None:
            continue
        keys, at = merger.doc_terms(doc)
        starting = dict(zip(at, keys, strict=True))
        text = texts[doc.document_id]
        i = 0
        while i < len(doc):
            if inside is not None and not inside[i]:
                i += 1
                continue
            key = starting.get(i)
            width = key.count(" ") + 1 if key and " " in key and doc.lemmas[i] != key else 1
            start, end = doc.starts[i], doc.ends[i + width - 1]
            why = "expression" if width > 1 else doc.why[i]
            counted = key is not None
            reason = WHY.get(why, why)
            if counted and left_out and key is not None and all(
                    w in left_out for w in key.split()):
                counted, reason = False, left_out[key.split()[0]]
            rows.append((names[doc.document_id], start, end, " ".join(text[start:end].split()),
                         merger.display(key) if key else doc.lemmas[i], counted, reason))
            i += width
    return pd.DataFrame(rows, columns=EXPLAIN_COLUMNS)
