"""PostgreSQL for the tests: a database of its own per test, on the server that
VERBATIMS_TEST_POSTGRES names (`.ci/run` starts one; see .ci/postgres.sh).

Without the variable the PostgreSQL half of each parametrised test skips with a
reason, so `make test` on a machine without a server stays green.
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

ADMIN = os.environ.get("VERBATIMS_TEST_POSTGRES", "")
SKIP_REASON = ("no PostgreSQL server named: set VERBATIMS_TEST_POSTGRES to a "
               "postgresql:// URL (.ci/run starts one with .ci/postgres.sh)")
BACKENDS = ("sqlite", "postgresql")


def require() -> str:
    if not ADMIN:
        pytest.skip(SKIP_REASON)
    return ADMIN


def password() -> str:
    """The test server's password, which nothing verbatims prints may contain."""
    return str(make_url(require()).password or "")


def _admin() -> Engine:
    url = make_url(require()).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


def url_of(name: str) -> str:
    """The URL of database `name` on the test server, password included (as a user types it)."""
    return make_url(require()).set(database=name).render_as_string(hide_password=False)


def create_database(template: str | None = None) -> str:
    """A new empty database (or a copy of `template`); returns its URL."""
    name = f"verbatims_test_{uuid.uuid4().hex[:10]}"
    engine = _admin()
    with engine.connect() as conn:
        clause = f' TEMPLATE "{template}"' if template else ""
        conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))
    engine.dispose()
    return url_of(name)


def drop_database(url: str) -> None:
    name = make_url(url).database
    engine = _admin()
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()
