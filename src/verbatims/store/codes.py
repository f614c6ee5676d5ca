"""The code tree: lookup by name or path, creation, codebook merges."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.model import codetree
from verbatims.model.entities import (
    Code,
)
from verbatims.store import schema as s
from verbatims.store.convert import dump_list, load_list, now
from verbatims.store.documents import DocumentStore


class CodeStore(DocumentStore):
    # -- codes ---------------------------------------------------------------------

    def forget_cached(self) -> None:
        """Drop what this connection keeps in memory (the code tree).

        For a long-lived Project (the workbench) after another process committed,
        e.g. `verbatims codebook import` while the workbench is open.
        """
        self._code_cache = None

    def codes(self) -> list[Code]:
        """All codes, parents before children, siblings in their order."""
        if self._code_cache is None:
            with self.read() as conn:
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
        """The code and all its sub-codes (`model.codetree.descendants`)."""
        return codetree.descendants(self.codes(), code_id)

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
        with self.write() as conn:
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
        with self.write() as conn:
            counts = self.insert_codebook(conn, tree)
        self._code_cache = None
        return counts

    def insert_codebook(self, conn: Connection, tree: Sequence[dict[str, object]]
                        ) -> tuple[int, int]:
        """`merge_codebook` inside a transaction the caller holds."""
        self._code_cache = None
        added = updated = 0
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
        return added, updated


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

