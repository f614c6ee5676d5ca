"""Migration 1: documents, turns, attributes, codes, codings, memos, summaries."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    func,
)
from sqlalchemy.engine import Connection

VERSION = 1
NAME = "foundation"


def apply(conn: Connection) -> None:
    md = MetaData()
    Table("meta", md, Column("key", String(100), primary_key=True), Column("value", Text))
    Table(
        "documents",
        md,
        Column("id", Integer, primary_key=True),
        Column("name", String(400), nullable=False, unique=True),
        Column("source_path", Text, nullable=False),
        Column("source_format", String(20), nullable=False),
        Column("encoding", String(40), nullable=False),
        Column("text", Text, nullable=False),
        Column("sha256", String(64), nullable=False, unique=True),
        Column("char_count", Integer, nullable=False),
        Column("word_count", Integer, nullable=False),
        Column("imported_at", String(40), nullable=False),
        Column("position", Integer, nullable=False),
    )
    Table(
        "turns",
        md,
        Column("id", Integer, primary_key=True),
        Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
               nullable=False),
        Column("idx", Integer, nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("speaker", String(200)),
        Column("role", String(20), nullable=False),
        Column("time_start_ms", Integer),
        Column("time_end_ms", Integer),
        Index("ix_turns_doc_start", "document_id", "start"),
    )
    Table(
        "attributes",
        md,
        Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
               nullable=False),
        Column("key", String(200), nullable=False),
        Column("value", Text, nullable=False),
        Column("type", String(10), nullable=False),
        PrimaryKeyConstraint("document_id", "key"),
        CheckConstraint("type IN ('text', 'number', 'date')", name="ck_attribute_type"),
    )
    codes = Table(
        "codes",
        md,
        Column("id", Integer, primary_key=True),
        Column("parent_id", Integer, ForeignKey("codes.id", ondelete="CASCADE")),
        Column("name", String(300), nullable=False),
        Column("color", String(9), nullable=False),
        Column("definition", Text, nullable=False, default=""),
        Column("include_note", Text, nullable=False, default=""),
        Column("exclude_note", Text, nullable=False, default=""),
        Column("keywords", Text, nullable=False, default="[]"),
        Column("patterns", Text, nullable=False, default="[]"),
        Column("examples", Text, nullable=False, default="[]"),
        Column("position", Integer, nullable=False, default=0),
        Column("created_at", String(40), nullable=False),
    )
    # Names are unique among siblings; COALESCE makes top-level codes siblings too.
    Index("ux_codes_sibling_name", func.coalesce(codes.c.parent_id, 0), codes.c.name,
          unique=True)
    Table(
        "codings",
        md,
        Column("id", Integer, primary_key=True),
        Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
               nullable=False),
        Column("code_id", Integer, ForeignKey("codes.id", ondelete="CASCADE"), nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("coder", String(200), nullable=False),
        Column("memo", Text),
        Column("created_at", String(40), nullable=False),
        CheckConstraint('start >= 0 AND start < "end"', name="ck_coding_span"),
        Index("ix_codings_doc_start", "document_id", "start"),
        Index("ix_codings_code", "code_id"),
    )
    memos = Table(
        "memos",
        md,
        Column("id", Integer, primary_key=True),
        Column("kind", String(20), nullable=False),
        Column("target_id", Integer),
        Column("text", Text, nullable=False),
        Column("author", String(200), nullable=False),
        Column("created_at", String(40), nullable=False),
        Column("updated_at", String(40), nullable=False),
        CheckConstraint("kind IN ('project', 'document', 'code')", name="ck_memo_kind"),
    )
    Index("ux_memos_target", memos.c.kind, func.coalesce(memos.c.target_id, 0), unique=True)
    Table(
        "summaries",
        md,
        Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
               nullable=False),
        Column("code_id", Integer, ForeignKey("codes.id", ondelete="CASCADE"), nullable=False),
        Column("text", Text, nullable=False),
        Column("author", String(200), nullable=False),
        Column("updated_at", String(40), nullable=False),
        PrimaryKeyConstraint("document_id", "code_id"),
    )
    md.create_all(conn)
