"""Figures and tables made from the workbench: `F` or the command palette, a form, a file."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PIL import Image
from rich.console import Console
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from tests.tui.tui_helpers import settle
from verbatims.errors import UserError
from verbatims.model.entities import NewDocument
from verbatims.store import Project
from verbatims.tui.app import VerbatimsApp
from verbatims.tui.figures import (
    KINDS,
    default_name,
    filter_as_where,
    parse_where,
    slug,
    unique,
)
from verbatims.tui.panes.figures import FiguresPane
from verbatims.tui.screens.figures import FigureForm

pytestmark = pytest.mark.anyio

PIVOT = "numérique responsable"


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as copy:
        src.backup(copy)
    return target


@pytest.fixture(scope="module")
def _lemmatised(_parsed_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project with its lemmas cached (the session's parse) and a few codings."""
    path = _copy(_parsed_template, tmp_path_factory.mktemp("tui-figures") / "demo.sqlite")
    project = Project.open(str(path))
    code = project.code("sauvegardes")
    for doc in project.documents():
        text = project.text(doc.id)
        for match in list(re.finditer("sauvegarde", text, re.I))[:4]:
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find(".", match.end())
            project.add_coding(doc.id, start, len(text) if end < 0 else end + 1, code.id,
                               "test")
    project.close()
    return path


@pytest.fixture
def fig_app(_lemmatised: Path, tmp_path: Path) -> Iterator[VerbatimsApp]:
    project = Project.open(str(_copy(_lemmatised, tmp_path / "study" / "demo.sqlite")))
    yield VerbatimsApp(project, coder="tester")
    project.close()


def notices(app: VerbatimsApp) -> list[tuple[str, str]]:
    """The notifications shown so far: (text, severity)."""
    return [(n.text, n.severity) for n in app.notices]


async def palette(pilot: Pilot[None], text: str) -> None:
    """Run the first command-palette entry matching `text`."""
    await pilot.press("ctrl+p", *text)
    hits = pilot.app.screen.query_one(CommandList)
    for _ in range(100):  # the palette searches asynchronously
        if hits.option_count:
            break
        await pilot.pause(0.05)
    await pilot.press("down", "enter")
    await pilot.pause()


async def test_cooc_map_around_a_pivot_never_overwrites(fig_app: VerbatimsApp,
                                                        tmp_path: Path) -> None:
    figures = tmp_path / "study" / "figures"
    async with fig_app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        assert isinstance(fig_app.screen, FigureForm)
        await pilot.press(*PIVOT)  # the pivot field has the focus
        output = fig_app.screen.query_one("#figure-output", Input).value
        assert output == "figures/cooc-numerique-responsable.png"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(fig_app.screen, FigureForm)  # closed once written
        png = figures / "cooc-numerique-responsable.png"
        with Image.open(png) as image:
            assert image.format == "PNG" and image.size[0] >= 1800
        assert any(str(png) in text and severity == "information"
                   for text, severity in notices(fig_app))

        await pilot.press("F", *PIVOT, "enter")  # the same figure again: a new file
        await settle(pilot)
        with Image.open(figures / "cooc-numerique-responsable-2.png") as image:
            assert image.format == "PNG"
        assert sorted(p.name for p in figures.iterdir()) == [
            "cooc-numerique-responsable-2.png", "cooc-numerique-responsable.png"]


async def test_code_map_from_the_palette_follows_the_document_filter(
        fig_app: VerbatimsApp, tmp_path: Path) -> None:
    async with fig_app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"type_collectivite=EPCI", "enter")
        await palette(pilot, "figure code map")
        form = fig_app.screen
        assert isinstance(form, FigureForm) and form.kind == "map"
        assert form.query_one("#figure-where", Input).value == "type_collectivite=EPCI"
        await pilot.press("enter")
        await settle(pilot)
        png = tmp_path / "study" / "figures" / "codemap-epci.png"
        with Image.open(png) as image:
            width, height = image.size
            assert width > 1000 and height > 500
        assert not any("changed elsewhere" in text for text, _ in notices(fig_app))


async def test_a_pivot_found_nowhere_is_a_notice_and_writes_nothing(
        fig_app: VerbatimsApp, tmp_path: Path) -> None:
    async with fig_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("F", *"photosynthèse", "enter")
        await settle(pilot)
        errors = [text for text, severity in notices(fig_app) if severity == "error"]
        assert errors and "photosynthèse" in errors[0] and "nowhere" in errors[0]
        assert isinstance(fig_app.screen, FigureForm)  # still open: fix the pivot
        assert not (tmp_path / "study" / "figures").exists()

        await pilot.press("escape")
        assert not isinstance(fig_app.screen, FigureForm)


async def test_specific_terms_of_a_code_chosen_with_the_picker(fig_app: VerbatimsApp,
                                                               tmp_path: Path) -> None:
    async with fig_app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await palette(pilot, "terms specific to a code")
        form = fig_app.screen
        assert isinstance(form, FigureForm) and form.kind == "specific"
        await pilot.press("ctrl+o", *"sauveg", "enter")  # the fuzzy code picker
        await pilot.pause()
        subject = form.query_one("#figure-subject", Input).value
        assert subject.endswith("sauvegardes")
        await pilot.press("tab", "tab", "right", "right")  # format: png -> svg -> csv
        assert form.query_one("#figure-output", Input).value == "figures/specific-sauvegardes.csv"
        await pilot.press("enter")
        await settle(pilot)
        rows = (tmp_path / "study" / "figures" / "specific-sauvegardes.csv").read_text(
            encoding="utf-8").splitlines()
        # the code's own word is left out; what goes with it is there
        assert rows[0].startswith("term,") and len(rows) > 1
        assert not any(r.startswith("sauvegarde,") for r in rows)


async def test_statistics_table_by_attribute(fig_app: VerbatimsApp, tmp_path: Path) -> None:
    async with fig_app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await palette(pilot, "table code statistics")
        form = fig_app.screen
        assert isinstance(form, FigureForm)
        assert form.query_one("#figure-subject", Input).value  # a breakdown is proposed
        await pilot.press("tab", "ctrl+u", *"Genre")  # the subject field
        assert form.query_one("#figure-output", Input).value == "figures/stats-by-genre.xlsx"
        await pilot.press("enter")
        await settle(pilot)
        book = openpyxl.load_workbook(tmp_path / "study" / "figures" / "stats-by-genre.xlsx")
        assert book.sheetnames == ["Frequencies", "By genre", "Codes × genre", "Co-occurrences"]


async def test_first_figure_lemmatises_and_says_so(tmp_path: Path) -> None:
    project = Project.create(str(tmp_path / "small.sqlite"))
    text = ("Enquêteur : Et le numérique responsable ?\n\nRépondant : Le numérique "
            "responsable, pour nous, c'est le réemploi du matériel et la sobriété. "
            "Le réemploi du matériel coûte moins cher. Le matériel dure plus longtemps.\n")
    project.add_documents([NewDocument("one.txt", text, "one.txt", "txt", "utf-8")])
    app = VerbatimsApp(project, coder="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("F", "shift+tab", "down", "down", "tab", "enter")  # cloud, corpus
        await settle(pilot)
        assert any("Lemmatising" in text for text, _ in notices(app))
        with Image.open(tmp_path / "figures" / "cloud.png") as image:
            assert image.format == "PNG"
        # The Figures tab shows what the cloud counts, its path once, no repeated column.
        assert app.active_tab == "figures"
        pane = app.pane(FiguresPane)
        assert pane.title.count("cloud.png") == 1 and "image viewer" in pane.title
        grid = pane.query_one("#figure-table", DataTable)
        headings = [str(c.label) for c in grid.columns.values()]
        assert headings == ["term", "frequency"]
        rows = {r[0]: int(r[1]) for r in pane.table_rows}
        assert rows["matériel"] == 3 and rows["réemploi"] == 2
    project.close()


async def test_help_lists_the_figures_key(fig_app: VerbatimsApp) -> None:
    async with fig_app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        table = fig_app.screen.query_one(Static).content
        console = Console(width=100, record=True)
        console.print(table)
        assert re.search(r"Everywhere\s*│\s*F\s*│\s*Figures and tables", console.export_text())


def test_names_folders_and_filters() -> None:
    assert slug("Numérique responsable / Sobriété") == "numerique-responsable-sobriete"
    assert default_name("cooc", PIVOT, (), "png") == "cooc-numerique-responsable.png"
    assert default_name("specific", "thème/sous code", (("genre", "femme"),), "svg") == \
        "specific-sous-code-femme.svg"
    assert default_name("stats", "genre", (), "xlsx") == "stats-by-genre.xlsx"
    assert filter_as_where('EPCI code=cyber role="chargée de mission" genre=femme') == \
        'role="chargée de mission" genre=femme'
    keys = ["type_collectivite", "rôle"]
    assert parse_where('TYPE_COLLECTIVITE=EPCI role="chargée de mission"', keys) == (
        ("type_collectivite", "EPCI"), ("rôle", "chargée de mission"))
    with pytest.raises(UserError, match="ATTRIBUTE=VALUE"):
        parse_where("EPCI", keys)


def test_unique_adds_a_number(tmp_path: Path) -> None:
    first = tmp_path / "map.png"
    assert unique(first) == first
    first.write_bytes(b"x")
    (tmp_path / "map-2.png").write_bytes(b"x")
    assert unique(first) == tmp_path / "map-3.png"


async def test_arrows_move_between_fields_and_up_to_the_kinds(fig_app: VerbatimsApp) -> None:
    """The tour pressed ↓ in the form to choose a figure and nothing moved: the pivot
    field had the keys. ↑ ↓ now go from field to field, and ↑ from the first reaches
    the list of kinds, where they choose."""
    async with fig_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        form = fig_app.screen
        assert isinstance(form, FigureForm)
        assert fig_app.focused is not None and fig_app.focused.id == "figure-subject"
        await pilot.press("down")
        assert fig_app.focused is not None and fig_app.focused.id == "figure-where"
        await pilot.press("up", "up")
        assert fig_app.focused is not None and fig_app.focused.id == "figure-kind"
        await pilot.press(*["down"] * list(KINDS).index("map"))  # the code map
        await pilot.pause()
        assert form.kind == "map"
        assert form.query_one("#figure-output", Input).value == "figures/codemap.png"


async def test_a_specific_term_opens_its_concordance_and_a_class_segment_its_passage(
        fig_app: VerbatimsApp, tmp_path: Path) -> None:
    from verbatims.tui.panes.search import SearchPane

    async with fig_app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await palette(pilot, "specificities by attribute")
        form = fig_app.screen
        assert isinstance(form, FigureForm) and form.kind == "specificities"
        await pilot.press("tab", "ctrl+u", *"type_collectivite", "enter")
        await settle(pilot)
        pane = fig_app.pane(FiguresPane)
        assert fig_app.active_tab == "figures" and pane.frame is not None
        assert "where it occurs" in pane.title
        first = str(pane.frame["term"][0])  # the most over-used term of the first value
        pane.focus_default()
        await pilot.press("enter")
        await settle(pilot)
        assert fig_app.active_tab == "search"
        search = fig_app.pane(SearchPane)
        assert search.query_one("#search-input", Input).value == first
        assert search.hits  # the term's occurrences, each a line of the concordance
        hit = search.hits[0]
        shown = fig_app.project.text(hit.document_id)[hit.start:hit.end]
        assert shown.strip()

        await palette(pilot, "reinert classification")
        form = fig_app.screen
        assert isinstance(form, FigureForm) and form.kind == "chd"
        output = form.query_one("#figure-output", Input)
        output.value = output.value.rsplit(".", 1)[0] + ".csv"  # the segments' table
        await pilot.press("enter")
        await settle(pilot)
        assert fig_app.active_tab == "figures"
        frame = pane.frame
        assert frame is not None and {"document", "start", "end"} <= set(frame.columns)
        pane.focus_default()
        await pilot.press("enter")
        await settle(pilot)
        assert fig_app.active_tab == "transcript"
        selection = fig_app.view.selection
        assert selection is not None
        assert (selection.start, selection.end) == (int(frame["start"][0]), int(frame["end"][0]))
