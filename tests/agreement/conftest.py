"""Projects coded by two coders, for the agreement tests (on both backends)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import copy_project, project_location
from verbatims.analysis.agreement_data import segment_units
from verbatims.store import Project


def code_two_coders(project: Project, seed: int = 3) -> None:
    """Alice codes sentences holding a code's keyword; Bob agrees, misses some, cuts others
    differently, picks a sibling code now and then, and codes a few passages of his own."""
    rng = random.Random(seed)
    codes = [c for c in project.codes() if c.keywords]
    for doc in project.documents()[:3]:
        text = project.text(doc.id)
        units = segment_units(text, project.turns(doc.id), "sentence")
        for start, end in units:
            sentence = text[start:end].lower()
            for code in codes:
                if not any(k.lower() in sentence for k in code.keywords):
                    continue
                project.add_coding(doc.id, start, end, code.id, "alice")
                r = rng.random()
                if r < 0.2:
                    continue
                if r < 0.5:
                    start2 = max(0, start - rng.randint(0, 30))
                    end2 = min(len(text), max(start2 + 1, end + rng.randint(-10, 40)))
                    project.add_coding(doc.id, start2, end2, code.id, "bob")
                else:
                    project.add_coding(doc.id, start, end, code.id, "bob")
        for _ in range(3):
            at = rng.randrange(0, len(text) - 120)
            project.add_coding(doc.id, at, at + 100, rng.choice(codes).id, "bob")


@pytest.fixture(scope="session")
def _coded_template(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = copy_project(_demo_template, tmp_path_factory.mktemp("coded") / "coded.sqlite")
    project = Project.open(str(path))
    code_two_coders(project)
    project.close()
    return path


@pytest.fixture
def coded_location(backend: str, _coded_template: Path, tmp_path: Path,
                   request: pytest.FixtureRequest) -> Iterator[str]:
    """The demo project, three interviews coded by alice and bob (SQLite, then PostgreSQL)."""
    yield from project_location(backend, _coded_template, tmp_path, request)
