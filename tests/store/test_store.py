"""The store as callers use it: documents, codes, codings, memos, segments."""

from __future__ import annotations

from pathlib import Path

import pytest

from verbatims.errors import UserError
from verbatims.store import Project


def test_coding_is_on_disk_when_add_returns(demo: Project, demo_path: Path) -> None:
    doc = demo.document("01-maire-commune-1000-2000")
    code = demo.code("cybersécurité")
    coding = demo.add_coding(doc.id, 10, 50, code.id, "alice", "premier passage")
    other = Project.open(str(demo_path))  # a second connection, as another process would
    assert [c.id for c in other.codings(doc.id)] == [coding.id]
    assert other.codings(doc.id)[0].memo == "premier passage"


def test_code_lookup_by_name_path_and_id(demo: Project) -> None:
    code = demo.code("sobriété")
    assert demo.code_path(code.id) == "numérique responsable/sobriété"
    assert demo.code("numérique responsable/sobriété").id == code.id
    assert demo.code(str(code.id)).id == code.id
    assert demo.code("SOBRIÉTÉ").id == code.id
    with pytest.raises(UserError, match="No code"):
        demo.code("poésie")


def test_segments_include_sub_codes_and_filter_by_attribute(demo: Project) -> None:
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


def test_memos_and_summaries(demo: Project) -> None:
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


def test_code_edits_keep_codings(demo: Project) -> None:
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


def test_undo_of_an_in_vivo_coding_removes_its_code(tmp_path: Path) -> None:
    from verbatims.model.entities import NewDocument
    from verbatims.store import history

    project = Project.create(str(tmp_path / "p.sqlite"))
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
