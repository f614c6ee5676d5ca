"""The base of the project store: the engine, transactions and project metadata.

Store modules build on `StoreBase.write()` (one write transaction, committed on
exit) and `StoreBase.read()`; nothing outside `store/` touches SQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from verbatims.errors import UserError
from verbatims.model.entities import (
    Code,
)
from verbatims.store import schema as s
from verbatims.store.engine import WRITE


class StoreBase:
    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location
        self._code_cache: list[Code] | None = None

    @contextmanager
    def write(self) -> Iterator[Connection]:
        try:
            with self.engine.connect().execution_options(**{WRITE: True}) as conn:
                with conn.begin():
                    yield conn
        except OperationalError as error:
            if "readonly" not in str(error.orig):
                raise
            raise UserError(f"The project {self.location} is read-only, so nothing was "
                            "changed; make the file and its folder writable, or work on a "
                            "copy.") from None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn


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

