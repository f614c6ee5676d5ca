"""Migration 13: what other tools' projects hold that verbatims used to drop.

- `codes.codable`: 0 for a folder of codes (REFI-QDA `isCodable="false"`: QualCoder's
  categories, NVivo's folders), kept so that an export says so again;
- `codings.selected_by`: who made the selection a coding sits on, when another tool
  records it apart from who coded (NVivo); NULL when it is the coder;
- `annotations`: a note on a passage of a document, coded or not (NVivo annotations,
  MAXQDA memos on a segment, QualCoder annotations).
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
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

VERSION = 13
NAME = "exchange"


def apply(conn: Connection) -> None:
    found = inspect(conn)
    if not any(c["name"] == "codable" for c in found.get_columns("codes")):
        conn.execute(text("ALTER TABLE codes ADD COLUMN codable INTEGER NOT NULL DEFAULT 1"))
    if not any(c["name"] == "selected_by" for c in found.get_columns("codings")):
        conn.execute(text("ALTER TABLE codings ADD COLUMN selected_by VARCHAR(200)"))
    md = MetaData()
    Table("documents", md, Column("id", Integer, primary_key=True))
    Table(
        "annotations",
        md,
        Column("id", Integer, primary_key=True),
        Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
               nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("text", Text, nullable=False),
        Column("author", String(200), nullable=False),
        Column("created_at", String(40), nullable=False),
        CheckConstraint('start >= 0 AND start <= "end"', name="ck_annotation_span"),
        Index("ix_annotations_doc_start", "document_id", "start"),
    )
    md.tables["annotations"].create(conn, checkfirst=True)
