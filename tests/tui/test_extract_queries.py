"""Coding queries in the Extracts tab: the same as `verbatims segments`, typed on its line.

Issue 16: "the Extracts tab and `verbatims segments` answer coding queries: --code A
--and B, --not B, --overlap, --near N, --speaker… the same queries build a code's
extract list in the workbench". Each test codes the demo by hand, types the query
in the workbench, and compares with what the command line prints for it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.tui.tui_helpers import EPCI_AGENT, settle
from verbatims.errors import UserError
from verbatims.store import Project
from verbatims.tui import query_line
from verbatims.tui.app import VerbatimsApp
from verbatims.tui.panes.extracts import ExtractsPane

pytestmark = pytest.mark.anyio

A, B = "mutualisation", "sensibilisation"


def _code(project: Project) -> dict[str, tuple[int, int]]:
    """A (mutualisation) on three passages, B (sensibilisation) overlapping the first,
    close to the second, far from the third; one passage of A is the interviewer's."""
    doc = project.document(EPCI_AGENT)
    text = project.text(doc.id)
    a, b = project.code(A).id, project.code(B).id
    spans = {
        "a1": (text.index("Je suis rattachée"), text.index("Je suis rattachée") + 120),
        "b1": (text.index("Je suis rattachée") + 60, text.index("Je suis rattachée") + 200),
        "a2": (text.index("Mon rôle"), text.index("Mon rôle") + 60),
        "b2": (text.index("Mon rôle") + 70, text.index("Mon rôle") + 110),
        "a3": (text.index("Vous parlez d'un schéma"), text.index("Vous parlez d'un schéma")
               + 40),
    }
    for name, (start, end) in spans.items():
        project.add_coding(doc.id, start, end, a if name.startswith("a") else b, "t")
    return spans


async def _typed(app: VerbatimsApp, line: str) -> list[tuple[int, int]]:
    """Show A's extracts, type `line` in the Extracts line; the passages shown."""
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e", *A, "enter")
        await settle(pilot)
        await pilot.press("f", *line)
        await settle(pilot)
        pane = app.pane(ExtractsPane)
        return [(p.start, p.end) for p in pane.extracts]


def _cli(run_cli: CliRunner, path: Path, *query: str) -> list[tuple[int, int]]:
    result = run_cli("-p", path, "segments", "--code", A, *query)
    assert result.code == 0, result.err
    return [(int(r["start"]), int(r["end"])) for r in csv.DictReader(io.StringIO(result.out))]


@pytest.mark.parametrize("line, query", [
    ("--and sensib", ("--and", B)),
    ("--and sensib --overlap", ("--and", B, "--overlap")),
    ("--not sensibilisation", ("--not", B)),
    ("--and sensibilisation --near 12", ("--and", B, "--near", "12")),
    ("--speaker enquetrice", ("--speaker", "Enquêtrice")),
])
async def test_a_query_typed_in_the_extracts_tab_finds_what_segments_prints(
        app: VerbatimsApp, demo_path: Path, run_cli: CliRunner, line: str,
        query: tuple[str, ...]) -> None:
    spans = _code(app.project)
    shown = await _typed(app, line)
    assert shown == _cli(run_cli, demo_path, *query)
    assert shown  # each query finds something on this coding, and not everything
    assert shown != [spans["a1"], spans["a2"], spans["a3"]]


async def test_the_shared_text_the_whole_overlap_and_the_filter_together(
        app: VerbatimsApp) -> None:
    spans = _code(app.project)
    (a1, a1_end), (b1, b1_end) = spans["a1"], spans["b1"]
    expected = {
        "--and sensib": [(b1, a1_end)],  # the text coded with both
        "--and sensib --overlap": [(a1, b1_end)],  # the whole codings that share it
        "--not sensib": [spans["a2"], spans["a3"]],
        "--not sensib animation": [spans["a2"]],  # the query, then the filter's word
    }
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e", *A, "enter")
        await settle(pilot)
        pane = app.pane(ExtractsPane)
        for line, passages in expected.items():
            await pilot.press("f", "ctrl+u", *line)
            await settle(pilot)
            assert [(p.start, p.end) for p in pane.extracts] == passages, line
        assert "--not sensib" in pane.title  # the query is named above the list
        await pilot.press("enter", "enter")  # to the list, then to the passage
        await settle(pilot)
        assert app.active_tab == "transcript"
        sel = app.view.selection
        assert sel is not None and (sel.start, sel.end) == spans["a2"]


async def test_a_query_being_typed_says_what_is_wrong_in_place(app: VerbatimsApp) -> None:
    _code(app.project)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e", *A, "enter")
        await settle(pilot)
        pane = app.pane(ExtractsPane)
        await pilot.press("f", *"--near x --and sensib")
        await settle(pilot)
        assert "--near takes a number of words" in pane.title and pane.extracts == ()
        await pilot.press("ctrl+u", *"--and zzz")
        await settle(pilot)
        assert "No code is named “zzz”" in pane.title
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert len(pane.extracts) == 3 and pane.title.startswith(A + ": 3 extracts")
        assert not any(n.severity == "error" for n in app.notices)  # no toast per key


def test_the_line_parses_as_the_command_line_would(demo: Project) -> None:
    line = query_line.parse('--and "inclusion numérique" --near 20 genre=femme '
                            'role="chargée de mission" réemploi --overlap')
    assert line.and_codes == ("inclusion numérique",) and line.near == "20" and line.overlap
    assert line.filter == 'genre=femme role="chargée de mission" réemploi'
    codes = demo.codes()
    paths = {c.id: demo.code_path(c.id) for c in codes}
    query = line.query(demo.code(A).id, codes, paths)
    assert query.and_codes == (str(demo.code("inclusion numérique").id),)
    assert query.near == 20 and query.codes == (str(demo.code(A).id),)
    with pytest.raises(UserError, match="could be"):
        query_line.code_ref("numérique", codes, paths)  # several codes hold it
    assert query_line.parse("--speaker").missing == ("--speaker",)
    assert not query_line.parse("genre=femme réemploi").is_query
