"""Extracts as Markdown: headings and block quotes, with Markdown syntax escaped."""

from __future__ import annotations

import re
from pathlib import Path

from verbatims.export.extracts import ExtractSet
from verbatims.export.registry import EXTRACTS
from verbatims.export.text import definition, memo_label

_SPECIAL = re.compile(r"([\\`*_{}<>#|~]|^[-+>]|^=(?==*[ \t]*$)|(?<=^\d)[.)]"
                      r"|(?<=^\d\d)[.)]|(?<=^\d\d\d)[.)])", re.MULTILINE)
# A link, an image or a link definition: "[x](…)", "![x](…)", "[x][ref]", "[x]: …"
_LINKS = re.compile(r"!(?=\[)|\](?=[(\[:])")


def md(text: str) -> str:
    """Escape what Markdown would read as markup, links and images above all (an
    interview may quote "[ici](javascript:…)" or "![](http://…)", which a viewer would
    follow or fetch); "[...]" elisions stay readable."""
    return _LINKS.sub(lambda m: "\\" + m.group(), _SPECIAL.sub(r"\\\1", text))


@EXTRACTS.register()
def write(data: ExtractSet, path: Path) -> None:
    out = [f"# {md(data.title)}", ""]
    if data.intro:
        out += [md(data.intro), ""]
    for group in data.groups:
        out += [f"## {md(group.title)}", ""]
        if group.intro:
            out += [f"*{md(definition(group))}*", ""]
        for section in group.sections:
            if section.heading:
                out += [f"### {md(section.heading)}", ""]
            for question, extract in section.entries():
                if question:
                    out += [f"*{md(question)}*", ""]
                quote = "\n>\n".join(f"> {md(p)}" for p in extract.paragraphs)
                out += [quote, "", f"*({md(extract.citation)})*", ""]
                if extract.memo:
                    out += [f"**{md(memo_label().strip())}** {md(' '.join(extract.memos))}", ""]
    path.write_text("\n".join(out), encoding="utf-8")
