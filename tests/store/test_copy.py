"""`verbatims copy`: a whole project between SQLite and PostgreSQL, losslessly.

Lossless is checked by a fingerprint of every row of every table, read with plain
SQLAlchemy (not through the store), in both directions.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select
from sqlalchemy.exc import SAWarning

from tests import pg
from tests.conftest import CliRunner
from verbatims.model.entities import NewDocument
from verbatims.nlp.autocode import Proposal
from verbatims.store import Project, history, nlpcache, pseudonyms, suggestions
from verbatims.store.copy import copy_project
from verbatims.store.engine import make_engine

NOT_DATA = {"data_version"}  # the server's change counter, not part of the study


def fingerprint(location: str) -> dict[str, tuple[int, str]]:
    """Per table: (rows, digest of every row in id order), read without the store."""
    engine = make_engine(location)
    md = MetaData()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        md.reflect(engine)
    out: dict[str, tuple[int, str]] = {}
    with engine.connect() as conn:
        for table in md.sorted_tables:
            if table.name in NOT_DATA:
                continue
            columns = sorted(c.name for c in table.columns)
            rows = [json.dumps([_plain(v) for v in row], ensure_ascii=False)
                    for row in conn.execute(select(*[table.c[c] for c in columns]))]
            rows.sort()
            out[table.name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    engine.dispose()
    return out


def _plain(value: object) -> object:
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, float):
        return repr(value)
    return value


def enrich(project: Project) -> None:
    """Everything a study holds: two coders, undo history, memos, summaries, suggestions,
    pseudonym decisions, a cached analysis, and a code moved under a newer code."""
    docs = project.documents()
    sobriety, cyber = project.code("sobriété"), project.code("cybersécurité")
    project.add_coding(docs[0].id, 10, 80, sobriety.id, "alice", "mémo d'Alice")
    project.add_coding(docs[0].id, 40, 120, sobriety.id, "bob")
    undone = project.add_coding(docs[1].id, 0, 30, cyber.id, "dora")
    history.undo(project, "dora")  # kept in the log as undone: redo must work in the copy
    assert undone.id not in {c.id for c in project.codings()}
    newer = project.add_code("à trier", color="#123456")
    project.update_code(project.code("mutualisation").id, parent_id=newer.id)
    project.set_memo("project", None, "Relire le guide d'entretien.", "alice")
    project.set_memo("document", docs[2].id, "Entretien écourté.", "bob")
    project.set_summary(docs[2].id, cyber.id, "Sauvegardes externalisées.", "bob")
    suggestions.save(project, [
        Proposal(docs[3].id, sobriety.id, 5, 45, "sentence", "sobriété", "sobriété", 0, 8,
                 91.25)])
    pseudonyms.record(project, "key-of-the-study", 2, 5, [("nolwenn", "PER")])
    nlpcache.analysis_put(project, "k" * 64, bytes(range(256)) * 40)


@pytest.fixture
def rich_location(demo_location: str) -> Iterator[str]:
    project = Project.open(demo_location)
    enrich(project)
    project.close()
    yield demo_location


def _other(location: str, tmp_path: Path, name: str) -> str:
    """The other backend: PostgreSQL for a file (a second file without a server)."""
    if "://" not in location and pg.ADMIN:
        return pg.create_database()
    return str(tmp_path / f"{name}.sqlite")


def test_copy_round_trip_keeps_every_row(rich_location: str, tmp_path: Path) -> None:
    """From the test's backend to the other one and back: every table the same."""
    middle = _other(rich_location, tmp_path, "middle")
    back = _other(middle, tmp_path, "back")
    try:
        before = fingerprint(rich_location)
        copy_project(rich_location, middle)
        assert fingerprint(middle) == before
        copy_project(middle, back)
        assert fingerprint(back) == before
        assert before["codings"][0] >= 2 and before["history_steps"][0] >= 3
        assert before["analysis_cache"][0] == 1 and before["suggestions"][0] == 1
        assert before["pseudonym_rejections"][0] == 1 and before["summaries"][0] == 1
    finally:
        for url in (middle, back):
            if "://" in url:
                pg.drop_database(url)


def test_the_copy_is_a_working_project(rich_location: str, tmp_path: Path) -> None:
    """Ids are kept, so redo replays in the copy; new rows get new ids (sequences moved)."""
    target = _other(rich_location, tmp_path, "copy")
    try:
        copy_project(rich_location, target)
        source, copy = Project.open(rich_location), Project.open(target)
        assert copy.codings() == source.codings()
        redone = history.redo(copy)
        assert redone is not None and redone.name == "coding.add" and redone.first is not None
        assert redone.first.payload["id"] in {c.id for c in copy.codings()}
        doc = copy.documents()[4]
        fresh = copy.add_coding(doc.id, 0, 5, copy.code("sobriété").id, "carla")
        assert fresh.id > max(c.id for c in source.codings())
        code = copy.add_code("nouveau")
        assert code.id > max(c.id for c in source.codes())
        assert copy.code_path(copy.code("mutualisation").id) == "à trier/mutualisation"
        assert copy.memo("project").text == "Relire le guide d'entretien."  # type: ignore[union-attr]
        assert copy.get_meta("created_at") == source.get_meta("created_at")
        source.close()
        copy.close()
    finally:
        if "://" in target:
            pg.drop_database(target)


def test_copy_never_overwrites(demo_location: str, tmp_path: Path) -> None:
    from verbatims.errors import UserError

    taken = tmp_path / "taken.sqlite"
    Project.create(str(taken)).close()
    before = taken.read_bytes()
    with pytest.raises(UserError, match="already exists"):
        copy_project(demo_location, str(taken))
    assert taken.read_bytes() == before
    with pytest.raises(UserError, match="same project"):
        copy_project(demo_location, demo_location)
    with pytest.raises(UserError, match="does not exist"):
        copy_project(demo_location, str(tmp_path / "nowhere" / "p.sqlite"))
    assert not list(tmp_path.glob("**/*.part*"))


def test_copy_into_a_database_that_holds_a_project_is_refused(demo_location: str) -> None:
    from verbatims.errors import UserError

    url = pg.create_database()
    try:
        Project.create(url).close()
        with pytest.raises(UserError, match="already holds a verbatims project"):
            copy_project(demo_location, url)
        assert Project.open(url).documents() == []
    finally:
        pg.drop_database(url)


def test_copy_command_masks_the_password(run_cli: CliRunner, demo_location: str,
                                         tmp_path: Path) -> None:
    url = pg.create_database()
    password = pg.password()
    try:
        done = run_cli("copy", demo_location, url)
        assert done.code == 0, done.err
        assert "documents" in done.out and password not in done.out + done.err
        again = run_cli("copy", demo_location, url)
        assert again.code == 2 and "already holds" in again.err
        assert password not in again.err and "***" in again.err
        back = run_cli("copy", url, tmp_path / "back.sqlite")
        assert back.code == 0 and password not in back.out + back.err
        assert fingerprint(str(tmp_path / "back.sqlite")) == fingerprint(demo_location)
    finally:
        pg.drop_database(url)


def test_a_moved_code_tree_copies_parents_first(tmp_path: Path) -> None:
    """A parent with a larger id than its child: foreign keys still hold in the copy."""
    project = Project.create(str(tmp_path / "p.sqlite"))
    child = project.add_code("enfant")
    parent = project.add_code("parent")
    project.update_code(child.id, parent_id=parent.id)
    (doc,) = project.add_documents([NewDocument("a.txt", "R : un texte.", "a.txt", "txt",
                                                "utf-8")])
    project.add_coding(doc.id, 4, 9, child.id, "ann")
    project.close()
    copy_project(str(tmp_path / "p.sqlite"), str(tmp_path / "q.sqlite"))
    assert fingerprint(str(tmp_path / "q.sqlite")) == fingerprint(str(tmp_path / "p.sqlite"))
    engine = create_engine(f"sqlite:///{tmp_path / 'q.sqlite'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    engine.dispose()
