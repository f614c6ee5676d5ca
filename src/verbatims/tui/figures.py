"""Publication figures and tables from the workbench: the same calls as the command line.

Pure helpers (no Textual): which figures exist, their default file names, the
documents field, and `make`, which writes one through `export.figures`. The
form is screens/figures.py, the worker controllers/figures.py, the result
pane panes/figures.py.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from verbatims.errors import UserError
from verbatims.export.figures.registry import forms as figure_forms
from verbatims.folding import fold
from verbatims.i18n import _
from verbatims.store import Project
from verbatims.where import resolve_key, tokens

if TYPE_CHECKING:
    import pandas as pd

    from verbatims.pseudo.replace import Pseudonymizer

Where = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Kind:
    """One figure or table the form can make; `subject` names the field it needs."""

    label: str
    palette: str
    subject: str  # "pivot", "code", "code?" (optional), "attribute?" or ""
    formats: tuple[str, ...]
    stem: str


def _kinds() -> dict[str, Kind]:
    """The form's entries, from the figure registry (export/figures/kinds/).

    Labels stay marked with N_ there and are translated where shown, so a change
    of language in the workbench shows them in the new language.
    """
    return {key: Kind(form.label, form.palette, form.subject, figure.formats, form.stem or key)
            for key, (form, _name, figure) in figure_forms().items()}


KINDS: dict[str, Kind] = _kinds()


@dataclass(frozen=True)
class FigureRequest:
    kind: str
    subject: str
    where: Where
    output: Path
    pseudonymize: bool = False  # names hidden with the project's key, the file checked


# -- pure helpers (tested without the UI) ---------------------------------------------------


def slug(text: str, limit: int = 60) -> str:
    """A readable file-name part: "Numérique responsable" -> "numerique-responsable"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:limit].rstrip("-")


def figures_folder(location: str) -> Path:
    """`figures/` next to the project file (the working folder for a server project)."""
    from verbatims.store.engine import sqlite_path

    path = sqlite_path(location)
    base = path.resolve().parent if path is not None else Path.cwd()
    return base / "figures"


def unique(path: Path) -> Path:
    """`path`, or `stem-2`, `stem-3`… when it exists: nothing is replaced silently."""
    n = 2
    found = path
    while found.exists():
        found = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return found


def default_name(kind: str, subject: str, where: Where, fmt: str) -> str:
    """e.g. cooc-numerique-responsable.png, stats-by-genre.xlsx, codemap-epci.svg."""
    info = KINDS[kind]
    parts = [info.stem]
    if subject.strip():
        name = subject.strip()
        if info.subject.startswith("code"):
            name = name.rsplit("/", 1)[-1]  # the code, not its whole path
        parts.append(("by-" if info.subject.startswith("attribute") else "") + slug(name))
    parts += [slug(value) for _key, value in where]
    return "-".join(p for p in parts if p) + "." + fmt


def parse_where(text: str, keys: Sequence[str]) -> Where:
    """ATTRIBUTE=VALUE pairs; the attribute may be typed without accents or capitals."""
    out = []
    for token in tokens(text):
        key, sep, value = token.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UserError(_("“{token}” is not ATTRIBUTE=VALUE; type e.g. "
                              "type_collectivite=EPCI, or leave the Documents field empty.")
                            .format(token=token))
        if fold(key) == "code":
            raise UserError(_("Figures are not filtered by code here; choose the code in the "
                              "Code field (word cloud, specific terms) instead."))
        out.append((resolve_key(key, keys) or key.strip(), value.strip()))
    return tuple(out)


def filter_as_where(text: str) -> str:
    """The ATTRIBUTE=VALUE part of a Documents-tab filter (words and code= left out)."""
    kept = []
    for token in tokens(text):
        key, sep, value = token.partition("=")
        if sep and key and value and fold(key) != "code":
            kept.append(f'{key}="{value}"' if " " in value else token)
    return " ".join(kept)


def breakdown_attribute(keys: Sequence[str],
                        attributes: Mapping[int, Mapping[str, object]]) -> str:
    """The first attribute with 2 to 6 distinct values: a useful default breakdown."""
    for key in keys:
        values = {str(a[key]) for a in attributes.values() if a.get(key) not in (None, "")}
        if 2 <= len(values) <= 6:
            return key
    return ""


def make(project: Project, request: FigureRequest,
         progress: Callable[[int, int], None] | None = None) -> str:
    """Write the requested figure or table; return the line saying where."""
    kind, subject, where = request.kind, request.subject.strip(), list(request.where)
    needs = KINDS[kind].subject
    if needs == "pivot" and not subject:
        raise UserError(_("Type the pivot: a word or locution, e.g. numérique responsable."))
    if needs == "code" and not subject:
        raise UserError(_("Choose the code (ctrl+o opens the code picker)."))
    output = unique(request.output)
    folder = output.parent
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_("Cannot create the folder {folder} ({error}); choose another "
                          "file.").format(folder=folder, error=exc.strerror)) from None
    pz = _pseudonymizer(project, request, output)
    try:
        from verbatims.pseudo import guard

        with guard.protecting(pz):  # the written file is read back for names
            return _run(project, kind, subject, where, output, progress, pz)
    except BaseException:
        if created and not any(folder.iterdir()):
            folder.rmdir()  # a failed figure leaves nothing behind, not even its folder
        raise


def _pseudonymizer(project: Project, request: FigureRequest, output: Path | None
                   ) -> Pseudonymizer | None:
    """The key `verbatims pseudonymize` wrote last, when names are to be hidden."""
    if not request.pseudonymize:
        return None
    from verbatims.pseudo.workflow import pseudonymizer

    return pseudonymizer(project, None, output)


def _run(project: Project, kind: str, subject: str, where: list[tuple[str, str]],
         output: Path, progress: Callable[[int, int], None] | None = None,
         pz: Pseudonymizer | None = None) -> str:
    """Make the figure `kind` (a form's key) through its registered make function."""
    form, _name, figure = figure_forms()[kind]
    options: dict[str, object] = {}
    if form.option:
        options[form.option] = subject or None
    if figure.takes("where"):
        options["where"] = where
    if figure.takes("progress") and progress is not None:
        options["progress"] = progress
    if pz is not None:
        from verbatims.pseudo.view import shown

        options["hide"] = shown(project, pz)
    return figure.make(project, output, **options)


def table_for(project: Project, request: FigureRequest) -> pd.DataFrame | None:
    """The terms or rows behind a figure just made, for the Figures tab (None if none).

    The same core calls as the figure, asked for their table (a CSV in a
    temporary folder) rather than repeating their arguments here. A figure
    made with names hidden has its table shown with them hidden too.
    """
    table = _table(project, request)
    pz = _pseudonymizer(project, request, None)
    if table is None or pz is None:
        return table
    from verbatims.pseudo.view import hide_frame

    return hide_frame(table, getattr(pz, "term", pz))  # a term may hold a piece of a name


def _table(project: Project, request: FigureRequest) -> pd.DataFrame | None:
    import pandas as pd

    kind, subject, where = request.kind, request.subject.strip(), list(request.where)
    if request.output.suffix.lower() == ".csv":
        return pd.read_csv(request.output)
    if "csv" in KINDS[kind].formats:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "table.csv"
            _run(project, kind, subject, where, out, pz=_pseudonymizer(project, request, out))
            return pd.read_csv(out)
    if kind == "cloud":
        from verbatims.analysis.terms import term_frequencies
        from verbatims.export.figures.make import _code_ids, _documents

        ids, path = _code_ids(project, subject) if subject else (None, "")
        freqs = term_frequencies(project, document_ids=_documents(project, where),
                                 code_ids=ids, code_label=path, top=120)
        return freqs.table
    if kind == "map":
        from verbatims.analysis.codes import code_summary
        from verbatims.export.figures.make import _documents

        summary = code_summary(project, _documents(project, where))
        return summary[summary["codings"] > 0].drop(columns=["color"], errors="ignore")
    return None
