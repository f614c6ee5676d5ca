"""The Documents tab shows who speaks in the highlighted document and what its import
asks to check; a role is one key there, undone by u, and the transcript follows.

Issue 10: a respondent filed under the interviewer loses every word to the analyses
that leave interviewers out; the workbench had no view of speakers at all.
"""

from __future__ import annotations

import pytest

from tests.tui.tui_helpers import EPCI_AGENT, settle
from verbatims.tui.app import VerbatimsApp
from verbatims.tui.panes.documents import DocumentsPane
from verbatims.tui.widgets.keybar import KeyBar

pytestmark = pytest.mark.anyio
RESPONDENT = "Chargée de mission"


def _roles(app: VerbatimsApp, label: str) -> set[str]:
    doc = app.project.document(EPCI_AGENT)
    return {t.role for t in app.project.turns(doc.id) if t.speaker == label}


async def test_a_role_is_one_key_and_undo_gives_it_back(app: VerbatimsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"07", "enter")  # the list keeps the keys, 07 highlighted
        await settle(pilot)
        panel = app.pane(DocumentsPane).speakers
        assert EPCI_AGENT in panel.title
        rows = {r.label: r for r in panel.table.rows_shown}
        assert rows[RESPONDENT].role == "respondent" and rows[RESPONDENT].share > 0.8
        assert "nothing to check" in panel.warnings_text
        region = panel.region
        assert region.height >= 5 and region.bottom <= app.query_one(KeyBar).region.y

        await pilot.press("s")  # into the speakers
        assert app.focused is panel.table
        labels = [r.label for r in panel.table.rows_shown]
        await pilot.press(*["down"] * labels.index(RESPONDENT), "i")
        await settle(pilot)
        assert _roles(app, RESPONDENT) == {"interviewer"}  # committed, every turn
        assert {r.label: r.role for r in panel.table.rows_shown}[RESPONDENT] == "interviewer"
        assert "interviewer holds" in panel.warnings_text  # the import summary, read again
        assert any(n.text.startswith(f"{RESPONDENT} is now interviewer") for n in app.notices)

        await pilot.press("u")
        await settle(pilot)
        assert _roles(app, RESPONDENT) == {"respondent"}
        assert {r.label: r.role for r in panel.table.rows_shown}[RESPONDENT] == "respondent"
        await pilot.press("escape")  # back to the list
        assert app.focused is app.pane(DocumentsPane).query_one("#doc-table")


async def test_the_open_transcript_follows_a_role_change(app: VerbatimsApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"07", "enter", "enter")  # open it
        await settle(pilot)
        view = app.view
        assert {t.role for t in view.turns if t.speaker == RESPONDENT} == {"respondent"}
        await pilot.press("1", "s")
        labels = [r.label for r in app.pane(DocumentsPane).speakers.table.rows_shown]
        await pilot.press(*["down"] * labels.index(RESPONDENT), "i")
        await settle(pilot)
        assert {t.role for t in view.turns if t.speaker == RESPONDENT} == {"interviewer"}
        await pilot.press("enter")  # the speaker's first turn, selected in the transcript
        await settle(pilot)
        sel = view.selection
        assert app.active_tab == "transcript" and sel is not None
        assert view.text[:sel.start].rstrip().endswith(f"{RESPONDENT} :")  # its words
