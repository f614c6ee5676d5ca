"""A corpus of hundreds of documents in the workbench: the document list fills in batches
(the first screen does not wait for all of them) yet holds every document, sorted and
filtered as before, with cells as wide as Textual would measure them; a coding made in
the transcript does not re-read the Documents tab's speakers until that tab is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.render import measure
from textual.widgets import DataTable, Input

from tests.tui.tui_helpers import settle
from verbatims.model.entities import NewDocument
from verbatims.store import Project
from verbatims.tui.app import VerbatimsApp
from verbatims.tui.panes.documents import FIRST_ROWS, DocumentsPane
from verbatims.tui.widgets.listtable import one_line_width

pytestmark = pytest.mark.anyio
COUNT = FIRST_ROWS * 2 + 57  # three batches and a bit


@pytest.fixture
def many(tmp_path: Path) -> Project:
    project = Project.create(str(tmp_path / "many.sqlite"))
    project.add_documents([
        NewDocument(f"entretien_{i:04d}.txt", f"Q : Et la commune {i} ?\nR : Oui, {i}.\n",
                    f"entretien_{i:04d}.txt", "txt", "utf-8",
                    attributes={"role": "maire" if i % 3 else "DGS", "rang": i})
        for i in range(COUNT)])
    project.add_code("mutualisation")
    return project


def test_one_line_cells_are_as_wide_as_textual_measures_them() -> None:
    console = Console(width=120)
    for text in [Text(""), Text("entretien_0001.txt"), Text("12 345"), Text("élu·e ✔ 日本"),
                 Text("deux\nlignes plus longues"), Text("[rires] pas du markup")]:
        assert one_line_width(console, text, 1) == measure(console, text, 1), text.plain


async def test_every_document_is_listed_sorted_and_filtered(many: Project) -> None:
    app = VerbatimsApp(many, coder="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pane = app.pane(DocumentsPane)
        table = pane.query_one(DataTable)
        for _ in range(50):
            if pane.filled:
                break
            await pilot.pause(0.05)
        assert pane.filled and table.row_count == COUNT
        assert [str(table.get_row_at(i)[1]) for i in (0, COUNT - 1)] == [
            "entretien_0000.txt", f"entretien_{COUNT - 1:04d}.txt"]

        await pilot.press("O")  # reverse sort on the first column: the last one first
        await settle(pilot)
        assert str(table.get_row_at(0)[1]) == f"entretien_{COUNT - 1:04d}.txt"

        pane.filter_text = "role=DGS"
        await settle(pilot)
        for _ in range(50):
            if pane.filled:
                break
            await pilot.pause(0.05)
        expected = len(range(0, COUNT, 3))
        assert table.row_count == expected == len(pane.documents)
        assert str(table.get_row_at(expected - 1)[1]) == "entretien_0000.txt"
        app.query_one("#doc-filter", Input).value = ""
        await settle(pilot)
    many.close()


async def test_coding_elsewhere_reads_the_speakers_when_their_tab_is_shown(
        many: Project) -> None:
    app = VerbatimsApp(many, coder="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pane = app.pane(DocumentsPane)
        first = pane.documents[0]
        await pilot.press("enter")  # open the highlighted (first) document
        await settle(pilot)
        assert app.active_tab == "transcript"
        reads: list[int] = []
        load = pane.load_speakers

        def counted() -> None:
            reads.append(1)
            load()

        pane.load_speakers = counted  # type: ignore[method-assign,assignment]
        app.view.select_span(0, 10)
        app.coding.code()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert len(many.codings(document_id=first.id)) == 1  # committed
        assert reads == []  # nothing read for a tab not shown
        app.action_tab("documents")
        await settle(pilot)
        assert reads == [1]
        assert first.name in pane.speakers.title  # the panel is the highlighted document's
    many.close()
