"""REFI-QDA project (.qdpx): texts, codes, codings and memos, for the other QDA tools."""

from __future__ import annotations

from pathlib import Path

from verbatims.export.registry import PROJECT
from verbatims.pseudo.replace import Pseudonymizer
from verbatims.refi import qdpx_write
from verbatims.store import Project


@PROJECT.register()
def write(data: Project | tuple[Project, Pseudonymizer | None]
          | tuple[Project, Pseudonymizer | None, str], path: Path) -> None:
    """`data` is the project, or (project, pseudonymizer) for a pseudonymised copy, or
    (project, pseudonymizer, tool) for what one tool expects (`qdpx_write.PROFILES`)."""
    if not isinstance(data, tuple):
        data = (data, None)
    project, hide, *tool = data
    qdpx_write.write(project, path, hide, tool[0] if tool else "standard")
