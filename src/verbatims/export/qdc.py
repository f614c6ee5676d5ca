"""The REFI-QDA codebook export, registered with the other exporters."""

from __future__ import annotations

from pathlib import Path

from verbatims.codebook.tree import tree_from_codes
from verbatims.export.registry import exporter
from verbatims.refi import qdc
from verbatims.store import Project


@exporter("codebook", "qdc")
def write(project: Project, path: Path) -> None:
    qdc.write(tree_from_codes(project.codes()), path)
