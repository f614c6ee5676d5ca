"""A workbench notices every commit another process makes, on both backends.

On PostgreSQL the old signal (count and max id of codings) missed a memo, a
recode, an import and a removal followed by an addition; the change counter
catches each of them.
"""

from __future__ import annotations

from collections.abc import Callable

from verbatims.store import Project
from verbatims.store.watch import Watcher


def test_every_kind_of_commit_is_noticed(demo_any: Project) -> None:
    watcher = Watcher(demo_any)
    assert watcher.changed() is False  # the first call takes the baseline
    assert watcher.changed() is False  # nothing happened
    other = Project.open(demo_any.location)  # a colleague's process
    doc = other.documents()[0]
    sobriety, cyber = other.code("sobriété"), other.code("cybersécurité")
    coding = other.add_coding(doc.id, 0, 20, sobriety.id, "bob")
    assert watcher.changed() is True
    assert watcher.changed() is False
    def remove_then_add() -> None:  # the number of codings and their largest id stay
        other.delete_coding(coding.id, "bob")
        other.add_coding(doc.id, 0, 20, cyber.id, "bob")

    steps: list[Callable[[], object]] = [
        lambda: other.change_code(coding.id, cyber.id, "bob"),
        lambda: other.set_coding_memo(coding.id, "à revoir", "bob"),
        lambda: other.set_memo("document", doc.id, "Entretien riche.", "bob"),
        lambda: other.set_summary(doc.id, cyber.id, "Sauvegardes.", "bob"),
        lambda: other.update_code(cyber.id, color="#112233"),
        remove_then_add,
    ]
    for step in steps:
        step()
        assert watcher.changed() is True
    assert demo_any.data_version() == demo_any.data_version()
    watcher.close()
    other.close()


def test_a_failed_write_moves_nothing(demo_any: Project) -> None:
    import pytest

    from verbatims.errors import UserError

    watcher = Watcher(demo_any)
    watcher.changed()
    with pytest.raises(UserError):
        demo_any.add_coding(demo_any.documents()[0].id, 5, 2,
                           demo_any.code("sobriété").id, "ann")
    assert watcher.changed() is False
    watcher.close()
