"""The store's flat code list as the nested tree codebook files hold."""

from __future__ import annotations

from typing import Any

from verbatims.model.entities import Code


def tree_from_codes(codes: list[Code]) -> list[dict[str, Any]]:
    """Nested dicts in codebook-file form, children in their stored order."""
    nodes: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for code in codes:  # parents come before children
        node: dict[str, Any] = {"name": code.name, "color": code.color}
        for key, value in (("definition", code.definition), ("include", code.include),
                           ("exclude", code.exclude)):
            if value:
                node[key] = value
        for key, items in (("keywords", code.keywords), ("patterns", code.patterns),
                           ("examples", code.examples)):
            if items:
                node[key] = list(items)
        if not code.codable:
            node["codable"] = False
        nodes[code.id] = node
        if code.parent_id is None:
            roots.append(node)
        else:
            nodes[code.parent_id].setdefault("codes", []).append(node)
    return roots
