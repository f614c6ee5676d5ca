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

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from verbatims.model.entities import (
    Code,
)
from verbatims.store import schema as s
from verbatims.store.engine import WRITE, explain


class StoreBase:
    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location
        self._code_cache: list[Code] | None = None
        self._held = threading.local()  # the write transaction open in this thread

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction, committed on exit (or the enclosing one, if open)."""
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
                    except BaseException:
                        self._code_cache = None  # it may hold codes rolled back
                        raise
                    finally:
                        self._held.conn = None
        except OperationalError as error:
            said = explain(error, self.location)
            if said is None:
                raise
            raise said from None

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
            said = explain(error, self.location)
            if said is None:
                raise
            raise said from None

    def forget_cache(self) -> None:
        """Read the code tree again next time (after a change of codes by undo or redo)."""
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

