"""Publication figures and tables from the workbench: the same calls as the command line.

`F` (or the command palette) opens a form (screens/figures.py) filled from what
is on screen: the code highlighted in the Codes tab, the selected words, the
Documents tab's ATTRIBUTE=VALUE filter. The figure is made by
its `Figure` (export/figures/registry.py) in a thread worker, serialised by a lock (matplotlib is
not thread-safe), and written next to the project under a name that never
replaces an existing file.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import SystemCommand
from textual.message import Message

from verbatims.errors import UserError
from verbatims.export.figures.registry import forms as figure_forms
from verbatims.folding import fold
from verbatims.i18n import _
from verbatims.store import Project
from verbatims.where import resolve_key, tokens

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
    """The form's entries, from the figure registry (export/figures/kinds/)."""
    return {key: Kind(_(form.label), _(form.palette), form.subject, figure.formats,
                      form.stem or key)
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
            raise UserError(f"{token!r} is not ATTRIBUTE=VALUE; type e.g. "
                            "type_collectivite=EPCI, or leave the Documents field empty.")
        if fold(key) == "code":
            raise UserError("Figures are not filtered by code here; choose the code in the "
                            "Code field (word cloud, specific terms) instead.")
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
        raise UserError("Type the pivot: a word or locution, e.g. numérique responsable.")
    if needs == "code" and not subject:
        raise UserError("Choose the code (ctrl+o opens the code picker).")
    output = unique(request.output)
    folder = output.parent
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Cannot create the folder {folder} ({exc.strerror}); "
                        "choose another file.") from None
    form, _name, figure = figure_forms()[kind]
    options: dict[str, object] = {}
    if form.option:
        options[form.option] = subject or None
    if figure.takes("where"):
        options["where"] = where
    if figure.takes("progress"):
        options["progress"] = progress
    pz = None
    if request.pseudonymize:
        from verbatims.pseudo.view import shown
        from verbatims.pseudo.workflow import pseudonymizer

        pz = pseudonymizer(project, None, output)  # the key `pseudonymize` wrote last
        options["hide"] = shown(project, pz)
    try:
        from verbatims.pseudo import guard

        with guard.protecting(pz):  # the written file is read back for names
            return figure.make(project, output, **options)
    except BaseException:
        if created and not any(folder.iterdir()):
            folder.rmdir()  # a failed figure leaves nothing behind, not even its folder
        raise


# -- messages from the worker ---------------------------------------------------------------


class FigureProgress(Message):
    def __init__(self, request: FigureRequest, done: int, total: int) -> None:
        super().__init__()
        self.request = request
        self.done = done
        self.total = total


class FigureDone(Message):
    """`text` says where the file was written, or (`error`) what to change."""

    def __init__(self, request: FigureRequest, text: str, error: bool) -> None:
        super().__init__()
        self.request = request
        self.text = text
        self.error = error
        self.store_changed = False  # commits while the figure ran: reload the view


# -- the app's side -------------------------------------------------------------------------


class FigureActions:
    """Mixed into `VerbatimsApp`."""

    project: Project
    overview: Any
    extracts_code: int | None
    watcher: Any
    screen: Any
    notify: Any
    push_screen: Any
    post_message: Any
    query_one: Any
    write: Any
    _figure_kind = "cooc"
    figure_running = False
    _figure_lock = threading.Lock()

    if TYPE_CHECKING:

        @property
        def active_tab_name(self) -> str: ...

    def figure_commands(self) -> Iterator[SystemCommand]:
        """One command-palette entry per figure and table."""
        for key, info in KINDS.items():
            yield SystemCommand(info.palette, f"key: F, then {info.label.lower()}",
                                partial(self.action_figure, key))

    def action_figure(self, kind: str = "") -> None:
        from verbatims.tui.screens.figures import FigureForm
        from verbatims.tui.widgets.codetree import CodeTreePane
        from verbatims.tui.widgets.documents import DocumentsPane

        if self.overview is None:
            self.notify("The project is still loading; try again in a moment.")
            return
        data = self.overview
        kind = kind if kind in KINDS else self._figure_kind
        current = self.query_one(CodeTreePane).current
        code_id = current.id if current is not None else self.extracts_code
        code = data.paths.get(code_id, "") if code_id is not None else ""
        on_code = self.active_tab_name in ("codes", "extracts")
        doc_filter = self.query_one(DocumentsPane).query_one("#doc-filter").value
        defaults = {
            "pivot": self._selected_words(),
            "code": code,
            "code?": code if on_code else "",
            "attribute?": breakdown_attribute(data.keys, data.attributes),
        }
        from verbatims.store.pseudonyms import KEY_PATH

        keyed = bool(self.project.get_meta(KEY_PATH))  # a key exists: names hidden by default
        self.push_screen(FigureForm(
            kind, defaults, filter_as_where(doc_filter), figures_folder(self.project.location),
            data.keys, data.codes, data.paths, data.counts, on_submit=self.make_figure,
            pseudonymize=keyed))

    def _selected_words(self) -> str:
        """The transcript's selected words (a short selection only), as a default pivot."""
        view = self.query_one("#transcript-view")
        sel = view.selection
        if sel is None or not 0 < sel.end - sel.start <= 60:
            return ""
        return " ".join(view.text[sel.start:sel.end].split())

    @work(thread=True, group="figure")
    def make_figure(self, request: FigureRequest) -> None:
        self._figure_kind = request.kind

        def progress(done: int, total: int) -> None:
            self.post_message(FigureProgress(request, done, total))

        with self._figure_lock:
            # A figure may save lemmas and the analysed corpus in the project: the poll
            # leaves the store alone meanwhile, so it takes neither for a colleague's work.
            self.figure_running = True
            try:
                done = FigureDone(request, make(self.project, request, progress), False)
            except UserError as error:
                done = FigureDone(request, error.message, True)
            except Exception as error:  # noqa: BLE001 - a notice, never a traceback
                text = f"Could not make the figure: {error.__class__.__name__}: {error}"
                done = FigureDone(request, text, True)
            finally:
                try:
                    # Absorb our own commits; anyone else's meanwhile are reloaded below.
                    done.store_changed = self.watcher.changed()
                except Exception:  # noqa: BLE001 - a busy file: the next poll will tell
                    pass
                self.figure_running = False
            self.post_message(done)

    def on_figure_progress(self, message: FigureProgress) -> None:
        from verbatims.tui.screens.figures import FigureForm

        text = (f"Lemmatising with spaCy: {message.done}/{message.total} documents "
                "(first time only)…")
        if message.done == 0:
            self.notify("Lemmatising the corpus (first time only; kept in the project)…",
                        timeout=4)
        if isinstance(self.screen, FigureForm) and self.screen.pending is message.request:
            self.screen.status(text)

    def on_figure_done(self, message: FigureDone) -> None:
        from verbatims.tui.screens.figures import FigureForm

        if message.store_changed:  # commits made meanwhile were not shown: reload
            self.write(lambda: (None, None), full=True)
        if message.error:
            self.notify(message.text, severity="error", timeout=8, markup=False)
            if isinstance(self.screen, FigureForm) and self.screen.pending is message.request:
                self.screen.pending = None
                self.screen.status(message.text, error=True)
            return
        if isinstance(self.screen, FigureForm) and self.screen.pending is message.request:
            self.screen.dismiss(None)
        self.notify(message.text, title="Figure", timeout=8, markup=False)
