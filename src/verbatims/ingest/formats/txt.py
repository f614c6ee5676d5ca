"""Plain text: speaker markers found in the text itself."""

from __future__ import annotations

from pathlib import Path

from verbatims.i18n import N_
from verbatims.ingest import frontmatter
from verbatims.ingest.registry import READERS, Options, Read, Reader
from verbatims.ingest.textfile import read_text


def read(path: Path, options: Options) -> Read:
    text, used = read_text(path, options.encoding)
    attrs, text, notes = frontmatter.split_noting(text, str(path))
    return Read(text, used, None, attrs, notes)


FORMAT = READERS.register(suffixes=(".txt", ".text"), help=N_("plain text"))(
    Reader(read))
