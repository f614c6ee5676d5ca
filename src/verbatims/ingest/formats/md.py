"""Markdown (and blog or caption pages written in it): markup out, front matter in."""

from __future__ import annotations

from pathlib import Path

from verbatims.i18n import N_
from verbatims.ingest import frontmatter
from verbatims.ingest.decode import normalise
from verbatims.ingest.markup import markdown_to_text
from verbatims.ingest.registry import READERS, Options, Read, Reader
from verbatims.ingest.textfile import read_text


def read(path: Path, options: Options) -> Read:
    text, used = read_text(path, options.encoding)
    attrs, text, notes = frontmatter.split_noting(text, str(path))
    return Read(normalise(markdown_to_text(text)), used, None, attrs, notes)


FORMAT = READERS.register(suffixes=(".md", ".markdown"), help=N_("Markdown"))(
    Reader(read))
