"""Extracts as table rows, and the guard that keeps spreadsheets from running them.

A cell starting with `=`, `+`, `-`, `@` (or a tab or carriage return) would be
read as a formula by Excel or LibreOffice: it gets a leading apostrophe.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from verbatims.export.extracts import ExtractSet

COLUMNS = ["group", "header", "document", "turn", "start", "end", "speaker", "code", "memo",
           "coder", "text", "context_before", "context_after", "reference"]
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def rows(data: ExtractSet) -> list[list[object]]:
    out: list[list[object]] = []
    for group in data.groups:
        for x in group.extracts:
            out.append([
                group.title, x.header, x.document, "" if x.turn is None else x.turn + 1,
                x.start, x.end, x.speaker or "", x.code_path, x.memo or "", x.coder,
                x.text.strip(), x.before.strip(), x.after.strip(), x.reference,
            ])
    return [[safe(v) for v in row] for row in out]


def finish_sheet(sheet: Any, widths: Sequence[float], wrapped: Sequence[bool]) -> None:
    """Widths, text cells, top alignment and row heights, in one pass over the rows.

    Row heights are set for wrapped text because spreadsheets do not always
    grow rows when they open a file.
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    aligned = [Alignment(wrap_text=w, vertical="top") for w in wrapped]
    for row in sheet.iter_rows(min_row=2):
        lines = 1
        for i, cell in enumerate(row):
            if i < len(aligned):
                cell.alignment = aligned[i]
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
                if i < len(wrapped) and wrapped[i] and cell.value:
                    per_line = max(int(widths[i] * 1.1), 5)
                    lines = max(lines, sum(max(1, -(-len(part) // per_line))
                                           for part in cell.value.split("\n")))
        sheet.row_dimensions[row[0].row].height = min(409, 15 * lines)
