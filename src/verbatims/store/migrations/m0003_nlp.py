"""Migration 3: the NLP cache (packed tokens per document), project stop words, expressions."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import Connection

VERSION = 3
NAME = "nlp"


def apply(conn: Connection) -> None:
    md = MetaData()
    # The referenced table as migration 1 made it, named here only for the foreign key.
    Table("documents", md, Column("id", Integer, primary_key=True))
    # One row per document: its tokens packed into one compressed blob, valid
    # while the document hash and the model version both match.
    tokens = Table(
        "nlp_tokens",
        md,
        Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"),
               primary_key=True),
        Column("sha256", String(64), nullable=False),
        Column("model", String(100), nullable=False),
        Column("n_tokens", Integer, nullable=False),
        Column("data", LargeBinary, nullable=False),
        Column("parsed_at", String(40), nullable=False),
    )
    # The project's changes to the built-in stop list: 'add' or 'remove' a word.
    stopwords = Table(
        "nlp_stopwords",
        md,
        Column("word", String(200), primary_key=True),
        Column("action", String(10), nullable=False),
        Column("added_at", String(40), nullable=False),
        CheckConstraint("action IN ('add', 'remove')", name="ck_stopword_action"),
    )
    # Multi-word expressions the user declared (lemmas joined by spaces).
    expressions = Table(
        "nlp_expressions",
        md,
        Column("expression", String(400), primary_key=True),
        Column("lemmas", Text, nullable=False),
        Column("added_at", String(40), nullable=False),
    )
    md.create_all(conn, tables=[tokens, stopwords, expressions])
