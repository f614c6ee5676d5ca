"""Documents, their speaker turns and their attributes."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlalchemy import and_, delete, func, insert, or_, select
from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.model.entities import (
    AttributeValue,
    Document,
    NewDocument,
    Turn,
)
from verbatims.store import schema as s
from verbatims.store.base import StoreBase
from verbatims.store.convert import infer, now, parse

_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


class DocumentStore(StoreBase):
    # -- documents ---------------------------------------------------------------

    def add_documents(self, docs: Sequence[NewDocument], skip_existing: bool = False) -> list[
        Document
    ]:
        """Store documents, their turns and attributes in one transaction.

        All or nothing: a duplicate (same content or same name) refuses the lot,
        unless `skip_existing`, which leaves out documents whose content is stored.
        """
        with self.write() as conn:
            return self.insert_documents(conn, docs, skip_existing)

    def insert_documents(self, conn: Connection, docs: Sequence[NewDocument],
                         skip_existing: bool = False) -> list[Document]:
        """`add_documents` inside a transaction the caller holds (for larger imports)."""
        added: list[Document] = []
        position = conn.execute(
            select(func.coalesce(func.max(s.documents.c.position), 0))
        ).scalar_one()
        seen: dict[str, str] = {}
        for doc in docs:
            digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
            holder = conn.execute(
                select(s.documents.c.name).where(s.documents.c.sha256 == digest)
            ).scalar_one_or_none() or seen.get(digest)
            if holder is not None:
                if skip_existing:
                    continue
                raise UserError(
                    f"{doc.source_path} is already imported as the document {holder!r} "
                    "(same content); nothing was imported, use --skip-existing to "
                    "import the others."
                )
            seen[digest] = doc.name
            name = self._free_name(conn, doc.name)
            position += 1
            stamp = now()
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
                    word_count=word_count(doc.text),
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
            self._set_attributes(conn, doc_id, doc.attributes)
            added.append(
                Document(doc_id, name, doc.source_path, doc.source_format, digest,
                         len(doc.text), word_count(doc.text), stamp, position)
            )
        return added

    @staticmethod
    def _free_name(conn: Connection, name: str) -> str:
        taken = set(
            conn.execute(
                select(s.documents.c.name).where(
                    or_(s.documents.c.name == name, s.documents.c.name.like(f"{name} (%)"))
                )
            ).scalars()
        )
        if name not in taken:
            return name
        n = 2
        while f"{name} ({n})" in taken:
            n += 1
        return f"{name} ({n})"

    def documents(self) -> list[Document]:
        with self.read() as conn:
            rows = conn.execute(
                select(
                    s.documents.c.id, s.documents.c.name, s.documents.c.source_path,
                    s.documents.c.source_format, s.documents.c.sha256,
                    s.documents.c.char_count, s.documents.c.word_count,
                    s.documents.c.imported_at, s.documents.c.position,
                ).order_by(s.documents.c.position)
            ).all()
        return [Document(*row) for row in rows]

    def document(self, ref: str | int) -> Document:
        """A document by id, by name, or by name without its extension."""
        docs = self.documents()
        text = str(ref).strip()
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
            f"No document {text!r} in this project; `verbatims documents` lists their "
            "ids and names."
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

    # -- attributes --------------------------------------------------------------

    @staticmethod
    def _set_attributes(conn: Connection, doc_id: int, values: Mapping[str, object]) -> None:
        for key, value in values.items():
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            text, kind = infer(value)
            conn.execute(
                delete(s.attributes).where(
                    and_(s.attributes.c.document_id == doc_id, s.attributes.c.key == key)
                )
            )
            conn.execute(
                insert(s.attributes).values(document_id=doc_id, key=key, value=text, type=kind)
            )

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

