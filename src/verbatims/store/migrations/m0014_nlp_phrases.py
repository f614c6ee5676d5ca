"""Migration 14: keywords and queries as spaCy parsed them, kept in the project.

Auto-coding parses each codebook keyword (and the workbench each search) with the
same pipeline as the corpus. With the corpus's lemmas cached, that was the only
reason left to load spaCy (seconds); one row per phrase and model keeps it from
happening twice.
"""

from __future__ import annotations

from sqlalchemy import Column, MetaData, String, Table, Text
from sqlalchemy.engine import Connection

VERSION = 14
NAME = "nlp_phrases"


def apply(conn: Connection) -> None:
    md = MetaData()
    phrases = Table(
        "nlp_phrases",
        md,
        Column("model", String(120), primary_key=True),
        Column("phrase", Text, primary_key=True),
        Column("tokens", Text, nullable=False),  # JSON: [[start, end, text, lemma, stop, punct]]
        Column("parsed_at", String(40), nullable=False),
    )
    md.create_all(conn, tables=[phrases])
