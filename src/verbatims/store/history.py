"""Coding actions with an undo/redo log that survives restarts.

Each function performs one coding action on the project and records it in the
`history` table in the same write transaction, so what the UI shows after the
call is on disk, and undo knows exactly what to reverse. The log is linear per
coder: undone actions stay in the table (``undone = 1``) until a new action by the
same coder discards them, which is the usual editor behaviour. On a team project
each coder undoes their own actions: Alice's undo never takes back Bob's coding,
and Bob coding meanwhile never drops what Alice can redo.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.model.entities import Coding
from verbatims.model.spans import check_span
from verbatims.store import schema as s
from verbatims.store.base import keep_id_sequence_past
from verbatims.store.convert import now
from verbatims.store.project import Project

KINDS = ("add", "delete", "recode", "memo", "invivo")
_CODING_COLUMNS = ("document_id", "code_id", "start", "end", "coder", "memo", "created_at")


@dataclass(frozen=True)
class Action:
    """One logged coding action, as undo and redo report it to the caller."""

    id: int
    kind: str
    coding_id: int
    document_id: int
    payload: dict[str, Any]

    def describe(self) -> str:
        return {"add": "coding", "delete": "removal of a coding", "recode": "change of code",
                "memo": "coding memo", "invivo": "in-vivo coding"}[self.kind]


# -- actions ---------------------------------------------------------------------------


def _check_document(project: Project, document_id: int, start: int, end: int) -> None:
    with project.read() as conn:
        _check_span_on(conn, document_id, start, end)


def _check_span_on(conn: Connection, document_id: int, start: int, end: int) -> None:
    """The span fits the document: one row read, in the caller's transaction (this is
    the hot path of coding: on a server, one round trip less than a read of its own)."""
    found = conn.execute(select(s.documents.c.name, s.documents.c.char_count)
                         .where(s.documents.c.id == document_id)).first()
    if found is None:
        raise UserError(f"No document {document_id} in this project; it may have been "
                        "removed by another session.")
    check_span(start, end, int(found[1]), f"the document {found[0]!r}")


def add_coding(project: Project, document_id: int, start: int, end: int, code_id: int,
               coder: str, memo: str | None = None) -> Coding:
    """Code [start, end) of a document, logged for undo."""
    project.code(code_id)
    created = now()
    row: dict[str, Any] = {"document_id": document_id, "code_id": code_id, "start": start,
                           "end": end, "coder": coder, "memo": memo or None,
                           "created_at": created}
    try:
        with project.write() as conn:
            _check_span_on(conn, document_id, start, end)
            coding_id = int(conn.execute(
                insert(s.codings).values(**row).returning(s.codings.c.id)).scalar_one())
            record(conn, "add", coding_id, row, coder)
    except IntegrityError:  # a colleague deleted the code or the document meanwhile
        project._code_cache = None
        raise UserError(_("This code or this document no longer exists (deleted by someone "
                          "else meanwhile?), so nothing was coded; the view has been "
                          "refreshed.")) from None
    return Coding(coding_id, document_id, code_id, start, end, coder, memo or None, created)


def add_in_vivo(project: Project, document_id: int, start: int, end: int, name: str,
                color: str, coder: str) -> Coding:
    """Make a top-level code of the selected words and code them with it: one action,
    so undo takes back both the coding and the code it created."""
    _check_document(project, document_id, start, end)
    created = now()
    with project.write() as conn:
        code_id = project._insert_code(conn, name, None, color, "In-vivo code.", "", "", [],
                                       [], [])
        code_row = dict(conn.execute(select(s.codes).where(s.codes.c.id == code_id))
                        .one()._mapping)
        row: dict[str, Any] = {"document_id": document_id, "code_id": code_id, "start": start,
                               "end": end, "coder": coder, "memo": None,
                               "created_at": created}
        coding_id = int(conn.execute(
            insert(s.codings).values(**row).returning(s.codings.c.id)).scalar_one())
        record(conn, "invivo", coding_id, {**row, "code": code_row}, coder)
    project._code_cache = None
    return Coding(coding_id, document_id, code_id, start, end, coder, None, created)


def delete_coding(project: Project, coding_id: int, coder: str) -> None:
    """Remove a coding, logged for undo (the whole row is kept in the log)."""
    with project.write() as conn:
        row = _coding_row(conn, coding_id)
        conn.execute(delete(s.codings).where(s.codings.c.id == coding_id))
        record(conn, "delete", coding_id, row, coder)


def change_code(project: Project, coding_id: int, code_id: int, coder: str) -> None:
    """Give an existing coding another code, logged for undo."""
    project.code(code_id)
    with project.write() as conn:
        row = _coding_row(conn, coding_id)
        conn.execute(update(s.codings).where(s.codings.c.id == coding_id)
                     .values(code_id=code_id))
        record(conn, "recode", coding_id,
                {"document_id": row["document_id"], "before": row["code_id"],
                 "after": code_id}, coder)


def set_coding_memo(project: Project, coding_id: int, memo: str, coder: str) -> None:
    """Attach (or with empty text, remove) the memo of a coding, logged for undo."""
    text = memo if memo.strip() else None
    with project.write() as conn:
        row = _coding_row(conn, coding_id)
        conn.execute(update(s.codings).where(s.codings.c.id == coding_id).values(memo=text))
        record(conn, "memo", coding_id,
                {"document_id": row["document_id"], "before": row["memo"], "after": text},
                coder)


# -- undo and redo -------------------------------------------------------------------------


def undo(project: Project, coder: str | None = None) -> Action | None:
    """Reverse the latest action not yet undone (by `coder`, when given: the workbench
    and the command line pass theirs); None when there is nothing to undo."""
    return _step(project, backwards=True, coder=coder)


def redo(project: Project, coder: str | None = None) -> Action | None:
    """Perform again the earliest undone action (by `coder`, when given); None when there
    is nothing to redo."""
    return _step(project, backwards=False, coder=coder)


def _step(project: Project, backwards: bool, coder: str | None) -> Action | None:
    """Undo (`backwards`) the latest action done, or redo the earliest undone."""
    order = s.history.c.id.desc() if backwards else s.history.c.id
    query = (select(s.history.c.id, s.history.c.kind, s.history.c.coding_id,
                    s.history.c.payload)
             .where(s.history.c.undone == (0 if backwards else 1)).order_by(order).limit(1))
    if coder is not None:
        query = query.where(s.history.c.coder == coder)
    with project.write() as conn:
        if conn.dialect.name != "sqlite":  # SQLite's BEGIN IMMEDIATE already serialises
            query = query.with_for_update()  # the same coder in two windows: one at a time
        found = conn.execute(query).first()
        if found is None:
            return None
        action = _action(found)
        done = _apply(conn, action, backwards=backwards)
        _mark(conn, action, undone=1 if backwards else 0, usable=done)
    if action.kind == "invivo":  # a code was removed or restored
        project._code_cache = None
    return _checked(action, done)


def pending(project: Project, coder: str | None = None) -> tuple[int, int]:
    """How many actions can be undone and redone (by `coder`, when given)."""
    query = select(s.history.c.undone)
    if coder is not None:
        query = query.where(s.history.c.coder == coder)
    with project.read() as conn:
        rows = conn.execute(query).scalars().all()
    undone = sum(1 for r in rows if r)
    return len(rows) - undone, undone


# -- internals -----------------------------------------------------------------------------


def record(conn: Connection, kind: str, coding_id: int, payload: dict[str, Any],
           coder: str) -> None:
    """Log an action performed on `conn` by another store module (same transaction).

    For "add" and "delete", `payload` is the coding row (document_id, code_id, start,
    end, coder, memo, created_at); a new action forgets what its coder had undone, so
    redo only replays an unbroken chain.
    """
    conn.execute(delete(s.history).where(s.history.c.undone == 1, s.history.c.coder == coder))
    conn.execute(insert(s.history).values(
        kind=kind, coding_id=coding_id, payload=json.dumps(payload, ensure_ascii=False),
        undone=0, coder=coder, created_at=now()))




def _coding_row(conn: Connection, coding_id: int) -> dict[str, Any]:
    found = conn.execute(
        select(*[s.codings.c[name] for name in _CODING_COLUMNS])
        .where(s.codings.c.id == coding_id)
    ).first()
    if found is None:
        raise UserError(f"The coding {coding_id} no longer exists (removed elsewhere?); "
                        "the view has been refreshed.")
    return dict(zip(_CODING_COLUMNS, found, strict=True))


def _action(row: Any) -> Action:
    payload = json.loads(row[3])
    return Action(int(row[0]), str(row[1]), int(row[2]), int(payload["document_id"]), payload)


def _mark(conn: Connection, action: Action, undone: int, usable: bool) -> None:
    if usable:
        conn.execute(update(s.history).where(s.history.c.id == action.id)
                     .values(undone=undone))
    else:  # its code is gone: the entry can never be replayed, so it leaves the log
        conn.execute(delete(s.history).where(s.history.c.id == action.id))


def _checked(action: Action, done: bool) -> Action:
    if not done:
        raise UserError(f"Cannot undo or redo this {action.describe()}: its code was "
                        "deleted; it has been dropped from the history.")
    return action


def _apply(conn: Connection, action: Action, backwards: bool) -> bool:
    """Perform one direction of an action; False when it can no longer be done."""
    kind, coding_id, payload = action.kind, action.coding_id, action.payload
    removes = (kind in ("add", "invivo")) == backwards  # undo an add / redo a delete
    if kind == "invivo":
        if removes:
            conn.execute(delete(s.codings).where(s.codings.c.id == coding_id))
            _drop_unused_code(conn, int(payload["code_id"]))
            return True
        if not _code_exists(conn, int(payload["code_id"])) and not _restore_code(conn, payload):
            return False
        return _reinsert(conn, action)
    if kind in ("add", "delete"):
        if removes:
            conn.execute(delete(s.codings).where(s.codings.c.id == coding_id))
            return True
        return _reinsert(conn, action)
    column = "code_id" if kind == "recode" else "memo"
    value = payload["before"] if backwards else payload["after"]
    if column == "code_id" and not _code_exists(conn, int(value)):
        return False
    conn.execute(update(s.codings).where(s.codings.c.id == coding_id)
                 .values(**{column: value}))
    return True


def _reinsert(conn: Connection, action: Action) -> bool:
    """Put a coding back under its old id, or a new one (then the log follows it)."""
    row = {k: action.payload[k] for k in _CODING_COLUMNS}
    if not _code_exists(conn, int(row["code_id"])):
        return False
    taken = conn.execute(select(s.codings.c.id).where(s.codings.c.id == action.coding_id)
                         ).scalar_one_or_none()
    if taken is None:
        conn.execute(insert(s.codings).values(id=action.coding_id, **row))
        keep_id_sequence_past(conn, "codings", action.coding_id)
        return True
    new_id = int(conn.execute(insert(s.codings).values(**row).returning(s.codings.c.id))
                 .scalar_one())
    conn.execute(update(s.history).where(s.history.c.coding_id == action.coding_id)
                 .values(coding_id=new_id))
    return True


def _drop_unused_code(conn: Connection, code_id: int) -> None:
    """Delete an in-vivo code nobody used since: no coding, sub-code, summary or memo."""
    used = [conn.execute(select(s.codings.c.id).where(s.codings.c.code_id == code_id)
                         .limit(1)).first(),
            conn.execute(select(s.codes.c.id).where(s.codes.c.parent_id == code_id)
                         .limit(1)).first(),
            conn.execute(select(s.summaries.c.code_id).where(s.summaries.c.code_id == code_id)
                         .limit(1)).first(),
            conn.execute(select(s.memos.c.id).where(s.memos.c.kind == "code",
                                                    s.memos.c.target_id == code_id)
                         .limit(1)).first()]
    if not any(used):
        conn.execute(delete(s.codes).where(s.codes.c.id == code_id))


def _restore_code(conn: Connection, payload: dict[str, Any]) -> bool:
    """Create again the in-vivo code an undo removed, under its id; False if its name
    has been taken at the top level meanwhile."""
    code = dict(payload["code"])
    clash = conn.execute(select(s.codes.c.id).where(s.codes.c.name == code["name"],
                                                    s.codes.c.parent_id.is_(None))).first()
    if clash is not None:
        return False
    conn.execute(insert(s.codes).values(**code))
    keep_id_sequence_past(conn, "codes", int(code["id"]))
    return True


def _code_exists(conn: Connection, code_id: int) -> bool:
    found = conn.execute(select(s.codes.c.id).where(s.codes.c.id == code_id))
    return found.scalar_one_or_none() is not None
