"""Fixtures for driving the real workbench with Textual's Pilot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from verbatims.store import Project
from verbatims.tui.app import VerbatimsApp


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def app(demo_path: Path) -> Iterator[VerbatimsApp]:
    project = Project.open(str(demo_path))
    yield VerbatimsApp(project, coder="tester")
    project.close()


@pytest.fixture
def parsed_app(parsed_path: Path) -> Iterator[VerbatimsApp]:
    """The workbench on the demo whose lemmas are cached (search, figures, review)."""
    project = Project.open(str(parsed_path))
    yield VerbatimsApp(project, coder="tester")
    project.close()
