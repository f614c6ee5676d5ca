"""Bringing transcripts in and listing them: `import` and `documents`.

`import` prints, per document, the speakers it found (role, turns, share of the
words) and one line per thing worth a look, so that a bad split is seen at
once, not in a figure weeks later.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from verbatims.cli.base import Context, cell, cli, emit, pass_ctx
from verbatims.i18n import _, ngettext
from verbatims.ingest.registry import FORMATS, suffixes
from verbatims.ingest.summary import speaker_line
from verbatims.settings import default_coder

if TYPE_CHECKING:
    from verbatims.model.entities import NewDocument
    from verbatims.store import Project


def _format_help() -> str:
    names = ", ".join(f"{f.name} ({_(f.title)})" for f in sorted(FORMATS, key=lambda f: f.name))
    return _("The input format, when the file's extension does not say it: {names}.").format(
        names=names)


class _FormatChoice(click.Choice):  # type: ignore[type-arg]
    """`--format` choices read from the registry when asked (a new format module adds one)."""

    def __init__(self) -> None:
        super().__init__([], case_sensitive=False)

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        return FORMATS.names()

    @choices.setter
    def choices(self, _value: Any) -> None:
        pass


class _ImportCommand(click.Command):
    def get_help(self, ctx: click.Context) -> str:
        for param in self.params:
            if param.name == "fmt" and isinstance(param, click.Option):
                param.help = _format_help()
        return super().get_help(ctx)


@cli.command("import", cls=_ImportCommand)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--attributes", type=click.Path(path_type=Path),
              help=_("CSV sheet of attributes, one row per file (column `file`)."))
@click.option("--format", "fmt", type=_FormatChoice(), help=_("The input format."))
@click.option("--turn-pattern",
              help=_("Regular expression for speaker markers, with (?P<label>…)."))
@click.option("--interviewer", multiple=True, help=_("A speaker label to treat as interviewer."))
@click.option("--encoding", help=_("Force the text encoding instead of detecting it."))
@click.option("--skip-existing", is_flag=True, help=_("Leave out files whose content is stored."))
@click.option("--quiet", "-q", is_flag=True, help=_("One line per document, no speakers."))
@pass_ctx
def import_(ctx: Context, sources: tuple[Path, ...], attributes: Path | None, fmt: str | None,
            turn_pattern: str | None, interviewer: tuple[str, ...], encoding: str | None,
            skip_existing: bool, quiet: bool) -> None:
    """Import transcripts, or whole folders (the formats: `import --help`)."""
    from verbatims.ingest import read_batch, unused_interviewers, unused_sheet_rows
    from verbatims.ingest.attributes import read_sheet
    from verbatims.ingest.summary import examine

    project = ctx.project
    sheet = read_sheet(attributes) if attributes else None
    batch = read_batch(list(sources), sheet, turn_pattern, interviewer, encoding, fmt)
    docs = batch.documents
    if any(d.source_format == "iramuteq" for d in docs):
        docs = batch.documents = _restore_variables(project, docs)
    unused = unused_sheet_rows(sheet, docs) if sheet else []
    refreshed: list[str] = []
    added = project.add_documents(docs, skip_existing=skip_existing, coder=default_coder(),
                                  refreshed=refreshed)
    for path in batch.skipped:
        click.echo(_("skipped {path} (not a transcript format)").format(path=path), err=True)
    for path, kept in batch.duplicates:
        click.echo(_("skipped {path}: the same speech as {kept}, imported once").format(
            path=path, kept=kept), err=True)
    read = {d.source_path: d for d in docs}
    for doc in added:
        new = read[doc.source_path]
        found = examine(new.text, new.turns, new.source_path in batch.from_text, doc.name,
                        markers=new.source_path not in batch.unmarked)
        click.echo(_("{id:>4}  {name}  {words} words, {turns} turns").format(
            id=doc.id, name=doc.name, words=found.words, turns=len(new.turns)))
        if quiet:
            continue
        for speaker in found.speakers:
            click.echo(speaker_line(speaker))
        for note in new.notes:
            click.echo(_("        note: {note}").format(note=note))
        for warning in found.warnings:
            click.echo(_("        check: {warning}").format(warning=warning))
    for label in unused_interviewers(interviewer, docs):
        click.echo(_("note: --interviewer {label!r} names no speaker of these documents; "
                     "`verbatims speakers` lists the labels found.").format(label=label),
                   err=True)
    if unused:
        shown = ", ".join(unused[:5]) + (", …" if len(unused) > 5 else "")
        click.echo(ngettext(
            "note: {n} row of {sheet} names no file imported here ({shown}); check its "
            "`file` column if it should have.",
            "note: {n} rows of {sheet} name no file imported here ({shown}); check their "
            "`file` column if they should have.", len(unused)).format(
                n=len(unused), sheet=attributes, shown=shown), err=True)
    if refreshed:
        shown = ", ".join(refreshed[:5]) + (", …" if len(refreshed) > 5 else "")
        click.echo(ngettext(
            "{n} document already there took the sheet's values ({shown}).",
            "{n} documents already there took the sheet's values ({shown}).",
            len(refreshed)).format(n=len(refreshed), shown=shown))
    left = len(docs) - len(added)
    message = ngettext("Imported {n} document", "Imported {n} documents", len(added)).format(
        n=len(added))
    if left:
        message += ngettext(", {n} already there.", ", {n} already there.", left).format(n=left)
    else:
        message += "."
    click.echo(message)


def _restore_variables(project: Project, docs: list[NewDocument]) -> list[NewDocument]:
    """An IRaMuTeQ corpus read back: its variables as the project's own attributes."""
    from dataclasses import replace

    from verbatims.ingest.formats.iramuteq import restore
    from verbatims.where import text_of

    known: dict[str, set[str]] = {}
    for held in project.attributes().values():
        for key, value in held.items():
            known.setdefault(key, set()).add(text_of(value))
    return [replace(d, attributes=restore(d.attributes, known))  # type: ignore[arg-type]
            if d.source_format == "iramuteq" else d for d in docs]


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text",
              show_default=True, help=_("text for reading; csv or json for scripts."))
@click.option("-o", "--output", type=click.Path(path_type=Path), help=_("File (default stdout)."))
@pass_ctx
def documents(ctx: Context, fmt: str, output: Path | None) -> None:
    """List documents with their size, turns and attributes."""
    project = ctx.project
    attrs = project.attributes()
    docs = project.documents()
    if fmt == "text":
        lines = []
        for doc in docs:
            values = ", ".join(f"{k}={cell(v)}" for k, v in attrs.get(doc.id, {}).items())
            lines.append(_("{id:>4}  {name:<45} {words:>6} words  {values}").format(
                id=doc.id, name=doc.name, words=doc.word_count, values=values))
        emit("".join(line + "\n" for line in lines), output)
        return
    keys = project.attribute_keys()
    rows = []
    for doc in docs:
        turns = project.turns(doc.id)
        row: dict[str, Any] = {
            "id": doc.id, "name": doc.name, "words": doc.word_count,
            "characters": doc.char_count, "turns": len(turns),
            "speakers": len({t.speaker for t in turns if t.speaker}),
            "format": doc.source_format, "source": doc.source_path,
            "imported_at": doc.imported_at, "sha256": doc.sha256,
        }
        held = attrs.get(doc.id, {})
        if fmt == "json":
            row["attributes"] = {k: cell(v) for k, v in held.items()}
        else:
            for key in keys:
                row[key] = cell(held.get(key, ""))
        rows.append(row)
    if fmt == "json":
        emit(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", output)
        return
    header = ["id", "name", "words", "characters", "turns", "speakers", "format", "source",
              "imported_at", "sha256", *keys]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    emit(buffer.getvalue(), output)


def importable() -> str:
    """The suffixes `import` reads, for messages."""
    return ", ".join(suffixes())
