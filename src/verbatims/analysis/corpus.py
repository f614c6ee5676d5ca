"""The corpus as the term analyses see it: context units holding terms.

A context unit is a sentence (verbatims.model.units: the workbench's `s` key
selects the same one) of a respondent's turn (interviewer turns and the preamble
are left out unless asked), without the speaker marker. A term is the lemma of a content word
(noun, proper noun, adjective, verb) that is not a stop word, or a multi-word
expression ("impact écologique", "pièces jointes") merged from its words.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import compress
from operator import and_, itemgetter
from typing import cast

import numpy as np
from sqlalchemy.exc import OperationalError

from verbatims.analysis import doccache
from verbatims.analysis.normalise import (
    join_pieces,
    repair_damaged_words,
    verbs_after_subjects,
)
from verbatims.analysis.splitwords import rejoin_split_words
from verbatims.analysis.tokens import Corpus
from verbatims.analysis.tokens import Doc as Doc  # re-exported: analyses import it from here
from verbatims.analysis.tokens import Unit as Unit
from verbatims.errors import UserError
from verbatims.model.entities import Role, Turn
from verbatims.model.units import TextUnits, marker_end
from verbatims.nlp import terms as normalisation
from verbatims.nlp.cache import MARK, NUMBER, PUNCT, Parsed, parsed, stop_set
from verbatims.nlp.pipeline import MODEL_VERSION
from verbatims.nlp.terms import Normaliser
from verbatims.nlp.words import word_lists
from verbatims.store import Project, nlpcache

CONTENT_POS = frozenset(normalisation.CONTENT_POS)
# An elided word joined back to the next: "page d' accueil" is written "page d'accueil".
_ELISION_SPACE = re.compile(r"(\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]) ",
                            re.IGNORECASE)




# The line that heads an extract in an annex: "Entretien avec une élue, commune entre 2000 et
# 3500 habitants" (perhaps wrapped on two lines), then a blank line. A description of the
# speaker written by the researcher, not speech.
_HEADING = re.compile(r"[ \t\n]*(?:entretiens?|interviews?|extraits?)\b[^\n]{0,200}"
                      r"(?:\n[^\n]{1,200})?\n[ \t]*\n", re.IGNORECASE)


def heading_end(text: str) -> int:
    """Where the speech starts after an "Entretien avec…" heading, 0 without one."""
    found = _HEADING.match(text)
    return found.end() if found else 0


def allowed_spans(turns: Sequence[nlpcache.TurnRow], include_interviewer: bool,
                  text: str) -> list[tuple[int, int]] | None:
    """The spans analysed in a document, speaker markers left out; None: the whole text.

    `turns` are (start, end, speaker, role, speech start or None) in order. Where the
    opening text counts as speech (no respondent marker), an "Entretien avec…" heading
    does not.
    """
    if not turns or all(t[3] == "preamble" for t in turns):
        head = heading_end(text)
        return [(head, len(text))] if head else None
    roles = {"respondent", "interviewer"} if include_interviewer else {"respondent"}
    head = 0
    if not any(t[3] == "respondent" and t[2] for t in turns):
        # No respondent marker (OCR'd extracts, or only the questions marked): the unmarked
        # opening text is their speech.
        roles.add("preamble")
        head = heading_end(text)
    spans = []
    for start, end, speaker, role, body in turns:
        if role not in roles:
            continue
        start = marker_end(text, _turn(start, end, speaker, role, body))
        if role == "preamble" and not speaker:
            start = max(start, head)
        if start < end:
            spans.append((start, end))
    return spans


def _turn(start: int, end: int, speaker: str | None, role: str, body: int | None) -> Turn:
    return Turn(start, end, speaker, cast(Role, role), body_start=body)


_LEAD = frozenset("“”\"«»‘(‹[¿¡")
_TRAIL = frozenset("“”\"«».,;:!?…)›]")
_LEAD_POINTS = np.array(sorted(map(ord, _LEAD)), dtype=np.uint32)
_TRAIL_POINTS = np.array(sorted(map(ord, _TRAIL)), dtype=np.uint32)


def doc_of(p: Parsed, spans: list[tuple[int, int]] | None, normaliser: Normaliser,
           sentence_starts: Sequence[int]) -> Doc | None:
    """The analysed tokens of one parsed document, restricted to the allowed spans and
    cut into units at `sentence_starts` (and where an allowed span ends)."""
    n = len(p)
    if n == 0 or (spans is not None and not spans):
        return None
    starts = np.asarray(p.starts, dtype=np.int64)
    flags = np.frombuffer(p.flags, dtype=np.uint8)
    keep = (flags & (PUNCT | MARK)) == 0
    if spans is None:
        span_of = np.zeros(n, dtype=np.int64)
    else:
        lo = np.array([a for a, _ in spans], dtype=np.int64)
        hi = np.array([b for _, b in spans], dtype=np.int64)
        span_of = np.searchsorted(lo, starts, side="right") - 1
        keep &= (span_of >= 0) & (starts < hi[np.maximum(span_of, 0)])
    idx = np.nonzero(keep)[0]
    if not len(idx):
        return None
    sents = np.searchsorted(np.asarray(sentence_starts, dtype=np.int64), starts[idx],
                            side="right")
    key = sents * (len(spans) + 1 if spans else 1) + span_of[idx]
    cuts = [0, *(np.nonzero(np.diff(key))[0] + 1).tolist(), len(idx)]
    order = idx.tolist()
    text = p.text
    lower = text.lower()
    if len(lower) != len(text):  # a rare letter whose lower case is longer ("İ")
        lower = "".join(c.lower()[:1] or c for c in text)
    t_starts: list[int] = starts[idx].tolist()
    t_ends: list[int] = np.asarray(p.ends, dtype=np.int64)[idx].tolist()
    pick = itemgetter(*order)
    raw = list(pick(p.raw_lemmas)) if len(order) > 1 else [p.raw_lemmas[order[0]]]
    pos = list(pick(p.pos)) if len(order) > 1 else [p.pos[order[0]]]
    forms = [lower[a:b] for a, b in zip(t_starts, t_ends, strict=True)]
    # Quotes and full stops the tokenizer left on a word ("5G.", "greenwhasing”"): off.
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    edges = np.isin(points[starts[idx]], _LEAD_POINTS) | np.isin(
        points[np.asarray(t_ends, dtype=np.int64) - 1], _TRAIL_POINTS)
    for j in np.nonzero(edges)[0].tolist():
        a, b = t_starts[j], t_ends[j]
        while a < b - 1 and text[a] in _LEAD:
            a += 1
        while b > a + 1 and text[b - 1] in _TRAIL:
            b -= 1
        if (a, b) != (t_starts[j], t_ends[j]):
            t_starts[j], t_ends[j], forms[j], raw[j] = a, b, lower[a:b], ""
    written = [text[a:b] for a, b in zip(t_starts, t_ends, strict=True)]
    cased = ["" if w == f else w for w, f in zip(written, forms, strict=True)]
    lemmas, t_tags, why = normaliser.decide_columns(
        [lem or form for lem, form in zip(raw, forms, strict=True)], pos, forms, cased)
    numbers = flags[idx] & NUMBER
    if numbers.any():
        for j in np.nonzero(numbers)[0].tolist():
            if why[j] != "code":
                t_tags[j], why[j] = "", "number"
    return Doc(p.document_id, lemmas, forms, t_tags, t_starts, t_ends, cuts, cased, why)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the token lists are made, and those made
    frozen after: each full collection walks every list made so far, millions of
    them on 10M words (seconds, counted against whatever allocated at that moment).
    Nothing here makes cycles; frozen lists are still freed when no longer used."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load_docs(project: Project, document_ids: Sequence[int] | None = None,
              include_interviewer: bool = False, keep_meta: bool = False) -> list[Doc]:
    """The analysed tokens of the given documents (all by default), in corpus order.

    The whole corpus is kept analysed in the project (analysis/doccache.py); a
    part of it is analysed afresh, since split words are rejoined and damaged
    words repaired from the vocabulary of the documents read. With `keep_meta`,
    the words of the interview situation (question, répondre…) count as terms.
    """
    with _collector_paused():
        return _load_docs(project, document_ids, include_interviewer, keep_meta)


def _load_docs(project: Project, document_ids: Sequence[int] | None,
               include_interviewer: bool, keep_meta: bool) -> list[Doc]:
    everyone = project.documents()
    if document_ids is None or set(document_ids) == {d.id for d in everyone}:
        order = [d.id for d in everyone] if document_ids is None else list(document_ids)
        turns = nlpcache.turns_by_document(project, order)
        stops = stop_set(project)
        attested = codebook_words(project)
        key = doccache.corpus_key(
            MODEL_VERSION, ((d.id, d.sha256) for d in everyone),
            ((i, *t) for i in sorted(turns) for t in turns[i]), stops, include_interviewer,
            normalisation=normalisation_key(attested, keep_meta))
        data = nlpcache.analysis_get(project, key)
        kept = doccache.read(data) if data is not None else None
        if kept is not None and kept.usual is not None:
            by_id = {d.document_id: d for d in kept}
            usual = kept.usual
        else:
            docs = _analyse(project, None, include_interviewer, stops, turns, attested,
                            keep_meta)
            usual = _usual_case(docs)
            try:
                nlpcache.analysis_put(project, key, doccache.pack(docs, usual))
            except (UserError, OperationalError):  # read-only or busy: the figure still comes
                pass
            by_id = {d.document_id: d for d in docs}
        out = Corpus(by_id[i] for i in order if i in by_id)
        out.usual = usual
        return out
    return _analyse(project, document_ids, include_interviewer, stop_set(project), None,
                    codebook_words(project), keep_meta)


def codebook_words(project: Project) -> frozenset[str]:
    """The words of the codebook's names and keywords: vocabulary the researcher attests
    ("greenwashing"), so a damaged spelling of it can be repaired into it."""
    words: set[str] = set()
    for code in project.codes():
        for text in (code.name, *code.keywords):
            words.update(w for w in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text.lower())
                         if len(w) >= 4)
    return frozenset(words)


def normalisation_key(attested: frozenset[str], keep_meta: bool) -> str:
    """What the term normalisation depends on, for the cache key."""
    return f"{normalisation.SIGNATURE}|{keep_meta}|{'|'.join(sorted(attested))}"


def _analyse(project: Project, document_ids: Sequence[int] | None, include_interviewer: bool,
             stops: frozenset[str],
             turns: dict[int, list[nlpcache.TurnRow]] | None,
             attested: frozenset[str], keep_meta: bool) -> list[Doc]:
    normaliser = Normaliser(stops, word_lists(), keep_meta, attested)
    docs = parsed(project, document_ids)
    if turns is None:
        turns = nlpcache.turns_by_document(project, [p.document_id for p in docs])
    out = []
    texts = {}
    for p in docs:
        these = turns.get(p.document_id, [])
        spans = allowed_spans(these, include_interviewer, p.text)
        text_units = TextUnits(p.text, [_turn(*t) for t in these])
        doc = doc_of(p, spans, normaliser, [a for a, _ in text_units.sentences()])
        if doc is not None:
            out.append(doc)
            texts[p.document_id] = p.text
    rejoin_split_words(out, texts, stops,
                       lambda lemma, pos, form: normaliser.decide(lemma, pos, form).tag)
    join_pieces(out, texts, normaliser)
    repair_damaged_words(out, normaliser, attested)
    for doc in out:  # after the repairs, so that "¢a marche" reads "ça marche"
        verbs_after_subjects(doc, texts[doc.document_id], normaliser)
    return out


def _usual_case(docs: Sequence[Doc]) -> dict[str, str]:
    """Lower-case word -> its usual written form, for words most often written with
    capitals away from a sentence's start ("rgpd" -> "RGPD", "mégalis" -> "Mégalis")."""
    written: Counter[tuple[str, str]] = Counter()
    for doc in docs:
        starts = set(doc.cuts)
        forms, cased = doc.forms, doc.cased
        for j in [x for x, c in enumerate(cased) if c]:
            if j not in starts:
                written[forms[j], cased[j]] += 1
    if not written:
        return {}
    candidates = {form for form, _ in written}
    seen: Counter[str] = Counter()
    for doc in docs:
        seen.update([f for f in doc.forms if f in candidates])
        seen.subtract([doc.forms[j] for j in doc.cuts[:-1] if doc.forms[j] in candidates])
    best: dict[str, tuple[int, str]] = {}
    for (form, shown), n in written.items():
        if n > best.get(form, (0, ""))[0]:
            best[form] = (n, shown)
    return {form: shown for form, (n, shown) in best.items() if 2 * n > seen[form]}


def load_units(project: Project, document_ids: Sequence[int] | None = None,
               include_interviewer: bool = False) -> list[Unit]:
    """Every context unit of the given documents (all by default), in corpus order."""
    return [u for d in load_docs(project, document_ids, include_interviewer) for u in d.units()]


def project_expressions(project: Project) -> list[tuple[str, ...]]:
    """The user's expressions as lemma tuples."""
    return [tuple(lemmas.split()) for _, lemmas in nlpcache.expressions(project)]


_Hit = tuple[list[str], list[str] | None, Sequence[int], int, int]


class Merger:
    """Replaces runs of words that form a known expression by one term."""

    def __init__(self, expressions: Sequence[tuple[str, ...]], docs: Sequence[Doc] = ()
                 ) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for expr in sorted(set(expressions), key=len, reverse=True):
            if len(expr) > 1:
                self.by_first.setdefault(expr[0], []).append(expr)
        self.firsts = frozenset(self.by_first)
        self.keys = {e: " ".join(e) for es in self.by_first.values() for e in es}
        # Where each expression was found: (forms, cased or None, cuts, index, length).
        # How it was written is counted from these when it is displayed, for the few
        # terms a figure shows, not at each of the hundreds of thousands of matches.
        self._hits: dict[str, list[_Hit]] = {}
        self._counted: dict[str, tuple[int, Counter[str], Counter[str]]] = {}
        self.docs = docs  # where the usual case of a word is read, on first need
        self._usual: dict[str, str] | None = None

    def terms(self, unit: Unit, skip: set[int] | None = None) -> list[str]:
        """The unit's terms, expressions first; words at indices in `skip` are left out."""
        lemmas, tags = unit.lemmas, unit.tags
        if not skip and self.firsts.isdisjoint(lemmas):  # the common case, at C speed
            return [lem for lem, tag in zip(lemmas, tags, strict=True) if tag]
        n = len(lemmas)
        out: list[str] = []
        done = 0  # words before this index are handled

        def plain(upto: int) -> None:
            out.extend(lemmas[x] for x in range(done, upto)
                       if tags[x] and not (skip and x in skip))

        firsts = self.firsts
        for i in [x for x, lem in enumerate(lemmas) if lem in firsts]:
            if i < done or (skip and i in skip):
                continue
            for expr in self.by_first[lemmas[i]]:
                k = len(expr)
                if (i + k <= n and tuple(lemmas[i:i + k]) == expr
                        and not (skip and any(i + j in skip for j in range(k)))):
                    plain(i)
                    key = " ".join(expr)
                    self._hit(key, (unit.forms, None, (), i, k))
                    out.append(key)
                    done = i + k
                    break
        plain(n)
        return out

    def doc_terms(self, doc: Doc, blocked: np.ndarray | None = None
                  ) -> tuple[list[str], list[int]]:
        """Terms of a whole document and the position of each term's first word.

        Expressions never cross a unit boundary; words where `blocked` is true
        (the pivot, text outside a code) are left out and break expressions.
        """
        lemmas, tags, n = doc.lemmas, doc.tags, len(doc)
        free = None if blocked is None else (~blocked).tolist()
        # Which words count, at C speed (itertools.compress): a term's tag and, where some
        # words are blocked, not blocked. An expression counts at its first word, in its
        # words' place.
        counts = list(map(bool, tags)) if free is None else list(map(and_, map(bool, tags),
                                                                      free))
        found = list(compress(range(n), map(self.firsts.__contains__, lemmas)))
        if not found:
            return list(compress(lemmas, counts)), list(compress(range(n), counts))
        words = list(lemmas)
        keys = self.keys
        done = 0
        cuts = doc.cuts
        for i in found:
            if i < done or (free is not None and not free[i]):
                continue
            unit_end = cuts[bisect_right(cuts, i)]
            for expr in self.by_first[lemmas[i]]:
                k = len(expr)
                if (i + k <= unit_end and tuple(lemmas[i:i + k]) == expr
                        and (free is None or all(free[i:i + k]))):
                    key = keys[expr]
                    self._hit(key, (doc.forms, doc.cased, cuts, i, k))
                    words[i] = key
                    counts[i] = True
                    for x in range(i + 1, i + k):
                        counts[x] = False
                    done = i + k
                    break
        return list(compress(words, counts)), list(compress(range(n), counts))

    def _hit(self, key: str, hit: _Hit) -> None:
        found = self._hits.get(key)
        if found is None:
            self._hits[key] = [hit]
        else:
            found.append(hit)

    def _written(self, term: str) -> tuple[Counter[str], Counter[str]]:
        """How the expression's matches so far were written: in lower case, and with their
        capitals (a sentence's first capital left out: it is no name)."""
        hits = self._hits.get(term, [])
        kept = self._counted.get(term)
        if kept is not None and kept[0] == len(hits):
            return kept[1], kept[2]
        forms: Counter[str] = Counter()
        written: Counter[str] = Counter()
        for lower, cased, cuts, i, k in hits:
            forms[" ".join(lower[i:i + k])] += 1
            if cased is None:
                continue
            words = [cased[x] or lower[x] for x in range(i, i + k)]
            if i == cuts[bisect_right(cuts, i) - 1]:
                words[0] = lower[i]
            written[" ".join(words)] += 1
        self._counted[term] = (len(hits), forms, written)
        return forms, written

    def display(self, term: str) -> str:
        """An expression as people wrote it most often ("pièces jointes", "Mégalis
        Bretagne"), else the lemma, with the capitals the corpus usually gives it
        ("RGPD", "Saint-Brieuc")."""
        forms, written = self._written(term)
        if not forms:
            return self.usual(term) if " " not in term else term
        lower = forms.most_common(1)[0][0]
        variants = [(n, v) for v, n in written.items() if v.lower() == lower]
        shown = max(variants, key=lambda nv: (nv[0], nv[1]))[1] if variants else lower
        first, space, rest = shown.partition(" ")
        shown = (self.usual(first) if first.islower() else first) + space + rest
        return _ELISION_SPACE.sub(r"\1", shown)  # "page d' accueil": "page d'accueil"

    def usual(self, word: str) -> str:
        """The word with the capitals most of its occurrences inside a sentence have."""
        if self._usual is None:
            kept = self.docs.usual if isinstance(self.docs, Corpus) else None  # a whole corpus
            self._usual = kept if kept is not None else _usual_case(self.docs)
        return self._usual.get(word, word)
