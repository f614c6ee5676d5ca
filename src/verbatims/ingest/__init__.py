"""Reading transcripts from files into `NewDocument`s, ready for the store.

Reading is separate from storing so that an import is all or nothing: every
file is read and checked first, and only then is anything written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from verbatims.errors import UserError
from verbatims.ingest import attributes as sheets
from verbatims.ingest import docx, frontmatter, odt, subtitles, turns
from verbatims.ingest.decode import decode, normalise
from verbatims.model.entities import NewDocument

FORMATS = {".txt": "txt", ".md": "md", ".docx": "docx", ".odt": "odt", ".srt": "srt",
           ".vtt": "vtt"}
_SKIPPED_NAMES = re.compile(r"^(readme|license|licence|changelog)(\.|$)", re.IGNORECASE)


def collect(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files to import and files skipped (in folders: other formats, READMEs, hidden)."""
    files: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UserError(f"{path} does not exist; check the path and try again.")
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if child.suffix.lower() in FORMATS and not _SKIPPED_NAMES.match(child.name):
                    files.append(child)
                else:
                    skipped.append(child)
        elif path.suffix.lower() not in FORMATS:
            raise UserError(
                f"{path} has an unsupported extension ({path.suffix or 'none'}); verbatims "
                f"imports {', '.join(sorted(FORMATS))}."
            )
        else:
            files.append(path)
    if not files:
        raise UserError(
            "No transcript found to import in "
            f"{', '.join(str(p) for p in paths)}; verbatims imports {', '.join(sorted(FORMATS))}."
        )
    return files, skipped


def read_file(
    path: Path,
    pattern: re.Pattern[str] | None = None,
    interviewers: Sequence[str] = (),
    encoding: str | None = None,
) -> NewDocument:
    """Read one file into a document with its turns and front-matter attributes."""
    kind = FORMATS[path.suffix.lower()]
    try:
        if kind == "docx":
            text, used = normalise(docx.read(path)), "docx"
        elif kind == "odt":
            text, used = normalise(odt.read(path)), "odt"
        else:
            text, used = decode(path.read_bytes(), str(path), encoding)
    except OSError as exc:
        raise UserError(f"{path} cannot be read ({exc.strerror}).") from None
    attrs, text = frontmatter.split(text, str(path))
    if kind in ("srt", "vtt"):
        text, found = subtitles.parse(text)
    else:
        found = turns.detect(text, pattern, interviewers)
    if not text.strip():
        raise UserError(f"{path} is empty (no transcript text); check that it is the right file.")
    return NewDocument(
        name=path.name,
        text=text,
        source_path=str(path),
        source_format=kind,
        encoding=used,
        turns=found,
        attributes=dict(attrs),  # type: ignore[arg-type]
    )


def read_all(
    paths: Sequence[Path],
    attribute_sheet: Path | Mapping[str, Mapping[str, object]] | None = None,
    turn_pattern: str | None = None,
    interviewers: Sequence[str] = (),
    encoding: str | None = None,
) -> tuple[list[NewDocument], list[Path]]:
    """Read every file under `paths`; attributes from the sheet override front matter.

    The sheet is a CSV path, or its rows as `read_sheet` gives them.
    """
    try:
        pattern = turns.compile_pattern(turn_pattern)
    except (re.error, ValueError) as exc:
        raise UserError(f"The turn pattern {turn_pattern!r} is not usable: {exc}.") from None
    files, skipped = collect(paths)
    sheet = (sheets.read_sheet(attribute_sheet) if isinstance(attribute_sheet, Path)
             else attribute_sheet or {})
    docs = []
    for path in files:
        doc = read_file(path, pattern, interviewers, encoding)
        extra = sheet.get(path.name) or sheet.get(path.stem)
        if extra:
            doc.attributes.update(extra)  # type: ignore[arg-type]
        docs.append(doc)
    return docs, skipped


def unused_sheet_rows(sheet: Mapping[str, object], docs: Sequence[NewDocument]) -> list[str]:
    """The sheet's file names that match none of the documents read (a typo, most often)."""
    names: set[str] = set()
    for doc in docs:
        path = Path(doc.source_path)
        names.update((path.name, path.stem))
    aliases = {Path(key).stem for key in sheet if Path(key).stem != key}  # added by read_sheet
    return [key for key in sheet
            if key not in aliases and key not in names and Path(key).stem not in names]
