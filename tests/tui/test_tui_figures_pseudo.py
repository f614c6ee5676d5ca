"""The workbench's figure form hides names with the project's key, and says when it cannot."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from tests.tui.tui_helpers import settle
from verbatims.cli import main
from verbatims.pseudo import keyfile
from verbatims.pseudo.check import check_file
from verbatims.pseudo.replace import Pseudonymizer
from verbatims.store import Project
from verbatims.tui.app import VerbatimsApp
from verbatims.tui.figures import KINDS
from verbatims.tui.screens.figures import FigureForm, NamesChoice

pytestmark = pytest.mark.anyio


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as copy:
        src.backup(copy)
    return target


@pytest.fixture
def study(_parsed_template: Path, tmp_path: Path) -> Path:
    return _copy(_parsed_template, tmp_path / "study" / "demo.sqlite")


@pytest.fixture
def app(study: Path) -> Iterator[VerbatimsApp]:
    project = Project.open(str(study))
    yield VerbatimsApp(project, coder="tester")
    project.close()


async def _make_cloud(app: VerbatimsApp, name: str, hide: bool | None = None
                      ) -> tuple[bool, bool]:
    """Make a cloud from the form: (the switch's first position, the form still open)."""
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        form = app.screen
        assert isinstance(form, FigureForm)
        form.query_one("#figure-kind", OptionList).highlighted = list(KINDS).index("cloud")
        await pilot.pause()
        assert form.kind == "cloud"
        switch = form.query_one(NamesChoice)
        first = switch.hidden
        if hide is not None and switch.hidden != hide:
            switch.action_switch()
        form.query_one("#figure-output", Input).value = f"figures/{name}"
        await pilot.press("enter")
        await settle(pilot)
        return first, app.screen is form


async def test_names_are_hidden_with_the_projects_key(study: Path, tmp_path: Path) -> None:
    key = tmp_path / "private" / "cle.csv"
    key.parent.mkdir()
    assert main(["-p", str(study), "pseudonymize", "--key", str(key)]) == 0
    pz = Pseudonymizer([d.entry() for d in keyfile.read(key) if d.decision == "accepted"])
    project = Project.open(str(study))
    app = VerbatimsApp(project, coder="tester")
    try:
        first, still_open = await _make_cloud(app, "nuage.svg")
        assert first and not still_open  # a key exists: on by default; written, closed
    finally:
        project.close()
    made = sorted((study.parent / "figures").iterdir())
    assert len(made) == 1 and made[0].suffix == ".svg"
    assert check_file(made[0], pz) == []
    assert "[Personne" in made[0].read_text(encoding="utf-8")


async def test_without_a_key_the_switch_says_what_to_do(app: VerbatimsApp,
                                                        study: Path) -> None:
    first, still_open = await _make_cloud(app, "nuage.svg", hide=True)
    notes = [n.text for n in app.notices]
    assert any("verbatims pseudonymize --key" in n for n in notes), notes
    assert not first and still_open  # no key: off by default; asked for, it says what to do
    assert not (study.parent / "figures" / "nuage.svg").exists()


def test_every_figure_of_the_form_hides_names(study: Path, tmp_path: Path) -> None:
    """Each kind the form offers takes the switch (the similitude graph did not)."""
    from verbatims.errors import UserError
    from verbatims.tui.figures import FigureRequest, make

    project = Project.open(str(study))
    doc, code = project.documents()[0].name, project.codes()[0].name
    project.close()
    assert main(["-p", str(study), "code", doc, "0", "3000", code]) == 0
    key = tmp_path / "private" / "cle.csv"
    key.parent.mkdir()
    assert main(["-p", str(study), "pseudonymize", "--key", str(key)]) == 0
    pz = Pseudonymizer([d.entry() for d in keyfile.read(key) if d.decision == "accepted"])
    project = Project.open(str(study))
    made = []
    try:
        for kind, figure in KINDS.items():
            subject = {"pivot": "numérique", "code": code}.get(figure.subject, "")
            out = study.parent / "figures" / f"{kind}.{figure.formats[0]}"
            try:
                make(project, FigureRequest(kind, subject, (), out, pseudonymize=True))
            except UserError:
                continue  # nothing significant to draw is said in a sentence, not a crash
            assert check_file(out, pz) == [], kind
            made.append(kind)
    finally:
        project.close()
    assert {"similitude", "cloud", "map", "saturation", "stats"} <= set(made), made
