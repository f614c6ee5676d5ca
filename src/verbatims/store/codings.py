"""Codings, their one write path (each change logged for undo), and the coded
segments read back with their text and attributes.

Every change of a coding goes through the methods below, which make it with
`history.perform` in the same transaction as its log entry: the command line,
the workbench and the review queue code alike, and any of it can be undone.
The kinds defined here: coding.add, coding.delete, coding.recode, coding.memo
and the group coding.invivo (a new code and its first coding).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from verbatims import where as attribute_filter
from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.model.entities import (
    Coding,
    Segment,
    Turn,
)
from verbatims.model.spans import check_span
from verbatims.model.units import turn_index
from verbatims.store import history
from verbatims.store import schema as s
from verbatims.store.codes import CodeStore
from verbatims.store.convert import now
from verbatims.store.history import Gone, Payload

COLUMNS = ("document_id", "code_id", "start", "end", "coder", "memo", "created_at",
           "selected_by")


class CodingStore(CodeStore):
    # -- the write path ------------------------------------------------------------

    def add_coding(
        self,
        document_id: int,
        start: int,
        end: int,
        code_id: int,
        coder: str,
        memo: str | None = None,
    ) -> Coding:
        """Code [start, end) of a document (logged for undo)."""
        with self.write() as conn:
            check_coding_span(conn, document_id, start, end)
            self.code(code_id)
            done = history.perform(conn, "coding.add", {
                "document_id": document_id, "code_id": code_id, "start": start, "end": end,
                "coder": coder, "memo": memo or None, "created_at": now()}, coder)
        return coding_of(done)

    def add_in_vivo(self, document_id: int, start: int, end: int, name: str, color: str,
                    coder: str) -> Coding:
        """Make a top-level code of the selected words and code them with it: one undo
        step, so undo takes back both the coding and the code it created."""
        with history.step(self, "coding.invivo", coder) as conn:
            check_coding_span(conn, document_id, start, end)
            code = self.add_code(name, None, color, "In-vivo code.", coder=coder)
            return self.add_coding(document_id, start, end, code.id, coder)

    def delete_coding(self, coding_id: int, coder: str) -> None:
        """Remove a coding (logged for undo: the whole row is kept in the log)."""
        with self.write() as conn:
            history.perform(conn, "coding.delete", {"id": coding_id}, coder)

    def change_code(self, coding_id: int, code_id: int, coder: str) -> None:
        """Give an existing coding another code (logged for undo)."""
        self.code(code_id)
        with self.write() as conn:
            history.perform(conn, "coding.recode", {"id": coding_id, "after": code_id}, coder)

    def set_coding_memo(self, coding_id: int, memo: str, coder: str) -> None:
        """Attach (or, with empty text, remove) the memo of a coding (logged for undo)."""
        text = memo if memo.strip() else None
        with self.write() as conn:
            history.perform(conn, "coding.memo", {"id": coding_id, "after": text}, coder)

    # -- reading -------------------------------------------------------------------

    def codings(
        self, document_id: int | None = None, code_ids: Iterable[int] | None = None
    ) -> list[Coding]:
        query = select(
            s.codings.c.id, s.codings.c.document_id, s.codings.c.code_id, s.codings.c.start,
            s.codings.c.end, s.codings.c.coder, s.codings.c.memo, s.codings.c.created_at,
            s.codings.c.selected_by,
        )
        if document_id is not None:
            query = query.where(s.codings.c.document_id == document_id)
        if code_ids is not None:
            query = query.where(s.codings.c.code_id.in_(list(code_ids)))
        with self.read() as conn:
            rows = conn.execute(query.order_by(s.codings.c.document_id, s.codings.c.start,
                                               s.codings.c.end, s.codings.c.id)).all()
        return [Coding(*row) for row in rows]

    def segments(
        self,
        code_refs: Sequence[str] = (),
        where: Sequence[tuple[str, str]] = (),
    ) -> list[Segment]:
        """Coded extracts with their text, filtered by codes (with sub-codes) and attributes.

        Attributes are matched as `verbatims.where` says (case, accents and inclusive
        forms aside): the same attribute twice means either value; different
        attributes must all hold.
        """
        code_ids: set[int] | None = None
        if code_refs:
            code_ids = set()
            for ref in code_refs:
                code_ids |= self.descendants(self.code(ref).id)
        attrs = self.attributes()
        docs = {d.id: d for d in self.documents()}
        keep = set(attribute_filter.select(attrs, where, self.attribute_keys(), docs))
        texts: dict[int, str] = {}
        turns_of: dict[int, list[Turn]] = {}
        out: list[Segment] = []
        codings = self.codings(code_ids=code_ids)
        codings.sort(key=lambda c: (docs[c.document_id].position, c.start, c.end, c.id))
        for coding in codings:
            if coding.document_id not in keep:
                continue
            if coding.document_id not in texts:
                texts[coding.document_id] = self.text(coding.document_id)
                turns_of[coding.document_id] = self.turns(coding.document_id)
            turns = turns_of[coding.document_id]
            i = turn_index(turns, coding.start)
            speaker = turns[i].speaker if i >= 0 else None
            out.append(
                Segment(
                    coding=coding,
                    document=docs[coding.document_id].name,
                    code_path=self.code_path(coding.code_id),
                    text=texts[coding.document_id][coding.start : coding.end],
                    speaker=speaker,
                    attributes=attrs.get(coding.document_id, {}),
                )
            )
        return out

    def counts(self) -> dict[int, tuple[int, int]]:
        """Per code id: (codings, documents)."""
        with self.read() as conn:
            rows = conn.execute(
                select(s.codings.c.code_id, func.count(),
                       func.count(s.codings.c.document_id.distinct()))
                .group_by(s.codings.c.code_id)
            ).all()
        return {int(r[0]): (int(r[1]), int(r[2])) for r in rows}

    def coders(self) -> dict[str, int]:
        """Every coder who has codings, with how many, most active first."""
        with self.read() as conn:
            rows = conn.execute(select(s.codings.c.coder, func.count())
                                .group_by(s.codings.c.coder)).all()
        return dict(sorted(((str(r[0]), int(r[1])) for r in rows),
                           key=lambda item: (-item[1], item[0])))

    def counts_by_coder(self) -> dict[int, dict[str, int]]:
        """Per code id: codings per coder."""
        with self.read() as conn:
            rows = conn.execute(select(s.codings.c.code_id, s.codings.c.coder, func.count())
                                .group_by(s.codings.c.code_id, s.codings.c.coder)).all()
        out: dict[int, dict[str, int]] = {}
        for code_id, coder, n in rows:
            out.setdefault(int(code_id), {})[str(coder)] = int(n)
        return out


# -- the kinds of change (see store/history.py) -----------------------------------------


def coding_of(row: Payload) -> Coding:
    return Coding(int(row["id"]), int(row["document_id"]), int(row["code_id"]),
                  int(row["start"]), int(row["end"]), str(row["coder"]), row["memo"],
                  str(row["created_at"]), row.get("selected_by"))


def check_coding_span(conn: Connection, document_id: int, start: int, end: int) -> None:
    """Refuse a span outside the document (one row read: this is on every coding)."""
    found = conn.execute(select(s.documents.c.name, s.documents.c.char_count)
                         .where(s.documents.c.id == document_id)).first()
    if found is None:
        raise UserError(_("No document {document_id} in this project; it may have been removed "
                          "by another session.").format(document_id=document_id))
    check_span(start, end, int(found[1]), f"the document {found[0]!r}")


def _exists(conn: Connection, table: Any, row_id: object) -> bool:
    return conn.execute(select(table.c.id).where(table.c.id == row_id)).first() is not None


def _row(conn: Connection, coding_id: object) -> Payload | None:
    found = conn.execute(select(s.codings.c.id, *[s.codings.c[c] for c in COLUMNS])
                         .where(s.codings.c.id == coding_id)).first()
    return None if found is None else dict(found._mapping)


def _gone(coding_id: object) -> Gone:
    return Gone(_("the coding {id} no longer exists (removed elsewhere?).").format(
        id=coding_id))


def _insert(conn: Connection, p: Payload) -> Payload:
    """Put a coding in (do of coding.add, undo of coding.delete), under its logged id."""
    code_there, document_there = conn.execute(select(  # one round trip for both
        select(s.codes.c.id).where(s.codes.c.id == p["code_id"]).exists(),
        select(s.documents.c.id).where(s.documents.c.id == p["document_id"]).exists(),
    )).one()
    if not code_there:
        raise Gone(_("its code was deleted."))
    if not document_there:
        raise Gone(_("its document was removed."))
    row = {c: p.get(c) for c in COLUMNS}  # selected_by: not in steps logged before it
    if p.get("id") is None and conn.dialect.name == "sqlite":
        p["id"] = _fresh_sqlite_id(conn)
        conn.execute(insert(s.codings).values(id=p["id"], **row))
    elif p.get("id") is None:  # a PostgreSQL sequence never hands out an id twice
        p["id"] = int(conn.execute(insert(s.codings).values(**row)
                                   .returning(s.codings.c.id)).scalar_one())
    elif _exists(conn, s.codings, p["id"]):
        raise Gone(_("another coding has taken its place."))
    else:
        conn.execute(insert(s.codings).values(id=p["id"], **row))
    return p


HIGH_WATER = "codings_high_water"


def _fresh_sqlite_id(conn: Connection) -> int:
    """An id no coding ever had. SQLite gives a new row the largest id + 1, which is the
    id of the newest coding if it was just undone or removed; its coder's redo (or undo
    of the removal) must find that id free, or a colleague coding meanwhile would make
    it fail. So ids only grow: past every id handed out, kept in `meta`."""
    top = conn.execute(select(func.max(s.codings.c.id))).scalar()
    mark = conn.execute(select(s.meta.c.value).where(s.meta.c.key == HIGH_WATER)).scalar()
    fresh = max(int(top or 0), int(mark or 0)) + 1
    if mark is None:
        conn.execute(insert(s.meta).values(key=HIGH_WATER, value=str(fresh)))
    else:
        conn.execute(update(s.meta).where(s.meta.c.key == HIGH_WATER).values(value=str(fresh)))
    return fresh


def _take(conn: Connection, p: Payload) -> Payload:
    """Take a coding out (do of coding.delete), keeping its row for undo."""
    found = _row(conn, p["id"])
    if found is None:
        if "code_id" not in p:  # asked now, not replayed: say so
            raise _gone(p["id"])
        return p  # already out: what redo wants holds
    conn.execute(delete(s.codings).where(s.codings.c.id == p["id"]))
    return found


def _untake(conn: Connection, p: Payload) -> None:
    """Undo of coding.add: the coding leaves (already gone is fine)."""
    conn.execute(delete(s.codings).where(s.codings.c.id == p["id"]))


def _field(column: str) -> tuple[history.Do, history.Undo]:
    """do and undo of a change of one column ("code_id" or "memo") of a coding."""

    def put(conn: Connection, p: Payload, value: object) -> Payload:
        found = _row(conn, p["id"])
        if found is None:
            raise _gone(p["id"])
        if column == "code_id" and not _exists(conn, s.codes, value):
            raise Gone(_("its code was deleted."))
        conn.execute(update(s.codings).where(s.codings.c.id == p["id"])
                     .values(**{column: value}))
        return {**p, "document_id": found["document_id"], "before": found[column]}

    def do(conn: Connection, p: Payload) -> Payload:
        return put(conn, p, p["after"])

    def undo(conn: Connection, p: Payload) -> None:
        put(conn, p, p["before"])

    return do, undo


history.register("coding.add", N_("coding"), _insert, _untake)
history.register("coding.delete", N_("removal of a coding"), _take,
                 lambda conn, p: _insert(conn, p))
history.register("coding.recode", N_("change of code"), *_field("code_id"))
history.register("coding.memo", N_("coding memo"), *_field("memo"))
history.register_group("coding.invivo", N_("in-vivo coding"), N_("{n} in-vivo codings"),
                       counts="coding.add")
