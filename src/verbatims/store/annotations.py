"""Annotations: a note on a passage of a document, whether the passage is coded or not.

Other tools keep them apart from codings and from memos (NVivo's annotations, a
MAXQDA memo on a segment, QualCoder's annotations); a `.qdpx` carries them as a
selection with only a description, a note referenced by a selection, or a note
linked to one. Written through the undo history (kind annotation.add).
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.model.entities import Annotation
from verbatims.store import history
from verbatims.store import schema as s
from verbatims.store.codings import check_coding_span
from verbatims.store.convert import now
from verbatims.store.notes import NoteStore

_A = s.annotations
COLUMNS = ("document_id", "start", "end", "text", "author", "created_at")


class AnnotationStore(NoteStore):
    def add_annotation(self, document_id: int, start: int, end: int, text: str,
                       author: str, created_at: str | None = None) -> Annotation:
        """Note `text` on [start, end) of a document (logged for undo)."""
        if not text.strip():
            raise UserError(_("An annotation needs a text; write what the passage calls for."))
        with self.write() as conn:
            if start != end:
                check_coding_span(conn, document_id, start, end)
            done = history.perform(conn, "annotation.add", {
                "document_id": document_id, "start": start, "end": end, "text": text,
                "author": author, "created_at": created_at or now()}, author)
        return _annotation(done)

    def annotations(self, document_id: int | None = None) -> list[Annotation]:
        query = select(_A.c.id, *[_A.c[c] for c in COLUMNS])
        if document_id is not None:
            query = query.where(_A.c.document_id == document_id)
        with self.read() as conn:
            rows = conn.execute(query.order_by(_A.c.document_id, _A.c.start, _A.c.id)).all()
        return [Annotation(*row) for row in rows]


def _annotation(row: history.Payload) -> Annotation:
    return Annotation(int(row["id"]), int(row["document_id"]), int(row["start"]),
                      int(row["end"]), str(row["text"]), str(row["author"]),
                      str(row["created_at"]))


def _insert(conn: Connection, p: history.Payload) -> history.Payload:
    if conn.execute(select(s.documents.c.id)
                    .where(s.documents.c.id == p["document_id"])).first() is None:
        raise history.Gone(_("its document was removed."))
    row = {c: p[c] for c in COLUMNS}
    if p.get("id") is None:
        p["id"] = int(conn.execute(insert(_A).values(**row).returning(_A.c.id)).scalar_one())
    elif conn.execute(select(_A.c.id).where(_A.c.id == p["id"])).first() is not None:
        raise history.Gone(_("another annotation has taken its place."))
    else:
        conn.execute(insert(_A).values(id=p["id"], **row))
    return p


def _remove(conn: Connection, p: history.Payload) -> None:
    conn.execute(delete(_A).where(_A.c.id == p["id"]))


history.register("annotation.add", N_("annotation"), _insert, _remove)
