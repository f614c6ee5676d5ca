"""Fixing an import without importing again: speakers' roles and names, a document's
turns found again, a document removed. Each is one undoable step of the history
(kinds speaker.set, turns.replace, document.remove; see store/history.py).

The text of a document never changes here: a turn is offsets over it, so its
codings stay where they are. Removing a document keeps all of it (text, turns,
attributes, codings, memos, summaries, suggestions) in the history, so that
undo puts it back exactly, under the same ids.
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
from verbatims.store import history
from verbatims.store import schema as s
from verbatims.store.documents import restore, snapshot
from verbatims.store.project import Project

_TURN_COLUMNS = ("id", "document_id", "idx", "start", "end", "speaker", "role",
                 "time_start_ms", "time_end_ms", "body_start")


@dataclass(frozen=True)
class Changed:
    turns: int
    documents: int


# -- speakers ------------------------------------------------------------------------------


def set_speaker(project: Project, label: str, coder: str, role: Role | None = None,
                rename: str | None = None, document_id: int | None = None) -> Changed:
    """Give every turn of speaker `label` (in one document, or all) a role or a new name."""
    if role is None and not (rename or "").strip():
        raise UserError(_("Say what to change: --role interviewer|respondent, or --rename "
                          "NEW."))
    new_name = " ".join(rename.split()) if rename else None
    with project.write() as conn:
        rows = _speaker_rows(conn, label, document_id)
        if not rows:
            raise UserError(_("No speaker {label!r} in {where}; `verbatims speakers` lists "
                              "them.").format(label=label, where=_("this document")
                                              if document_id is not None
                                              else _("this project")))
        changes = [[int(turn_id), speaker, old_role, new_name or speaker, role or old_role]
                   for turn_id, _doc, speaker, old_role in rows
                   if (new_name or speaker, role or old_role) != (speaker, old_role)]
        docs = {int(r[1]) for r in rows}
        if changes:
            history.perform(conn, "speaker.set", {
                "document_id": next(iter(docs)) if len(docs) == 1 else None,
                "label": label, "changes": changes}, coder)
    return Changed(len(changes), len(docs))


def _speaker_rows(conn: Connection, label: str, document_id: int | None) -> list[Any]:
    """(turn id, document id, speaker, role) of speaker `label`: written so, else the
    same but for case and blanks."""
    query = select(s.turns.c.id, s.turns.c.document_id, s.turns.c.speaker, s.turns.c.role
                   ).where(s.turns.c.speaker.is_not(None))
    if document_id is not None:
        query = query.where(s.turns.c.document_id == document_id)
    rows = conn.execute(query).all()
    exact = [r for r in rows if r[2] == label]
    if exact:
        return exact
    wanted = " ".join(label.split()).casefold()
    return [r for r in rows if " ".join(str(r[2]).split()).casefold() == wanted]


def _set(conn: Connection, payload: history.Payload, backwards: bool) -> None:
    changes = payload["changes"]
    ids = [int(c[0]) for c in changes]
    found = set(conn.execute(select(s.turns.c.id).where(s.turns.c.id.in_(ids))).scalars())
    if len(found) != len(ids):
        raise history.Gone(_("the turns of {label!r} were found again since.").format(
            label=payload["label"]))
    for turn_id, before, old_role, after, new_role in changes:
        conn.execute(update(s.turns).where(s.turns.c.id == turn_id).values(
            speaker=before if backwards else after, role=old_role if backwards else new_role))


def _set_do(conn: Connection, payload: history.Payload) -> history.Payload:
    _set(conn, payload, backwards=False)
    return payload


def _set_undo(conn: Connection, payload: history.Payload) -> None:
    _set(conn, payload, backwards=True)


# -- turns ---------------------------------------------------------------------------------


def replace_turns(project: Project, document_id: int, turns: Sequence[Turn],
                  coder: str) -> None:
    """A document's turns found again (its text and codings unchanged), one undo step."""
    rows = [{"document_id": document_id, "idx": i, "start": t.start, "end": t.end,
             "speaker": t.speaker, "role": t.role, "time_start_ms": t.time_start_ms,
             "time_end_ms": t.time_end_ms, "body_start": t.body_start}
            for i, t in enumerate(turns)]
    with project.write() as conn:
        history.perform(conn, "turns.replace", {
            "document_id": document_id, "before": _turn_rows(conn, document_id),
            "after": rows}, coder)


def _turn_rows(conn: Connection, document_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(select(*[s.turns.c[c] for c in _TURN_COLUMNS])
                        .where(s.turns.c.document_id == document_id)
                        .order_by(s.turns.c.idx)).all()
    return [dict(zip(_TURN_COLUMNS, row, strict=True)) for row in rows]


def _put_turns(conn: Connection, document_id: int, rows: list[dict[str, Any]]
               ) -> list[dict[str, Any]]:
    if not _exists(conn, document_id):
        raise history.Gone(_("the document {id} is no longer in the project.").format(
            id=document_id))
    conn.execute(delete(s.turns).where(s.turns.c.document_id == document_id))
    if rows:
        conn.execute(insert(s.turns), rows)
    return _turn_rows(conn, document_id)  # with the ids given, for redo to reuse


def _turns_do(conn: Connection, payload: history.Payload) -> history.Payload:
    after = _put_turns(conn, int(payload["document_id"]), payload["after"])
    return {**payload, "after": after}


def _turns_undo(conn: Connection, payload: history.Payload) -> None:
    _put_turns(conn, int(payload["document_id"]), payload["before"])


# -- removing a document -------------------------------------------------------------------

# What hangs on a document besides its turns and attributes (which `snapshot` keeps).
_HANGING = (
    ("codings", lambda d: s.codings.c.document_id == d),
    ("memos", lambda d: and_(s.memos.c.kind == "document", s.memos.c.target_id == d)),
    ("summaries", lambda d: s.summaries.c.document_id == d),
    ("suggestions", lambda d: s.suggestions.c.document_id == d),
    ("annotations", lambda d: s.annotations.c.document_id == d),
)


@dataclass(frozen=True)
class Removed:
    name: str
    codings: int
    memos: int


def remove_document(project: Project, document_id: int, coder: str) -> Removed:
    """Delete a document and all that hangs on it, as one undoable step."""
    with project.write() as conn:
        done = history.perform(conn, "document.remove", {"id": document_id,
                                                         "document_id": document_id}, coder)
    project.forget_cache()
    kept = done["kept"]
    return Removed(str(done["name"]), len(kept["codings"]), len(kept["memos"]))


def _remove_do(conn: Connection, payload: history.Payload) -> history.Payload:
    document_id = int(payload["id"])
    saved = snapshot(conn, document_id)
    kept = {name: [dict(r._mapping) for r in conn.execute(
        select(getattr(s, name)).where(where(document_id)))] for name, where in _HANGING}
    for name, where in _HANGING:
        conn.execute(delete(getattr(s, name)).where(where(document_id)))
    conn.execute(delete(s.turns).where(s.turns.c.document_id == document_id))
    conn.execute(delete(s.attributes).where(s.attributes.c.document_id == document_id))
    conn.execute(delete(s.documents).where(s.documents.c.id == document_id))
    return {"id": document_id, "document_id": document_id, "name": saved["row"]["name"],
            "saved": saved, "kept": kept}


def _remove_undo(conn: Connection, payload: history.Payload) -> None:
    restore(conn, payload["saved"])
    codes = set(conn.execute(select(s.codes.c.id)).scalars())
    for name, _where in _HANGING:
        rows = payload["kept"].get(name, [])
        if name not in ("memos", "annotations"):
            rows = [r for r in rows if r["code_id"] in codes]  # codes deleted since stay out
        if rows:
            conn.execute(insert(getattr(s, name)), rows)


def _exists(conn: Connection, document_id: int) -> bool:
    return conn.execute(select(s.documents.c.id).where(s.documents.c.id == document_id)
                        ).first() is not None


history.register("speaker.set", N_("change of speaker"), _set_do, _set_undo)
history.register("turns.replace", N_("new split of turns"), _turns_do, _turns_undo)
history.register("document.remove", N_("removal of a document"), _remove_do, _remove_undo)
