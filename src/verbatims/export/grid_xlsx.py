"""The grid as an XLSX sheet: summaries in one sheet, extract counts in another."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from verbatims.export.grid import Grid
from verbatims.export.registry import GRID
from verbatims.export.rows import finish_sheet, safe


@GRID.register()
def write(grid: Grid, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Synthèses"
    counts = book.create_sheet("Extraits")
    for target, pick in ((sheet, "summary"), (counts, "count")):
        target.append([safe(v) for v in (grid.case_heading, "description", *grid.codes)])
        for cell in target[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for case, note, row in zip(grid.cases, grid.notes, grid.cells, strict=True):
            values = [getattr(c, pick) for c in row]
            target.append([safe(v) for v in (case, note, *values)])
        width = 40 if pick == "summary" else 14
        finish_sheet(target, [28, 36] + [width] * len(grid.codes),
                     [True] * (len(grid.codes) + 2))
        target.freeze_panes = "C2"
    book.properties.creator = "verbatims"
    book.save(str(path))
