"""The base of the project store: the engine, transactions and project metadata.

Store modules build on `StoreBase.write()` (one write transaction, committed on
exit) and `StoreBase.read()`; nothing outside `store/` touches SQL.

Writes nest: a `write()` (or `read()`) opened, in the same thread, inside another
`write()` joins its transaction instead of opening one. So store methods compose:
`history.step()` makes "accept 40 suggestions" one transaction and one undo step
by calling the ordinary methods inside it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.model.entities import (
    Code,
)
from verbatims.redact import redact
from verbatims.store import schema as s
from verbatims.store.engine import WRITE, explain


class StoreBase:
    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location
        self._code_cache: list[Code] | None = None
        self._held = threading.local()  # the write transaction open in this thread

    @property
    def shown(self) -> str:
        """The location as every message shows it: a URL's password masked."""
        return redact(self.location)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction, committed on exit (or the enclosing one, if open).

        On PostgreSQL its last statement moves the change counter that workbenches
        poll (`data_version`); last, so that its row lock is held only for the commit.
        """
        held: Connection | None = getattr(self._held, "conn", None)
        if held is not None:
            yield held
            return
        try:
            with self.engine.connect().execution_options(**{WRITE: True}) as conn:
                with conn.begin():
                    self._held.conn = conn
                    try:
                        yield conn
                        if conn.dialect.name != "sqlite":
                            bump_data_version(conn)
                    except BaseException:
                        self._code_cache = None  # it may hold codes rolled back
                        raise
                    finally:
                        self._held.conn = None
        except OperationalError as error:
            said = explain(error, self.shown)
            if said is None:
                raise
            raise said from None
        except ProgrammingError as error:
            if not refused(error):
                raise
            raise UserError(_("The server does not let this user change the project {location}"
                              " ({error}), so nothing was changed; ask whoever runs the server "
                              "to add the user to the study's group (docs/team.md).").format(
                                  location=self.shown, error=first_line(error))) from None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection to read (inside a write, that write's: it sees its changes)."""
        held: Connection | None = getattr(self._held, "conn", None)
        if held is not None:
            yield held
            return
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as error:  # a reader waits only while a file is recovered
            said = explain(error, self.shown)
            if said is None:
                raise
            raise said from None

    def data_version(self) -> int:
        """A number that changes whenever a commit becomes visible to this process.

        SQLite: `PRAGMA data_version` (moves when another connection commits; ask it on
        one connection, as `store.watch.Watcher` does). PostgreSQL: the change counter
        every write transaction moves (migration 11).
        """
        with self.read() as conn:
            return read_data_version(conn)

    def forget_cache(self) -> None:
        """Read the code tree again next time: after a change of codes by undo or redo,
        or in a long-lived Project (the workbench) after another process committed,
        e.g. `verbatims codebook import` while the workbench is open."""
        self._code_cache = None


    # -- meta --------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self.read() as conn:
            value = conn.execute(select(s.meta.c.value).where(s.meta.c.key == key))
            found = value.scalar_one_or_none()
            return None if found is None else str(found)

    def set_meta(self, key: str, value: str) -> None:
        with self.write() as conn:
            conn.execute(delete(s.meta).where(s.meta.c.key == key))
            conn.execute(insert(s.meta).values(key=key, value=value))


COUNTER_SLOTS = 64


def bump_data_version(conn: Connection) -> None:
    """Count one more commit (PostgreSQL); call it as a transaction's last statement.

    The counter is spread over 64 rows, one chosen by the server process's id, so that
    coders committing at the same time do not queue on one row lock; readers add them
    up, and the sum moves exactly when a commit becomes visible.
    """
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    slot = func.pg_backend_pid() % COUNTER_SLOTS + 2  # row 1 is the migration's
    table = s.data_version
    conn.execute(pg_insert(table).values(id=slot, version=1).on_conflict_do_update(
        index_elements=[table.c.id], set_={"version": table.c.version + 1}))


def read_data_version(conn: Connection) -> int:
    if conn.dialect.name == "sqlite":
        return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())
    total = conn.execute(select(func.coalesce(func.sum(s.data_version.c.version), 0)))
    return int(total.scalar_one())


def refused(error: DBAPIError) -> bool:
    """True for PostgreSQL's "permission denied" (SQLSTATE 42501, insufficient_privilege)."""
    return getattr(error.orig, "sqlstate", None) == "42501"


def first_line(error: DBAPIError) -> str:
    """The server's message, one line, without the statement SQLAlchemy appends."""
    lines = [" ".join(line.split()) for line in str(error.orig).splitlines()]
    return "; ".join(line.rstrip(".") for line in lines if line) or type(error).__name__
