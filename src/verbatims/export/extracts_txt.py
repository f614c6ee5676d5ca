"""Extracts as plain text: what any editor, e-mail or `less` shows as it is.

Titles are underlined (= for the annex, - for each group), each extract is
headed by its description and reference, and the quote is indented and wrapped
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
from verbatims.export.text import intro, meta_line

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
    out = [*underline(data.title, "="), "", *wrap(intro(data)), ""]
    page_breaks = bool(data.options.get("page_breaks"))
    for n, group in enumerate(data.groups):
        out += ["\f" if page_breaks and n else "", *underline(group.title, "-"), ""]
        for extract in group.extracts:
            out += [*wrap(extract.header), *wrap(meta_line(extract)), ""]
            for paragraph in extract.paragraphs:
                out += [*wrap(paragraph, INDENT), ""]
            if extract.memo:
                out += [*wrap(f"Mémo : {extract.memo}", INDENT), ""]
    path.write_text("\n".join(out).rstrip("\n") + "\n", encoding="utf-8")
