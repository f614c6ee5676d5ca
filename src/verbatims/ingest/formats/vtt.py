"""WebVTT captions (.vtt): cues and voice tags become timed speaker turns."""

from __future__ import annotations

from pathlib import Path

from verbatims.i18n import N_
from verbatims.ingest import cues, timed
from verbatims.ingest.registry import READERS, Options, Read, Reader
from verbatims.ingest.textfile import read_text


def read(path: Path, options: Options) -> Read:
    text, used = read_text(path, options.encoding)
    rendered, turns = timed.render(cues.segments(text), options)
    return Read(rendered, used, turns)


FORMAT = READERS.register(suffixes=(".vtt",), help=N_("WebVTT captions"))(
    Reader(read, states_speakers=True))
