"""Fixing an import without importing again: `speakers`, `speakers set`, `turns`
(with `--redetect`) and `remove`. Each change is one step of the undo history.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import click

from verbatims.cli.base import Context, cli, emit, pass_ctx
from verbatims.errors import UserError
from verbatims.i18n import _, ngettext
from verbatims.ingest.summary import role_name, speaker_line
from verbatims.model.entities import Role, Turn
from verbatims.settings import default_coder

_ROLES = ("interviewer", "respondent")


class _DocOrCommand(click.Group):
    """`speakers [DOC]` lists; `speakers set …` changes: a group whose default is `list`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@cli.group(cls=_DocOrCommand)
def speakers() -> None:
    """List the speakers found (corpus-wide or in DOC); `speakers set` fixes one."""


@speakers.command("list")
@click.argument("document", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help=_("File (default stdout)."))
@pass_ctx
def speakers_list(ctx: Context, document: str | None, fmt: str, output: Path | None) -> None:
    """Speakers with their role, turns and words, corpus-wide or in DOCUMENT."""
    from verbatims.analysis.speakers import speaker_table

    project = ctx.project
    docs = [project.document(document)] if document else project.documents()
    table = speaker_table(project, [d.id for d in docs] if document else None)
    found = [{"speaker": r.speaker, "role": r.role, "documents": int(r.documents),
              "turns": int(r.turns), "words": int(r.words), "names": list(r.documents_named)}
             for r in table.itertuples(index=False)]
    if fmt == "json":
        emit(json.dumps([{k: v for k, v in r.items() if k != "names"} | {"documents_named":
                         r["names"]} for r in found], ensure_ascii=False, indent=2) + "\n",
             output)
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["speaker", "role", "documents", "turns", "words"])
        for r in found:
            writer.writerow([r["speaker"], r["role"], r["documents"], r["turns"], r["words"]])
        emit(buffer.getvalue(), output)
        return
    if not found:
        emit(_("No speaker turn in {where}.").format(
            where=docs[0].name if document else _("this project")) + "\n", output)
        return
    lines = [_("{speaker:<28} {role:<14} {documents:>9} {turns:>6} {words:>8}").format(
        speaker=_("speaker"), role=_("role"), documents=_("documents"), turns=_("turns"),
        words=_("words"))]
    for r in found:
        lines.append(f"{r['speaker'][:28]:<28} {role_name(r['role']):<14} "
                     f"{r['documents']:>9} {r['turns']:>6} {r['words']:>8}")
    emit("".join(line + "\n" for line in lines), output)


@speakers.command("set")
@click.argument("label")
@click.option("--role", type=click.Choice(_ROLES), help=_("The speaker's role from now on."))
@click.option("--rename", help=_("A new name for the speaker (the text keeps what it says)."))
@click.option("--doc", "document", help=_("Only in this document (default: every document)."))
@click.option("--coder", default=default_coder, help=_("Who makes the change (for the history)."))
@pass_ctx
def speakers_set(ctx: Context, label: str, role: str | None, rename: str | None,
                 document: str | None, coder: str) -> None:
    """Give speaker LABEL a role or a new name, in one document or all; undoable."""
    from verbatims.store.speakers import set_speaker

    project = ctx.project
    doc = project.document(document) if document else None
    chosen: Role | None = "interviewer" if role == "interviewer" else (
        "respondent" if role == "respondent" else None)
    changed = set_speaker(project, label, coder, chosen, rename, doc.id if doc else None)
    if not changed.turns:
        click.echo(_("{label!r} already has that role and name; nothing changed.").format(
            label=label))
        return
    what = []
    if chosen:
        what.append(_("role {role}").format(role=role_name(chosen)))
    if rename:
        what.append(_("name {name!r}").format(name=" ".join(rename.split())))
    turns = ngettext("{n} turn", "{n} turns", changed.turns).format(n=changed.turns)
    docs = ngettext("{n} document", "{n} documents", changed.documents).format(
        n=changed.documents)
    click.echo(_("{label!r}: {what} in {turns} of {docs} (undo: `verbatims undo`).").format(
        label=label, what=", ".join(what), turns=turns, docs=docs))


@cli.command()
@click.argument("document")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text",
              show_default=True, help=_("text for reading; csv or json for scripts."))
@click.option("--redetect", is_flag=True,
              help=_("Find the turns again in the stored text (codings stay; undoable)."))
@click.option("--turn-pattern", help=_("With --redetect: the speaker markers, as a regular "
              "expression with (?P<label>…)."))
@click.option("--interviewer", multiple=True, help=_("With --redetect: a label that asks."))
@click.option("--set", "span", metavar="START[-END]", help=_("Make characters START to END "
              "(default: the end of the turn holding START) one turn, of --role and "
              "--speaker: an answer whose marker was lost (undoable)."))
@click.option("--role", type=click.Choice(_ROLES), help=_("With --set: the turn's role."))
@click.option("--speaker", help=_("With --set: the turn's speaker (default: the document's "
              "only speaker of that role, if it has one)."))
@click.option("--coder", default=default_coder, help=_("Who makes the change (for the history)."))
@click.option("-o", "--output", type=click.Path(path_type=Path), help=_("File (default stdout)."))
@pass_ctx
def turns(ctx: Context, document: str, fmt: str, redetect: bool, turn_pattern: str | None,
          interviewer: tuple[str, ...], span: str | None, role: str | None,
          speaker: str | None, coder: str, output: Path | None) -> None:
    """Show the speaker turns of DOCUMENT, with their offsets and times."""
    project = ctx.project
    doc = project.document(document)
    text = project.text(doc.id)
    if (turn_pattern or interviewer) and not redetect:
        raise UserError(_("--turn-pattern and --interviewer change the turns: add --redetect "
                          "to find them again in {name}.").format(name=doc.name))
    if (role or speaker) and not span:
        raise UserError(_("--role and --speaker say what --set START[-END] makes of a span "
                          "of {name}: add --set.").format(name=doc.name))
    if span and redetect:
        raise UserError(_("--set and --redetect are two changes: make them one after the "
                          "other."))
    if span:
        _set_span(project, doc.id, doc.name, text, span, role, speaker, coder)
    if redetect:
        _redetect(project, doc.id, doc.name, doc.source_format, text, turn_pattern,
                  interviewer, coder)
    found = project.turns(doc.id)
    if fmt == "text":
        emit("".join(_line(text, t) + "\n" for t in found), output)
        return
    rows = [{"start": t.start, "end": t.end, "speaker": t.speaker or "", "role": t.role,
             "time_start_ms": t.time_start_ms, "time_end_ms": t.time_end_ms,
             "speech_start": t.speech_start} for t in found]
    if fmt == "json":
        for row in rows:
            row["speaker"] = row["speaker"] or None
        emit(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", output)
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else [
        "start", "end", "speaker", "role", "time_start_ms", "time_end_ms", "speech_start"],
        lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in rows)
    emit(buffer.getvalue(), output)


def _line(text: str, turn: Turn) -> str:
    first = text[turn.speech_start:turn.end].split("\n", 1)[0]
    first = first if len(first) <= 56 else first[:55] + "…"
    label = turn.speaker or (_("(preamble)") if turn.role == "preamble" else _("(unmarked)"))
    stamp = clock(turn.time_start_ms) if turn.time_start_ms is not None else ""
    return (f"{turn.start:>7}–{turn.end:<7} {stamp:>8} {role_name(turn.role):<14} "
            f"{label[:20]:<20} {first}")


def _redetect(project: Any, document_id: int, name: str, source_format: str, text: str,
              turn_pattern: str | None, interviewer: tuple[str, ...], coder: str) -> None:
    from verbatims.ingest import compile_turn_pattern
    from verbatims.ingest import turns as detection
    from verbatims.ingest.registry import FORMATS
    from verbatims.ingest.summary import examine
    from verbatims.store.speakers import replace_turns

    pattern = compile_turn_pattern(turn_pattern)
    fmt = FORMATS.get(source_format)
    stored = project.turns(document_id)
    if pattern is None and fmt is not None and fmt.states_speakers:
        found = detection.reassign(text, stored, interviewer)
    else:
        found = detection.detect(text, pattern, interviewer)
        if pattern is not None and not found:
            raise UserError(_("--turn-pattern {pattern!r} matches no line of {name}; its turns "
                              "are unchanged (`verbatims show {name}` prints its text).").format(
                pattern=turn_pattern, name=name))
        found = detection.carry_times(found, stored)  # a timed file's times stay
    replace_turns(project, document_id, found, coder)
    summary = examine(text, found, name=name)
    click.echo(ngettext("{name}: {n} turn found again (undo: `verbatims undo`).",
                        "{name}: {n} turns found again (undo: `verbatims undo`).",
                        len(found)).format(name=name, n=len(found)), err=True)
    for sp in summary.speakers:
        click.echo(speaker_line(sp), err=True)
    for warning in summary.warnings:
        click.echo(_("        check: {warning}").format(warning=warning), err=True)
    seen = {t.speaker.casefold() for t in found if t.speaker}
    for label in interviewer:
        if label.casefold() not in seen:
            click.echo(_("note: --interviewer {label!r} names no speaker of {name}.").format(
                label=label, name=name), err=True)


def _set_span(project: Any, document_id: int, name: str, text: str, span: str,
              role: str | None, speaker: str | None, coder: str) -> None:
    from verbatims.ingest import turns as detection
    from verbatims.store.speakers import replace_turns

    found = re.fullmatch(r"\s*(\d+)\s*(?:[-–:]\s*(\d+))?\s*", span)
    if found is None:
        raise UserError(_("--set takes START or START-END, character offsets as `verbatims "
                          "turns {name}` prints them (not {span!r}).").format(name=name,
                                                                             span=span))
    if role is None:
        raise UserError(_("Say what the span of {name} becomes: --role interviewer or "
                          "--role respondent.").format(name=name))
    start = int(found.group(1))
    end = int(found.group(2)) if found.group(2) else None
    chosen: Role = "interviewer" if role == "interviewer" else "respondent"
    stored = project.turns(document_id)
    if speaker is None:
        labels = {t.speaker for t in stored if t.speaker and t.role == chosen}
        speaker = labels.pop() if len(labels) == 1 else None
    try:
        changed = detection.assign(text, stored, start, end, speaker, chosen)
    except ValueError:
        raise UserError(_("{span!r} is no span of {name}, whose text has {n} characters "
                          "(`verbatims turns {name}` prints the turns' offsets).").format(
            span=span, name=name, n=len(text))) from None
    replace_turns(project, document_id, changed, coder)
    made = next(t for t in changed if t.start >= start and t.role == chosen
                and t.speaker == speaker)
    click.echo(_("{name}: characters {start}–{end} are now a turn of {speaker}, "
                 "{role} (undo: `verbatims undo`).").format(
        name=name, start=made.start, end=made.end, speaker=speaker or _("(unmarked)"),
        role=role_name(chosen)), err=True)


@cli.command()
@click.argument("document")
@click.option("--coder", default=default_coder, help=_("Who makes the change (for the history)."))
@pass_ctx
def remove(ctx: Context, document: str, coder: str) -> None:
    """Delete DOCUMENT with its codings, memos and summaries (undoable).

    `verbatims undo` brings it back.
    """
    from verbatims.store.speakers import remove_document

    project = ctx.project
    doc = project.document(document)
    removed = remove_document(project, doc.id, coder)
    click.echo(_("Removed {name} ({codings} codings, {memos} memos); `verbatims undo` brings "
                 "it back.").format(name=removed.name, codings=removed.codings,
                                    memos=removed.memos))


def clock(ms: int) -> str:
    seconds = ms // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
