"""A code's subtree and paths, from the codes alone."""

from __future__ import annotations

from verbatims.model.codetree import descendants, paths
from verbatims.model.entities import Code


def _code(id_: int, parent: int | None, name: str) -> Code:
    return Code(id=id_, parent_id=parent, name=name, color="#999999", position=id_)


CODES = [_code(1, None, "numérique responsable"), _code(2, 1, "sobriété"),
         _code(3, 2, "impressions"), _code(4, None, "cybersécurité"), _code(5, 2, "mails")]


def test_descendants_at_any_depth() -> None:
    assert descendants(CODES, 1) == {1, 2, 3, 5}
    assert descendants(CODES, 2) == {2, 3, 5}
    assert descendants(CODES, 4) == {4}
    assert descendants(reversed(CODES), 1) == {1, 2, 3, 5}  # order does not matter


def test_a_loop_in_a_damaged_tree_ends() -> None:
    loop = [_code(1, 2, "a"), _code(2, 1, "b")]
    assert descendants(loop, 1) == {1, 2}


def test_paths() -> None:
    assert paths(CODES)[3] == "numérique responsable/sobriété/impressions"
    assert paths(list(reversed(CODES)))[5] == "numérique responsable/sobriété/mails"
    assert paths(CODES)[4] == "cybersécurité"
