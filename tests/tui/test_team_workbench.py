"""A team in the workbench: who you are, whose codings you see, two coders side by side,
and a workbench open while four colleagues code the same project at once (SQLite, then
PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tui.tui_helpers import EPCI_AGENT, open_document, screen_text, settle
from verbatims.store import Project
from verbatims.tui.app import VerbatimsApp
from verbatims.tui.widgets.status import StatusBar

pytestmark = pytest.mark.anyio

COLLEAGUE = r"""
import sys, time
from pathlib import Path
from verbatims.store import Project

location, coder, doc_name, go = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])
project = Project.open(location)
doc = project.document(doc_name)
codes = [c.id for c in project.codes()]
offset = 200 * (1 + "anne bruno chloé driss".split().index(coder))
print("ready", flush=True)
while not go.exists():
    time.sleep(0.01)
for i in range(8):
    start = offset + 20 * i
    project.add_coding(doc.id, start, start + 15, codes[i % len(codes)], coder, f"{coder} {i}")
project.close()
"""
COLLEAGUES = ("anne", "bruno", "chloé", "driss")
PATIENT = {**os.environ, "VERBATIMS_BUSY_TIMEOUT": "300"}  # a loaded machine is no loss


def status(app: VerbatimsApp) -> str:
    return str(app.query_one(StatusBar).message)


async def test_a_workbench_sees_four_colleagues_coding_at_once(
        demo_location: str, tmp_path: Path) -> None:
    project = Project.open(demo_location)
    app = VerbatimsApp(project, coder="alice")
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", COLLEAGUE, demo_location, coder,
                               EPCI_AGENT, str(go)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=PATIENT)
             for coder in COLLEAGUES]
    try:
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready", proc.communicate()[1][-2000:]
        async with app.run_test(size=(120, 35)) as pilot:
            await open_document(pilot, EPCI_AGENT)
            app.poll()  # the baseline, as the timer's first tick takes it
            await settle(pilot)
            assert status(app).startswith("you: alice")
            go.touch()
            # alice codes in the workbench while the four of them write
            await pilot.press("ctrl+end", "s", "c", *"cyber", "enter")
            await settle(pilot)
            for proc in procs:
                _out, err = proc.communicate(timeout=240)
                assert proc.returncode == 0, err[-2000:]
            app.poll()  # what the timer does every 1.5 s
            await settle(pilot)
            doc = project.document(EPCI_AGENT)
            shown = sorted((c.coder, c.memo or "") for c in app.view.codings)
            expected = sorted([(coder, f"{coder} {i}") for coder in COLLEAGUES
                               for i in range(8)] + [("alice", "")])
            assert shown == expected
            assert app.overview is not None and app.overview.doc_codings[doc.id] == 33
            assert sorted(c.coder for c in project.codings(document_id=doc.id)) == sorted(
                [*COLLEAGUES * 8, "alice"])

            # whose codings: everyone, then each of them in turn, you first
            await pilot.press("C")
            assert status(app).startswith("alice · codings by alice (1 here)")
            assert {c.coder for c in app.view.codings} == {"alice"}
            await pilot.press("C")
            assert status(app).startswith("alice · codings by anne (8 here)")
            for _ in COLLEAGUES:
                await pilot.press("C")
            assert status(app).startswith("you: alice") and len(app.view.codings) == 33
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        project.close()


async def test_two_coders_side_by_side(demo_path: Path) -> None:
    project = Project.open(str(demo_path))
    doc = project.document(EPCI_AGENT)
    text = project.text(doc.id)
    first = text.index("\n", 300) + 1  # a line of its own, well inside the transcript
    cyber, sobriety = project.code("cybersécurité").id, project.code("sobriété").id
    project.add_coding(doc.id, first, first + 40, cyber, "alice")
    project.add_coding(doc.id, first, first + 40, cyber, "bob")  # the same: they agree
    later = text.index("\n", first + 600) + 1
    project.add_coding(doc.id, later, later + 40, sobriety, "bob")  # bob alone
    app = VerbatimsApp(project, coder="alice")
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        view = app.view
        assert "≠" not in screen_text(app)
        await pilot.press("D")
        assert status(app).startswith("alice ┆ bob side by side")
        view.select_span(later, later + 1)
        await settle(pilot)
        line = next(row for row in screen_text(app).splitlines() if "≠" in row)
        left, right = line.split("┆")[0], line.split("┆")[1][:4]
        assert "▌" not in left and "▌" in right  # only bob's stripe, on the right
        assert "≠ sobriété" in line
        view.select_span(first, first + 1)
        await settle(pilot)
        agreed = next(row for row in screen_text(app).splitlines() if "cybersécurité" in row)
        assert "≠" not in agreed and agreed.count("▌") == 2  # one stripe each side
        assert "coded: cybersécurité (alice), cybersécurité (bob)" in status(app)
        await pilot.press("D")  # two coders: one pair, then off
        assert status(app).startswith("you: alice")
        assert "≠" not in screen_text(app)
        await pilot.press("C", "C")  # alice alone, then bob alone
        assert status(app).startswith("alice · codings by bob (2 here)")
        assert [c.coder for c in view.codings] == ["bob", "bob"]
    project.close()


async def test_one_coder_has_nothing_to_compare(demo_path: Path) -> None:
    project = Project.open(str(demo_path))
    doc = project.document(EPCI_AGENT)
    project.add_coding(doc.id, 0, 40, project.code("cybersécurité").id, "alice")
    app = VerbatimsApp(project, coder="alice")
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        await pilot.press("D")
        await settle(pilot)
        assert app.view.compared is None
        assert any("nothing to compare" in str(n.message) for n in app._notifications)
    project.close()
