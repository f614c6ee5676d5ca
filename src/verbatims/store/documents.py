"""Documents, their speaker turns and their attributes.

Adding documents is logged for undo (kind document.add, group documents.import):
undo takes the document out, keeping its text, turns and attributes in the log
for redo (`snapshot` / `restore`, which a removal can use the other way round).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select
from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.model.entities import (
    AttributeValue,
    Document,
    NewDocument,
    Turn,
)
from verbatims.model.units import word_count
from verbatims.store import history
from verbatims.store import schema as s
from verbatims.store.base import StoreBase
from verbatims.store.convert import infer, now, parse

# The columns of a Document, in its fields' order.
_DOCUMENT_ROW = select(
    s.documents.c.id, s.documents.c.name, s.documents.c.source_path,
    s.documents.c.source_format, s.documents.c.sha256, s.documents.c.char_count,
    s.documents.c.word_count, s.documents.c.imported_at, s.documents.c.position,
)


class DocumentStore(StoreBase):
    # -- documents ---------------------------------------------------------------

    def add_documents(self, docs: Sequence[NewDocument], skip_existing: bool = False,
                      coder: str = "", refreshed: list[str] | None = None) -> list[Document]:
        """Store documents, their turns and attributes in one transaction and one undo step.

        All or nothing: a duplicate (same content or same name) refuses the lot,
        unless `skip_existing`, which leaves out documents whose content is stored;
        their attributes still take the values the new ones bring (an attribute sheet
        given again, with a column added), and their names go in `refreshed`.
        """
        with history.step(self, "documents.import", coder) as conn:
            return self.insert_documents(conn, docs, skip_existing, coder, refreshed)

    def insert_documents(self, conn: Connection, docs: Sequence[NewDocument],
                         skip_existing: bool = False, coder: str = "",
                         refreshed: list[str] | None = None) -> list[Document]:
        """`add_documents` inside a transaction the caller holds (for larger imports).

        The names and content hashes already stored are read once, and each document's
        turns and attributes go in with one statement each: a 2,000-interview import
        makes a few statements per document, not one per attribute.
        """
        added: list[Document] = []
        position = conn.execute(
            select(func.coalesce(func.max(s.documents.c.position), 0))
        ).scalar_one()
        holders: dict[str, str] = {}
        stored_ids: dict[str, int] = {}  # digest -> id, for the documents already stored
        taken: set[str] = set()
        for doc_id, name, digest in conn.execute(
                select(s.documents.c.id, s.documents.c.name, s.documents.c.sha256)):
            holders.setdefault(str(digest), str(name))
            stored_ids.setdefault(str(digest), int(doc_id))
            taken.add(str(name))
        for doc in docs:
            digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
            holder = holders.get(digest)
            stored = stored_ids.get(digest)
            if holder is not None:
                if skip_existing:
                    if stored is not None and self._refresh_attributes(
                            conn, stored, doc.attributes, coder):
                        (refreshed if refreshed is not None else []).append(holder)
                    continue
                raise UserError(
                    _("{path} is already imported as the document {document!r} (same "
                      "content); nothing was imported, use --skip-existing to import the "
                      "others.").format(path=doc.source_path, document=holder)
                )
            name = _free_name(taken, doc.name)
            holders[digest] = doc.name
            taken.add(name)
            position += 1
            stamp = doc.imported_at or now()
            words = word_count(doc.text)
            doc_id = conn.execute(
                insert(s.documents)
                .values(
                    name=name,
                    source_path=doc.source_path,
                    source_format=doc.source_format,
                    encoding=doc.encoding,
                    text=doc.text,
                    sha256=digest,
                    char_count=len(doc.text),
                    word_count=words,
                    imported_at=stamp,
                    position=position,
                )
                .returning(s.documents.c.id)
            ).scalar_one()
            if doc.turns:
                conn.execute(
                    insert(s.turns),
                    [
                        {
                            "document_id": doc_id,
                            "idx": i,
                            "start": t.start,
                            "end": t.end,
                            "speaker": t.speaker,
                            "role": t.role,
                            "time_start_ms": t.time_start_ms,
                            "time_end_ms": t.time_end_ms,
                            "body_start": t.body_start,
                        }
                        for i, t in enumerate(doc.turns)
                    ],
                )
            rows = _attribute_rows(doc_id, doc.attributes)
            if rows:
                conn.execute(insert(s.attributes), rows)
            history.record(conn, "document.add",
                           {"id": doc_id, "document_id": doc_id, "name": name}, coder)
            added.append(
                Document(doc_id, name, doc.source_path, doc.source_format, digest,
                         len(doc.text), words, stamp, position)
            )
        return added

    def documents(self) -> list[Document]:
        with self.read() as conn:
            rows = conn.execute(_DOCUMENT_ROW.order_by(s.documents.c.position)).all()
        return [Document(*row) for row in rows]

    def document(self, ref: str | int) -> Document:
        """A document by id, by name, or by name without its extension."""
        text = str(ref).strip()
        if text.isdigit():  # by id: one row (the workbench asks after every coding)
            with self.read() as conn:
                row = conn.execute(
                    _DOCUMENT_ROW.where(s.documents.c.id == int(text))).first()
            if row is not None:
                return Document(*row)
        docs = self.documents()
        for doc in docs:
            if text.isdigit() and doc.id == int(text):
                return doc
        for doc in docs:
            if doc.name == text:
                return doc
        stem = [d for d in docs
                if Path(d.name).stem == text or d.name.casefold() == text.casefold()]
        if len(stem) == 1:
            return stem[0]
        raise UserError(
            _("No document {document!r} in this project; `verbatims documents` lists "
              "their ids and names.").format(document=text)
        )

    def text(self, document_id: int) -> str:
        with self.read() as conn:
            return str(
                conn.execute(
                    select(s.documents.c.text).where(s.documents.c.id == document_id)
                ).scalar_one()
            )

    def turns(self, document_id: int) -> list[Turn]:
        with self.read() as conn:
            rows = conn.execute(
                select(
                    s.turns.c.start, s.turns.c.end, s.turns.c.speaker, s.turns.c.role,
                    s.turns.c.time_start_ms, s.turns.c.time_end_ms, s.turns.c.idx,
                    s.turns.c.body_start,
                )
                .where(s.turns.c.document_id == document_id)
                .order_by(s.turns.c.idx)
            ).all()
        return [Turn(*row) for row in rows]

    def turns_of(self, document_ids: Sequence[int]) -> dict[int, list[Turn]]:
        """The turns of many documents in one query (2,000 queries of `turns` take
        seconds on a large project), each document's in order."""
        out: dict[int, list[Turn]] = {int(i): [] for i in document_ids}
        with self.read() as conn:
            rows = conn.execute(
                select(
                    s.turns.c.document_id, s.turns.c.start, s.turns.c.end,
                    s.turns.c.speaker, s.turns.c.role, s.turns.c.time_start_ms,
                    s.turns.c.time_end_ms, s.turns.c.idx, s.turns.c.body_start,
                )
                .order_by(s.turns.c.document_id, s.turns.c.idx)
            ).all()
        for doc_id, *row in rows:
            if int(doc_id) in out:
                out[int(doc_id)].append(Turn(*row))
        return out

    # -- attributes --------------------------------------------------------------

    @staticmethod
    def _set_attributes(conn: Connection, doc_id: int, values: Mapping[str, object]) -> None:
        rows = _attribute_rows(doc_id, values)
        if not rows:
            return
        conn.execute(
            delete(s.attributes).where(
                and_(s.attributes.c.document_id == doc_id,
                     s.attributes.c.key.in_([r["key"] for r in rows]))
            )
        )
        conn.execute(insert(s.attributes), rows)

    @staticmethod
    def _refresh_attributes(conn: Connection, doc_id: int, values: Mapping[str, object],
                            coder: str) -> bool:
        """The values a stored document is given anew (empty ones keep what it holds);
        logged for undo. Whether any changed."""
        current = dict(conn.execute(select(s.attributes.c.key, s.attributes.c.value).where(
            s.attributes.c.document_id == doc_id)).tuples().all())
        changed = {k: v for k, v in values.items()
                   if v is not None and str(v).strip() and current.get(k) != infer(v)[0]}
        if changed:
            history.perform(conn, "attributes.set", {"document_id": doc_id, "after": changed},
                            coder)
        return bool(changed)

    def set_attributes(self, document_id: int, values: Mapping[str, object]) -> None:
        with self.write() as conn:
            self._set_attributes(conn, document_id, values)

    def attributes(self) -> dict[int, dict[str, AttributeValue]]:
        """Every document's attributes, keyed by document id."""
        out: dict[int, dict[str, AttributeValue]] = {}
        with self.read() as conn:
            rows = conn.execute(
                select(s.attributes.c.document_id, s.attributes.c.key, s.attributes.c.value,
                       s.attributes.c.type).order_by(s.attributes.c.document_id)
            ).all()
        for doc_id, key, value, kind in rows:
            out.setdefault(doc_id, {})[key] = parse(value, kind)
        return out

    def attribute_keys(self) -> list[str]:
        with self.read() as conn:
            return list(
                conn.execute(
                    select(s.attributes.c.key).distinct().order_by(s.attributes.c.key)
                ).scalars()
            )


def _free_name(taken: set[str], name: str) -> str:
    """`name`, or "name (2)", "name (3)"… the first that no document has."""
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


def _attribute_rows(doc_id: int, values: Mapping[str, object]) -> list[dict[str, object]]:
    """The attribute rows of a document, empty values left out."""
    rows: list[dict[str, object]] = []
    for key, value in values.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        text, kind = infer(value)
        rows.append({"document_id": doc_id, "key": key, "value": text, "type": kind})
    return rows


# -- the kind document.add (see store/history.py) ----------------------------------------


def snapshot(conn: Connection, document_id: int) -> dict[str, Any]:
    """A document as stored (row, turns, attributes), for `restore`."""
    row = conn.execute(select(s.documents).where(s.documents.c.id == document_id)).first()
    if row is None:
        raise history.Gone(_("the document {id} is no longer in the project.").format(
            id=document_id))
    return {"row": dict(row._mapping),
            "turns": [dict(r._mapping) for r in conn.execute(
                select(s.turns).where(s.turns.c.document_id == document_id))],
            "attributes": [dict(r._mapping) for r in conn.execute(
                select(s.attributes).where(s.attributes.c.document_id == document_id))]}


def restore(conn: Connection, saved: dict[str, Any]) -> None:
    """Put a document back from its `snapshot`, under its id."""
    row = saved["row"]
    clash = conn.execute(select(s.documents.c.name).where(or_(
        s.documents.c.id == row["id"], s.documents.c.sha256 == row["sha256"],
        s.documents.c.name == row["name"]))).first()
    if clash is not None:
        raise history.Gone(_("a document with its name or text ({name!r}) is in the project "
                             "now.").format(name=clash[0]))
    conn.execute(insert(s.documents).values(**row))
    for table, key in ((s.turns, "turns"), (s.attributes, "attributes")):
        if saved[key]:
            conn.execute(insert(table), saved[key])


def _added_again(conn: Connection, p: history.Payload) -> history.Payload:
    restore(conn, p["saved"])
    return {"id": p["id"], "document_id": p["id"], "name": p["name"]}


def _taken_out(conn: Connection, p: history.Payload) -> history.Payload:
    """Undo of an import: the document leaves, unless work was done on it since."""
    doc_id = p["id"]
    worked = [conn.execute(select(s.codings.c.id).where(s.codings.c.document_id == doc_id)
                           .limit(1)).first(),
              conn.execute(select(s.summaries.c.code_id)
                           .where(s.summaries.c.document_id == doc_id).limit(1)).first(),
              conn.execute(select(s.memos.c.id).where(s.memos.c.kind == "document",
                                                      s.memos.c.target_id == doc_id)
                           .limit(1)).first(),
              conn.execute(select(s.annotations.c.id)
                           .where(s.annotations.c.document_id == doc_id).limit(1)).first()]
    if any(worked):
        raise history.Gone(_("the document {name!r} has codings, a memo or summaries made "
                             "since.").format(name=p["name"]))
    saved = snapshot(conn, doc_id)
    conn.execute(delete(s.documents).where(s.documents.c.id == doc_id))
    return {**p, "saved": saved}


def _attributes_put(conn: Connection, p: history.Payload, values: dict[str, Any]
                    ) -> history.Payload:
    doc_id = p["document_id"]
    if conn.execute(select(s.documents.c.id).where(s.documents.c.id == doc_id)).first() is None:
        raise history.Gone(_("its document was removed."))
    keys = list(values)
    before = {r.key: (r.value, r.type) for r in conn.execute(
        select(s.attributes.c.key, s.attributes.c.value, s.attributes.c.type)
        .where(s.attributes.c.document_id == doc_id, s.attributes.c.key.in_(keys)))}
    conn.execute(delete(s.attributes).where(s.attributes.c.document_id == doc_id,
                                            s.attributes.c.key.in_(keys)))
    for key, value in values.items():
        if value is None:
            continue
        text, kind = value if isinstance(value, list) else infer(value)
        conn.execute(insert(s.attributes).values(document_id=doc_id, key=key, value=text,
                                                 type=kind))
    return {**p, "before": {k: list(before[k]) if k in before else None for k in keys}}


def _attributes_do(conn: Connection, p: history.Payload) -> history.Payload:
    """Set some attributes of a document (values as read: typed as an import types them)."""
    return _attributes_put(conn, p, p["after"])


def _attributes_undo(conn: Connection, p: history.Payload) -> None:
    _attributes_put(conn, p, p["before"])


history.register("document.add", N_("imported document"), _added_again, _taken_out)
history.register("attributes.set", N_("change of attributes"), _attributes_do,
                 _attributes_undo)
history.register_group("documents.import", N_("imported document"),
                       N_("{n} imported documents"), counts="document.add")
