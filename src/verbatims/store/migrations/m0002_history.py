"""Migration 2: the undo/redo log of coding actions, so undo survives restarts."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.engine import Connection

VERSION = 2
NAME = "history"


def apply(conn: Connection) -> None:
    md = MetaData()
    Table(
        "history",
        md,
        Column("id", Integer, primary_key=True),
        Column("kind", String(20), nullable=False),
        Column("coding_id", Integer, nullable=False),
        Column("payload", Text, nullable=False),
        Column("undone", Integer, nullable=False, default=0),
        Column("coder", String(200), nullable=False),
        Column("created_at", String(40), nullable=False),
        Index("ix_history_undone", "undone", "id"),
    )
    md.create_all(conn)
