"""Extracts as one self-contained HTML page; everything shown is escaped."""

from __future__ import annotations

from html import escape
from pathlib import Path

from verbatims.export.extracts import ExtractSet
from verbatims.export.registry import EXTRACTS
from verbatims.export.text import intro, meta_line

CSS = """body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.5;color:#222}
h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:1px solid #ccc;margin-top:2em}
h3{font-size:1.05em;margin-bottom:.2em}p.ref{font-size:.8em;color:#666;font-style:italic;margin:0}
blockquote{margin:.5em 0 1em 1.5em;padding-left:1em;border-left:3px solid #bbb}
p.memo{font-size:.9em}.break{break-before:page}"""


def e(text: str) -> str:
    return escape(text, quote=True)


@EXTRACTS.register()
def write(data: ExtractSet, path: Path) -> None:
    out = ["<!DOCTYPE html>", '<html lang="fr">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(data.title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>{e(data.title)}</h1>", f"<p>{e(intro(data))}</p>"]
    page_breaks = bool(data.options.get("page_breaks"))
    for n, group in enumerate(data.groups):
        cls = ' class="break"' if page_breaks and n else ""
        out.append(f"<section{cls}>")
        out.append(f"<h2>{e(group.title)}</h2>")
        for extract in group.extracts:
            out.append(f"<h3>{e(extract.header)}</h3>")
            out.append(f'<p class="ref">{e(meta_line(extract))}</p>')
            out.append("<blockquote>")
            out.extend(f"<p>{e(p)}</p>" for p in extract.paragraphs)
            out.append("</blockquote>")
            if extract.memo:
                out.append(f'<p class="memo"><strong>Mémo :</strong> {e(extract.memo)}</p>')
        out.append("</section>")
    out += ["</body>", "</html>", ""]
    path.write_text("\n".join(out), encoding="utf-8")
