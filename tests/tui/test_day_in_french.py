"""A day in the workbench (issue 16): each defect a new user met, driven with Pilot.

Each test would have failed before its fix: it presses the keys a researcher
presses and checks what they would see, or what the project then holds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable, Label

from tests.tui.tui_helpers import EPCI_AGENT, open_document, screen_text, settle
from verbatims import i18n, settings, where
from verbatims.store import Project
from verbatims.tui.app import VerbatimsApp
from verbatims.tui.panes.documents import DocumentsPane
from verbatims.tui.panes.extracts import ExtractsPane
from verbatims.tui.panes.review import ReviewPane
from verbatims.tui.panes.search import SearchPane
from verbatims.tui.panes.transcript import TranscriptPane
from verbatims.tui.progress import Cancelled
from verbatims.tui.screens.editors import Confirm, MemoEditor
from verbatims.tui.screens.picker import CodePicker
from verbatims.tui.widgets.keybar import KeyBar

pytestmark = pytest.mark.anyio
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def french() -> Iterator[None]:
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def texts(app: VerbatimsApp) -> list[str]:
    return [n.text for n in app.notices]


# -- French -------------------------------------------------------------------------------


async def test_the_workbench_speaks_french(app: VerbatimsApp, french: None) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        start = app.view.text.index("Je suis rattachée")
        app.view.select_span(start, start)
        await pilot.press("s")
        status = app.pane(TranscriptPane).status
        assert "caractères" in status and "sélection" in status
        bar = app.query_one(KeyBar).text()
        assert "Phrase" in bar and "Coder" in bar and "Annuler" in bar and "Aide" in bar
        await pilot.press("c", *"mutualis", "enter")
        await settle(pilot)
        assert any(t.startswith("Codé avec mutualisation") for t in texts(app))
        await pilot.press("u")
        await settle(pilot)
        assert "Annulé : codage (mutualisation)." in texts(app)  # which of the codings
        await pilot.press("f1")
        assert "touches" in str(app.screen.query_one("Static").content.title)  # type: ignore


SCRIPT = """
import asyncio, sys
from verbatims import i18n
from verbatims.cli import _lang_asked
i18n.set_language(_lang_asked(sys.argv[2:]))  # what `verbatims` does before the app loads
from verbatims.store import Project
from verbatims.tui.app import VerbatimsApp
from verbatims.tui.widgets.keybar import KeyBar

async def main():
    app = VerbatimsApp(Project.open(sys.argv[1]), coder="t")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        tabs = [str(t.label) for t in app.query("Tab")]
        print(" | ".join(tabs))
        print(app.query_one(KeyBar).text())
asyncio.run(main())
"""


@pytest.mark.parametrize(("args", "lang", "expected"), [
    (["--lang", "fr"], "en_US.UTF-8", "Transcription"),
    ([], "fr_FR.UTF-8", "Transcription"),
    ([], "en_US.UTF-8", "Transcript |"),
])
def test_language_from_lang_option_or_locale(demo_path: Path, args: list[str], lang: str,
                                             expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANGUAGE"))}
    env |= {"LANG": lang, "PYTHONPATH": str(REPO)}
    env.pop("VERBATIMS_LANG", None)
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(demo_path), *args], env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    assert expected in done.stdout
    if expected == "Transcription":
        assert "Quitter" in done.stdout and "Recherche" in done.stdout


# -- reading and selecting ------------------------------------------------------------------


async def test_ctrl_right_moves_by_whole_words(app: VerbatimsApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        view = app.view
        start = view.text.index("Je suis rattachée")
        view.select_span(start, start)
        await pilot.press("ctrl+right")
        assert view.text[start:view.cursor] == "Je"  # the whole word, not one letter
        await pilot.press("ctrl+right")
        assert view.text[start:view.cursor] == "Je suis"
        view.select_span(start + 1, start + 1)  # inside a word
        await pilot.press("ctrl+shift+right", "ctrl+shift+right")
        sel = view.selection
        assert sel is not None and view.text[sel.start:sel.end] == "e suis"
        await pilot.press("ctrl+left")
        assert view.text[view.cursor:].startswith("suis")


async def test_margin_tells_apart_codes_sharing_a_prefix(demo: Project) -> None:
    project = demo
    doc = project.document(EPCI_AGENT)
    text = project.text(doc.id)
    other = project.add_code("numérique inclusif", color="#3cb44b")
    start = text.index("Je suis rattachée")
    end = text.index(".", start + 200) + 1
    for code_id in (project.code("numérique responsable").id, other.id):
        project.add_coding(doc.id, start, end, code_id, "t")
    for size in ((80, 24), (120, 36)):
        app = VerbatimsApp(project, coder="t")
        async with app.run_test(size=size) as pilot:
            await open_document(pilot, EPCI_AGENT)
            app.view.select_span(start, start)
            await pilot.pause()
            margins = [line.split("│")[0] for line in screen_text(app).splitlines()]
            labels = {m.strip(" ▌") for m in margins if m.strip(" ▌")}
            assert any("resp" in label for label in labels), labels
            assert any("incl" in label for label in labels), labels


async def test_the_footer_keeps_help_quit_and_the_coding_keys_at_80(app: VerbatimsApp,
                                                                    french: None) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        keys = {k.key for k in app.query_one(KeyBar).keys}
        assert {"f1", "q", "p", "]", "v", "r", "n", "c", "u", "U"} <= keys
        assert "échap" not in keys  # no field has the keys
        await pilot.press("1", "f")  # the filter field: a digit now would be typed there
        bar = app.query_one(KeyBar)
        first = bar.keys[0]
        assert (first.key, first.description) == ("échap", "Quitter le champ")
        where = bar.span_of("leave_field")
        assert where is not None
        await pilot.click(KeyBar, offset=(where[1] + 1, where[0]))  # clicking it leaves
        assert app.focused is not None and app.focused.id == "doc-table"


# -- writing -----------------------------------------------------------------------------


async def test_escape_asks_before_throwing_a_memo_away(app: VerbatimsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        doc_id = app.view.document_id
        await pilot.press("M")
        await settle(pilot)
        await pilot.press(*"une longue note", "escape")
        assert isinstance(app.screen, Confirm)  # asked, not thrown away
        await pilot.press("escape")  # back to writing
        assert isinstance(app.screen, MemoEditor) and app.screen.text == "une longue note"
        await pilot.press("escape", "s")  # save it
        await settle(pilot)
        memo = app.project.memo("document", doc_id)
        assert memo is not None and memo.text == "une longue note"
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("escape")  # unchanged: closes at once
        assert not isinstance(app.screen, (MemoEditor, Confirm))
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("x", "escape", "d")  # discard the change
        await settle(pilot)
        memo = app.project.memo("document", doc_id)
        assert memo is not None and memo.text == "une longue note"


async def test_the_code_picker_creates_a_code_from_a_new_name(app: VerbatimsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        start = app.view.text.index("Je suis rattachée")
        app.view.select_span(start, start)
        await pilot.press("s", "c", *"participation citoyenne")
        assert isinstance(app.screen, CodePicker)
        await pilot.press("enter")
        await settle(pilot)
        (coding,) = app.project.codings(document_id=app.view.document_id)
        assert app.project.code(coding.code_id).name == "participation citoyenne"
        assert any("participation citoyenne" in t for t in texts(app))
        await pilot.press("u")  # one undo removes the coding and the code it made
        await settle(pilot)
        assert "participation citoyenne" not in [c.name for c in app.project.codes()]


# -- search ---------------------------------------------------------------------------------


async def test_first_search_analyses_with_progress_and_is_not_a_foreign_change(
        app: VerbatimsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.poll()  # the baseline
        await settle(pilot)
        await pilot.press("5", *"mutualisation", "enter")
        await settle(pilot)
        pane = app.pane(SearchPane)
        assert pane.hits
        assert any("Analysing the corpus" in t for t in texts(app))  # said, with a bar
        table = pane.query_one("#search-table", DataTable)
        assert table.max_scroll_x == 0  # the context ends on screen
        context = str(table.get_row_at(0)[2])
        assert "mutualisation" in context.lower() and len(context) <= table.size.width
        app.poll()
        await settle(pilot)
        assert not any("changed elsewhere" in t for t in texts(app))


async def test_coding_a_hit_keeps_the_keys_on_the_hits_and_widens_to_the_sentence(
        app: VerbatimsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5", *"sauvegardes", "enter")
        await settle(pilot)
        pane = app.pane(SearchPane)
        hit = pane.hits[0]
        await pilot.press("s", *"sauveg", "enter")  # code the hit's sentence
        await settle(pilot)
        (coding,) = app.project.codings(document_id=hit.document_id)
        assert (coding.start, coding.end) == pane.span(hit, "sentence")
        sentence = app.project.text(hit.document_id)[coding.start:coding.end]
        assert coding.end - coding.start > hit.end - hit.start and sentence.rstrip()[-1] in ".?!"
        assert app.active_tab == "search"
        assert app.focused is not None and app.focused.id == "search-table"
        await pilot.press("down", "6")  # the next key is a command, not a letter of the query
        assert app.active_tab == "review"
        await pilot.press("5", "f")
        assert app.focused is not None and app.focused.id == "search-input"
        await pilot.press("escape")  # esc leaves the field
        assert app.focused is not None and app.focused.id == "search-table"


# -- another process, settings, filters -----------------------------------------------------


async def test_codes_added_from_the_command_line_show_without_restart(
        app: VerbatimsApp, demo_path: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_document(pilot, EPCI_AGENT)
        app.poll()
        await settle(pilot)
        other = Project.open(str(demo_path))  # `verbatims codebook import` in a terminal
        other.merge_codebook([{"name": "gouvernance", "children": []}])
        other.close()
        app.poll()
        await settle(pilot)
        await pilot.press("s", "c", *"gouvern")
        assert isinstance(app.screen, CodePicker)
        assert "gouvernance" in [c.name for c in app.screen.codes]
        await pilot.press("enter")
        await settle(pilot)
        names = [app.project.code(c.code_id).name
                 for c in app.project.codings(document_id=app.view.document_id)]
        assert names == ["gouvernance"]


async def test_theme_and_coder_are_kept_for_the_next_start(demo_path: Path,
                                                           _user_settings: Path) -> None:
    project = Project.open(str(demo_path))
    first = VerbatimsApp(project)
    async with first.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first.theme = "textual-light"
        await pilot.pause()
    stored = json.loads((_user_settings / "settings.json").read_text(encoding="utf-8"))
    assert stored["theme"] == "textual-light"
    settings.update(coder="Nolwenn")
    again = VerbatimsApp(project)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "textual-light" and again.coder == "Nolwenn"
    project.close()


async def test_inclusive_writing_is_found_and_no_match_says_so(app: VerbatimsApp) -> None:
    doc = app.project.document(EPCI_AGENT)
    app.project.set_attributes(doc.id, {"role": "agent·e"})
    assert where.forms("agent·e") >= {"agent", "agente"}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.pane(DocumentsPane)
        await pilot.press("f", *"role=agent")
        await pilot.pause()
        agents = [d.id for d in pane.documents]
        assert doc.id in agents  # "agent·e" is found by role=agent
        assert all(app.project.attributes()[i].get("role") == "agent·e" for i in agents)
        await pilot.press(*"zzz")
        await pilot.pause()
        assert pane.documents == ()
        shown = str(pane.query_one("#doc-count").content)  # type: ignore[attr-defined]
        assert "0 of" in shown and "No document matches" in shown


# -- extracts, review, progress ---------------------------------------------------------------


async def test_extract_preview_shows_it_whole_at_80x24(app: VerbatimsApp) -> None:
    project = app.project
    doc = project.document(EPCI_AGENT)
    text = project.text(doc.id)
    start = text.index("Je suis rattachée")
    end = text.index(".", start + 250) + 1
    coding = project.add_coding(doc.id, start, end,
                                project.code("mutualisation").id, "t")
    project.set_coding_memo(coding.id, "à citer", "t")
    project.add_coding(doc.id, start, start + 40,
                       project.code("sensibilisation").id, "t")
    later = text.index("Alors on a fait ça")  # after "Comment a-t-il été élaboré ?"
    project.add_coding(doc.id, later, later + 60, project.code("mutualisation").id, "t")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e", *"mutualisation", "enter")
        await settle(pilot)
        pane = app.pane(ExtractsPane)
        preview = " ".join(pane.preview_text.split())
        assert " ".join(text[start:end].split()) in preview  # whole, not 7 characters
        assert "Chargée de mission" in preview and "à citer" in preview
        assert "sensibilisation" in preview  # every code on the extract
        box = pane.query_one("#extract-preview")
        region = box.region
        assert region.height >= 5 and region.bottom <= 24
        shown = pane.preview_text.splitlines()[:region.height]
        assert any("à citer" in line for line in shown)  # the memo in sight, not below it
        assert box.max_scroll_y > 0  # this extract is longer than the preview
        await pilot.press("ctrl+down")  # read on, the list keeps the keys
        await settle(pilot)
        assert box.scroll_y > 0 and app.focused is pane.query_one("#extracts-table")
        await pilot.press("ctrl+up")
        await settle(pilot)
        assert box.scroll_y == 0
        await pilot.press("down")  # the second extract: its context holds "élaboré ?"
        await settle(pilot)
        lines = pane.preview_text.splitlines()
        assert not any(line.lstrip().startswith(("?", "!", ":", ";", "»")) for line in lines)
        assert all(len(line) <= 78 for line in lines)


async def test_extracts_title_and_lines_fit_80_columns(app: VerbatimsApp) -> None:
    """The title named a long code and the key hint past column 80, and the extract
    column ran off the screen (a sideways scrollbar, the end of each extract unseen)."""
    project = app.project
    parent = project.code("mutualisation")
    long = project.add_code("coopération entre les communes membres de l'intercommunalité",
                            parent_id=parent.id)
    doc = project.document(EPCI_AGENT)
    text = project.text(doc.id)
    start = text.index("Je suis rattachée")
    project.add_coding(doc.id, start, text.index(".", start + 250) + 1, long.id, "t")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.pane(ExtractsPane).load(long.id)
        app.action_tab("extracts")
        await settle(pilot)
        pane = app.pane(ExtractsPane)
        title = str(pane.query_one("#extracts-title", Label).content)
        assert len(title) <= 78 and title.endswith(": 1 extract")
        assert "intercommunalité" in title  # the code's own name is kept whole
        table = pane.query_one("#extracts-table", DataTable)
        assert table.max_scroll_x == 0  # no sideways scrolling
        row = " ".join(str(c) for c in table.get_row_at(0))
        assert row.rstrip().endswith("…")  # the extract cut where the screen ends


async def test_auto_coding_runs_from_the_review_tab(app: VerbatimsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        pane = app.pane(ReviewPane)
        assert pane.rows == ()
        title = pane.query_one("#review-title", Label)
        assert "verbatims autocode" in pane.title and title.size.height >= 2  # wrapped, whole
        await pilot.press("r")
        await settle(pilot)
        rows = pane.rows
        assert rows, "auto-coding from the workbench proposes suggestions"
        assert any("new suggestion" in t for t in texts(app))
        table = pane.query_one("#review-table", DataTable)
        assert table.max_scroll_x == 0  # the passage ends on screen
        passage = str(table.get_row_at(0)[-1])  # the last column
        assert rows[0].matched in passage and len(passage) <= table.size.width


async def test_slow_work_shows_a_bar_and_esc_cancels_it(app: VerbatimsApp) -> None:
    outcome: list[str] = []
    started = threading.Event()
    go_on = threading.Event()

    def slow() -> None:
        try:
            with app.start_work("Analysing the corpus…") as job:
                job.step(1, 10)
                started.set()
                go_on.wait(30)
                job.step(2, 10)
                outcome.append("finished")
        except Cancelled:
            outcome.append("cancelled")

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.run_worker(slow, thread=True)
        while not started.is_set():
            await pilot.pause(0.05)
        await pilot.pause()
        assert app.work_bar.label == "Analysing the corpus…"
        await pilot.press("escape")
        go_on.set()
        await settle(pilot)
        assert outcome == ["cancelled"]
        assert app.work_bar.label == ""


async def test_a_stray_focus_on_a_hidden_tab_does_not_switch_tabs(app: VerbatimsApp) -> None:
    """In the terminal, choosing a code with e from the Documents tab showed the
    extracts, then Documents again, and the two tabs flipped for ever: Textual gave the
    focus back to the Documents table, and a focused widget switched its tab."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e", *"mutualisation", "enter")
        await settle(pilot)
        assert app.active_tab == "extracts"
        app.pane(DocumentsPane).query_one("#doc-table").focus()  # what Textual did
        await settle(pilot)
        assert app.active_tab == "extracts"
        assert app.focused is not None and app.focused.id == "extracts-table"
        await pilot.press("1")  # the keys still change tabs
        assert app.active_tab == "documents"


def test_the_figures_tab_writes_numbers_the_french_way(french: None) -> None:
    """The tour's co-occurrence table read 3.92 and 0.000121 in a French interface."""
    import numpy as np

    from verbatims.tui.panes.figures import cell

    assert [cell(v).plain for v in (3.9192, 0.0001205, np.int64(12500), float("nan"))] == \
        ["3,92", "0,000121", "12 500", ""]
    assert cell(3.9192).justify == "right" and cell("matériel").plain == "matériel"
    assert [cell(v).plain for v in (np.bool_(True), False)] == ["oui", "non"]  # not True
    i18n.set_language("en")
    assert cell(3.9192).plain == "3.92"


def test_keys_are_named_as_on_the_keyboard(french: None) -> None:
    """The French help listed "left", "shift+left", "pageup": English key names."""
    from verbatims.tui.commands import help_rows, key_text

    assert key_text("ctrl+left,pageup") == "ctrl+←, page préc."
    assert key_text("escape") == "échap" and key_text("question_mark") == "?"
    shown = " ".join(keys for _where, keys, _what, _action in help_rows())
    assert not any(name in shown.split() for name in ("left", "right", "pageup", "escape"))


def test_palette_entries_and_figure_fields_read_as_french(app: VerbatimsApp,
                                                          french: None) -> None:
    """The palette read "Transcription: Coder" (no space before the colon), and the
    figure form's code field was headed "Coder", the verb of the key bar."""
    import re

    from verbatims.tui.commands import entries
    from verbatims.tui.screens.figures import SUBJECT_LABELS

    titles = [entry.title for entry in entries(app)]
    assert "Transcription : Coder" in titles
    assert not [t for t in titles if re.search(r"\w[:;?!]", t)]
    assert i18n._(SUBJECT_LABELS["code"]) == "Nom du code"
