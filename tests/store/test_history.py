"""The undo history: one write path per change, logged in its own transaction, kept
across reopening, with groups (one undo step) and kinds beyond codings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from verbatims.errors import UserError
from verbatims.model.entities import NewDocument, Turn
from verbatims.store import Project, history
from verbatims.store import schema as s
from verbatims.store import suggestions as sg


def test_undo_redo_survive_reopening(demo_path: Path) -> None:
    project = Project.open(str(demo_path))
    before = history.pending(project)
    doc = project.documents()[0]
    cyber = project.code("cybersécurité")
    sauvegardes = project.code("sauvegardes")
    coding = project.add_coding(doc.id, 10, 40, cyber.id, "ana")
    project.set_coding_memo(coding.id, "first memo", "ana")
    project.change_code(coding.id, sauvegardes.id, "ana")
    project.close()

    project = Project.open(str(demo_path))
    assert history.pending(project) == (before[0] + 3, 0)
    assert history.undo(project) is not None  # recode
    assert project.codings(doc.id)[0].code_id == cyber.id
    assert history.undo(project) is not None  # memo
    assert project.codings(doc.id)[0].memo is None
    undone = history.undo(project)  # add
    assert undone is not None and undone.name == "coding.add" and undone.undone
    assert project.codings(doc.id) == []
    assert history.pending(project) == (before[0], 3)
    project.close()

    project = Project.open(str(demo_path))
    for _ in range(3):
        assert history.redo(project) is not None
    assert history.redo(project) is None
    (back,) = project.codings(doc.id)
    assert (back.id, back.start, back.end, back.code_id, back.memo) == (
        coding.id, 10, 40, sauvegardes.id, "first memo")
    project.close()


def test_delete_is_undone_and_new_action_forgets_redo(demo: Project) -> None:
    doc = demo.documents()[1]
    code = demo.code("mutualisation")
    before = history.pending(demo)[0]
    coding = demo.add_coding(doc.id, 0, 5, code.id, "ana")
    demo.delete_coding(coding.id, "ana")
    assert demo.codings(doc.id) == []
    history.undo(demo)
    assert [c.id for c in demo.codings(doc.id)] == [coding.id]
    history.undo(demo)
    demo.add_coding(doc.id, 1, 3, code.id, "ana")
    assert history.redo(demo) is None
    assert history.pending(demo) == (before + 1, 0)


def test_undo_of_a_coding_whose_code_was_deleted_is_refused_then_dropped(demo: Project) -> None:
    doc = demo.documents()[0]
    code = demo.add_code("temporaire")
    coding = demo.add_coding(doc.id, 0, 5, code.id, "ana")
    demo.delete_coding(coding.id, "ana")
    count = history.pending(demo)[0]
    demo.delete_code(code.id)
    with pytest.raises(UserError, match="code was deleted"):
        history.undo(demo)
    assert history.pending(demo) == (count - 1, 0)  # that step left; the ones before stay
    assert demo.codings(doc.id) == []


def test_bad_span_is_refused_and_logs_nothing(demo: Project) -> None:
    doc = demo.documents()[0]
    before = history.pending(demo)
    with pytest.raises(UserError):
        demo.add_coding(doc.id, 5, 5, demo.code("mutualisation").id, "ana")
    with pytest.raises(UserError, match="no longer exists"):
        demo.delete_coding(99999, "ana")
    assert history.pending(demo) == before


def test_a_failed_group_changes_nothing_and_logs_nothing(demo: Project) -> None:
    doc = demo.documents()[0]
    code = demo.code("mutualisation")
    before = history.pending(demo)
    with pytest.raises(UserError), history.step(demo, "suggestions.accept", "ana"):
        demo.add_coding(doc.id, 0, 10, code.id, "ana")
        demo.add_coding(doc.id, 10, 5, code.id, "ana")  # reversed: refused
    assert demo.codings(doc.id) == []
    assert history.pending(demo) == before


def test_a_group_is_one_step(demo: Project) -> None:
    doc = demo.documents()[0]
    code = demo.code("mutualisation")
    with history.step(demo, "test.batch", "ana"):  # a group with no label: items counted
        for i in range(5):
            demo.add_coding(doc.id, i * 10, i * 10 + 5, code.id, "ana")
    (latest,) = history.steps(demo, 1)
    assert latest.size == 5 and latest.document_id == doc.id and latest.coder == "ana"
    undone = history.undo(demo)
    assert undone is not None and undone.id == latest.id
    assert demo.codings(doc.id) == []
    assert history.redo(demo) is not None
    assert len(demo.codings(doc.id)) == 5


def test_in_vivo_is_one_step_of_two_items(tmp_path: Path) -> None:
    project = Project.create(str(tmp_path / "p.sqlite"))
    (doc,) = project.add_documents([NewDocument("a.txt", "R : le poids carbone du mail.",
                                                "a.txt", "txt", "utf-8")])
    coding = project.add_in_vivo(doc.id, 7, 20, "poids carbone", "#336699", "ann")
    (latest,) = history.steps(project, 1)
    assert latest.name == "coding.invivo" and latest.describe() == "in-vivo coding"
    with project.read() as conn:
        kinds = conn.execute(select(s.history_items.c.kind)
                             .where(s.history_items.c.step_id == latest.id)
                             .order_by(s.history_items.c.seq)).scalars().all()
    assert kinds == ["code.add", "coding.add"]
    assert history.undo(project) is not None
    assert project.codes() == [] and project.codings() == []
    assert history.redo(project) is not None
    assert project.code("poids carbone").id == coding.code_id
    project.close()


def test_memos_and_summaries_are_undone(demo: Project) -> None:
    doc = demo.documents()[0]
    code = demo.code("sobriété")
    demo.set_memo("project", None, "Premier jet.", "ana")
    demo.set_memo("project", None, "Second jet.", "bob")
    demo.set_memo("document", doc.id, "Entretien riche.", "ana")
    demo.set_summary(doc.id, code.id, "Sobriété : des écrans éteints.", "ana")
    steps = history.steps(demo, 4)
    assert [s.name for s in steps] == ["summary.set", "memo.set", "memo.set", "memo.set"]
    assert steps[1].document_id == doc.id and steps[2].document_id is None
    before = history.pending(demo)
    demo.set_memo("project", None, "Second jet.", "bob")  # the same text: no change
    assert history.pending(demo) == before
    history.undo(demo)
    assert demo.summaries() == {}
    history.undo(demo)
    assert demo.memo("document", doc.id) is None
    history.undo(demo)
    memo = demo.memo("project")
    assert memo is not None and (memo.text, memo.author) == ("Premier jet.", "ana")
    history.undo(demo)
    assert demo.memo("project") is None
    for _ in range(4):
        history.redo(demo)
    memo = demo.memo("project")
    assert memo is not None and memo.text == "Second jet."
    assert demo.summaries() == {(doc.id, code.id): "Sobriété : des écrans éteints."}


def test_accepting_suggestions_is_one_step_and_undo_puts_them_back(parsed: Project) -> None:
    from verbatims.nlp.autocode import propose

    code = parsed.code("numérique responsable")
    family = sorted(parsed.descendants(code.id))
    sg.save(parsed, propose(parsed, ["numérique responsable"], unit="sentence"))
    queue = sg.pending(parsed, code.id)
    assert len(queue) >= 3
    accepted = sg.accept_many(parsed, [q.id for q in queue[:3]], "ana")
    (latest,) = history.steps(parsed, 1)
    assert latest.describe() == "3 accepted suggestions"
    assert len(parsed.codings(code_ids=family)) == 3
    history.undo(parsed)
    assert parsed.codings(code_ids=family) == []
    assert {q.id for q in sg.pending(parsed, code.id)} >= {q.id for q in queue[:3]}
    history.redo(parsed)
    assert {c.id for c in parsed.codings(code_ids=family)} == {c.id for c in accepted}
    assert all(sg.get(parsed, q.id).status == "accepted" for q in queue[:3])
    sg.reject(parsed, queue[3].id, "ana")
    assert sg.get(parsed, queue[3].id).status == "rejected"
    history.undo(parsed)  # a rejection can be taken back too
    assert sg.get(parsed, queue[3].id).status == "pending"


def test_an_import_is_one_step_refused_once_coded(demo: Project, tmp_path: Path) -> None:
    docs = [NewDocument(f"n{i}.txt", f"R : texte {i} sur la sobriété.", f"n{i}.txt", "txt",
                        "utf-8", (Turn(0, 28, "R", "respondent"),), {"rang": i})
            for i in range(3)]
    added = demo.add_documents(docs, coder="ana")
    (latest,) = history.steps(demo, 1)
    assert latest.describe() == "3 imported documents"
    total = len(demo.documents())
    history.undo(demo)
    assert len(demo.documents()) == total - 3
    history.redo(demo)
    again = {d.name: d for d in demo.documents()}
    assert [again[d.name].id for d in added] == [d.id for d in added]
    assert demo.text(added[0].id) == "R : texte 0 sur la sobriété."
    assert demo.turns(added[0].id) == [Turn(0, 28, "R", "respondent")]
    assert demo.attributes()[added[2].id] == {"rang": 2}
    # Work done on an imported document outside the history keeps undo off it.
    with demo.write() as conn:
        conn.execute(s.codings.insert().values(
            document_id=added[1].id, code_id=demo.code("sobriété").id, start=0, end=3,
            coder="x", memo=None, created_at="2024-01-01"))
    with pytest.raises(UserError, match="codings, a memo or summaries"):
        history.undo(demo)
    assert len(demo.documents()) == total


def test_a_kind_of_change_is_one_function_pair(demo: Project) -> None:
    """What developers adding a kind do: register do/undo, then perform it."""

    def do(conn: object, p: history.Payload) -> history.Payload:
        from sqlalchemy.engine import Connection

        assert isinstance(conn, Connection)
        p["before"] = conn.execute(select(s.meta.c.value).where(s.meta.c.key == "k")
                                   ).scalar_one_or_none()
        conn.execute(s.meta.delete().where(s.meta.c.key == "k"))
        conn.execute(s.meta.insert().values(key="k", value=p["after"]))
        return p

    def undo(conn: object, p: history.Payload) -> None:
        from sqlalchemy.engine import Connection

        assert isinstance(conn, Connection)
        conn.execute(s.meta.delete().where(s.meta.c.key == "k"))
        if p["before"] is not None:
            conn.execute(s.meta.insert().values(key="k", value=p["before"]))

    history.register("test.meta", "test setting", do, undo)
    with demo.write() as conn:
        history.perform(conn, "test.meta", {"after": "1"}, "ana")
    assert demo.get_meta("k") == "1"
    assert history.undo(demo) is not None and demo.get_meta("k") is None
    assert history.redo(demo) is not None and demo.get_meta("k") == "1"


def test_history_of_release_two_is_carried_over(tmp_path: Path) -> None:
    """A project whose log was migration 2's `history` table keeps its undo."""
    path = tmp_path / "p.sqlite"
    project = Project.create(str(path))
    (doc,) = project.add_documents([NewDocument("a.txt", "R : le poids carbone du mail.",
                                                "a.txt", "txt", "utf-8")])
    code = project.add_code("carbone")
    project.close()
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM schema_migrations WHERE version >= 7")
        db.execute("DROP TABLE history_items")
        db.execute("DROP TABLE history_steps")
        db.execute("CREATE TABLE history (id INTEGER PRIMARY KEY, kind VARCHAR(20) NOT NULL, "
                   "coding_id INTEGER NOT NULL, payload TEXT NOT NULL, undone INTEGER NOT "
                   "NULL, coder VARCHAR(200) NOT NULL, created_at VARCHAR(40) NOT NULL)")
        row = {"document_id": doc.id, "code_id": code.id, "start": 7, "end": 20,
               "coder": "ann", "memo": None, "created_at": "2024-05-01T10:00:00+00:00"}
        db.execute("INSERT INTO codings (id, document_id, code_id, start, \"end\", coder, "
                   "memo, created_at) VALUES (4, ?, ?, 7, 20, 'ann', NULL, ?)",
                   (doc.id, code.id, row["created_at"]))
        db.execute("INSERT INTO history VALUES (1, 'add', 4, ?, 0, 'ann', ?)",
                   (json.dumps(row), row["created_at"]))
    project = Project.open(str(path))
    (step,) = history.steps(project)
    assert (step.name, step.coder, step.document_id) == ("coding.add", "ann", doc.id)
    assert history.undo(project) is not None
    assert project.codings() == []
    assert history.redo(project) is not None
    assert [c.id for c in project.codings()] == [4]
    project.close()


def test_a_colleague_coding_meanwhile_never_takes_an_undone_coding_id(demo_any: Project
                                                                       ) -> None:
    """Alice undoes her newest coding, Bob codes, Alice redoes: both codings are there (on
    SQLite a new row used to get the largest id + 1, the very id Alice's redo needs). The
    same for a removal undone after a colleague coded."""
    doc = demo_any.documents()[0].id
    code = demo_any.code("sobriété").id
    mine = demo_any.add_coding(doc, 0, 10, code, "alice")
    history.undo(demo_any, "alice")
    theirs = demo_any.add_coding(doc, 20, 30, code, "bob")
    assert theirs.id != mine.id
    assert history.redo(demo_any, "alice") is not None
    assert sorted((c.coder, c.id) for c in demo_any.codings(document_id=doc)) == [
        ("alice", mine.id), ("bob", theirs.id)]
    newest = demo_any.add_coding(doc, 40, 50, code, "alice")
    demo_any.delete_coding(newest.id, "alice")
    other = demo_any.add_coding(doc, 60, 70, code, "bob")
    assert other.id != newest.id
    assert history.undo(demo_any, "alice") is not None  # the removal is undone
    assert {c.id for c in demo_any.codings(document_id=doc)} == {
        mine.id, theirs.id, newest.id, other.id}
