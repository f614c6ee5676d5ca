"""`verbatims autocode` and `verbatims suggestions`: propose codings, then review them."""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter, defaultdict

import click

from verbatims.cli.base import Context, cli, pass_ctx
from verbatims.errors import UserError
from verbatims.settings import default_coder
from verbatims.store import Project
from verbatims.store.suggestions import Suggestion


def _progress(done: int, total: int) -> None:
    if total and done == 0:
        click.echo(f"Reading {total} document(s) for lemmas (once; then cached)...", err=True)


def _snippet(text: str, start: int, end: int, width: int = 50) -> str:
    left = text[max(0, start - width):start].split("\n")[-1]
    right = text[end:end + width].split("\n")[0]
    return " ".join(f"…{left}[{text[start:end]}]{right}…".split())


@cli.command()
@click.option("--code", "codes", multiple=True,
              help="Only this code (and its sub-codes); repeatable. Default: every code.")
@click.option("--unit", type=click.Choice(["sentence", "turn", "paragraph"]),
              default="paragraph", show_default=True, help="The span each suggestion codes.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=85.0, show_default=True,
              help="Fuzzy match score (0-100) a misspelt word needs; lower finds more.")
@click.option("--accept", "accept_all", is_flag=True,
              help="Accept every pending suggestion of these codes (code them now).")
@click.option("--include-interviewer", is_flag=True, help="Also match the interviewer's turns.")
@click.option("--coder", default=default_coder, help="Coder name for accepted codings.")
@click.option("--samples", type=click.IntRange(min=0), default=2, show_default=True,
              help="Matches shown per code.")
@pass_ctx
def autocode(ctx: Context, codes: tuple[str, ...], unit: str, threshold: float,
             accept_all: bool, include_interviewer: bool, coder: str, samples: int) -> None:
    """Suggest codings from the codebook's keywords and patterns (lemmas, typos, OCR)."""
    from verbatims.nlp.autocode import propose, selected_codes
    from verbatims.store import suggestions as sg

    project = ctx.project
    cores = 2 if (os.cpu_count() or 1) >= 2 else 1  # a large corpus uses both cores
    proposals = propose(project, codes, unit, threshold, include_interviewer, _progress, cores)
    code_ids = [c.id for c in selected_codes(project, codes)]
    saved = sg.save(project, proposals, refresh=code_ids)
    pending = sg.suggestions(project, "pending", code_ids)
    _summary(project, pending, samples)
    skipped = []
    if saved.rejected:
        skipped.append(f"{saved.rejected} rejected before")
    if saved.coded:
        skipped.append(f"{saved.coded} already coded")
    click.echo(f"{len(pending)} suggestion(s) to review, {saved.added} new"
               + (f" ({', '.join(skipped)} left out)" if skipped else "")
               + ".")
    if accept_all:  # one transaction and one undo step: all of them, or none if killed
        accepted = len(sg.accept_many(project, [s.id for s in pending], coder))
        click.echo(f"Accepted {accepted} suggestion(s) as codings by {coder}; see them with "
                   "`verbatims segments`; `verbatims undo` takes them all back.")
    elif pending:
        click.echo("Review them in the workbench (`verbatims tui`, review queue), or "
                   "`verbatims suggestions list`, `... accept ID`, `... reject ID`, "
                   "or accept them all with `verbatims autocode --accept`.")


def _summary(project: Project, pending: list[Suggestion], samples: int) -> None:
    if not pending:
        return
    per_code: dict[int, list[Suggestion]] = defaultdict(list)
    for sug in pending:
        per_code[sug.code_id].append(sug)
    names = {d.id: d.name for d in project.documents()}
    texts: dict[int, str] = {}
    for code in project.codes():
        found = per_code.get(code.id)
        if not found:
            continue
        docs = len({s.document_id for s in found})
        click.echo(f"{project.code_path(code.id)}: {len(found)} pending in {docs} document(s)")
        for sug in found[:samples]:
            if sug.document_id not in texts:
                texts[sug.document_id] = project.text(sug.document_id)
            text = texts[sug.document_id]
            why = f"{sug.keyword}" + (f" {sug.score:g}" if sug.score < 100 else "")
            click.echo(f"    #{sug.id} {names[sug.document_id]} {sug.start}-{sug.end} ({why}): "
                       f"{_snippet(text, sug.match_start, sug.match_end)}")


@cli.group()
def suggestions() -> None:
    """List, accept or reject auto-coding suggestions."""


@suggestions.command("list")
@click.option("--code", "codes", multiple=True, help="Only this code (and its sub-codes).")
@click.option("--status", type=click.Choice(["pending", "accepted", "rejected", "all"]),
              default="pending", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text",
              show_default=True)
@pass_ctx
def suggestions_list(ctx: Context, codes: tuple[str, ...], status: str, fmt: str) -> None:
    """Suggestions with the keyword and text that caused them."""
    from verbatims.store import suggestions as sg

    project = ctx.project
    code_ids = None
    if codes:
        code_ids = sorted({i for ref in codes for i in project.descendants(project.code(ref).id)})
    found = sg.suggestions(project, None if status == "all" else status, code_ids)
    names = {d.id: d.name for d in project.documents()}
    rows = [{"id": s.id, "document": names[s.document_id], "start": s.start, "end": s.end,
             "code": project.code_path(s.code_id), "status": s.status, "unit": s.unit,
             "keyword": s.keyword, "matched": s.matched, "score": s.score} for s in found]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        for r in rows:
            matched = " ".join(str(r["matched"]).split())
            click.echo(f"{r['id']:>5}  {r['status']:<8} {r['code']}  {r['document']} "
                       f"{r['start']}-{r['end']}  {r['keyword']!s} → {matched!r}")
        tally = Counter(r["status"] for r in rows)
        click.echo(", ".join(f"{n} {k}" for k, n in sorted(tally.items())) or "No suggestions.")


@suggestions.command("accept")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "everything", is_flag=True, help="Accept every pending suggestion.")
@click.option("--code", help="With --all: only this code (and its sub-codes).")
@click.option("--coder", default=default_coder, help="Coder name for the codings.")
@pass_ctx
def suggestions_accept(ctx: Context, ids: tuple[int, ...], everything: bool, code: str | None,
                       coder: str) -> None:
    """Accept suggestions by id (or --all): each becomes a coding."""
    from verbatims.store import suggestions as sg

    project = ctx.project
    if everything and ids:
        raise UserError("Give either suggestion ids or --all, not both.")
    if everything:
        code_id = project.code(code).id if code else None
        n = sg.accept_all(project, code_id, coder)
        click.echo(f"Accepted {n} suggestion(s).")
        return
    if not ids:
        raise UserError("Name the suggestions to accept (ids from `verbatims suggestions "
                        "list`), or use --all.")
    for sid, coding in zip(dict.fromkeys(ids), sg.accept_many(project, ids, coder), strict=True):
        click.echo(f"Accepted {sid}: coding {coding.id}.")


@suggestions.command("reject")
@click.argument("ids", nargs=-1, type=int, required=True)
@click.option("--coder", default=default_coder, help="Who decides.")
@pass_ctx
def suggestions_reject(ctx: Context, ids: tuple[int, ...], coder: str) -> None:
    """Reject suggestions by id; they are not proposed again."""
    from verbatims.store import suggestions as sg

    for sid in sg.reject_many(ctx.project, ids, coder):
        click.echo(f"Rejected {sid}.")

