"""The concordance finds a query where a word-by-word reading of the corpus does.

`_matches` looks for the first word at C speed (sets of forms and lemmas); this
checks it against the plain reading, token by token, on the demo interviews.
"""

from __future__ import annotations

from collections.abc import Sequence

from verbatims.analysis import kwic
from verbatims.analysis.corpus import Doc, load_docs
from verbatims.nlp.words import word_lists
from verbatims.store import Project


def _plain(doc: Doc, query: Sequence[set[str]]) -> list[int]:
    lists = word_lists()

    def hit(i: int, wanted: set[str]) -> bool:
        lemma = lists.lemma(doc.forms[i]) if lists is not None else doc.forms[i]
        return doc.lemmas[i] in wanted or doc.forms[i] in wanted or lemma in wanted

    k, out = len(query), []
    for i in range(len(doc) - k + 1):
        unit_end = next(c for c in doc.cuts[1:] if c > i)
        if i + k <= unit_end and all(hit(i + j, query[j]) for j in range(k)):
            out.append(i)
    return out


def test_matches_agree_with_a_word_by_word_reading(coded: Project) -> None:
    docs = load_docs(coded)
    found = 0
    for term in ("réemploi", "pièce jointe", "taille des fichiers", "5G", "mairie",
                 "être", "numérique responsable", "sauvegardes"):
        query = kwic._query(term)
        for doc in docs:
            ours = kwic._matches(doc, query, {})
            assert ours == _plain(doc, query), (term, doc.document_id)
            found += len(ours)
    assert found > 50  # the queries do occur: the comparison is not between empty lists
