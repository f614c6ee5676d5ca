"""Extracts as a Word document a researcher pastes into a report annex.

Groups are Heading 1 and each extract's header Heading 2, so Word's and
LibreOffice's tables of contents work; quotes use the built-in "Quote" style.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK

from verbatims.export.docx_fast import Appender
from verbatims.export.extracts import ExtractSet
from verbatims.export.registry import EXTRACTS
from verbatims.export.text import intro, meta_line


@EXTRACTS.register()
def write(data: ExtractSet, path: Path) -> None:
    doc = Document()
    doc.core_properties.title = data.title
    doc.core_properties.author = "verbatims"
    out = Appender(doc)
    out.paragraph(data.title, "Title")
    out.paragraph(intro(data))
    page_breaks = bool(data.options.get("page_breaks"))
    for n, group in enumerate(data.groups):
        if page_breaks and n:
            out.paragraph().add_run().add_break(WD_BREAK.PAGE)
        out.paragraph(group.title, "Heading 1")
        for extract in group.extracts:
            out.paragraph(extract.header, "Heading 2")
            out.run(out.paragraph(), meta_line(extract), italic=True, half_points=18)
            for text in extract.paragraphs:
                out.paragraph(text, "Quote")
            if extract.memo:
                memo = out.paragraph()
                out.run(memo, "Mémo : ", bold=True)
                out.run(memo, extract.memo)
    doc.save(str(path))
