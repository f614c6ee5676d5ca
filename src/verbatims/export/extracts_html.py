"""Extracts as one self-contained HTML page; everything shown is escaped."""

from __future__ import annotations

from pathlib import Path

from verbatims.export.extracts import ExtractSet
from verbatims.export.htmlpage import e, head
from verbatims.export.registry import EXTRACTS
from verbatims.export.text import definition, memo_label

CSS = """body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.5;color:#222}
h1{font-size:1.6em}h2{font-size:1.3em;border-bottom:1px solid #ccc;margin-top:2em}
h3{font-size:1.05em;margin-bottom:.4em}p.ref{font-size:.8em;color:#666;font-style:italic;
margin:.2em 0 1.2em 1.6em}p.intro,p.question{font-style:italic}p.question{color:#555;
margin-left:.8em}blockquote{margin:.5em 0 0 1.5em;padding-left:1em;border-left:3px solid #bbb}
blockquote p{margin:.3em 0}span.context{color:#777}p.memo{font-size:.9em;margin-left:1.6em}
.break{break-before:page}"""


@EXTRACTS.register()
def write(data: ExtractSet, path: Path) -> None:
    out = [*head(data.title, data.provenance, data.language, CSS), "<body>",
           f"<h1>{e(data.title)}</h1>"]
    if data.intro:
        out.append(f"<p>{e(data.intro)}</p>")
    page_breaks = bool(data.options.get("page_breaks"))
    for n, group in enumerate(data.groups):
        cls = ' class="break"' if page_breaks and n else ""
        out.append(f"<section{cls}>")
        out.append(f"<h2>{e(group.title)}</h2>")
        if group.intro:
            out.append(f'<p class="intro">{e(definition(group))}</p>')
        for section in group.sections:
            if section.heading:
                out.append(f"<h3>{e(section.heading)}</h3>")
            for question, extract in section.entries():
                if question:
                    out.append(f'<p class="question">{e(question)}</p>')
                out.append("<blockquote>")
                for block in extract.blocks():
                    runs = "".join(f'<span class="context">{e(t)}</span>' if ctx else e(t)
                                   for t, ctx in block)
                    out.append(f"<p>{runs}</p>")
                out.append("</blockquote>")
                out.append(f'<p class="ref">{e(extract.citation)}</p>')
                if extract.memo:
                    out.append(f'<p class="memo"><strong>{e(memo_label().strip())}</strong> '
                               f"{e(' '.join(extract.memos))}</p>")
        out.append("</section>")
    out += ["</body>", "</html>", ""]
    path.write_text("\n".join(out), encoding="utf-8")
