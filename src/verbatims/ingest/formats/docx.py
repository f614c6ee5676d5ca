"""Word documents: paragraphs, and tables read as a reader reads them.

A table laid out as a transcript (a time column, a speaker column, a text
column, in any order, a header row or not) becomes speaker turns, one row a
turn ("[00:01:02] Maire : …"); other tables are read row by row, cells apart.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import IO, Any

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.ingest import frontmatter, limits
from verbatims.ingest.decode import normalise
from verbatims.ingest.registry import READERS, Options, Read, Reader

_TIME = re.compile(r"^\[?\(?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\)?\]?"
                   r"(?:\s*[-–]\s*\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)?$")


def read(path: Path, options: Options) -> Read:
    limits.check_office(path, ".docx")  # a zip bomb or a billion laughs ends here
    text, notes = text_of(str(path), str(path))
    attrs, text, more = frontmatter.split_noting(text, str(path))
    return Read(text, "docx", None, attrs, notes + more)


def text_of(source: str | IO[bytes], where: str, paragraphs: str = "\n\n"
            ) -> tuple[str, list[str]]:
    """The normalised text of a .docx (a path, or its bytes in a file object already
    checked with `limits`), and notes on how it was read. Paragraphs are apart by
    a blank line; with `paragraphs="\n"`, by one line break each, empty ones kept
    (as a QDA tool counts positions in a Word source: one paragraph mark each)."""
    import docx  # python-docx; imported here so that plain-text imports stay light
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        document = docx.Document(source)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError,
            NotImplementedError) as exc:
        raise UserError(
            _("{path} is not a readable .docx file ({error}); open it in Word or "
              "LibreOffice and save it again as .docx.").format(
                path=where, error=exc.__class__.__name__)
        ) from None
    lines: list[str] = []
    notes: list[str] = []
    body = document.element.body
    ns = body.tag.rsplit("}", 1)[0] + "}"
    for block in body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_text(block))
        elif tag == "tbl":
            rows = [[_text(cell) for cell in row.iter(f"{ns}tc")] for row in block.iter(f"{ns}tr")]
            turns = transcript_rows(rows)
            if turns is None:
                lines.extend(" | ".join(cells) for cells in rows)
            else:
                lines.extend(turns)
                notes.append(_("a table read as speaker turns (time, speaker, text)"))
    if paragraphs == "\n":
        return normalise("\n".join(lines)), notes
    return normalise(paragraphs.join(line for line in lines if line.strip())), notes


def transcript_rows(rows: list[list[str]]) -> list[str] | None:
    """Rows as "[time] Speaker : text" lines, when the table is a transcript; else None."""
    rows = [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]
    width = max((len(r) for r in rows), default=0)
    if width not in (2, 3) or len(rows) < 2:
        return None
    rows = [r + [""] * (width - len(r)) for r in rows]
    body = rows[1:] if not _looks_like_data(rows[0], rows[1:]) else rows
    columns = list(zip(*body, strict=True))
    time_col = next((i for i, col in enumerate(columns)
                     if sum(bool(_TIME.match(c)) for c in col) >= 0.8 * len(col)), None)
    others = [i for i in range(width) if i != time_col]
    if len(others) != 2:
        return None
    lengths = {i: sum(len(c) for c in columns[i]) / len(body) for i in others}
    text_col = max(others, key=lambda i: lengths[i])
    speaker_col = min(others, key=lambda i: lengths[i])
    speakers = Counter(c for c in columns[speaker_col] if c)
    if (not speakers or any(len(s) > 40 or len(s.split()) > 5 for s in speakers)
            or len(speakers) > max(2, len(body) // 2)):
        return None
    out = []
    for row in body:
        stamp = row[time_col].strip("[]() ") if time_col is not None else ""
        stamp = re.split(r"\s*[-–]\s*", stamp)[0]
        speaker, said = row[speaker_col].rstrip(" :"), row[text_col]
        if not said:
            continue
        head = f"[{stamp}] " if stamp and _TIME.match(stamp) else ""
        out.append(f"{head}{speaker} : {said}" if speaker else f"{head}{said}")
    return out


def _looks_like_data(first: list[str], rest: list[list[str]]) -> bool:
    """Whether the first row is a turn rather than a header ("Temps | Locuteur | Texte")."""
    if any(_TIME.match(c) for c in first):
        return True
    names = {r[i] for r in rest for i in range(len(r))}
    return any(c and c in names for c in first)


def _text(node: Any) -> str:
    parts: list[str] = []
    for n in node.iter():
        tag = getattr(n, "tag", "")
        if not isinstance(tag, str):
            continue
        if tag.endswith("}p") and parts:
            parts.append("\n")
        elif tag.endswith("}t"):
            parts.append(n.text or "")
        elif tag.endswith("}tab"):
            parts.append("\t")
        elif tag.endswith("}br") or tag.endswith("}cr"):
            parts.append("\n")
    return "".join(parts)


FORMAT = READERS.register(suffixes=(".docx",), help=N_("Word document"))(
    Reader(read))
