"""The interview's own script: the words of the question an extract answers.

Asked "est-ce que l'expression « numérique responsable », ça vous parle ?", people
answer "ça me parle" and "l'expression…": the question's words come back in the
answers because they were asked, not because they go with the theme. A term list
of a code's extracts, or of a pivot's context, leaves out the words of the
interviewer turns that ask it, as it leaves out the code's or the pivot's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from verbatims.nlp.cache import MARK, NUMBER, PUNCT, parsed, stop_set
from verbatims.nlp.terms import Normaliser
from verbatims.store import Project, nlpcache

Spans = Mapping[int, Sequence[tuple[int, int]]]
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _interviewer_turns(project: Project, ids: Iterable[int]
                       ) -> dict[int, list[tuple[int, int]]]:
    turns = nlpcache.turns_by_document(project, list(ids))
    return {d: [(t[0], t[1]) for t in ts if t[3] == "interviewer"]
            for d, ts in turns.items()}


def questions_before(project: Project, spans: Spans) -> dict[int, list[tuple[int, int]]]:
    """The interviewer turns that ask what the spans answer: the last one before each
    span, or the one it starts in (a coder may select the question with its answer).
    Follow-up questions inside a long extract are not its question."""
    out: dict[int, list[tuple[int, int]]] = {}
    for doc_id, turns in _interviewer_turns(project, spans).items():
        chosen: set[tuple[int, int]] = set()
        for start, _end in spans[doc_id]:
            opening = [t for t in turns if t[0] <= start < t[1]]
            before = [t for t in turns if t[1] <= start + 1]
            if opening or before:
                chosen.add((opening or before)[-1])
        if chosen:
            out[doc_id] = sorted(chosen)
    return out


def questions_with(project: Project, matchers: Sequence[set[str]]
                   ) -> dict[int, list[tuple[int, int]]]:
    """The interviewer turns where the pivot occurs (its words in a row, as spelt)."""
    k = len(matchers)
    out: dict[int, list[tuple[int, int]]] = {}
    everyone = [d.id for d in project.documents()]
    texts = nlpcache.texts(project, everyone)
    firsts = tuple(matchers[0])
    for doc_id, turns in _interviewer_turns(project, everyone).items():
        text = texts.get(doc_id, "")
        for a, b in turns:
            low = text[a:b].lower()
            if not any(w in low for w in firsts):  # most questions do not name the pivot
                continue
            words = [w.lower() for w in _WORD.findall(low)]
            if any(all(words[i + j] in matchers[j] for j in range(k))
                   for i in range(len(words) - k + 1)):
                out.setdefault(doc_id, []).append((a, b))
    return out


def question_terms(project: Project, turns: Spans, keep_meta: bool = False) -> set[str]:
    """The terms (lemmas, stop and meta-words out) of the given interviewer turns.

    A guide's question is asked in the same words in every interview: each distinct
    wording is read once, from the first document that has it.
    """
    if not turns:
        return set()
    texts = nlpcache.texts(project, sorted(turns))
    first: dict[str, tuple[int, tuple[int, int]]] = {}
    for doc_id in sorted(turns):
        for a, b in turns[doc_id]:
            first.setdefault(" ".join(texts[doc_id][a:b].split()), (doc_id, (a, b)))
    wanted: dict[int, list[tuple[int, int]]] = {}
    for doc_id, span in first.values():
        wanted.setdefault(doc_id, []).append(span)
    # Interviewers' questions are typed, not OCR'd: the lemmas as spaCy gives them will do,
    # without loading the word lists.
    normaliser = Normaliser(stop_set(project), None, keep_meta)
    found: set[str] = set()
    for p in parsed(project, sorted(wanted)):
        spans = wanted[p.document_id]
        for i in range(len(p)):
            s = p.starts[i]
            if p.flags[i] & (PUNCT | MARK | NUMBER) or not any(a <= s < b for a, b in spans):
                continue
            word = p.word(i)
            decision = normaliser.decide(p.lemmas[i], p.pos[i], word.lower(), word)
            if decision.tag:
                found.add(decision.lemma)
    return found
