"""Disputed passages as HTML, each coder's codings side by side."""

from __future__ import annotations

from html import escape
from pathlib import Path

from verbatims.analysis.disagreements import codings_column
from verbatims.export.disputes import disputes_of, heading, highlighted, mark_lines, pieces, summary
from verbatims.export.registry import DISAGREEMENTS
from verbatims.export.reliability import DisagreementReport
from verbatims.i18n import _

CSS = """body{font-family:sans-serif;margin:1.5em;max-width:80em}
section{margin:1.2em 0;padding-top:.6em;border-top:1px solid #bbb}
h2{font-size:1.05em;margin:.2em 0}ul.disputes{margin:.2em 0 .6em;color:#444}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #999;padding:.5em;vertical-align:top;text-align:left}th{background:#eee}
mark{background:#ffe066;font-weight:bold}span.ctx{color:#888}em.none{color:#a00}
ul.codings{margin:.5em 0 0;padding-left:1.2em;font-size:.88em;color:#333}
li.disputed{font-weight:bold}
p.note{color:#333;font-size:.92em}"""


def h(text: str) -> str:
    """Escaped, with the transcript's line breaks kept."""
    return escape(text).replace("\n", "<br>")


@DISAGREEMENTS.register()
def write(report: DisagreementReport, path: Path) -> None:
    out = ["<!DOCTYPE html>", '<html lang="fr">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(report.title)}</title>", f"<style>{CSS}</style>", "</head>",
           "<body>", f"<h1>{escape(report.title)}</h1>",
           *(f'<p class="note">{escape(p)}</p>' for p in report.notes),
           f"<p><strong>{escape(summary(report))}</strong></p>"]
    for _index, row in report.passages.iterrows():
        out += ['<section>', f"<h2>{escape(heading(row))}</h2>", '<ul class="disputes">',
                *(f"<li>{escape(line)}</li>" for line in disputes_of(report, row)), "</ul>",
                "<table>", "<tr>", *(f"<th>{escape(c)}</th>" for c in report.coders), "</tr>",
                "<tr>"]
        for coder in report.coders:
            marks = row[codings_column(coder)]
            body = "".join(f"<mark>{h(t)}</mark>" if on else h(t)
                           for t, on in pieces(str(row["text"]), int(row["start"]),
                                               highlighted(marks)))
            cell = (f'<span class="ctx">…{h(str(row["before"]))}</span>{body}'
                    f'<span class="ctx">{h(str(row["after"]))}…</span>')
            if not highlighted(marks):
                cell += f'<div><em class="none">{escape(_("not coded"))}</em></div>'
            if marks:
                items = "".join(f'<li class="disputed">{escape(t)}</li>' if disputed
                                else f"<li>{escape(t)}</li>" for t, disputed in mark_lines(marks))
                cell += f'<ul class="codings">{items}</ul>'
            out.append(f"<td>{cell}</td>")
        out += ["</tr>", "</table>", "</section>"]
    out += ["</body>", "</html>", ""]
    path.write_text("\n".join(out), encoding="utf-8")
