"""The last figure or table made: its terms (or rows) in a table, the image if it shows.

Filled after each figure made from the form (`F`). In a terminal that shows
images (Kitty graphics, Sixel) the figure itself is drawn above its table;
elsewhere its path is given, to open in an image viewer. Enter on a row whose
table names a term (specificities, a correspondence analysis' terms, a CHD class'
profile, a cloud…) opens the term's concordance in the Search tab; on a row that
names a passage (a CHD segment) it opens the transcript there.
"""

from __future__ import annotations

import numbers
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from verbatims.i18n import N_, _, language
from verbatims.tui import images
from verbatims.tui.messages import ConcordanceAsked, Jump
from verbatims.tui.pane import Pane

if TYPE_CHECKING:
    import pandas as pd

ROWS = 500  # enough to read; the file has them all

# The tables' column names (the files keep them as they are), as the tab heads them.
HEADINGS = {
    "term": N_("term"), "key": N_("lemma"), "frequency": N_("frequency"),
    "cooccurrences": N_("co-occurrences"), "score": N_("score"), "expected": N_("expected"),
    "p_value": N_("p-value"), "code": N_("code"), "name": N_("name"), "theme": N_("theme"),
    "codings": N_("codings"), "documents": N_("documents"),
    "coded_chars": N_("characters coded"), "coverage": N_("coverage"), "order": N_("order"),
    "document": N_("document"), "date": N_("date"), "codes": N_("codes"),
    "new_codes": N_("new codes"), "cumulative": N_("cumulative"), "new": N_("codes first seen"),
    "group_documents": N_("documents in the group"), "significant": N_("significant"),
    "source": N_("term"), "target": N_("linked to"), "weight": N_("strength"),
    "label": N_("label"), "new codes": N_("new codes"), "cumulative codes": N_("cumulative"),
    "codes used for the first time": N_("codes first seen"),
    "documents with this value": N_("documents with this value"),
    "coverage (%)": N_("coverage (%)"),
}


class FiguresPane(Pane):
    BINDINGS = [Binding("F", "app.figure", N_("Figures and tables"))]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.path: Path | None = None
        self.frame: pd.DataFrame | None = None  # the rows shown, as the table has them

    def compose(self) -> ComposeResult:
        yield Label(_("No figure yet: F makes one (or ctrl+p, “Figure”)."),
                    id="figure-title")
        yield Vertical(id="figure-image")
        yield DataTable(id="figure-table", cursor_type="row", zebra_stripes=True)

    def focus_default(self) -> None:
        self.query_one(DataTable).focus()

    @property
    def title(self) -> str:
        content = self.query_one("#figure-title", Label).content
        return content.plain if isinstance(content, Text) else str(content)

    @property
    def table_rows(self) -> list[list[str]]:
        """The rows shown, as text (the first ROWS of the figure's table)."""
        table = self.query_one(DataTable)
        return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]

    def show_figure(self, path: Path, note: str, table: pd.DataFrame | None) -> None:
        self.path = path
        shown = images.capable() and path.suffix.lower() == ".png"
        where = _("shown above its table") if shown else _("open it in an image viewer")
        if path.suffix.lower() not in (".png", ".svg"):
            where = _("the whole table is in the file")
        self.query_one("#figure-title", Label).update(Text(f"{note} ({where})"))
        box = self.query_one("#figure-image", Vertical)
        box.remove_children()
        box.display = shown
        if shown:
            from textual_image.widget import Image

            box.mount(Image(str(path)))
        grid = self.query_one(DataTable)
        grid.clear(columns=True)
        self.frame = None
        if table is None or table.empty:
            return
        table = table.head(ROWS).reset_index(drop=True)
        self.frame = table
        if _chosen_kind(table):
            self.query_one("#figure-title", Label).update(Text(
                f"{note} ({where}; " + _("enter on a row: where it occurs") + ")"))
        kept = [c for i, c in enumerate(table.columns)  # a column repeating another: once
                if not any(table[c].equals(table[d]) for d in table.columns[:i])]
        for column in kept:
            grid.add_column(_(HEADINGS[column]) if column in HEADINGS else str(column))
        for values in table[kept].itertuples(index=False):
            grid.add_row(*(cell(v) for v in values))


    @on(DataTable.RowSelected, "#figure-table")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        """A term's row: its concordance; a passage's row: the transcript there."""
        frame = self.frame
        row = event.cursor_row
        if frame is None or not 0 <= row < len(frame):
            return
        chosen = _chosen_kind(frame)
        record = frame.iloc[row]
        if chosen == "term":
            self.post_message(ConcordanceAsked(str(record["term"])))
        elif chosen == "name" and str(record["kind"]) == "term":
            self.post_message(ConcordanceAsked(str(record["name"])))
        elif chosen == "passage":
            ids = {d.name: d.id for d in self.bench.project.documents()}
            doc = ids.get(str(record["document"]))
            if doc is not None:
                self.post_message(Jump(doc, int(record["start"]), int(record["end"])))


def _chosen_kind(table: pd.DataFrame) -> str:
    """What a row of this table leads to: a term's concordance ("term", or "name" for a
    correspondence analysis' rows of kind term), a passage ("passage"), or nothing."""
    columns = set(map(str, table.columns))
    if "term" in columns:
        return "term"
    if {"kind", "name"} <= columns:
        return "name"
    if {"document", "start", "end"} <= columns:
        return "passage"
    return ""


def cell(value: object) -> Text:
    """A value as the tab shows it: numbers to the right, in the language's own way
    (3,92 and 12 500 in French), nothing for a missing value."""
    if value is None or (isinstance(value, float) and value != value):  # missing, NaN
        return Text("")
    if type(value).__name__ in ("bool", "bool_"):  # Python's or numpy's
        return Text(_("yes") if value else _("no"))
    if not isinstance(value, numbers.Real):
        return Text(str(value))
    number = float(value)
    if not number.is_integer():
        shown = f"{number:.3g}" if abs(number) < 1e6 else f"{number:.0f}"
    else:
        shown = f"{int(number):,}".replace(",", " ")  # a space between thousands, as elsewhere
    if language() == "fr":
        shown = shown.replace(".", ",")
    return Text(shown, justify="right")
