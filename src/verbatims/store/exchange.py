"""Storing a project read from REFI-QDA: documents, codes, codings, memos, annotations,
summaries.

Everything is read and checked before this runs. The import merges into what the
project holds, so that importing a `.qdpx` twice, or one's own export, changes
nothing and loses nothing:

- a document whose text the project already holds (control characters aside) is
  that document: its attributes take the values the file brings, nothing else;
- codes merge as a codebook does (`insert_codebook`): values the file brings,
  the project's kept for the rest;
- a coding, annotation, memo or summary the project already has is not added
  twice; a memo or summary the file brings for a target that has one is joined
  after it, never in its place.

Codings and memos keep their original coder, author and time, which the
interactive methods (that stamp "now") cannot do. The whole import is one
transaction and one undo step (qdpx.import).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, select

from verbatims import controls
from verbatims.i18n import N_
from verbatims.model.entities import NewDocument
from verbatims.store import history
from verbatims.store import schema as s
from verbatims.store.codes import MergeReport
from verbatims.store.convert import infer, now
from verbatims.store.project import Project


@dataclass(frozen=True)
class CodingRow:
    document: str  # key in `documents`
    code: str  # code guid
    start: int
    end: int
    coder: str
    created_at: str | None
    memo: str | None
    selected_by: str | None = None


@dataclass(frozen=True)
class MemoRow:
    kind: str
    target: str | None  # document key or code guid
    text: str
    author: str
    updated_at: str | None


@dataclass(frozen=True)
class AnnotationRow:
    document: str  # key in `documents`
    start: int
    end: int
    text: str
    author: str
    created_at: str | None


@dataclass(frozen=True)
class SummaryRow:
    """A grid summary (document × code), as verbatims.json carries it."""

    document: str  # key in `documents`
    code: str  # code guid
    text: str
    author: str
    updated_at: str | None


@dataclass
class ImportReport:
    """What an import added, and what it found already there."""

    documents: int = 0  # added
    known_documents: list[str] = field(default_factory=list)  # names of those already there
    attributes: int = 0  # attribute values set on known documents
    codings: int = 0
    known_codings: int = 0
    memos: int = 0
    annotations: int = 0
    summaries: int = 0
    codes: MergeReport = field(default_factory=MergeReport)

    def changed(self) -> bool:
        return bool(self.documents or self.attributes or self.codings or self.memos
                    or self.annotations or self.summaries or self.codes.added
                    or self.codes.updated)


def _stamp(value: str | None) -> str:
    if value:
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
            return value
        except ValueError:
            pass
    return now()


def digest(text: str) -> str:
    """How a document is recognised: its text, control characters replaced as an import
    replaces them (so a project made before that rule recognises its own export)."""
    return hashlib.sha256(controls.replace(text)[0].encode("utf-8")).hexdigest()


def store(project: Project, documents: dict[str, NewDocument], codes: list[dict[str, Any]],
          codings: Sequence[CodingRow], memos: Sequence[MemoRow],
          annotations: Sequence[AnnotationRow] = (), coder: str = "",
          codebook: tuple[str, str] = ("", ""),
          summaries: Sequence[SummaryRow] = ()) -> ImportReport:
    """Documents, codes, codings, memos, annotations and summaries merged in one
    transaction: all of it or nothing, and one undo step (none when nothing changed)."""
    report = ImportReport()
    with history.step(project, "qdpx.import", coder) as conn:
        known = {digest(text): int(doc_id) for doc_id, text in conn.execute(
            select(s.documents.c.id, s.documents.c.text)).all()}
        doc_ids: dict[str, int] = {}
        new_keys: list[str] = []
        for key, doc in documents.items():
            found = known.get(digest(doc.text))
            if found is None:
                new_keys.append(key)
                continue
            doc_ids[key] = found
            report.known_documents.append(doc.name)
            report.attributes += _merge_attributes(project, conn, found, doc.attributes)
        added = project.insert_documents(conn, [documents[k] for k in new_keys], coder=coder)
        report.documents = len(added)
        doc_ids.update({k: d.id for k, d in zip(new_keys, added, strict=True)})
        merge = project.insert_codebook(conn, codes, coder)
        report.codes = merge
        code_ids: dict[str, int] = {}

        def resolve(nodes: list[dict[str, Any]], path: tuple[str, ...]) -> None:
            for node in nodes:
                key = (*path, str(node["name"]).strip())
                if node.get("guid"):
                    code_ids[str(node["guid"])] = merge.ids[key]
                resolve(node.get("codes") or [], key)

        resolve(codes, ())
        for key, value in zip(("codebook_name", "codebook_description"), codebook,
                              strict=True):
            if value.strip() and not conn.execute(
                    select(s.meta.c.value).where(s.meta.c.key == key)).scalar():
                history.perform(conn, "meta.set", {"key": key, "after": value.strip()}, coder)
        present = {(r.document_id, r.code_id, r.start, r.end, r.coder) for r in conn.execute(
            select(s.codings.c.document_id, s.codings.c.code_id, s.codings.c.start,
                   s.codings.c.end, s.codings.c.coder))}
        for c in codings:
            if c.document not in doc_ids or c.code not in code_ids:
                continue
            row = {"document_id": doc_ids[c.document], "code_id": code_ids[c.code],
                   "start": c.start, "end": c.end, "coder": c.coder, "memo": c.memo,
                   "created_at": _stamp(c.created_at),
                   "selected_by": c.selected_by if c.selected_by != c.coder else None}
            identity = (doc_ids[c.document], code_ids[c.code], c.start, c.end, c.coder)
            if identity in present:
                report.known_codings += 1
                continue
            present.add(identity)
            history.perform(conn, "coding.add", row, coder)
            report.codings += 1
        noted = {(r.document_id, r.start, r.end, r.text.strip()) for r in conn.execute(
            select(s.annotations.c.document_id, s.annotations.c.start, s.annotations.c.end,
                   s.annotations.c.text))}
        for a in annotations:
            if a.document not in doc_ids:
                continue
            spot = (doc_ids[a.document], a.start, a.end, a.text.strip())  # outer spaces
            if spot in noted:
                continue
            noted.add(spot)
            history.perform(conn, "annotation.add", {
                "document_id": spot[0], "start": a.start, "end": a.end, "text": a.text,
                "author": a.author, "created_at": _stamp(a.created_at)}, coder)
            report.annotations += 1
        report.memos = _merge_memos(conn, memos, doc_ids, code_ids, coder)
        report.summaries = _merge_summaries(conn, summaries, doc_ids, code_ids, coder)
    project._code_cache = None
    return report


def _merge_attributes(project: Project, conn: Any, doc_id: int,
                      values: dict[str, Any]) -> int:
    """Attribute values of a document already there that the file brings anew."""
    current = {k: v for k, v in conn.execute(
        select(s.attributes.c.key, s.attributes.c.value)
        .where(s.attributes.c.document_id == doc_id)).all()}
    changed = {k: v for k, v in values.items() if current.get(k) != infer(v)[0]}
    if changed:
        history.perform(conn, "attributes.set", {"document_id": doc_id, "after": changed},
                        "")
    return len(changed)


def _merge_memos(conn: Any, memos: Sequence[MemoRow], doc_ids: dict[str, int],
                 code_ids: dict[str, int], coder: str) -> int:
    """One memo per target in verbatims: the file's are joined to it, unless there."""
    merged: dict[tuple[str, int | None], MemoRow] = {}
    for memo in memos:
        target = (doc_ids.get(memo.target or "") if memo.kind == "document"
                  else code_ids.get(memo.target or "") if memo.kind == "code" else None)
        key = (memo.kind, target)
        if key in merged:
            first = merged[key]
            if memo.text not in first.text:
                merged[key] = MemoRow(first.kind, first.target, f"{first.text}\n\n{memo.text}",
                                      first.author, first.updated_at)
        else:
            merged[key] = memo
    changed = 0
    for (kind, target), memo in merged.items():
        stamp = _stamp(memo.updated_at)
        cond = and_(s.memos.c.kind == kind, s.memos.c.target_id.is_(None) if target is None
                    else s.memos.c.target_id == target)
        existing = conn.execute(select(s.memos.c.text, s.memos.c.author,
                                       s.memos.c.created_at).where(cond)).first()
        after = {"text": memo.text, "author": memo.author, "created_at": stamp,
                 "updated_at": stamp}
        if existing is not None:
            if memo.text.strip() in str(existing[0]):
                continue  # already there (an export of this project, imported back)
            after = {"text": f"{existing[0]}\n\n{memo.text}", "author": existing[1],
                     "created_at": existing[2], "updated_at": stamp}
        history.perform(conn, "memo.set", {
            "kind": kind, "target_id": target, "after": after,
            "document_id": target if kind == "document" else None}, coder)
        changed += 1
    return changed


def _merge_summaries(conn: Any, summaries: Sequence[SummaryRow], doc_ids: dict[str, int],
                     code_ids: dict[str, int], coder: str) -> int:
    """A summary the cell lacks is set; one it holds already is left; another is joined
    after the project's (a summary is never replaced by an import)."""
    changed = 0
    for summary in summaries:
        if summary.document not in doc_ids or summary.code not in code_ids:
            continue
        doc_id, code_id = doc_ids[summary.document], code_ids[summary.code]
        existing = conn.execute(select(s.summaries.c.text, s.summaries.c.author).where(and_(
            s.summaries.c.document_id == doc_id, s.summaries.c.code_id == code_id))).first()
        stamp = _stamp(summary.updated_at)
        after = {"text": summary.text, "author": summary.author, "updated_at": stamp}
        if existing is not None:
            if summary.text.strip() in str(existing[0]):
                continue
            after = {"text": f"{existing[0]}\n\n{summary.text}", "author": existing[1],
                     "updated_at": stamp}
        history.perform(conn, "summary.set", {"document_id": doc_id, "code_id": code_id,
                                              "after": after}, coder)
        changed += 1
    return changed


history.register_group("qdpx.import", N_("REFI-QDA import"),
                       N_("REFI-QDA import ({n} documents)"), counts="document.add")
