"""The undo history: every change a researcher can take back, logged in the very
transaction that makes it, so what is on screen and what undo knows never differ.

Vocabulary
    item   one change of one *kind* ("coding.add", "memo.set"…) and its JSON payload;
    step   what one undo reverses: one item, or a group ("accept 40 suggestions",
           "import a .qdpx", an in-vivo code and its coding).

A new kind is one pair of functions over a connection, registered once::

    def do(conn: Connection, payload: Payload) -> Payload:
        '''Make the change, the first time and again on redo; return the payload to
        log, completed with what undo needs (the id assigned, the state before).'''

    def undo(conn: Connection, payload: Payload) -> Payload | None:
        '''Reverse it from the logged payload; return a new payload for redo when
        it needs more than do logged (a document's text, kept only once removed).'''

    history.register("document.remove", N_("removal of a document"), do, undo)

and the store method making the change calls, inside its write transaction,
``history.perform(conn, "document.remove", {"id": 3, "document_id": 3}, coder)``
(or makes the change itself, in bulk, then logs it with `record`).
Rules for a kind: do on redo gets back exactly the payload it returned (so it
reuses the ids it assigned); do and undo raise `Gone` ("its code was deleted") when
the change can no longer be made, and the step then leaves the history with that
sentence shown, nothing changed; a payload with a "document_id" ties its step to
that document (listed by `verbatims history`, redrawn by the workbench). The
module defining a kind must be imported by `verbatims.store` (see its
``__init__``), so that undo knows every kind whichever command runs it.

Grouping: every change made inside ``with history.step(project, "qdpx.import",
coder):`` (store methods included: their writes join the open transaction) is one
step; name a group's label once with `register_group`.

The history is linear, like an editor's: undone steps stay (and can be redone)
until a new change discards them. It lives in the project, so the command line
(`verbatims undo`, `redo`, `history`) and the workbench share it.

On a team project each coder has their own line: `undo(store, coder)` takes back
that coder's latest step only (Alice's undo never reverses Bob's coding), and a new
change discards only its own coder's undone steps (Bob coding meanwhile never drops
what Alice can redo). On PostgreSQL the step is locked while it is undone, so the
same coder in two windows cannot undo it twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.store import schema as s
from verbatims.store.base import StoreBase
from verbatims.store.convert import now

Payload = dict[str, Any]
Do = Callable[[Connection, Payload], Payload]
Undo = Callable[[Connection, Payload], Payload | None]

_S, _I = s.history_steps, s.history_items
_GROUP = "verbatims.history.group"  # key of the open group in Connection.info


class Gone(UserError):
    """A logged change that can no longer be made (or reversed): say why in a sentence."""


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # English noun phrase marked with N_(), translated when shown
    do: Do
    undo: Undo


@dataclass(frozen=True)
class Group:
    name: str
    singular: str  # N_() marked, with {n}: "{n} accepted suggestion"
    plural: str
    counts: str | None  # the kind whose items the label counts (None: every item)


_KINDS: dict[str, Kind] = {}
_GROUPS: dict[str, Group] = {}


def register(name: str, label: str, do: Do, undo: Undo) -> None:
    """Make a kind of change undoable (see the module docstring)."""
    known = _KINDS.get(name)
    if known is not None and (known.do is not do or known.undo is not undo):
        raise ValueError(f"two history kinds are named {name!r}")
    _KINDS[name] = Kind(name, label, do, undo)


def register_group(name: str, singular: str, plural: str, counts: str | None = None
                   ) -> None:
    """Name a group of changes made as one step (`step(store, name, coder)`).

    `singular` and `plural` (each marked with N_()) may hold {n}, the number of items
    of kind `counts` in the step (of every item when None).
    """
    _GROUPS[name] = Group(name, singular, plural, counts)


def kinds() -> dict[str, Kind]:
    return dict(_KINDS)


def label(name: str, n: int = 1) -> str:
    """What a step or kind of that name is, in the user's language."""
    group = _GROUPS.get(name)
    if group is not None:
        return _(group.singular if n == 1 else group.plural).format(n=n)
    if name in _KINDS:
        return _(_KINDS[name].label)
    return name


def _kind(name: str) -> Kind:
    try:
        return _KINDS[name]
    except KeyError:
        raise UserError(_("The history holds a change of a kind this version does not know "
                          "({kind}); upgrade verbatims to undo or redo it.").format(kind=name)
                        ) from None


# -- recording ---------------------------------------------------------------------------


def perform(conn: Connection, kind: str, payload: Payload, coder: str) -> Payload:
    """Make a change of a registered kind on `conn` and log it, in the caller's transaction."""
    try:
        done = _kind(kind).do(conn, dict(payload))
    except Gone as gone:  # asked now, not replayed: a sentence of its own
        raise UserError(gone.message[:1].upper() + gone.message[1:]) from None
    _log(conn, kind, done, coder)
    return done


def record(conn: Connection, kind: str, payload: Payload, coder: str) -> None:
    """Log a change its store method has just made itself (in bulk, with its own checks),
    as if `perform` had made it: `payload` must be what that kind's do would return."""
    _kind(kind)
    _log(conn, kind, payload, coder)


@contextmanager
def step(store: StoreBase, name: str, coder: str) -> Iterator[Connection]:
    """One write transaction whose changes are one undo step named `name`."""
    with store.write() as conn, grouped(conn, name, coder):
        yield conn


@contextmanager
def grouped(conn: Connection, name: str, coder: str) -> Iterator[None]:
    """`step` on a connection the caller holds; nested inside another group, joins it."""
    if conn.info.get(_GROUP) is not None:
        yield
        return
    known = _GROUPS.get(name)
    group: dict[str, Any] = {"name": name, "coder": coder, "step": None, "size": 0,
                             "counted": 0, "counts": known.counts if known else None,
                             "documents": set(), "kinds": set()}
    conn.info[_GROUP] = group
    try:
        yield
        if group["step"] is not None:
            docs = group["documents"]
            size = group["counted"] if group["counts"] else group["size"]
            values: dict[str, Any] = {}
            if group["counts"] and not group["counted"] and len(group["kinds"]) == 1:
                # none of what it counts ("0 imported documents"): named by what it did
                values = {"name": next(iter(group["kinds"]))}
                size = group["size"]
            conn.execute(update(_S).where(_S.c.id == group["step"]).values(
                size=size, document_id=next(iter(docs)) if len(docs) == 1 else None,
                **values))
    finally:
        conn.info.pop(_GROUP, None)


def _log(conn: Connection, kind: str, payload: Payload, coder: str) -> None:
    document = payload.get("document_id")
    group = conn.info.get(_GROUP)
    if group is None:
        step_id = _new_step(conn, kind, coder, document, 1)
        seq = 0
    else:
        if group["step"] is None:
            group["step"] = _new_step(conn, group["name"], group["coder"] or coder, document,
                                      0)
        step_id, seq = group["step"], group["size"]
        group["size"] += 1
        group["counted"] += kind == group["counts"]
        group["documents"].add(document)
        group["kinds"].add(kind)
    conn.execute(insert(_I).values(step_id=step_id, seq=seq, kind=kind,
                                   payload=json.dumps(payload, ensure_ascii=False)))


def _new_step(conn: Connection, name: str, coder: str, document: int | None,
              size: int) -> int:
    """A new step; it forgets what its coder had undone, so redo only replays an unbroken
    chain (a colleague's undone steps stay theirs to redo)."""
    _drop(conn, select(_S.c.id).where(_S.c.undone == 1, _S.c.coder == coder))
    return int(conn.execute(insert(_S).values(
        name=name, coder=coder, created_at=now(), undone=0, document_id=document, size=size,
    ).returning(_S.c.id)).scalar_one())


def _drop(conn: Connection, ids: Any) -> None:
    conn.execute(delete(_I).where(_I.c.step_id.in_(ids)))
    conn.execute(delete(_S).where(_S.c.id.in_(ids)))


# -- undo, redo, listing -----------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    kind: str
    payload: Payload


@dataclass(frozen=True)
class Step:
    """One entry of the history, as undo, redo and `verbatims history` report it."""

    id: int
    name: str
    coder: str
    created_at: str
    undone: bool
    document_id: int | None
    size: int  # what the label counts: items, or those of the group's counted kind
    first: Item | None  # the first change of the step, for a detail

    def describe(self) -> str:
        """What the step did, in the user's language ("coding", "3 accepted suggestions")."""
        return label(self.name, self.size)


def undo(store: StoreBase, coder: str | None = None) -> Step | None:
    """Reverse the latest step not yet undone (`coder`'s, when given: the workbench and
    the command line pass theirs); None when there is nothing to undo."""
    return _move(store, backwards=True, coder=coder)


def redo(store: StoreBase, coder: str | None = None) -> Step | None:
    """Make again the earliest undone step (`coder`'s, when given); None when there is
    nothing to redo."""
    return _move(store, backwards=False, coder=coder)


def _move(store: StoreBase, backwards: bool, coder: str | None = None) -> Step | None:
    failure: Gone | None = None
    query = (select(*_STEP_COLUMNS).where(_S.c.undone == (0 if backwards else 1))
             .order_by(_S.c.id.desc() if backwards else _S.c.id).limit(1))
    if coder is not None:
        query = query.where(_S.c.coder == coder)
    with store.write() as conn:
        if conn.dialect.name != "sqlite":  # SQLite's BEGIN IMMEDIATE already serialises
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None:
            return None
        items = conn.execute(select(_I.c.id, _I.c.kind, _I.c.payload)
                             .where(_I.c.step_id == row[0]).order_by(_I.c.seq)).all()
        try:
            with conn.begin_nested():
                for item_id, kind, payload in (reversed(items) if backwards else items):
                    before = json.loads(payload)
                    spec = _kind(kind)
                    after = (spec.undo if backwards else spec.do)(conn, dict(before))
                    if after is not None and after != before:
                        conn.execute(update(_I).where(_I.c.id == item_id).values(
                            payload=json.dumps(after, ensure_ascii=False)))
        except Gone as gone:
            failure = gone
            _drop(conn, [row[0]])
        else:
            conn.execute(update(_S).where(_S.c.id == row[0])
                         .values(undone=1 if backwards else 0))
        first = Item(items[0][1], json.loads(items[0][2])) if items else None
        found = _step(row, first)
    store.forget_cache()  # a code may have come or gone
    if failure is not None:
        message = (_("Cannot undo the {what}: {reason} It has been dropped from the history.")
                   if backwards else
                   _("Cannot redo the {what}: {reason} It has been dropped from the history."))
        raise UserError(message.format(what=found.describe(), reason=failure.message))
    return Step(found.id, found.name, found.coder, found.created_at, backwards,
                found.document_id, found.size, found.first)


_STEP_COLUMNS = (_S.c.id, _S.c.name, _S.c.coder, _S.c.created_at, _S.c.undone,
                 _S.c.document_id, _S.c.size)


def _step(row: Any, first: Item | None) -> Step:
    return Step(int(row[0]), str(row[1]), str(row[2]), str(row[3]), bool(row[4]),
                None if row[5] is None else int(row[5]), int(row[6]), first)


def steps(store: StoreBase, limit: int | None = 20) -> list[Step]:
    """The latest steps, newest first, undone ones included (they can be redone)."""
    with store.read() as conn:
        query = select(*_STEP_COLUMNS).order_by(_S.c.id.desc())
        rows = conn.execute(query if limit is None else query.limit(limit)).all()
        ids = [int(r[0]) for r in rows]
        firsts: dict[int, Item] = {}
        for i in range(0, len(ids), 500):
            for step_id, kind, payload in conn.execute(
                    select(_I.c.step_id, _I.c.kind, _I.c.payload)
                    .where(_I.c.step_id.in_(ids[i:i + 500]), _I.c.seq == 0)):
                firsts[int(step_id)] = Item(str(kind), json.loads(payload))
    return [_step(r, firsts.get(int(r[0]))) for r in rows]


def forget(store: StoreBase) -> None:
    """Empty the history (a new project's setup is not something to undo)."""
    with store.write() as conn:
        _drop(conn, select(_S.c.id))


def pending(store: StoreBase, coder: str | None = None) -> tuple[int, int]:
    """How many steps can be undone and redone (by `coder`, when given)."""
    query = select(_S.c.undone, func.count()).group_by(_S.c.undone)
    if coder is not None:
        query = query.where(_S.c.coder == coder)
    with store.read() as conn:
        rows: dict[int, int] = {int(u): int(n) for u, n in conn.execute(query)}
    return int(rows.get(0, 0)), int(rows.get(1, 0))
