"""The grid as a landscape Word table, one row per case, like the report's Annexe 1."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from verbatims.export.grid import Grid, count_text
from verbatims.export.registry import GRID


@GRID.register()
def write(grid: Grid, path: Path) -> None:
    doc = Document()
    doc.core_properties.title = grid.title
    doc.core_properties.author = "verbatims"
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    doc.add_heading(grid.title, level=1)
    table = doc.add_table(rows=1, cols=len(grid.codes) + 1)
    table.style = "Table Grid"
    head = table.rows[0].cells
    head[0].text = grid.case_heading
    for i, code in enumerate(grid.codes, start=1):
        head[i].text = code
    for cell in head:
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(8)
    for case, note, row in zip(grid.cases, grid.notes, grid.cells, strict=True):
        cells = table.add_row().cells
        first = cells[0].paragraphs[0]
        first.add_run(case).bold = True
        if note and note != case:
            cells[0].add_paragraph(note).runs[0].italic = True
        for i, value in enumerate(row, start=1):
            para = cells[i].paragraphs[0]
            if value.summary:
                para.add_run(value.summary)
            if value.count:
                where = cells[i].add_paragraph() if value.summary else para
                where.add_run(f"({count_text(value.count)})").italic = True
        for cell in cells:
            for para in cell.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(8)
    doc.save(str(path))
