"""The similitude tree: the strongest links that join co-occurring terms, as IRaMuTeQ draws.

Pure functions on small graphs (tens of terms), so the figures need not load a
graph library: a maximum spanning forest (Kruskal, ties broken by name so the
same input gives the same tree) and an order of the terms that keeps each
branch together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Edge = tuple[str, str, float]


def maximum_spanning_forest(nodes: Iterable[str], edges: Iterable[Edge]) -> list[Edge]:
    """The heaviest edges that connect the nodes without a cycle."""
    parent = {n: n for n in nodes}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    tree = []
    for a, b, w in sorted(edges, key=lambda e: (-e[2], min(e[0], e[1]), max(e[0], e[1]))):
        if a not in parent or b not in parent:
            continue
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb
            tree.append((a, b, w))
    return tree


def tree_order(ranked: Sequence[str], tree: Iterable[Edge]) -> list[str]:
    """Terms walked depth-first along the tree, branch by branch.

    Components come largest first, each from its best-ranked term; neighbours
    are visited best-ranked first. Every term of `ranked` appears once.
    """
    rank = {t: i for i, t in enumerate(ranked)}
    neighbours: dict[str, list[str]] = {t: [] for t in ranked}
    for a, b, _ in tree:
        if a in neighbours and b in neighbours:
            neighbours[a].append(b)
            neighbours[b].append(a)
    seen: set[str] = set()
    components: list[list[str]] = []
    for start in ranked:
        if start in seen:
            continue
        walk: list[str] = []
        stack = [start]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            walk.append(node)
            stack.extend(sorted(neighbours[node], key=lambda t: -rank[t]))
        components.append(walk)
    components.sort(key=lambda c: (-len(c), rank[c[0]]))
    return [t for c in components for t in c]
