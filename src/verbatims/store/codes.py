"""The code tree: lookup by name or path, creation (kind code.add), codebook merges."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.model import codetree
from verbatims.model.entities import (
    Code,
)
from verbatims.store import history
from verbatims.store import schema as s
from verbatims.store.convert import dump_list, load_list, now
from verbatims.store.documents import DocumentStore


class CodeStore(DocumentStore):
    # -- codes ---------------------------------------------------------------------

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
        coder: str = "",
    ) -> Code:
        """A new code (logged for undo, by `coder`)."""
        fields = {"name": name, "parent_id": parent_id, "color": color,
                  "definition": definition, "include": include, "exclude": exclude,
                  "keywords": list(keywords), "patterns": list(patterns),
                  "examples": list(examples)}
        with self.write() as conn:
            done = history.perform(conn, "code.add", {"new": fields}, coder)
            self._code_cache = None
            return self.code(int(done["id"]))

    @staticmethod
    def _insert_code(
        conn: Connection, name: str, parent_id: int | None, color: str, definition: str,
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

    def merge_codebook(self, tree: Sequence[dict[str, object]], coder: str = ""
                       ) -> tuple[int, int]:
        """Add a codebook tree; codes already present (same path) are updated.

        Returns (added, updated). One transaction and one undo step: a bad codebook
        changes nothing, and undo takes the whole merge back.
        """
        with history.step(self, "codebook.merge", coder) as conn:
            counts = self.insert_codebook(conn, tree, coder)
        self._code_cache = None
        return counts

    def insert_codebook(self, conn: Connection, tree: Sequence[dict[str, object]],
                        coder: str = "") -> tuple[int, int]:
        """`merge_codebook` inside a transaction the caller holds (logged for undo)."""
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
                    code_id = int(history.perform(conn, "code.add", {"new": {
                        "name": name, "parent_id": parent, "color": fields["color"],
                        "definition": fields["definition"],
                        "include": fields["include_note"], "exclude": fields["exclude_note"],
                        "keywords": _strings(node.get("keywords")),
                        "patterns": _strings(node.get("patterns")),
                        "examples": _strings(node.get("examples"))}}, coder)["id"])
                    added += 1
                else:
                    code_id = int(existing)
                    history.perform(conn, "code.update", {"id": code_id, "after": fields},
                                    coder)
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


# -- the kind code.add (see store/history.py) --------------------------------------------


def _add(conn: Connection, p: history.Payload) -> history.Payload:
    """Create a code; on redo, the same row again under its id."""
    if "new" in p:
        f = p["new"]
        code_id = CodeStore._insert_code(conn, f["name"], f["parent_id"], f["color"],
                                         f["definition"], f["include"], f["exclude"],
                                         f["keywords"], f["patterns"], f["examples"])
        return dict(conn.execute(select(s.codes).where(s.codes.c.id == code_id))
                    .one()._mapping)
    if conn.execute(select(s.codes.c.id).where(s.codes.c.id == p["id"])).first():
        raise history.Gone(_("another code has taken its place."))
    parent = p["parent_id"]
    if parent is not None and not conn.execute(
            select(s.codes.c.id).where(s.codes.c.id == parent)).first():
        raise history.Gone(_("its parent code was deleted."))
    clash = conn.execute(select(s.codes.c.id).where(and_(
        s.codes.c.name == p["name"],
        s.codes.c.parent_id.is_(None) if parent is None else s.codes.c.parent_id == parent,
    ))).first()
    if clash is not None:
        raise history.Gone(_("a code named {name!r} exists there now.").format(
            name=p["name"]))
    conn.execute(insert(s.codes).values(**p))
    return p


def _remove(conn: Connection, p: history.Payload) -> None:
    """Delete the code again, unless it has been used since (never lose codings)."""
    code_id = p["id"]
    used = [conn.execute(select(s.codings.c.id).where(s.codings.c.code_id == code_id)
                         .limit(1)).first(),
            conn.execute(select(s.codes.c.id).where(s.codes.c.parent_id == code_id)
                         .limit(1)).first(),
            conn.execute(select(s.summaries.c.code_id).where(s.summaries.c.code_id == code_id)
                         .limit(1)).first(),
            conn.execute(select(s.memos.c.id).where(s.memos.c.kind == "code",
                                                    s.memos.c.target_id == code_id)
                         .limit(1)).first()]
    if any(used):
        raise history.Gone(_("the code {name!r} has been used since (codings, sub-codes, "
                             "memos or summaries).").format(name=p["name"]))
    conn.execute(delete(s.codes).where(s.codes.c.id == code_id))


def _fields(conn: Connection, p: history.Payload, values: dict[str, Any]) -> history.Payload:
    found = conn.execute(select(*[s.codes.c[k] for k in values])
                         .where(s.codes.c.id == p["id"])).first()
    if found is None:
        raise history.Gone(_("its code was deleted."))
    conn.execute(update(s.codes).where(s.codes.c.id == p["id"]).values(**values))
    return {**p, "before": dict(found._mapping)}


def _update(conn: Connection, p: history.Payload) -> history.Payload:
    """Change some columns of a code (name, colour, definition, parent…)."""
    return _fields(conn, p, p["after"])


def _update_back(conn: Connection, p: history.Payload) -> None:
    _fields(conn, p, p["before"])


history.register("code.add", N_("new code"), _add, _remove)
history.register("code.update", N_("change of a code"), _update, _update_back)
history.register_group("codebook.merge", N_("codebook merge"),
                       N_("codebook merge ({n} codes)"))
