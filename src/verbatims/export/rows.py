"""Extracts as table rows, the guard that keeps spreadsheets from running them, and the
properties and layout every XLSX sheet we write shares.

A cell starting with `=`, `+`, `-`, `@` (or a tab or carriage return) would be
read as a formula by Excel or LibreOffice: it gets a leading apostrophe, in
CSV and XLSX alike, in headers and in data (a code may be named "=HYPERLINK(…)").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from verbatims.export.extracts import ExtractSet
from verbatims.export.provenance import Provenance
from verbatims.i18n import N_, _

COLUMNS = ["group", "header", "document", "reference", "turn", "start", "end", "speaker",
           "code", "memo", "coder", "text", "context_before", "context_after"]
HEADERS = {"group": N_("group"), "header": N_("header"), "document": N_("document"),
           "reference": N_("reference"), "turn": N_("turn"), "start": N_("start"),
           "end": N_("end"), "speaker": N_("speaker"), "code": N_("code"), "memo": N_("memo"),
           "coder": N_("coder"), "text": N_("text"), "context_before": N_("context_before"),
           "context_after": N_("context_after")}
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def headers() -> list[str]:
    """The column headers in the language in force (English names under English)."""
    return [_(HEADERS[c]) for c in COLUMNS]


def rows(data: ExtractSet) -> list[list[object]]:
    out: list[list[object]] = []
    for group in data.groups:
        for x in group.extracts:
            out.append([
                group.title, x.header, x.document, x.reference,
                "" if x.turn is None else x.turn, x.start, x.end, x.speaker or "",
                x.code_path, x.memo or "", x.coder, x.text.strip(), x.before.strip(),
                x.after.strip(),
            ])
    return [[safe(v) for v in row] for row in out]


def stamp_book(book: Any, title: str, provenance: Provenance | None, language: str) -> None:
    """A workbook's properties: title, language, provenance, and the project's date."""
    props = book.properties
    props.creator = "verbatims"
    props.lastModifiedBy = "verbatims"
    props.title = title
    props.language = {"fr": "fr-FR", "en": "en-GB"}.get(language, language)
    if provenance is not None:
        props.description = provenance.text()
        props.subject = provenance.command or "verbatims"
        props.identifier = provenance.short
        props.version = provenance.version
        props.keywords = "verbatims"
        props.created = props.modified = provenance.date.replace(tzinfo=None)


def header_row(sheet: Any, values: Sequence[object]) -> None:
    """Append a bold, wrapped header row whose cells can never run."""
    from openpyxl.styles import Alignment, Font

    sheet.append([safe(v) for v in values])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if isinstance(cell.value, str):
            cell.data_type = "s"


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
