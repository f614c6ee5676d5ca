"""REFI-QDA codebook (.qdc), for NVivo, ATLAS.ti, MAXQDA and QualCoder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verbatims.codebook.tree import tree_from_codes
from verbatims.export.registry import CODEBOOK, CODEBOOK_READERS
from verbatims.refi import qdc
from verbatims.store import Project


@CODEBOOK.register()
def write(project: Project, path: Path) -> None:
    qdc.write(tree_from_codes(project.codes()), path,
              project.get_meta("codebook_name") or "",
              project.get_meta("codebook_description") or "")


@CODEBOOK_READERS.register()
def read(path: Path) -> dict[str, Any]:
    """The codes of a .qdc file, with the name and description verbatims gave it."""
    return qdc.read(path)
