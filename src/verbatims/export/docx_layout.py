"""The page and styles of every Word file we write: A4, French, page numbers, provenance.

python-docx starts from a US Letter, en-US template whose headings are blue and
whose "Quote" style is an unindented italic. A report annex needs A4 (portrait
or landscape), the document's language (fr-FR, or en-GB in English) so spell
checking and hyphenation work, sober headings that a table of contents picks
up, a quotation style indented and upright, and page numbers. The file's core
properties carry the provenance, with the project's last change as its dates.
"""

from __future__ import annotations

from typing import Any

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from verbatims.export.provenance import Provenance

LANG_TAGS = {"fr": "fr-FR", "en": "en-GB"}
# One family for text and headings; LibreOffice shows its metric twin, Liberation Serif.
FONT = "Times New Roman"
INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x59, 0x59, 0x59)


def _set_font(rpr: Any, name: str = FONT) -> None:
    """Name the font outright: the template's theme fonts (Calibri, Cambria) are missing
    from many machines and would show two unrelated families."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), name)


def _set_lang(rpr: Any, tag: str) -> None:
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)


def _border_left(style: Any, colour: str = "A6A6A6") -> None:
    ppr = style.element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "8"),
                       ("w:color", colour)):
        left.set(qn(key), value)
    border.append(left)
    ppr.append(border)


def _no_border(style: Any) -> None:
    ppr = style.element.pPr
    if ppr is not None:
        for old in ppr.findall(qn("w:pBdr")):
            ppr.remove(old)


def _paragraph_style(doc: Document, name: str, base: str = "Normal") -> Any:
    styles = doc.styles
    if name in [s.name for s in styles]:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def _styles(doc: Document) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, before in (("Title", 18, 0), ("Heading 1", 14, 18), ("Heading 2", 11.5, 12),
                               ("Heading 3", 11, 10)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = INK
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        _no_border(style)
        _set_font(style.element.get_or_add_rPr())
    styles["Title"].paragraph_format.space_after = Pt(12)
    quote = styles["Quote"]
    quote.font.italic = False
    quote.font.size = Pt(10.5)
    quote.font.color.rgb = INK
    fmt = quote.paragraph_format
    fmt.left_indent, fmt.right_indent = Cm(1.0), Cm(0.5)
    fmt.space_before, fmt.space_after = Pt(0), Pt(4)
    fmt.line_spacing = 1.15
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _border_left(quote)
    ref = _paragraph_style(doc, "Extract Reference")
    ref.font.size, ref.font.italic, ref.font.color.rgb = Pt(8.5), True, GREY
    ref.paragraph_format.left_indent = Cm(1.0)
    ref.paragraph_format.space_after = Pt(12)
    question = _paragraph_style(doc, "Interview Question")
    question.font.size, question.font.italic, question.font.color.rgb = Pt(10.5), True, GREY
    question.paragraph_format.left_indent = Cm(0.5)
    question.paragraph_format.space_after = Pt(6)
    question.paragraph_format.keep_with_next = True
    intro = _paragraph_style(doc, "Group Introduction")
    intro.font.size, intro.font.italic = Pt(10.5), True
    memo = _paragraph_style(doc, "Extract Memo")
    memo.font.size = Pt(9.5)
    memo.paragraph_format.left_indent = Cm(1.0)
    memo.paragraph_format.space_after = Pt(10)
    cell = _paragraph_style(doc, "Table Text")
    cell.font.size = Pt(8)
    cell.paragraph_format.space_after = Pt(2)
    cell.paragraph_format.line_spacing = 1.0


def _page_numbers(doc: Document) -> None:
    footer = doc.sections[0].footer
    para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field: Any = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run: Any = OxmlElement("w:r")
    text: Any = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    para._p.append(field)


def document(title: str, provenance: Provenance | None, language: str = "fr", *,
             landscape: bool = False) -> Document:
    """A new, empty annex document: A4, margins, language, styles, page numbers, properties."""
    doc = new_document()
    tag = LANG_TAGS.get(language, "fr-FR")
    section = doc.sections[0]
    width, height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    margin = Cm(1.8) if landscape else Cm(2.5)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, margin)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    defaults: Any = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_lang(rpr, tag)
    _set_font(rpr)
    settings: Any = doc.settings.element
    for old in settings.findall(qn("w:themeFontLang")):
        old.set(qn("w:val"), tag)
    _styles(doc)
    _page_numbers(doc)
    props = doc.core_properties
    props.title = title
    props.author = "verbatims"
    props.last_modified_by = "verbatims"
    props.language = tag
    props.revision = 1
    if provenance is not None:
        # python-docx caps each property at 255 characters; OOXML does not, and a
        # command line can be longer: set the text on the element itself.
        element: Any = props._element
        element._get_or_add("description").text = provenance.text()
        element._get_or_add("subject").text = provenance.command or "verbatims"
        props.identifier = provenance.short
        props.version = provenance.version
        props.keywords = "verbatims"
        props.created = props.modified = provenance.date.replace(tzinfo=None)
    return doc


def usable_width(doc: Document) -> int:
    """The text width of the first section, in EMU."""
    section = doc.sections[0]
    return int(section.page_width or 0) - int(section.left_margin or 0) - int(
        section.right_margin or 0)
