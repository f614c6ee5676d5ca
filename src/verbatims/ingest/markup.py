"""Markup out of a transcript: HTML tags, `<br>`, iframes, scripts, template tags.

Transcripts published on the web (Jekyll, Hugo, WordPress exports, podcast
pages) carry their speech inside HTML and Markdown, with template tags
(`{% include … %}`, `{{< toc >}}`, `{{ page.title }}`) and embeds. What is kept is
what a reader sees: paragraphs, line breaks, list items, table cells.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_TEMPLATE = re.compile(r"\{%-?.*?-?%\}|\{\{[<%]?.*?[>%]?\}\}|\{#.*?#\}", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLOCKS = frozenset({"p", "div", "section", "article", "header", "footer", "blockquote",
                     "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "h1", "h2", "h3", "h4",
                     "h5", "h6", "pre", "figure", "figcaption", "hr", "main", "aside", "nav",
                     "details", "summary", "form", "address"})
_SKIP = frozenset({"script", "style", "iframe", "noscript", "template", "svg", "object",
                   "embed", "video", "audio", "canvas", "head", "title", "button", "select"})
_CELLS = frozenset({"td", "th"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag in _CELLS:
            self.parts.append(" | ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def strip_templates(text: str) -> str:
    return _TEMPLATE.sub("", _COMMENT.sub("", text))


def html_to_text(source: str, collapse: bool = True) -> str:
    """The visible text of an HTML page or fragment, paragraphs apart."""
    parser = _Text()
    parser.feed(strip_templates(source))
    parser.close()
    text = "".join(parser.parts)
    if collapse:  # in HTML, source line breaks are spaces
        text = re.sub(r"[ \t\r]*\n(?![ \t]*\n)[ \t]*", " ", text.replace("\u00a0", " "))
    return _tidy(text)


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M)
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.M)
_MD_FENCE = re.compile(r"^[ \t]*(```|~~~).*$", re.M)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def markdown_to_text(source: str) -> str:
    """Markdown as read: emphasis, links, headings and inline HTML made plain text."""
    text = strip_templates(source)
    if _TAG.search(text):
        text = _inline_html(text)
    text = _MD_FENCE.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_RULE.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EM.sub(r"\1", text)
    text = re.sub(r"[ \t]+\n", "\n", text)  # a Markdown hard break: two spaces at line end
    return _tidy(html.unescape(text))


def _inline_html(text: str) -> str:
    """HTML inside Markdown: tags out, line breaks and blocks kept, embeds dropped."""
    return html_to_text(text, collapse=False)


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n" if text.strip() else ""
