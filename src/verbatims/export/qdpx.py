"""The REFI-QDA project export, registered with the other exporters."""

from __future__ import annotations

from pathlib import Path

from verbatims.export.registry import exporter
from verbatims.pseudo.replace import Pseudonymizer
from verbatims.refi import qdpx_write
from verbatims.store import Project


@exporter("project", "qdpx")
def write(data: Project | tuple[Project, Pseudonymizer | None], path: Path) -> None:
    """`data` is the project, or (project, pseudonymizer) for a pseudonymised copy."""
    project, hide = data if isinstance(data, tuple) else (data, None)
    qdpx_write.write(project, path, hide)
