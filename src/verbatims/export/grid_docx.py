"""The grid as a Word table on A4 landscape, like the report's Annexe 1.

The header row repeats at the top of each page; a row stays on one page (its case
name is never left above its summaries) unless a summary is too long for that; the
first column, the case, is narrower than the codes'.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt

from verbatims.export.docx_fast import Appender
from verbatims.export.docx_layout import document, usable_width
from verbatims.export.grid import Grid, count_text
from verbatims.export.registry import GRID


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _keep_together(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


SPLITTABLE = 1200  # characters in one cell: past this a row may run onto the next page


def _shade(cell: Any, fill: str = "E7E6E6") -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.append(shading)


@GRID.register()
def write(grid: Grid, path: Path) -> None:
    doc = document(grid.title, grid.provenance, grid.language, landscape=True)
    out = Appender(doc)
    out.paragraph(grid.title, "Heading 1")
    if grid.intro:
        out.paragraph(grid.intro)
    table = doc.add_table(rows=1, cols=len(grid.codes) + 1)
    table.style = "Table Grid"
    table.autofit = False
    width = usable_width(doc)
    first = min(int(width * 0.16), Emu(int(Pt(110))))
    other = (width - first) // max(len(grid.codes), 1)
    widths = [first] + [other] * len(grid.codes)
    head = table.rows[0]
    _repeat_header(head)
    for cell, text in zip(head.cells, [grid.case_heading, *grid.codes], strict=True):
        para = cell.paragraphs[0]
        para.style = doc.styles["Table Text"]
        out.run(para, text, bold=True)
        _shade(cell)
    for case, note, row in zip(grid.cases, grid.notes, grid.cells, strict=True):
        added = table.add_row()
        if all(len(value.summary) <= SPLITTABLE for value in row):
            _keep_together(added)
        cells = added.cells
        para = cells[0].paragraphs[0]
        para.style = doc.styles["Table Text"]
        out.run(para, case, bold=True)
        if note:
            extra = cells[0].add_paragraph(style="Table Text")
            out.run(extra, note, italic=True, colour="595959")
        for cell, value in zip(cells[1:], row, strict=True):
            lines = [p for p in value.summary.split("\n") if p.strip()]
            para = cell.paragraphs[0]
            para.style = doc.styles["Table Text"]
            for k, line in enumerate(lines):
                target = para if k == 0 else cell.add_paragraph(style="Table Text")
                out.run(target, line)
            if grid.counts and value.count:
                target = cell.add_paragraph(style="Table Text") if lines else para
                out.run(target, count_text(value.count), italic=True, colour="595959")
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w
    doc.save(str(path))
