"""HTML pages and caption files: the visible text, paragraphs kept, embeds out."""

from __future__ import annotations

from pathlib import Path

from verbatims.i18n import N_
from verbatims.ingest import frontmatter
from verbatims.ingest.decode import normalise
from verbatims.ingest.markup import html_to_text
from verbatims.ingest.registry import READERS, Options, Read, Reader
from verbatims.ingest.textfile import read_text


def read(path: Path, options: Options) -> Read:
    text, used = read_text(path, options.encoding)
    attrs, text, notes = frontmatter.split_noting(text, str(path))
    return Read(normalise(html_to_text(text)), used, None, attrs, notes)


FORMAT = READERS.register(suffixes=(".html", ".htm", ".xhtml"), help=N_("HTML"))(
    Reader(read))
