"""A coded demo project with lemmas cached, built once per session, copied per test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import copy_project
from verbatims.store import Project

CODED = {
    "numérique responsable": r"numérique responsable|sobriété|réemploi|écologique",
    "sauvegardes": r"sauvegarde",
    "prestataires": r"prestataire",
    "reconditionnement": r"reconditionn",
    "Mégalis Bretagne": r"mégalis",
}


@pytest.fixture(scope="session")
def _figures_template(_parsed_template: Path, tmp_path_factory: pytest.TempPathFactory
                      ) -> Path:
    path = copy_project(_parsed_template,
                        tmp_path_factory.mktemp("figures") / "figures.sqlite")
    project = Project.open(str(path))
    for doc in project.documents():
        text = project.text(doc.id)
        for name, pattern in CODED.items():
            code = project.code(name)
            for match in list(re.finditer(pattern, text, re.I))[:4]:
                start = text.rfind("\n", 0, match.start()) + 1
                end = text.find(".", match.end())
                project.add_coding(doc.id, start, len(text) if end < 0 else end + 1, code.id,
                                   "test")
    project.close()
    return path


@pytest.fixture
def figures_path(_figures_template: Path, tmp_path: Path) -> Path:
    return copy_project(_figures_template, tmp_path / "figures.sqlite")
