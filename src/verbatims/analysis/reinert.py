"""Reinert's descending hierarchical classification, step by step as IRaMuTeQ's CHD.R does it.

The table is binary: rows are context units (segments, or segments grouped), columns
terms, 1 where the unit holds the term. One split of a class into two:

1. the first factor of the correspondence analysis of the class's table orders its
   rows; the cut along that order whose two groups give the largest χ² of the
   2-row table (groups × terms) is kept (`best_cut`);
2. rows are then moved one by one to the other group whenever that raises the χ²,
   pass after pass, until a pass moves nothing (`switch`);
3. a term strongly tied to one group (its 2×2 χ² above 1.9·(larger/smaller) + 1.9,
   Yates-corrected when a count is under 10) is taken out of the other group's
   table for the splits below (`eliminated`); terms seen fewer than 3 times in a
   class are left out of its split, and rows left with no term are not classed.

The largest class is split next, `splits` times: classes 2i and 2i + 1 are the
children made at step i, the root is 1 (IRaMuTeQ's numbering). `double` crosses
two such trees, computed on units of two sizes, into the classes both agree on.
Pure numpy and scipy; the analysis that reads a project is `analysis/chd.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

MIN_TERM = 3  # a term seen fewer times in a class does not take part in splitting it
MIN_ROWS = 10  # a class with fewer rows is not split


@dataclass
class Tree:
    """A descending classification of the rows of a table."""

    parent: dict[int, int] = field(default_factory=dict)
    children: dict[int, tuple[int, int]] = field(default_factory=dict)
    members: dict[int, np.ndarray] = field(default_factory=dict)  # rows given the class
    inertia: dict[int, float] = field(default_factory=dict)  # split's χ²/n, by the parent
    leaves: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def ancestors(self, node: int) -> list[int]:
        out = []
        while node in self.parent:
            node = self.parent[node]
            out.append(node)
        return out

    def descendants(self, node: int) -> list[int]:
        out: list[int] = []
        stack = list(self.children.get(node, ()))
        while stack:
            n = stack.pop()
            out.append(n)
            stack.extend(self.children.get(n, ()))
        return out

    def related(self, node: int) -> set[int]:
        """The node, its ancestors and its descendants (classes that overlap it)."""
        return {node, *self.ancestors(node), *self.descendants(node)}

    def order(self) -> list[int]:
        """Every node, depth first from the root, child 2i before 2i + 1."""
        out = []
        stack = [1]
        while stack:
            n = stack.pop()
            out.append(n)
            stack.extend(reversed(self.children.get(n, ())))
        return out


def chi2_two_rows(q: np.ndarray | float, n1: np.ndarray | float, n: float
                  ) -> np.ndarray | float:
    """χ² of a 2-row table from Q = Σ_j T1j²/c_j, T1's total n1 and the grand total n:
    χ² = n²/(n1·n2)·(Q − n1²/n), the 2-row form of Σ (O − E)²/E."""
    n2 = n - n1
    with np.errstate(divide="ignore", invalid="ignore"):
        value = n * n / (n1 * n2) * (q - n1 * n1 / n)
    return np.where((n1 > 0) & (n2 > 0), value, 0.0) if isinstance(value, np.ndarray) \
        else (float(value) if n1 > 0 and n2 > 0 else 0.0)


def first_factor(m: sparse.csr_matrix) -> np.ndarray:
    """The rows' coordinates on the first factor of the correspondence analysis of `m`.

    The factor is the top eigenvector v of SᵀS = D_c^-½ (Pᵀ D_r⁻¹ P − c cᵀ) D_c^-½, a
    terms × terms matrix (small: a few thousand terms at most); the rows' principal
    coordinates are then D_r⁻¹ (P w − r (c·w)) with w = D_c^-½ v."""
    from scipy.sparse.linalg import LinearOperator, eigsh, svds

    total = float(m.sum())
    r = np.asarray(m.sum(axis=1)).ravel() / total
    c = np.asarray(m.sum(axis=0)).ravel() / total
    cs = 1 / np.sqrt(c)
    p = (m / total).tocsr()
    cols = m.shape[1]
    if cols <= 3000:
        start = np.linspace(1.0, 2.0, cols)  # a fixed start: the same factor each run
        gram = (p.T @ sparse.diags(1 / r) @ p).toarray()
        k = (gram - np.outer(c, c)) * cs[:, None] * cs[None, :]
        if cols <= 3:
            vectors = np.linalg.eigh(k)[1][:, -1:]
        else:
            _values, vectors = eigsh(k, k=1, which="LA", v0=start, tol=1e-9, maxiter=20000)
        w = cs * vectors[:, 0]
        coord = (p @ w - r * (c @ w)) / r
    else:
        rs = 1 / np.sqrt(r)
        pt = p.T.tocsr()

        def matvec(v: np.ndarray) -> np.ndarray:
            w = cs * np.ravel(v)
            return np.asarray(rs * (p @ w - r * (c @ w)), dtype=float)

        def rmatvec(v: np.ndarray) -> np.ndarray:
            w = rs * np.ravel(v)
            return np.asarray(cs * (pt @ w - c * (r @ w)), dtype=float)

        op = LinearOperator(m.shape, matvec=matvec, rmatvec=rmatvec, dtype=float)
        u, sigma, _vt = svds(op, k=1, v0=np.linspace(1.0, 2.0, min(m.shape)), tol=1e-7,
                             maxiter=20000)
        coord = u[:, 0] * rs * sigma[0]  # principal coordinates, as above
    top = int(np.argmax(np.abs(coord)))
    return np.asarray(-coord if coord[top] < 0 else coord, dtype=float)


def best_cut(m: sparse.csr_matrix, order: np.ndarray) -> tuple[int, float]:
    """The cut of the rows taken in `order` (the first `k` against the others) with the
    largest χ²; returns (k, χ²). Computed for every k at once: adding row i to the first
    group raises Q by Σ_{j∈i} (2·T1j + 1)/c_j, T1j counting the earlier rows holding j."""
    sub = m[order].tocoo()
    c = np.asarray(m.sum(axis=0)).ravel().astype(float)
    n = float(c.sum())
    rows, cols = sub.row, sub.col
    by_col = np.lexsort((rows, cols))
    sorted_cols = cols[by_col]
    first = np.searchsorted(sorted_cols, sorted_cols, side="left")
    rank = np.empty(len(cols), dtype=np.int64)
    rank[by_col] = np.arange(len(cols)) - first
    gain = (2 * rank + 1) / c[cols]
    per_row = np.bincount(rows, weights=gain, minlength=len(order))
    sizes = np.bincount(rows, minlength=len(order)).astype(float)
    q = np.cumsum(per_row)[:-1]
    n1 = np.cumsum(sizes)[:-1]
    values = np.asarray(chi2_two_rows(q, n1, n))
    k = int(np.argmax(values))
    return k + 1, float(values[k])


def switch(m: sparse.csr_matrix, in_first: np.ndarray, max_passes: int = 50
           ) -> tuple[np.ndarray, float]:
    """Move rows one at a time to the other group when that raises the χ², in row order,
    pass after pass until a pass moves nothing or repeats the last one (IRaMuTeQ)."""
    in_first = in_first.copy()
    c = np.asarray(m.sum(axis=0)).ravel().astype(float)
    inv = 1.0 / c
    n = float(c.sum())
    t1 = np.asarray(m[in_first].sum(axis=0)).ravel().astype(float)
    q = float((t1 * t1 * inv).sum())
    n1 = float(t1.sum())
    current = float(chi2_two_rows(q, n1, n))
    indptr, indices = m.indptr, m.indices
    summed = np.add.reduceat(inv[indices], indptr[:-1]) if len(indices) else np.zeros(0)
    summed[np.diff(indptr) == 0] = 0.0
    row_inv: list[float] = summed.tolist()  # python floats: the loop below is scalar
    sizes = np.diff(indptr).astype(float).tolist()
    last: list[int] = []
    n_sq = n * n
    for _ in range(max_passes):
        if in_first.sum() < 5 or (~in_first).sum() < 5:
            break
        moved = []
        for i in range(m.shape[0]):
            a, b = indptr[i], indptr[i + 1]
            if a == b:
                continue
            idx = indices[a:b]
            dot = float(t1[idx] @ inv[idx])
            first = in_first[i]
            if first:
                q2, n2 = q - 2 * dot + row_inv[i], n1 - sizes[i]
            else:
                q2, n2 = q + 2 * dot + row_inv[i], n1 + sizes[i]
            other = n - n2
            value = n_sq / (n2 * other) * (q2 - n2 * n2 / n) if n2 > 0 and other > 0 else 0.0
            if value > current + 1e-12:
                t1[idx] += -1.0 if first else 1.0
                in_first[i] = not first
                q, n1, current = q2, n2, value
                moved.append(i)
        if not moved or moved == last:
            break
        last = moved
    return in_first, current


def eliminated(m: sparse.csr_matrix, in_first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Columns to leave out below each group: those whose 2×2 χ² (present/absent × group)
    passes IRaMuTeQ's threshold 1.9·(larger/smaller) + 1.9, taken out of the group where
    they are under-represented. A term absent from a group altogether is out of it."""
    n1, n2 = float(in_first.sum()), float((~in_first).sum())
    one = np.vstack([np.asarray(m[in_first].sum(axis=0)).ravel(),
                     np.asarray(m[~in_first].sum(axis=0)).ravel()]).T.astype(float)
    cols = np.array([n1, n2])
    zero = cols[None, :] - one
    n = n1 + n2
    present = one.sum(axis=1)
    absent = zero.sum(axis=1)
    seuil = 1.9 * (max(n1, n2) / max(min(n1, n2), 1.0)) + 1.9
    e_one = present[:, None] * cols[None, :] / n
    e_zero = absent[:, None] * cols[None, :] / n
    small = (np.minimum(one, zero).min(axis=1) < 10)
    corr = np.where(small[:, None], 0.5, 0.0)

    def part(obs: np.ndarray, exp: np.ndarray) -> np.ndarray:
        return np.asarray(np.divide((np.abs(obs - exp) - corr) ** 2, exp,
                                    out=np.zeros_like(exp), where=exp > 0), dtype=float)

    chi = (part(one, e_one) + part(zero, e_zero)).sum(axis=1)
    chi = np.where(one.min(axis=1) == 0, np.where(zero.min(axis=1) != 0, seuil + 1, chi), chi)
    chi = np.where((zero.min(axis=1) == 0) & (one.min(axis=1) != 0), seuil - 1, chi)
    strong = chi > seuil
    out_first = strong & (one[:, 0] < e_one[:, 0])
    out_second = strong & ~out_first & (one[:, 1] < e_one[:, 1])
    return np.nonzero(out_first)[0], np.nonzero(out_second)[0]


def descending(m: sparse.csr_matrix, splits: int, min_rows: int = MIN_ROWS) -> Tree:
    """The descending classification of the rows of a binary table, `splits` times."""
    m = sparse.csr_matrix(m, dtype=np.float64)
    m.data[:] = 1.0
    n_rows = m.shape[0]
    classes = np.ones(n_rows, dtype=np.int64)
    classes[np.diff(m.indptr) == 0] = 0  # rows without a term are never classed
    tree = Tree(members={1: np.nonzero(classes)[0]})
    out_of: dict[int, set[int]] = {1: set()}
    stuck: set[int] = set()  # classes too small, or too uniform, to split
    step = 0
    while step < splits:
        sizes = {k: int(v) for k, v in zip(*np.unique(classes[classes > 0], return_counts=True),
                                           strict=True) if k not in stuck}
        if not sizes:
            break
        node = max(sizes, key=lambda k: (sizes[k], -k))
        rows = np.nonzero(classes == node)[0]
        banned = set().union(*(out_of.get(a, set()) for a in [node, *tree.ancestors(node)]))
        sub = m[rows]
        keep = np.asarray(sub.sum(axis=0)).ravel() >= MIN_TERM
        if banned:
            keep[list(banned)] = False
        cols = np.nonzero(keep)[0]
        sub = sub[:, cols]
        empty = np.asarray(sub.sum(axis=1)).ravel() == 0
        if empty.any():
            classes[rows[empty]] = 0
            rows, sub = rows[~empty], sub[~empty]
        if len(rows) < min_rows or sub.shape[1] < 3:
            stuck.add(node)
            continue
        sub = sub.tocsr()
        coords = first_factor(sub)
        order = np.argsort(coords, kind="stable")
        k, _ = best_cut(sub, order)
        in_first = np.zeros(len(rows), dtype=bool)
        in_first[order[:k]] = True
        in_first, chi2 = switch(sub, in_first)
        if in_first.all() or not in_first.any():
            stuck.add(node)
            continue
        step += 1
        a, b = 2 * step, 2 * step + 1
        tree.parent[a] = tree.parent[b] = node
        tree.children[node] = (a, b)
        tree.members[a], tree.members[b] = rows[in_first], rows[~in_first]
        tree.inertia[node] = chi2 / float(sub.sum())
        classes[rows[in_first]] = a
        classes[rows[~in_first]] = b
        out_a, out_b = eliminated(sub, in_first)
        out_of[a] = {int(cols[j]) for j in out_a}
        out_of[b] = {int(cols[j]) for j in out_b}
    tree.leaves = classes
    return tree


@dataclass(frozen=True)
class Crossed:
    """A class both classifications agree on: a class of each, and their shared rows."""

    first: int
    second: int
    size: int
    chi2: float


def signed_chi2(both: np.ndarray, a: np.ndarray, b: np.ndarray, n: float) -> np.ndarray:
    """χ² (no continuity correction) of the 2×2 tables of two memberships, signed by
    whether they share more rows than chance (their sizes a, b among n; `both` shared)."""
    a, b, both = (np.asarray(x, dtype=float) for x in (a, b, both))
    d = both * (n - a - b + both) - (a - both) * (b - both)
    with np.errstate(divide="ignore", invalid="ignore"):
        chi = np.nan_to_num(n * d * d / (a * (n - a) * b * (n - b)))
    return np.asarray(np.where(both >= a * b / n, chi, -chi), dtype=float)


def membership(tree: Tree, row_of: np.ndarray) -> dict[int, np.ndarray]:
    """Each node's members as segment indices, a segment being in its unit's classes."""
    out = {}
    size = int(max([row_of.max() if len(row_of) else -1,
                    *(r.max() for r in tree.members.values() if len(r))])) + 1
    for node, rows in tree.members.items():
        if node == 1:
            continue
        mask = np.zeros(size, dtype=bool)
        mask[rows] = True
        out[node] = np.nonzero(mask[row_of])[0]
    return out


def double(tree1: Tree, rows1: np.ndarray, tree2: Tree, rows2: np.ndarray, n: int,
           min_size: int, min_chi2: float = 3.84) -> tuple[list[Crossed], np.ndarray]:
    """Cross two classifications of the same `n` segments (segment s is row rows1[s] of the
    first table, rows2[s] of the second) into the classes they agree on.

    Every pair of classes (one of each tree, at any level) holding `min_size` shared
    segments or more and associated (χ² above `min_chi2`, more shared than chance) is a
    candidate ("classe croisée"). The partition kept is the set of candidates, none
    overlapping another in either tree (being, containing or lying within it), whose χ²
    add up to the most: IRaMuTeQ's and rainette's criterion, searched exactly here
    (`best_partition`) where IRaMuTeQ takes candidates greedily. Two classes that agree
    perfectly have a χ² of n whatever their size, so the sum rewards classes both
    classifications find, as many as they find. Returns the classes kept and the class
    of each segment (1, 2…; 0: not classed).
    """
    m1, m2 = membership(tree1, rows1), membership(tree2, rows2)
    candidates: list[Crossed] = []
    for a, sa in m1.items():
        set_a = np.zeros(n, dtype=bool)
        set_a[sa] = True
        for b, sb in m2.items():
            both = int(set_a[sb].sum())
            if both < max(min_size, 1):
                continue
            chi = float(signed_chi2(np.array([both]), np.array([len(sa)]), np.array([len(sb)]),
                                    float(n))[0])
            if chi > min_chi2:
                candidates.append(Crossed(a, b, both, chi))

    best = best_partition(mutual(candidates), tree1, tree2)
    order = {node: i for i, node in enumerate(tree1.order())}
    best.sort(key=lambda c: order[c.first])
    classes = np.zeros(n, dtype=np.int64)
    for k, cand in enumerate(best, start=1):
        inside = np.zeros(n, dtype=bool)
        inside[m1[cand.first]] = True
        shared = np.zeros(n, dtype=bool)
        shared[m2[cand.second]] = True
        classes[inside & shared] = k
    return best, classes


def mutual(candidates: Sequence[Crossed]) -> list[Crossed]:
    """The pairs of classes each other's strongest association (Reinert's criterion, the
    "classic" analysis of rainette): the class of the second tree most associated with
    the first's, and that one's most associated class of the first tree."""
    best1: dict[int, Crossed] = {}
    best2: dict[int, Crossed] = {}
    for c in candidates:
        if c.first not in best1 or c.chi2 > best1[c.first].chi2:
            best1[c.first] = c
        if c.second not in best2 or c.chi2 > best2[c.second].chi2:
            best2[c.second] = c
    return [c for c in candidates if best1[c.first] is c and best2[c.second] is c]


def best_partition(candidates: Sequence[Crossed], tree1: Tree, tree2: Tree,
                   budget: int = 400_000, more: bool = True) -> list[Crossed]:
    """The compatible candidates (no two overlapping in either tree): the most of them
    (`more`), and among those the set of largest total χ²; by branch and bound over
    candidates ranked by χ². After `budget` steps the best found so far (at least the
    greedy one) is kept."""
    ranked = sorted(candidates, key=lambda c: (-c.chi2, -c.size, c.first, c.second))
    n = len(ranked)
    if not n:
        return []
    # one class more always outweighs any χ² (more classes first, then the larger sum)
    bonus = sum(c.chi2 for c in ranked) + 1.0 if more else 0.0
    chi = [c.chi2 + bonus for c in ranked]
    related1 = {c.first: tree1.related(c.first) for c in ranked}
    related2 = {c.second: tree2.related(c.second) for c in ranked}
    clash = []
    for i, a in enumerate(ranked):
        bits = 0
        for j, b in enumerate(ranked):
            if j != i and (b.first in related1[a.first] or b.second in related2[a.second]):
                bits |= 1 << j
        clash.append(bits)
    best_total = -1.0
    best_set = 0
    steps = 0

    def bound(allowed: int) -> float:
        total = 0.0
        while allowed:
            low = allowed & -allowed
            total += chi[low.bit_length() - 1]
            allowed ^= low
        return total

    def search(i: int, chosen: int, allowed: int, total: float) -> None:
        nonlocal best_total, best_set, steps
        steps += 1
        if total > best_total:
            best_total, best_set = total, chosen
        if steps > budget:
            return
        allowed &= ~((1 << i) - 1)
        if not allowed or total + bound(allowed) <= best_total + 1e-9:
            return
        j = (allowed & -allowed).bit_length() - 1
        search(j + 1, chosen | 1 << j, allowed & ~clash[j] & ~(1 << j), total + chi[j])
        search(j + 1, chosen, allowed & ~(1 << j), total)

    search(0, 0, (1 << n) - 1, 0.0)
    return [c for k, c in enumerate(ranked) if best_set >> k & 1]


def terminals(tree: Tree, min_size: int) -> dict[int, list[int]]:
    """IRaMuTeQ's terminal classes of a single classification (find.terminales): the
    final classes holding `min_size` rows or more; a smaller one is folded into its
    parent class when that parent is big enough and none of its other descendants is
    kept on its own (else its rows are not classed). Returns each terminal class with
    the final classes whose rows it takes."""
    leaves = tree.leaves
    counts = {int(k): int(v) for k, v in zip(*np.unique(leaves[leaves > 0], return_counts=True),
                                             strict=True)}
    keep = [k for k in sorted(counts) if counts[k] >= min_size]
    todo = [k for k in sorted(counts) if counts[k] < min_size]
    guard = 0
    while todo and guard < 10_000:
        guard += 1
        val = todo.pop(0)
        mother = tree.parent.get(val, 1)
        if mother == 1:
            continue
        others = set(tree.descendants(mother)) - {val}
        big = len(tree.members.get(mother, ())) >= min_size
        if big and not others & set(todo) and not others & set(keep):
            keep.append(mother)
            todo = [t for t in todo if t not in others | {val, mother}]
        elif big and not others & set(keep) and others & set(todo) and mother not in todo:
            todo.insert(0, mother)
    order = {node: i for i, node in enumerate(tree.order())}
    out = {}
    for node in sorted(keep, key=order.__getitem__):
        out[node] = [node] if node in counts else sorted(
            (d for d in tree.descendants(node) if d in counts), key=order.__getitem__)
    return out


def simple(tree: Tree, n_rows: int, min_size: int) -> tuple[list[int], np.ndarray]:
    """The classes of a single classification (IRaMuTeQ's "classification simple"): its
    terminal classes (`terminals`) numbered 1, 2… in the tree's order; 0: not classed."""
    kept = terminals(tree, min_size)
    classes = np.zeros(n_rows, dtype=np.int64)
    for k, leaves in enumerate(kept.values(), start=1):
        classes[np.isin(tree.leaves, leaves)] = k
    return list(kept), classes


def units_of(segment_sizes: Sequence[int], documents: Sequence[int], min_terms: int,
             breaks: Sequence[bool] | None = None) -> np.ndarray:
    """Consecutive segments of one document grouped until a group holds `min_terms` terms
    (IRaMuTeQ's rst1/rst2 units, `corpus.make_uc`): the group index of each segment. A
    group never runs over a paragraph, as in IRaMuTeQ: `breaks[i]` says segment i opens
    one (in an interview, a new answer), so one unit never joins two answers."""
    out = np.zeros(len(segment_sizes), dtype=np.int64)
    group = -1
    held = min_terms
    last_doc = None
    for i, (size, doc) in enumerate(zip(segment_sizes, documents, strict=True)):
        if held >= min_terms or doc != last_doc or (breaks is not None and breaks[i]):
            group += 1
            held = 0
        out[i] = group
        held += size
        last_doc = doc
    return out
