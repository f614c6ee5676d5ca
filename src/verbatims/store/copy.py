"""Copy a whole project between SQLite files and PostgreSQL databases, losslessly.

Every table is copied row for row with its ids, so codings keep their coder and
time, the undo history still replays in the copy, and suggestions, memos and
summaries point where they pointed. The caches (lemmas, the analysed corpus) come
too, so the copy does not parse the corpus again. The one thing not copied is
`data_version`, the change counter a server's workbenches poll: it belongs to the
database, not to the study.

The copy is all or nothing: a SQLite copy is written beside its target and renamed
into place once complete; on PostgreSQL the rows go in one transaction, and the
tables are dropped again if anything fails, leaving the database as it was.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, Table, delete, func, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError, SAWarning

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.redact import redact
from verbatims.store.engine import make_engine, sqlite_path
from verbatims.store.project import Project

NOT_COPIED = frozenset({"data_version"})
BATCH = 500

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class Copied:
    """What a copy wrote: rows per table, in the order they were copied."""

    rows: dict[str, int]

    def __getitem__(self, table: str) -> int:
        return self.rows.get(table, 0)


def copy_project(source: str, target: str, progress: Progress | None = None) -> Copied:
    """Copy the project at `source` into `target` (a new file or an empty database)."""
    if _same(source, target):
        raise UserError(_("The source and the target are the same project ({location}); "
                          "name another target.").format(location=redact(source)))
    src = Project.open(source)
    try:
        path = sqlite_path(target)
        if path is None:
            return _into_database(src, target, progress)
        return _into_file(src, path, progress)
    finally:
        src.close()


def _same(source: str, target: str) -> bool:
    a, b = sqlite_path(source), sqlite_path(target)
    if a is not None and b is not None:
        return a.resolve() == b.resolve()
    return source == target


def _into_file(src: Project, path: Path, progress: Progress | None) -> Copied:
    if path.exists() and path.stat().st_size > 0:
        raise UserError(_("A file already exists at {path}; copy into a new file (the copy "
                          "never overwrites a project).").format(path=path))
    part = path.with_name(path.name + ".part")
    _remove_sqlite(part)  # a copy interrupted earlier
    try:
        dst = Project.create(str(part))
        try:
            copied = _copy_rows(src, dst, progress)
        finally:
            dst.close()
        _remove_sqlite(part, keep_main=True)
        os.replace(part, path)
    except BaseException:
        _remove_sqlite(part)
        raise
    return copied


def _remove_sqlite(path: Path, keep_main: bool = False) -> None:
    """Remove a SQLite file and its journal files (only the journals with keep_main)."""
    for suffix in ("-wal", "-shm", "-journal") + (() if keep_main else ("",)):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _into_database(src: Project, target: str, progress: Progress | None) -> Copied:
    before = _table_names(target)
    dst = Project.create(target)  # refuses a database that already holds a project
    try:
        return _copy_rows(src, dst, progress)
    except BaseException:
        _drop_tables(dst, keep=before)
        raise
    finally:
        dst.close()


def _table_names(location: str) -> set[str]:
    engine = make_engine(location)
    try:
        return set(inspect(engine).get_table_names())
    except DatabaseError:
        return set()  # Project.create says why in one sentence
    finally:
        engine.dispose()


def _drop_tables(project: Project, keep: set[str]) -> None:
    """Leave a database as it was before a failed copy: without the tables we made."""
    md = MetaData()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        md.reflect(project.engine)
    md.drop_all(project.engine, tables=[t for t in md.sorted_tables if t.name not in keep])


def _copy_rows(src: Project, dst: Project, progress: Progress | None) -> Copied:
    source_md, target_md = MetaData(), MetaData()
    with warnings.catch_warnings():  # SQLite cannot reflect expression indexes; not needed
        warnings.simplefilter("ignore", SAWarning)
        source_md.reflect(src.engine)
        target_md.reflect(dst.engine)
    missing = set(source_md.tables) - set(target_md.tables)
    if missing:
        raise UserError(_("The source project has tables this verbatims does not know "
                          "({tables}); upgrade verbatims before copying it.").format(
                              tables=", ".join(sorted(missing))))
    rows: dict[str, int] = {}
    with dst.write() as out, _snapshot(src) as inp:
        for table in target_md.sorted_tables:
            if table.name in NOT_COPIED or table.name not in source_md.tables:
                continue
            out.execute(delete(table))  # meta and schema_migrations, as create wrote them
            rows[table.name] = _copy_table(inp, source_md.tables[table.name], out, table)
            if progress is not None:
                progress(table.name, rows[table.name])
        if out.dialect.name == "postgresql":
            _advance_sequences(out, inp, target_md)
        _check_counts(out, target_md, rows)
    return Copied(rows)


@contextmanager
def _snapshot(project: Project) -> Iterator[Connection]:
    """One read transaction over every table, so coders writing meanwhile cannot make
    the copy hold a coding without its code (SQLite's BEGIN does this already)."""
    conn = project.engine.connect()
    if conn.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
    try:
        with conn.begin():
            yield conn
    finally:
        conn.close()


def _copy_table(inp: Connection, source: Table, out: Connection, target: Table) -> int:
    columns = [c.name for c in target.columns if c.name in source.columns]
    query = select(*[source.c[name] for name in columns])
    parent = _self_reference(target)
    if parent is not None:  # parents before children, whatever their ids
        batches: Iterator[list[dict[str, Any]]] = iter(
            [_parents_first([dict(zip(columns, r, strict=True)) for r in inp.execute(query)],
                            parent)])
    else:
        pk = [source.c[c.name] for c in target.primary_key.columns if c.name in columns]
        result = inp.execution_options(yield_per=BATCH).execute(query.order_by(*pk))
        batches = ([dict(zip(columns, r, strict=True)) for r in part]
                   for part in result.partitions())
    count = 0
    for batch in batches:
        for i in range(0, len(batch), BATCH):
            chunk = [_plain(row) for row in batch[i : i + BATCH]]
            if chunk:
                out.execute(target.insert(), chunk)
                count += len(chunk)
    return count


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Values as every driver takes them (psycopg may hand back memoryview for bytea)."""
    return {k: bytes(v) if isinstance(v, memoryview) else v for k, v in row.items()}


def _self_reference(table: Table) -> str | None:
    for fk in table.foreign_keys:
        if fk.column.table.name == table.name:
            return str(fk.parent.name)
    return None


def _parents_first(rows: list[dict[str, Any]], parent: str) -> list[dict[str, Any]]:
    """Rows of a tree (codes) sorted by depth, so every parent is inserted before its
    children whatever their ids (a code moved under a newer one has a larger parent id)."""
    by_id = {row["id"]: row for row in rows}

    def depth(key: Any, seen: frozenset[Any] = frozenset()) -> int:
        up = by_id[key][parent]
        if up is None or up not in by_id or up in seen:
            return 0
        return 1 + depth(up, seen | {key})

    return sorted(rows, key=lambda row: (depth(row["id"]), row["id"]))


# The table whose ids a history kind's payload "id" names ("coding.add" → codings).
HISTORY_TABLES = {"coding": "codings", "code": "codes", "document": "documents",
                  "memo": "memos"}


def _history_ids(out: Connection, md: MetaData) -> dict[str, int]:
    """Per table, the largest id the undo history names: rows undone since, which a
    redo in the copy must be able to put back under their old ids."""
    top: dict[str, int] = {}
    if "history_items" not in md.tables:
        return top
    items = md.tables["history_items"]
    for kind, payload in out.execute(select(items.c.kind, items.c.payload)):
        table = HISTORY_TABLES.get(str(kind).split(".", 1)[0])
        try:
            found = json.loads(payload).get("id")
        except (ValueError, AttributeError):
            continue
        if table is not None and isinstance(found, int):
            top[table] = max(top.get(table, 0), found)
    return top


def _advance_sequences(out: Connection, inp: Connection, md: MetaData) -> None:
    """After inserting explicit ids, start each id sequence where the source's was: past
    every id used (a PostgreSQL source's sequence may be past rows since deleted) and
    past the ids the undo history or suggestions still name, so a redo in the copy
    puts a coding back under its old id as it would in the source."""
    named = _history_ids(out, md)
    for table in md.sorted_tables:
        if "id" not in table.c or table.name in NOT_COPIED:
            continue
        seq = out.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"),
                          {"t": table.name}).scalar_one_or_none()
        if seq is None:
            continue
        tops = [out.execute(select(func.max(table.c.id))).scalar_one_or_none(),
                named.get(table.name)]
        if table.name == "codings" and "suggestions" in md.tables:
            tops.append(out.execute(select(func.max(md.tables["suggestions"].c.coding_id)))
                        .scalar_one_or_none())
        if inp.dialect.name == "postgresql":
            found = inp.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"),
                                {"t": table.name}).scalar_one_or_none()
            if found is not None:
                last, called = inp.execute(
                    text(f"SELECT last_value, is_called FROM {found}")).one()
                tops.append(int(last) if called else None)
        top = max((int(t) for t in tops if t is not None), default=0)
        out.execute(text("SELECT setval(:seq, :value, :called)"),
                    {"seq": seq, "value": max(top, 1), "called": top > 0})


def _check_counts(out: Connection, md: MetaData, rows: dict[str, int]) -> None:
    for name, expected in rows.items():
        found = out.execute(select(func.count()).select_from(md.tables[name])).scalar_one()
        if int(found) != expected:
            raise UserError(_("The copy of the table {table} holds {found} rows instead of "
                              "{expected}; nothing was copied.").format(
                                  table=name, found=found, expected=expected))
