"""Counts over codings: frequencies, coverage, by attribute, co-occurrence, saturation.

Coverage is the share of the text's characters that a code covers, overlapping
extracts of one code counted once. Everything returns a pandas DataFrame.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain

import pandas as pd

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.model.entities import Coding
from verbatims.store import Project
from verbatims.where import known_key, select
from verbatims.where import text_of as _text

NO_VALUE = N_("(no value)")


def select_documents(project: Project, where: Sequence[tuple[str, str]]) -> list[int]:
    """Ids of the documents matching every ATTR=VALUE (one attribute twice: either value),
    compared as `verbatims.where` says: case, accents and inclusive forms aside."""
    docs = [d.id for d in project.documents()]
    if not where:
        return docs
    out = select(project.attributes(), where, project.attribute_keys(), docs)
    if not out:
        shown = " and ".join(f"{k}={v}" for k, v in where)
        raise UserError(_("No document has {shown}; `verbatims documents` shows the "
                          "attributes.").format(shown=shown))
    return out


def _union_length(spans: Iterable[tuple[int, int]]) -> int:
    total = 0
    end = -1
    for a, b in sorted(spans):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


def _codings(project: Project, document_ids: Sequence[int],
             every: Sequence[Coding] | None = None) -> list[Coding]:
    """The codings of these documents, from `every` coding when the caller read them
    already (four tables of one `stats` read them once)."""
    keep = set(document_ids)
    return [c for c in (project.codings() if every is None else every)
            if c.document_id in keep]


def code_summary(project: Project, document_ids: Sequence[int],
                 codings: Sequence[Coding] | None = None) -> pd.DataFrame:
    """One row per code (tree order): codings, documents, coded characters, coverage."""
    docs = {d.id: d for d in project.documents() if d.id in set(document_ids)}
    total_chars = sum(d.char_count for d in docs.values()) or 1
    spans: dict[int, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for c in _codings(project, document_ids, codings):
        spans[c.code_id][c.document_id].append((c.start, c.end))
    codes = project.codes()
    by_id = {c.id: c for c in codes}
    rows = []
    for code in codes:
        theme = code
        while theme.parent_id is not None:
            theme = by_id[theme.parent_id]
        per_doc = spans.get(code.id, {})
        coded = sum(_union_length(s) for s in per_doc.values())
        rows.append({
            "code": project.code_path(code.id), "name": code.name, "theme": theme.name,
            "color": code.color, "codings": sum(len(s) for s in per_doc.values()),
            "documents": len(per_doc), "coded_chars": coded,
            "coverage": round(coded / total_chars, 6),
        })
    return pd.DataFrame(rows, columns=["code", "name", "theme", "color", "codings", "documents",
                                       "coded_chars", "coverage"])


def by_attribute(project: Project, attribute: str, document_ids: Sequence[int],
                 codings: Sequence[Coding] | None = None) -> pd.DataFrame:
    """Per code and attribute value: codings, documents, coverage within that value's text."""
    attribute = known_key(attribute, project.attribute_keys())  # "Genre" is genre
    attrs = project.attributes()
    docs = {d.id: d for d in project.documents() if d.id in set(document_ids)}
    group = {i: _text(attrs.get(i, {}).get(attribute)) or _(NO_VALUE) for i in docs}
    chars: dict[str, int] = defaultdict(int)
    ndocs: dict[str, int] = defaultdict(int)
    for i, d in docs.items():
        chars[group[i]] += d.char_count
        ndocs[group[i]] += 1
    spans: dict[tuple[int, str], dict[int, list[tuple[int, int]]]] = defaultdict(
        lambda: defaultdict(list))
    for c in _codings(project, document_ids, codings):
        spans[(c.code_id, group[c.document_id])][c.document_id].append((c.start, c.end))
    rows = []
    for code in project.codes():
        path = project.code_path(code.id)
        for value in sorted(chars):
            per_doc = spans.get((code.id, value), {})
            coded = sum(_union_length(s) for s in per_doc.values())
            rows.append({"code": path, attribute: value, "group_documents": ndocs[value],
                         "codings": sum(len(s) for s in per_doc.values()),
                         "documents": len(per_doc),
                         "coverage": round(coded / (chars[value] or 1), 6)})
    return pd.DataFrame(rows, columns=["code", attribute, "group_documents", "codings",
                                       "documents", "coverage"])


def crosstab(project: Project, attribute: str, document_ids: Sequence[int],
             codings: Sequence[Coding] | None = None) -> pd.DataFrame:
    """Codes × values of `attribute`: how many interviews of each value use the code.

    Interviews, not codings: a count that does not grow with how finely a passage was
    coded. The columns are the values (documents without one last, as "(no value)"),
    then "total"; `attrs["sizes"]` holds how many interviews each value has.
    """
    attribute = known_key(attribute, project.attribute_keys())
    attrs = project.attributes()
    keep = set(document_ids)
    group = {i: _text(attrs.get(i, {}).get(attribute)) for i in keep}
    values = sorted({v for v in group.values() if v}, key=str.casefold)
    if any(not v for v in group.values()):
        values.append("")
    seen: dict[int, set[int]] = defaultdict(set)
    for c in _codings(project, document_ids, codings):
        seen[c.code_id].add(c.document_id)
    rows = []
    for code in project.codes():
        docs = seen.get(code.id, set())
        counts = [sum(1 for d in docs if group[d] == v) for v in values]
        rows.append([*counts, len(docs)])
    labels = [v or _(NO_VALUE) for v in values]
    frame = pd.DataFrame(rows, columns=[*labels, "total"],
                         index=pd.Index([project.code_path(c.id) for c in project.codes()],
                                        name="code"))
    frame.attrs["sizes"] = {**{label: sum(1 for d in keep if group[d] == v)
                               for label, v in zip(labels, values, strict=True)},
                            "total": len(keep)}
    return frame


def cooccurrence(project: Project, document_ids: Sequence[int],
                 codings: Sequence[Coding] | None = None) -> pd.DataFrame:
    """Codes × codes: how many extracts of the row code overlap an extract of the column code.

    The diagonal holds each code's number of codings.
    """
    codes = project.codes()
    paths = [project.code_path(c.id) for c in codes]
    index = {c.id: i for i, c in enumerate(codes)}
    matrix = [[0] * len(codes) for _ in codes]
    per_doc: dict[int, list[Coding]] = defaultdict(list)
    for c in _codings(project, document_ids, codings):
        per_doc[c.document_id].append(c)
    for items in per_doc.values():
        # A sweep in order of start: the extracts that may overlap `a` are those begun
        # before it and not yet ended (`open_`), and those beginning before it ends. Not
        # every pair of a document's extracts: 340,000 codings made that minutes.
        items.sort(key=lambda c: c.start)
        starts = [c.start for c in items]
        open_: list[Coding] = []
        for i, a in enumerate(items):
            matrix[index[a.code_id]][index[a.code_id]] += 1
            open_ = [b for b in open_ if b.end > a.start]
            later = items[i + 1:bisect_left(starts, a.end, lo=i + 1)]
            seen = {b.code_id for b in chain(open_, later)
                    if b.code_id != a.code_id and b.start < a.end and a.start < b.end}
            for code_id in seen:
                matrix[index[a.code_id]][index[code_id]] += 1
            open_.append(a)
    return pd.DataFrame(matrix, index=pd.Index(paths, name="code"), columns=paths)


def saturation(project: Project, document_ids: Sequence[int], order_by: str = "date",
               codings: Sequence[Coding] | None = None) -> pd.DataFrame:
    """New codes per interview in the order held (attribute `order_by`, else import order)."""
    attrs = project.attributes()
    docs = [d for d in project.documents() if d.id in set(document_ids)]

    def key(doc: object) -> tuple[int, str, int]:
        from verbatims.model.entities import Document

        assert isinstance(doc, Document)
        value = attrs.get(doc.id, {}).get(order_by)
        return (0, _text(value), doc.position) if value is not None else (1, "", doc.position)

    docs.sort(key=key)
    names = {c.id: project.code_path(c.id) for c in project.codes()}
    codes_of: dict[int, set[int]] = defaultdict(set)
    for c in _codings(project, document_ids, codings):
        codes_of[c.document_id].add(c.code_id)
    seen: set[int] = set()
    rows = []
    for rank, doc in enumerate(docs, start=1):
        here = codes_of.get(doc.id, set())
        new = sorted(here - seen, key=lambda i: names[i])
        seen |= here
        rows.append({"order": rank, "document": doc.name,
                     order_by: _text(attrs.get(doc.id, {}).get(order_by)),
                     "codes": len(here), "new_codes": len(new), "cumulative": len(seen),
                     "new": "; ".join(names[i] for i in new)})
    return pd.DataFrame(rows, columns=["order", "document", order_by, "codes", "new_codes",
                                       "cumulative", "new"])


def autocoded(project: Project, document_ids: Sequence[int],
              every: Sequence[Coding] | None = None) -> tuple[int, int]:
    """(codings that came from accepted auto-coding suggestions, all codings) in the documents.

    A caption says so: a saturation curve or a code map drawn from suggestions
    accepted wholesale says what the keywords found, not what a reader coded.
    """
    from verbatims.store.suggestions import suggestions

    codings = _codings(project, document_ids, every)
    ids = {c.id for c in codings}
    auto = {s.coding_id for s in suggestions(project, "accepted") if s.coding_id in ids}
    return len(auto), len(codings)
