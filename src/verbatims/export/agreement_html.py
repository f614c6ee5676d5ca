"""Agreement table as HTML, with the method under it."""

from __future__ import annotations

from html import escape
from pathlib import Path

from verbatims.export.registry import AGREEMENT
from verbatims.export.reliability import AgreementReport, table_cells

CSS = """body{font-family:sans-serif;margin:1.5em;max-width:70em}table{border-collapse:collapse}
th,td{border:1px solid #999;padding:.3em .6em;text-align:right}th{background:#eee}
td:first-child,th:first-child{text-align:left}
tr.overall td{font-weight:bold;border-top:2px solid #333}
p.note{color:#333;font-size:.92em}"""


@AGREEMENT.register()
def write(report: AgreementReport, path: Path) -> None:
    header, body = table_cells(report)
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
