"""A project cut into passages of one grain, each with its terms and keyword hits.

What learned suggestions read: every sentence, turn or paragraph of the respondents
(verbatims.model.units: one definition of each), with

- its **terms**: the terms of its words, then the pairs of consecutive ones
  ("numérique responsable", "parc informatique") as expressions. The terms come from
  the one term normalisation of the analyses (nlp/terms.py applied to the corpus by
  analysis/corpus.py: lemmas corrected, OCR damage repaired, stop and meta-words
  out), handed in as `TermColumns` by the caller; without them, from the NLP cache's
  lemmas as the keyword matcher folds them (`lemma_columns`);
- its **keyword hits**: for each code, the best score (0-100) of the codebook's
  keywords and patterns matched in it by `autocode.find`, the same matcher as
  keyword suggestions, so the learned model sees what keywords would propose;
- the interviewer's **question** before it, with its terms and keyword hits.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from verbatims.model.entities import Code, Turn
from verbatims.model.units import TextUnits
from verbatims.nlp import autocode
from verbatims.nlp import match as m
from verbatims.store import Project, nlpcache


@dataclass
class TermColumns:
    """A document's terms, in text order: where each term's word is and the term.

    `paired[k]` says that term k follows term k-1 closely enough (same sentence, at most
    one function word between) for the two to make an expression.
    """

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    paired: list[bool] = field(default_factory=list)


def lemma_columns(words: m.Units) -> TermColumns:
    """Terms from the cached lemmas, folded as the keyword matcher folds them (accents,
    case, OCR look-alikes; doubled letters made single): what learning reads when no
    normalised corpus is handed in."""
    out = TermColumns()
    previous = False
    for k in range(len(words)):
        if words.gaps[k]:
            previous = False
        if words.stops[k]:
            continue
        term = m.collapse(words.lemmas[k]).lstrip("-'")
        if len(term) < 2 or not any(ch.isalpha() for ch in term):
            continue
        out.starts.append(words.starts[k])
        out.ends.append(words.ends[k])
        out.terms.append(term)
        out.paired.append(previous)
        previous = True
    return out


def terms(columns: TermColumns, lo: int, hi: int) -> list[str]:
    """The features of terms lo..hi-1: each term, then each pair of consecutive ones."""
    out = list(columns.terms[lo:hi])
    t, paired = columns.terms, columns.paired
    out.extend(t[k - 1] + " " + t[k] for k in range(lo + 1, hi) if paired[k])
    return out


def find_term(columns: TermColumns, lo: int, hi: int, term: str) -> tuple[int, int] | None:
    """The span of the first word of terms lo..hi-1 that is `term` (a pair: both words)."""
    first, _, second = term.partition(" ")
    for k in range(lo, hi):
        if columns.terms[k] == first:
            if not second:
                return columns.starts[k], columns.ends[k]
            if k + 1 < hi and columns.terms[k + 1] == second and columns.paired[k + 1]:
                return columns.starts[k], columns.ends[k + 1]
    return None


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
    # the terms of passage i are columns[doc_index[i]], indices term_lo[i]..term_hi[i]-1
    doc_index: list[int] = field(default_factory=list)
    term_lo: list[int] = field(default_factory=list)
    term_hi: list[int] = field(default_factory=list)
    columns: list[TermColumns] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    # per code id: passage index -> its best keyword hit
    hits: dict[int, dict[int, Hit]] = field(default_factory=dict)
    # the interviewer's question before each passage (index into `questions`, -1: none)
    question: list[int] = field(default_factory=list)
    # the terms of question q are columns[question_doc[q]], question_lo[q]..question_hi[q]-1
    question_doc: list[int] = field(default_factory=list)
    question_lo: list[int] = field(default_factory=list)
    question_hi: list[int] = field(default_factory=list)
    # per code id: question index -> best keyword score in it
    question_hits: dict[int, dict[int, float]] = field(default_factory=dict)
    # per code id: passage index -> every keyword (or /pattern/) that matched in it
    keywords: dict[int, dict[int, set[str]]] = field(default_factory=dict)

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

    def length(self) -> np.ndarray:
        """How many terms each passage has."""
        out: np.ndarray = np.array(self.term_hi, dtype=np.float64) - np.array(self.term_lo)
        return out

    def text(self, i: int) -> str:
        return self.texts[self.doc_index[i]][self.starts[i]:self.ends[i]]

    def word(self, i: int, term: str) -> tuple[int, int] | None:
        """Where `term` is written in passage i (its first occurrence)."""
        return find_term(self.columns[self.doc_index[i]], self.term_lo[i], self.term_hi[i],
                         term)


def spans(units: TextUnits, unit: str) -> list[tuple[int, int]]:
    """Every span of this grain in a document, respondents and interviewer alike."""
    if unit == "sentence":
        return units.sentences()
    if unit == "paragraph":
        return units.paragraphs()
    if unit != "turn":
        raise ValueError(f"unknown unit {unit!r}")
    if not units.turns:  # a text without speaker markers: its paragraphs
        return units.paragraphs()
    out: list[tuple[int, int]] = []
    covered = 0
    for turn in units.turns:
        if turn.role == "preamble":
            continue
        a, b = units.utterance(turn.start)
        if a < b and a >= covered:
            out.append((a, b))
            covered = b
    return out


def build(project: Project, unit_names: Sequence[str], codes: Sequence[Code],
          threshold: float = m.DEFAULT_THRESHOLD, include_interviewer: bool = False,
          document_ids: Sequence[int] | None = None,
          term_columns: Mapping[int, TermColumns] | None = None,
          units: Mapping[int, TextUnits] | None = None, processes: int = 1
          ) -> dict[str, Passages]:
    """The passages of each grain asked for, over the documents (all by default).

    Words are read once from the NLP cache and keywords matched once per document;
    each grain then only cuts the same terms differently. `term_columns` (document id
    -> its terms) are the normalised terms; a document missing from them, or all of
    them when None, gets `lemma_columns`. `units` may hand in documents' TextUnits
    already built; `processes=2` matches keywords in two forked processes on a large
    corpus (a caller without threads only: the command line).
    """
    ids = [d.id for d in project.documents()] if document_ids is None else list(document_ids)
    keyed = [c for c in codes if c.keywords or c.patterns]
    book = autocode.compile_codebook(keyed, threshold, project=project) if keyed else None
    turns = nlpcache.turns_by_document(project, ids)
    out = {u: Passages(u) for u in dict.fromkeys(unit_names)}
    if term_columns is not None and all(i in term_columns for i in ids):
        # The normalised terms are given: words are only read to match keywords, which
        # two processes may share.
        found = autocode.matches(project, book, ids, processes) if book is not None else {}
        texts = nlpcache.texts(project, ids)
        documents = ((i, texts[i], term_columns[i], found.get(i, [])) for i in ids)
    else:
        documents = ((doc_id, text, _columns(term_columns, doc_id, words),
                      autocode.find(book, text, words) if book is not None else [])
                     for doc_id, text, words in autocode.document_units(project, ids))
    for doc_index, (doc_id, text, columns, matches) in enumerate(documents):
        text_units = units.get(doc_id) if units is not None else None
        if text_units is None:
            doc_turns = [Turn(row[0], row[1], row[2], row[3], index=k,  # type: ignore[arg-type]
                              body_start=row[4])
                         for k, row in enumerate(turns.get(doc_id, []))]
            text_units = TextUnits(text, doc_turns)
        for passages in out.values():
            passages.columns.append(columns)
            passages.texts.append(text)
            _add_document(passages, doc_index, doc_id, text, columns, text_units, matches,
                          include_interviewer)
    return out


def _columns(term_columns: Mapping[int, TermColumns] | None, doc_id: int, words: m.Units
             ) -> TermColumns:
    found = term_columns.get(doc_id) if term_columns is not None else None
    return found if found is not None else lemma_columns(words)


def _add_document(passages: Passages, doc_index: int, doc_id: int, text: str,
                  columns: TermColumns, units: TextUnits, matches: Sequence[m.Match],
                  include_interviewer: bool) -> None:
    """Add one document's passages, each with the interviewer's question before it."""
    first = len(passages)
    starts = columns.starts
    asked = [t for t in units.turns if t.role == "interviewer"]
    asked_at = [t.start for t in asked]
    q_first = len(passages.question_doc)
    for turn in asked:
        a, b = units.utterance(turn.start)
        lo = bisect.bisect_left(starts, a)
        hi = bisect.bisect_left(starts, b, lo)
        passages.question_doc.append(doc_index)
        passages.question_lo.append(lo)
        passages.question_hi.append(hi)
    kept = [(a, b) for a, b in spans(units, passages.unit)
            if include_interviewer or units.role(a) != "interviewer"]
    for a, b in kept:
        lo = bisect.bisect_left(starts, a)
        hi = bisect.bisect_left(starts, b, lo)
        passages.document_ids.append(doc_id)
        passages.starts.append(a)
        passages.ends.append(b)
        passages.doc_index.append(doc_index)
        passages.term_lo.append(lo)
        passages.term_hi.append(hi)
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
        passages.keywords.setdefault(match.code_id, {}).setdefault(first + j, set()).add(
            match.keyword)
        per_code = passages.hits.setdefault(match.code_id, {})
        old = per_code.get(first + j)
        if old is None or match.score > old.score:
            per_code[first + j] = Hit(match.keyword, text[match.start:match.end], match.start,
                                      match.end, match.score)
