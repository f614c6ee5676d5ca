"""YAML codebook, the file researchers edit (codebooks/ holds the bundled one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verbatims.codebook import dump_yaml, load_yaml
from verbatims.codebook.tree import tree_from_codes
from verbatims.export.registry import CODEBOOK, CODEBOOK_READERS
from verbatims.store import Project

SUFFIXES = (".yaml", ".yml")


@CODEBOOK.register(suffixes=SUFFIXES)
def write(project: Project, path: Path) -> None:
    dump_yaml(project.get_meta("codebook_name") or "",  # no name: none comes back
              project.get_meta("codebook_description") or "",
              tree_from_codes(project.codes()), path)


@CODEBOOK_READERS.register(suffixes=SUFFIXES)
def read(path: Path) -> dict[str, Any]:
    return load_yaml(path)
