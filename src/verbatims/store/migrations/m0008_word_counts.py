"""Migration 8: word counts by the one definition of a word (verbatims.model.units).

Counts were runs of `\\w`, so "aujourd'hui" made two words and "2,5" two; they
are counted again for every stored document. This migration deliberately uses the
current definition: if it ever changes, a new migration counts again.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from verbatims.model.units import word_count

VERSION = 8
NAME = "word_counts"


def apply(conn: Connection) -> None:
    rows = conn.execute(text("SELECT id, text FROM documents")).all()
    for doc_id, body in rows:
        conn.execute(text("UPDATE documents SET word_count = :n WHERE id = :id"),
                     {"n": word_count(body), "id": doc_id})
