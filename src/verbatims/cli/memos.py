"""`verbatims memo list|show|set|export`: the project's, documents' and codes' memos.

`list` and `export` also give the annotations, notes on a passage that other tools'
projects bring (NVivo's annotations, MAXQDA's memos on a segment).

A memo is named by its kind and target: ``project``, ``document DOC``, ``code CODE``.
`memo set` writes through the store's one write path, so `verbatims undo` (or `u`
in the workbench) takes it back.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import click

from verbatims.cli.base import Context, cli, emit, pass_ctx
from verbatims.cli.history import when
from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.model.entities import Memo
from verbatims.settings import default_coder
from verbatims.store import Project

KINDS = ("project", "document", "code")


def _target(project: Project, kind: str, ref: str | None) -> tuple[int | None, str]:
    """The memo's target id and how to name it ("project", a document, a code path)."""
    if kind == "project":
        if ref is not None:
            raise UserError(_("The project memo names no target: write `memo set project "
                              "TEXT`, without {ref!r}.").format(ref=ref))
        return None, _("the project")
    if ref is None:
        raise UserError(_("Name the {kind} whose memo it is: `memo show {kind} NAME`.").format(
            kind=kind))
    if kind == "document":
        doc = project.document(ref)
        return doc.id, doc.name
    code = project.code(ref)
    return code.id, project.code_path(code.id)


def _named(project: Project, memo: Memo) -> str:
    if memo.kind == "project":
        return _("the project")
    if memo.kind == "document":
        names = {d.id: d.name for d in project.documents()}
        return names.get(memo.target_id or -1, _("(removed document {id})").format(
            id=memo.target_id))
    if memo.kind == "code":
        paths = {c.id: project.code_path(c.id) for c in project.codes()}
        return paths.get(memo.target_id or -1, _("(removed code {id})").format(
            id=memo.target_id))
    return memo.kind


def _rows(project: Project) -> list[dict[str, Any]]:
    """Every memo, then every annotation (a note on a passage, as NVivo and MAXQDA keep
    them: `target` names the document and the span)."""
    order = {kind: i for i, kind in enumerate((*KINDS, "annotation"))}
    rows = [{"kind": m.kind, "target": _named(project, m), "target_id": m.target_id,
             "author": m.author, "updated_at": m.updated_at, "text": m.text,
             "start": None, "end": None, "passage": None}
            for m in project.memos()]
    names = {d.id: d.name for d in project.documents()}
    texts: dict[int, str] = {}
    for note in project.annotations():
        if note.document_id not in texts:
            texts[note.document_id] = project.text(note.document_id)
        rows.append({"kind": "annotation",
                     "target": f"{names.get(note.document_id, '?')} {note.start}–{note.end}",
                     "target_id": note.document_id, "author": note.author,
                     "updated_at": note.created_at, "text": note.text, "start": note.start,
                     "end": note.end,
                     "passage": texts[note.document_id][note.start:note.end]})
    rows.sort(key=lambda r: (order.get(str(r["kind"]), 9), str(r["target"]).casefold(),
                             r["start"] or 0))
    return rows


@cli.group()
def memo() -> None:
    """Memos of the project, of a document or of a code: list, show, set, export."""


@memo.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@pass_ctx
def memo_list(ctx: Context, fmt: str) -> None:
    """List every memo with its target, author, date and first line."""
    rows = _rows(ctx.project)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(_("No memo yet; write one with `verbatims memo set project TEXT` (or "
                     "document DOC, code CODE)."))
        return
    for row in rows:
        first = str(row["text"]).strip().split("\n", 1)[0]
        first = first if len(first) <= 60 else first[:59] + "…"
        click.echo(f"{row['kind']:<9} {str(row['target'])[:38]:<38} {row['author'][:12]:<12} "
                   f"{when(str(row['updated_at']))}  {first}")


@memo.command("show")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("target", required=False)
@pass_ctx
def memo_show(ctx: Context, kind: str, target: str | None) -> None:
    """Print the memo of the project, of document TARGET or of code TARGET."""
    project = ctx.project
    target_id, name = _target(project, kind, target)
    found = project.memo(kind, target_id)
    if found is None:
        raise UserError(_("There is no memo on {name}; write one with `verbatims memo set "
                          "{kind}{target} TEXT`.").format(
                              name=name, kind=kind, target=f" {target}" if target else ""))
    click.echo(found.text)


@memo.command("set")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("words", nargs=-1, required=True)
@click.option("--author", default=default_coder, help=_("Who writes (default: "
              "$VERBATIMS_CODER or your login)."))
@pass_ctx
def memo_set(ctx: Context, kind: str, words: tuple[str, ...], author: str) -> None:
    """Write the memo: `memo set project TEXT`, `memo set document DOC TEXT`,
    `memo set code CODE TEXT`. TEXT `-` reads standard input; "" deletes the memo.
    `verbatims undo` takes it back."""
    project = ctx.project
    if kind == "project":
        if len(words) != 1:
            raise UserError(_("Give the project memo as one argument, in quotes: "
                              "`memo set project \"TEXT\"`."))
        ref, text = None, words[0]
    else:
        if len(words) != 2:
            raise UserError(_("Give the {kind} then the text, in quotes: `memo set {kind} "
                              "NAME \"TEXT\"`.").format(kind=kind))
        ref, text = words
    if text == "-":
        text = sys.stdin.read()
    target_id, name = _target(project, kind, ref)
    before = project.memo(kind, target_id)
    project.set_memo(kind, target_id, text, author)
    if text.strip():
        click.echo(_("Saved the memo on {name} (`verbatims undo` takes it back).").format(
            name=name))
    elif before is not None:
        click.echo(_("Deleted the memo on {name} (`verbatims undo` brings it back).").format(
            name=name))
    else:
        click.echo(_("There was no memo on {name}; nothing to delete.").format(name=name))


@memo.command("export")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help=_("File to write: .md, .txt, .csv or .json (default: Markdown on stdout)."))
@click.option("--format", "fmt", type=click.Choice(["md", "csv", "json"]),
              help=_("Format (default: from the file's suffix, else md)."))
@pass_ctx
def memo_export(ctx: Context, output: Path | None, fmt: str | None) -> None:
    """Write every memo, grouped: the project's, then the documents', then the codes'."""
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else "md"
        fmt = {"md": "md", "markdown": "md", "txt": "md", "csv": "csv",
               "json": "json"}.get(suffix)
        if fmt is None:
            raise UserError(_("{path}: memos are written as .md, .txt, .csv or .json; choose "
                              "one of these suffixes, or --format.").format(path=output))
    rows = _rows(ctx.project)
    if fmt == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["kind", "target", "target_id", "author",
                                                    "updated_at", "text", "start", "end",
                                                    "passage"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
    else:
        text = markdown(rows)
    emit(text, output)


def markdown(rows: list[dict[str, Any]]) -> str:
    titles = {"project": _("Project memo"), "document": _("Document memos"),
              "code": _("Code memos"), "annotation": _("Annotations")}
    out = ["# " + _("Memos") + "\n"]
    for kind in (*KINDS, "annotation"):
        these = [r for r in rows if r["kind"] == kind]
        if not these:
            continue
        out.append(f"\n## {titles[kind]}\n")
        for row in these:
            if kind != "project":
                out.append(f"\n### {row['target']}\n")
            if row["passage"]:
                quoted = " ".join(str(row["passage"]).split())
                out.append("\n> " + (quoted if len(quoted) <= 300 else quoted[:299] + "…")
                           + "\n")
            out.append(f"\n*{row['author']}, {when(str(row['updated_at']))}*\n\n")
            out.append(str(row["text"]).strip() + "\n")
    return "".join(out)
