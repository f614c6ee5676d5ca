"""The same store on PostgreSQL, when a server is named by VERBATIMS_TEST_POSTGRES.

Example: VERBATIMS_TEST_POSTGRES=postgresql+psycopg://postgres@127.0.0.1:5433/postgres
(needs `pip install 'verbatims[postgres]'`). Each test gets a database of its own.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import CODEBOOK, CORPUS
from verbatims.codebook import load_yaml
from verbatims.ingest import read_all
from verbatims.store import Project

ADMIN = os.environ.get("VERBATIMS_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not ADMIN, reason="no PostgreSQL server named")


@pytest.fixture
def pg_url() -> Iterator[str]:
    assert ADMIN
    name = f"verbatims_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield ADMIN.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_project_on_postgresql(pg_url: str) -> None:
    project = Project.create(pg_url)
    project.merge_codebook(load_yaml(CODEBOOK)["codes"])
    docs, _ = read_all([CORPUS])
    project.add_documents(docs)
    doc = project.document("07-agent-epci-30000")
    coding = project.add_coding(doc.id, 10, 60, project.code("sobriété").id, "alice", "memo")
    again = Project.open(pg_url)
    found = again.segments(["numérique responsable"], [("type_collectivite", "EPCI")])
    assert [s.coding.id for s in found] == [coding.id]
    assert found[0].text == again.text(doc.id)[10:60]
    assert found[0].attributes["population"] == "30000-50000"
    project.close()
    again.close()
