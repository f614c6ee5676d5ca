"""Migration 11: a change counter, so a workbench notices every commit on PostgreSQL.

SQLite tells each connection when another one committed (`PRAGMA data_version`);
PostgreSQL has no such thing. Every write transaction on PostgreSQL adds one to a
row of this table as its last statement (the row chosen by its server process, so
that writers do not queue on one lock) and readers add the rows up: the sum moves
exactly when a commit becomes visible. A sequence would not do: its values are
taken before the commit and can become visible out of order.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, MetaData, Table, insert, select
from sqlalchemy.engine import Connection

VERSION = 11
NAME = "data_version"


def apply(conn: Connection) -> None:
    md = MetaData()
    counter = Table(
        "data_version",
        md,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("version", BigInteger, nullable=False),
    )
    md.create_all(conn, tables=[counter])
    if conn.execute(select(counter.c.id).where(counter.c.id == 1)).first() is None:
        conn.execute(insert(counter).values(id=1, version=0))
