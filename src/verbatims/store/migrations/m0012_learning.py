"""Migration 12: learned suggestions say why, and cross-validated figures are kept.

A suggestion gains `source` ("keyword", or "learned" when a model trained on the
researcher's codings proposed it) and `why` (the words and features that weighed
most, as JSON). `autocode_evaluations` keeps the last `autocode --evaluate` per code
and method, so that the workbench shows how far to trust the suggestions.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Integer, MetaData, String, Table, inspect, text
from sqlalchemy.engine import Connection

VERSION = 12
NAME = "learning"


def apply(conn: Connection) -> None:
    present = {c["name"] for c in inspect(conn).get_columns("suggestions")}
    if "source" not in present:  # (present in a store rebuilt by hand from a newer one)
        conn.execute(text("ALTER TABLE suggestions ADD COLUMN source VARCHAR(10) "
                          "NOT NULL DEFAULT 'keyword'"))
    if "why" not in present:
        conn.execute(text("ALTER TABLE suggestions ADD COLUMN why TEXT"))
    if inspect(conn).has_table("autocode_evaluations"):
        return
    md = MetaData()
    Table("codes", md, Column("id", Integer, primary_key=True))
    evaluations = Table(
        "autocode_evaluations",
        md,
        Column("id", Integer, primary_key=True),
        Column("code_id", Integer, ForeignKey("codes.id", ondelete="CASCADE"), nullable=False),
        Column("method", String(40), nullable=False),  # keywords, keywords paragraph, learned
        Column("unit", String(20), nullable=False),
        Column("coder", String(200)),  # whose hand coding is the truth (None: all but machine)
        Column("positives", Integer, nullable=False),  # coded passages of the code
        Column("documents", Integer, nullable=False),  # coded documents holding them
        Column("folds", Integer, nullable=False),
        Column("tp", Integer, nullable=False),
        Column("fp", Integer, nullable=False),
        Column("fn", Integer, nullable=False),
        Column("tn", Integer, nullable=False),
        Column("precision", Float),
        Column("recall", Float),
        Column("f1", Float),
        Column("kappa", Float),
        Column("codings", Integer, nullable=False),  # hand codings read (to tell stale figures)
        Column("evaluated_at", String(40), nullable=False),
    )
    md.create_all(conn, tables=[evaluations])
