"""Migration 6: the analysed corpus, kept between figure runs.

One row per key (a digest of what the analysis read); a figure that finds its
key skips reading, filtering and rejoining a million tokens again.
"""

from __future__ import annotations

from sqlalchemy import Column, LargeBinary, MetaData, String, Table
from sqlalchemy.engine import Connection

VERSION = 6
NAME = "analysis_cache"


def apply(conn: Connection) -> None:
    md = MetaData()
    cache = Table(
        "analysis_cache",
        md,
        Column("key", String(64), primary_key=True),
        Column("data", LargeBinary, nullable=False),
        Column("created_at", String(40), nullable=False),
    )
    md.create_all(conn, tables=[cache])
