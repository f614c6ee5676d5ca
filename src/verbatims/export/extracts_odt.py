"""Extracts as an OpenDocument text, for LibreOffice users (headings, quotations)."""

from __future__ import annotations

from pathlib import Path

from odf.opendocument import OpenDocumentText
from odf.text import H, P, Span

from verbatims.export.extracts import ExtractSet
from verbatims.export.odt_styles import add_styles
from verbatims.export.registry import EXTRACTS
from verbatims.export.text import intro, meta_line


@EXTRACTS.register()
def write(data: ExtractSet, path: Path) -> None:
    doc = OpenDocumentText()
    st = add_styles(doc)
    doc.text.addElement(P(stylename=st["title"], text=data.title))
    doc.text.addElement(P(stylename=st["body"], text=intro(data)))
    page_breaks = bool(data.options.get("page_breaks"))
    for n, group in enumerate(data.groups):
        style = st["h1break"] if page_breaks and n else st["h1"]
        doc.text.addElement(H(outlinelevel=1, stylename=style, text=group.title))
        for extract in group.extracts:
            doc.text.addElement(H(outlinelevel=2, stylename=st["h2"], text=extract.header))
            doc.text.addElement(P(stylename=st["meta"], text=meta_line(extract)))
            for text in extract.paragraphs:
                doc.text.addElement(P(stylename=st["quote"], text=text))
            if extract.memo:
                memo = P(stylename=st["body"])
                memo.addElement(Span(text="Mémo : "))
                memo.addText(extract.memo)
                doc.text.addElement(memo)
    doc.save(str(path))
