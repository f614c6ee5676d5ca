"""Rich Text Format (.rtf), as older word processors and some transcription
services save it: the text, read with striprtf."""

from __future__ import annotations

from pathlib import Path

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.ingest import frontmatter
from verbatims.ingest.decode import normalise
from verbatims.ingest.registry import READERS, Options, Read, Reader
from verbatims.ingest.textfile import read_bytes


def read(path: Path, options: Options) -> Read:
    from striprtf.striprtf import rtf_to_text

    data = read_bytes(path)
    if not data.lstrip().startswith(b"{\\rtf"):
        raise UserError(_("{path} is not an RTF file (it does not start with {{\\rtf); "
                          "open it in a word processor and save it again as .rtf.").format(
                              path=path))
    codepage = options.encoding or _codepage(data)
    try:
        text = str(rtf_to_text(data.decode("latin-1"), encoding=codepage,  # type: ignore[no-untyped-call]
                               errors="replace"))
    except Exception as exc:  # noqa: BLE001 - striprtf raises plain exceptions
        raise UserError(_("{path} is a damaged RTF file ({error}); open it in a word "
                          "processor and save it again.").format(
                              path=path, error=exc.__class__.__name__)) from None
    text = normalise(text)
    attrs, text, notes = frontmatter.split_noting(text, str(path))
    return Read(text, codepage, None, attrs, notes)


def _codepage(data: bytes) -> str:
    head = data[:400]
    at = head.find(b"\\ansicpg")
    if at >= 0:
        digits = head[at + 8:at + 13].split(b"\\")[0].split(b" ")[0]
        if digits.isdigit():
            return f"cp{int(digits)}"
    return "cp1252"


FORMAT = READERS.register(suffixes=(".rtf",), help=N_("Rich Text Format"))(
    Reader(read))
