"""A project cut into passages of one grain, each with its terms and keyword hits.

What learned suggestions read: every sentence, turn or paragraph of the respondents
(verbatims.model.units: one definition of each), with

- its **terms**: the normalised lemmas of its content words (accents, case and OCR
  look-alikes folded, doubled letters from doubled accents made single, elisions
  split, stop words, numbers and transcription marks left out) and the pairs of
  consecutive ones ("numérique responsable", "parc informatique") as expressions;
- its **keyword hits**: for each code, the best score (0-100) of the codebook's
  keywords and patterns matched in it by `autocode.find`, the same matcher as
  keyword suggestions, so the learned model sees what keywords would propose.

`terms()` is the one place where a word becomes a feature: the term normalisation
of the analyses (OCR variants merged, lemmatiser errors repaired) plugs in there.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from verbatims.model.entities import Code, Turn
from verbatims.model.units import TextUnits
from verbatims.nlp import autocode
from verbatims.nlp import match as m
from verbatims.store import Project
from verbatims.store import nlpcache

Progress = Callable[[int, int], None]


def terms(words: m.Units, lo: int, hi: int) -> list[str]:
    """The features of words[lo:hi]: content lemmas, then pairs of consecutive ones."""
    lemmas, stops, gaps = words.lemmas, words.stops, words.gaps
    out: list[str] = []
    previous = ""
    for k in range(lo, hi):
        if gaps[k]:
            previous = ""
        if stops[k]:
            continue
        term = m.collapse(lemmas[k])
        if len(term) < 2 or not any(ch.isalpha() for ch in term):
            continue
        out.append(term)
        if previous:
            out.append(previous + " " + term)
        previous = term
    return out


def find_term(words: m.Units, lo: int, hi: int, term: str) -> int:
    """The first word of words[lo:hi] whose term is `term` (a pair: its first word), or -1."""
    first = term.split(" ", 1)[0]
    for k in range(lo, hi):
        if not words.stops[k] and m.collapse(words.lemmas[k]) == first:
            return k
    return -1


@dataclass(frozen=True, slots=True)
class Hit:
    """The best keyword or pattern match of a code in a passage."""

    keyword: str
    matched: str
    start: int
    end: int
    score: float


@dataclass
class Passages:
    """Every respondent passage of one grain, in document order, as parallel columns."""

    unit: str
    document_ids: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    terms: list[list[str]] = field(default_factory=list)
    # the words of passage i are words[doc_index[i]][word_lo[i]:word_hi[i]]
    doc_index: list[int] = field(default_factory=list)
    word_lo: list[int] = field(default_factory=list)
    word_hi: list[int] = field(default_factory=list)
    words: list[m.Units] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    # per code id: passage index -> its best keyword hit
    hits: dict[int, dict[int, Hit]] = field(default_factory=dict)
    # the interviewer's question before each passage (index into `questions`, -1: none)
    question: list[int] = field(default_factory=list)
    questions: list[list[str]] = field(default_factory=list)  # the terms of each question
    # the words of question q are words[question_doc[q]][question_lo[q]:question_hi[q]]
    question_doc: list[int] = field(default_factory=list)
    question_lo: list[int] = field(default_factory=list)
    question_hi: list[int] = field(default_factory=list)
    # per code id: question index -> best keyword score in it
    question_hits: dict[int, dict[int, float]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.starts)

    def keyword_scores(self, code_id: int) -> np.ndarray:
        """The best keyword score of a code in each passage (0 where none matched)."""
        out = np.zeros(len(self), dtype=np.float64)
        for i, hit in self.hits.get(code_id, {}).items():
            out[i] = hit.score
        return out

    def question_keyword_scores(self, code_id: int) -> np.ndarray:
        """The best keyword score of a code in the question before each passage."""
        scores = self.question_hits.get(code_id, {})
        return np.array([scores.get(q, 0.0) if q >= 0 else 0.0 for q in self.question],
                        dtype=np.float64)

    def text(self, i: int) -> str:
        return self.texts[self.doc_index[i]][self.starts[i]:self.ends[i]]

    def of_documents(self, document_ids: set[int]) -> np.ndarray:
        """Indices of the passages of these documents."""
        return np.array([i for i, d in enumerate(self.document_ids) if d in document_ids],
                        dtype=np.int64)


def spans(units: TextUnits, unit: str) -> list[tuple[int, int]]:
    """Every span of this grain in a document, respondents and interviewer alike."""
    if unit == "sentence":
        return units.sentences()
    if unit == "paragraph":
        return units.paragraphs()
    if unit != "turn":
        raise ValueError(f"unknown unit {unit!r}")
    out: list[tuple[int, int]] = []
    covered = 0
    for turn in units.turns:
        if turn.role == "preamble":
            continue
        a, b = units.utterance(turn.start)
        if a < b and a >= covered:
            out.append((a, b))
            covered = b
    if not units.turns:  # a text without speaker markers: its paragraphs
        return units.paragraphs()
    return out


def build(project: Project, unit_names: Sequence[str], codes: Sequence[Code],
          threshold: float = m.DEFAULT_THRESHOLD, include_interviewer: bool = False,
          document_ids: Sequence[int] | None = None) -> dict[str, Passages]:
    """The passages of each grain asked for, over the documents (all by default).

    Words are read once from the NLP cache and keywords matched once per document;
    each grain then only cuts the same words differently.
    """
    ids = [d.id for d in project.documents()] if document_ids is None else list(document_ids)
    keyed = [c for c in codes if c.keywords or c.patterns]
    book = autocode.compile_codebook(keyed, threshold) if keyed else None
    turns = nlpcache.turns_by_document(project, ids)
    out = {u: Passages(u) for u in dict.fromkeys(unit_names)}
    for doc_index, (doc_id, text, words) in enumerate(autocode.document_units(project, ids)):
        doc_turns = [Turn(a, b, speaker, role, index=k)  # type: ignore[arg-type]
                     for k, (a, b, speaker, role) in enumerate(turns.get(doc_id, []))]
        units = TextUnits(text, doc_turns)
        matches = autocode.find(book, text, words) if book is not None else []
        for passages in out.values():
            passages.words.append(words)
            passages.texts.append(text)
            _add_document(passages, doc_index, doc_id, text, words, units, matches,
                          include_interviewer)
    return out


def _add_document(passages: Passages, doc_index: int, doc_id: int, text: str,
                  words: m.Units, units: TextUnits, matches: Sequence[m.Match],
                  include_interviewer: bool) -> None:
    """Add one document's passages, each with the interviewer's question before it."""
    first = len(passages)
    starts = words.starts
    # The questions: interviewer turns, each with its terms and its keyword hits.
    asked = [t for t in units.turns if t.role == "interviewer"]
    asked_at = [t.start for t in asked]
    q_first = len(passages.questions)
    for turn in asked:
        a, b = units.utterance(turn.start)
        lo = bisect.bisect_left(starts, a)
        hi = bisect.bisect_left(starts, b, lo)
        passages.questions.append(terms(words, lo, hi))
        passages.question_doc.append(doc_index)
        passages.question_lo.append(lo)
        passages.question_hi.append(hi)
    kept: list[tuple[int, int]] = []
    for a, b in spans(units, passages.unit):
        if not include_interviewer and units.role(a) == "interviewer":
            continue
        kept.append((a, b))
    for a, b in kept:
        lo = bisect.bisect_left(starts, a)
        hi = bisect.bisect_left(starts, b, lo)
        passages.document_ids.append(doc_id)
        passages.starts.append(a)
        passages.ends.append(b)
        passages.doc_index.append(doc_index)
        passages.word_lo.append(lo)
        passages.word_hi.append(hi)
        passages.terms.append(terms(words, lo, hi))
        q = bisect.bisect_right(asked_at, a) - 1
        if q >= 0 and asked[q].start <= a < asked[q].end:
            q -= 1  # a passage of the question itself looks at the question before
        passages.question.append(q_first + q if q >= 0 else -1)
    begins = [a for a, _ in kept]
    for match in matches:
        q = bisect.bisect_right(asked_at, match.start) - 1
        if q >= 0 and match.start < asked[q].end:
            per_q = passages.question_hits.setdefault(match.code_id, {})
            per_q[q_first + q] = max(per_q.get(q_first + q, 0.0), match.score)
        j = bisect.bisect_right(begins, match.start) - 1
        if j < 0 or match.start >= kept[j][1]:
            continue  # in the interviewer's words, or between passages
        per_code = passages.hits.setdefault(match.code_id, {})
        old = per_code.get(first + j)
        if old is None or match.score > old.score:
            per_code[first + j] = Hit(match.keyword, text[match.start:match.end], match.start,
                                      match.end, match.score)
