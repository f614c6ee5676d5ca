"""The same store on PostgreSQL, when a server is named by VERBATIMS_TEST_POSTGRES.

Example: VERBATIMS_TEST_POSTGRES=postgresql://postgres@127.0.0.1:5433/postgres
(needs `pip install 'verbatims[postgres]'`; `.ci/run` starts a server with
.ci/postgres.sh). Each test gets a database of its own. Most store tests also run here
through the `backend` fixtures; these are about PostgreSQL itself.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests import pg
from tests.conftest import CODEBOOK, CORPUS
from verbatims.codebook import load_yaml
from verbatims.errors import UserError
from verbatims.ingest import read_all
from verbatims.store import Project


@pytest.fixture
def pg_url() -> Iterator[str]:
    url = pg.create_database()  # skips, with the reason, without VERBATIMS_TEST_POSTGRES
    yield url
    pg.drop_database(url)


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


def test_undo_and_redo_on_postgresql(pg_url: str) -> None:
    """Savepoints, ids given back on redo, and the sequences after them."""
    from verbatims.store import history

    project = Project.create(pg_url)
    project.merge_codebook(load_yaml(CODEBOOK)["codes"])
    docs, _ = read_all([CORPUS])
    project.add_documents(docs[:2])
    doc = project.documents()[0]
    code = project.code("sobriété")
    first = project.add_coding(doc.id, 10, 60, code.id, "alice")
    project.add_in_vivo(doc.id, 70, 90, "mot des enquêtés", "#336699", "alice")
    project.set_memo("document", doc.id, "Riche.", "alice")
    for _ in range(3):
        assert history.undo(project) is not None
    assert project.codings() == [] and project.memo("document", doc.id) is None
    for _ in range(3):
        assert history.redo(project) is not None
    assert [c.id for c in project.codings()][0] == first.id
    later = project.add_coding(doc.id, 100, 120, code.id, "bob")  # the sequence moved on
    assert later.id not in {first.id}
    assert history.undo(project) is not None
    project.delete_code(code.id)  # outside the history
    with pytest.raises(UserError, match="code was deleted"):
        history.redo(project)  # that coding cannot come back: dropped, said why
    assert history.pending(project)[1] == 0
    project.close()
