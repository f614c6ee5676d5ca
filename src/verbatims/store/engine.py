"""Turn a `--project` value into a SQLAlchemy engine with safe settings.

SQLite is the embedded default: WAL so readers never block the writer, foreign
keys on, synchronous=FULL so a committed coding survives a power cut, and a busy
timeout so a second process waits instead of failing. Write transactions start
with BEGIN IMMEDIATE: one writer at a time, decided up front, no upgrade deadlock.
SQLAlchemy Core keeps the same callers working on PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.redact import redact

WRITE = "verbatims_write"


def is_url(project: str) -> bool:
    return "://" in project


def sqlite_path(project: str) -> Path | None:
    """The file behind a SQLite project, or None for a server URL."""
    if project.startswith("sqlite:///"):
        return Path(project[len("sqlite:///") :])
    if is_url(project):
        return None
    return Path(project)


def make_engine(project: str) -> Engine:
    path = sqlite_path(project)
    if path is None:
        if project.startswith(("postgresql://", "postgres://")):
            # psycopg 3 is the driver we support; SQLAlchemy would default to psycopg2.
            project = "postgresql+psycopg://" + project.split("://", 1)[1]
        try:
            return create_engine(project, future=True, pool_pre_ping=True)
        except Exception as exc:  # noqa: BLE001 - driver missing, bad URL
            raise UserError(_(
                "Cannot use the project URL {url} ({error}); for PostgreSQL install "
                "psycopg (pip install 'psycopg[binary]') and check the URL."
            ).format(url=redact(project), error=redact(str(exc)))) from None
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Take transaction control away from the sqlite3 module so that DDL is
    # transactional too (migrations) and BEGIN IMMEDIATE can be chosen.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    write = conn.get_execution_options().get(WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
