"""The code tree over a flat list of codes: sub-codes and paths, no store access.

A code stands for its whole subtree wherever codes are chosen (`--code`, the
extracts pane, the document filter's `code=`, figures, the grid), so there is
one way of finding that subtree, used by the store and by the workbench.
"""

from __future__ import annotations

from collections.abc import Iterable

from verbatims.model.entities import Code


def descendants(codes: Iterable[Code], code_id: int) -> set[int]:
    """`code_id` and the ids of all its sub-codes, at any depth."""
    children: dict[int | None, list[int]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code.id)
    found = {code_id}
    stack = [code_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:  # a damaged tree with a loop must not hang
                found.add(child)
                stack.append(child)
    return found


def paths(codes: Iterable[Code]) -> dict[int, str]:
    """Each code's path ("numérique responsable/sobriété"), parents named first."""
    by_id = {c.id: c for c in codes}
    out: dict[int, str] = {}

    def path(code_id: int) -> str:
        if code_id not in out:
            code = by_id[code_id]
            parent = code.parent_id
            out[code_id] = (f"{path(parent)}/{code.name}"
                            if parent is not None and parent in by_id else code.name)
        return out[code_id]

    for code_id in by_id:
        path(code_id)
    return out
