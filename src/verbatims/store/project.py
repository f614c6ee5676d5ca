"""`Project`: the one object callers use to read and change a project.

Every method that changes something runs in its own write transaction and
returns only after the commit, so whatever the caller then shows is on disk.
The methods live in one module per concept (documents, codes, codings, notes);
`Project` adds opening and creating.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import exc, func, insert, select

from verbatims.errors import UserError
from verbatims.store import schema as s
from verbatims.store.convert import now
from verbatims.store.engine import make_engine, sqlite_path
from verbatims.store.migrations import applied_versions, migrate
from verbatims.store.notes import NoteStore


class Project(NoteStore):
    """A verbatims project behind a SQLite file or a PostgreSQL URL."""

    pseudonymized = False  # True for `pseudo.view.PseudonymizedProject`, what exports read

    # -- opening ---------------------------------------------------------------

    @classmethod
    def create(cls, location: str) -> Project:
        path = sqlite_path(location)
        if path is not None:
            _not_a_folder(path)
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
        with project.write() as conn:
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
            _not_a_folder(path)
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
        """Fold the write-ahead log back into the file and release connections."""
        if self.engine.dialect.name == "sqlite":
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except Exception:  # noqa: BLE001 - another process may hold the file
                pass
        self.engine.dispose()

    def schema_version(self) -> int:
        return max(applied_versions(self.engine))

    def data_version(self) -> int:
        """A number that changes whenever another connection commits (SQLite).

        The UI polls it to notice a second process writing to the same file.
        """
        with self.read() as conn:
            if self.engine.dialect.name == "sqlite":
                return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())
            return int(conn.execute(select(func.count()).select_from(s.codings)).scalar_one())


def _not_a_folder(path: Path) -> None:
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a project file; give the project's file "
                        "with --project (or VERBATIMS_PROJECT), e.g. --project "
                        f"{path / 'verbatims.sqlite'}.")
