"""The lab's server as docs/team.md sets it up: one database per study, one role per coder.

The SQL below is the documentation's, run as the test server's administrator; then
each coder works under their own role, and those the study's group does not include
get one sentence saying what to ask for.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests import pg
from tests.conftest import CODEBOOK, CORPUS, CliRunner

SETUP = """
CREATE ROLE {group} NOLOGIN;
CREATE ROLE {alice} LOGIN PASSWORD 'alice-pw' IN ROLE {group};
CREATE ROLE {bob} LOGIN PASSWORD 'bob-pw' IN ROLE {group};
CREATE ROLE {carol} LOGIN PASSWORD 'carol-pw';
CREATE ROLE {dora} LOGIN PASSWORD 'dora-pw';
CREATE DATABASE {db} OWNER {group};
ALTER ROLE {alice} IN DATABASE {db} SET role = '{group}';
ALTER ROLE {bob} IN DATABASE {db} SET role = '{group}';
"""


# The supervisor who reads and never codes, as docs/team.md grants it (in the study's database).
READER = "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {dora}"


@pytest.fixture
def study() -> Iterator[dict[str, str]]:
    pg.require()
    tag = uuid.uuid4().hex[:6]
    names = {k: f"{k}_{tag}" for k in ("group", "alice", "bob", "carol", "dora", "db")}
    admin = create_engine(make_url(pg.ADMIN).set(drivername="postgresql+psycopg"),
                          isolation_level="AUTOCOMMIT")
    base = make_url(pg.ADMIN).set(database=names["db"])

    def url(role: str, password: str) -> str:
        return base.set(username=names[role], password=password).render_as_string(
            hide_password=False)

    try:
        with admin.connect() as conn:
            for statement in SETUP.format(**names).strip().splitlines():
                if statement.startswith("CREATE DATABASE"):  # the test's admin is no superuser
                    conn.execute(text(f"GRANT {names['group']} TO CURRENT_USER"))
                conn.execute(text(statement))
        yield {"alice": url("alice", "alice-pw"), "bob": url("bob", "bob-pw"),
               "carol": url("carol", "carol-pw"), "dora": url("dora", "dora-pw"),
               "grant": READER.format(**names),
               "admin": make_url(pg.ADMIN).set(database=names["db"]).render_as_string(
                   hide_password=False)}
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS {names["db"]} WITH (FORCE)'))
            for role in ("alice", "bob", "carol", "dora", "group"):
                conn.execute(text(f"DROP ROLE IF EXISTS {names[role]}"))
    admin.dispose()


def test_one_role_per_coder(run_cli: CliRunner, study: dict[str, str]) -> None:
    alice, bob, carol = study["alice"], study["bob"], study["carol"]
    assert run_cli("--project", alice, "init", "--codebook", CODEBOOK).code == 0
    assert run_cli("--project", alice, "import", CORPUS).code == 0
    doc = "04-adjointe-commune-2000-3500"
    for url, coder, end in ((alice, "alice", 9663), (bob, "bob", 9612)):
        done = run_cli("--project", url, "code", doc, "9509", str(end),
                       "RGPD et données personnelles", "--coder", coder)
        assert done.code == 0, done.err
    table = run_cli("--project", bob, "agreement", "--coders", "alice,bob")
    assert table.code == 0 and "cybersécurité/RGPD" in table.out
    refused = run_cli("--project", carol, "codes")
    assert refused.code == 2
    assert "lets this user in but not into the project" in refused.err
    assert "carol-pw" not in refused.err and "study's group" in refused.err


def test_a_supervisor_reads_and_is_told_why_not_to_code(run_cli: CliRunner,
                                                       study: dict[str, str]) -> None:
    alice, bob, dora = study["alice"], study["bob"], study["dora"]
    assert run_cli("--project", alice, "init", "--codebook", CODEBOOK).code == 0
    assert run_cli("--project", alice, "import", CORPUS).code == 0
    doc = "04-adjointe-commune-2000-3500"
    for url, coder, end in ((alice, "alice", 9663), (bob, "bob", 9612)):
        assert run_cli("--project", url, "code", doc, "9509", str(end),
                       "RGPD et données personnelles", "--coder", coder).code == 0
    admin = create_engine(make_url(study["admin"]).set(drivername="postgresql+psycopg"),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(study["grant"]))
    admin.dispose()
    table = run_cli("--project", dora, "agreement", "--coders", "alice,bob")
    assert table.code == 0, table.err
    assert "cybersécurité/RGPD et données personnelles" in table.out
    listed = run_cli("--project", dora, "segments", "--coder", "bob")
    assert listed.code == 0 and "Les données aussi" in listed.out
    refused = run_cli("--project", dora, "code", doc, "0", "40", "sobriété", "--coder", "dora")
    assert refused.code == 2 and refused.err.count("\n") == 1, refused.err
    assert "dora-pw" not in refused.err and "Traceback" not in refused.err
    assert "permission" in refused.err.lower() or "read" in refused.err.lower()
