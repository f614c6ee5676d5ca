"""Migration 5: auto-coding suggestions, kept until the researcher accepts or rejects them."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Connection

VERSION = 5
NAME = "suggestions"


def apply(conn: Connection) -> None:
    md = MetaData()
    # Stubs of the referenced tables (not created here) so the foreign keys resolve.
    Table("documents", md, Column("id", Integer, primary_key=True))
    Table("codes", md, Column("id", Integer, primary_key=True))
    suggestions = Table(
        "suggestions",
        md,
        Column("id", Integer, primary_key=True),
        Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
               nullable=False),
        Column("code_id", Integer, ForeignKey("codes.id", ondelete="CASCADE"), nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("unit", String(20), nullable=False),
        # Why it was suggested: the keyword or /pattern/, the text it matched, where, how well.
        Column("keyword", Text, nullable=False),
        Column("matched", Text, nullable=False),
        Column("match_start", Integer, nullable=False),
        Column("match_end", Integer, nullable=False),
        Column("score", Float, nullable=False),
        Column("status", String(10), nullable=False),
        Column("coding_id", Integer),
        Column("decided_by", String(200)),
        Column("created_at", String(40), nullable=False),
        Column("decided_at", String(40)),
        # The same span is never suggested twice for a code, whatever became of it.
        UniqueConstraint("document_id", "code_id", "start", "end", name="ux_suggestion_span"),
        CheckConstraint("status IN ('pending', 'accepted', 'rejected')",
                        name="ck_suggestion_status"),
        CheckConstraint('start >= 0 AND start < "end"', name="ck_suggestion_span"),
        Index("ix_suggestions_status", "status", "code_id"),
    )
    md.create_all(conn, tables=[suggestions])
