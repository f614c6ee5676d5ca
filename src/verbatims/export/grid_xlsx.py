"""The grid as an XLSX workbook: the summaries, and with --counts the extracts as numbers.

Headers are bold, the header row and the case column frozen, widths set, text
wrapped; every cell from the data is text that never runs, and counts are numbers.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from verbatims.export.grid import Grid
from verbatims.export.registry import GRID
from verbatims.export.rows import finish_sheet, header_row, safe, stamp_book
from verbatims.i18n import _


@GRID.register()
def write(grid: Grid, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Summaries")
    targets = [(sheet, "summary")]
    if grid.counts:
        targets.append((book.create_sheet(_("Extracts")), "count"))
    for target, pick in targets:
        header_row(target, (grid.case_heading, _("reference"), *grid.codes))
        for case, note, row in zip(grid.cases, grid.notes, grid.cells, strict=True):
            values = [getattr(c, pick) for c in row]
            target.append([safe(v) for v in (case, note, *values)])
        width = 42 if pick == "summary" else 14
        finish_sheet(target, [32, 14] + [width] * len(grid.codes),
                     [True] * (len(grid.codes) + 2))
        target.freeze_panes = "C2"
    stamp_book(book, grid.title, grid.provenance, grid.language)
    book.save(str(path))
