"""Exporters by kind and format: data in, file out, no UI.

Each kind of export has a registry (`verbatims.registry.Registry`) over this
package: the module `extracts_docx.py` is the extracts format "docx",
`grid_xlsx.py` the grid format "xlsx", `project_qdpx.py` the project format
"qdpx", `codebook_qdc.py` the codebook format "qdc" (it also registers the
reader of that format), `corpus_iramuteq.py` the text-analysis corpus format
"iramuteq" (`export/corpus.py` builds the texts). Adding a format is adding one
such module, with its writer decorated by the kind's `register()`; the command line's choices, help
and suffix checks are read from the registries.

A writer takes the data and a path and writes the file; `export()` hands it a
temporary path renamed into place only on success (`verbatims.files`), so no
writer deals with atomicity and a failed export leaves no file. Zip-based files
are then normalised (`provenance.normalize_zip`): an unchanged project gives
the same bytes. It hands extracts and grids with every string XML-safe
(`controls.xml_safe_data`): a project made before control characters were
replaced at import still exports.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from verbatims import controls
from verbatims.files import atomic_write
from verbatims.i18n import N_
from verbatims.registry import Registry

Writer = Callable[[Any, Path], None]
Reader = Callable[[Path], dict[str, Any]]  # a codebook: {"name", "description", "codes"}

EXTRACTS: Registry[Writer] = Registry(N_("extracts format"), "verbatims.export", "extracts_")
GRID: Registry[Writer] = Registry(N_("grid format"), "verbatims.export", "grid_")
PROJECT: Registry[Writer] = Registry(N_("project format"), "verbatims.export", "project_")
CODEBOOK: Registry[Writer] = Registry(N_("codebook format"), "verbatims.export", "codebook_")
CODEBOOK_READERS: Registry[Reader] = Registry(N_("codebook format"), "verbatims.export",
                                              "codebook_")
CORPUS: Registry[Writer] = Registry(N_("corpus format"), "verbatims.export", "corpus_")

AGREEMENT: Registry[Writer] = Registry(N_("agreement table format"), "verbatims.export",
                                       "agreement_")
DISAGREEMENTS: Registry[Writer] = Registry(N_("disagreements format"), "verbatims.export",
                                           "disagreements_")

KINDS: dict[str, Registry[Writer]] = {"extracts": EXTRACTS, "grid": GRID,
                                      "project": PROJECT, "codebook": CODEBOOK,
                                      "corpus": CORPUS, "agreement": AGREEMENT,
                                      "disagreements": DISAGREEMENTS}


def formats(kind: str) -> list[str]:
    """The formats of one kind of export ("extracts": csv, docx, html, md, …)."""
    return KINDS[kind].names()


def writer(kind: str, fmt: str) -> Writer:
    return KINDS[kind].get(fmt)


def export(kind: str, fmt: str, data: Any, path: Path, *, choose: str = "") -> None:
    """Write `data` to `path` in format `fmt`: whole, or not at all.

    `choose` ends an error's sentence ("another -o path" by default).
    """
    from verbatims.export.provenance import is_zip, normalize_zip

    func = writer(kind, fmt)
    if kind in ("extracts", "grid"):  # a text may hold what DOCX, ODT or XLSX cannot
        data = controls.xml_safe_data(data)
    provenance = getattr(data, "provenance", None)
    with atomic_write(path, choose=choose) as tmp:
        func(data, tmp)
        if is_zip(tmp):  # DOCX, ODT, XLSX, .qdpx: the same content, the same bytes
            normalize_zip(tmp, provenance.date if provenance is not None else None)
