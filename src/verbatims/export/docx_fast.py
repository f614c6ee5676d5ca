"""Appending paragraphs to a python-docx document in constant time.

python-docx's `add_paragraph` and `style =` each scan the whole body or the
style list, which makes a 10 000-extract annex take minutes. Here style ids are
resolved once and paragraphs are inserted before the section properties kept
at hand; the result is the same XML.
"""

from __future__ import annotations

import re
from typing import Any

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Appender:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        body: Any = doc.element.body
        self.anchor = body.sectPr
        self.body = body
        self.ids: dict[str, str] = {}

    def style_id(self, name: str) -> str:
        if name not in self.ids:
            self.ids[name] = self.doc.styles[name].style_id
        return self.ids[name]

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        p: Any = OxmlElement("w:p")
        if style:
            ppr: Any = OxmlElement("w:pPr")
            pstyle: Any = OxmlElement("w:pStyle")
            pstyle.set(qn("w:val"), self.style_id(style))
            ppr.append(pstyle)
            p.append(ppr)
        if self.anchor is not None:
            self.anchor.addprevious(p)
        else:
            self.body.append(p)
        para = Paragraph(p, self.doc._body)
        if text:
            self.run(para, text)
        return para

    @staticmethod
    def run(para: Paragraph, text: str, *, bold: bool = False, italic: bool = False,
            half_points: int | None = None, colour: str | None = None) -> None:
        """Append a run of plain text, formatted without python-docx's per-run scans.

        `colour` is a hex RGB ("666666"), e.g. for the context around a quote.
        """
        r: Any = OxmlElement("w:r")
        if bold or italic or half_points or colour:
            rpr: Any = OxmlElement("w:rPr")
            if bold:
                rpr.append(OxmlElement("w:b"))
            if italic:
                rpr.append(OxmlElement("w:i"))
            if colour:
                color: Any = OxmlElement("w:color")
                color.set(qn("w:val"), colour)
                rpr.append(color)
            if half_points:
                size: Any = OxmlElement("w:sz")
                size.set(qn("w:val"), str(half_points))
                rpr.append(size)
            r.append(rpr)
        t: Any = OxmlElement("w:t")
        t.text = _NOT_XML.sub("", text)
        t.set(qn("xml:space"), "preserve")
        r.append(t)
        para._p.append(r)
