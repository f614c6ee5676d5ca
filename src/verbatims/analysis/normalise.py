"""The term normalisation (nlp/terms.py) applied to an analysed corpus, in place.

Token-level decisions are made while the documents' columns are built
(corpus.doc_of); what needs the whole vocabulary is done here, once the
documents are read: damaged forms repaired into the words the corpus, the
model's lists or the codebook attest, glued words separated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from verbatims.nlp.terms import (
    Normaliser,
    Repair,
    is_code_token,
    names_of,
    repairs,
    verb_reading,
)
from verbatims.nlp.words import WordLists

if TYPE_CHECKING:
    from verbatims.analysis.tokens import Doc

_POS_OF_TAG = {"N": "NOUN", "A": "ADJ", "V": "VERB"}


class _Attested:
    """The lemma and tag the corpus gives a form where it is written whole."""

    def __init__(self, docs: Sequence[Doc], wanted: set[str]) -> None:
        found: dict[str, Counter[tuple[str, str]]] = {}
        for doc in docs:
            forms = doc.forms
            for j in [j for j, form in enumerate(forms) if form in wanted]:
                found.setdefault(forms[j], Counter())[doc.lemmas[j], doc.tags[j]] += 1
        self.best = {f: c.most_common(1)[0][0] for f, c in found.items()}

    def decide(self, form: str, normaliser: Normaliser) -> tuple[str, str]:
        if form in self.best:
            return self.best[form]
        lists = normaliser.lists
        lemma = lists.lemma(form) if lists is not None else form
        pos = lists.pos(lemma) if lists is not None else ""
        d = normaliser.decide(lemma, pos or "NOUN", form)
        return d.lemma, d.tag


def join_pieces(docs: Sequence[Doc], texts: Mapping[int, str], normaliser: Normaliser
                ) -> int:
    """Tokens the tokenizer cut that make one term: "5" + "G" (5G), "Wi" + "-" + "Fi".

    Two neighbouring tokens are joined when nothing separates them and together they
    name a thing (letters and digits: 5G, RJ45), or when a hyphen alone separates two
    pieces that are no French words by themselves (Wi-Fi). Returns how many.
    """
    lists = normaliser.lists
    joined = 0
    for doc in docs:
        text = texts[doc.document_id]
        starts, ends, forms = doc.starts, doc.ends, doc.forms
        if len(forms) < 2:
            continue
        lo = np.asarray(ends[:-1], dtype=np.int64)
        hi = np.asarray(starts[1:], dtype=np.int64)
        close = np.nonzero(hi - lo <= 1)[0].tolist()  # nothing, or one character, between
        hits = []
        for j in close:
            gap = text[ends[j]:starts[j + 1]]
            if gap not in ("", "-"):
                continue
            word = text[starts[j]:ends[j + 1]]
            if gap == "" and is_code_token(word) or gap == "-" and _pieces(
                    forms[j], forms[j + 1], lists):
                hits.append(j)
        after = len(forms)
        for j in reversed(hits):
            if j + 1 >= after:  # "4-G-5": one join at a time
                continue
            word = text[starts[j]:ends[j + 1]]
            d = normaliser.decide(word.lower(), "PROPN", word.lower(), word)
            forms[j], doc.lemmas[j], doc.tags[j], doc.why[j] = word.lower(), d.lemma, d.tag, \
                "join" if d.why != "code" else "code"
            doc.cased[j] = "" if word.islower() else word
            ends[j] = ends[j + 1]
            del forms[j + 1], doc.lemmas[j + 1], doc.tags[j + 1], starts[j + 1], ends[j + 1]
            del doc.cased[j + 1], doc.why[j + 1]
            doc.cuts[:] = [c - 1 if c > j + 1 else c for c in doc.cuts]
            after = j
            joined += 1
        if hits:
            doc.cuts[:] = sorted(set(doc.cuts))
    return joined


# A subject pronoun, then object pronouns: what a conjugated verb follows ("ça pose",
# "on la pose", "qui ne marche pas"). A noun never follows them.
_SUBJECTS = frozenset(
    "je j' tu il elle on ça ca cela ils elles qui quelqu'un quelqu'une chacun".split())
_CLITICS = frozenset("ne n' se s' me m' te t' le la les l' lui leur y en nous vous".split())


def verbs_after_subjects(doc: Doc, text: str, normaliser: Normaliser) -> int:
    """Nouns and adjectives spaCy tagged right after a subject pronoun are verbs: "ça
    pose question" (poser), "ça marche" (marcher), "on la pose". The pronoun must be
    in the same sentence, with nothing but spaces (or an elision) in between: "pour
    elle, la marche" keeps its noun. Returns how many were read as verbs."""
    lists = normaliser.lists
    if lists is None or len(doc) < 2:
        return 0
    forms, tags, starts, ends = doc.forms, doc.tags, doc.starts, doc.ends
    firsts = set(doc.cuts)
    changed = 0
    for j in [j for j, t in enumerate(tags) if t in ("N", "A") and j not in firsts]:
        k = j - 1
        while True:
            if text[ends[k]:starts[k + 1]].strip():  # punctuation between: no verb
                k = -1
                break
            word = forms[k].replace("’", "'")
            if word not in _CLITICS or k in firsts or k == 0:
                break
            k -= 1
        if k < 0:
            continue
        subject = forms[k].replace("’", "'")
        if k > 0 and subject in ("un", "une") and not text[ends[k - 1]:starts[k]]:
            subject = forms[k - 1].replace("’", "'") + subject  # "quelqu'" + "un"
        if subject not in _SUBJECTS:
            continue
        verb = verb_reading(forms[j], lists)
        if verb is None or verb == doc.lemmas[j]:
            continue
        d = normaliser.decide(verb, "VERB", forms[j], doc.cased[j])
        doc.lemmas[j], doc.tags[j], doc.why[j] = d.lemma, d.tag, "lemma" if d.tag else d.why
        changed += 1
    return changed


def _pieces(a: str, b: str, lists: WordLists | None) -> bool:
    """Two pieces around a hyphen that are no words alone ("wi", "fi")."""
    if not (a.isalpha() and b.isalpha()) or lists is None:
        return False
    return not lists.is_word(a) and not lists.is_word(b) and len(a) <= 4 and len(b) <= 4


def repair_damaged_words(docs: Sequence[Doc], normaliser: Normaliser,
                         attested: Collection[str]) -> dict[str, Repair]:
    """Repair OCR-damaged forms and split glued words in the documents' columns.

    Returns the repairs made (damaged form -> repair), for `verbatims terms`.
    """
    counts: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    at_start: Counter[str] = Counter()
    for doc in docs:
        counts.update(doc.forms)
        forms, cased = doc.forms, doc.cased
        firsts = set(doc.cuts)
        capital.update(forms[j] for j in [j for j, c in enumerate(cased) if c]
                       if j not in firsts and cased[j][0].isupper())
        at_start.update(forms[j] for j in doc.cuts[:-1] if j < len(forms))
    inside = {f: counts[f] - at_start.get(f, 0) for f in capital}
    found = repairs(counts, names_of(capital, inside), normaliser.lists, attested,
                    normaliser.stops)
    if not found:
        return found
    wanted = {w for r in found.values() for w in r.clean.replace("'", "").split()}
    wanted |= {w for r in found.values() for w in r.clean.split()}
    corpus = _Attested(docs, wanted)
    for doc in docs:
        forms = doc.forms
        hits = [j for j, f in enumerate(forms) if f in found]
        for j in reversed(hits):
            repair = found[forms[j]]
            if repair.kind == "ocr":
                doc.lemmas[j], doc.tags[j] = corpus.decide(repair.clean, normaliser)
                forms[j] = repair.clean
                doc.why[j] = "ocr"
                doc.cased[j] = _cased(doc.cased[j], repair.clean)
                continue
            first, second = repair.clean.split(" ", 1)
            cut = doc.starts[j] + len(first.rstrip("'"))
            lemma_a, tag_a = corpus.decide(first, normaliser)
            lemma_b, tag_b = corpus.decide(second, normaliser)
            written_form = doc.cased[j]
            forms[j:j + 1] = [first, second]
            doc.lemmas[j:j + 1] = [lemma_a, lemma_b]
            doc.tags[j:j + 1] = [tag_a, tag_b]
            doc.why[j:j + 1] = ["split", "split"]
            doc.ends[j:j + 1] = [cut, doc.ends[j]]
            doc.starts[j + 1:j + 1] = [cut]
            size = len(first.rstrip("'"))
            doc.cased[j:j + 1] = [_cased(written_form[:size], first),
                                  _cased(written_form[size:], second)]
            doc.cuts[:] = [c + 1 if c > j else c for c in doc.cuts]
    return found


def _cased(written: str, clean: str) -> str:
    """The repaired word with the capitals of the damaged one ("" for lower case)."""
    if not written or written.islower():
        return ""
    shown = clean.upper() if written.isupper() and len(written) > 1 else \
        clean[:1].upper() + clean[1:] if written[:1].isupper() else clean
    return "" if shown == clean else shown
