"""Memos (project, document, code), summaries (document × code), and code edits.

Memos and summaries are written through the undo history (kinds memo.set and
summary.set): each logs the text before and after.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.model.entities import Memo
from verbatims.store import history
from verbatims.store import schema as s
from verbatims.store.codings import CodingStore
from verbatims.store.convert import now

MEMO_KINDS = ("project", "document", "code")


class NoteStore(CodingStore):
    # -- memos -----------------------------------------------------------------

    def set_memo(self, kind: str, target_id: int | None, text: str, author: str) -> None:
        """Write (or, with empty text, delete) the memo of the project, a document or a
        code; logged for undo. Writing the text it already has changes nothing."""
        if kind not in MEMO_KINDS:
            raise UserError(_("A memo belongs to {kinds}, not {kind!r}.").format(
                                kinds=', '.join(MEMO_KINDS), kind=kind))
        target = None if kind == "project" else target_id
        stamp = now()
        with self.write() as conn:
            before = _memo_state(conn, kind, target)
            if (before["text"] if before else "") == (text if text.strip() else ""):
                return
            after = None if not text.strip() else {
                "text": text, "author": author,
                "created_at": before["created_at"] if before else stamp, "updated_at": stamp}
            history.perform(conn, "memo.set", {
                "kind": kind, "target_id": target, "after": after,
                "document_id": target if kind == "document" else None}, author)

    def memos(self) -> list[Memo]:
        with self.read() as conn:
            rows = conn.execute(
                select(s.memos.c.id, s.memos.c.kind, s.memos.c.target_id, s.memos.c.text,
                       s.memos.c.author, s.memos.c.updated_at).order_by(s.memos.c.id)
            ).all()
        return [Memo(*row) for row in rows]

    def memo(self, kind: str, target_id: int | None = None) -> Memo | None:
        wanted = None if kind == "project" else target_id
        return next((m for m in self.memos() if m.kind == kind and m.target_id == wanted), None)

    # -- summaries ---------------------------------------------------------------

    def set_summary(self, document_id: int, code_id: int, text: str, author: str) -> bool:
        """The researcher's summary of what a document says about a code (the grid's cell).

        Empty text deletes it; logged for undo; returns whether there was one before.
        """
        with self.write() as conn:
            before = _summary_state(conn, document_id, code_id)
            if (before["text"] if before else "") != (text if text.strip() else ""):
                after = None if not text.strip() else {"text": text, "author": author,
                                                       "updated_at": now()}
                history.perform(conn, "summary.set", {
                    "document_id": document_id, "code_id": code_id, "after": after}, author)
        return before is not None

    def summaries(self) -> dict[tuple[int, int], str]:
        with self.read() as conn:
            rows = conn.execute(select(s.summaries.c.document_id, s.summaries.c.code_id,
                                       s.summaries.c.text)).all()
        return {(int(r[0]), int(r[1])): str(r[2]) for r in rows}

    def summary_notes(self) -> dict[tuple[int, int], tuple[str, str, str]]:
        """(document, code) → (text, author, when updated): what an exchange carries."""
        c = s.summaries.c
        with self.read() as conn:
            rows = conn.execute(select(c.document_id, c.code_id, c.text, c.author,
                                       c.updated_at)).all()
        return {(int(r[0]), int(r[1])): (str(r[2]), str(r[3] or ""), str(r[4] or ""))
                for r in rows}

    # -- code edits ------------------------------------------------------------------

    def update_code(self, code_id: int, coder: str = "", **fields: object) -> None:
        """Change a code's name, color, definition, include, exclude or parent (logged
        for undo, by `coder`)."""
        columns = {"name": "name", "color": "color", "definition": "definition",
                   "include": "include_note", "exclude": "exclude_note",
                   "parent_id": "parent_id"}
        values = {}
        for key, value in fields.items():
            if key not in columns:
                raise ValueError(f"unknown code field {key}")
            values[columns[key]] = value
        if "parent_id" in fields and fields["parent_id"] is not None:
            if int(str(fields["parent_id"])) in self.descendants(code_id):
                raise UserError(_("A code cannot be moved under itself or one of its sub-codes."))
        with self.write() as conn:
            if "name" in values or "parent_id" in values:
                current = next(c for c in self.codes() if c.id == code_id)
                name = str(values.get("name", current.name)).strip()
                parent = values.get("parent_id", current.parent_id)
                clash = conn.execute(select(s.codes.c.id).where(and_(
                    s.codes.c.name == name, s.codes.c.id != code_id,
                    s.codes.c.parent_id.is_(None) if parent is None
                    else s.codes.c.parent_id == parent))).scalar_one_or_none()
                if not name:
                    raise UserError(_("A code needs a name."))
                if clash is not None:
                    raise UserError(_("A code named {name!r} already exists there; merge them "
                                      "instead or pick another name.").format(name=name))
                values["name"] = name
            history.perform(conn, "code.update", {"id": code_id, "after": values}, coder)
        self._code_cache = None

    def merge_code(self, source_id: int, target_id: int) -> int:
        """Move the codings and sub-codes of `source` to `target`, then delete `source`."""
        if target_id in self.descendants(source_id):
            raise UserError(_("A code cannot be merged into itself or one of its sub-codes."))
        with self.write() as conn:
            moved = conn.execute(update(s.codings).where(s.codings.c.code_id == source_id)
                                 .values(code_id=target_id)).rowcount
            conn.execute(update(s.codes).where(s.codes.c.parent_id == source_id)
                         .values(parent_id=target_id))
            conn.execute(delete(s.codes).where(s.codes.c.id == source_id))
        self._code_cache = None
        return int(moved or 0)

    def delete_code(self, code_id: int) -> None:
        """Delete a code with its sub-codes and their codings."""
        with self.write() as conn:
            conn.execute(delete(s.codes).where(s.codes.c.id == code_id))
        self._code_cache = None


# -- the kinds memo.set and summary.set (see store/history.py) --------------------------


def _memo_cond(kind: str, target: int | None) -> Any:
    return and_(s.memos.c.kind == kind, s.memos.c.target_id.is_(None) if target is None
                else s.memos.c.target_id == target)


def _memo_state(conn: Connection, kind: str, target: int | None) -> dict[str, Any] | None:
    found = conn.execute(select(s.memos.c.text, s.memos.c.author, s.memos.c.created_at,
                                s.memos.c.updated_at).where(_memo_cond(kind, target))).first()
    return None if found is None else dict(found._mapping)


def _memo_put(conn: Connection, p: history.Payload, state: dict[str, Any] | None
              ) -> history.Payload:
    kind, target = p["kind"], p["target_id"]
    before = _memo_state(conn, kind, target)
    cond = _memo_cond(kind, target)
    table = {"document": s.documents, "code": s.codes}.get(kind)
    if state is not None and table is not None and conn.execute(
            select(table.c.id).where(table.c.id == target)).first() is None:
        raise history.Gone(_("its document or its code was removed."))
    if state is None:
        conn.execute(delete(s.memos).where(cond))
    elif before is None:
        conn.execute(insert(s.memos).values(kind=kind, target_id=target, **state))
    else:
        conn.execute(update(s.memos).where(cond).values(**state))
    return {**p, "before": before}


def _summary_state(conn: Connection, document_id: int, code_id: int) -> dict[str, Any] | None:
    found = conn.execute(select(s.summaries.c.text, s.summaries.c.author,
                                s.summaries.c.updated_at)
                         .where(_summary_cond(document_id, code_id))).first()
    return None if found is None else dict(found._mapping)


def _summary_cond(document_id: int, code_id: int) -> Any:
    return and_(s.summaries.c.document_id == document_id, s.summaries.c.code_id == code_id)


def _summary_put(conn: Connection, p: history.Payload, state: dict[str, Any] | None
                 ) -> history.Payload:
    before = _summary_state(conn, p["document_id"], p["code_id"])
    conn.execute(delete(s.summaries).where(_summary_cond(p["document_id"], p["code_id"])))
    if state is not None:
        exists = [conn.execute(select(t.c.id).where(t.c.id == i)).first()
                  for t, i in ((s.documents, p["document_id"]), (s.codes, p["code_id"]))]
        if not all(exists):
            raise history.Gone(_("its document or its code was removed."))
        conn.execute(insert(s.summaries).values(document_id=p["document_id"],
                                                code_id=p["code_id"], **state))
    return {**p, "before": before}


def _memo_do(conn: Connection, p: history.Payload) -> history.Payload:
    return _memo_put(conn, p, p["after"])


def _memo_undo(conn: Connection, p: history.Payload) -> None:
    _memo_put(conn, p, p["before"])


def _summary_do(conn: Connection, p: history.Payload) -> history.Payload:
    return _summary_put(conn, p, p["after"])


def _summary_undo(conn: Connection, p: history.Payload) -> None:
    _summary_put(conn, p, p["before"])


history.register("memo.set", N_("memo"), _memo_do, _memo_undo)
history.register("summary.set", N_("summary"), _summary_do, _summary_undo)
