"""`Project`: the one object callers use to read and change a project.

Every method that changes something runs in its own write transaction and
returns only after the commit, so whatever the caller then shows is on disk.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, and_, delete, exc, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.model.entities import (
    AttributeValue,
    Code,
    Coding,
    Document,
    NewDocument,
    Segment,
    Turn,
)
from verbatims.model.spans import check_span
from verbatims.store import schema as s
from verbatims.store.convert import dump_list, infer, load_list, now, parse
from verbatims.store.engine import WRITE, make_engine, sqlite_path
from verbatims.store.migrations import applied_versions, migrate

_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


class Project:
    """A verbatims project behind a SQLite file or a PostgreSQL URL."""

    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location
        self._code_cache: list[Code] | None = None

    # -- opening ---------------------------------------------------------------

    @classmethod
    def create(cls, location: str) -> Project:
        path = sqlite_path(location)
        if path is not None:
            if path.exists() and path.stat().st_size > 0:
                raise UserError(
                    f"A file already exists at {path}; choose another --project path "
                    "or open this one."
                )
            if not path.parent.exists():
                raise UserError(
                    f"The folder {path.parent} does not exist; create it first or choose "
                    "another --project path."
                )
        engine = make_engine(location)
        if path is None and applied_versions(engine):
            raise UserError(f"The database {location} already holds a verbatims project.")
        migrate(engine)
        project = cls(engine, location)
        with project._write() as conn:
            conn.execute(insert(s.meta).values(key="created_at", value=now()))
        return project

    @classmethod
    def open(cls, location: str) -> Project:
        path = sqlite_path(location)
        if path is not None:
            if not path.exists():
                raise UserError(
                    f"No project at {path}; create one with `verbatims --project {path} init`."
                )
            with path.open("rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise UserError(f"{path} is not a verbatims project (not a SQLite file).")
        engine = make_engine(location)
        try:
            if not applied_versions(engine):
                raise UserError(f"{location} is not a verbatims project (no schema record).")
            migrate(engine)
        except exc.DatabaseError as error:
            raise UserError(f"Cannot read the project {location}: {error.orig}.") from None
        return cls(engine, location)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(**{WRITE: True}) as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def schema_version(self) -> int:
        return max(applied_versions(self.engine))

    def data_version(self) -> int:
        """A number that changes whenever another connection commits (SQLite).

        The UI polls it to notice a second process writing to the same file.
        """
        with self._read() as conn:
            if self.engine.dialect.name == "sqlite":
                return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())
            return int(conn.execute(select(func.count()).select_from(s.codings)).scalar_one())

    # -- documents ---------------------------------------------------------------

    def add_documents(self, docs: Sequence[NewDocument], skip_existing: bool = False) -> list[
        Document
    ]:
        """Store documents, their turns and attributes in one transaction.

        All or nothing: a duplicate (same content or same name) refuses the lot,
        unless `skip_existing`, which leaves out documents whose content is stored.
        """
        added: list[Document] = []
        with self._write() as conn:
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
        with self._read() as conn:
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
        with self._read() as conn:
            return str(
                conn.execute(
                    select(s.documents.c.text).where(s.documents.c.id == document_id)
                ).scalar_one()
            )

    def turns(self, document_id: int) -> list[Turn]:
        with self._read() as conn:
            rows = conn.execute(
                select(
                    s.turns.c.start, s.turns.c.end, s.turns.c.speaker, s.turns.c.role,
                    s.turns.c.time_start_ms, s.turns.c.time_end_ms, s.turns.c.idx,
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
        with self._write() as conn:
            self._set_attributes(conn, document_id, values)

    def attributes(self) -> dict[int, dict[str, AttributeValue]]:
        """Every document's attributes, keyed by document id."""
        out: dict[int, dict[str, AttributeValue]] = {}
        with self._read() as conn:
            rows = conn.execute(
                select(s.attributes.c.document_id, s.attributes.c.key, s.attributes.c.value,
                       s.attributes.c.type).order_by(s.attributes.c.document_id)
            ).all()
        for doc_id, key, value, kind in rows:
            out.setdefault(doc_id, {})[key] = parse(value, kind)
        return out

    def attribute_keys(self) -> list[str]:
        with self._read() as conn:
            return list(
                conn.execute(
                    select(s.attributes.c.key).distinct().order_by(s.attributes.c.key)
                ).scalars()
            )

    # -- meta --------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self._read() as conn:
            value = conn.execute(select(s.meta.c.value).where(s.meta.c.key == key))
            found = value.scalar_one_or_none()
            return None if found is None else str(found)

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute(delete(s.meta).where(s.meta.c.key == key))
            conn.execute(insert(s.meta).values(key=key, value=value))

    # -- codes ---------------------------------------------------------------------

    def codes(self) -> list[Code]:
        """All codes, parents before children, siblings in their order."""
        if self._code_cache is None:
            with self._read() as conn:
                rows = conn.execute(
                    select(
                        s.codes.c.id, s.codes.c.parent_id, s.codes.c.name, s.codes.c.color,
                        s.codes.c.definition, s.codes.c.include_note, s.codes.c.exclude_note,
                        s.codes.c.keywords, s.codes.c.patterns, s.codes.c.examples,
                        s.codes.c.position,
                    ).order_by(s.codes.c.position, s.codes.c.id)
                ).all()
            flat = [
                Code(r[0], r[1], r[2], r[3], r[4], r[5], r[6], load_list(r[7]),
                     load_list(r[8]), load_list(r[9]), r[10])
                for r in rows
            ]
            self._code_cache = _tree_order(flat)
        return list(self._code_cache)

    def code_path(self, code_id: int) -> str:
        by_id = {c.id: c for c in self.codes()}
        parts: list[str] = []
        current: int | None = code_id
        while current is not None:
            code = by_id[current]
            parts.append(code.name)
            current = code.parent_id
        return "/".join(reversed(parts))

    def descendants(self, code_id: int) -> set[int]:
        children: dict[int | None, list[int]] = {}
        for code in self.codes():
            children.setdefault(code.parent_id, []).append(code.id)
        found = {code_id}
        stack = [code_id]
        while stack:
            for child in children.get(stack.pop(), []):
                found.add(child)
                stack.append(child)
        return found

    def code(self, ref: str | int) -> Code:
        """A code by id, by path ("a/b") or by name when that name is unique."""
        codes = self.codes()
        text = str(ref).strip()
        if text.isdigit():
            for code in codes:
                if code.id == int(text):
                    return code
        key = text.casefold()
        by_path = [c for c in codes if self.code_path(c.id).casefold() == key]
        if by_path:
            return by_path[0]
        by_name = [c for c in codes if c.name.casefold() == key]
        if len(by_name) == 1:
            return by_name[0]
        if len(by_name) > 1:
            paths = ", ".join(repr(self.code_path(c.id)) for c in by_name)
            raise UserError(f"Several codes are named {text!r} ({paths}); give the full path.")
        raise UserError(
            f"No code {text!r} in this project; `verbatims codes` lists them, "
            "`verbatims codebook import FILE` adds a codebook."
        )

    def add_code(
        self,
        name: str,
        parent_id: int | None = None,
        color: str = "#999999",
        definition: str = "",
        include: str = "",
        exclude: str = "",
        keywords: Iterable[str] = (),
        patterns: Iterable[str] = (),
        examples: Iterable[str] = (),
    ) -> Code:
        with self._write() as conn:
            code_id = self._insert_code(conn, name, parent_id, color, definition, include,
                                        exclude, list(keywords), list(patterns), list(examples))
        self._code_cache = None
        return self.code(code_id)

    def _insert_code(
        self, conn: Connection, name: str, parent_id: int | None, color: str, definition: str,
        include: str, exclude: str, keywords: list[str], patterns: list[str],
        examples: list[str],
    ) -> int:
        name = name.strip()
        if not name:
            raise UserError("A code needs a name.")
        sibling = conn.execute(
            select(s.codes.c.id).where(
                and_(
                    s.codes.c.name == name,
                    s.codes.c.parent_id.is_(None) if parent_id is None
                    else s.codes.c.parent_id == parent_id,
                )
            )
        ).scalar_one_or_none()
        if sibling is not None:
            raise UserError(
                f"A code named {name!r} already exists at that level; pick another name."
            )
        position = conn.execute(
            select(func.coalesce(func.max(s.codes.c.position), 0))
        ).scalar_one()
        return int(
            conn.execute(
                insert(s.codes)
                .values(
                    parent_id=parent_id, name=name, color=color, definition=definition,
                    include_note=include, exclude_note=exclude, keywords=dump_list(keywords),
                    patterns=dump_list(patterns), examples=dump_list(examples),
                    position=position + 1, created_at=now(),
                )
                .returning(s.codes.c.id)
            ).scalar_one()
        )

    def merge_codebook(self, tree: Sequence[dict[str, object]]) -> tuple[int, int]:
        """Add a codebook tree; codes already present (same path) are updated.

        Returns (added, updated). One transaction: a bad codebook changes nothing.
        """
        added = updated = 0
        with self._write() as conn:
            def walk(nodes: Sequence[dict[str, object]], parent: int | None) -> None:
                nonlocal added, updated
                for node in nodes:
                    name = str(node["name"])
                    cond = (s.codes.c.parent_id.is_(None) if parent is None
                            else s.codes.c.parent_id == parent)
                    existing = conn.execute(
                        select(s.codes.c.id).where(and_(s.codes.c.name == name, cond))
                    ).scalar_one_or_none()
                    fields = {
                        "color": str(node.get("color") or "#999999"),
                        "definition": str(node.get("definition") or ""),
                        "include_note": str(node.get("include") or ""),
                        "exclude_note": str(node.get("exclude") or ""),
                        "keywords": dump_list(_strings(node.get("keywords"))),
                        "patterns": dump_list(_strings(node.get("patterns"))),
                        "examples": dump_list(_strings(node.get("examples"))),
                    }
                    if existing is None:
                        code_id = self._insert_code(
                            conn, name, parent, fields["color"], fields["definition"],
                            fields["include_note"], fields["exclude_note"],
                            _strings(node.get("keywords")), _strings(node.get("patterns")),
                            _strings(node.get("examples")),
                        )
                        added += 1
                    else:
                        code_id = int(existing)
                        conn.execute(
                            update(s.codes).where(s.codes.c.id == code_id).values(**fields)
                        )
                        updated += 1
                    children = node.get("codes") or []
                    assert isinstance(children, list)
                    walk(children, code_id)

            walk(tree, None)
        self._code_cache = None
        return added, updated

    # -- codings -----------------------------------------------------------------

    def add_coding(
        self,
        document_id: int,
        start: int,
        end: int,
        code_id: int,
        coder: str,
        memo: str | None = None,
    ) -> Coding:
        doc = self.document(document_id)
        check_span(start, end, doc.char_count, f"the document {doc.name!r}")
        created = now()
        with self._write() as conn:
            coding_id = conn.execute(
                insert(s.codings)
                .values(document_id=document_id, code_id=code_id, start=start, end=end,
                        coder=coder, memo=memo or None, created_at=created)
                .returning(s.codings.c.id)
            ).scalar_one()
        return Coding(int(coding_id), document_id, code_id, start, end, coder, memo or None,
                      created)

    def delete_coding(self, coding_id: int) -> None:
        with self._write() as conn:
            conn.execute(delete(s.codings).where(s.codings.c.id == coding_id))

    def codings(
        self, document_id: int | None = None, code_ids: Iterable[int] | None = None
    ) -> list[Coding]:
        query = select(
            s.codings.c.id, s.codings.c.document_id, s.codings.c.code_id, s.codings.c.start,
            s.codings.c.end, s.codings.c.coder, s.codings.c.memo, s.codings.c.created_at,
        )
        if document_id is not None:
            query = query.where(s.codings.c.document_id == document_id)
        if code_ids is not None:
            query = query.where(s.codings.c.code_id.in_(list(code_ids)))
        with self._read() as conn:
            rows = conn.execute(query.order_by(s.codings.c.document_id, s.codings.c.start,
                                               s.codings.c.end, s.codings.c.id)).all()
        return [Coding(*row) for row in rows]

    def segments(
        self,
        code_refs: Sequence[str] = (),
        where: Sequence[tuple[str, str]] = (),
    ) -> list[Segment]:
        """Coded extracts with their text, filtered by codes (with sub-codes) and attributes.

        The same attribute given twice means either value; different attributes must
        all hold.
        """
        code_ids: set[int] | None = None
        if code_refs:
            code_ids = set()
            for ref in code_refs:
                code_ids |= self.descendants(self.code(ref).id)
        attrs = self.attributes()
        wanted: dict[str, set[str]] = {}
        for key, value in where:
            if key not in self.attribute_keys():
                raise UserError(
                    f"No attribute {key!r} in this project; known attributes: "
                    f"{', '.join(self.attribute_keys()) or 'none'}."
                )
            wanted.setdefault(key, set()).add(value.casefold())
        docs = {d.id: d for d in self.documents()}
        keep = {
            doc_id for doc_id in docs
            if all(_attr_text(attrs.get(doc_id, {}).get(k)).casefold() in vals
                   for k, vals in wanted.items())
        }
        texts: dict[int, str] = {}
        turn_starts: dict[int, tuple[list[int], list[Turn]]] = {}
        out: list[Segment] = []
        codings = self.codings(code_ids=code_ids)
        codings.sort(key=lambda c: (docs[c.document_id].position, c.start, c.end, c.id))
        for coding in codings:
            if coding.document_id not in keep:
                continue
            if coding.document_id not in texts:
                texts[coding.document_id] = self.text(coding.document_id)
                turns = self.turns(coding.document_id)
                turn_starts[coding.document_id] = ([t.start for t in turns], turns)
            starts, turns = turn_starts[coding.document_id]
            i = bisect.bisect_right(starts, coding.start) - 1
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
        with self._read() as conn:
            rows = conn.execute(
                select(s.codings.c.code_id, func.count(),
                       func.count(s.codings.c.document_id.distinct()))
                .group_by(s.codings.c.code_id)
            ).all()
        return {int(r[0]): (int(r[1]), int(r[2])) for r in rows}


def _attr_text(value: AttributeValue | None) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _tree_order(codes: list[Code]) -> list[Code]:
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    ordered: list[Code] = []

    def visit(parent: int | None) -> None:
        for code in children.get(parent, []):
            ordered.append(code)
            visit(code.id)

    visit(None)
    return ordered
