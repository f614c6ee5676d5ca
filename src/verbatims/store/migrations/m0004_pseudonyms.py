"""Migration 4: pseudonymisation decisions, as salted digests (never the names)."""

from __future__ import annotations

from sqlalchemy import Column, MetaData, String, Table
from sqlalchemy.engine import Connection

VERSION = 4
NAME = "pseudonyms"


def apply(conn: Connection) -> None:
    md = MetaData()
    Table(
        "pseudonyms",
        md,
        Column("digest", String(64), primary_key=True),
        Column("decision", String(10), nullable=False),
        Column("replacement", String(200), nullable=False),
        Column("category", String(100), nullable=False),
        Column("updated_at", String(40), nullable=False),
    )
    md.create_all(conn)
