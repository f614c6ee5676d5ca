"""Extracts as an XLSX sheet: one row per extract, text cells that never run."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from verbatims.export.extracts import ExtractSet
from verbatims.export.registry import EXTRACTS
from verbatims.export.rows import COLUMNS, finish_sheet, header_row, headers, rows, stamp_book
from verbatims.i18n import _

WIDTHS = {"header": 40, "text": 80, "context_before": 30, "context_after": 30, "code": 30,
          "group": 25, "document": 28, "reference": 18, "memo": 30}
WRAPPED = {"text", "header", "context_before", "context_after", "memo", "code", "group"}


@EXTRACTS.register()
def write(data: ExtractSet, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Extracts")
    header_row(sheet, headers())
    for row in rows(data):
        sheet.append([None if v == "" else v for v in row])
    widths = [WIDTHS.get(name, 12) for name in COLUMNS]
    finish_sheet(sheet, widths, [name in WRAPPED for name in COLUMNS])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    stamp_book(book, data.title, data.provenance, data.language)
    book.save(str(path))
