"""`verbatims undo`, `redo` and `history`: the workbench's undo history, from a shell.

The history lives in the project (store/history.py), so a coding made with
`verbatims code` can be undone in the workbench and the reverse. Each coder undoes
their own changes (`--coder`, else $VERBATIMS_CODER or the login, as when coding):
on a team project nobody takes back a colleague's work by accident; `--anyone`
undoes the latest change whoever made it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import click

from verbatims.cli.base import Context, cli, pass_ctx
from verbatims.i18n import _
from verbatims.settings import default_coder
from verbatims.store import Project, history


def when(stamp: str) -> str:
    """A stored UTC time as local time to the minute ("2025-03-04 14:05")."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def detail(project: Project, step: history.Step, paths: dict[int, str]) -> str:
    """A few words on what the step's first change touched: code, span, memo's target."""
    if step.first is None:
        return ""
    p = step.first.payload
    parts: list[str] = []
    if step.first.kind == "memo.set":
        target = p.get("target_id")
        parts.append({"project": _("project"), "document": _("document"),
                      "code": _("code")}.get(str(p.get("kind")), str(p.get("kind"))))
        if p.get("kind") == "code" and target in paths:
            parts.append(paths[target])
    else:
        code = p.get("after") if step.first.kind == "coding.recode" else p.get("code_id")
        if step.first.kind == "code.add":
            code = p.get("id")
        if isinstance(code, int) and code in paths:
            parts.append(paths[code])
        elif step.first.kind == "code.add" and p.get("name"):
            parts.append(str(p["name"]))
        if "start" in p and "end" in p:
            parts.append(f"{p['start']}–{p['end']}")
    return " ".join(parts)


def summarise(project: Project, step: history.Step) -> dict[str, Any]:
    names = {d.id: d.name for d in project.documents()}
    paths = {c.id: project.code_path(c.id) for c in project.codes()}
    return _row(step, names, paths, project)


def _row(step: history.Step, names: dict[int, str], paths: dict[int, str],
         project: Project) -> dict[str, Any]:
    document = None
    if step.document_id is not None:
        document = names.get(step.document_id, _("(removed document {id})").format(
            id=step.document_id))
    return {"id": step.id, "when": when(step.created_at), "created_at": step.created_at,
            "coder": step.coder, "what": step.describe(), "kind": step.name,
            "changes": step.size, "document": document, "document_id": step.document_id,
            "detail": detail(project, step, paths), "undone": step.undone}


def _said(project: Project, step: history.Step) -> str:
    row = summarise(project, step)
    where = ", ".join(x for x in (row["document"], row["detail"]) if x)
    return f"{row['what']} ({where})" if where else str(row["what"])


WHO = [
    click.option("--coder", default=default_coder, help=_("Whose changes (default: "
                 "$VERBATIMS_CODER or your login, the name your codings carry).")),
    click.option("--anyone", is_flag=True, help=_("The latest change whoever made it.")),
]


def whose(function: Any) -> Any:
    for option in reversed(WHO):
        function = option(function)
    return function


@cli.command()
@click.argument("steps", type=click.IntRange(min=1), default=1, required=False)
@whose
@pass_ctx
def undo(ctx: Context, steps: int, coder: str, anyone: bool) -> None:
    """Undo the last change (or the last STEPS changes), wherever it was made.

    Your own changes (--coder), in the workbench or here; --anyone takes the latest
    change whoever made it.
    """
    project = ctx.project
    for _i in range(steps):
        done = history.undo(project, None if anyone else coder)
        if done is None:
            click.echo(_("Nothing to undo."))
            return
        click.echo(_("Undone: {what}.").format(what=_said(project, done)))


@cli.command()
@click.argument("steps", type=click.IntRange(min=1), default=1, required=False)
@whose
@pass_ctx
def redo(ctx: Context, steps: int, coder: str, anyone: bool) -> None:
    """Redo the last undone change (or the next STEPS)."""
    project = ctx.project
    for _i in range(steps):
        done = history.redo(project, None if anyone else coder)
        if done is None:
            click.echo(_("Nothing to redo."))
            return
        click.echo(_("Redone: {what}.").format(what=_said(project, done)))


@cli.command("history")
@click.option("-n", "--last", "last", type=click.IntRange(min=1), default=20,
              show_default=True, help=_("How many changes to list."))
@click.option("--all", "everything", is_flag=True, help=_("List the whole history."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@pass_ctx
def history_(ctx: Context, last: int, everything: bool, fmt: str) -> None:
    """List the last changes, newest first: when, who, what, on which document."""
    project = ctx.project
    found = history.steps(project, None if everything else last)
    names = {d.id: d.name for d in project.documents()}
    paths = {c.id: project.code_path(c.id) for c in project.codes()}
    rows = [_row(step, names, paths, project) for step in found]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(_("The history is empty: nothing has been changed yet."))
        return
    done, undone = history.pending(project)
    for row in rows:
        state = _("undone") if row["undone"] else ""
        where = "  ".join(x for x in (row["document"], row["detail"]) if x)
        click.echo(f"{row['id']:>5}  {row['when']}  {row['coder'][:14]:<14}  "
                   f"{row['what'][:32]:<32}  {where}" + (f"  [{state}]" if state else ""))
    click.echo(_("{undo} to undo, {redo} to redo.").format(undo=done, redo=undone),
               err=True)
