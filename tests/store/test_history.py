"""Undo/redo of coding actions, kept in the store across reopening."""

from __future__ import annotations

from pathlib import Path

import pytest

from verbatims.errors import UserError
from verbatims.store import Project, history


def test_undo_redo_survive_reopening(demo_path: Path) -> None:
    project = Project.open(str(demo_path))
    doc = project.documents()[0]
    cyber = project.code("cybersécurité")
    sauvegardes = project.code("sauvegardes")
    coding = project.add_coding(doc.id, 10, 40, cyber.id, "ana")
    project.set_coding_memo(coding.id, "first memo", "ana")
    project.change_code(coding.id, sauvegardes.id, "ana")
    project.close()

    project = Project.open(str(demo_path))
    assert history.pending(project) == (3, 0)
    assert history.undo(project) is not None  # recode
    assert project.codings(doc.id)[0].code_id == cyber.id
    assert history.undo(project) is not None  # memo
    assert project.codings(doc.id)[0].memo is None
    assert history.undo(project) is not None  # add
    assert project.codings(doc.id) == []
    assert history.undo(project) is None
    project.close()

    project = Project.open(str(demo_path))
    assert history.pending(project) == (0, 3)
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
    coding = demo.add_coding(doc.id, 0, 5, code.id, "ana")
    demo.delete_coding(coding.id, "ana")
    assert demo.codings(doc.id) == []
    history.undo(demo)
    assert [c.id for c in demo.codings(doc.id)] == [coding.id]
    history.undo(demo)
    demo.add_coding(doc.id, 1, 3, code.id, "ana")
    assert history.redo(demo) is None
    assert history.pending(demo) == (1, 0)


def test_undo_of_a_coding_whose_code_was_deleted_is_refused_then_dropped(demo: Project) -> None:
    doc = demo.documents()[0]
    code = demo.add_code("temporaire")
    coding = demo.add_coding(doc.id, 0, 5, code.id, "ana")
    demo.delete_coding(coding.id, "ana")
    demo.delete_code(code.id)
    with pytest.raises(UserError, match="code was deleted"):
        history.undo(demo)
    assert history.pending(demo) == (2, 0)  # the code's creation and the coding stay


def test_bad_span_is_refused(demo: Project) -> None:
    doc = demo.documents()[0]
    with pytest.raises(UserError):
        demo.add_coding(doc.id, 5, 5, demo.code("mutualisation").id, "ana")
    assert history.pending(demo) == (0, 0)
