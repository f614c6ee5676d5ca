"""A project another process holds, or a full disk: one sentence, nothing changed.

The lock is a real SQLite write lock held by a second connection (as another
verbatims writing would), and the wait is shortened with $VERBATIMS_BUSY_TIMEOUT;
the full disk is SQLite's own limit on the file's pages (`max_page_count`), set
on every connection the command opens, which fails exactly as a full disk does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from tests.conftest import CORPUS, CliRunner
from tests.hostile import fingerprint, refused
from tests.tui.tui_helpers import EPCI_AGENT, open_document, settle
from verbatims.store import Project
from verbatims.tui.app import VerbatimsApp


@contextmanager
def held(path: Path) -> Iterator[None]:
    """Another writer holds the project (BEGIN IMMEDIATE, not committed)."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@contextmanager
def full_disk() -> Iterator[None]:
    """Every SQLite file verbatims opens from now on cannot grow by a page."""

    def cap(dbapi: Any, _record: Any) -> None:
        pages = dbapi.execute("PRAGMA page_count").fetchone()[0]
        dbapi.execute(f"PRAGMA max_page_count = {max(pages, 1)}")

    event.listen(Engine, "connect", cap)
    try:
        yield
    finally:
        event.remove(Engine, "connect", cap)


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERBATIMS_BUSY_TIMEOUT", "0.2")


COMMANDS = {
    "code": ["code", "01-maire-commune-1000-2000.txt", "100", "160", "sobriété"],
    "import": ["import", str(CORPUS / "README.md"), "--format", "md"],
    "codebook import": ["codebook", "import", "CODEBOOK"],
    "memo set": ["memo", "set", "project", "Saturation ?"],
    "undo": ["undo"],
}


def args(name: str, tmp_path: Path, demo_path: Path, run_cli: CliRunner) -> list[str]:
    if name == "codebook import":
        book = tmp_path / "grille.yaml"
        book.write_text("name: g\ncodes:\n  - name: nouvelle\n", encoding="utf-8")
        return ["codebook", "import", str(book)]
    if name == "undo":  # something to undo first
        assert run_cli("-p", demo_path, "memo", "set", "project", "avant").code == 0
    return COMMANDS[name]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_busy_project_is_said_so(name: str, quick: None, demo_path: Path, tmp_path: Path,
                                   run_cli: CliRunner) -> None:
    command = args(name, tmp_path, demo_path, run_cli)
    before = fingerprint(demo_path)
    with held(demo_path):
        refused(run_cli("-p", demo_path, *command), "is busy", "another verbatims",
                "nothing was changed", "try again")
    assert fingerprint(demo_path) == before
    assert run_cli("-p", demo_path, *command).code == 0  # once free, the same command works


def exported(tmp_path: Path, run_cli: CliRunner) -> Path:
    """A .qdpx of another project: the demo's texts with a word changed, coded."""
    other = tmp_path / "autre.sqlite"
    folder = tmp_path / "textes"
    folder.mkdir()
    for source in sorted(CORPUS.glob("*.txt")):
        (folder / source.name).write_text(source.read_text(encoding="utf-8") + "\nFin.\n",
                                          encoding="utf-8")
    assert run_cli("-p", other, "init", "--codebook", "default").code == 0
    assert run_cli("-p", other, "import", folder).code == 0
    out = tmp_path / "autre.qdpx"
    assert run_cli("-p", other, "export", "qdpx", "-o", out).code == 0
    return out


@pytest.mark.parametrize("name", ["import", "import-qdpx"])
def test_a_full_disk_is_said_so(name: str, demo_path: Path, tmp_path: Path,
                                run_cli: CliRunner) -> None:
    """What needs new pages in the file: many texts, or a project, imported."""
    qdpx = exported(tmp_path, run_cli)
    command = (["import", str(qdpx.parent / "textes")] if name == "import"
               else ["import-qdpx", str(qdpx)])
    with sqlite3.connect(demo_path) as db:  # no free page left inside the file either
        db.execute("VACUUM")
    db.close()
    before = fingerprint(demo_path)
    with full_disk():
        refused(run_cli("-p", demo_path, *command), "disk", "is full", "nothing was changed")
    assert fingerprint(demo_path) == before
    assert run_cli("-p", demo_path, *command).code == 0  # with room again, it works


def test_a_new_project_on_a_full_disk_is_not_left_half_made(tmp_path: Path,
                                                            run_cli: CliRunner) -> None:
    target = tmp_path / "p.sqlite"
    with full_disk():
        refused(run_cli("-p", target, "init", "--codebook", "default"), "is full")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_the_workbench_says_busy_and_keeps_the_session(quick: None,
                                                             demo_path: Path) -> None:
    project = Project.open(str(demo_path))
    app = VerbatimsApp(project, coder="tester")
    try:
        async with app.run_test(size=(120, 35)) as pilot:
            await open_document(pilot, EPCI_AGENT)
            await pilot.press("down", "down", "down", "down", "s")
            with held(demo_path):
                await pilot.press("c", *"cyber", "enter")
                await settle(pilot)
                notes = [n.message for n in app._notifications]
            assert any("is busy" in n and "try again" in n for n in notes), notes
            assert not any("OperationalError" in n or "SQL" in n for n in notes), notes
            assert app.project.codings() == []
            assert app.view.selection is not None  # kept, to try again
            await pilot.press("c", *"cyber", "enter")  # free again: it codes
            await settle(pilot)
            assert len(app.project.codings()) == 1
    finally:
        project.close()
