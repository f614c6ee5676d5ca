"""Concordance (key word in context): every occurrence of a term, to check it in its text.

A query matches the way the figures count: by normalised lemma, so inflections
("pièce jointe" finds "pièces jointes"), OCR damage the normalisation repaired
("numeérique") and the spellings of the corpus all count. A query of several
words matches them in a row, function words included ("taille des fichiers").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from verbatims.analysis.corpus import Doc, load_docs
from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.nlp.words import word_lists
from verbatims.store import Project

COLUMNS = ["document", "start", "end", "left", "match", "right"]
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*'?")


def _query(term: str) -> list[set[str]]:
    """For each word of the query, the lemmas and forms it matches."""
    words = [w.replace("’", "'") for w in _WORD.findall(term.lower())]
    if not words:
        raise UserError(_("The term to look for is empty; give a word or an expression, e.g. "
                          "`verbatims kwic réemploi`."))
    lists = word_lists()
    out = []
    for word in words:
        found = {word}
        if lists is not None:
            found.add(lists.lemma(word))
        out.append(found)
    return out


def _matches(doc: Doc, query: Sequence[set[str]], form_lemma: dict[str, str]) -> list[int]:
    """Positions where the query's words occur in a row, within one sentence."""
    lists = word_lists()

    def lemma_of(form: str) -> str:
        if form not in form_lemma:
            form_lemma[form] = lists.lemma(form) if lists is not None else form
        return form_lemma[form]

    def hit(i: int, wanted: set[str]) -> bool:
        return doc.lemmas[i] in wanted or doc.forms[i] in wanted or lemma_of(doc.forms[i]) \
            in wanted

    k = len(query)
    first = query[0]
    found = []
    cut_ends = doc.cuts[1:]
    unit = 0
    # Where the first word may be, at C speed: its lemma is wanted, or its form (or the
    # form's own lemma) is; each form of the document is looked up once.
    n = len(doc) - k + 1
    forms = {f for f in set(doc.forms[:max(n, 0)]) if f in first or lemma_of(f) in first}
    for i in doc.where(first, forms, before=n):
        while cut_ends[unit] <= i:
            unit += 1
        if i + k > cut_ends[unit]:
            continue
        if all(hit(i + j, query[j]) for j in range(1, k)):
            found.append(i)
    return found


def context(text: str, start: int, end: int, width: int) -> tuple[str, str, str]:
    """`width` characters each side of [start, end), and the match, on one line each."""
    left = " ".join(text[max(0, start - 3 * width):start].split())
    right = " ".join(text[end:end + 3 * width].split())
    return left[-width:], " ".join(text[start:end].split()), right[:width]


def concordance(project: Project, term: str, *, width: int = 60,
                document_ids: Sequence[int] | None = None,
                spans: dict[int, list[tuple[int, int]]] | None = None,
                include_interviewer: bool = False) -> pd.DataFrame:
    """Every occurrence of `term` (one row each, in corpus order): the document, the
    offsets of the match in its text, and `width` characters of context each side."""
    query = _query(term)
    docs = load_docs(project, document_ids, include_interviewer)
    names = {d.id: d.name for d in project.documents()}
    form_lemma: dict[str, str] = {}
    rows = []
    for doc in docs:
        if spans is not None and doc.document_id not in spans:
            continue
        positions = _matches(doc, query, form_lemma)
        if not positions:
            continue
        inside = doc.mask(spans[doc.document_id]) if spans is not None else None
        text = project.text(doc.document_id)
        for i in positions:
            if inside is not None and not inside[i]:
                continue
            start, end = doc.starts[i], doc.ends[i + len(query) - 1]
            left, match, right = context(text, start, end, width)
            rows.append((names[doc.document_id], start, end, left, match, right))
    return pd.DataFrame(rows, columns=COLUMNS)
