"""The auto-coding review queue in the workbench: accept, reject, go to the passage."""

from __future__ import annotations

import pytest

from tests.tui.tui_helpers import EPCI_AGENT, settle
from verbatims.nlp.autocode import Proposal
from verbatims.store import Project, suggestions
from verbatims.tui.app import VerbatimsApp
from verbatims.tui.panes.review import ReviewPane

pytestmark = pytest.mark.anyio


def _propose(project: Project) -> list[int]:
    doc = project.document(EPCI_AGENT)
    text = project.text(doc.id)
    code = project.code("inclusion numérique")
    found = []
    for word in ("conseillers numériques", "inclusion numérique"):
        at = text.index(word)
        found.append(Proposal(doc.id, code.id, at, at + len(word), "match", word, word, at,
                              at + len(word), 100.0))
    suggestions.save(project, found)
    return [s.id for s in suggestions.pending(project)]


async def test_accept_then_reject_from_the_queue(app: VerbatimsApp) -> None:
    first, second = _propose(app.project)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        pane = app.pane(ReviewPane)
        assert [r.id for r in pane.rows] == [first, second]
        assert pane.title.startswith("2 suggestions to review in 1 document:")  # not "(s)"
        await pilot.press("a")
        await settle(pilot)
        accepted = suggestions.get(app.project, first)
        assert accepted.status == "accepted" and accepted.coding_id is not None
        assert [r.id for r in pane.rows] == [second]
        await pilot.press("enter")  # see it in its transcript
        await settle(pilot)
        sel = app.view.selection
        assert app.active_tab == "transcript" and sel is not None
        waiting = suggestions.get(app.project, second)
        assert (sel.start, sel.end) == (waiting.start, waiting.end)
        await pilot.press("6", "d")
        await settle(pilot)
        assert suggestions.get(app.project, second).status == "rejected"
        assert pane.rows == ()


async def test_undo_takes_back_a_rejection_and_an_acceptance(app: VerbatimsApp) -> None:
    """Issue 16: a rejection could not be undone, and undoing an acceptance left the
    suggestion decided. Both come back to the queue now, the coding gone."""
    first, second = _propose(app.project)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        pane = app.pane(ReviewPane)
        await pilot.press("d")  # reject the first
        await settle(pilot)
        assert [r.id for r in pane.rows] == [second]
        await pilot.press("u")
        await settle(pilot)
        assert suggestions.get(app.project, first).status == "pending"
        assert [r.id for r in pane.rows] == [first, second]
        assert any("rejected suggestion" in n.text for n in app.notices)

        await pilot.press("a")  # accept the first: a coding
        await settle(pilot)
        coding = suggestions.get(app.project, first).coding_id
        assert coding is not None
        assert any(c.id == coding for c in app.project.codings())
        await pilot.press("u")
        await settle(pilot)
        assert suggestions.get(app.project, first).status == "pending"
        assert not any(c.id == coding for c in app.project.codings())
        assert [r.id for r in pane.rows] == [first, second]
        await pilot.press("U")  # and redo accepts it again
        await settle(pilot)
        assert suggestions.get(app.project, first).status == "accepted"
        assert [r.id for r in pane.rows] == [second]
