"""Tables behind the figures, as CSV (UTF-8, header row) or XLSX, written atomically.

Headers are in the language in force (French under French: "codages", "couverture
(%)"), shares are percentages (a percent cell format in XLSX, a number of percent
in CSV), and no cell from the data, header or row label can run as a formula: a
code named "=HYPERLINK(…)" is shown as text, and a control character an old
project may hold is replaced (`controls.xml_safe`), which XLSX cannot carry.
XLSX sheets have bold, frozen headers, set widths and the provenance in their
properties.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from verbatims import controls
from verbatims.export.provenance import Provenance, is_zip, normalize_zip
from verbatims.export.rows import header_row, safe, stamp_book
from verbatims.files import atomic_write
from verbatims.i18n import N_, _

HEADERS = {
    "code": N_("code"), "theme": N_("theme"), "codings": N_("codings"),
    "documents": N_("documents"), "coded_chars": N_("coded characters"),
    "coverage": N_("coverage (%)"), "group_documents": N_("documents with this value"),
    "order": N_("order"), "document": N_("document"), "label": N_("label"),
    "codes": N_("codes"), "new_codes": N_("new codes"), "cumulative": N_("cumulative codes"),
    "new": N_("codes used for the first time"), "total": N_("total"),
}
PERCENT = {"coverage"}


@dataclass
class Sheet:
    name: str
    table: pd.DataFrame
    index: bool = False  # write the row labels (a matrix's codes) as the first column
    note: str = ""  # a line under the table (what the numbers count)
    headers: dict[str, str] = field(default_factory=dict)  # column → header, else HEADERS


def header(column: object, extra: dict[str, str] | None = None) -> str:
    name = str(column)
    if extra and name in extra:
        return controls.xml_safe(extra[name])
    return _(HEADERS[name]) if name in HEADERS else controls.xml_safe(name)


def _plain(value: object) -> object:
    """A cell value openpyxl and csv write as a number, or as safe text."""
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, str):  # a code or a term may hold what XLSX cannot
        value = controls.xml_safe(value)
    return safe(value)


def _percent(table: pd.DataFrame) -> pd.DataFrame:
    """Shares as numbers of percent, for CSV."""
    out = table.copy()
    for column in PERCENT & set(map(str, out.columns)):
        out[column] = (out[column].astype(float) * 100).round(2)
    return out


def write_csv(table: pd.DataFrame, output: Path, index: bool = False) -> None:
    data = _percent(table)
    with atomic_write(output) as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        heads = [header(c) for c in data.columns]
        if index:
            heads = [header(data.index.name or "code"), *heads]
        writer.writerow([safe(h) for h in heads])
        for label, row in zip(data.index, data.itertuples(index=False), strict=True):
            cells = [_plain(v) for v in row]
            writer.writerow([_plain(label), *cells] if index else cells)


def write_xlsx(sheets: Sequence[Sheet], output: Path, title: str,
               provenance: Provenance | None) -> None:
    """One sheet per table; names cut to Excel's 31 characters, unique."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    taken: set[str] = set()
    for sheet_data in sheets:
        name = _sheet_name(sheet_data.name, taken)
        sheet = book.create_sheet(name)
        table = sheet_data.table
        heads = [header(c, sheet_data.headers) for c in table.columns]
        if sheet_data.index:
            heads = [header(table.index.name or "code", sheet_data.headers), *heads]
        header_row(sheet, heads)
        percent = [str(c) in PERCENT for c in table.columns]
        if sheet_data.index:
            percent = [False, *percent]
        for label, row in zip(table.index, table.itertuples(index=False), strict=True):
            cells = [_plain(v) for v in row]
            sheet.append([_plain(label), *cells] if sheet_data.index else cells)
        widths = [min(len(str(h)), 16) for h in heads]  # long headers wrap
        for row_cells in sheet.iter_rows(min_row=2):
            for i, cell in enumerate(row_cells):
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
                    widths[i] = max(widths[i], min(len(cell.value), 60))
                elif percent[i] and cell.value is not None:
                    cell.number_format = "0.0%"
                    widths[i] = max(widths[i], 7)
                else:
                    widths[i] = max(widths[i], len(str(cell.value or "")))
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(62, width + 2)
        sheet.freeze_panes = "B2" if sheet_data.index else "A2"
        if sheet_data.note:
            sheet.append([])
            sheet.append([safe(sheet_data.note)])
    stamp_book(book, title, provenance, provenance.language if provenance else "fr")
    with atomic_write(output) as tmp:
        book.save(str(tmp))
        if is_zip(tmp):
            normalize_zip(tmp, provenance.date if provenance else None)


def _sheet_name(name: str, taken: set[str]) -> str:
    base = "".join("_" if ch in "[]:*?/\\" else ch
                   for ch in controls.xml_safe(name))[:31] or "sheet"
    candidate, n = base, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.casefold())
    return candidate
