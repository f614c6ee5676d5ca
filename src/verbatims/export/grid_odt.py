"""The grid as an OpenDocument table on A4 landscape, for LibreOffice users.

The header row is a table header row, which LibreOffice repeats on each page.
"""

from __future__ import annotations

from pathlib import Path

from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import H, P

from verbatims.export.grid import Grid, count_text
from verbatims.export.odt_styles import document, table_styles
from verbatims.export.registry import GRID

WIDTH_CM = 29.7 - 2 * 1.8


@GRID.register()
def write(grid: Grid, path: Path) -> None:
    doc, st = document(grid.title, grid.provenance, grid.language, landscape=True)
    doc.text.addElement(H(outlinelevel=1, stylename=st["h1"], text=grid.title))
    if grid.intro:
        doc.text.addElement(P(stylename=st["body"], text=grid.intro))
    first = min(WIDTH_CM * 0.16, 3.9)
    other = (WIDTH_CM - first) / max(len(grid.codes), 1)
    table_style, column_styles, cell_style = table_styles(doc, [first] + [other] *
                                                          len(grid.codes))
    table = Table(name="Grille", stylename=table_style)
    for column in column_styles:
        table.addElement(TableColumn(stylename=column))
    header = TableHeaderRows()
    row = TableRow()
    for text in (grid.case_heading, *grid.codes):
        cell = TableCell(stylename=cell_style, valuetype="string")
        cell.addElement(P(stylename=st["cellhead"], text=text))
        row.addElement(cell)
    header.addElement(row)
    table.addElement(header)
    for case, note, values in zip(grid.cases, grid.notes, grid.cells, strict=True):
        row = TableRow()
        cell = TableCell(stylename=cell_style, valuetype="string")
        cell.addElement(P(stylename=st["cellhead"], text=case))
        if note:
            cell.addElement(P(stylename=st["cellnote"], text=note))
        row.addElement(cell)
        for value in values:
            cell = TableCell(stylename=cell_style, valuetype="string")
            lines = [p for p in value.summary.split("\n") if p.strip()]
            for line in lines:
                cell.addElement(P(stylename=st["cell"], text=line))
            if grid.counts and value.count:
                cell.addElement(P(stylename=st["cellnote"], text=count_text(value.count)))
            if not lines and not (grid.counts and value.count):
                cell.addElement(P(stylename=st["cell"]))
            row.addElement(cell)
        table.addElement(row)
    doc.text.addElement(table)
    doc.save(str(path))
