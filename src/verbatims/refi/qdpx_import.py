"""`verbatims import-qdpx`: a REFI-QDA project into the current project or a new one.

A new project is built under a temporary name and renamed into place only when
complete, so a failed import leaves nothing behind. Into an existing project,
everything is read and checked first (texts, positions), then merged in one
transaction (see `store.exchange`): what the project holds is kept, what the
file brings is added, and importing the same file twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from verbatims.refi.qdpx_read import ImportedProject, read
from verbatims.store import Project, exchange
from verbatims.store.engine import sqlite_path


def _store(project: Project, data: ImportedProject, coder: str = ""
           ) -> exchange.ImportReport:
    codings = [exchange.CodingRow(c.source, c.code, c.start, c.end, c.coder, c.created_at,
                                  c.memo, c.selected_by) for c in data.codings]
    memos = [exchange.MemoRow(m.kind, m.target, m.text, m.author, m.updated_at)
             for m in data.memos]
    annotations = [exchange.AnnotationRow(a.source, a.start, a.end, a.text, a.author,
                                          a.created_at) for a in data.annotations]
    # Another tool's project name names its codebook; verbatims writes its codebook's
    # name in a Set when it has one, so its own file without one brings no name.
    ours = data.origin.startswith("verbatims")
    name = data.codebook_name or ("" if ours else data.name)
    description = data.codebook_description or data.description
    summaries = [exchange.SummaryRow(x.source, x.code, x.text, x.author, x.updated_at)
                 for x in data.summaries]
    return exchange.store(project, data.documents, data.codes, codings, memos, annotations,
                          coder, (name, description), summaries)


def import_qdpx(location: str, path: Path, coder: str = ""
                ) -> tuple[exchange.ImportReport, ImportedProject, bool]:
    """Returns (what changed, what was read, whether a new project was created).

    Into an existing project the import is one undo step; a new project starts with
    an empty history."""
    data = read(path)
    target = sqlite_path(location)
    if target is not None and not target.exists():
        # A new project appears whole (built under a temporary name, then renamed) and
        # starts with nothing to undo.
        return Project.build(location, lambda p: _store(p, data, coder)), data, True
    project = Project.open(location)
    try:
        return _store(project, data, coder), data, False
    finally:
        project.close()
