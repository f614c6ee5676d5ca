"""Migration 15: the document list read from an index, not through every text.

A document's row holds its text before its counts and position, so listing the
documents made SQLite walk each text's overflow pages to reach the columns after
it: 65 MB read to list 2,000 interviews (60 ms warm, far more cold), at every
first screen, filter and import. A covering index holds the listed columns in
listing order. PostgreSQL keeps long texts out of line (TOAST) already.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

VERSION = 15
NAME = "document_listing"


def apply(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    conn.execute(text(
        "CREATE INDEX IF NOT EXISTS ix_documents_listing ON documents (position, id, name, "
        "source_path, source_format, sha256, char_count, word_count, imported_at)"))
