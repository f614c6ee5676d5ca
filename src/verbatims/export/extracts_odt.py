"""Extracts as an OpenDocument text, for LibreOffice users: A4, headings, quotations."""

from __future__ import annotations

from pathlib import Path

from odf.text import H, P, Span

from verbatims.export.extracts import ExtractSet
from verbatims.export.odt_styles import bold_style, context_style, document
from verbatims.export.registry import EXTRACTS
from verbatims.export.text import definition, memo_label


@EXTRACTS.register()
def write(data: ExtractSet, path: Path) -> None:
    doc, st = document(data.title, data.provenance, data.language)
    context, bold = context_style(doc), bold_style(doc)
    doc.text.addElement(P(stylename=st["title"], text=data.title))
    if data.intro:
        doc.text.addElement(P(stylename=st["body"], text=data.intro))
    page_breaks = bool(data.options.get("page_breaks"))
    for n, group in enumerate(data.groups):
        style = st["h1break"] if page_breaks and n else st["h1"]
        doc.text.addElement(H(outlinelevel=1, stylename=style, text=group.title))
        if group.intro:
            doc.text.addElement(P(stylename=st["intro"], text=definition(group)))
        for section in group.sections:
            if section.heading:
                doc.text.addElement(H(outlinelevel=2, stylename=st["h2"],
                                      text=section.heading))
            for question, extract in section.entries():
                if question:
                    doc.text.addElement(P(stylename=st["question"], text=question))
                for block in extract.blocks():
                    para = P(stylename=st["quote"])
                    for text, is_context in block:
                        if is_context:
                            para.addElement(Span(stylename=context, text=text))
                        else:
                            para.addText(text)
                    doc.text.addElement(para)
                doc.text.addElement(P(stylename=st["meta"], text=extract.citation))
                if extract.memo:
                    memo = P(stylename=st["memo"])
                    memo.addElement(Span(stylename=bold, text=memo_label()))
                    memo.addText(" ".join(extract.memos))
                    doc.text.addElement(memo)
    doc.save(str(path))
