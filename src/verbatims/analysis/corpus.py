"""The corpus as the term analyses see it: context units holding terms.

A context unit is a sentence of a respondent's turn (interviewer turns and the
preamble are left out unless asked). A term is the lemma of a content word
(noun, proper noun, adjective, verb) that is not a stop word, or a multi-word
expression ("impact écologique", "pièces jointes") merged from its words.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from verbatims.nlp.cache import MARK, NUMBER, PUNCT, Parsed, parsed, stop_set
from verbatims.store import Project, nlpcache

CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
# A term is made of letters, with inner hyphens or apostrophes: not "¢a", not "12h".
_WORDLIKE = re.compile(r"[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*")
# Function words allowed inside an expression: "hygiène de vie", "poids du mail".
LINKS = frozenset({"de", "du", "des", "d'", "à", "au", "aux", "en"})


@dataclass
class Word:
    """A non-punctuation token of a unit, reduced to what term building needs."""

    lemma: str
    form: str
    pos: str
    content: bool  # a candidate term on its own
    start: int


@dataclass
class Unit:
    document_id: int
    start: int
    end: int
    words: list[Word]
    terms: list[str] = field(default_factory=list)


# The speaker marker that opens a turn: "Interlocuteur 1 :", "Maire :", "E1 :".
_MARKER = re.compile(r"[^\n:]{0,60}?:[ \t]*")


def allowed_spans(project: Project, document_id: int, include_interviewer: bool, text: str
                  ) -> list[tuple[int, int]] | None:
    """The spans analysed in a document, speaker markers left out; None: the whole text."""
    turns = project.turns(document_id)
    if not turns or all(t.role == "preamble" for t in turns):
        return None
    roles = {"respondent", "interviewer"} if include_interviewer else {"respondent"}
    if not any(t.role == "respondent" for t in turns):
        # No respondent marker (OCR'd extracts): the unmarked opening text is their speech.
        roles.add("preamble")
    spans = []
    for t in turns:
        if t.role not in roles:
            continue
        start = t.start
        if t.speaker:
            marker = _MARKER.match(text, t.start, min(t.end, t.start + 80))
            if marker:
                start = marker.end()
        spans.append((start, t.end))
    return spans


def _inside(spans: list[tuple[int, int]] | None, starts: list[int], pos: int) -> bool:
    if spans is None:
        return True
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def units_of(p: Parsed, spans: list[tuple[int, int]] | None, stops: frozenset[str]
             ) -> list[Unit]:
    """Sentence units of one parsed document, restricted to the allowed spans."""
    out: list[Unit] = []
    span_starts = [a for a, _ in spans] if spans is not None else []
    current: Unit | None = None
    current_sent = -1
    text = p.text
    starts, ends, lemmas, pos, sents, flags = p.starts, p.ends, p.lemmas, p.pos, p.sents, p.flags
    for i in range(len(starts)):
        start = starts[i]
        if spans is not None and not _inside(spans, span_starts, start):
            continue
        sent = sents[i]
        if current is None or sent != current_sent:
            current = Unit(p.document_id, start, ends[i], [])
            out.append(current)
            current_sent = sent
        current.end = ends[i]
        f = flags[i]
        if f & (PUNCT | MARK):
            continue
        form = text[start:ends[i]].lower()
        lemma = lemmas[i]
        content = (not f & NUMBER and pos[i] in CONTENT_POS and len(lemma) > 1
                   and lemma not in stops and form not in stops
                   and _WORDLIKE.fullmatch(lemma) is not None)
        current.words.append(Word(lemma, form, pos[i], content, start))
    return [u for u in out if u.words]


def load_units(project: Project, document_ids: Sequence[int] | None = None,
               include_interviewer: bool = False) -> list[Unit]:
    """Every context unit of the given documents (all by default), in corpus order."""
    stops = stop_set(project)
    out: list[Unit] = []
    for p in parsed(project, document_ids):
        spans = allowed_spans(project, p.document_id, include_interviewer, p.text)
        out.extend(units_of(p, spans, stops))
    return out


def project_expressions(project: Project) -> list[tuple[str, ...]]:
    """The user's expressions as lemma tuples."""
    return [tuple(lemmas.split()) for _, lemmas in nlpcache.expressions(project)]


class Merger:
    """Replaces runs of words that form a known expression by one term."""

    def __init__(self, expressions: Sequence[tuple[str, ...]]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for expr in sorted(set(expressions), key=len, reverse=True):
            if len(expr) > 1:
                self.by_first.setdefault(expr[0], []).append(expr)
        self.forms: dict[str, Counter[str]] = {}

    def terms(self, words: Sequence[Word], skip: set[int] | None = None) -> list[str]:
        """The unit's terms, expressions first; words at indices in `skip` are left out."""
        out: list[str] = []
        i = 0
        n = len(words)
        while i < n:
            if skip and i in skip:
                i += 1
                continue
            w = words[i]
            for expr in self.by_first.get(w.lemma, ()):
                k = len(expr)
                if i + k <= n and all(words[i + j].lemma == expr[j] for j in range(k)) and not (
                        skip and any(i + j in skip for j in range(k))):
                    key = " ".join(expr)
                    form = " ".join(words[i + j].form for j in range(k))
                    self.forms.setdefault(key, Counter())[form] += 1
                    out.append(key)
                    i += k
                    break
            else:
                if w.content:
                    out.append(w.lemma)
                i += 1
        return out

    def display(self, term: str) -> str:
        """An expression as people wrote it most often ("pièces jointes"), else the lemma."""
        forms = self.forms.get(term)
        return forms.most_common(1)[0][0] if forms else term
