"""The page and named styles of every OpenDocument text we write.

A4 (portrait or landscape) with page numbers in the footer, the annex's
language as the default (so LibreOffice checks spelling in French), headings
under LibreOffice's standard names and outline levels (the table of contents
and the navigator find them), an indented quotation style with a rule on its
left, and the provenance in the document's metadata.
"""

from __future__ import annotations

from typing import Any

from odf import dc, meta
from odf.element import Element
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    Footer,
    FooterStyle,
    HeaderFooterProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.text import P, PageNumber

from verbatims.export.provenance import Provenance

LANGUAGES = {"fr": ("fr", "FR"), "en": ("en", "GB")}


def _style(doc: OpenDocumentText, name: str, display: str, size: str, *, bold: bool = False,
           italic: bool = False, level: int | None = None, margin: str | None = None,
           right: str | None = None, break_before: bool = False, colour: str | None = None,
           before: str = "0.2cm", after: str = "0.2cm", border: str | None = None,
           keep: bool = False, align: str | None = None) -> Style:
    attrs: dict[str, Any] = {"name": name, "displayname": display, "family": "paragraph"}
    if level is not None:
        attrs["defaultoutlinelevel"] = str(level)
        attrs["nextstylename"] = "Text_20_body"
    style = Style(**attrs)
    para: dict[str, Any] = {"margintop": before, "marginbottom": after}
    if margin:
        para["marginleft"] = margin
        para["marginright"] = right or "0cm"
    if border:
        para["borderleft"] = border
        para["paddingleft"] = "0.3cm"
    if break_before:
        para["breakbefore"] = "page"
    if keep:
        para["keepwithnext"] = "always"
    if align:
        para["textalign"] = align
    style.addElement(ParagraphProperties(**para))
    text: dict[str, Any] = {"fontsize": size}
    if bold:
        text["fontweight"] = "bold"
    if italic:
        text["fontstyle"] = "italic"
    if colour:
        text["color"] = colour
    style.addElement(TextProperties(**text))
    doc.styles.addElement(style)
    return style


def _page(doc: OpenDocumentText, landscape: bool) -> None:
    width, height = ("29.7cm", "21cm") if landscape else ("21cm", "29.7cm")
    margin = "1.8cm" if landscape else "2.5cm"
    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(
        pagewidth=width, pageheight=height, printorientation="landscape" if landscape
        else "portrait", margintop="2cm", marginbottom="1.5cm", marginleft=margin,
        marginright=margin))
    footer_style = FooterStyle()
    footer_style.addElement(HeaderFooterProperties(minheight="0.6cm", margintop="0.3cm"))
    layout.addElement(footer_style)
    doc.automaticstyles.addElement(layout)
    footer_para = Style(name="Footer", family="paragraph")
    footer_para.addElement(ParagraphProperties(textalign="center"))
    footer_para.addElement(TextProperties(fontsize="9pt"))
    doc.styles.addElement(footer_para)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    number = P(stylename=footer_para)
    number.addElement(PageNumber(selectpage="current", text="1"))
    footer.addElement(number)
    master.addElement(footer)
    doc.masterstyles.addElement(master)


def _metadata(doc: OpenDocumentText, title: str, provenance: Provenance | None,
              language: str) -> None:
    doc.meta.addElement(dc.Title(text=title))
    lang, country = LANGUAGES.get(language, LANGUAGES["fr"])
    doc.meta.addElement(dc.Language(text=f"{lang}-{country}"))
    if provenance is None:
        return
    doc.meta.addElement(dc.Description(text=provenance.text()))
    doc.meta.addElement(dc.Subject(text=provenance.command or "verbatims"))
    doc.meta.addElement(meta.InitialCreator(text="verbatims"))
    doc.meta.addElement(dc.Creator(text="verbatims"))
    doc.meta.addElement(meta.CreationDate(text=provenance.iso_date))
    doc.meta.addElement(dc.Date(text=provenance.iso_date))
    for name, value in provenance.fields().items():
        doc.meta.addElement(meta.UserDefined(name=name, valuetype="string", text=value))


def document(title: str, provenance: Provenance | None, language: str = "fr", *,
             landscape: bool = False) -> tuple[OpenDocumentText, dict[str, Style]]:
    """A new annex document and its named styles (see `add_styles`)."""
    # odfpy keeps the namespaces it has seen in one dict shared by every element of the
    # process and declares them all in each file: a document made after another would
    # not have the same bytes. Each document starts from none.
    Element.namespaces.clear()
    doc = OpenDocumentText()
    lang, country = LANGUAGES.get(language, LANGUAGES["fr"])
    default = DefaultStyle(family="paragraph")
    default.addElement(ParagraphProperties(marginbottom="0.2cm"))
    default.addElement(TextProperties(language=lang, country=country, fontsize="11pt",
                                      hyphenate="true"))
    doc.styles.addElement(default)
    _page(doc, landscape)
    _metadata(doc, title, provenance, language)
    return doc, add_styles(doc)


def add_styles(doc: OpenDocumentText) -> dict[str, Style]:
    quote_rule = "0.06cm solid #a6a6a6"
    return {
        "title": _style(doc, "Title", "Title", "18pt", bold=True, after="0.4cm"),
        "h1": _style(doc, "Heading_20_1", "Heading 1", "14pt", bold=True, level=1,
                     before="0.6cm", keep=True),
        "h1break": _style(doc, "Heading_20_1_20_break", "Heading 1 (new page)", "14pt",
                          bold=True, level=1, break_before=True, keep=True),
        "h2": _style(doc, "Heading_20_2", "Heading 2", "11.5pt", bold=True, level=2,
                     before="0.45cm", keep=True),
        "body": _style(doc, "Text_20_body", "Text body", "11pt"),
        "intro": _style(doc, "Group_20_introduction", "Group introduction", "10.5pt",
                        italic=True),
        "question": _style(doc, "Interview_20_question", "Interview question", "10.5pt",
                           italic=True, colour="#595959", margin="0.5cm", keep=True),
        "meta": _style(doc, "Extract_20_reference", "Extract reference", "8.5pt",
                       italic=True, colour="#595959", margin="1cm", before="0.05cm",
                       after="0.4cm"),
        "quote": _style(doc, "Quotations", "Quotations", "10.5pt", margin="1cm",
                        right="0.5cm", border=quote_rule, before="0cm", after="0.12cm"),
        "memo": _style(doc, "Extract_20_memo", "Extract memo", "9.5pt", margin="1cm",
                       after="0.35cm"),
        "cell": _style(doc, "Table_20_Contents", "Table Contents", "8pt", before="0cm",
                       after="0.05cm"),
        "cellhead": _style(doc, "Table_20_Heading", "Table Heading", "8pt", bold=True,
                           before="0cm", after="0.05cm"),
        "cellnote": _style(doc, "Table_20_Note", "Table note", "7pt", italic=True,
                           colour="#595959", before="0cm", after="0cm"),
    }


def context_style(doc: OpenDocumentText) -> Style:
    """A text style for the words around a quote: lighter than the quote."""
    style = Style(name="Context", family="text")
    style.addElement(TextProperties(color="#6e6e6e"))
    doc.styles.addElement(style)
    return style


def bold_style(doc: OpenDocumentText) -> Style:
    style = Style(name="Strong_20_Emphasis", displayname="Strong Emphasis", family="text")
    style.addElement(TextProperties(fontweight="bold"))
    doc.styles.addElement(style)
    return style


def table_styles(doc: OpenDocumentText, widths: list[float]) -> tuple[Style, list[Style],
                                                                        Style]:
    """A table's style, one style per column (`widths` in cm) and a bordered cell style."""
    table = Style(name="Grid", family="table")
    table.addElement(TableProperties(width=f"{sum(widths):.2f}cm", align="left"))
    doc.automaticstyles.addElement(table)
    columns = []
    for i, width in enumerate(widths):
        column = Style(name=f"Grid.C{i + 1}", family="table-column")
        column.addElement(TableColumnProperties(columnwidth=f"{width:.2f}cm"))
        doc.automaticstyles.addElement(column)
        columns.append(column)
    cell = Style(name="Grid.cell", family="table-cell")
    cell.addElement(TableCellProperties(border="0.03cm solid #808080", padding="0.1cm"))
    doc.automaticstyles.addElement(cell)
    return table, columns, cell
