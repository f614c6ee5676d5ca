"""The core loop, driven as a user would: open, select, code, see, undo, redo, reopen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.tui_helpers import EPCI_AGENT, open_document, screen_text, settle
from verbatims.store import Project
from verbatims.tui.app import VerbatimsApp
from verbatims.tui.panes.documents import DocumentsPane
from verbatims.tui.panes.extracts import ExtractsPane

pytestmark = pytest.mark.anyio


async def test_code_a_sentence_then_undo_and_redo(app: VerbatimsApp, demo_path: Path) -> None:
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        view = app.view
        assert app.active_tab == "transcript"
        doc = app.project.document(EPCI_AGENT)
        assert view.document_id == doc.id

        await pilot.press("down", "down", "down", "down", "s")
        sel = view.selection
        assert sel is not None
        sentence = view.text[sel.start : sel.end]
        assert sentence.endswith(".") and "\n" not in sentence

        await pilot.press("c", *"cyber", "enter")
        await settle(pilot)
        stored = app.project.codings(document_id=doc.id)
        assert [(c.start, c.end, app.project.code(c.code_id).name) for c in stored] == [
            (sel.start, sel.end, "cybersécurité")]
        assert stored[0].coder == "tester"
        assert [c.id for c in view.codings] == [stored[0].id]
        assert "cybersécurité" in screen_text(app)  # the margin names the code

        await pilot.press("u")
        await settle(pilot)
        assert app.project.codings(document_id=doc.id) == []
        assert view.codings == []
        assert "cybersécurité" not in screen_text(app)

        await pilot.press("U")
        await settle(pilot)
        assert len(app.project.codings(document_id=doc.id)) == 1
        assert len(view.codings) == 1

    # Reopen: the coding is there, and undo still knows about it.
    project = Project.open(str(demo_path))
    again = VerbatimsApp(project, coder="tester")
    async with again.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        assert len(again.view.codings) == 1
        await pilot.press("u")
        await settle(pilot)
        assert project.codings(document_id=doc.id) == []
    project.close()


async def test_overlapping_codes_memo_and_removal(app: VerbatimsApp) -> None:
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        view = app.view
        doc_id = view.document_id
        await pilot.press("down", "down", "down", "t")  # the whole respondent turn
        turn = view.selection
        assert turn is not None
        assert view.text[turn.start:].startswith("Oui, bien sûr.")  # label left out
        # two codes at once: mark one with tab, then another
        await pilot.press("c", *"mutualis", "tab")
        await pilot.press(*(["backspace"] * 8), *"sensibil", "tab", "enter")
        await settle(pilot)
        names = sorted(app.project.code(c.code_id).name
                       for c in app.project.codings(document_id=doc_id))
        assert names == ["mutualisation", "sensibilisation"]

        await pilot.press("ctrl+right", "ctrl+right", "ctrl+right", "w")  # overlap
        word = view.selection
        assert word is not None
        await pilot.press("c", *"sauveg", "enter")
        await settle(pilot)
        assert len(view.codings_at(word.start)) == 3

        # memo on the innermost coding under the cursor (a picker asks which one)
        await pilot.press("m")
        await pilot.press(*"sauvegardes", "enter")
        await pilot.press(*"important", "ctrl+s")
        await settle(pilot)
        memos = {app.project.code(c.code_id).name: c.memo
                 for c in app.project.codings(document_id=doc_id)}
        assert memos["sauvegardes"] == "important"

        # remove it
        await pilot.press("x", *"sauvegardes", "enter")
        await settle(pilot)
        assert len(app.project.codings(document_id=doc_id)) == 2


async def test_filter_documents_by_attribute_and_by_code(app: VerbatimsApp) -> None:
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        pane = app.pane(DocumentsPane)
        await pilot.press("f", *"type_collectivite=EPCI")
        await pilot.pause()
        shown = [d.name for d in pane.documents]
        assert shown and all("epci" in n for n in shown)
        assert len(shown) < len(app.project.documents())

        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("t", "c", *"RGPD", "enter")
        await settle(pilot)
        await pilot.press("1", "f", "ctrl+u", *"code=cybersécurité")  # RGPD is a sub-code
        await pilot.pause()
        assert [d.id for d in pane.documents] == [app.view.document_id]


async def test_retrieve_extracts_and_jump_back(app: VerbatimsApp) -> None:
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        await pilot.press("down", "down", "down", "down", "s", "c", *"sauveg", "enter")
        await settle(pilot)
        coded = app.view.codings[0]
        await pilot.press("ctrl+end")  # move away
        await pilot.press("e", *"cybersécurité", "enter")  # parent code: sub-codes included
        await settle(pilot)
        assert app.active_tab == "extracts"
        extracts = app.pane(ExtractsPane)
        assert len(extracts.extracts) == 1
        assert extracts.extracts[0].speaker == "Chargée de mission"
        await pilot.press("enter")
        await settle(pilot)
        assert app.active_tab == "transcript"
        sel = app.view.selection
        assert sel is not None and (sel.start, sel.end) == (coded.start, coded.end)
