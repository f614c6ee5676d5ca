"""The agreement table as CSV (for scripts), XLSX (with a sheet of notes) or HTML."""

from __future__ import annotations

import csv
from html import escape
from pathlib import Path

from verbatims.export.agreement_report import AgreementReport, figure_text, rounded
from verbatims.export.registry import exporter
from verbatims.export.rows import finish_sheet, safe
from verbatims.i18n import _


def _cells(report: AgreementReport) -> tuple[list[str], list[list[object]]]:
    table = rounded(report.table)
    header = [str(c) for c in table.columns]
    body = [[figure_text(v) if isinstance(v, float) else safe(v) for v in row]
            for row in table.itertuples(index=False)]
    return header, body


@exporter("agreement", "csv")
def write_csv(report: AgreementReport, path: Path) -> None:
    header, body = _cells(report)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)


@exporter("agreement", "xlsx")
def write_xlsx(report: AgreementReport, path: Path) -> None:
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


CSS = """body{font-family:sans-serif;margin:1.5em;max-width:70em}table{border-collapse:collapse}
th,td{border:1px solid #999;padding:.3em .6em;text-align:right}th{background:#eee}
td:first-child,th:first-child{text-align:left}
tr.overall td{font-weight:bold;border-top:2px solid #333}
p.note{color:#333;font-size:.92em}"""


@exporter("agreement", "html")
def write_html(report: AgreementReport, path: Path) -> None:
    header, body = _cells(report)
    out = ["<!DOCTYPE html>", '<html lang="fr">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(report.title)}</title>", f"<style>{CSS}</style>", "</head>",
           "<body>", f"<h1>{escape(report.title)}</h1>", "<table>", "<thead><tr>",
           *(f"<th>{escape(h)}</th>" for h in header), "</tr></thead>", "<tbody>"]
    for n, row in enumerate(body):
        css = ' class="overall"' if n == len(body) - 1 and len(body) > 1 else ""
        cells = "".join(f"<td>{escape(str(v))}</td>" for v in row)
        out.append(f"<tr{css}>{cells}</tr>")
    out += ["</tbody>", "</table>", *(f'<p class="note">{escape(p)}</p>' for p in report.notes),
            "</body>", "</html>", ""]
    path.write_text("\n".join(out), encoding="utf-8")
