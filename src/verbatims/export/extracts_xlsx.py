"""Extracts as an XLSX sheet: one row per extract, text cells that never run."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from verbatims.export.extracts import ExtractSet
from verbatims.export.registry import EXTRACTS
from verbatims.export.rows import COLUMNS, finish_sheet, rows

WIDTHS = {"header": 40, "text": 80, "context_before": 30, "context_after": 30, "code": 30,
          "group": 25, "document": 28, "reference": 30, "memo": 30}
WRAPPED = {"text", "header", "context_before", "context_after", "memo"}


@EXTRACTS.register()
def write(data: ExtractSet, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Extraits"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(data):
        sheet.append([None if v == "" else v for v in row])
    widths = [WIDTHS.get(name, 12) for name in COLUMNS]
    finish_sheet(sheet, widths, [name in WRAPPED for name in COLUMNS])
    sheet.freeze_panes = "A2"
    book.properties.creator = "verbatims"
    book.save(str(path))
