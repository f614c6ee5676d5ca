"""The import formats: one module per format in `ingest/formats/`.

The formats are plug-ins of `verbatims.registry.Registry`: the module
`ingest/formats/trs.py` is the format "trs", and registers a `Reader` (how to
read a file, and optionally a sniffer to choose between formats that share a
suffix: a TEI and a Transcriber file are both XML) with its suffixes and a
title. Adding a format is adding a module; the CLI's `--format` choices, its
help and the list of importable suffixes follow.

    # ingest/formats/trs.py
    FORMAT = READERS.register(suffixes=(".trs", ".xml"), help=N_("Transcriber"))(
        Reader(read, sniff=_sniff, priority=1, states_speakers=True))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from verbatims.i18n import N_
from verbatims.model.entities import Turn
from verbatims.registry import Entry, Registry


@dataclass(frozen=True)
class Options:
    """What the user asked of an import that a reader needs (`--turn-pattern` is
    applied to the text a reader gives, by `ingest.read_file`, whatever the format)."""

    interviewers: tuple[str, ...] = ()
    encoding: str | None = None


@dataclass
class Part:
    """One document of a file that holds several (an IRaMuTeQ corpus holds many texts)."""

    name: str
    text: str
    attributes: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    markers: bool = True  # False: the format carries no speaker (IRaMuTeQ: the speech only)


@dataclass
class Read:
    """A file as a reader gives it: the text to store, and its turns when the format
    states them (None: find them in the text). A file of several documents gives
    them as `parts` (its `text` is then their sum, for the emptiness check)."""

    text: str
    encoding: str
    turns: tuple[Turn, ...] | None = None
    attributes: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)


@dataclass(frozen=True)
class Reader:
    """What a format module registers."""

    read: Callable[[Path, Options], Read]
    sniff: Callable[[bytes], bool] | None = None  # among formats sharing a suffix
    priority: int = 0  # the higher, the earlier asked when a suffix is shared
    states_speakers: bool = False  # the file says who speaks (no markers to find)


READERS: Registry[Reader] = Registry(N_("transcript format"), "verbatims.ingest.formats")


@dataclass(frozen=True)
class Format:
    """A format as callers use it: its name (as `--format` takes it), suffixes, title
    (N_()-marked: translate when shown) and reader."""

    name: str
    suffixes: tuple[str, ...]
    title: str
    read: Callable[[Path, Options], Read]
    sniff: Callable[[bytes], bool] | None
    priority: int
    states_speakers: bool

    @classmethod
    def of(cls, entry: Entry[Reader]) -> Format:
        r = entry.value
        return cls(entry.name, entry.suffixes, entry.help, r.read, r.sniff, r.priority,
                   r.states_speakers)


class _Formats:
    """The registry seen as formats: names without importing, the rest on demand."""

    def names(self) -> list[str]:
        return READERS.names()

    def get(self, name: str) -> Format | None:
        return Format.of(READERS.entry(name)) if name in READERS.names() else None

    def __iter__(self) -> Iterator[Format]:
        return iter([Format.of(e) for e in READERS.entries()])


FORMATS = _Formats()


def suffixes() -> list[str]:
    return sorted({s for f in FORMATS for s in f.suffixes})


def for_path(path: Path, head: bytes | None = None) -> Format | None:
    """The format of a file from its suffix, sniffing its first bytes when needed."""
    suffix = "".join(path.suffixes[-2:]).lower() if len(path.suffixes) > 1 else ""
    candidates = [f for f in FORMATS if suffix and suffix in f.suffixes]
    if not candidates:
        candidates = [f for f in FORMATS if path.suffix.lower() in f.suffixes]
    if not candidates:
        return None
    candidates.sort(key=lambda f: -f.priority)
    sniffing = [f for f in candidates if f.sniff is not None]
    if sniffing:
        if head is None:
            try:
                with path.open("rb") as fh:
                    head = fh.read(4096)
            except OSError:
                head = b""
        for fmt in sniffing:
            if fmt.sniff is not None and fmt.sniff(head):
                return fmt
    plain = [f for f in candidates if f.sniff is None]
    return plain[0] if plain else None  # an .xml neither TEI nor Transcriber, a .json config
