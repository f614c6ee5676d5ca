"""Foundation commands: init, import, codebook, code, listings, demo."""

from __future__ import annotations

from pathlib import Path

import click

from verbatims import paths
from verbatims.cli.base import Context, cell, cli, pass_ctx
from verbatims.errors import UserError
from verbatims.export.registry import CODEBOOK as CODEBOOK_FORMATS
from verbatims.i18n import _
from verbatims.settings import default_coder
from verbatims.store import Project, history
from verbatims.store.codes import FIELD_LABELS, MergeReport


@cli.command()
@click.option("--codebook", type=click.Path(path_type=Path),
              help="A YAML codebook to load; `default` for the bundled one "
              "(numérique dans les collectivités).")
@pass_ctx
def init(ctx: Context, codebook: Path | None) -> None:
    """Create a new project, optionally with a codebook."""
    from verbatims.codebook import load_yaml

    if codebook is not None and str(codebook) == "default":
        codebook = paths.default_codebook()
    book = load_yaml(codebook) if codebook else None  # checked before anything is created
    project = Project.create(ctx.location)
    if book:
        added = len(project.merge_codebook(book["codes"], default_coder(), book["name"],
                                           book["description"]).added)
        history.forget(project)  # the starting codebook is not a change to undo
        click.echo(f"Created {ctx.location} with {added} codes from {codebook}.")
    else:
        click.echo(f"Created {ctx.location}.")


@cli.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--attributes", type=click.Path(path_type=Path),
              help="CSV sheet of attributes, one row per file (column `file`).")
@click.option("--turn-pattern", help="Regular expression for speaker markers, with (?P<label>…).")
@click.option("--interviewer", multiple=True, help="A speaker label to treat as interviewer.")
@click.option("--encoding", help="Force the text encoding instead of detecting it.")
@click.option("--skip-existing", is_flag=True, help="Leave out files whose content is stored.")
@pass_ctx
def import_(ctx: Context, sources: tuple[Path, ...], attributes: Path | None,
            turn_pattern: str | None, interviewer: tuple[str, ...], encoding: str | None,
            skip_existing: bool) -> None:
    """Import transcripts (.txt .md .docx .odt .srt .vtt) or whole folders."""
    from verbatims.ingest import read_all, unused_sheet_rows
    from verbatims.ingest.attributes import read_sheet

    project = ctx.project
    sheet = read_sheet(attributes) if attributes else None
    docs, skipped = read_all(list(sources), sheet, turn_pattern, interviewer, encoding)
    unused = unused_sheet_rows(sheet, docs) if sheet else []
    added = project.add_documents(docs, skip_existing=skip_existing, coder=default_coder())
    for path in skipped:
        click.echo(f"skipped {path} (not a transcript format)", err=True)
    read = {d.source_path: d for d in docs}
    for doc in added:
        new = read[doc.source_path]
        speakers = sorted({t.speaker for t in new.turns if t.speaker})
        click.echo(
            f"{doc.id:>4}  {doc.name}  {doc.word_count} words, {len(new.turns)} turns"
            + (f" ({', '.join(speakers)})" if speakers else "")
        )
    if unused:
        shown = ", ".join(unused[:5]) + (", …" if len(unused) > 5 else "")
        click.echo(f"note: {len(unused)} row(s) of {attributes} name no file imported here "
                   f"({shown}); check their `file` column if they should have.", err=True)
    left = len(docs) - len(added)
    click.echo(f"Imported {len(added)} document(s)" + (f", {left} already there." if left
                                                          else "."))


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
    click.echo(_("Codebook {name!r}: {added} codes added, {updated} updated, {same} "
                 "unchanged; `verbatims undo` takes the import back.").format(
        name=book["name"], added=len(report.added), updated=len(report.updated),
        same=report.unchanged))


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
@click.option("--coder", default=default_coder, help="Who codes (default: $VERBATIMS_CODER "
              "or your login).")
@click.option("--memo", help="A memo attached to this coding.")
@pass_ctx
def code(ctx: Context, document: str, start: int, end: int, code: str, coder: str,
         memo: str | None) -> None:
    """Code characters START to END (code points, end excluded) of DOCUMENT with CODE."""
    project = ctx.project
    doc = project.document(document)
    found = project.code(code)
    coding = project.add_coding(doc.id, start, end, found.id, coder, memo)
    excerpt = project.text(doc.id)[start:end].replace("\n", " ")
    if len(excerpt) > 70:
        excerpt = excerpt[:67] + "…"
    click.echo(f"Coded {doc.name} {start}–{end} as {project.code_path(found.id)} "
               f"(coding {coding.id}): «{excerpt}»")


@cli.command()
@pass_ctx
def documents(ctx: Context) -> None:
    """List documents with their size, turns and attributes."""
    project = ctx.project
    attrs = project.attributes()
    for doc in project.documents():
        values = ", ".join(f"{k}={cell(v)}" for k, v in attrs.get(doc.id, {}).items())
        click.echo(f"{doc.id:>4}  {doc.name:<45} {doc.word_count:>6} words  {values}")


@cli.command()
@pass_ctx
def codes(ctx: Context) -> None:
    """List the code tree with counts of codings and documents."""
    project = ctx.project
    counts = project.counts()
    depth: dict[int, int] = {}
    for c in project.codes():
        depth[c.id] = 0 if c.parent_id is None else depth[c.parent_id] + 1
        n, d = counts.get(c.id, (0, 0))
        click.echo(f"{c.id:>4}  {'  ' * depth[c.id]}{c.name}  ({n} codings, {d} documents)")


@cli.command()
@click.argument("document")
@pass_ctx
def turns(ctx: Context, document: str) -> None:
    """Show the speaker turns found in DOCUMENT, with their offsets."""
    project = ctx.project
    doc = project.document(document)
    text = project.text(doc.id)
    for turn in project.turns(doc.id):
        first = text[turn.start : turn.end].split("\n", 1)[0]
        first = first if len(first) <= 60 else first[:59] + "…"
        label = turn.speaker or "(préambule)"
        click.echo(f"{turn.start:>7}–{turn.end:<7} {turn.role:<11} {label:<18} {first}")


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
    return (f"{project.location}: {len(docs)} documents, {words} words, "
            f"{len(project.codes())} codes, {codings} codings.")


@cli.command()
@click.option("--no-ui", is_flag=True, help="Build the project and print a summary only.")
@pass_ctx
def demo(ctx: Context, no_ui: bool) -> None:
    """Build the demo project from the bundled corpus if needed, then open it."""
    from verbatims.codebook import load_yaml
    from verbatims.ingest import read_all
    from verbatims.store.engine import sqlite_path

    path = sqlite_path(ctx.location)
    if path is not None and not path.exists():
        book = load_yaml(paths.default_codebook())
        docs, _ = read_all([paths.demo_corpus()])
        project = Project.create(ctx.location)
        project.merge_codebook(book["codes"])
        project.set_meta("codebook_name", book["name"])
        project.set_meta("codebook_description", book["description"])
        project.add_documents(docs)
        history.forget(project)  # the demo as built is where undo stops
        click.echo(f"Built the demo project {ctx.location} from {paths.demo_corpus()}.")
    if no_ui:
        click.echo(summary(ctx.project))
        return
    click.get_current_context().invoke(tui)


@cli.command()
@pass_ctx
def tui(ctx: Context) -> None:
    """Open the workbench (the terminal UI)."""
    from verbatims.tui.app import run

    run(ctx.project)


