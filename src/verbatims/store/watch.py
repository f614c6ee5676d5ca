"""Notice commits made by other connections (another process, a colleague).

On SQLite, `PRAGMA data_version` only means something when asked again on the
same connection, so the watcher keeps one connection of its own and ends each
read transaction at once (an open one would freeze its view of the file). On
PostgreSQL it reads the change counter that every write transaction moves.
"""

from __future__ import annotations

import threading

from sqlalchemy.engine import Connection

from verbatims.store.base import read_data_version
from verbatims.store.project import Project


class Watcher:
    def __init__(self, project: Project) -> None:
        self.project = project
        self._conn: Connection | None = None
        self._lock = threading.Lock()
        self._last: int | None = None

    def _version(self) -> int:
        if self._conn is None:
            self._conn = self.project.engine.connect()
        conn = self._conn
        try:
            return read_data_version(conn)
        finally:
            conn.rollback()

    def changed(self) -> bool:
        """True when someone committed since the previous call (False the first time)."""
        with self._lock:
            version = self._version()
            before, self._last = self._last, version
            return before is not None and before != version

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
