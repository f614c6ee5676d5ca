"""`Project`: the one object callers use to read and change a project.

Every method that changes something runs in its own write transaction and
returns only after the commit, so whatever the caller then shows is on disk.
The methods live in one module per concept (documents, codes, codings, notes,
annotations);
`Project` adds opening and creating.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import exc, insert

from verbatims.errors import UserError
from verbatims.files import atomic_write
from verbatims.i18n import _
from verbatims.redact import redact
from verbatims.store import schema as s
from verbatims.store.annotations import AnnotationStore
from verbatims.store.base import first_line, refused
from verbatims.store.convert import now
from verbatims.store.engine import explain, make_engine, sqlite_path
from verbatims.store.migrations import applied_versions, migrate

T = TypeVar("T")


class Project(AnnotationStore):
    """A verbatims project behind a SQLite file or a PostgreSQL URL."""

    pseudonymized = False  # True for `pseudo.view.PseudonymizedProject`, what exports read

    # -- opening ---------------------------------------------------------------

    @classmethod
    def build(cls, location: str, fill: Callable[[Project], T]) -> T:
        """A new project made whole or not at all: built under a hidden temporary name
        beside the target, filled by `fill(project)`, its history emptied (a new project
        has nothing to undo), then renamed into place. Killed half-way, it leaves a
        hidden `.part` file (cleared by the next build) and never a project that
        cannot be made again. On a server (PostgreSQL) the schema is made in place."""
        path = sqlite_path(location)
        if path is None:
            project = cls.create(location)
            try:
                return _filled(project, fill)
            finally:
                project.close()
        cls._check_new(path)
        with atomic_write(path, companions=("-wal", "-shm", "-journal"),
                          choose=_("another --project path")) as tmp:
            project = cls.create(str(tmp))
            try:
                return _filled(project, fill)
            finally:
                project.close()

    @staticmethod
    def _check_new(path: Path) -> None:
        _not_a_folder(path)
        if path.exists() and path.stat().st_size > 0:
            raise UserError(
                _("A file already exists at {path}; choose another --project path or open this "
                  "one.").format(path=path)
            )
        if not path.parent.exists():
            raise UserError(
                _("The folder {parent} does not exist; create it first or choose another "
                  "--project path.").format(parent=path.parent)
            )

    @classmethod
    def create(cls, location: str) -> Project:
        path = sqlite_path(location)
        if path is not None:
            cls._check_new(path)
        engine = make_engine(location)
        try:
            if path is None and applied_versions(engine):
                raise UserError(_("The database {location} already holds a verbatims project; "
                                  "name an empty database.").format(location=redact(location)))
            migrate(engine)
        except exc.DatabaseError as error:
            engine.dispose()
            said = explain(error, redact(location)) \
                if isinstance(error, exc.OperationalError) else None
            raise said or _unreachable(location, error) from None
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
                    _("No project at {path}; create one with `verbatims --project {path} "
                      "init`.").format(path=path)
                )
            _not_a_folder(path)
            with path.open("rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise UserError(f"{path} is not a verbatims project (not a SQLite file).")
        engine = make_engine(location)
        try:
            if not applied_versions(engine):
                raise UserError(_("{location} is not a verbatims project (no schema record)."
                                  ).format(location=redact(location)))
            migrate(engine)
        except exc.DatabaseError as error:
            engine.dispose()
            said = explain(error, redact(location)) \
                if isinstance(error, exc.OperationalError) else None
            raise said or _unreachable(location, error) from None
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



def _unreachable(location: str, error: exc.DatabaseError) -> UserError:
    """One sentence for a project that cannot be read: the server's first line, masked."""
    detail = first_line(error)
    if refused(error):
        return UserError(_("The server lets this user in but not into the project {location} "
                           "({error}); ask whoever runs the server to add the user to the "
                           "study's group (docs/team.md).").format(
                               location=redact(location), error=redact(detail)))
    if sqlite_path(location) is not None:
        return UserError(_("Cannot read the project {location}: {error}.").format(
            location=redact(location), error=redact(detail)))
    return UserError(_("Cannot open the project {location}: {error}; check that the server "
                       "runs, the user name and password (~/.pgpass or PGPASSWORD) and the "
                       "database name.").format(location=redact(location),
                                                error=redact(detail.rstrip("."))))


def _filled(project: Project, fill: Callable[[Project], T]) -> T:
    from verbatims.store import history

    result = fill(project)
    history.forget(project)
    return result


def _not_a_folder(path: Path) -> None:
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a project file; give the project's file "
                        "with --project (or VERBATIMS_PROJECT), e.g. --project "
                        f"{path / 'verbatims.sqlite'}.")
