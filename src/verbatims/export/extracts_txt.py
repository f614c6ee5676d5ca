"""Extracts as plain text: what any editor, e-mail or `less` shows as it is.

Titles are underlined (= for the annex, - for each group), each interview is
headed by its speaker's description, each quote is followed by its reference in
parentheses, and the quote is indented and wrapped
at 78 columns without cutting a word (hyphenated and inclusive forms such as
"agent·e" stay whole). With --page-breaks each group after the first starts
with a form feed, which printers and word processors take as a new page.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from pathlib import Path

from verbatims.export.extracts import ExtractSet
from verbatims.export.registry import EXTRACTS
from verbatims.export.text import definition, memo_line

WIDTH = 78
INDENT = "    "
_GLUE = "\x00"  # a space the wrapping may not break: French « … », " :", "car. 12"
_UNBREAKABLE = re.compile(r"(?<=«) | (?=[»:;?!])|(?<=\bcar\.) (?=\d)|(?<=\btour) (?=\d)")


def underline(title: str, mark: str) -> list[str]:
    """The title and a line of `mark` as wide as it shows (combining accents take no column)."""
    width = sum(1 for ch in title if not unicodedata.combining(ch))
    return [title, mark * max(width, 3)]


def wrap(text: str, indent: str = "") -> list[str]:
    """Lines of at most WIDTH columns; no line starts with "»" or ":" or ends with "«"."""
    glued = _UNBREAKABLE.sub(_GLUE, text.replace(_GLUE, ""))
    lines = textwrap.wrap(glued, WIDTH, initial_indent=indent, subsequent_indent=indent,
                          break_long_words=False, break_on_hyphens=False)
    return [line.replace(_GLUE, " ") for line in lines] or [indent.rstrip()]


@EXTRACTS.register()
def write(data: ExtractSet, path: Path) -> None:
    out = [*underline(data.title, "="), ""]
    if data.intro:
        out += [*wrap(data.intro), ""]
    page_breaks = bool(data.options.get("page_breaks"))
    for n, group in enumerate(data.groups):
        out += ["\f" if page_breaks and n else "", *underline(group.title, "-"), ""]
        if group.intro:
            out += [*wrap(definition(group)), ""]
        for section in group.sections:
            if section.heading:
                out += [*wrap(section.heading), ""]
            for question, extract in section.entries():
                if question:
                    out += [*wrap(question, INDENT[:2]), ""]
                for paragraph in extract.paragraphs:
                    out += [*wrap(paragraph, INDENT), ""]
                out += [*wrap(f"({extract.citation})", INDENT), ""]
                if extract.memo:
                    out += [*wrap(memo_line(extract), INDENT), ""]
    path.write_text("\n".join(out).rstrip("\n") + "\n", encoding="utf-8")
