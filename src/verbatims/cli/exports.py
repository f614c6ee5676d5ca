"""Annex and exchange commands: export extracts|grid|qdpx, import-qdpx, summary, pseudonymize."""

from __future__ import annotations

from pathlib import Path

import click

from verbatims.cli.base import Context, cli, pass_ctx
from verbatims.cli.pseudo import KEY_HELP, hide_names, shown
from verbatims.errors import UserError
from verbatims.export import registry as formats
from verbatims.export.template import DEFAULT_TEMPLATE
from verbatims.files import check_suffix
from verbatims.i18n import _
from verbatims.settings import default_coder
from verbatims.where import parse_where

__all__ = ["KEY_HELP", "hide_names"]

@cli.group()
def export() -> None:
    """Export extracts for an annex, the summary grid, or the project as REFI-QDA."""


@export.command("extracts")
@click.option("--format", "fmt", type=click.Choice(formats.EXTRACTS.names()),
              help="The file's format (default: read from the -o extension).")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="FILE." + ", FILE.".join(formats.EXTRACTS.names()) + ".")
@click.option("--code", "codes", multiple=True, help="Only this code (and its sub-codes).")
@click.option("--group-by", type=click.Choice(["code", "document", "attribute"]),
              default="code", show_default=True)
@click.option("--attribute", help="The attribute to group by (with --group-by attribute).")
@click.option("--where", multiple=True, help="ATTRIBUTE=VALUE filter; repeatable.")
@click.option("--template", default=DEFAULT_TEMPLATE, show_default=True,
              help="Header of each extract, over the document's attributes.")
@click.option("--context", type=click.IntRange(min=0), default=0, show_default=True,
              help="Words of context shown before and after each extract.")
@click.option("--page-breaks", is_flag=True, help="Start each group on a new page.")
@click.option("--title", default="Extraits d'entretiens", show_default=True)
@click.option("--pseudonymize", is_flag=True, help="Replace the accepted names (see "
              "`verbatims pseudonymize`).")
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@pass_ctx
def export_extracts(ctx: Context, fmt: str | None, output: Path, codes: tuple[str, ...],
                    group_by: str, attribute: str | None, where: tuple[str, ...],
                    template: str, context: int, page_breaks: bool, title: str,
                    pseudonymize: bool, key: Path | None) -> None:
    """Coded extracts grouped by code, document or attribute, for a report annex."""
    from verbatims.export import extracts

    if fmt is None:
        fmt = formats.EXTRACTS.for_path(output).name
    suffixes = [s.lstrip(".") for s in formats.EXTRACTS.entry(fmt).suffixes]
    check_suffix(output, suffixes, option=f"--format {fmt}")
    project = ctx.project
    hide = hide_names(project, pseudonymize, key, output)
    data = extracts.build(shown(project, hide), codes, group_by, attribute, parse_where(where),
                          template, max(context, 0), title)
    data.options["page_breaks"] = page_breaks
    if not len(data):
        raise UserError("No coded extract matches; code some passages first or loosen "
                        "--code/--where.")
    formats.export("extracts", fmt, data, output)
    click.echo(f"Wrote {len(data)} extracts in {len(data.groups)} groups to {output}"
               + (" (pseudonymised)." if hide else "."))


@export.command("grid")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="FILE." + ", FILE.".join(formats.GRID.names()) + ".")
@click.option("--by", "by", help="Group documents into cases by this attribute.")
@click.option("--code", "codes", multiple=True, help="A column; default: codes with a "
              "summary, else the top-level codes.")
@click.option("--template", default=DEFAULT_TEMPLATE, show_default=True,
              help="Description of each document's row.")
@click.option("--title", default="Grille de synthèse", show_default=True)
@click.option("--pseudonymize", is_flag=True, help="Replace the accepted names.")
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@pass_ctx
def export_grid(ctx: Context, output: Path, by: str | None, codes: tuple[str, ...],
                template: str, title: str, pseudonymize: bool, key: Path | None) -> None:
    """The summary grid, cases × codes: each cell a summary and its count of extracts."""
    from verbatims.export import grid

    fmt = formats.GRID.for_path(output).name
    project = ctx.project
    hide = hide_names(project, pseudonymize, key, output)
    data = grid.build(shown(project, hide), codes, by, template, title)
    formats.export("grid", fmt, data, output)
    click.echo(f"Wrote a grid of {len(data.cases)} cases × {len(data.codes)} codes to {output}.")


@cli.group()
def summary() -> None:
    """The researcher's summaries: one per document × code (the grid's cells)."""


@summary.command("set")
@click.argument("document")
@click.argument("code")
@click.argument("text")
@click.option("--author", default=default_coder)
@pass_ctx
def summary_set(ctx: Context, document: str, code: str, text: str, author: str) -> None:
    """Write the summary of what DOCUMENT says about CODE ("" deletes it)."""
    project = ctx.project
    doc, found = project.document(document), project.code(code)
    existed = project.set_summary(doc.id, found.id, text, author)
    pair = f"{doc.name} × {project.code_path(found.id)}"
    if text.strip():
        click.echo(f"Saved the summary of {pair}.")
    elif existed:
        click.echo(f"Deleted the summary of {pair}.")
    else:
        click.echo(f"There was no summary of {pair}; nothing to delete.")


@summary.command("list")
@pass_ctx
def summary_list(ctx: Context) -> None:
    """List the summaries written so far."""
    project = ctx.project
    names = {d.id: d.name for d in project.documents()}
    for (doc_id, code_id), text in sorted(project.summaries().items()):
        click.echo(f"{names[doc_id]} × {project.code_path(code_id)}: {text}")


@export.command("qdpx")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="FILE.qdpx")
@click.option("--pseudonymize", is_flag=True, help="Replace the accepted names in texts, "
              "names and memos; codings move with the text.")
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@click.option("--for", "tool", type=click.Choice(["nvivo", "atlas", "maxqda", "qualcoder"]),
              help="Write what that tool reads (positions, line endings, BOM, folder); "
              "default: the REFI-QDA standard.")
@pass_ctx
def export_qdpx(ctx: Context, output: Path, pseudonymize: bool, key: Path | None,
                tool: str | None) -> None:
    """The whole project as REFI-QDA (.qdpx), for NVivo, ATLAS.ti, MAXQDA, QualCoder."""
    fmt = formats.PROJECT.for_path(output).name
    project = ctx.project
    hide = hide_names(project, pseudonymize, key, output)
    formats.export("project", fmt, (shown(project, hide), tool or "standard"), output)
    click.echo(f"Wrote {len(project.documents())} documents, {len(project.codes())} codes and "
               f"{len(project.codings())} codings to {output}"
               + (" (pseudonymised)." if hide else "."))


@cli.command("import-qdpx")
@click.argument("file", type=click.Path(path_type=Path))
@pass_ctx
def import_qdpx(ctx: Context, file: Path) -> None:
    """Import a REFI-QDA project (.qdpx) into --project (created if it does not exist)."""
    from verbatims.cli.foundation import merge_lines
    from verbatims.refi.qdpx_import import import_qdpx as run

    report, data, created = run(ctx.location, file, default_coder())
    tool = data.origin or _("unknown tool")
    for line in [*data.notes, *(_("skipped {what}").format(what=s) for s in data.skipped)]:
        click.echo(line, err=True)
    if not created:
        for line in merge_lines(report.codes):
            click.echo(line)
    if not created and not report.changed():
        click.echo(_("Nothing to import from {file} ({tool}): the project already holds its "
                     "{documents} documents, {codings} codings and memos.").format(
            file=file, tool=tool, documents=len(report.known_documents),
            codings=report.known_codings))
        return
    what = _("Created {project}") if created else _("Imported into {project}")
    click.echo(what.format(project=ctx.location) + _(
        ": {documents} documents, {codings} codings, {memos} memos, {annotations} "
        "annotations from {file} ({tool}).").format(
            documents=report.documents, codings=report.codings, memos=report.memos,
            annotations=report.annotations, file=file, tool=tool))
    if report.known_documents:
        click.echo(_("{n} documents were already in the project ({names}); their attributes "
                     "took the file's values ({attributes} changed), {codings} of their "
                     "codings were there.").format(
            n=len(report.known_documents), names=", ".join(report.known_documents[:5])
            + (", …" if len(report.known_documents) > 5 else ""),
            attributes=report.attributes, codings=report.known_codings))
    if not created:
        click.echo(_("`verbatims undo` takes the whole import back."))
