"""Coding queries: the passages coded A and B, A but not B, A near B, by a speaker…

One query dataclass, `CodingQuery`, and one function, `run_query(project, query)`,
serve `verbatims segments` and the workbench's extract lists alike. The work is
done by `evaluate`, a pure function over codings, texts and turns, tested on
hand-made cases.

What each part asks (codes always include their sub-codes; several `codes` mean
any of them):

- ``codes`` alone: each coding of those codes is a passage, whole. A code named by
  ``and_codes`` or ``not_codes`` does not count for ``codes`` too, so that
  ``--code "numérique responsable" --and sobriété`` (a sub-code) asks for the text
  coded with sobriété *and* with numérique responsable or another of its sub-codes.
- ``and_codes``: the text coded with the codes *and* with each of these: the
  characters every one of them covers, one passage per run of such text (NVivo's
  "coding query AND", MAXQDA's intersection). With ``overlap``, each passage is
  instead the whole extent of the codings that share that text (MAXQDA's
  "overlapping segments"). With ``near=N``, the codings need not share text: a
  coding of the codes and one of each ``and_codes`` code at most N words apart
  (words of verbatims.model.units; overlapping is 0 apart) make one passage, from
  the first start to the last end.
- ``not_codes``: codings of the codes that share no character with a coding of
  these (with ``near=N`` and no ``and_codes``: that are more than N words from any).
- ``speakers``: passages whose speaker (the turn where the passage starts) has one
  of these labels (case and accents aside).
- ``coders``: only the codings of these coders take part (for A, B and not-B).
- ``where``: only documents with these attributes, compared as `verbatims.where`
  says (case, accents and inclusive forms aside; one attribute twice: either value).

Passages that touch or overlap are merged, so no text is shown twice.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from verbatims import where as attribute_filter
from verbatims.errors import UserError
from verbatims.folding import fold
from verbatims.i18n import _
from verbatims.model.entities import AttributeValue, Coding, Turn
from verbatims.model.units import turn_index, words
from verbatims.store import Project


@dataclass(frozen=True)
class CodingQuery:
    """A coding query as the user names things (code paths or names, labels)."""

    codes: tuple[str, ...] = ()
    and_codes: tuple[str, ...] = ()
    not_codes: tuple[str, ...] = ()
    overlap: bool = False
    near: int | None = None
    speakers: tuple[str, ...] = ()
    coders: tuple[str, ...] = ()
    where: tuple[tuple[str, str], ...] = ()

    @property
    def simple(self) -> bool:
        """One row per coding (no and/near): the passages are the codings themselves."""
        return not self.and_codes


@dataclass(frozen=True)
class Resolved:
    """A query with codes as sets of ids (sub-codes included): what `evaluate` needs."""

    codes: frozenset[int] | None  # None: every code
    and_codes: tuple[frozenset[int], ...] = ()
    not_codes: frozenset[int] = frozenset()
    overlap: bool = False
    near: int | None = None
    speakers: tuple[str, ...] = ()
    coders: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """A passage found: [start, end) of a document and the codings it comes from."""

    document_id: int
    start: int
    end: int
    codings: tuple[Coding, ...]  # those of `codes` first, then the others, by position
    speaker: str | None


@dataclass(frozen=True)
class Passage:
    """A match with what a reader needs: its text, document name, codes and attributes."""

    document_id: int
    document: str
    start: int
    end: int
    text: str
    speaker: str | None
    codings: tuple[Coding, ...]
    code_paths: tuple[str, ...]  # one per coding
    attributes: dict[str, AttributeValue] = field(default_factory=dict)

    @property
    def codes(self) -> list[str]:
        """The distinct code paths, in order."""
        return list(dict.fromkeys(self.code_paths))


# -- the pure part -------------------------------------------------------------------------


def _label(text: str) -> str:
    return " ".join(fold(text).split())


def evaluate(query: Resolved, codings: Iterable[Coding], texts: Mapping[int, str],
             turns: Mapping[int, Sequence[Turn]]) -> list[Match]:
    """The passages of `query` among `codings` (of the documents wanted), by document
    then position. `texts` is needed for `near`; `turns` for speakers."""
    by_doc: dict[int, list[Coding]] = {}
    for coding in codings:
        if query.coders and coding.coder not in query.coders:
            continue
        by_doc.setdefault(coding.document_id, []).append(coding)
    wanted = {_label(s) for s in query.speakers}
    out: list[Match] = []
    for doc_id in sorted(by_doc):
        these = sorted(by_doc[doc_id], key=lambda c: (c.start, c.end, c.id))
        text = texts.get(doc_id, "")
        doc_turns = turns.get(doc_id, ())
        for start, end, used in _document(query, these, text):
            i = turn_index(doc_turns, start)
            speaker = doc_turns[i].speaker if i >= 0 else None
            if wanted and _label(speaker or "") not in wanted:
                continue
            out.append(Match(doc_id, start, end, used, speaker))
    return out


def _in(coding: Coding, ids: frozenset[int] | None) -> bool:
    return ids is None or coding.code_id in ids


class _Gaps:
    """Words between two offsets of one text, counted by bisection over its words."""

    def __init__(self, text: str) -> None:
        spans = words(text)
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def words(self, lo: int, hi: int) -> int:
        """How many words lie wholly inside [lo, hi)."""
        first = bisect.bisect_left(self.starts, lo)
        last = bisect.bisect_right(self.ends, hi)
        return max(0, last - first)


def _document(query: Resolved, codings: list[Coding], text: str
              ) -> list[tuple[int, int, tuple[Coding, ...]]]:
    gaps = _Gaps(text) if query.near is not None else None
    base = [c for c in codings if _in(c, query.codes)]
    if query.not_codes:
        others = [c for c in codings if c.code_id in query.not_codes]
        limit = query.near if query.near is not None and not query.and_codes else None
        base = [c for c in base if not any(_close(c, o, gaps, limit) for o in others)]
    if not query.and_codes:
        return [(c.start, c.end, (c,)) for c in base]
    groups = [[c for c in codings if c.code_id in ids] for ids in query.and_codes]
    if query.near is not None:
        assert gaps is not None
        found = _near(base, groups, gaps, query.near)
    else:
        found = _shared(base, groups, codings if query.overlap else None)
    return _merge(found)


def _close(a: Coding, b: Coding, gaps: _Gaps | None, near: int | None) -> bool:
    """Do two codings share text (near None), or lie at most `near` words apart?"""
    if a.start < b.end and b.start < a.end:
        return True
    if near is None or gaps is None:
        return False
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    return gaps.words(lo, hi) <= near


def _shared(base: list[Coding], groups: list[list[Coding]], whole: list[Coding] | None
            ) -> list[tuple[int, int, tuple[Coding, ...]]]:
    """Runs of text covered by a coding of `base` and one of each group; with `whole`,
    widened to the codings that share the run."""
    runs = _union(base)
    for group in groups:
        runs = _intersect(runs, _union(group))
    found = []
    members = base + [c for g in groups for c in g]
    for start, end in runs:
        used = tuple(dict.fromkeys(c for c in members if c.start < end and start < c.end))
        if whole is not None:
            start = min(c.start for c in used)
            end = max(c.end for c in used)
        found.append((start, end, used))
    return found


def _near(base: list[Coding], groups: list[list[Coding]], gaps: _Gaps, near: int
          ) -> list[tuple[int, int, tuple[Coding, ...]]]:
    found = []
    for a in base:
        partners = []
        for group in groups:
            close = [b for b in group if b is not a and _close(a, b, gaps, near)]
            if not close:
                break
            partners.extend(close)
        else:
            used = (a, *partners)
            found.append((min(c.start for c in used), max(c.end for c in used), used))
    return found


def _union(codings: Iterable[Coding]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted((c.start, c.end) for c in codings):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _intersect(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _merge(found: list[tuple[int, int, tuple[Coding, ...]]]
           ) -> list[tuple[int, int, tuple[Coding, ...]]]:
    """Passages that overlap or touch become one, with the codings of both."""
    out: list[tuple[int, int, tuple[Coding, ...]]] = []
    for start, end, used in sorted(found, key=lambda f: (f[0], f[1])):
        if out and start <= out[-1][1]:
            last = out[-1]
            out[-1] = (last[0], max(last[1], end), tuple(dict.fromkeys(last[2] + used)))
        else:
            out.append((start, end, used))
    return out


# -- over a project --------------------------------------------------------------------------


def resolve(project: Project, query: CodingQuery) -> Resolved:
    """The query's codes as id sets (with sub-codes); a clear error for what is wrong."""
    if (query.and_codes or query.not_codes or query.overlap or query.near is not None) \
            and not query.codes:
        raise UserError(_("--and, --not, --overlap and --near need --code: name the code "
                          "whose passages you want, e.g. --code A --and B."))
    if query.overlap and not query.and_codes:
        raise UserError(_("--overlap widens the text shared with the --and codes: give "
                          "--and CODE too."))
    if query.near is not None and query.near < 0:
        raise UserError(_("--near takes a number of words, 0 or more (got {n}).").format(
            n=query.near))
    if query.near is not None and not (query.and_codes or query.not_codes):
        raise UserError(_("--near N says how close the --and (or --not) codes must be: give "
                          "--and CODE or --not CODE too."))

    def ids(ref: str) -> frozenset[int]:
        return frozenset(project.descendants(project.code(ref).id))

    and_codes = tuple(ids(r) for r in query.and_codes)
    not_codes = frozenset[int]().union(*(ids(r) for r in query.not_codes))
    codes = None
    if query.codes:  # a sub-code named by --and or --not does not count for --code too
        codes = frozenset[int]().union(*(ids(r) for r in query.codes)) - not_codes
        codes = codes.difference(*and_codes)
    return Resolved(
        codes=codes, and_codes=and_codes, not_codes=not_codes,
        overlap=query.overlap, near=query.near, speakers=query.speakers,
        coders=query.coders)


def run_query(project: Project, query: CodingQuery) -> list[Passage]:
    """The passages of a query over the project, in corpus order."""
    resolved = resolve(project, query)
    documents = {d.id: d for d in project.documents()}
    attrs = project.attributes()
    keep = set(attribute_filter.select(attrs, query.where, project.attribute_keys(),
                                       documents))
    involved = None
    if resolved.codes is not None:
        involved = set(resolved.codes) | set(resolved.not_codes)
        for group in resolved.and_codes:
            involved |= group
    codings = [c for c in project.codings(code_ids=involved) if c.document_id in keep]
    doc_ids = {c.document_id for c in codings}
    texts = {i: project.text(i) for i in doc_ids}
    turns = {i: project.turns(i) for i in doc_ids}
    matches = evaluate(resolved, codings, texts, turns)
    matches.sort(key=lambda m: (documents[m.document_id].position, m.start, m.end))
    paths = {c.id: project.code_path(c.id) for c in project.codes()}
    return [Passage(m.document_id, documents[m.document_id].name, m.start, m.end,
                    texts[m.document_id][m.start:m.end], m.speaker, m.codings,
                    tuple(paths[c.code_id] for c in m.codings),
                    attrs.get(m.document_id, {}))
            for m in matches]
