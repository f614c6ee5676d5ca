"""Search, codebook edits, memos, another process writing, the help screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList

from tests.tui.tui_helpers import EPCI_AGENT, open_document, screen_text, settle
from verbatims.store import Project
from verbatims.tui.app import VerbatimsApp
from verbatims.tui.panes.codes import CodeTreePane
from verbatims.tui.panes.documents import DocumentsPane
from verbatims.tui.panes.search import SearchPane
from verbatims.tui.screens.editors import MemoEditor
from verbatims.tui.widgets.keybar import KeyBar

pytestmark = pytest.mark.anyio


async def test_search_tolerates_typos_and_codes_a_hit(parsed_app: VerbatimsApp) -> None:
    app = parsed_app  # search reads the lemmas: cached once for the session
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("5", *"numerik responsable", "enter")  # typo on purpose
        await settle(pilot)
        hits = app.pane(SearchPane).hits
        assert hits, "the typo should still find 'numérique responsable'"
        first = hits[0]
        text = app.project.text(first.document_id)
        assert "responsable" in text[first.start : first.end].lower()
        await pilot.press("c")  # code this hit: jumps to it and opens the picker
        await settle(pilot)
        await pilot.press(*"sobri", "enter")
        await settle(pilot)
        codings = app.project.codings(document_id=first.document_id)
        assert [(c.start, c.end) for c in codings] == [(first.start, first.end)]
        assert app.project.code(codings[0].code_id).name == "sobriété"


async def test_codebook_edits_show_everywhere(app: VerbatimsApp) -> None:
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        await pilot.press("s", "c", *"sauveg", "enter")
        await settle(pilot)
        assert "sauvegardes" in screen_text(app)

        await pilot.press("3")
        tree = app.pane(CodeTreePane)
        while tree.current is None or tree.current.name != "sauvegardes":
            await pilot.press("down")
        await pilot.press("R", *(["backspace"] * 11), *"backups", "enter")
        await settle(pilot)
        assert tree.current is not None
        assert app.project.code("backups").id == tree.current.id
        await pilot.press("2")
        assert "backups" in screen_text(app)  # the open transcript follows at once
        await pilot.press("3")

        await pilot.press("k", *"#123456", "enter")
        await settle(pilot)
        assert app.project.code("backups").color == "#123456"

        await pilot.press("g", *"incidents", "enter")  # merge into a sibling
        await settle(pilot)
        assert [app.project.code(c.code_id).name for c in app.view.codings] == [
            "incidents et attaques"]
        await pilot.press("2")
        assert "incidents" in screen_text(app)
        await pilot.press("3")

        await pilot.press("a", *"neuf", "enter")
        await settle(pilot)
        assert app.project.code("neuf").parent_id is None


async def test_memos_project_document_code_and_summary(app: VerbatimsApp) -> None:
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        doc_id = app.view.document_id
        assert doc_id is not None
        await pilot.press("M")
        await settle(pilot)
        await pilot.press(*"doc memo", "ctrl+s")
        await pilot.press("P")
        await settle(pilot)
        await pilot.press(*"project memo", "ctrl+s")
        await pilot.press("S", *"mutualis", "enter")
        await settle(pilot)
        await pilot.press(*"resume", "ctrl+s")
        await settle(pilot)
        memo = app.project.memo("document", doc_id)
        assert memo is not None and memo.text == "doc memo"
        project_memo = app.project.memo("project")
        assert project_memo is not None and project_memo.text == "project memo"
        code = app.project.code("mutualisation")
        assert app.project.summaries()[(doc_id, code.id)] == "resume"


async def test_another_process_writing_is_noticed(app: VerbatimsApp, demo_path: Path) -> None:
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        app.poll()  # the first poll takes the baseline
        await settle(pilot)
        other = Project.open(str(demo_path))  # a colleague, or the command line
        doc = other.document(EPCI_AGENT)
        other.add_coding(doc.id, 0, 10, other.code("greenwashing").id, "colleague")
        other.close()
        app.poll()  # what the timer does every 1.5 s
        await settle(pilot)
        assert [c.coder for c in app.view.codings] == ["colleague"]
        assert "greenwashing" in screen_text(app)


async def test_help_lists_keys_and_closes(app: VerbatimsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape")
        assert app.screen.__class__.__name__ != "HelpScreen"
        bar = app.query_one(KeyBar)  # the bottom bar's keys are clickable too
        where = bar.span_of("help")
        assert where is not None
        line, start = where
        await pilot.click(KeyBar, offset=(start + 1, line))
        assert app.screen.__class__.__name__ == "HelpScreen"


async def test_mouse_drag_selects_and_columns_sort(app: VerbatimsApp) -> None:
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        view = app.view
        left = view.margin
        await pilot.mouse_down(view, offset=(left + 2, 0))
        await pilot.hover(view, offset=(left + 30, 1))
        await pilot.mouse_up(view, offset=(left + 30, 1))
        sel = view.selection
        assert sel is not None
        assert (sel.start, sel.end) == (2, view.wrapped.starts[1] + 30)

        await pilot.press("1", "escape")  # clear the filter box's focus, back to the table
        pane = app.pane(DocumentsPane)
        pane.filter_text = ""
        await pilot.pause()
        await pilot.press("o", "o")  # sort by name, then by word count
        words = [d.word_count for d in pane.documents]
        assert words == sorted(words)
        await pilot.press("O")
        words = [d.word_count for d in pane.documents]
        assert words == sorted(words, reverse=True)


async def test_command_palette_reaches_actions(app: VerbatimsApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"project memo")
        hits = app.screen.query_one(CommandList)
        for _ in range(100):  # the palette searches asynchronously
            if hits.option_count:
                break
            await pilot.pause(0.05)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MemoEditor)
        assert app.screen.title_text == "Project memo"


async def test_in_vivo_code_then_change_its_code(app: VerbatimsApp) -> None:
    async with app.run_test(size=(120, 35)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        # "Chargée de mission : Oui, bien sûr": four words on, "bien", then one more
        await pilot.press("down", "down", "down", *["ctrl+right"] * 4, "w",
                          "right_square_bracket", "v")
        await settle(pilot)
        await pilot.press("enter")  # keep the selected words as the code's name
        await settle(pilot)
        (coding,) = app.project.codings(document_id=app.view.document_id)
        name = app.project.code(coding.code_id).name
        assert name == app.view.text[coding.start : coding.end]
        assert len(name.split()) == 2
        await pilot.press("r", *"greenw", "enter")
        await settle(pilot)
        (coding,) = app.project.codings(document_id=app.view.document_id)
        assert app.project.code(coding.code_id).name == "greenwashing"
        await pilot.press("u")
        await settle(pilot)
        (coding,) = app.project.codings(document_id=app.view.document_id)
        assert app.project.code(coding.code_id).name == name
        await pilot.press("u")  # the in-vivo coding itself: the code it made goes too
        await settle(pilot)
        assert app.project.codings(document_id=app.view.document_id) == []
        assert name not in [c.name for c in app.project.codes()]
        assert app.overview is not None
        assert name not in [c.name for c in app.overview.codes]  # the code tree's data
        await pilot.press("U")  # redo brings both back
        await settle(pilot)
        (coding,) = app.project.codings(document_id=app.view.document_id)
        assert app.project.code(coding.code_id).name == name


async def test_a_100000_word_transcript_opens_and_scrolls_to_the_end(app: VerbatimsApp) -> None:
    from verbatims.model.entities import NewDocument

    project = app.project
    base = project.text(project.document(EPCI_AGENT).id)
    text = "".join(f"Partie {i}.\n\n{base}\n\n" for i in range(54)) + "Fin du long entretien."
    assert len(text.split()) > 100_000
    (long_doc,) = project.add_documents([NewDocument("long.txt", text, "long.txt", "txt",
                                                     "utf-8")])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"long", "enter", "enter")
        await settle(pilot)
        assert app.view.document_id == long_doc.id
        await pilot.press("ctrl+end", "s", "c", *"greenw", "enter")
        await settle(pilot)
        assert "Fin du long entretien." in screen_text(app)
        (coding,) = project.codings(document_id=long_doc.id)
        assert text[coding.start : coding.end] == "Fin du long entretien."


async def test_search_shows_a_concordance_of_terms(parsed_app: VerbatimsApp) -> None:
    """The search pane lines its hits up as a concordance: left context, the match,
    right context; a term is found as the figures count it (5G, whatever the case)."""
    from textual.coordinate import Coordinate
    from textual.widgets import DataTable

    app = parsed_app
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("5", *"5g", "enter")
        await settle(pilot)
        pane = app.pane(SearchPane)
        table = pane.query_one(DataTable)
        assert pane.hits and table.row_count == len(pane.hits)
        assert table.max_scroll_x == 0  # the concordance fits the width
        for row in range(table.row_count):
            left, match, right = (str(table.get_cell_at(Coordinate(row, c))) for c in (1, 2, 3))
            hit = pane.hits[row]
            text = app.project.text(hit.document_id)
            assert match == "5G" == text[hit.start:hit.end]
            assert " ".join(text[:hit.start].split()).endswith(left)
            assert " ".join(text[hit.end:].split()).startswith(right)
