"""Migration 7: the undo history as steps of items, so one undo can reverse a group
("accept 40 suggestions", "import a .qdpx") and kinds beyond codings can be logged.

`history_steps` holds what one undo reverses (who, when, on which document, undone
or not); `history_items` the changes inside it, each a kind ("coding.add",
"memo.set"…) and a JSON payload. The rows of migration 2's `history` table are
carried over, one step each (an in-vivo coding becomes a step of two items: the code
and the coding), and that table is dropped.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    text,
)
from sqlalchemy.engine import Connection

VERSION = 7
NAME = "history_steps"

_OLD_KINDS = {"add": "coding.add", "delete": "coding.delete", "recode": "coding.recode",
              "memo": "coding.memo"}


def apply(conn: Connection) -> None:
    md = MetaData()
    steps = Table(
        "history_steps",
        md,
        Column("id", Integer, primary_key=True),
        Column("name", String(60), nullable=False),
        Column("coder", String(200), nullable=False),
        Column("created_at", String(40), nullable=False),
        Column("undone", Integer, nullable=False, default=0),
        Column("document_id", Integer),  # None: several documents, or none
        Column("size", Integer, nullable=False, default=0),
        Index("ix_history_steps_undone", "undone", "id"),
    )
    items = Table(
        "history_items",
        md,
        Column("id", Integer, primary_key=True),
        Column("step_id", Integer, ForeignKey("history_steps.id", ondelete="CASCADE"),
               nullable=False),
        Column("seq", Integer, nullable=False),
        Column("kind", String(60), nullable=False),
        Column("payload", Text, nullable=False),
        Index("ix_history_items_step", "step_id", "seq"),
    )
    md.create_all(conn, tables=[steps, items])
    if not inspect(conn).has_table("history"):
        return
    old = conn.execute(text(
        "SELECT id, kind, coding_id, payload, undone, coder, created_at FROM history "
        "ORDER BY id")).all()
    for _row_id, kind, coding_id, payload_text, undone, coder, created_at in old:
        payload: dict[str, Any] = json.loads(payload_text)
        document_id = payload.get("document_id")
        if kind == "invivo":
            code = dict(payload.pop("code"))
            entries = [("code.add", code), ("coding.add", {**payload, "id": coding_id})]
            name = "coding.invivo"
        elif kind in _OLD_KINDS:
            entries = [(_OLD_KINDS[kind], {**payload, "id": coding_id})]
            name = _OLD_KINDS[kind]
        else:
            continue
        step_id = conn.execute(steps.insert().values(
            name=name, coder=coder, created_at=created_at, undone=undone,
            document_id=document_id, size=1).returning(steps.c.id)).scalar_one()
        conn.execute(items.insert(), [
            {"step_id": step_id, "seq": i, "kind": k,
             "payload": json.dumps(p, ensure_ascii=False)}
            for i, (k, p) in enumerate(entries)])
    conn.execute(text("DROP TABLE history"))
