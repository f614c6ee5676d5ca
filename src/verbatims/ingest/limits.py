"""What verbatims agrees to read, in one place, for every reader of a file from elsewhere.

A hostile (or broken) file must end in a sentence, not in gigabytes of memory:
a `.docx` of 4.6 MB can unpack to 5.5 GB ("zip bomb"), an XML part can declare
entities that expand a billion times ("billion laughs"). Every reader calls the
checks below before parsing, and the import checks every document's length
after; the sentence names the limit exceeded. The transcript readers
(`ingest/formats/`), the `.qdpx` reader (`refi/safezip.py`) and the codebook
readers share these numbers.

A long interview is 100,000 characters; the whole demo corpus 120,000; a
thesis's fifty interviews a few million. The limits are far above that and far
below what would exhaust a laptop.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import IO

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.model.entities import Turn

MAX_FILE = 256 * 1024 * 1024  # bytes of one file read from disk
MAX_UNPACKED = 512 * 1024 * 1024  # bytes an archive (.docx, .odt, .qdpx) unpacks to
MAX_PART = 64 * 1024 * 1024  # bytes of one XML part parsed (a .docx's document.xml)
MAX_MEMBERS = 100_000  # files inside one archive
MAX_CHARS = 20_000_000  # characters of one document's text
MAX_MS = 1000 * 3600 * 1000  # a time in a recording: a thousand hours

_DTD = (b"<!DOCTYPE", b"<!ENTITY")
_READABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)


def mb(n: int) -> str:
    return f"{n // (1024 * 1024):,} MB"


def check_file(path: Path) -> None:
    """Refuse a file larger than `MAX_FILE` before reading it."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader says why it cannot read it
    if size > MAX_FILE:
        raise UserError(_("{path} is {size}, more than the {limit} verbatims reads from one "
                          "file; split it, or check that it is a transcript.").format(
                              path=path, size=mb(size), limit=mb(MAX_FILE)))


def check_text(text: str, where: str) -> None:
    """Refuse a document longer than `MAX_CHARS` characters."""
    if len(text) > MAX_CHARS:
        raise UserError(_("{where} holds {n} characters of text, more than the {limit} "
                          "verbatims accepts in one document; split it into "
                          "interviews.").format(where=where, n=f"{len(text):,}",
                                                limit=f"{MAX_CHARS:,}"))


def check_turns(turns: Sequence[Turn], length: int, where: str) -> None:
    """Turns a reader made must lie on the text, and their times within a recording:
    a subtitle or CHAT file whose time is 88,888,888,888 ms is damaged, not long."""
    for turn in turns:
        for ms in (turn.time_start_ms, turn.time_end_ms):
            if ms is not None and not 0 <= ms <= MAX_MS:
                raise UserError(_("{where}: a turn is timed at {ms} ms, outside any recording "
                                  "(0 to {hours} hours); the file is damaged, correct that "
                                  "time.").format(where=where, ms=f"{ms:,}",
                                                  hours=f"{MAX_MS // 3_600_000:,}"))
        if not 0 <= turn.start <= turn.end <= length:
            raise UserError(_("{where}: a speaker turn runs from {start} to {end}, outside the "
                              "text (0 to {length}); the file is damaged.").format(
                                  where=where, start=turn.start, end=turn.end, length=length))


def unsafe_name(name: str) -> bool:
    """A member name that would leave the archive if it were extracted."""
    clean = name.replace("\\", "/")
    parts = PurePosixPath(clean).parts
    return (clean.startswith("/") or ".." in parts
            or (bool(parts) and (":" in parts[0] or parts[0].startswith("~"))))


def is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def open_archive(path: Path | IO[bytes], kind: str, where: str = "") -> zipfile.ZipFile:
    """A zip archive (a .docx, .odt or .qdpx) checked before anything in it is read.

    Refused, each with its sentence: a file that is not a zip; more than
    `MAX_MEMBERS` members or `MAX_UNPACKED` bytes once unpacked; a member whose
    name leaves the archive ("../", "/etc", "C:"), a symbolic link, an encrypted
    member or one compressed in a way Python cannot read. `path` may be a file
    object (a .docx inside a .qdpx), named `where` in messages.
    """
    if isinstance(path, Path):
        check_file(path)
    source, path = path, where or path  # type: ignore[assignment]  # what messages say
    try:
        archive = zipfile.ZipFile(source)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        raise UserError(_("{path} is not a readable {kind} file (not a zip archive, or a "
                          "damaged one); export it again.").format(path=path, kind=kind)
                        ) from None
    try:
        if len(infos) > MAX_MEMBERS:
            raise UserError(_("{path} holds {n} files, more than the {limit} verbatims "
                              "reads in a {kind} file.").format(
                                  path=path, n=f"{len(infos):,}", limit=f"{MAX_MEMBERS:,}",
                                  kind=kind))
        total = sum(i.file_size for i in infos)
        if total > MAX_UNPACKED:
            raise UserError(_("{path} would unpack to {size}, more than the {limit} "
                              "verbatims accepts for a {kind} file (a zip bomb?); it is "
                              "refused.").format(path=path, size=mb(total),
                                                 limit=mb(MAX_UNPACKED), kind=kind))
        for info in infos:
            if unsafe_name(info.filename):
                raise UserError(_("{path} holds a file named {name!r}, a path that leads "
                                  "out of the archive; verbatims refuses the whole "
                                  "file.").format(path=path, name=info.filename))
            if is_symlink(info):
                raise UserError(_("{path} holds a symbolic link ({name!r}); verbatims "
                                  "refuses the whole file.").format(path=path,
                                                                    name=info.filename))
            if info.flag_bits & 0x1:
                raise UserError(_("{path} holds an encrypted file ({name!r}); export it "
                                  "again without a password.").format(path=path,
                                                                      name=info.filename))
            if info.compress_type not in _READABLE:
                raise UserError(_("{path} holds {name!r} compressed in a way verbatims "
                                  "cannot read (method {method}); export it again.").format(
                                      path=path, name=info.filename,
                                      method=info.compress_type))
    except UserError:
        archive.close()
        raise
    return archive


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str,
                limit: int = MAX_PART) -> bytes:
    """One member's bytes, refused beyond `limit` or when damaged (a bad CRC)."""
    if info.file_size > limit:
        raise UserError(_("{where}: {name} would unpack to {size}, more than the {limit} "
                          "verbatims reads in one part (a zip bomb?); it is refused.").format(
                              where=where, name=info.filename, size=mb(info.file_size),
                              limit=mb(limit)))
    try:
        with archive.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError,
            RuntimeError, ValueError) as exc:
        raise UserError(_("{where}: {name} is damaged ({error}); export the file "
                          "again.").format(where=where, name=info.filename,
                                           error=str(exc) or exc.__class__.__name__)
                        ) from None
    if len(data) > limit:
        raise UserError(_("{where}: {name} is larger than its archive says; the file is "
                          "damaged or forged.").format(where=where, name=info.filename))
    return data


def check_office(path: Path | IO[bytes], kind: str, where: str = "") -> None:
    """A .docx or .odt checked before python-docx or odfpy open it: the archive's
    limits, each XML part within `MAX_PART` and undamaged, and no DTD or entity
    declaration in any (an office file never has one; a "billion laughs" does)."""
    with open_archive(path, kind, where) as archive:
        shown = where or str(path)
        for info in archive.infolist():
            if info.is_dir() or not info.filename.lower().endswith((".xml", ".rels")):
                continue
            data = read_member(archive, info, shown)
            if any(marker in data for marker in _DTD):
                raise UserError(_("{path}: {name} declares XML entities, which verbatims "
                                  "refuses (a file could expand without end); open it in "
                                  "Word or LibreOffice and save it again.").format(
                                      path=shown, name=info.filename))
