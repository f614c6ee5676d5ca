"""Exporters by name: data in, file out, no UI.

A format module registers its writer with `@exporter("extracts", "docx")`; the
command line looks writers up by kind and format, so adding a format is adding
a module. Every writer goes through `atomic()`: a failed export leaves no file.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from verbatims.errors import UserError

Writer = Callable[[Any, Path], None]
_WRITERS: dict[tuple[str, str], Writer] = {}
_MODULES = {
    "extracts": ("extracts_docx", "extracts_odt", "extracts_html", "extracts_md",
                 "extracts_csv", "extracts_xlsx"),
    "grid": ("grid_docx", "grid_xlsx", "grid_html"),
    "project": ("qdpx",),
    "codebook": ("qdc",),
    "agreement": ("agreement_tables",),
    "disagreements": ("disagreements_docs",),
}


def exporter(kind: str, fmt: str) -> Callable[[Writer], Writer]:
    def register(func: Writer) -> Writer:
        _WRITERS[(kind, fmt)] = func
        return func

    return register


def formats(kind: str) -> list[str]:
    _load(kind)
    return sorted(fmt for k, fmt in _WRITERS if k == kind)


def _load(kind: str) -> None:
    for name in _MODULES.get(kind, ()):
        importlib.import_module(f"verbatims.export.{name}")


def writer(kind: str, fmt: str) -> Writer:
    _load(kind)
    try:
        return _WRITERS[(kind, fmt)]
    except KeyError:
        raise UserError(f"No {kind} export to {fmt!r}; choose one of "
                        f"{', '.join(formats(kind))}.") from None


def check_suffix(path: Path, fmt: str) -> None:
    """The file name says the format asked for, so nobody opens a .docx named .txt."""
    if path.suffix.lower() != f".{fmt}":
        raise UserError(f"{path} does not end in .{fmt} although --format {fmt} was asked; "
                        f"name the file {path.with_suffix('.' + fmt).name} or change "
                        "--format.")


@contextmanager
def atomic(path: Path) -> Iterator[Path]:
    """A temporary path next to `path`, renamed over it only if writing succeeded."""
    if not path.parent.exists():
        raise UserError(f"The folder {path.parent} does not exist; create it or choose "
                        "another -o path.")
    tmp = path.with_name(f".{path.name}.part")
    try:
        yield tmp
        tmp.replace(path)
    except OSError as exc:
        raise UserError(f"Cannot write {path} ({exc.strerror}); choose another "
                        "-o path.") from None
    finally:
        tmp.unlink(missing_ok=True)


def export(kind: str, fmt: str, data: Any, path: Path) -> None:
    func = writer(kind, fmt)
    with atomic(path) as tmp:
        func(data, tmp)
