"""Reinert's classification of a project's text segments (IRaMuTeQ's "méthode Reinert").

The corpus is cut into segments of about 40 words (`textsegments`); the terms
seen in 3 segments or more make a binary segments × terms table. As IRaMuTeQ's
"double classification sur RST", consecutive segments of an interview are
grouped into units of at least 12 terms, then of at least 14; each grouping is
classified (`reinert.descending`, `classes − 1` splits) and the two trees are
crossed into the classes both agree on (`reinert.double`). A segment in neither
kind of agreement is not classed, and left out of the class profiles.

A class's profile lists its terms by χ² of the 2×2 table "segment of the class or
not × holding the term or not" over the classed segments, signed (positive:
over-represented in the class), as IRaMuTeQ's "profils" do; `frequency` is how
many segments of the class hold the term, `total` how many classed segments do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Union

import numpy as np
import pandas as pd
from scipy import sparse

from verbatims.analysis import reinert
from verbatims.analysis.textsegments import Segment, text_segments
from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.store import Project

SEGMENT_COLUMNS = ["document", "start", "end", "class", "words", "text"]
PROFILE_COLUMNS = ["class", "term", "chi2", "frequency", "total", "percent", "p_value"]
MIN_SEGMENTS = 3  # a term in fewer segments takes no part
UNIT_SIZES = (12, 14)  # IRaMuTeQ's rst1 and rst2: terms per unit of the two classifications
METHODS = ("simple", "double")

# The classes' tree as drawn: a class number, or (left, right) below a split.
Node = Union[int, tuple["Node", "Node"]]  # noqa: UP007 - a recursive alias needs Union


@dataclass
class Classification:
    """The segments, their classes, the classes' profiles and tree."""

    segments: list[Segment]
    classes: np.ndarray  # per segment: 1, 2…; 0 not classed
    profiles: pd.DataFrame  # PROFILE_COLUMNS then key
    dendrogram: Node | None
    display: dict[str, str]  # term key -> as written most often
    label: str
    segment_size: int
    unit_sizes: tuple[int, int]
    asked: int  # classes asked of each classification
    min_size: int
    crossed: list[reinert.Crossed] = field(default_factory=list)
    method: str = "double"

    @property
    def k(self) -> int:
        return int(self.classes.max()) if len(self.classes) else 0

    def sizes(self) -> dict[int, int]:
        return {c: int((self.classes == c).sum()) for c in range(1, self.k + 1)}

    @property
    def classed(self) -> int:
        return int((self.classes > 0).sum())

    def top_terms(self, cls: int, n: int = 10) -> list[str]:
        """The class's most over-represented terms, as written."""
        rows = self.profiles[(self.profiles["class"] == cls) & (self.profiles["chi2"] > 0)]
        return list(rows["term"].head(n))

    def segments_table(self, names: dict[int, str], texts: dict[int, str]) -> pd.DataFrame:
        rows = [(names[s.document_id], s.start, s.end, int(c), s.words,
                 " ".join(texts[s.document_id][s.start:s.end].split()))
                for s, c in zip(self.segments, self.classes.tolist(), strict=True)]
        return pd.DataFrame(rows, columns=SEGMENT_COLUMNS)


def segment_matrix(segments: Sequence[Segment], min_segments: int = MIN_SEGMENTS
                   ) -> tuple[sparse.csr_matrix, list[str]]:
    """The binary segments × terms table of the terms held by `min_segments` or more."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, seg in enumerate(segments):
        for key in seg.keys:
            rows.append(i)
            cols.append(vocab.setdefault(key, len(vocab)))
    m = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                          shape=(len(segments), len(vocab)))
    df = np.asarray(m.sum(axis=0)).ravel()
    keep = np.nonzero(df >= min_segments)[0]
    terms = sorted(vocab, key=vocab.__getitem__)
    return m[:, keep].tocsr(), [terms[j] for j in keep]


def grouped(m: sparse.csr_matrix, group: np.ndarray) -> sparse.csr_matrix:
    """The rows of `m` OR-ed together by group (units made of segments)."""
    g = sparse.csr_matrix((np.ones(len(group)), (group, np.arange(len(group)))),
                          shape=(int(group.max()) + 1 if len(group) else 0, m.shape[0]))
    out = (g @ m).tocsr()
    out.data[:] = 1.0
    return out


def profiles(m: sparse.csr_matrix, classes: np.ndarray, terms: Sequence[str],
             display: dict[str, str], min_chi2: float = 3.84) -> pd.DataFrame:
    """Each class's terms by signed χ² over the classed segments (|χ²| ≥ `min_chi2`)."""
    from scipy.stats import chi2 as law

    inside = classes > 0
    sub = m[np.nonzero(inside)[0]]
    cls = classes[inside]
    n = float(len(cls))
    total = np.asarray(sub.sum(axis=0)).ravel()
    frames = []
    for k in range(1, int(classes.max()) + 1 if len(classes) else 1):
        rows = np.nonzero(cls == k)[0]
        if not len(rows):
            continue
        a = np.asarray(sub[rows].sum(axis=0)).ravel()
        chi = reinert.signed_chi2(a, np.full(len(a), float(len(rows))), total, n)
        keep = np.abs(chi) >= min_chi2
        frames.append(pd.DataFrame({
            "class": k, "term": [display.get(terms[j], terms[j])
                                 for j in np.nonzero(keep)[0].tolist()],
            "chi2": np.round(chi[keep], 3), "frequency": a[keep].astype(int),
            "total": total[keep].astype(int),
            "percent": np.round(100 * a[keep] / np.maximum(total[keep], 1), 2),
            "p_value": [float(f"{p:.4g}") for p in law.sf(np.abs(chi[keep]), 1)],
            "key": [terms[j] for j in np.nonzero(keep)[0].tolist()]}))
    if not frames:
        return pd.DataFrame(columns=[*PROFILE_COLUMNS, "key"])
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["class", "chi2", "term"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)


def tree_of(tree: reinert.Tree, chosen: dict[int, int]) -> Node | None:
    """The tree of the final classes: the first classification's tree cut down to the
    classes kept (`chosen`: node -> class number), one-child nodes taken out."""

    def walk(node: int) -> Node | None:
        if node in chosen:
            return chosen[node]
        kids = [w for w in (walk(c) for c in tree.children.get(node, ())) if w is not None]
        if not kids:
            return None
        return kids[0] if len(kids) == 1 else (kids[0], kids[1])

    return walk(1)


def classify(segments: list[Segment], display: dict[str, str], *, classes: int = 10,
             unit_sizes: tuple[int, int] = UNIT_SIZES, min_size: int = 0, label: str = "",
             segment_size: int = 40, method: str = "simple",
             breaks: Sequence[bool] | None = None) -> Classification:
    """Reinert's classes of the segments: the double classification (see the module's
    docstring), or with `method="simple"` one classification of the segments themselves
    whose small final classes are folded into their parents (IRaMuTeQ's "classification
    simple sur segments de texte")."""
    if classes < 2:
        raise UserError(_("Ask for 2 classes or more (--classes)."))
    if method not in METHODS:
        raise UserError(_("Unknown method {name!r}; choose double or simple.").format(
            name=method))
    m, terms = segment_matrix(segments)
    n = len(segments)
    if m.shape[1] < 3 or m.nnz == 0:
        raise UserError(_("Too few terms recur in the selected text ({n} segments) to classify "
                          "it; widen the selection.").format(n=n))
    if method == "simple":
        tree = reinert.descending(m, classes - 1)
        threshold = min_size or max(round(n / classes), 3)
        nodes, per_segment = reinert.simple(tree, n, threshold)
        chosen = {node: k for k, node in enumerate(nodes, start=1)}
        return Classification(segments, per_segment, profiles(m, per_segment, terms, display),
                              tree_of(tree, chosen), display, label, segment_size, (0, 0),
                              classes, threshold, [], method)
    documents = [s.document_id for s in segments]
    held = np.diff(m.indptr).tolist()
    trees = []
    rows = []
    for size in unit_sizes:
        group = reinert.units_of(held, documents, size, breaks)
        trees.append(reinert.descending(grouped(m, group), classes - 1))
        rows.append(group)
    threshold = min_size or max(round(n / (2 * classes)), 3)
    crossed, per_segment = reinert.double(trees[0], rows[0], trees[1], rows[1], n, threshold)
    chosen = {c.first: k for k, c in enumerate(crossed, start=1)}
    return Classification(segments, per_segment, profiles(m, per_segment, terms, display),
                          tree_of(trees[0], chosen), display, label, segment_size, unit_sizes,
                          classes, threshold, crossed, method)


def reinert_classes(project: Project, *, classes: int = 10, segment_size: int = 40,
                    document_ids: Sequence[int] | None = None, code_ids: set[int] | None = None,
                    code_label: str = "", min_size: int = 0, include_interviewer: bool = False,
                    keep_script: bool = False, method: str = "simple") -> Classification:
    """Reinert's classes of the respondents' speech (or of a code's extracts)."""
    segments, merger = text_segments(project, size=segment_size, document_ids=document_ids,
                                     code_ids=code_ids, include_interviewer=include_interviewer,
                                     keep_script=keep_script)
    if len(segments) < 20:
        raise UserError(_("Only {n} text segments in the selected text: Reinert's method needs "
                          "a few dozen at least; widen the selection.").format(n=len(segments)))
    keys = {t.key for s in segments for t in s.terms}
    display = {k: merger.display(k) for k in keys}
    texts = {i: project.text(i) for i in {s.document_id for s in segments}}
    label = (_("the coded extracts « {code} »").format(code=code_label) if code_ids is not None
             else _("the corpus"))
    return classify(segments, display, classes=classes, min_size=min_size, label=label,
                    segment_size=segment_size, method=method, breaks=paragraphs(segments, texts))


def paragraphs(segments: Sequence[Segment], texts: dict[int, str]) -> list[bool]:
    """Whether each segment opens a paragraph: a line break (a new turn, or a new
    paragraph of one) or another interview lies between it and the one before."""
    out = []
    last: Segment | None = None
    for seg in segments:
        out.append(last is None or last.document_id != seg.document_id
                   or "\n" in texts[seg.document_id][last.end:seg.start])
        last = seg
    return out


# -- classes as candidate codes (`chd --to-codes`) -----------------------------------------

# Distinct, mid-dark hues for the candidate codes' colours (readable as highlights).
CODE_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2", "#edc948",
                "#ff9da7", "#9c755f", "#8c8c8c")


@dataclass(frozen=True)
class Proposal:
    """One segment of a class, as a suggestion to code it with the class's code."""

    document_id: int
    start: int
    end: int
    keyword: str  # the class's terms found in the segment
    matched: str  # the strongest of them, as written
    match_start: int
    match_end: int
    score: float  # share (0-100) of the segment's terms that are the class's
    unit: str = "segment"
    code_id: int = 0
    source: str = "chd"  # the suggestions' source in the review queue
    why: str = ""


@dataclass(frozen=True)
class Candidate:
    """A class as a candidate code: its name, colour, definition and segments."""

    number: int
    name: str
    colour: str
    definition: str
    proposals: tuple[Proposal, ...]


def candidates(res: Classification, texts: dict[int, str], name_terms: int = 3
               ) -> list[Candidate]:
    """One candidate code per class, named by its top terms ("Class 2: sauvegarde,
    serveur, prestataire"), with its segments as proposals."""
    out = []
    sizes = res.sizes()
    for cls in range(1, res.k + 1):
        rows = res.profiles[(res.profiles["class"] == cls) & (res.profiles["chi2"] > 0)]
        strength = dict(zip(rows["key"], rows["chi2"], strict=True))
        top = res.top_terms(cls, name_terms)
        proposals = []
        for seg, c in zip(res.segments, res.classes.tolist(), strict=True):
            if c != cls:
                continue
            own = sorted({t.key for t in seg.terms if t.key in strength},
                         key=lambda k: -strength[k])
            best = next((t for t in seg.terms if own and t.key == own[0]), None)
            text = texts[seg.document_id]
            a, b = (best.start, best.end) if best is not None else (
                seg.start, min(seg.end, seg.start + 30))
            share = 100.0 * len(own) / max(len(seg.keys), 1)
            proposals.append(Proposal(seg.document_id, seg.start, seg.end,
                                      ", ".join(res.display.get(k, k) for k in own[:3]),
                                      text[a:b], a, b, round(share, 1)))
        share = 100 * sizes.get(cls, 0) / max(res.classed, 1)
        definition = _(
            "Class {n} of Reinert's classification (verbatims chd, {method}): {count} "
            "segments, {share} of those classed. Its terms by χ²: {terms}.").format(
                n=cls, method=res.method, count=sizes.get(cls, 0),
                share=f"{share:.1f}".replace(".", ",") + " %",
                terms=", ".join(res.top_terms(cls, 15)))
        out.append(Candidate(cls, _("Class {n}: {terms}").format(n=cls, terms=", ".join(top)),
                             CODE_COLOURS[(cls - 1) % len(CODE_COLOURS)], definition,
                             tuple(proposals)))
    return out
