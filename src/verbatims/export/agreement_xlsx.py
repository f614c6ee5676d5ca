"""Agreement table as XLSX: figures as numbers, and a sheet that states the method."""

from __future__ import annotations

from pathlib import Path

from verbatims.export.registry import AGREEMENT
from verbatims.export.reliability import AgreementReport, rounded
from verbatims.export.rows import finish_sheet, safe
from verbatims.i18n import _


@AGREEMENT.register()
def write(report: AgreementReport, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Agreement")[:31]
    table = rounded(report.table)
    sheet.append([str(c) for c in table.columns])
    for row in table.itertuples(index=False):
        # numbers stay numbers (an undefined figure is an empty cell), text is never a formula
        sheet.append([None if isinstance(v, float) and v != v else safe(v) for v in row])
    widths = [max(12.0, min(40.0, len(str(c)) + 2)) for c in table.columns]
    widths[0] = 40.0
    finish_sheet(sheet, widths, [False] * len(widths))
    sheet.freeze_panes = "B2"
    notes = book.create_sheet(_("Method")[:31])
    notes.append([report.title])
    for paragraph in report.notes:
        notes.append([paragraph])
    finish_sheet(notes, [110.0], [True])
    book.save(str(path))
