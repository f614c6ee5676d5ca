"""Publication figures and tables from the workbench: the same calls as the command line.

Pure helpers (no Textual): which figures exist, their default file names, the
documents field, and `make`, which writes one through `export.figures`. The
form is screens/figures.py, the worker controllers/figures.py, the result
pane panes/figures.py.
"""

from __future__ import annotations

import re
import shlex
import tempfile
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.search import fold
from verbatims.store import Project

if TYPE_CHECKING:
    import pandas as pd

Where = tuple[tuple[str, str], ...]
GRAPH = ("png", "svg", "csv", "gexf", "graphml")


@dataclass(frozen=True)
class Kind:
    """One figure or table the form can make; `subject` names the field it needs."""

    label: str
    palette: str
    subject: str  # "pivot", "code", "code?" (optional), "attribute?" or ""
    formats: tuple[str, ...]
    stem: str


KINDS: dict[str, Kind] = {  # labels marked with N_, translated where shown
    "cooc": Kind(N_("Term co-occurrence map around a pivot"),
                 N_("Figure: term co-occurrence map around a pivot…"), "pivot", GRAPH, "cooc"),
    "specific": Kind(N_("Terms specific to a code"), N_("Figure: terms specific to a code"),
                     "code", GRAPH, "specific"),
    "cloud": Kind(N_("Word cloud (corpus, or one code's extracts)"),
                  N_("Figure: word cloud (corpus / current code / current document filter)"),
                  "code?", ("png", "svg"), "cloud"),
    "map": Kind(N_("Code map"), N_("Figure: code map"), "", ("png", "svg"), "codemap"),
    "saturation": Kind(N_("Saturation curve"), N_("Figure: saturation curve"), "",
                       ("png", "svg", "csv"), "saturation"),
    "stats": Kind(N_("Table: code statistics by attribute"),
                  N_("Table: code statistics by attribute"), "attribute?", ("xlsx", "csv"),
                  "stats"),
}


@dataclass(frozen=True)
class FigureRequest:
    kind: str
    subject: str
    where: Where
    output: Path


# -- pure helpers (tested without the UI) ---------------------------------------------------


def slug(text: str, limit: int = 60) -> str:
    """A readable file-name part: "Numérique responsable" -> "numerique-responsable"."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:limit].rstrip("-")


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


def where_tokens(text: str) -> list[str]:
    """Split on spaces except inside quotes, as the Documents filter does."""
    try:
        return shlex.split(text)
    except ValueError:  # an unclosed quote: take the words as they are
        return text.split()


def parse_where(text: str, keys: Sequence[str]) -> Where:
    """ATTRIBUTE=VALUE pairs; the attribute may be typed without accents or capitals."""
    known = {fold(k): k for k in keys}
    out = []
    for token in where_tokens(text):
        key, sep, value = token.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UserError(_("“{token}” is not ATTRIBUTE=VALUE; type e.g. "
                              "type_collectivite=EPCI, or leave the Documents field empty.")
                            .format(token=token))
        if fold(key) == "code":
            raise UserError(_("Figures are not filtered by code here; choose the code in the "
                              "Code field (word cloud, specific terms) instead."))
        out.append((known.get(fold(key.strip()), key.strip()), value.strip()))
    return tuple(out)


def filter_as_where(text: str) -> str:
    """The ATTRIBUTE=VALUE part of a Documents-tab filter (words and code= left out)."""
    kept = []
    for token in where_tokens(text):
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
    from verbatims.export.figures import make as figures

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
    try:
        if kind in ("cooc", "specific"):
            return figures.make_cooc(project, output, where=where, progress=progress,
                                     pivot=subject if kind == "cooc" else None,
                                     code=subject if kind == "specific" else None)
        if kind == "cloud":
            return figures.make_cloud(project, output, code=subject or None, where=where,
                                      progress=progress)
        if kind == "map":
            return figures.make_map(project, output, where=where)
        if kind == "saturation":
            return figures.make_saturation(project, output, where=where)
        keys = {fold(k): k for k in project.attribute_keys()}
        by = keys.get(fold(subject), subject) or None  # "Genre" is the attribute genre
        return figures.make_stats(project, output, by=by, where=where)
    except BaseException:
        if created and not any(folder.iterdir()):
            folder.rmdir()  # a failed figure leaves nothing behind, not even its folder
        raise




def table_for(project: Project, request: FigureRequest) -> pd.DataFrame | None:
    """The terms or rows behind a figure just made, for the Figures tab (None if none).

    The same core calls as the figure, asked for their table (a CSV in a
    temporary folder) rather than repeating their arguments here.
    """
    import pandas as pd

    from verbatims.export.figures import make as figures

    kind, subject, where = request.kind, request.subject.strip(), list(request.where)
    if request.output.suffix.lower() == ".csv":
        return pd.read_csv(request.output)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "table.csv"
        if kind in ("cooc", "specific"):
            figures.make_cooc(project, out, where=where,
                              pivot=subject if kind == "cooc" else None,
                              code=subject if kind == "specific" else None)
            return pd.read_csv(out)
        if kind == "saturation":
            figures.make_saturation(project, out, where=where)
            return pd.read_csv(out)
        if kind == "stats":
            keys = {fold(k): k for k in project.attribute_keys()}
            figures.make_stats(project, out, by=keys.get(fold(subject), subject) or None,
                               where=where)
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
