"""Fixing an import without importing again: speakers' roles and names, a document's
turns re-split, a document removed. Each is one action of the undo log.

The text of a document never changes here: a turn is offsets over it, so its
codings stay where they are. Removing a document keeps all of it (text, turns,
attributes, codings, memos, summaries, suggestions) in the log, so that undo
puts it back exactly, under the same ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.model.entities import Role, Turn
from verbatims.store import actions
from verbatims.store import schema as s
from verbatims.store.history import record
from verbatims.store.project import Project

_TURN_COLUMNS = ("id", "document_id", "idx", "start", "end", "speaker", "role",
                 "time_start_ms", "time_end_ms", "body_start")


@dataclass(frozen=True)
class Changed:
    turns: int
    documents: int


# -- the undo log --------------------------------------------------------------------------
# One function, so that these actions join whichever log the store keeps.


def _log(conn: Connection, kind: str, document_id: int, payload: dict[str, Any],
         coder: str) -> None:
    record(conn, kind, document_id, {"document_id": document_id, **payload}, coder)


# -- speakers ------------------------------------------------------------------------------


def set_speaker(project: Project, label: str, coder: str, role: Role | None = None,
                rename: str | None = None, document_id: int | None = None) -> Changed:
    """Give every turn of speaker `label` (in one document, or all) a role or a new name."""
    if role is None and not (rename or "").strip():
        raise UserError(_("Say what to change: --role interviewer|respondent, or --rename "
                          "NEW."))
    new_name = " ".join(rename.split()) if rename else None
    with project.write() as conn:
        query = select(s.turns.c.id, s.turns.c.document_id, s.turns.c.speaker, s.turns.c.role
                       ).where(s.turns.c.speaker == label)
        if document_id is not None:
            query = query.where(s.turns.c.document_id == document_id)
        rows = conn.execute(query).all()
        if not rows:
            rows = _folded(conn, label, document_id)
        if not rows:
            raise UserError(_("No speaker {label!r} in {where}; `verbatims speakers` lists "
                              "them.").format(label=label, where=_("this document")
                                              if document_id is not None
                                              else _("this project")))
        changes = []
        for turn_id, _doc, speaker, old_role in rows:
            after_name = new_name or speaker
            after_role = role or old_role
            if (after_name, after_role) != (speaker, old_role):
                changes.append([int(turn_id), speaker, old_role, after_name, after_role])
        for turn_id, _before, _old, after_name, after_role in changes:
            conn.execute(update(s.turns).where(s.turns.c.id == turn_id)
                         .values(speaker=after_name, role=after_role))
        docs = {int(r[1]) for r in rows}
        if changes:
            _log(conn, "speakers", document_id or min(docs), {"changes": changes}, coder)
    return Changed(len(changes), len(docs))


def _folded(conn: Connection, label: str, document_id: int | None) -> list[Any]:
    """Rows of the speaker whose label differs from `label` only by case and blanks."""
    wanted = " ".join(label.split()).casefold()
    query = select(s.turns.c.id, s.turns.c.document_id, s.turns.c.speaker, s.turns.c.role
                   ).where(s.turns.c.speaker.is_not(None))
    if document_id is not None:
        query = query.where(s.turns.c.document_id == document_id)
    return [r for r in conn.execute(query).all()
            if " ".join(str(r[2]).split()).casefold() == wanted]


def _undo_speakers(conn: Connection, payload: dict[str, Any], backwards: bool) -> bool:
    changes = payload["changes"]
    ids = [c[0] for c in changes]
    found = {int(i) for i in conn.execute(select(s.turns.c.id).where(s.turns.c.id.in_(ids)))
             .scalars()}
    if len(found) != len(ids):
        return False  # the turns were re-split since
    for turn_id, before, old_role, after, new_role in changes:
        conn.execute(update(s.turns).where(s.turns.c.id == turn_id).values(
            speaker=before if backwards else after, role=old_role if backwards else new_role))
    return True


# -- turns ---------------------------------------------------------------------------------


def replace_turns(project: Project, document_id: int, turns: Sequence[Turn],
                  coder: str) -> None:
    """A document's turns found again (its text and codings unchanged), logged for undo."""
    with project.write() as conn:
        before = _turn_rows(conn, document_id)
        conn.execute(delete(s.turns).where(s.turns.c.document_id == document_id))
        after = _insert_turns(conn, document_id, turns)
        _log(conn, "turns", document_id, {"before": before, "after": after}, coder)


def _turn_rows(conn: Connection, document_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(select(*[s.turns.c[c] for c in _TURN_COLUMNS])
                        .where(s.turns.c.document_id == document_id)
                        .order_by(s.turns.c.idx)).all()
    return [dict(zip(_TURN_COLUMNS, row, strict=True)) for row in rows]


def _insert_turns(conn: Connection, document_id: int, turns: Sequence[Turn]
                  ) -> list[dict[str, Any]]:
    for i, t in enumerate(turns):
        conn.execute(insert(s.turns).values(
            document_id=document_id, idx=i, start=t.start, end=t.end, speaker=t.speaker,
            role=t.role, time_start_ms=t.time_start_ms, time_end_ms=t.time_end_ms,
            body_start=t.body_start))
    return _turn_rows(conn, document_id)


def _undo_turns(conn: Connection, payload: dict[str, Any], backwards: bool) -> bool:
    document_id = int(payload["document_id"])
    if not _exists(conn, document_id):
        return False
    conn.execute(delete(s.turns).where(s.turns.c.document_id == document_id))
    rows = payload["before" if backwards else "after"]
    if rows:
        conn.execute(insert(s.turns), rows)
    return True


# -- removing a document -------------------------------------------------------------------

_KEPT = (
    ("documents", lambda d: s.documents.c.id == d),
    ("turns", lambda d: s.turns.c.document_id == d),
    ("attributes", lambda d: s.attributes.c.document_id == d),
    ("codings", lambda d: s.codings.c.document_id == d),
    ("memos", lambda d: and_(s.memos.c.kind == "document", s.memos.c.target_id == d)),
    ("summaries", lambda d: s.summaries.c.document_id == d),
    ("suggestions", lambda d: s.suggestions.c.document_id == d),
)


@dataclass(frozen=True)
class Removed:
    name: str
    codings: int
    memos: int


def remove_document(project: Project, document_id: int, coder: str) -> Removed:
    """Delete a document and all that hangs on it, in one undoable action."""
    with project.write() as conn:
        found = conn.execute(select(s.documents.c.name).where(s.documents.c.id == document_id)
                             ).scalar_one_or_none()
        if found is None:
            raise UserError(_("No document {id} in this project; `verbatims documents` lists "
                              "them.").format(id=document_id))
        kept: dict[str, list[dict[str, Any]]] = {}
        for name, where in _KEPT:
            table = getattr(s, name)
            kept[name] = [dict(r._mapping) for r in conn.execute(
                select(table).where(where(document_id))).all()]
        _delete(conn, document_id)
        _log(conn, "remove-document", document_id, {"kept": kept}, coder)
    project._code_cache = None
    return Removed(str(found), len(kept["codings"]), len(kept["memos"]))


def _delete(conn: Connection, document_id: int) -> None:
    for name, where in reversed(_KEPT):
        conn.execute(delete(getattr(s, name)).where(where(document_id)))


def _undo_remove(conn: Connection, payload: dict[str, Any], backwards: bool) -> bool:
    document_id = int(payload["document_id"])
    if not backwards:
        if not _exists(conn, document_id):
            return False
        _delete(conn, document_id)
        return True
    if _exists(conn, document_id):
        return False
    kept = payload["kept"]
    name = kept["documents"][0]["name"]
    if conn.execute(select(s.documents.c.id).where(s.documents.c.name == name)).first():
        return False  # a document of that name was imported since
    codes = set(conn.execute(select(s.codes.c.id)).scalars())
    for table, _where in _KEPT:
        rows = kept.get(table, [])
        if table in ("codings", "summaries", "suggestions"):
            rows = [r for r in rows if r["code_id"] in codes]  # codes deleted since stay out
        if rows:
            conn.execute(insert(getattr(s, table)), rows)
    return True


def _exists(conn: Connection, document_id: int) -> bool:
    return conn.execute(select(s.documents.c.id).where(s.documents.c.id == document_id)
                        ).first() is not None


# What undo and redo call for these actions, and how they name them.
actions.register("speakers", _undo_speakers, N_("change of speaker"))
actions.register("turns", _undo_turns, N_("new split of turns"))
actions.register("remove-document", _undo_remove, N_("removal of a document"))
