"""Annex and exchange commands: export extracts|grid|qdpx, import-qdpx, summary, pseudonymize."""

from __future__ import annotations

from pathlib import Path

import click

from verbatims.cli.base import Context, cli, pass_ctx
from verbatims.cli.pseudo import KEY_HELP, hide_names, shown
from verbatims.errors import UserError
from verbatims.export import registry as formats
from verbatims.export.template import DEFAULT_TEMPLATE, GRID_TEMPLATE
from verbatims.files import check_suffix
from verbatims.i18n import _, ngettext
from verbatims.settings import default_coder
from verbatims.where import parse_where

__all__ = ["KEY_HELP", "hide_names"]

@cli.group()
def export() -> None:
    """Export extracts for an annex, the summary grid, or the project as REFI-QDA."""


@export.command("extracts")
@click.option("--format", "fmt", type=click.Choice(formats.EXTRACTS.names()),
              help=_("The file's format (default: read from the -o extension)."))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="FILE." + ", FILE.".join(formats.EXTRACTS.names()) + ".")
@click.option("--code", "codes", multiple=True,
              help=_("Only this code and its sub-codes; grouped by code, each --code is a "
                     "group."))
@click.option("--group-by", type=click.Choice(["code", "document", "attribute"]),
              default="code", show_default=True)
@click.option("--attribute", help=_("The attribute to group by (with --group-by attribute)."))
@click.option("--where", multiple=True, help=_("ATTRIBUTE=VALUE filter; repeatable."))
@click.option("--template", default=DEFAULT_TEMPLATE, show_default=True,
              help=_("Description of each interview's speaker, over the document's "
                     "attributes."))
@click.option("--reference", help=_("Reference printed with each quote: {n} the interview's "
                                    "number, {locus} its turn, time or paragraph, {turn}, "
                                    "{time}, {paragraph}, {document}, {start}, {end} or an "
                                    "attribute. Default: \"I{n}, {locus}\" (\"E4, tour 12\" in "
                                    "French)."))
@click.option("--group-intro", "group_intro", type=click.Choice(["definition", "question",
                                                                  "none"]),
              default="definition", show_default=True,
              help=_("Open each code's group with its definition, or each interview with the "
                     "interviewer's question before the first answer quoted."))
@click.option("--intro", "introduction", help=_("The annex's opening paragraph (default: how "
                                                "many extracts, from how many interviews)."))
@click.option("--breadcrumb", is_flag=True, help=_("Name codes by their whole path "
                                                   "(\"numérique responsable › sobriété\")."))
@click.option("--context", type=click.IntRange(min=0), default=0, show_default=True,
              help=_("Words of context shown before and after each extract."))
@click.option("--page-breaks", is_flag=True, help=_("Start each group on a new page."))
@click.option("--title", help=_("The annex's title (default: \"Interview extracts\")."))
@click.option("--pseudonymize", is_flag=True, help=_("Replace the accepted names (see "
              "`verbatims pseudonymize`)."))
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@pass_ctx
def export_extracts(ctx: Context, fmt: str | None, output: Path, codes: tuple[str, ...],
                    group_by: str, attribute: str | None, where: tuple[str, ...],
                    template: str, reference: str | None, group_intro: str,
                    introduction: str | None, breadcrumb: bool, context: int,
                    page_breaks: bool, title: str | None, pseudonymize: bool,
                    key: Path | None) -> None:
    """Coded extracts grouped by code, document or attribute, for a report annex."""
    from verbatims.export import extracts

    if fmt is None:
        fmt = formats.EXTRACTS.for_path(output).name
    suffixes = [s.lstrip(".") for s in formats.EXTRACTS.entry(fmt).suffixes]
    check_suffix(output, suffixes, option=f"--format {fmt}")
    project = ctx.project
    hide = hide_names(project, pseudonymize, key, output)
    data = extracts.build(shown(project, hide), codes, group_by, attribute, parse_where(where),
                          template, max(context, 0), title, reference=reference,
                          intro=group_intro, introduction=introduction, breadcrumb=breadcrumb)
    data.options["page_breaks"] = page_breaks
    if not len(data):
        raise UserError(_("No coded extract matches; code some passages first or loosen "
                          "--code/--where."))
    formats.export("extracts", fmt, data, output)
    message = ngettext("Wrote {n} extract in {groups} to {path}",
                       "Wrote {n} extracts in {groups} to {path}", len(data)).format(
        n=len(data), path=output, groups=ngettext("{n} group", "{n} groups",
                                                  len(data.groups)).format(n=len(data.groups)))
    click.echo(message + (_(" (pseudonymised).") if hide else "."))


@export.command("grid")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="FILE." + ", FILE.".join(formats.GRID.names()) + ".")
@click.option("--by", "by", help=_("Group documents into cases by this attribute."))
@click.option("--code", "codes", multiple=True, help=_("A column; default: codes with a "
              "summary, else the top-level codes."))
@click.option("--template", default=GRID_TEMPLATE, show_default=True,
              help=_("Name of each interview's row, over the document's attributes."))
@click.option("--label", help=_("Name each interview's row by this attribute instead "
                                "(e.g. collectivite)."))
@click.option("--counts", is_flag=True, help=_("Show under each summary how many extracts "
                                              "are coded there (a sheet of numbers in XLSX)."))
@click.option("--intro", "introduction", help=_("The paragraph above the table."))
@click.option("--breadcrumb", is_flag=True, help=_("Name codes by their whole path."))
@click.option("--title", help=_("The grid's title (default: \"Summary grid\")."))
@click.option("--pseudonymize", is_flag=True, help=_("Replace the accepted names."))
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@pass_ctx
def export_grid(ctx: Context, output: Path, by: str | None, codes: tuple[str, ...],
                template: str, label: str | None, counts: bool, introduction: str | None,
                breadcrumb: bool, title: str | None, pseudonymize: bool,
                key: Path | None) -> None:
    """The summary grid, cases × codes: each cell the researcher's summary."""
    from verbatims.export import grid

    fmt = formats.GRID.for_path(output).name
    project = ctx.project
    hide = hide_names(project, pseudonymize, key, output)
    data = grid.build(shown(project, hide), codes, by, template, title, label=label,
                      counts=counts, intro=introduction, breadcrumb=breadcrumb)
    formats.export("grid", fmt, data, output)
    click.echo(_("Wrote a grid of {cases} × {codes} to {path}.").format(
        cases=ngettext("{n} case", "{n} cases", len(data.cases)).format(n=len(data.cases)),
        codes=ngettext("{n} code", "{n} codes", len(data.codes)).format(n=len(data.codes)),
        path=output))


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
        click.echo(_("Saved the summary of {pair}.").format(pair=pair))
    elif existed:
        click.echo(_("Deleted the summary of {pair}.").format(pair=pair))
    else:
        click.echo(_("There was no summary of {pair}; nothing to delete.").format(pair=pair))


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
@click.option("--pseudonymize", is_flag=True, help=_("Replace the accepted names in texts, "
              "names and memos; codings move with the text."))
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@click.option("--for", "tool", type=click.Choice(["nvivo", "atlas", "maxqda", "qualcoder"]),
              help=_("Write what that tool reads (positions, line endings, BOM, folder); "
              "default: the REFI-QDA standard."))
@pass_ctx
def export_qdpx(ctx: Context, output: Path, pseudonymize: bool, key: Path | None,
                tool: str | None) -> None:
    """The whole project as REFI-QDA (.qdpx), for NVivo, ATLAS.ti, MAXQDA, QualCoder."""
    fmt = formats.PROJECT.for_path(output).name
    project = ctx.project
    hide = hide_names(project, pseudonymize, key, output)
    formats.export("project", fmt, (shown(project, hide), tool or "standard"), output)
    counts = {"documents": len(project.documents()), "codes": len(project.codes()),
              "codings": len(project.codings()), "output": output}
    said = (_("Wrote {documents} documents, {codes} codes and {codings} codings to {output} "
              "(pseudonymised).") if hide else
            _("Wrote {documents} documents, {codes} codes and {codings} codings to {output}."))
    click.echo(said.format(**counts))


@cli.command("import-qdpx")
@click.argument("file", type=click.Path(path_type=Path))
@pass_ctx
def import_qdpx(ctx: Context, file: Path) -> None:
    """Import a REFI-QDA project (.qdpx) into --project.

    The project is created if it does not exist.
    """
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
    click.echo(what.format(project=ctx.shown) + _(
        ": {documents} documents, {codings} codings, {memos} memos, {annotations} "
        "annotations from {file} ({tool}).").format(
            documents=report.documents, codings=report.codings, memos=report.memos,
            annotations=report.annotations, file=file, tool=tool))
    if report.summaries:
        click.echo(ngettext("{n} grid summary taken from the file.",
                            "{n} grid summaries taken from the file.",
                            report.summaries).format(n=report.summaries))
    if report.known_documents:
        click.echo(_("{n} documents were already in the project ({names}); their attributes "
                     "took the file's values ({attributes} changed), {codings} of their "
                     "codings were there.").format(
            n=len(report.known_documents), names=", ".join(report.known_documents[:5])
            + (", …" if len(report.known_documents) > 5 else ""),
            attributes=report.attributes, codings=report.known_codings))
    if not created:
        click.echo(_("`verbatims undo` takes the whole import back."))
