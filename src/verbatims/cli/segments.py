"""`verbatims segments`: coded passages, with coding queries (and, not, overlap, near).

The query itself is verbatims.analysis.queries (the workbench runs the same one).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from verbatims.analysis.queries import CodingQuery, Passage, run_query
from verbatims.cli.base import Context, cell, cli, emit, pass_ctx
from verbatims.cli.pseudo import KEY_HELP, hide_names, shown
from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.pseudo.view import PseudonymizedProject
from verbatims.where import parse_where

BASE_COLUMNS = ["document", "start", "end", "code", "coder", "text", "speaker", "memo",
                "coding_id", "created_at"]


def rows(passages: list[Passage], keys: list[str], simple: bool) -> list[dict[str, Any]]:
    """One row per passage; a passage of several codings joins their codes with " & "."""
    out = []
    for p in passages:
        codings = p.codings
        row: dict[str, Any] = {
            "document": p.document, "start": p.start, "end": p.end,
            "code": " & ".join(p.codes),
            "coder": ", ".join(dict.fromkeys(c.coder for c in codings)),
            "text": p.text, "speaker": p.speaker or "",
            "memo": " | ".join(c.memo for c in codings if c.memo),
            "coding_id": codings[0].id if simple else [c.id for c in codings],
            "created_at": max(c.created_at for c in codings),
        }
        for key in keys:
            row[key] = cell(p.attributes.get(key, ""))
        out.append(row)
    return out


def hidden(view: PseudonymizedProject, passage: Passage) -> Passage:
    """The passage as a pseudonymised export shows it: offsets on the replaced text."""
    move = view.remap(passage.document_id)
    start, end = move(passage.start, "start"), move(passage.end, "end")
    return replace(passage, document=view.labels()[passage.document_id], start=start, end=end,
                   text=view.text(passage.document_id)[start:end],
                   speaker=view.hide(passage.speaker) if passage.speaker else passage.speaker,
                   codings=tuple(view.coding(c) for c in passage.codings),
                   code_paths=tuple(view.hide(c) for c in passage.code_paths),
                   attributes={k: view.hide(v) if isinstance(v, str) else v
                               for k, v in passage.attributes.items()})


@cli.command()
@click.option("--code", "codes", multiple=True,
              help=_("Passages of this code (and its sub-codes); repeatable: any of them."))
@click.option("--and", "and_codes", multiple=True, metavar="CODE",
              help=_("Only the text also coded CODE (the overlap); repeatable: all of them."))
@click.option("--not", "not_codes", multiple=True, metavar="CODE",
              help=_("Only the codings sharing no text with CODE; repeatable."))
@click.option("--overlap", is_flag=True,
              help=_("With --and: the whole codings that overlap, not just the shared text."))
@click.option("--near", type=int, metavar="N",
              help=_("With --and (or --not): codings at most N words apart count together."))
@click.option("--speaker", "speakers", multiple=True, metavar="LABEL",
              help=_("Only passages of this speaker (the turn's label); repeatable."))
@click.option("--coder", "coders", multiple=True, metavar="NAME",
              help=_("Only the codings of this coder; repeatable."))
@click.option("--where", "where", multiple=True, help=_("ATTRIBUTE=VALUE filter; repeatable."))
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help=_("File (default stdout)."))
@click.option("--pseudonymize", is_flag=True, help=_("Replace the accepted names; documents are "
              "named by their label and offsets count on the replaced text."))
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@pass_ctx
def segments(ctx: Context, codes: tuple[str, ...], and_codes: tuple[str, ...],
             not_codes: tuple[str, ...], overlap: bool, near: int | None,
             speakers: tuple[str, ...], coders: tuple[str, ...], where: tuple[str, ...],
             fmt: str, output: Path | None, pseudonymize: bool, key: Path | None) -> None:
    """List coded passages with their text and the document's attributes.

    \b
    verbatims segments --code A --and B          text coded with both A and B
    verbatims segments --code A --and B --overlap  the whole codings that overlap
    verbatims segments --code A --and B --near 20  A and B within 20 words
    verbatims segments --code A --not B          codings of A sharing no text with B
    """
    project = ctx.project
    if coders:  # a misspelt name would silently match nothing
        known = project.coders()
        for name in coders:
            if name not in known:
                listing = ", ".join(f"{k} ({n})" for k, n in known.items()) or _("none")
                raise UserError(_("No codings by {coder!r} in this project; coders "
                                  "(codings): {coders}.").format(coder=name, coders=listing))
    query = CodingQuery(codes, and_codes, not_codes, overlap, near, speakers, coders,
                        tuple(parse_where(where)))
    found = run_query(project, query)  # on the real names the user typed
    pz = hide_names(project, pseudonymize, key, output)
    if pz is not None:
        view = shown(project, pz)
        assert isinstance(view, PseudonymizedProject)
        found = [hidden(view, p) for p in found]
    keys = project.attribute_keys()
    table = rows(found, keys, query.simple)
    if fmt == "json":
        text = json.dumps(table, ensure_ascii=False, indent=2) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=[*BASE_COLUMNS, *keys], lineterminator="\n")
        writer.writeheader()
        for row in table:
            if isinstance(row["coding_id"], list):
                row = {**row, "coding_id": ";".join(str(i) for i in row["coding_id"])}
            writer.writerow(row)
        text = buffer.getvalue()
    if not found:
        click.echo(_("No passage matches this query."), err=True)
    emit(text, output)
