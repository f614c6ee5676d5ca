"""REFI-QDA project (.qdpx): texts, codes, codings and memos, for the other QDA tools."""

from __future__ import annotations

from pathlib import Path

from verbatims.export.registry import PROJECT
from verbatims.pseudo.replace import Pseudonymizer
from verbatims.refi import qdpx_write
from verbatims.store import Project


@PROJECT.register()
def write(data: Project | tuple[Project, Pseudonymizer | None], path: Path) -> None:
    """`data` is the project, or (project, pseudonymizer) for a pseudonymised copy."""
    project, hide = data if isinstance(data, tuple) else (data, None)
    qdpx_write.write(project, path, hide)
