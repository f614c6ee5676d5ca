"""Fixtures for auto-coding: the demo project with its lemmas cached, built once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from verbatims.nlp import cache
from verbatims.store import Project


@pytest.fixture(scope="session")
def _parsed_template(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project once spaCy has read it (parsing per test would be slow)."""
    target = tmp_path_factory.mktemp("autocode") / "demo.sqlite"
    shutil.copy(_demo_template, target)
    project = Project.open(str(target))
    cache.ensure_parsed(project)
    project.close()
    return target


@pytest.fixture
def parsed_path(_parsed_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.sqlite"
    shutil.copy(_parsed_template, target)
    return target


@pytest.fixture
def parsed(parsed_path: Path) -> Iterator[Project]:
    project = Project.open(str(parsed_path))
    yield project
    project.close()
