"""The few named ODF styles annex documents need: title, headings, quotations, notes.

Headings use LibreOffice's standard names and outline levels, so the table of
contents and the navigator find them.
"""

from __future__ import annotations

from typing import Any

from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TextProperties


def _style(doc: OpenDocumentText, name: str, display: str, size: str, *, bold: bool = False,
           italic: bool = False, level: int | None = None, margin: str | None = None,
           break_before: bool = False) -> Style:
    attrs: dict[str, Any] = {"name": name, "displayname": display, "family": "paragraph"}
    if level is not None:
        attrs["defaultoutlinelevel"] = str(level)
        attrs["nextstylename"] = "Text_20_body"
    style = Style(**attrs)
    para: dict[str, Any] = {"margintop": "0.2cm", "marginbottom": "0.2cm"}
    if margin:
        para["marginleft"] = margin
        para["marginright"] = margin
    if break_before:
        para["breakbefore"] = "page"
    style.addElement(ParagraphProperties(**para))
    text: dict[str, Any] = {"fontsize": size}
    if bold:
        text["fontweight"] = "bold"
    if italic:
        text["fontstyle"] = "italic"
    style.addElement(TextProperties(**text))
    doc.styles.addElement(style)
    return style


def add_styles(doc: OpenDocumentText) -> dict[str, Style]:
    return {
        "title": _style(doc, "Title", "Title", "20pt", bold=True),
        "h1": _style(doc, "Heading_20_1", "Heading 1", "16pt", bold=True, level=1),
        "h1break": _style(doc, "Heading_20_1_20_break", "Heading 1 (new page)", "16pt",
                          bold=True, level=1, break_before=True),
        "h2": _style(doc, "Heading_20_2", "Heading 2", "12pt", bold=True, level=2),
        "body": _style(doc, "Text_20_body", "Text body", "11pt"),
        "meta": _style(doc, "Extract_20_reference", "Extract reference", "9pt", italic=True),
        "quote": _style(doc, "Quotations", "Quotations", "11pt", margin="1cm"),
        "cell": _style(doc, "Table_20_Contents", "Table Contents", "9pt"),
        "cellhead": _style(doc, "Table_20_Heading", "Table Heading", "9pt", bold=True),
    }
