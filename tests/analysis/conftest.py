"""Demo projects with lemmas cached and a few real codings, built once per session."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import copy_project
from verbatims.store import Project

# Codes applied where their words occur, the way a coder would mark the sentence.
CODED = {
    "numérique responsable": r"numérique responsable|sobriété|réemploi",
    "sauvegardes": r"sauvegarde",
    "prestataires": r"prestataire",
    "reconditionnement": r"reconditionn",
}


def code_demo(project: Project) -> int:
    """Code the sentence around each occurrence of a few words; return the codings made."""
    made = 0
    for doc in project.documents():
        text = project.text(doc.id)
        for name, pattern in CODED.items():
            code = project.code(name)
            for match in list(re.finditer(pattern, text, re.I))[:4]:
                start = max(text.rfind(".", 0, match.start()) + 1, text.rfind("\n", 0,
                                                                            match.start()) + 1)
                end = text.find(".", match.end())
                end = len(text) if end < 0 else end + 1
                project.add_coding(doc.id, start, end, code.id, "test")
                made += 1
    return made


@pytest.fixture(scope="session")
def _coded_template(_parsed_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = copy_project(_parsed_template, tmp_path_factory.mktemp("coded") / "coded.sqlite")
    project = Project.open(str(path))
    code_demo(project)
    project.close()
    return path


@pytest.fixture
def coded_path(_coded_template: Path, tmp_path: Path) -> Path:
    return copy_project(_coded_template, tmp_path / "coded.sqlite")


@pytest.fixture
def coded(coded_path: Path) -> Iterator[Project]:
    project = Project.open(str(coded_path))
    yield project
    project.close()
