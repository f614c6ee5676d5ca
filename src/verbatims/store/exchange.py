"""Storing a project read from REFI-QDA: documents, codes, codings and memos.

Everything is read and checked before this runs. Documents and the code tree
go through the ordinary store methods; codings and memos are written with their
original coder, author and time, which the interactive methods (that stamp "now")
cannot do. The whole import is one transaction and one undo step (qdpx.import).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, select

from verbatims.errors import UserError
from verbatims.i18n import N_
from verbatims.model.entities import NewDocument
from verbatims.store import history
from verbatims.store import schema as s
from verbatims.store.convert import now
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


@dataclass(frozen=True)
class MemoRow:
    kind: str
    target: str | None  # document key or code guid
    text: str
    author: str
    updated_at: str | None


def _stamp(value: str | None) -> str:
    if value:
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
            return value
        except ValueError:
            pass
    return now()


def check_new(project: Project, documents: dict[str, NewDocument], where: str) -> None:
    """Refuse, before writing, documents whose text the project already holds."""
    with project.read() as conn:
        stored = dict(conn.execute(select(s.documents.c.sha256, s.documents.c.name)).all())
    for doc in documents.values():
        digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        if digest in stored:
            raise UserError(f"The document {doc.name!r} of {where} is already in this project "
                            f"(as {stored[digest]!r}); import into a new project with "
                            "--project NEW.sqlite.")


def store(project: Project, documents: dict[str, NewDocument], codes: list[dict[str, Any]],
          codings: Sequence[CodingRow], memos: Sequence[MemoRow], coder: str = ""
          ) -> dict[str, int]:
    """Documents, codes, codings and memos in one transaction: all of it or nothing, and
    one undo step."""
    keys = list(documents)
    with history.step(project, "qdpx.import", coder) as conn:
        added = project.insert_documents(conn, [documents[k] for k in keys], coder=coder)
        doc_ids = {k: d.id for k, d in zip(keys, added, strict=True)}
        merge = project.insert_codebook(conn, codes, coder)
        code_ids: dict[str, int] = {}

        def resolve(nodes: list[dict[str, Any]], path: tuple[str, ...]) -> None:
            for node in nodes:
                key = (*path, str(node["name"]).strip())
                if node.get("guid"):
                    code_ids[str(node["guid"])] = merge.ids[key]
                resolve(node.get("codes") or [], key)

        resolve(codes, ())
        rows = [{"document_id": doc_ids[c.document], "code_id": code_ids[c.code],
                 "start": c.start, "end": c.end, "coder": c.coder, "memo": c.memo,
                 "created_at": _stamp(c.created_at)}
                for c in codings if c.document in doc_ids and c.code in code_ids]
        for row in rows:
            history.perform(conn, "coding.add", row, coder)
        merged: dict[tuple[str, int | None], MemoRow] = {}
        for memo in memos:
            target = (doc_ids.get(memo.target or "") if memo.kind == "document"
                      else code_ids.get(memo.target or "") if memo.kind == "code" else None)
            key = (memo.kind, target)
            if key in merged:  # one memo per target in verbatims: join them
                first = merged[key]
                merged[key] = MemoRow(first.kind, first.target,
                                      f"{first.text}\n\n{memo.text}", first.author,
                                      first.updated_at)
            else:
                merged[key] = memo
        for (kind, target), memo in merged.items():
            stamp = _stamp(memo.updated_at)
            cond = and_(s.memos.c.kind == kind, s.memos.c.target_id.is_(None) if target is None
                        else s.memos.c.target_id == target)
            existing = conn.execute(select(s.memos.c.text, s.memos.c.author,
                                           s.memos.c.created_at).where(cond)).first()
            after = {"text": memo.text, "author": memo.author, "created_at": stamp,
                     "updated_at": stamp}
            if existing is not None:  # the project already has one: add to it
                after = {"text": f"{existing[0]}\n\n{memo.text}", "author": existing[1],
                         "created_at": existing[2], "updated_at": stamp}
            history.perform(conn, "memo.set", {
                "kind": kind, "target_id": target, "after": after,
                "document_id": target if kind == "document" else None}, coder)
    project._code_cache = None
    return {"documents": len(added), "codings": len(rows), "memos": len(merged)}


history.register_group("qdpx.import", N_("REFI-QDA import"),
                       N_("REFI-QDA import ({n} documents)"), counts="document.add")
