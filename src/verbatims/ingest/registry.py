"""The import formats: one module per format in `ingest/formats/`, found at first use.

A format module defines `FORMAT = Format(...)`: its name (as `--format` takes
it), the file suffixes it claims, a title for help and messages, a reader, and
optionally a sniffer to choose between formats that share a suffix (a TEI and
a Transcriber file are both XML). Adding a format is adding a module; the CLI's
`--format` choices, its help and the list of importable suffixes follow.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from verbatims.model.entities import Turn

T = TypeVar("T")


class Registry(Generic[T]):
    """Named entries gathered from the modules of a package (each defines `attr`)."""

    def __init__(self, package: str, attr: str, name: Callable[[T], str]) -> None:
        self._package, self._attr, self._name = package, attr, name
        self._entries: dict[str, T] | None = None

    def _load(self) -> dict[str, T]:
        if self._entries is None:
            module = importlib.import_module(self._package)
            found: dict[str, T] = {}
            for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda i: i.name):
                if info.name.startswith("_"):
                    continue
                sub = importlib.import_module(f"{self._package}.{info.name}")
                entry = getattr(sub, self._attr, None)
                if entry is not None:
                    found[self._name(entry)] = entry
            self._entries = found
        return self._entries

    def names(self) -> list[str]:
        return sorted(self._load())

    def get(self, name: str) -> T | None:
        return self._load().get(name)

    def __iter__(self) -> Iterator[T]:
        return iter(self._load().values())


@dataclass(frozen=True)
class Options:
    """What the user asked of an import, for every format."""

    pattern: re.Pattern[str] | None = None
    interviewers: tuple[str, ...] = ()
    encoding: str | None = None


@dataclass
class Read:
    """A file as a reader gives it: the text to store, and its turns when the format
    states them (None: find them in the text)."""

    text: str
    encoding: str
    turns: tuple[Turn, ...] | None = None
    attributes: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    title: str  # N_()-marked: translate when shown
    read: Callable[[Path, Options], Read]
    sniff: Callable[[bytes], bool] | None = None  # among formats sharing a suffix
    priority: int = 0  # the higher, the earlier asked when a suffix is shared
    states_speakers: bool = False  # the file says who speaks (no markers to find)


FORMATS: Registry[Format] = Registry("verbatims.ingest.formats", "FORMAT", lambda f: f.name)


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
    if len(candidates) > 1:
        if head is None:
            try:
                with path.open("rb") as fh:
                    head = fh.read(4096)
            except OSError:
                head = b""
        for fmt in candidates:
            if fmt.sniff is not None and fmt.sniff(head):
                return fmt
        plain = [f for f in candidates if f.sniff is None]
        return plain[0] if plain else None  # an .xml that is neither TEI nor Transcriber
    return candidates[0]
