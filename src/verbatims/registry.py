"""Plug-ins found by their module names: one module per format, nothing else to edit.

A `Registry` belongs to a package (and optionally a module-name prefix): every
module there named `<prefix><name>` is the plug-in `name`. It registers itself
when imported, with `@REGISTRY.register()` on the object it provides (a writer
function, a reader, a figure description). The registry lists names without
importing anything (so `--help` and choice lists stay fast), imports a module
only when its plug-in is asked for, and imports them all when the caller needs
every entry (to match a file's extension against all the suffixes declared).

    EXTRACTS = Registry("extracts format", "verbatims.export", prefix="extracts_")

    # verbatims/export/extracts_txt.py
    @EXTRACTS.register(help="Plain text")
    def write(data, path): ...

    EXTRACTS.names()                    # ["csv", "docx", ..., "txt"]
    EXTRACTS.get("txt")(data, path)
    EXTRACTS.for_path(Path("a.txt"))    # the entry whose suffixes include ".txt"

A leaf module (it imports only the error type and the translations).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from verbatims.errors import UserError
from verbatims.i18n import _, ngettext

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """One plug-in: its name, what it provides, the file suffixes it handles, one line
    of help (for choice lists and messages) and the module that registered it."""

    name: str
    value: T
    suffixes: tuple[str, ...]
    help: str
    module: str


class Registry(Generic[T]):
    """The plug-ins of one kind, one module each, in `package` under `prefix`."""

    def __init__(self, what: str, package: str, prefix: str = "") -> None:
        self.what = what  # for messages: "extracts format", "figure", "transcript format"
        self.package = package
        self.prefix = prefix
        self._entries: dict[str, Entry[T]] = {}
        self._names: tuple[str, ...] | None = None
        self._lock = threading.RLock()  # workbench workers may ask at the same time

    # -- the plug-in's side ----------------------------------------------------------

    def register(self, *, suffixes: Sequence[str] | None = None, help: str = "",
                 name: str | None = None) -> Callable[[T], T]:
        """Decorator (or call on a value) recording the plug-in of the calling module.

        The name is the calling module's name without the prefix, so a module's
        file name is its plug-in's name; `name` may only repeat it. `suffixes`
        default to `.name`; `help` defaults to the first line of the module's
        docstring (which should name the format), else of the value's.
        """
        module_name = sys._getframe(1).f_globals.get("__name__", "")
        expected = self._name_of(module_name)
        if expected is None or (name is not None and name != expected):
            raise LookupError(f"{module_name} cannot register {name or '?'!r} in the "
                              f"{self.what} registry: plug-ins are the modules "
                              f"{self.package}.{self.prefix}<name>, named after their file.")
        module_doc = sys.modules[module_name].__doc__ if module_name in sys.modules else None

        def record(value: T) -> T:
            summary = help or _first_line(module_doc) or _first_line(
                getattr(value, "__doc__", None))
            found = tuple(s.lower() for s in suffixes) if suffixes else (f".{expected}",)
            with self._lock:
                self._entries[expected] = Entry(expected, value, found, summary, module_name)
            return value

        return record

    # -- the caller's side -----------------------------------------------------------

    def names(self) -> list[str]:
        """Every plug-in's name, sorted, read from the module names (nothing imported)."""
        with self._lock:
            if self._names is None:
                package = importlib.import_module(self.package)
                found = {self._name_of(f"{self.package}.{info.name}")
                         for info in pkgutil.iter_modules(package.__path__)}
                self._names = tuple(sorted(n for n in found | set(self._entries) if n))
            return list(self._names)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.names()

    def __iter__(self) -> Iterator[Entry[T]]:
        return iter(self.entries())

    def entry(self, name: str) -> Entry[T]:
        """The plug-in `name`, its module imported if need be; UserError if there is none."""
        key = name.strip().lower()
        if key not in self.names():
            raise UserError(_("There is no {what} {name!r}; choose one of {names}.").format(
                what=_(self.what), name=name, names=", ".join(self.names())))
        with self._lock:
            if key not in self._entries:
                importlib.import_module(f"{self.package}.{self.prefix}{key}")
            if key not in self._entries:
                raise LookupError(f"{self.package}.{self.prefix}{key} registers nothing in the "
                                  f"{self.what} registry; decorate its plug-in with "
                                  "`.register()`.")
            return self._entries[key]

    def get(self, name: str) -> T:
        """What the plug-in `name` provides (see `entry`)."""
        return self.entry(name).value

    def entries(self) -> list[Entry[T]]:
        """Every plug-in, sorted by name (every module imported)."""
        return [self.entry(name) for name in self.names()]

    def suffixes(self) -> list[str]:
        """Every file suffix some plug-in handles (".docx"), sorted."""
        return sorted({s for entry in self.entries() for s in entry.suffixes})

    def for_path(self, path: Path | str) -> Entry[T]:
        """The plug-in for a file, by its extension; UserError naming those there are.

        The plug-in named like the extension is tried first, so a file usually
        imports one module only.
        """
        suffix = Path(path).suffix.lower()
        name = suffix.lstrip(".")
        if name in self.names() and suffix in self.entry(name).suffixes:
            return self.entry(name)
        for entry in self.entries():
            if suffix in entry.suffixes:
                return entry
        known = self.suffixes()
        raise UserError(ngettext("{path}: verbatims has no {what} for {suffix} files; use "
                                 "{suffixes}.",
                                 "{path}: verbatims has no {what} for {suffix} files; use one "
                                 "of {suffixes}.", len(known)).format(
            path=path, what=_(self.what), suffix=suffix or _("extension-less"),
            suffixes=", ".join(known)))

    def _name_of(self, module_name: str) -> str | None:
        package, _dot, tail = module_name.rpartition(".")
        if package != self.package or not tail.startswith(self.prefix) or tail == self.prefix:
            return None
        if tail.startswith("_"):  # private helpers of the package are not plug-ins
            return None
        return tail[len(self.prefix):]


def _first_line(doc: str | None) -> str:
    return doc.strip().splitlines()[0].strip() if doc and doc.strip() else ""
