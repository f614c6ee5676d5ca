"""The store as callers use it: documents, codes, codings, memos, segments.

Each test runs on SQLite and on PostgreSQL (`demo_any`, `new_location`; the
PostgreSQL half skips without VERBATIMS_TEST_POSTGRES).
"""

from __future__ import annotations

import pytest

from verbatims.errors import UserError
from verbatims.store import Project


def test_coding_is_on_disk_when_add_returns(demo_any: Project) -> None:
    demo = demo_any
    doc = demo.document("01-maire-commune-1000-2000")
    code = demo.code("cybersécurité")
    coding = demo.add_coding(doc.id, 10, 50, code.id, "alice", "premier passage")
    other = Project.open(demo.location)  # a second connection, as another process would
    assert [c.id for c in other.codings(doc.id)] == [coding.id]
    assert other.codings(doc.id)[0].memo == "premier passage"


def test_code_lookup_by_name_path_and_id(demo_any: Project) -> None:
    demo = demo_any
    code = demo.code("sobriété")
    assert demo.code_path(code.id) == "numérique responsable/sobriété"
    assert demo.code("numérique responsable/sobriété").id == code.id
    assert demo.code(str(code.id)).id == code.id
    assert demo.code("SOBRIÉTÉ").id == code.id
    with pytest.raises(UserError, match="No code"):
        demo.code("poésie")


def test_segments_include_sub_codes_and_filter_by_attribute(demo_any: Project) -> None:
    demo = demo_any
    parent = demo.code("numérique responsable")
    child = demo.code("sobriété")
    docs = {d.name: d for d in demo.documents()}
    epci = docs["07-agent-epci-30000.txt"]
    commune = docs["01-maire-commune-1000-2000.txt"]
    demo.add_coding(epci.id, 0, 30, child.id, "alice")
    demo.add_coding(commune.id, 5, 40, parent.id, "bob")
    found = demo.segments(["numérique responsable"])
    assert {s.document for s in found} == {epci.name, commune.name}
    only_epci = demo.segments(["numérique responsable"], [("type_collectivite", "EPCI")])
    assert [s.document for s in only_epci] == [epci.name]
    assert only_epci[0].text == demo.text(epci.id)[0:30]
    assert only_epci[0].code_path == "numérique responsable/sobriété"


def test_memos_and_summaries(demo_any: Project) -> None:
    demo = demo_any
    doc = demo.documents()[0]
    code = demo.code("mutualisation")
    demo.set_memo("project", None, "Penser à relire le guide.", "alice")
    demo.set_memo("document", doc.id, "Entretien très riche.", "alice")
    demo.set_summary(doc.id, code.id, "Service commun avec l'EPCI.", "alice")
    assert demo.memo("project") is not None
    memo = demo.memo("document", doc.id)
    assert memo is not None and memo.text == "Entretien très riche."
    assert demo.summaries()[(doc.id, code.id)] == "Service commun avec l'EPCI."
    demo.set_memo("document", doc.id, "", "alice")
    assert demo.memo("document", doc.id) is None


def test_code_edits_keep_codings(demo_any: Project) -> None:
    demo = demo_any
    doc = demo.documents()[0]
    source = demo.add_code("à trier")
    target = demo.code("équipement")
    demo.add_coding(doc.id, 0, 10, source.id, "alice")
    demo.update_code(source.id, name="à relire", color="#123456")
    assert demo.code("à relire").color == "#123456"
    assert demo.merge_code(source.id, target.id) == 1
    assert [c.code_id for c in demo.codings(doc.id)] == [target.id]
    with pytest.raises(UserError, match="already exists"):
        demo.update_code(demo.code("sobriété").id, name="greenwashing")


def test_undo_of_an_in_vivo_coding_removes_its_code(new_location: str) -> None:
    from verbatims.model.entities import NewDocument
    from verbatims.store import history

    project = Project.create(new_location)
    (doc,) = project.add_documents([NewDocument("a.txt", "R : le poids carbone du mail.",
                                                "a.txt", "txt", "utf-8")])
    coding = project.add_in_vivo(doc.id, 7, 20, "poids carbone", "#336699", "ann")
    assert project.code("poids carbone").id == coding.code_id
    assert history.undo(project) is not None
    assert "poids carbone" not in [c.name for c in project.codes()]
    assert project.codings() == []
    assert history.redo(project) is not None
    (again,) = project.codings()
    assert (again.code_id, again.start, again.end) == (coding.code_id, 7, 20)
    assert project.code(again.code_id).color == "#336699"
    # A memo written on the code since is a step of its own: undone first.
    project.set_memo("code", coding.code_id, "Mot des enquêtés.", "ann")
    history.undo(project)
    assert project.memo("code", coding.code_id) is None
    assert len(project.codings()) == 1
    history.undo(project)
    assert project.codings() == [] and project.codes() == []
    history.redo(project)
    history.redo(project)
    assert len(project.codings()) == 1
    assert project.memo("code", coding.code_id) is not None
    project.close()


def test_each_coder_undoes_their_own_actions(demo_any: Project) -> None:
    """On a team project Alice's undo never takes back Bob's coding, and Bob coding
    meanwhile does not drop what Alice can redo."""
    from verbatims.store import history

    doc = demo_any.documents()[0]
    code = demo_any.code("sobriété").id
    mine = demo_any.add_coding(doc.id, 0, 10, code, "alice")
    theirs = demo_any.add_coding(doc.id, 20, 30, code, "bob")
    undone = history.undo(demo_any, "alice")
    assert undone is not None and undone.first is not None
    assert undone.first.payload["id"] == mine.id
    assert [c.id for c in demo_any.codings(doc.id)] == [theirs.id]
    demo_any.add_coding(doc.id, 40, 50, code, "bob")
    assert history.pending(demo_any, "alice") == (0, 1)
    again = history.redo(demo_any, "alice")
    assert again is not None and again.first is not None
    assert again.first.payload["id"] == mine.id
    assert history.undo(demo_any, "carla") is None
    assert len(demo_any.codings(doc.id)) == 3


def test_coding_with_a_code_a_colleague_just_deleted_is_one_sentence(demo_any: Project) -> None:

    doc = demo_any.documents()[0]
    code = demo_any.add_code("éphémère")
    demo_any.codes()  # this session has the code in its cache
    colleague = Project.open(demo_any.location)
    colleague.delete_code(code.id)
    colleague.close()
    with pytest.raises(UserError, match="code was deleted"):
        demo_any.add_coding(doc.id, 0, 10, code.id, "alice")
    assert demo_any.codings(doc.id) == []
