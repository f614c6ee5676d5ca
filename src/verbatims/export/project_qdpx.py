"""The REFI-QDA project export, registered with the other exporters."""

from __future__ import annotations

from pathlib import Path

from verbatims.export.registry import PROJECT
from verbatims.refi import qdpx_write
from verbatims.store import Project


@PROJECT.register()
def write(data: Project | tuple[Project, str], path: Path) -> None:
    """`data` is the project, or its pseudonymised view (`pseudo.view`) for a safe copy;
    or (either, tool) for what one tool expects (`qdpx_write.PROFILES`)."""
    project, tool = data if isinstance(data, tuple) else (data, "standard")
    qdpx_write.write(project, path, tool)
