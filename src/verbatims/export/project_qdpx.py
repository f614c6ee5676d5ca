"""The REFI-QDA project export, registered with the other exporters."""

from __future__ import annotations

from pathlib import Path

from verbatims.export.registry import PROJECT
from verbatims.refi import qdpx_write
from verbatims.store import Project


@PROJECT.register()
def write(data: Project, path: Path) -> None:
    """`data` is the project, or its pseudonymised view (`pseudo.view`) for a safe copy."""
    qdpx_write.write(data, path)
