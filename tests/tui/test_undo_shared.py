"""One history for the command line and the workbench: what one does, the other undoes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.tui.tui_helpers import EPCI_AGENT, open_document, screen_text, settle
from verbatims.settings import default_coder
from verbatims.store import Project
from verbatims.tui.app import VerbatimsApp

pytestmark = pytest.mark.anyio


async def _shows_coding(project: Project, expected: int) -> bool:
    app = VerbatimsApp(project, coder=default_coder())
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        shown = len(app.view.codings) == expected
        margin = "cybersécurité" in screen_text(app)
    return shown and margin == (expected > 0)


async def test_cli_coding_undone_then_redone_shows_in_the_workbench(
        run_cli: CliRunner, demo_path: Path) -> None:
    p = ("-p", demo_path)
    assert run_cli(*p, "code", EPCI_AGENT, "0", "80", "cybersécurité").code == 0
    project = Project.open(str(demo_path))
    assert await _shows_coding(project, 1)
    project.close()

    assert run_cli(*p, "undo").code == 0
    project = Project.open(str(demo_path))
    assert await _shows_coding(project, 0)
    project.close()

    assert run_cli(*p, "redo").code == 0
    project = Project.open(str(demo_path))
    assert await _shows_coding(project, 1)

    # A colleague's workbench does not take it back: each coder undoes their own.
    app = VerbatimsApp(project, coder="a colleague")
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        await pilot.press("u")
        await settle(pilot)
        assert len(app.view.codings) == 1
    # And back the other way: the same coder's workbench undoes the command line's coding...
    app = VerbatimsApp(project, coder=default_coder())
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        await pilot.press("u")
        await settle(pilot)
        assert app.view.codings == []
        assert "cybersécurité" not in screen_text(app)
    project.close()
    assert "cybersécurité" not in run_cli(*p, "segments", "--code", "cybersécurité").out
    # ...and the command line redoes what the workbench undid.
    result = run_cli(*p, "redo")
    assert result.code == 0 and "Redone: coding" in result.out
    project = Project.open(str(demo_path))
    assert await _shows_coding(project, 1)
    project.close()
