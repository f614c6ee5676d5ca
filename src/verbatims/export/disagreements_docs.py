"""The disputed passages, each coder's codings side by side: HTML, DOCX, CSV.

Every passage is shown once per coder, in columns: the text with what that coder
coded with a disputed code highlighted, a little context in grey, and the list
of that coder's codings there (disputed codes first), or "not coded". Above the
columns, each dispute says which code and who coded it. CSV has one row per
disputed code, numbered by passage, for scripts and spreadsheets.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from verbatims.analysis.disagreements import BOUNDARIES, codings_column, spans_column
from verbatims.export.agreement_report import DisagreementReport
from verbatims.export.registry import exporter
from verbatims.export.rows import safe
from verbatims.i18n import _, ngettext
from verbatims.model.spans import merge_spans

Span = tuple[int, int]
Mark = tuple[str, int, int, bool]  # code path, start, end, disputed


def dispute_text(code: str, kind: str, coded_by: Sequence[str], coders: Sequence[str]) -> str:
    if kind == BOUNDARIES:
        return _("{code}: coded by all, with different boundaries").format(code=code)
    return _("{code}: coded by {who}, not by {others}").format(
        code=code, who=", ".join(coded_by),
        others=", ".join(c for c in coders if c not in coded_by))


def disputes_of(report: DisagreementReport, row: Any) -> list[str]:
    return [dispute_text(code, kind, who, report.coders) for code, kind, who in row["disputes"]]


def pieces(text: str, offset: int, spans: Sequence[Span]) -> list[tuple[str, bool]]:
    """The passage cut into (text, highlighted) runs; spans are document offsets."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in merge_spans(spans):
        a, b = max(start - offset, at), min(end - offset, len(text))
        if a > at:
            out.append((text[at:a], False))
        if b > a:
            out.append((text[a:b], True))
            at = b
    if at < len(text):
        out.append((text[at:], False))
    return out


def highlighted(marks: Sequence[Mark]) -> list[Span]:
    """What a coder's column highlights: their codings with a disputed code."""
    return [(start, end) for _code, start, end, disputed in marks if disputed]


def mark_lines(marks: Sequence[Mark]) -> list[tuple[str, bool]]:
    """(code and offsets, disputed) per coding, disputed codes first."""
    ordered = sorted(marks, key=lambda m: (not m[3], m[1], m[0]))
    return [(f"{code} ({start}–{end})", disputed) for code, start, end, disputed in ordered]


def heading(row: Any) -> str:
    return _("{document} · characters {start}–{end}").format(
        document=row["document"], start=row["start"], end=row["end"])


def summary(report: DisagreementReport) -> str:
    n, k = len(report.passages), len(report.disputes)
    return (ngettext("{n} disputed passage", "{n} disputed passages", n).format(n=n) + ", "
            + ngettext("{k} disputed code", "{k} disputed codes", k).format(k=k) + ".")


# -- HTML ----------------------------------------------------------------------------------

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


@exporter("disagreements", "html")
def write_html(report: DisagreementReport, path: Path) -> None:
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


# -- DOCX ----------------------------------------------------------------------------------


@exporter("disagreements", "docx")
def write_docx(report: DisagreementReport, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    doc.core_properties.title = report.title
    doc.core_properties.author = "verbatims"
    section = doc.sections[0]
    if len(report.coders) > 2:  # three coders or more: the columns need the width
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2)
    doc.add_paragraph(report.title, "Title")
    for paragraph in report.notes:
        doc.add_paragraph(paragraph).runs[0].font.size = Pt(9)
    doc.add_paragraph().add_run(summary(report)).bold = True
    grey, red = RGBColor(0x80, 0x80, 0x80), RGBColor(0xAA, 0x00, 0x00)
    for _index, row in report.passages.iterrows():
        doc.add_paragraph(heading(row), "Heading 2")
        for line in disputes_of(report, row):
            doc.add_paragraph(line, "List Bullet").runs[0].font.size = Pt(10)
        table = doc.add_table(rows=2, cols=len(report.coders))
        table.style = "Table Grid"
        for i, coder in enumerate(report.coders):
            table.rows[0].cells[i].paragraphs[0].add_run(coder).bold = True
            cell = table.rows[1].cells[i]
            para = cell.paragraphs[0]
            para.add_run("…" + str(row["before"])).font.color.rgb = grey
            marks = row[codings_column(coder)]
            for text, on in pieces(str(row["text"]), int(row["start"]), highlighted(marks)):
                run = para.add_run(text)
                if on:
                    run.bold = True
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            para.add_run(str(row["after"]) + "…").font.color.rgb = grey
            if not highlighted(marks):
                missing = cell.add_paragraph().add_run(_("not coded"))
                missing.italic = True
                missing.font.color.rgb = red
            for text, disputed in mark_lines(marks):
                run = cell.add_paragraph().add_run(text)
                run.font.size = Pt(8.5)
                run.bold = disputed
        doc.add_paragraph()
    doc.save(str(path))


# -- CSV -----------------------------------------------------------------------------------


@exporter("disagreements", "csv")
def write_csv(report: DisagreementReport, path: Path) -> None:
    header = ["passage", "document", "code", "start", "end", "kind", "text"]
    for coder in report.coders:
        header += [f"coded_{coder}", f"text_{coder}"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for _index, row in report.disputes.iterrows():
            cells: list[object] = [row["passage"], row["document"], row["code"], row["start"],
                                   row["end"], row["kind"], row["text"]]
            for coder in report.coders:
                spans = row[spans_column(coder)]
                cells += ["; ".join(f"{a}-{b}" for a, b in spans),
                          " […] ".join(t for t, on in pieces(str(row["text"]),
                                                             int(row["start"]), spans) if on)]
            writer.writerow([safe(c) for c in cells])
