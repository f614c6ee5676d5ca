"""Reading transcripts from files into `NewDocument`s, ready for the store.

Reading is separate from storing so that an import is all or nothing: every
file is read and checked first, and only then is anything written. Each input
format is one module of `ingest/formats/` (see `ingest.registry`); speaker
turns come from the format when it states them, else from the text
(`ingest.turns`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from verbatims import controls
from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.ingest import attributes as sheets
from verbatims.ingest import labels, limits, turns
from verbatims.ingest.registry import FORMATS, Format, Options, for_path, suffixes
from verbatims.model.entities import NewDocument

_SKIPPED_NAMES = re.compile(r"^(readme|license|licence|changelog)(\.|$)", re.IGNORECASE)


@dataclass
class Batch:
    """What an import read: the documents, and what it left aside and why."""

    documents: list[NewDocument]
    skipped: list[Path] = field(default_factory=list)
    duplicates: list[tuple[Path, str]] = field(default_factory=list)  # (file, kept document)
    from_text: set[str] = field(default_factory=set)  # source paths whose turns the text gave
    unmarked: set[str] = field(default_factory=set)  # source paths of speech without speakers


def format_named(name: str | None) -> Format | None:
    """The format `--format NAME` asks for (None: from each file's suffix)."""
    if not name:
        return None
    found = FORMATS.get(name.lower())
    if found is None:
        raise UserError(_("Unknown format {name!r}; verbatims imports {names}.").format(
            name=name, names=", ".join(FORMATS.names())))
    return found


def collect(paths: Iterable[Path], forced: Format | None = None) -> tuple[list[Path], list[Path]]:
    """Files to import and files skipped (in folders: other formats, READMEs, hidden)."""
    files: list[Path] = []
    skipped: list[Path] = []
    known = ", ".join(suffixes())
    for path in paths:
        if not path.exists():
            raise UserError(_("{path} does not exist; check the path and try again.").format(
                path=path))
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if _SKIPPED_NAMES.match(child.name) or not _readable(child, forced):
                    skipped.append(child)
                else:
                    files.append(child)
        elif forced is None and for_path(path) is None and path.suffix.lower() in suffixes():
            titles = ", ".join(_(f.title) for f in FORMATS if path.suffix.lower() in f.suffixes)
            raise UserError(
                _("{path} does not read as {titles}, the formats of {suffix} files; name its "
                  "format with --format ({names}).").format(
                    path=path, titles=titles, suffix=path.suffix.lower(),
                    names=", ".join(FORMATS.names())))
        elif forced is None and for_path(path) is None:
            raise UserError(
                _("{path} has an unsupported extension ({suffix}); verbatims imports "
                  "{known} (or name the format with --format).").format(
                    path=path, suffix=path.suffix or _("none"), known=known))
        else:
            files.append(path)
    if not files:
        raise UserError(_("No transcript found to import in {paths}; verbatims imports "
                          "{known}.").format(paths=", ".join(str(p) for p in paths),
                                             known=known))
    return files, skipped


def _readable(path: Path, forced: Format | None) -> bool:
    if forced is not None:
        return path.suffix.lower() in forced.suffixes
    return for_path(path) is not None


def read_file(
    path: Path,
    pattern: re.Pattern[str] | None = None,
    interviewers: Sequence[str] = (),
    encoding: str | None = None,
    fmt: Format | None = None,
) -> NewDocument:
    """Read one file into a document with its turns and attributes (the first one, for
    a file that holds several)."""
    return _read(path, pattern, interviewers, encoding, fmt)[0][0]


def _read(path: Path, pattern: re.Pattern[str] | None, interviewers: Sequence[str],
          encoding: str | None, fmt: Format | None) -> list[tuple[NewDocument, bool | None]]:
    """The file's documents (one, or one per part), and whether their turns were found
    in their text (None: a part whose format carries no speaker, all of it the
    respondent's speech)."""
    chosen = fmt or for_path(path)
    if chosen is None:
        raise UserError(_("{path}: verbatims cannot tell its format; name it with "
                          "--format ({names}).").format(path=path,
                                                        names=", ".join(FORMATS.names())))
    limits.check_file(path)
    try:
        got = chosen.read(path, Options(tuple(interviewers), encoding))
    except (UserError, MemoryError, KeyboardInterrupt):
        raise
    except Exception as error:  # noqa: BLE001 - a library choking on a damaged file
        raise UserError(_("{path} cannot be read as {format} ({error}): the file is damaged "
                          "or not in that format; if it opens in its own program, save it "
                          "again from there.").format(
                              path=path, format=_(chosen.title),
                              error=error.__class__.__name__)) from None
    if not got.text.strip():
        raise UserError(_("{path} is empty (no transcript text); check that it is the right "
                          "file.").format(path=path))
    limits.check_text(got.text, str(path))
    if got.parts:
        out = []
        for i, part in enumerate(got.parts, start=1):
            where = f"{path}#{i}"
            text, notes = checked_text(part.text, where, part.notes)
            detected = turns.detect(text, pattern, interviewers)
            limits.check_turns(detected, len(text), where)
            out.append((NewDocument(
                name=document_name(part.name), text=text, source_path=where,
                source_format=chosen.name, encoding=got.encoding, turns=detected,
                attributes=dict(part.attributes),  # type: ignore[arg-type]
                notes=tuple(got.notes if i == 1 else ()) + tuple(notes)),
                True if part.markers else None))
        return out
    text, notes = checked_text(got.text, str(path), got.notes)  # one for one: offsets hold
    found = None
    if pattern is not None:  # the user's markers, whatever the format
        found = turns.detect(text, pattern, interviewers)
        if found and got.turns:
            found = turns.carry_times(found, got.turns)
        elif not found:
            notes.append(_("--turn-pattern matches no line of this file: its turns are found "
                           "as without it"))
            found = None
    if found is None:
        found = got.turns if got.turns is not None else turns.detect(text, None, interviewers)
    limits.check_turns(found, len(text), str(path))
    return [(NewDocument(
        name=document_name(path.name),
        text=text,
        source_path=str(path),
        source_format=chosen.name,
        encoding=got.encoding,
        turns=found,
        attributes=dict(got.attributes),  # type: ignore[arg-type]
        notes=tuple(notes),
    ), got.turns is None or pattern is not None)]


def checked_text(text: str, where: str, notes: Sequence[str] = ()) -> tuple[str, list[str]]:
    """The text as the store keeps it: a NUL refused, every other control character
    replaced one for one (`verbatims.controls`), with a note saying how many."""
    if controls.has_nul(text):
        raise UserError(_("{where} holds NUL characters, which no transcript has: it is "
                          "UTF-16 read as another encoding, or not text at all; drop "
                          "--encoding or give the right one, or save it again as "
                          "UTF-8.").format(where=where))
    text, replaced = controls.replace(text)
    out = list(notes)
    if replaced:
        out.append(controls.notice(where, replaced))
    return text, out


def document_name(name: str) -> str:
    """A document's name on one line: a file name may hold a line break or a tab."""
    return " ".join(controls.clean(name).split()) or name


def compile_turn_pattern(turn_pattern: str | None) -> re.Pattern[str] | None:
    try:
        return turns.compile_pattern(turn_pattern)
    except (re.error, ValueError) as exc:
        raise UserError(_("The turn pattern {pattern!r} is not usable: {error}.").format(
            pattern=turn_pattern, error=exc)) from None


def read_batch(
    paths: Sequence[Path],
    attribute_sheet: Path | Mapping[str, Mapping[str, object]] | None = None,
    turn_pattern: str | None = None,
    interviewers: Sequence[str] = (),
    encoding: str | None = None,
    fmt: str | None = None,
) -> Batch:
    """Read every file under `paths`; attributes from the sheet override front matter.

    The same speech in two files (an .srt and a .vtt of one recording) is read
    once: the first file is kept, the other named as a duplicate.
    """
    pattern = compile_turn_pattern(turn_pattern)
    forced = format_named(fmt)
    files, skipped = collect(paths, forced)
    sheet = (sheets.read_sheet(attribute_sheet) if isinstance(attribute_sheet, Path)
             else attribute_sheet or {})
    batch = Batch([], skipped)
    seen: dict[str, NewDocument] = {}
    for path in files:
        for doc, from_text in _read(path, pattern, interviewers, encoding, forced):
            key = speech_key(doc)
            if key in seen:
                batch.duplicates.append((path, seen[key].name))
                continue
            seen[key] = doc
            if from_text:
                batch.from_text.add(doc.source_path)
            elif from_text is None:
                batch.unmarked.add(doc.source_path)
            extra = sheet.get(doc.name) or sheet.get(path.name) or sheet.get(path.stem)
            if extra:
                doc.attributes.update(extra)  # type: ignore[arg-type]
            batch.documents.append(doc)
    return batch


def read_all(
    paths: Sequence[Path],
    attribute_sheet: Path | Mapping[str, Mapping[str, object]] | None = None,
    turn_pattern: str | None = None,
    interviewers: Sequence[str] = (),
    encoding: str | None = None,
    fmt: str | None = None,
) -> tuple[list[NewDocument], list[Path]]:
    """`read_batch`, as (documents, skipped files)."""
    batch = read_batch(paths, attribute_sheet, turn_pattern, interviewers, encoding, fmt)
    return batch.documents, batch.skipped


def speech_key(doc: NewDocument) -> str:
    """What was said, whatever the file format wrote around it: the words in order,
    speaker labels left out."""
    spans = [doc.text[t.speech_start:t.end] for t in doc.turns] or [doc.text]
    return " ".join(re.findall(r"\w+", " ".join(spans).casefold()))


def unused_interviewers(interviewers: Sequence[str], docs: Sequence[NewDocument]) -> list[str]:
    """The `--interviewer` labels no document's turns carry (a typo, most often)."""
    seen = {labels.fold(t.speaker) for d in docs for t in d.turns if t.speaker}
    return [label for label in interviewers if labels.fold(label) not in seen]


def unused_sheet_rows(sheet: Mapping[str, object], docs: Sequence[NewDocument]) -> list[str]:
    """The sheet's file names that match none of the documents read (a typo, most often)."""
    names: set[str] = set()
    for doc in docs:
        path = Path(doc.source_path)
        names.update((path.name, path.stem))
    aliases = {Path(key).stem for key in sheet if Path(key).stem != key}  # added by read_sheet
    return [key for key in sheet
            if key not in aliases and key not in names and Path(key).stem not in names]
