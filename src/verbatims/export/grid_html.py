"""The grid as an HTML table; everything shown is escaped, the header repeats in print."""

from __future__ import annotations

from pathlib import Path

from verbatims.export.grid import Grid, count_text
from verbatims.export.htmlpage import e, head
from verbatims.export.registry import GRID

CSS = """body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;font-size:.85em}
th,td{border:1px solid #999;padding:.4em;vertical-align:top;text-align:left}
th{background:#eee}td.case{font-weight:bold}div.note{font-weight:normal;font-style:italic;color:#555}
div.n{color:#666;font-style:italic}thead{display:table-header-group}tr{break-inside:auto}
p{margin:0 0 .3em}@page{size:A4 landscape}"""


@GRID.register()
def write(grid: Grid, path: Path) -> None:
    out = [*head(grid.title, grid.provenance, grid.language, CSS), "<body>",
           f"<h1>{e(grid.title)}</h1>"]
    if grid.intro:
        out.append(f"<p>{e(grid.intro)}</p>")
    out += ["<table>", "<thead><tr>",
            f"<th>{e(grid.case_heading)}</th>", *(f"<th>{e(c)}</th>" for c in grid.codes),
            "</tr></thead>", "<tbody>"]
    for case, note, row in zip(grid.cases, grid.notes, grid.cells, strict=True):
        note_html = f'<div class="note">{e(note)}</div>' if note else ""
        out.append(f'<tr><td class="case"><div>{e(case)}</div>{note_html}</td>')
        for cell in row:
            paras = "".join(f"<p>{e(p)}</p>" for p in cell.summary.split("\n") if p.strip())
            n = (f'<div class="n">{e(count_text(cell.count))}</div>'
                 if grid.counts and cell.count else "")
            out.append(f"<td>{paras}{n}</td>")
        out.append("</tr>")
    out += ["</tbody>", "</table>", "</body>", "</html>", ""]
    path.write_text("\n".join(out), encoding="utf-8")
