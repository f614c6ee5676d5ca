"""Extracts as a Word document a researcher pastes into a report annex.

A4 in the annex's language, groups as Heading 1 and interviews as Heading 2
(so a table of contents works), each quote in an indented, upright "Quote"
style with its reference under it, page numbers at the foot of each page.
"""

from __future__ import annotations

from pathlib import Path

from verbatims.export.docx_fast import Appender
from verbatims.export.docx_layout import document
from verbatims.export.extracts import ExtractSet
from verbatims.export.registry import EXTRACTS
from verbatims.export.text import definition, memo_label

CONTEXT = "6E6E6E"  # the words around a quote, when asked for: lighter than the quote


@EXTRACTS.register()
def write(data: ExtractSet, path: Path) -> None:
    doc = document(data.title, data.provenance, data.language)
    out = Appender(doc)
    out.paragraph(data.title, "Title")
    if data.intro:
        out.paragraph(data.intro)
    page_breaks = bool(data.options.get("page_breaks"))
    for n, group in enumerate(data.groups):
        heading = out.paragraph(group.title, "Heading 1")
        if page_breaks and n:
            heading.paragraph_format.page_break_before = True
        if group.intro:
            out.paragraph(definition(group), "Group Introduction")
        for section in group.sections:
            if section.heading:
                out.paragraph(section.heading, "Heading 2")
            for question, extract in section.entries():
                if question:
                    out.paragraph(question, "Interview Question")
                for block in extract.blocks():
                    para = out.paragraph(style="Quote")
                    for text, is_context in block:
                        out.run(para, text, colour=CONTEXT if is_context else None)
                out.paragraph(extract.citation, "Extract Reference")
                if extract.memo:
                    memo = out.paragraph(style="Extract Memo")
                    out.run(memo, memo_label(), bold=True)
                    out.run(memo, " ".join(extract.memos))
    doc.save(str(path))
