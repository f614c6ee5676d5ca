"""Numbered, transactional schema migrations, recorded in `schema_migrations`.

One module per migration, `mNNNN_name.py`, exposing VERSION, NAME and apply(conn).

Each migration is frozen once released: it builds its own DDL and never reads
`schema.py`, so a project made by any version replays to the latest. A
migration runs in one transaction together with its record, so a crash leaves
the store at the previous version, never half-way.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, inspect, select
from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.store import schema
from verbatims.store.engine import WRITE


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _discover() -> tuple[Migration, ...]:
    """Every `mNNNN_name.py` module in this package, in version order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if not re.match(r"^m\d{4}_", info.name):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(Migration(module.VERSION, module.NAME, module.apply))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a version: {versions}")
    return tuple(found)


MIGRATIONS: tuple[Migration, ...] = _discover()

LATEST = MIGRATIONS[-1].version


def _record_table(conn: Connection) -> None:
    md = MetaData()
    Table(
        "schema_migrations",
        md,
        Column("version", Integer, primary_key=True),
        Column("name", String(200), nullable=False),
        Column("applied_at", String(40), nullable=False),
    )
    md.create_all(conn)


def applied_versions(engine: Engine) -> set[int]:
    with engine.connect() as conn:
        if not inspect(conn).has_table("schema_migrations"):
            return set()
        rows = conn.execute(select(schema.schema_migrations.c.version)).scalars()
        return {int(v) for v in rows}


def migrate(engine: Engine) -> list[int]:
    """Apply every pending migration in order; return the versions applied."""
    done = applied_versions(engine)
    newer = [v for v in done if v > LATEST]
    if newer:
        raise UserError(
            _("This project was written by a newer verbatims (schema version {version}, "
              "this one knows {latest}); upgrade verbatims to open it.")
            .format(version=max(newer), latest=LATEST)
        )
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version in done:
            continue
        with engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
            _record_table(conn)
            migration.apply(conn)
            conn.execute(
                schema.schema_migrations.insert().values(
                    version=migration.version,
                    name=migration.name,
                    applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
                )
            )
        applied.append(migration.version)
    return applied
