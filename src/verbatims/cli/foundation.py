"""Foundation commands: init, codebook, code, codes, show, demo."""

from __future__ import annotations

from pathlib import Path

import click

from verbatims import paths
from verbatims.cli.base import Context, cli, pass_ctx
from verbatims.errors import UserError
from verbatims.export.registry import CODEBOOK as CODEBOOK_FORMATS
from verbatims.i18n import _, ngettext
from verbatims.settings import default_coder
from verbatims.store import Project
from verbatims.store.codes import FIELD_LABELS, MergeReport


@cli.command()
@click.option("--codebook", type=click.Path(path_type=Path),
              help=_("A YAML codebook to load; `default` for the bundled one "
              "(numérique dans les collectivités)."))
@pass_ctx
def init(ctx: Context, codebook: Path | None) -> None:
    """Create a new project, optionally with a codebook."""
    from verbatims.codebook import load_yaml

    if codebook is not None and str(codebook) == "default":
        codebook = paths.default_codebook()
    book = load_yaml(codebook) if codebook else None  # checked before anything is created

    def fill(project: Project) -> int:  # the starting codebook is not a change to undo
        if not book:
            return 0
        return len(project.merge_codebook(book["codes"], default_coder(), book["name"],
                                          book["description"]).added)

    added = Project.build(ctx.location, fill)  # whole, or not at all
    if book:
        click.echo(_("Created {shown} with {added} codes from {codebook}.").format(
                       shown=ctx.shown, added=added, codebook=codebook))
    else:
        click.echo(_("Created {shown}.").format(shown=ctx.shown))


@cli.group(help=_("Import or export the codebook ({formats}).").format(
    formats=", ".join("." + name for name in CODEBOOK_FORMATS.names())))
def codebook() -> None:
    pass


@codebook.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@pass_ctx
def codebook_import(ctx: Context, file: Path) -> None:
    """Add the codes of FILE; codes with the same path are updated."""
    from verbatims.export.registry import CODEBOOK_READERS

    if file.is_dir():
        raise UserError(_("The codebook {path} is a folder, not a file; check the "
                          "path.").format(path=file))
    book = CODEBOOK_READERS.for_path(file).value(file)
    project = ctx.project
    report = project.merge_codebook(book["codes"], default_coder(),
                                    str(book.get("name") or ""),
                                    str(book.get("description") or ""))
    for note in book.get("notes") or []:
        click.echo(note, err=True)
    for line in merge_lines(report):
        click.echo(line)
    if not report.added and not report.updated:
        click.echo(_("Codebook {name!r}: nothing to change, its {same} codes are already "
                     "the project's.").format(name=book["name"], same=report.unchanged))
        return
    added = ngettext("{n} code added", "{n} codes added", len(report.added)).format(
        n=len(report.added))
    click.echo(_("Codebook {name!r}: {added}, {updated} updated, {same} unchanged; "
                 "`verbatims undo` takes the import back.").format(
        name=book["name"], added=added, updated=len(report.updated), same=report.unchanged))


def merge_lines(report: MergeReport) -> list[str]:
    """One line per code a merge added or changed, saying which fields changed."""
    lines = [_("  added    {path}").format(path=path) for path in report.added]
    for path, columns in report.updated.items():
        lines.append(_("  updated  {path}: {fields}").format(
            path=path, fields=", ".join(_(FIELD_LABELS[c]) for c in columns)))
    return lines


@codebook.command("export")
@click.argument("file", type=click.Path(path_type=Path))
@pass_ctx
def codebook_export(ctx: Context, file: Path) -> None:
    """Write the project's code tree to FILE (its extension gives the format)."""
    from verbatims.export.registry import export

    project = ctx.project
    fmt = CODEBOOK_FORMATS.for_path(file).name
    export("codebook", fmt, project, file, choose=_("another path for the codebook"))
    click.echo(_("Wrote {count} codes to {path}.").format(count=len(project.codes()),
                                                          path=file))


@cli.command()
@click.argument("document")
@click.argument("start", type=int)
@click.argument("end", type=int)
@click.argument("code")
@click.option("--coder", default=default_coder, help=_("Who codes (default: $VERBATIMS_CODER "
              "or your login)."))
@click.option("--memo", help=_("A memo attached to this coding."))
@pass_ctx
def code(ctx: Context, document: str, start: int, end: int, code: str, coder: str,
         memo: str | None) -> None:
    """Code characters START to END of DOCUMENT with CODE.

    Offsets count code points, the end excluded (`verbatims show` finds them).
    """
    project = ctx.project
    doc = project.document(document)
    found = project.code(code)
    coding = project.add_coding(doc.id, start, end, found.id, coder, memo)
    excerpt = project.text(doc.id)[start:end].replace("\n", " ")
    if len(excerpt) > 70:
        excerpt = excerpt[:67] + "…"
    click.echo(_("Coded {name} {start}–{end} as {code} (coding {id}): «{excerpt}»").format(
                   name=doc.name, start=start, end=end, code=project.code_path(found.id),
                   id=coding.id, excerpt=excerpt))


@cli.command()
@pass_ctx
def codes(ctx: Context) -> None:
    """List the code tree with counts of codings and documents.

    And per coder, when several people code the project.
    """
    project = ctx.project
    counts = project.counts()
    by_coder = project.counts_by_coder()
    coders = list(project.coders())
    depth: dict[int, int] = {}
    for c in project.codes():
        depth[c.id] = 0 if c.parent_id is None else depth[c.parent_id] + 1
        n, d = counts.get(c.id, (0, 0))
        per = by_coder.get(c.id, {})
        split = ("; " + ", ".join(f"{who} {per[who]}" for who in coders if who in per)
                 if len(coders) > 1 and per else "")
        counted = _("{codings}, {documents}").format(
            codings=ngettext("{n} coding", "{n} codings", n).format(n=n),
            documents=ngettext("{n} document", "{n} documents", d).format(n=d))
        click.echo(f"{c.id:>4}  {'  ' * depth[c.id]}{c.name}  ({counted}{split})")
    if len(coders) > 1:
        totals = project.coders()
        click.echo(_("Coders: {coders}.").format(coders=", ".join(
            ngettext("{coder} ({n} coding)", "{coder} ({n} codings)", n).format(coder=who, n=n)
            for who, n in totals.items())))


@cli.command()
@click.argument("document")
@click.option("--start", type=click.IntRange(min=0), default=0)
@click.option("--end", type=click.IntRange(min=0))
@pass_ctx
def show(ctx: Context, document: str, start: int, end: int | None) -> None:
    """Print DOCUMENT's stored text (or the part START–END), to find offsets."""
    project = ctx.project
    doc = project.document(document)
    text = project.text(doc.id)
    if start >= max(len(text), 1) or (end is not None and end <= start):
        raise UserError(f"--start {start}"
                        + ("" if end is None else f" --end {end}")
                        + f" selects nothing of {doc.name} ({len(text)} characters); give "
                        "0 <= START < END <= its length.")
    click.echo(text[start:end], nl=False)


def summary(project: Project) -> str:
    docs = project.documents()
    words = sum(d.word_count for d in docs)
    codings = sum(n for n, _ in project.counts().values())
    return (f"{project.shown}: {len(docs)} documents, {words} words, "
            f"{len(project.codes())} codes, {codings} codings.")


@cli.command()
@click.option("--no-ui", is_flag=True, help=_("Build the project and print a summary only."))
@pass_ctx
def demo(ctx: Context, no_ui: bool) -> None:
    """Build the demo project from the bundled corpus if needed, then open it."""
    from verbatims.codebook import load_yaml
    from verbatims.ingest import read_all
    from verbatims.store.engine import sqlite_path

    path = sqlite_path(ctx.location)
    if path is not None and not path.exists():
        book = load_yaml(paths.default_codebook())
        docs, _skipped = read_all([paths.demo_corpus()])

        def fill(project: Project) -> None:  # the demo as built is where undo stops
            project.merge_codebook(book["codes"], "", book["name"], book["description"])
            project.add_documents(docs)

        Project.build(ctx.location, fill)
        click.echo(_("Built the demo project {location} from {corpus}.").format(
                       location=ctx.location, corpus=paths.demo_corpus()))
    if no_ui:
        click.echo(summary(ctx.project))
        return
    click.get_current_context().invoke(tui)


@cli.command()
@click.option("--coder", default=default_coder,
              help=_("Who you are: the name your codings carry (default: $VERBATIMS_CODER, "
                     "else your login name)."))
@pass_ctx
def tui(ctx: Context, coder: str) -> None:
    """Open the workbench (the terminal UI)."""
    from verbatims.tui.app import run

    run(ctx.project, coder=coder.strip() or default_coder())


