"""A project's learned suggestions, and their cross-validation (`nlp.learn` does the maths).

`prepare` gathers what both need once: the codes, the grain each is coded at, the
passages and matrices of those grains, the researcher's labels (hand codings, and
rejected suggestions as negatives) and which codes have enough of them. `suggest`
trains on every coded document and proposes passages of the others; `cross_validate`
trains on some coded documents and counts hits and misses on the rest, fold by
fold, for the learned model and for keywords alone.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.model.entities import Code, Coding
from verbatims.model.units import UNITS
from verbatims.nlp import autocode, learn
from verbatims.nlp import match as m
from verbatims.nlp import passages as ps
from verbatims.nlp.autocode import Proposal
from verbatims.store import Project

Progress = Callable[[int, int], None]


@dataclass
class CodeData:
    """One code as the learner sees it."""

    code: Code
    path: str
    unit: str
    view: learn.CodeView
    y: np.ndarray  # its label on every passage of its grain (hand codings)
    rejected: np.ndarray  # passages of rejected suggestions (negatives), indices
    positives: int  # positive passages in the coded documents
    documents: int  # coded documents holding them
    # keywords the hand coding contradicts: keyword -> (passages matched, coded), in the
    # coded documents (learn.contradicted); their hits are not proposed for this code
    contradicted: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def enough(self) -> bool:
        return self.positives >= learn.MIN_POSITIVES and self.documents >= learn.MIN_DOCUMENTS


@dataclass
class Dataset:
    """What learning and evaluation read, gathered once."""

    codes: list[CodeData]
    matrices: dict[str, learn.Matrices]
    coded_documents: set[int]  # documents holding hand codings
    codings: int  # hand codings read
    coder: str | None
    settings: learn.Settings
    paragraph_hits: dict[int, np.ndarray] = field(default_factory=dict)

    @property
    def learnable(self) -> list[CodeData]:
        return [c for c in self.codes if c.enough]


def prepare(project: Project, code_refs: Sequence[str] = (), unit: str | None = None,
            coder: str | None = None, include_interviewer: bool = False,
            threshold: float = m.DEFAULT_THRESHOLD, settings: learn.Settings | None = None,
            progress: Progress | None = None, paragraphs: bool = False,
            term_columns: Mapping[int, ps.TermColumns] | None = None,
            processes: int = 1) -> Dataset:
    """Read the project's codes, hand codings and passages for learning.

    `unit` forces one grain on every code (default: each code's own grain, see
    `learn.grain`); `paragraphs` also builds the paragraph grain (for the keyword
    baseline at the paragraph, as `autocode` proposes by default). `term_columns` are
    the corpus's normalised terms (analysis.autocoding.term_columns); without them,
    the cached lemmas. `processes=2` lets keyword matching use two forked processes
    on a large corpus (the command line only: never from a thread).
    """
    from verbatims.nlp import cache

    settings = settings or learn.Settings()
    if unit is not None and unit not in UNITS[1:]:
        raise UserError(_("Unknown unit {unit!r}; choose one of {units}.").format(
            unit=unit, units=", ".join(UNITS[1:])))
    if coder is not None and not any(c.coder == coder for c in project.codings()):
        coders = sorted({c.coder for c in project.codings()} - set(learn.MACHINE_CODERS))
        raise UserError(_("No coding by {coder!r} in this project; coders: {coders}.").format(
            coder=coder, coders=", ".join(coders) or _("none yet")))
    cache.ensure_parsed(project, progress=progress)
    all_codes = project.codes()
    wanted = _selected(project, code_refs)
    hand = learn.human_codings(project, coder)
    by_code = learn.spans_by_code(hand)
    shared = learn.UnitsCache(project)
    by_code_list: dict[int, list[Coding]] = {}
    for h in hand:
        by_code_list.setdefault(h.code_id, []).append(h)
    grains = {c.id: unit or learn.grain(project, by_code_list.get(c.id, []), units=shared)
              for c in wanted}
    needed = sorted(set(grains.values()) | ({"paragraph"} if paragraphs else set()))
    built = ps.build(project, needed, all_codes, threshold, include_interviewer,
                     term_columns=term_columns, units=shared, processes=processes)
    definitions = _definitions(project, wanted, term_columns is not None)
    vocabulary = learn.Vocabulary()
    mats = {g: learn.matrices(built[g], definitions, settings, vocabulary) for g in needed}
    coded_documents = {h.document_id for h in hand}
    rejected = _rejected(project, wanted)
    children: dict[int, list[int]] = {}
    for c in all_codes:
        if c.parent_id is not None:
            children.setdefault(c.parent_id, []).append(c.id)
    out = []
    for code in wanted:
        g = grains[code.id]
        mat = mats[g]
        y = learn.labels(mat.passages, by_code.get(code.id, {}))
        in_coded = np.isin(mat.groups, list(coded_documents))
        y &= in_coded
        sub = sorted(project.descendants(code.id) - {code.id})
        near = set(sub) | {code.id} | ({code.parent_id} if code.parent_id else set())
        view = learn.CodeView(code, g, sub, code.parent_id,
                              [c.id for c in all_codes if c.id not in near])
        refused = learn.labels(mat.passages, rejected.get(code.id, {})) & ~y
        precision = learn.keyword_precision(mat.passages.keywords.get(code.id, {}), y,
                                            np.nonzero(in_coded)[0]) if y.any() else {}
        out.append(CodeData(code, project.code_path(code.id), g, view, y,
                            np.nonzero(refused)[0], int(y.sum()),
                            len(set(mat.groups[y].tolist())),
                            {k: precision[k] for k in sorted(learn.contradicted(precision))}))
    data = Dataset(out, mats, coded_documents, len(hand), coder, settings)
    if paragraphs:
        data.paragraph_hits = _paragraph_hits(mats, out)
    return data


def code_grains(project: Project, codes: Sequence[Code], coder: str | None = None
                ) -> dict[int, str]:
    """The grain each code is coded at by hand ("paragraph" for a code not coded yet)."""
    hand = learn.human_codings(project, coder)
    shared = learn.UnitsCache(project)
    return {c.id: learn.grain(project, [h for h in hand if h.code_id == c.id], units=shared)
            for c in codes}


def contradicted_keywords(project: Project, codes: Sequence[Code], grains: Mapping[int, str],
                          threshold: float = m.DEFAULT_THRESHOLD,
                          include_interviewer: bool = False, coder: str | None = None
                          ) -> dict[int, dict[str, tuple[int, int]]]:
    """Per code coded by hand, the keywords its coding contradicts (learn.contradicted):
    keyword -> (passages of the coded documents it matched at the code's grain, how many
    of them are coded). Read from the coded documents only."""
    hand = learn.human_codings(project, coder)
    by_code = learn.spans_by_code(hand)
    judged = [c for c in codes if c.id in by_code and (c.keywords or c.patterns)]
    if not judged:
        return {}
    coded = sorted({h.document_id for h in hand})
    built = ps.build(project, sorted({grains.get(c.id, "paragraph") for c in judged}), judged,
                     threshold, include_interviewer, document_ids=coded)
    out = {}
    for c in judged:
        p = built[grains.get(c.id, "paragraph")]
        y = learn.labels(p, by_code[c.id])
        if not y.any():
            continue
        precision = learn.keyword_precision(p.keywords.get(c.id, {}), y, np.arange(len(p)))
        dropped = learn.contradicted(precision)
        if dropped:
            out[c.id] = {k: precision[k] for k in sorted(dropped)}
    return out


def _selected(project: Project, code_refs: Sequence[str]) -> list[Code]:
    codes = project.codes()
    if not code_refs:
        return codes
    wanted: set[int] = set()
    for ref in code_refs:
        wanted |= project.descendants(project.code(ref).id)
    return [c for c in codes if c.id in wanted]


def _definitions(project: Project, codes: Sequence[Code], normalised: bool
                 ) -> dict[int, list[str]]:
    """Each code's codebook text (name, definition, inclusion note, examples, keywords)
    as terms, parsed with the corpus's own pipeline and normalised as its passages are
    (`normalised`: the analyses' term normalisation, nlp/terms.py; else the cached
    lemmas as the matcher folds them)."""
    texts = [" ".join([c.name, c.definition, c.include, *c.examples, *c.keywords])
             for c in codes]
    out = {}
    if normalised:
        from verbatims.nlp.cache import stop_set
        from verbatims.nlp.pipeline import load
        from verbatims.nlp.terms import Normaliser
        from verbatims.nlp.words import word_lists

        normaliser = Normaliser(stop_set(project), word_lists())
        for code, doc in zip(codes, load().pipe(texts), strict=True):
            columns = ps.TermColumns()
            previous = -9
            for t in doc:
                if t.is_space or t.is_punct:
                    continue
                form = t.text.lower()
                decided = normaliser.decide(t.lemma_ or form, t.pos_, form,
                                            "" if t.text == form else t.text)
                if decided.tag:
                    columns.starts.append(t.idx)
                    columns.ends.append(t.idx + len(t.text))
                    columns.terms.append(decided.lemma)
                    columns.paired.append(t.i - previous <= 2)
                    previous = t.i
            out[code.id] = ps.terms(columns, 0, len(columns.terms))
        return out
    parsed = autocode.parse_phrases(texts, project)
    for code, tokens, text in zip(codes, parsed, texts, strict=True):
        words = ps.lemma_columns(m.units_from_tokens(tokens, text))
        out[code.id] = ps.terms(words, 0, len(words.terms))
    return out


def _rejected(project: Project, codes: Sequence[Code]
              ) -> dict[int, dict[int, list[tuple[int, int]]]]:
    from verbatims.store import suggestions as sg

    ids = {c.id for c in codes}
    out: dict[int, dict[int, list[tuple[int, int]]]] = {}
    for s in sg.suggestions(project, "rejected"):
        if s.code_id in ids:
            out.setdefault(s.code_id, {}).setdefault(s.document_id, []).append((s.start, s.end))
    for per_doc in out.values():
        for spans in per_doc.values():
            spans.sort()
    return out


def _paragraph_hits(mats: dict[str, learn.Matrices], codes: Sequence[CodeData]
                    ) -> dict[int, np.ndarray]:
    """Per code: does the paragraph around each passage of its grain hold a keyword hit?
    (What `autocode` proposes by default, seen at the code's grain.)"""
    paras = mats["paragraph"].passages
    by_doc: dict[int, list[int]] = {}
    for i, doc in enumerate(paras.document_ids):
        by_doc.setdefault(doc, []).append(i)
    out = {}
    for c in codes:
        p = mats[c.unit].passages
        hits = paras.keyword_scores(c.code.id) > 0
        found = np.zeros(len(p), dtype=bool)
        for i, (doc, start) in enumerate(zip(p.document_ids, p.starts, strict=True)):
            rows = by_doc.get(doc, [])
            k = bisect.bisect_right([paras.starts[r] for r in rows], start) - 1 if rows else -1
            found[i] = k >= 0 and bool(hits[rows[k]])
        out[c.code.id] = found
    return out


# -- training and predicting ---------------------------------------------------------------


@dataclass
class Fitted:
    """The shared model trained on some documents, with each code's features."""

    model: learn.Trained
    features: dict[int, np.ndarray]  # code id -> features of every passage of its grain
    positives: dict[int, np.ndarray]  # code id -> its positive passages used (indices)


def fit(data: Dataset, documents: set[int], codes: Sequence[CodeData]) -> Fitted | None:
    """Train on the passages of `documents` (and rejected suggestions) for these codes;
    None when none of them has a positive passage there."""
    rows_x, rows_y, rows_g, rows_c = [], [], [], []
    features: dict[int, np.ndarray] = {}
    used: dict[int, np.ndarray] = {}
    for c in codes:
        mat = data.matrices[c.unit]
        train = np.isin(mat.groups, list(documents))
        positives = np.nonzero(train & c.y)[0]
        if not len(positives):
            continue
        f = learn.code_features(c.view, mat, positives)
        features[c.code.id] = f
        used[c.code.id] = positives
        # rejected suggestions are negatives, unless they lie in held-out coded documents
        held_out = np.isin(mat.groups[c.rejected], list(data.coded_documents - documents))
        rows = np.union1d(np.nonzero(train)[0], c.rejected[~held_out])
        rows_x.append(f[rows])
        rows_y.append(c.y[rows])
        rows_g.append(mat.groups[rows])
        rows_c.append(np.full(len(rows), c.code.id))
    if not rows_x:
        return None
    model = learn.train(np.vstack(rows_x), np.concatenate(rows_y), np.concatenate(rows_g),
                        np.concatenate(rows_c), data.settings)
    return Fitted(model, features, used)


@dataclass
class CodeReport:
    """What `suggest` did for one code."""

    data: CodeData
    learned: bool
    proposed: int = 0
    vetoed: int = 0  # keyword hits the model turned down
    pruned: int = 0  # keyword hits left out: only contradicted keywords matched there
    without_keyword: int = 0  # passages proposed without any keyword hit
    threshold: float = 0.0


@dataclass
class Report:
    proposals: list[Proposal]
    codes: list[CodeReport]
    targets: int  # documents suggestions were made in (learned codes)


def suggest(data: Dataset, prune: bool = True) -> Report:
    """Suggestions in the documents not coded by hand: learned for the codes with enough
    codings, from keywords at each code's grain for the others (without the keywords
    their coding contradicts, unless `prune` is False)."""
    learnable = data.learnable
    fitted = fit(data, data.coded_documents, learnable) if learnable else None
    proposals: list[Proposal] = []
    reports: list[CodeReport] = []
    target_docs: set[int] = set()
    for c in data.codes:
        mat = data.matrices[c.unit]
        p = mat.passages
        hits = p.hits.get(c.code.id, {})
        if fitted is None or c.code.id not in fitted.features:
            report = CodeReport(c, False)
            dropped = set(c.contradicted) if prune else set()
            keywords = p.keywords.get(c.code.id, {})
            for i, hit in hits.items():
                if mat.groups[i] in data.coded_documents:
                    continue  # the researcher read it and did not code it there
                if dropped and not keywords.get(i, set()) - dropped:
                    report.pruned += 1
                    continue
                proposals.append(_proposal(p, i, c, hit, hit.score, "keyword", ""))
                report.proposed += 1
            reports.append(report)
            continue
        targets = np.nonzero(~np.isin(mat.groups, list(data.coded_documents)))[0]
        target_docs |= set(mat.groups[targets].tolist())
        f = fitted.features[c.code.id]
        probability = fitted.model.probability(f[targets])
        cut = fitted.model.thresholds.get(c.code.id, fitted.model.common_threshold)
        report = CodeReport(c, True, threshold=cut)
        parts = fitted.model.contributions(f[targets])
        profile = learn.Profile.of(mat.terms, fitted.positives[c.code.id], mat.groups)
        asked = learn.Profile.of(mat.questions, fitted.positives[c.code.id], mat.groups)
        words_like = profile.direction()
        defined = mat.definitions.get(c.code.id)
        if defined is not None and defined.size:
            words_like = words_like + 0.5 * defined  # words like the definition's weigh too
        asked_like = asked.direction()
        for k, i in enumerate(targets.tolist()):
            best = hits.get(i)
            if probability[k] < cut:
                report.vetoed += best is not None
                continue
            why = _why(mat, i, words_like, asked_like, parts[k])
            proposals.append(_proposal(p, i, c, best, round(100 * float(probability[k]), 1),
                                       "learned", why))
            report.proposed += 1
            report.without_keyword += best is None
        reports.append(report)
    proposals.sort(key=lambda x: (x.document_id, x.start, x.code_id))
    return Report(proposals, reports, len(target_docs))


def _proposal(p: ps.Passages, i: int, c: CodeData, hit: ps.Hit | None, score: float,
              source: str, why: str) -> Proposal:
    start, end = p.starts[i], p.ends[i]
    if hit is not None:
        return Proposal(p.document_ids[i], c.code.id, start, max(end, hit.end), c.unit,
                        hit.keyword, hit.matched, hit.start, hit.end, score, source, why)
    at, to, matched = _strongest_word(p, i, why)
    return Proposal(p.document_ids[i], c.code.id, start, end, c.unit, "", matched, at, to,
                    score, source, why)


def _strongest_word(p: ps.Passages, i: int, why: str) -> tuple[int, int, str]:
    """The span of the word that weighed most, to show in the passage."""
    text = p.texts[p.doc_index[i]]
    for term in json.loads(why).get("terms", []) if why else []:
        found = p.word(i, term)
        if found is not None:
            return found[0], found[1], text[found[0]:found[1]]
    start = p.starts[i]
    end = min(p.ends[i], start + 40)
    return start, end, text[start:end]


def _weighed(matrix: object, i: int, direction: np.ndarray, names: list[str]
             ) -> list[tuple[float, str]]:
    """(weight, term) of row i's terms against a direction, heaviest first (read from the
    CSR arrays: a row object per suggestion would cost more than the rest)."""
    lo, hi = matrix.indptr[i], matrix.indptr[i + 1]  # type: ignore[attr-defined]
    columns = matrix.indices[lo:hi]  # type: ignore[attr-defined]
    weights = matrix.data[lo:hi] * direction[columns]  # type: ignore[attr-defined]
    order = np.argsort(-weights)[:8]
    return [(float(weights[k]), names[int(columns[k])]) for k in order]


def _why(mat: learn.Matrices, i: int, direction: np.ndarray, asked: np.ndarray,
         parts: np.ndarray) -> str:
    """The words that weighed most (the passage's and its question's), and the features
    that raised the score most, as JSON: {"words", "terms", "question", "features"}."""
    p = mat.passages
    text = p.texts[p.doc_index[i]]
    weights = _weighed(mat.terms, i, direction, mat.vocabulary)
    shown: list[str] = []
    terms: list[str] = []
    for weight, term in weights:
        if weight <= 0 or len(shown) >= 4:
            break
        found = p.word(i, term)
        surface = " ".join(text[found[0]:found[1]].lower().split()) if found else term
        if surface not in shown:
            shown.append(surface)
            terms.append(term)
    question: list[str] = []
    q = p.question[i]
    if q >= 0 and asked.size:
        qweights = _weighed(mat.questions, i, asked, mat.question_vocabulary)
        columns = p.columns[p.question_doc[q]]
        qtext = p.texts[p.question_doc[q]]
        for weight, term in qweights[:6]:
            if weight <= 0 or len(question) >= 2 or " " in term:
                continue
            at = ps.find_term(columns, p.question_lo[q], p.question_hi[q], term)
            if at is not None:
                question.append(qtext[at[0]:at[1]].lower())
    strongest = [learn.FEATURES[j] for j in np.argsort(-parts)[:2] if parts[j] > 0]
    return json.dumps({"words": shown, "terms": terms, "question": question,
                       "features": strongest}, ensure_ascii=False)


def why_text(why: str) -> str:
    """A learned suggestion's stored "why", as a reader wants it: "portables, agents;
    question: équipés" ("" for a keyword suggestion)."""
    if not why:
        return ""
    try:
        found = json.loads(why)
    except ValueError:
        return ""
    parts = []
    if found.get("words"):
        parts.append(", ".join(found["words"]))
    if found.get("question"):
        parts.append(_("question: {words}").format(words=", ".join(found["question"])))
    return "; ".join(parts)


# -- cross-validation ------------------------------------------------------------------------


def _pruned(c: CodeData, mat: learn.Matrices, train_docs: set[int], coded: set[int]
            ) -> np.ndarray:
    """Keyword hits of a code without the keywords the training documents contradict."""
    keywords = mat.passages.keywords.get(c.code.id, {})
    train = np.isin(mat.groups, list(train_docs & coded))
    dropped: set[str] = set()
    if (c.y & train).any():  # a code never coded there is not judged
        dropped = learn.contradicted(learn.keyword_precision(keywords, c.y,
                                                             np.nonzero(train)[0]))
    return learn.pruned_hits(keywords, len(mat.passages), dropped)


METHODS = ("keywords", "keywords, paragraph", "keywords, pruned", "learned")
"""keywords: every hit at the code's grain; keywords, paragraph: by paragraph, as
`autocode` proposed before grains; keywords, pruned: without the keywords the training
documents' coding contradicts (learn.contradicted); learned: the shared model."""


@dataclass
class Counts:
    """Hits and misses of one method on one code, over the test passages of all folds."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: np.ndarray, truth: np.ndarray) -> None:
        self.tp += int((predicted & truth).sum())
        self.fp += int((predicted & ~truth).sum())
        self.fn += int((~predicted & truth).sum())
        self.tn += int((~predicted & ~truth).sum())


def cross_validate(data: Dataset, k: int = 5, progress: Progress | None = None
                   ) -> tuple[int, dict[int, dict[str, Counts]]]:
    """Folds by coded document: train on the others, count on the held-out ones.

    Returns the number of folds and, per code id, the counts of each method (METHODS;
    "learned" only for the codes with enough codings overall; in a fold where such a
    code has no positive in the training documents, it falls back to its keywords).
    """
    documents = sorted(data.coded_documents)
    if len(documents) < 2:
        raise UserError(_("Cross-validation needs at least 2 documents coded by hand; {n} "
                          "is coded so far. Code a second interview first.").format(
                              n=len(documents)))
    groups = np.array(documents)
    splits = learn.folds(groups, k)
    counts: dict[int, dict[str, Counts]] = {
        c.code.id: {m_: Counts() for m_ in METHODS if m_ != "learned" or c.enough}
        for c in data.codes}
    learnable = data.learnable
    for n, (train_idx, test_idx) in enumerate(splits):
        train_docs = set(groups[train_idx].tolist())
        test_docs = set(groups[test_idx].tolist())
        fitted = fit(data, train_docs, learnable) if learnable else None
        for c in data.codes:
            mat = data.matrices[c.unit]
            test = np.nonzero(np.isin(mat.groups, list(test_docs)))[0]
            truth = c.y[test]
            keyword = mat.passages.keyword_scores(c.code.id)[test] > 0
            counts[c.code.id]["keywords"].add(keyword, truth)
            counts[c.code.id]["keywords, pruned"].add(
                _pruned(c, mat, train_docs, data.coded_documents)[test], truth)
            if c.code.id in data.paragraph_hits:
                counts[c.code.id]["keywords, paragraph"].add(
                    data.paragraph_hits[c.code.id][test], truth)
            if c.enough:
                if fitted is not None and c.code.id in fitted.features:
                    f = fitted.features[c.code.id][test]
                    cut = fitted.model.thresholds.get(c.code.id,
                                                      fitted.model.common_threshold)
                    predicted = fitted.model.probability(f) >= cut
                else:
                    predicted = keyword
                counts[c.code.id]["learned"].add(predicted, truth)
        if progress:
            progress(n + 1, len(splits))
    for per in counts.values():
        if not data.paragraph_hits:
            per.pop("keywords, paragraph", None)
    return len(splits), counts
