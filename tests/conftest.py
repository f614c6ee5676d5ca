"""Shared fixtures: real SQLite projects built with the real command line."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from verbatims.cli import main
from verbatims.store import Project

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
CODEBOOK = REPO / "codebooks" / "numerique-collectivites.yaml"
ANNEXE2 = REPO.parent / "shared" / "corpus" / "annexe2"
ANNEXE2_SHEET = CORPUS / "annexe2-attributes.csv"


@dataclass
class Result:
    code: int
    out: str
    err: str


CliRunner = Callable[..., Result]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run `verbatims ARGS...` in-process, as a user would type it."""

    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo corpus + annexe 2 + default codebook, built once, copied per test."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite"
    assert main(["--project", str(path), "init", "--codebook", str(CODEBOOK)]) == 0
    assert main(["--project", str(path), "import", str(CORPUS)]) == 0
    if ANNEXE2.is_dir():
        assert main(["--project", str(path), "import", str(ANNEXE2),
                     "--attributes", str(ANNEXE2_SHEET)]) == 0
    Project.open(str(path)).close()
    return path


@pytest.fixture
def demo_path(_demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo project that a test may change."""
    target = tmp_path / "demo.sqlite"
    source = sqlite3.connect(_demo_template)
    with sqlite3.connect(target) as copy:
        source.backup(copy)
    source.close()
    return target


@pytest.fixture
def demo(demo_path: Path) -> Project:
    project = Project.open(str(demo_path))
    yield project  # type: ignore[misc]
    project.close()
