"""A concordance written as CSV, HTML or DOCX: one row per occurrence, the match set
apart between its left and right context, as Lexico and IRaMuTeQ print it."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from verbatims.export.rows import safe
from verbatims.files import atomic_write, check_suffix, write_text
from verbatims.i18n import _

FORMATS = ("csv", "html", "docx")


def write(table: pd.DataFrame, output: Path, title: str) -> None:
    """The concordance in the format the file name says."""
    fmt = check_suffix(output, FORMATS)
    if fmt == "csv":
        write_text(output, table.map(safe).to_csv(index=False, lineterminator="\n"))
    elif fmt == "html":
        write_text(output, _html(table, title))
    else:
        with atomic_write(output) as tmp:
            _docx(table, title, tmp)


def _html(table: pd.DataFrame, title: str) -> str:
    rows = "\n".join(
        f'<tr><td class="doc">{html.escape(str(r.document))}</td>'
        f'<td class="at">{r.start}–{r.end}</td>'
        f'<td class="left">{html.escape(str(r.left))}</td>'
        f'<td class="match"><mark>{html.escape(str(r.match))}</mark></td>'
        f'<td class="right">{html.escape(str(r.right))}</td></tr>'
        for r in table.itertuples(index=False))
    head = "".join(f"<th>{html.escape(h)}</th>" for h in (
        _("document"), _("offsets"), _("left context"), _("term"), _("right context")))
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: sans-serif; font-size: 11pt; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ padding: 2px 6px; border-bottom: 1px solid #ddd; vertical-align: top; }}
td.left {{ text-align: right; white-space: nowrap; overflow: hidden; max-width: 22em; }}
td.right {{ white-space: nowrap; overflow: hidden; max-width: 22em; }}
td.match {{ text-align: center; font-weight: bold; white-space: nowrap; }}
mark {{ background: #ffe9a8; }}
td.doc, td.at {{ color: #555; font-size: 9pt; white-space: nowrap; }}
</style></head><body>
<h1>{html.escape(title)}</h1>
<table><thead><tr>{head}</tr></thead><tbody>
{rows}
</tbody></table></body></html>
"""


def _docx(table: pd.DataFrame, title: str, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.5))
    doc.add_heading(title, level=1)
    grid = doc.add_table(rows=1, cols=4)
    grid.style = "Table Grid"
    widths = (Cm(4.0), Cm(9.5), Cm(3.5), Cm(9.5))
    for cell, text, width in zip(grid.rows[0].cells, (_("document"), _("left context"),
                                                      _("term"), _("right context")),
                                 widths, strict=True):
        cell.text = text
        cell.width = width
        cell.paragraphs[0].runs[0].bold = True
    for r in table.itertuples(index=False):
        cells = grid.add_row().cells
        values = (f"{r.document} ({r.start}–{r.end})", str(r.left), str(r.match), str(r.right))
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.width = width
            run = cell.paragraphs[0].add_run(value)
            run.font.size = Pt(8.5)
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cells[2].paragraphs[0].runs[0].bold = True
    doc.save(str(path))
