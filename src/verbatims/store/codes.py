"""The code tree: lookup by name or path, creation (kind code.add), codebook merges."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
                        s.codes.c.position, s.codes.c.codable,
                    ).order_by(s.codes.c.position, s.codes.c.id)
                ).all()
            flat = [
                Code(r[0], r[1], r[2], r[3], r[4], r[5], r[6], load_list(r[7]),
                     load_list(r[8]), load_list(r[9]), r[10], bool(r[11]))
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
            raise UserError(_("Several codes are named {text!r} ({paths}); give the full "
                              "path.").format(text=text, paths=paths))
        raise UserError(
            _("No code {text!r} in this project; `verbatims codes` lists them, `verbatims "
              "codebook import FILE` adds a codebook.").format(text=text)
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
        examples: list[str], codable: bool = True,
    ) -> int:
        name = name.strip()
        if not name:
            raise UserError(_("A code needs a name."))
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
                _("A code named {name!r} already exists at that level; pick another name.").format(
                    name=name)
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
                    position=position + 1, created_at=now(), codable=1 if codable else 0,
                )
                .returning(s.codes.c.id)
            ).scalar_one()
        )

    def merge_codebook(self, tree: Sequence[dict[str, object]], coder: str = "",
                       name: str = "", description: str = "") -> MergeReport:
        """Merge a codebook tree into the project's (see `insert_codebook`); its `name`
        and `description` become the project's codebook's if it has none yet.

        One transaction and one undo step: a bad codebook changes nothing, and undo
        takes the whole merge back.
        """
        with history.step(self, "codebook.merge", coder) as conn:
            report = self.insert_codebook(conn, tree, coder)
            for key, value in (("codebook_name", name), ("codebook_description",
                                                         description)):
                if value.strip() and not conn.execute(
                        select(s.meta.c.value).where(s.meta.c.key == key)).scalar():
                    history.perform(conn, "meta.set", {"key": key, "after": value.strip()},
                                    coder)
        self._code_cache = None
        return report

    def insert_codebook(self, conn: Connection, tree: Sequence[dict[str, object]],
                        coder: str = "") -> MergeReport:
        """`merge_codebook` inside a transaction the caller holds (logged for undo).

        A code of the file is the project's code at the same path (the same name
        under the same parent, or the only one whose name differs by case alone).
        A new code is added; a known one takes the values the file brings and keeps
        every other: an empty definition, no colour, no keywords in the file never
        blank what the project holds. The report says what changed, field by field.
        """
        self._code_cache = None
        report = MergeReport()

        def walk(nodes: Sequence[dict[str, object]], parent: int | None,
                 path: tuple[str, ...]) -> None:
            for node in nodes:
                name = str(node["name"]).strip()
                key = (*path, name)
                here = "/".join(key)
                existing = _sibling(conn, name, parent)
                brought = _brought(node)
                _check_patterns(brought.get("patterns") or [], here)
                if existing is None:
                    new: dict[str, Any] = {"name": name, "parent_id": parent, "color": "#999999",
                           "definition": "", "include": "", "exclude": "", "keywords": [],
                           "patterns": [], "examples": [], "codable": True}
                    for column, value in brought.items():
                        new[_NEW_KEYS.get(column, column)] = value
                    code_id = int(history.perform(conn, "code.add", {"new": new},
                                                  coder)["id"])
                    report.added.append(here)
                else:
                    code_id, current = existing
                    after = {k: v for k, v in brought.items() if not _same(k, current[k], v)}
                    if after:
                        history.perform(conn, "code.update", {
                            "id": code_id, "after": {k: _column_value(k, v)
                                                     for k, v in after.items()}}, coder)
                        report.updated[here] = list(after)
                    else:
                        report.unchanged += 1
                report.ids[key] = code_id
                children = node.get("codes") or []
                assert isinstance(children, list)
                walk(children, code_id, key)

        walk(tree, None, ())
        return report


@dataclass
class MergeReport:
    """What a codebook merge did: codes added (paths), codes updated (path → the
    columns that changed, in `FIELD_LABELS`), and how many were already the same."""

    added: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)
    unchanged: int = 0
    ids: dict[tuple[str, ...], int] = field(default_factory=dict)  # file path → code id


# What each column is called in a merge report (translated when shown).
FIELD_LABELS = {"color": N_("colour"), "definition": N_("definition"),
                "include_note": N_("inclusion note"), "exclude_note": N_("exclusion note"),
                "keywords": N_("keywords"), "patterns": N_("patterns"),
                "examples": N_("examples"), "codable": N_("codable or folder")}
_TEXTS = {"definition": "definition", "include": "include_note", "exclude": "exclude_note"}
_LISTS = ("keywords", "patterns", "examples")
_NEW_KEYS = {"include_note": "include", "exclude_note": "exclude"}
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def _brought(node: dict[str, object]) -> dict[str, Any]:
    """The values a codebook node brings, by column: what it leaves empty is not there."""
    out: dict[str, Any] = {}
    color = str(node.get("color") or "").strip()
    if _COLOR.match(color):
        if len(color) == 4:
            color = "#" + "".join(c * 2 for c in color[1:])
        out["color"] = color.upper()
    for key, column in _TEXTS.items():
        text = str(node.get(key) or "").strip()
        if text:
            out[column] = text
    for key in _LISTS:
        items = [i for i in _strings(node.get(key)) if i.strip()]  # a blank one is none
        if key == "keywords":  # words: their outer spaces are nothing (patterns keep theirs)
            items = [i.strip() for i in items]
        if items:
            out[key] = items
    if isinstance(node.get("codable"), bool):
        out["codable"] = node["codable"]
    return out


def _check_patterns(patterns: list[str], code: str) -> None:
    """Auto-coding patterns are regular expressions: a file (a .qdc or .qdpx edited by
    hand) that brings one which is not is refused, as the YAML reader refuses it."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise UserError(_("The code {code}: the pattern {pattern!r} is not a valid regular "
                              "expression ({error}); correct it in the file.").format(
                                  code=code, pattern=pattern, error=error)) from None


def _same(column: str, current: Any, value: Any) -> bool:
    if column == "color":
        return str(current).upper() == str(value).upper()
    if column in _LISTS:  # items compared as a file carries them: outer spaces aside
        return ([str(i).strip() for i in load_list(current) if str(i).strip()]
                == [str(i).strip() for i in value if str(i).strip()])
    if column == "codable":
        return bool(current) == bool(value)
    return str(current or "").strip() == str(value).strip()


def _column_value(column: str, value: Any) -> Any:
    if column in _LISTS:
        return dump_list(value)
    if column == "codable":
        return 1 if value else 0
    return value


def _sibling(conn: Connection, name: str, parent: int | None
             ) -> tuple[int, dict[str, Any]] | None:
    """The code named `name` under `parent`: exactly, else the only one equal but for case."""
    cond = s.codes.c.parent_id.is_(None) if parent is None else s.codes.c.parent_id == parent
    rows = conn.execute(select(s.codes).where(cond)).all()
    exact = [r for r in rows if r.name == name]
    loose = [r for r in rows if str(r.name).casefold() == name.casefold()]
    found = exact or (loose if len(loose) == 1 else [])
    if not found:
        return None
    return int(found[0].id), dict(found[0]._mapping)


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
                                         f["keywords"], f["patterns"], f["examples"],
                                         f.get("codable", True))
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


def _meta_put(conn: Connection, p: history.Payload, value: str | None) -> history.Payload:
    before = conn.execute(select(s.meta.c.value).where(s.meta.c.key == p["key"])).scalar()
    conn.execute(delete(s.meta).where(s.meta.c.key == p["key"]))
    if value is not None:
        conn.execute(insert(s.meta).values(key=p["key"], value=value))
    return {**p, "before": before}


def _meta_do(conn: Connection, p: history.Payload) -> history.Payload:
    return _meta_put(conn, p, p["after"])


def _meta_undo(conn: Connection, p: history.Payload) -> None:
    _meta_put(conn, p, p["before"])


history.register("code.add", N_("new code"), _add, _remove)
history.register("meta.set", N_("codebook name or description"), _meta_do, _meta_undo)
history.register("code.update", N_("change of a code"), _update, _update_back)
history.register_group("codebook.merge", N_("codebook merge"),
                       N_("codebook merge ({n} codes)"))
