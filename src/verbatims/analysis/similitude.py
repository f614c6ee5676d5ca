"""The similitude tree: the strongest links that join co-occurring terms, as IRaMuTeQ draws.

Pure functions on small graphs (tens of terms): a maximum spanning forest
(Kruskal, ties broken by name so the same input gives the same tree) and an
order of the terms that keeps each branch together; then `similitude()`, the
analysis `verbatims similitude` draws (networkx for the layout and communities).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from verbatims.errors import UserError
from verbatims.i18n import _

if TYPE_CHECKING:
    from verbatims.store import Project

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
    for a, b, _w in tree:
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


# -- the similitude analysis ---------------------------------------------------------

INDICES = ("cooc", "jaccard")


@dataclass
class Similitude:
    """The terms, the tree that links them and what a figure needs to caption it."""

    nodes: pd.DataFrame  # term, key, frequency (units holding it), community
    edges: pd.DataFrame  # source, target, weight (the index), cooccurrences; the tree
    index: str  # "cooc" or "jaccard"
    label: str  # what the units are: "les extraits codés « … »"
    units: int  # units analysed (holding at least one term)
    excluded: tuple[str, ...] = ()
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)


def _segments(groups: Sequence[Sequence[str]], numbers: Sequence[int], size: int
              ) -> list[set[str]]:
    """Consecutive sentences (by number) joined until each segment holds `size` terms."""
    out: list[set[str]] = []
    current: list[str] = []
    last = None
    for terms, number in zip(groups, numbers, strict=True):
        if current and (last is None or number != last + 1 or len(current) >= size):
            out.append(set(current))
            current = []
        current.extend(terms)
        last = number
    if current:
        out.append(set(current))
    return out


def _index(a: int, fa: int, fb: int, index: str) -> float:
    if index == "jaccard":
        return a / (fa + fb - a)
    return float(a)


def similitude(project: Project, *, pivot: str | None = None, code_ids: set[int] | None = None,
               code_label: str = "", document_ids: Sequence[int] | None = None, top: int = 30,
               index: str = "cooc", min_cooc: int = 1, window: int = 2, segment: int = 12,
               include_interviewer: bool = False, keep_script: bool = False,
               seed: int = 20230412) -> Similitude:
    """IRaMuTeQ's similitude analysis: the `top` terms most present in the units, their
    co-occurrence index (units holding both: count, or Jaccard), the maximum spanning
    tree of that graph, laid out force-directed (Fruchterman–Reingold), and its
    communities (greedy modularity). Pairs seen together fewer than `min_cooc` times
    are no link.

    As in IRaMuTeQ, a unit is a text segment: consecutive sentences of one document
    (around the pivot, inside an extract) joined until they hold `segment` terms
    (about 40 words; 0 keeps single sentences).
    """
    import networkx as nx

    from verbatims.analysis.cooc import (
        by_unit,
        coded_spans,
        find_pivot,
        merger_for,
        own_words,
        pivot_matchers,
    )
    from verbatims.analysis.corpus import load_docs
    from verbatims.analysis.script import question_terms, questions_before, questions_with

    if index not in INDICES:
        raise UserError(_("Unknown index {index!r}; choose cooc or jaccard.").format(
            index=index))
    docs = load_docs(project, document_ids, include_interviewer, keep_meta=keep_script)
    merger = merger_for(project, docs, True)
    left_out: set[str] = set()
    unit_terms: list[set[str]] = []
    if pivot is not None:
        matchers = pivot_matchers(pivot, docs)
        left_out = own_words(docs, pivot) | set().union(*matchers)
        if not keep_script:
            left_out |= question_terms(project, questions_with(project, matchers))
        label = _("the sentences around « {pivot} » (± {window})").format(pivot=pivot,
                                                                         window=window)
        for doc in docs:
            hit = find_pivot(doc, matchers)
            if not hit:
                continue
            blocked = np.zeros(len(doc), dtype=bool)
            blocked[hit] = True
            terms, at = merger.doc_terms(doc, blocked)
            units = sorted(set(doc.unit_of(hit).tolist()))
            near = sorted({v for u in units for v in range(u - window, u + window + 1)
                           if 0 <= v < doc.n_units})
            unit_terms.extend(_segments(by_unit(doc, terms, at, near), near, segment))
        if not unit_terms:
            raise UserError(_("The pivot {pivot!r} occurs nowhere in the analysed documents; "
                              "check its spelling or the --where filter.").format(pivot=pivot))
    elif code_ids is not None:
        spans = coded_spans(project, code_ids)
        left_out = own_words(docs, code_label.rsplit("/", 1)[-1])
        if not keep_script:
            left_out |= question_terms(project, questions_before(project, spans))
        label = _("the extracts coded « {code} »").format(code=code_label)
        for doc in docs:
            coded = spans.get(doc.document_id)
            if not coded:
                continue
            terms, at = merger.doc_terms(doc, ~doc.mask(coded))
            units = sorted(set(doc.unit_of(at).tolist()))
            unit_terms.extend(_segments(by_unit(doc, terms, at, units), units, segment))
        if not unit_terms:
            raise UserError(_("The code {code!r} has no coded extracts in the analysed "
                              "documents; code some extracts first.").format(code=code_label))
    else:
        label = _("all the respondents' sentences")
        for doc in docs:
            terms, at = merger.doc_terms(doc)
            every = list(range(doc.n_units))
            unit_terms.extend(_segments(by_unit(doc, terms, at, every), every, segment))
    gone = sorted({t for u in unit_terms for t in u if set(t.split()) <= left_out})
    unit_terms = [{t for t in u if t not in gone} for u in unit_terms]
    unit_terms = [u for u in unit_terms if u]
    presence: Counter[str] = Counter()
    for u in unit_terms:
        presence.update(u)
    ranked = sorted(presence, key=lambda t: (-presence[t], t))[:top]
    chosen = set(ranked)
    together: Counter[tuple[str, str]] = Counter()
    for u in unit_terms:
        for a, b in combinations(sorted(chosen.intersection(u)), 2):
            together[a, b] += 1
    weights = {(a, b): _index(n, presence[a], presence[b], index)
               for (a, b), n in together.items() if n >= min_cooc}
    tree = maximum_spanning_forest(ranked, [(a, b, w) for (a, b), w in weights.items()])
    linked = {t for a, b, _w in tree for t in (a, b)}
    graph = nx.Graph()
    graph.add_nodes_from(t for t in ranked if t in linked)
    for a, b, w in tree:
        graph.add_edge(a, b, weight=w)
    communities: dict[str, int] = {}
    if graph.number_of_edges():
        found = nx.community.greedy_modularity_communities(graph, weight="weight")
        ordered = sorted((sorted(c, key=lambda t: (-presence[t], t)) for c in found),
                         key=lambda c: (-len(c), -presence[c[0]], c[0]))
        for k, members in enumerate(ordered):
            communities.update(dict.fromkeys(members, k))
    positions: dict[str, tuple[float, float]] = {}
    if graph.number_of_nodes():
        start = {t: (math.cos(2 * math.pi * i / len(graph)), math.sin(2 * math.pi * i / len(graph)))
                 for i, t in enumerate(sorted(graph, key=lambda t: (communities.get(t, 0), t)))}
        # Links inside a community pull harder: the halos then overlap less.
        pull = nx.Graph()
        pull.add_nodes_from(graph)
        top_w = max(w for *_e, w in tree)
        for a, b, w in tree:
            same = communities.get(a) == communities.get(b)
            pull.add_edge(a, b, weight=(w / top_w) * (3.0 if same else 0.3) + 0.2)
        layout = nx.spring_layout(pull, pos=start, weight="weight", iterations=400, seed=seed)
        positions = {str(t): (float(x), float(y)) for t, (x, y) in layout.items()}
    nodes = pd.DataFrame([(merger.display(t), t, presence[t], communities.get(t, -1))
                          for t in ranked if t in linked],
                         columns=["term", "key", "frequency", "community"])
    edges = pd.DataFrame([(merger.display(a), merger.display(b), round(w, 4),
                           together[min(a, b), max(a, b)]) for a, b, w in tree],
                         columns=["source", "target", "weight", "cooccurrences"])
    shown = {t: merger.display(t) for t in positions}
    return Similitude(nodes, edges, index, label, len(unit_terms),
                      tuple(merger.display(g) for g in gone),
                      {shown[t]: p for t, p in positions.items()})
