"""Memos (project, document, code), summaries (document × code), and code edits."""

from __future__ import annotations

from sqlalchemy import and_, delete, insert, select, update

from verbatims.errors import UserError
from verbatims.model.entities import Memo
from verbatims.store import schema as s
from verbatims.store.codings import CodingStore
from verbatims.store.convert import now

MEMO_KINDS = ("project", "document", "code")


class NoteStore(CodingStore):
    # -- memos -----------------------------------------------------------------

    def set_memo(self, kind: str, target_id: int | None, text: str, author: str) -> None:
        """Write (or, with empty text, delete) the memo of the project, a document or a code."""
        if kind not in MEMO_KINDS:
            raise UserError(f"A memo belongs to {', '.join(MEMO_KINDS)}, not {kind!r}.")
        target = None if kind == "project" else target_id
        cond = and_(s.memos.c.kind == kind,
                    s.memos.c.target_id.is_(None) if target is None
                    else s.memos.c.target_id == target)
        stamp = now()
        with self.write() as conn:
            existing = conn.execute(select(s.memos.c.id).where(cond)).scalar_one_or_none()
            if not text.strip():
                conn.execute(delete(s.memos).where(cond))
            elif existing is None:
                conn.execute(insert(s.memos).values(kind=kind, target_id=target, text=text,
                                                    author=author, created_at=stamp,
                                                    updated_at=stamp))
            else:
                conn.execute(update(s.memos).where(s.memos.c.id == existing)
                             .values(text=text, author=author, updated_at=stamp))

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

        Empty text deletes it; returns whether there was one before.
        """
        cond = and_(s.summaries.c.document_id == document_id, s.summaries.c.code_id == code_id)
        with self.write() as conn:
            existed = conn.execute(delete(s.summaries).where(cond)).rowcount > 0
            if text.strip():
                conn.execute(insert(s.summaries).values(document_id=document_id,
                                                        code_id=code_id, text=text,
                                                        author=author, updated_at=now()))
        return existed

    def summaries(self) -> dict[tuple[int, int], str]:
        with self.read() as conn:
            rows = conn.execute(select(s.summaries.c.document_id, s.summaries.c.code_id,
                                       s.summaries.c.text)).all()
        return {(int(r[0]), int(r[1])): str(r[2]) for r in rows}

    # -- code edits ------------------------------------------------------------------

    def update_code(self, code_id: int, **fields: object) -> None:
        """Change a code's name, color, definition, include, exclude or parent."""
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
                raise UserError("A code cannot be moved under itself or one of its sub-codes.")
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
                    raise UserError("A code needs a name.")
                if clash is not None:
                    raise UserError(f"A code named {name!r} already exists there; "
                                    "merge them instead or pick another name.")
                values["name"] = name
            conn.execute(update(s.codes).where(s.codes.c.id == code_id).values(**values))
        self._code_cache = None

    def merge_code(self, source_id: int, target_id: int) -> int:
        """Move the codings and sub-codes of `source` to `target`, then delete `source`."""
        if target_id in self.descendants(source_id):
            raise UserError("A code cannot be merged into itself or one of its sub-codes.")
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

    # -- coding edits ------------------------------------------------------------------

    def update_coding(self, coding_id: int, **fields: object) -> None:
        """Change a coding's code, span, memo or coder."""
        allowed = {"code_id", "start", "end", "memo", "coder"}
        bad = set(fields) - allowed
        if bad:
            raise ValueError(f"unknown coding fields {bad}")
        with self.write() as conn:
            conn.execute(update(s.codings).where(s.codings.c.id == coding_id).values(**fields))
