"""Tables behind the figures, as CSV (UTF-8, header row) or XLSX, written atomically."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from verbatims import controls
from verbatims.files import atomic_write


def write_csv(table: pd.DataFrame, output: Path, index: bool = False) -> None:
    with atomic_write(output) as tmp:
        table.to_csv(tmp, index=index, encoding="utf-8", lineterminator="\n")


def write_xlsx(sheets: dict[str, pd.DataFrame], output: Path) -> None:
    """One sheet per table; sheet names cut to Excel's 31 characters."""

    with atomic_write(output) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for name, (table, index) in _frames(sheets).items():
            table.to_excel(writer, sheet_name=name, index=index)
            sheet = writer.sheets[name]
            for column in sheet.columns:
                width = max(len(str(c.value or "")) for c in column)
                sheet.column_dimensions[column[0].column_letter].width = min(60, width + 2)


def _frames(sheets: dict[str, pd.DataFrame]) -> dict[str, tuple[pd.DataFrame, bool]]:
    out = {}
    for name, table in sheets.items():
        keep_index = table.index.name is not None
        out[controls.xml_safe(name)[:31]] = (_safe(table), keep_index)
    return out


def _safe(table: pd.DataFrame) -> pd.DataFrame:
    """Text cells, labels and names XLSX can hold (a code or term with a control
    character would make openpyxl refuse the whole sheet)."""
    def fix(value: object) -> object:
        return controls.xml_safe(value) if isinstance(value, str) else value

    names = list(table.index.names)
    table = table.map(fix)
    table.columns = [fix(c) for c in table.columns]
    table.index = table.index.map(fix)
    table.index.names = [fix(n) for n in names]
    return table
