"""Disputed passages as Word (DOCX), each coder's codings in a column of their own."""

from __future__ import annotations

from pathlib import Path

from verbatims.analysis.disagreements import codings_column
from verbatims.export.disputes import disputes_of, heading, highlighted, mark_lines, pieces, summary
from verbatims.export.registry import DISAGREEMENTS
from verbatims.export.reliability import DisagreementReport
from verbatims.i18n import _


@DISAGREEMENTS.register()
def write(report: DisagreementReport, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    doc.core_properties.title = report.title
    doc.core_properties.author = "verbatims"
    section = doc.sections[0]
    if len(report.coders) > 2:  # three coders or more: the columns need the width
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2)
    doc.add_paragraph(report.title, "Title")
    for paragraph in report.notes:
        doc.add_paragraph(paragraph).runs[0].font.size = Pt(9)
    doc.add_paragraph().add_run(summary(report)).bold = True
    grey, red = RGBColor(0x80, 0x80, 0x80), RGBColor(0xAA, 0x00, 0x00)
    for _index, row in report.passages.iterrows():
        doc.add_paragraph(heading(row), "Heading 2")
        for line in disputes_of(report, row):
            doc.add_paragraph(line, "List Bullet").runs[0].font.size = Pt(10)
        table = doc.add_table(rows=2, cols=len(report.coders))
        table.style = "Table Grid"
        for i, coder in enumerate(report.coders):
            table.rows[0].cells[i].paragraphs[0].add_run(coder).bold = True
            cell = table.rows[1].cells[i]
            para = cell.paragraphs[0]
            para.add_run("…" + str(row["before"])).font.color.rgb = grey
            marks = row[codings_column(coder)]
            for text, on in pieces(str(row["text"]), int(row["start"]), highlighted(marks)):
                run = para.add_run(text)
                if on:
                    run.bold = True
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            para.add_run(str(row["after"]) + "…").font.color.rgb = grey
            if not highlighted(marks):
                missing = cell.add_paragraph().add_run(_("not coded"))
                missing.italic = True
                missing.font.color.rgb = red
            for text, disputed in mark_lines(marks):
                run = cell.add_paragraph().add_run(text)
                run.font.size = Pt(8.5)
                run.bold = disputed
        doc.add_paragraph()
    doc.save(str(path))
