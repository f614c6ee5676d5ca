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


async def test_learned_suggestions_show_their_score_why_and_the_codes_figures(
        app: VerbatimsApp) -> None:
    """The Review tab shows each suggestion's score and "why" words, and the
    cross-validated figures of its code (stored by `autocode --evaluate`)."""
    import json

    from textual.widgets import DataTable

    from verbatims.store import evaluations
    from verbatims.store.evaluations import Evaluation

    project = app.project
    doc = project.document(EPCI_AGENT)
    text = project.text(doc.id)
    sobriety = project.code("sobriété")
    at = text.index("débrancher les chargeurs")
    why = json.dumps({"words": ["débrancher", "chargeurs"], "terms": [],
                      "question": ["consommation"], "features": []})
    suggestions.save(project, [Proposal(doc.id, sobriety.id, at - 40, at + 60, "sentence", "",
                                        "débrancher", at, at + 10, 82.4, "learned", why)])
    evaluations.save(project, [
        Evaluation(sobriety.id, "keywords", "paragraph", None, 7, 4, 5, 3, 4, 4, 100,
                   0.43, 0.43, 0.43, 0.41, 0),
        Evaluation(sobriety.id, "learned", "paragraph", None, 7, 4, 5, 5, 2, 2, 100,
                   0.71, 0.71, 0.71, 0.69, 0)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        table = app.query_one("#review-table", DataTable)
        assert str(table.get_row_at(0)[1]) == "82%"
        detail = app.pane(ReviewPane).detail
        assert "Learned, 82 %: débrancher, chargeurs; question: consommation" in detail
        assert "Cross-validated on 7 coded passages (5 folds)" in detail
        assert "learned P 0.71 R 0.71 F1 0.71 κ 0.69" in detail
        assert "keywords P 0.43" in detail


async def test_learning_again_from_the_review_tab_as_codings_accumulate(
        parsed_app: VerbatimsApp) -> None:
    """L in the Review tab retrains on the hand coding as it stands: with interviews
    01-05 coded, learned suggestions fill the queue for 06-09 only; a suggestion
    rejected there is not proposed again by the next round."""
    from bench import handcoding as hc

    project = parsed_app.project
    _coder, entries = hc.load()
    codes = {c.name: c.id for c in project.codes()}
    coded = set()
    for d in project.documents():
        if int(d.name[:2]) <= 5:
            coded.add(d.id)
            for h in hc.spans(d.name[:2], entries.get(d.name[:2], []), project.text(d.id),
                              project.turns(d.id)):
                project.add_coding(d.id, h.start, h.end, codes[h.code], "chercheuse")
    async with parsed_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        pane = parsed_app.pane(ReviewPane)
        assert pane.rows == ()
        await pilot.press("L")
        await settle(pilot)
        assert pane.rows, "learning proposed nothing"
        assert any(n.text.startswith("Learned from 186 hand codings") for n in parsed_app.notices)
        assert not any(n.severity == "error" for n in parsed_app.notices)
        assert {r.document_id for r in pane.rows}.isdisjoint(coded)
        assert any(r.source == "learned" for r in pane.rows)
        first = pane.rows[0]
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        assert pane.rows
        assert all((r.code_id, r.document_id, r.start) != (first.code_id, first.document_id,
                                                           first.start) for r in pane.rows)
        assert suggestions.get(project, first.id).status == "rejected"
