"""The schema is made only by numbered migrations, and queries see exactly it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from verbatims.errors import UserError
from verbatims.store import Project, schema
from verbatims.store.migrations import LATEST, MIGRATIONS


def test_migrated_store_has_exactly_the_query_schema(new_location: str) -> None:
    project = Project.create(new_location)
    found = inspect(project.engine)
    for table in schema.ALL:
        columns = {c["name"] for c in found.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    project.close()


def test_every_migration_is_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    Project.create(str(path)).close()
    rows = sqlite3.connect(path).execute(
        "SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
    assert Project.open(str(path)).schema_version() == LATEST


def test_a_project_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    Project.create(str(path)).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')")
    with pytest.raises(UserError, match="newer verbatims"):
        Project.open(str(path))


def test_a_project_at_version_one_is_brought_up_to_date(tmp_path: Path) -> None:
    """A project made by the first release opens in this one (later migrations replay)."""
    path = tmp_path / "p.sqlite"
    Project.create(str(path)).close()
    with sqlite3.connect(path) as db:
        later = [m.version for m in MIGRATIONS if m.version > 1]
        if not later:
            pytest.skip("only one migration so far")
        db.execute("DELETE FROM schema_migrations WHERE version > 1")
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table'").fetchall()]
        first = {"meta", "schema_migrations", "documents", "turns", "attributes", "codes",
                 "codings", "memos", "summaries"}
        for name in tables:
            if name not in first and not name.startswith("sqlite_"):
                db.execute(f'DROP TABLE "{name}"')
    project = Project.open(str(path))
    assert project.schema_version() == LATEST


def test_not_a_project(tmp_path: Path) -> None:
    other = tmp_path / "notes.sqlite"
    other.write_text("hello")
    with pytest.raises(UserError, match="not a verbatims project"):
        Project.open(str(other))
    with pytest.raises(UserError, match="No project at"):
        Project.open(str(tmp_path / "missing.sqlite"))
