"""A project as a pseudonymised export sees it: the same reading API, no name in it.

`PseudonymizedProject(project, pseudonymizer)` answers `documents()`, `text()`,
`turns()`, `codings()`, `segments()`, `attributes()`, `codes()`, `memos()`,
`annotations()`, `summaries()` and `get_meta()` like the project, with every accepted name
replaced, each document renamed to a neutral label ("Entretien 3", or the
project's label template), and every offset moved onto the replaced text. An
exporter handed this view instead of the project writes a pseudonymised file
without a line of its own about pseudonymisation, so a new format is safe by
construction; the post-write check (`guard`) backs it up.

Filters take the real names, as the user typed them: `segments(["prestataires"],
[("commune", "Alfortville")])` selects on the project, then hides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.model.entities import (
    Annotation,
    AttributeValue,
    Code,
    Coding,
    Document,
    Memo,
    Segment,
    Turn,
)
from verbatims.pseudo.replace import Pseudonymizer, Remap, fold
from verbatims.store import Project

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_LABEL = "Entretien {n}"
_COMMON_PIECES = {"saint", "sainte", "grand", "grande", "ville", "pays", "port", "mont",
                  "haut", "haute", "bas", "basse", "nord", "sud", "est", "ouest"}
_FIELD = re.compile(r"\{([^{}]+)\}")


def document_labels(docs: Sequence[Document], attrs: dict[int, dict[str, AttributeValue]],
                    template: str, hide: Pseudonymizer) -> dict[int, str]:
    """A neutral, unique label per document: `{n}` its rank, `{attr}` an attribute."""
    out: dict[int, str] = {}
    taken: set[str] = set()
    for n, doc in enumerate(docs, start=1):
        values = attrs.get(doc.id, {})

        def field(m: re.Match[str], n: int = n, values: dict[str, AttributeValue] = values
                  ) -> str:
            key = m[1].strip()
            if key == "n":
                return str(n)
            value = values.get(key)
            if value is None:
                return ""
            return hide(value.isoformat() if isinstance(value, date) else str(value))

        label = " ".join(_FIELD.sub(field, template).split()) or f"Entretien {n}"
        if label in taken:
            label = f"{label} ({n})"
        taken.add(label)
        out[doc.id] = label
    return out


class PseudonymizedProject(Project):
    """Read-only: what `project` holds, as a pseudonymised export may show it."""

    pseudonymized = True

    def __init__(self, project: Project, pseudonymizer: Pseudonymizer,
                 label_template: str | None = None) -> None:
        super().__init__(project.engine, pseudonymizer(project.location))
        self.real = project
        self.hide = pseudonymizer
        self.label_template = label_template or DEFAULT_LABEL
        self._texts: dict[int, tuple[str, Remap]] = {}
        self._labels: dict[int, str] | None = None
        self._piece_map: dict[str, str] | None = None

    def __call__(self, text: str) -> str:
        """`text` as an export may show it: a document's name becomes its label."""
        if not text:
            return text
        for doc in self.real.documents():
            if doc.name == text or Path(doc.source_path).name == text:
                return self.labels()[doc.id]
        return self.hide(text)

    def term(self, text: str) -> str:
        """A figure's term as it may be shown: hidden like any text, and a capitalised word
        of an accepted name hidden too ("région Bourgogne", "Franche Comté" are pieces of
        "Bourgogne-Franche-Comté"), since a term is a fragment with no context."""
        shown = self(text)
        if shown != text:
            return shown
        pieces = self._pieces()
        out = []
        for token in re.split(r"(\s+)", text):
            key = fold(token.strip("'’-.,;:"))
            label = pieces.get(key) if token[:1].isupper() else None
            out.append(label or token)
        return "".join(out)

    def _pieces(self) -> dict[str, str]:
        if self._piece_map is None:
            self._piece_map = {}
            for entry in self.hide.entries:
                if entry.category not in ("PER", "LOC"):
                    continue  # "Innovation" of "CNAM Innovation" stays a term
                for name in (entry.name, *entry.aliases):
                    for word in re.findall(r"[^\W\d_]+", fold(name)):
                        if len(word) >= 4 and word not in _COMMON_PIECES:
                            self._piece_map.setdefault(word, entry.replacement)
        return self._piece_map

    # -- what nobody may do through the view ------------------------------------

    @contextmanager
    def write(self) -> Iterator[Connection]:
        raise UserError(_("A pseudonymised view of the project cannot be changed; open the "
                          "project itself."))
        yield  # pragma: no cover

    # -- documents ----------------------------------------------------------------

    def labels(self) -> dict[int, str]:
        """Document id → its neutral label."""
        if self._labels is None:
            self._labels = document_labels(self.real.documents(), self.real.attributes(),
                                           self.label_template, self.hide)
        return self._labels

    def label_of(self, name: str) -> str:
        """The label of a document given by its real name (or the name, hidden)."""
        for doc in self.real.documents():
            if doc.name == name:
                return self.labels()[doc.id]
        return self.hide(name)

    def _document(self, doc: Document) -> Document:
        label = self.labels()[doc.id]
        suffix = Path(doc.name).suffix if re.fullmatch(r"\.\w{1,5}", Path(doc.name).suffix) \
            else ""
        return replace(doc, name=label, source_path=f"{label}{suffix}", sha256="")

    def documents(self) -> list[Document]:
        return [self._document(d) for d in self.real.documents()]

    def document(self, ref: str | int) -> Document:
        for doc_id, label in self.labels().items():
            if str(ref).strip() == label:
                return self._document(self.real.document(doc_id))
        return self._document(self.real.document(ref))

    def _prepared(self, document_id: int) -> tuple[str, Remap]:
        if document_id not in self._texts:
            self._texts[document_id] = self.hide.remap(self.real.text(document_id))
        return self._texts[document_id]

    def text(self, document_id: int) -> str:
        return self._prepared(document_id)[0]

    def remap(self, document_id: int) -> Remap:
        """Offsets in the real text → offsets in the pseudonymised text."""
        return self._prepared(document_id)[1]

    def turns(self, document_id: int) -> list[Turn]:
        move = self.remap(document_id)
        return [replace(t, start=move(t.start, "start"), end=move(t.end, "end"),
                        body_start=None if t.body_start is None
                        else move(t.body_start, "start"),
                        speaker=self.hide(t.speaker) if t.speaker else t.speaker)
                for t in self.real.turns(document_id)]

    def turns_of(self, document_ids: Sequence[int]) -> dict[int, list[Turn]]:
        return {int(i): self.turns(int(i)) for i in document_ids}

    def attributes(self) -> dict[int, dict[str, AttributeValue]]:
        return {doc_id: {k: self._value(v) for k, v in values.items()}
                for doc_id, values in self.real.attributes().items()}

    def _value(self, value: AttributeValue) -> AttributeValue:
        return self.hide(value) if isinstance(value, str) else value

    # -- codes --------------------------------------------------------------------

    def _code(self, code: Code) -> Code:
        h = self.hide
        return replace(code, name=h(code.name), definition=h(code.definition),
                       include=h(code.include), exclude=h(code.exclude),
                       keywords=tuple(h(k) for k in code.keywords),
                       patterns=tuple(h(p) for p in code.patterns),
                       examples=tuple(h(e) for e in code.examples))

    def codes(self) -> list[Code]:
        if self._code_cache is None:
            self._code_cache = [self._code(c) for c in self.real.codes()]
        return list(self._code_cache)

    def code(self, ref: str | int) -> Code:
        found = self.real.code(ref)
        return next(c for c in self.codes() if c.id == found.id)

    # -- codings, segments ----------------------------------------------------------

    def coding(self, coding: Coding) -> Coding:
        """A coding of the project as the view shows it (offsets moved, memo hidden)."""
        return self._coding(coding)

    def _coding(self, coding: Coding) -> Coding:
        move = self.remap(coding.document_id)
        return replace(coding, start=move(coding.start, "start"), end=move(coding.end, "end"),
                       coder=self.hide(coding.coder),
                       memo=self.hide(coding.memo) if coding.memo else coding.memo,
                       selected_by=self.hide(coding.selected_by) if coding.selected_by
                       else coding.selected_by)

    def codings(self, document_id: int | None = None,
                code_ids: Iterable[int] | None = None) -> list[Coding]:
        return [self._coding(c) for c in self.real.codings(document_id=document_id,
                                                           code_ids=code_ids)]

    def segments(self, code_refs: Sequence[str] = (),
                 where: Sequence[tuple[str, str]] = ()) -> list[Segment]:
        out = []
        for seg in self.real.segments(code_refs, where):
            coding = self._coding(seg.coding)
            out.append(Segment(
                coding=coding,
                document=self.labels()[coding.document_id],
                code_path=self.code_path(coding.code_id),
                text=self.text(coding.document_id)[coding.start:coding.end],
                speaker=self.hide(seg.speaker) if seg.speaker else seg.speaker,
                attributes={k: self._value(v) for k, v in seg.attributes.items()},
            ))
        return out

    # -- notes --------------------------------------------------------------------

    def annotations(self, document_id: int | None = None) -> list[Annotation]:
        out = []
        for note in self.real.annotations(document_id):
            move = self.remap(note.document_id)
            out.append(replace(note, start=move(note.start, "start"),
                               end=move(note.end, "end"), text=self.hide(note.text),
                               author=self.hide(note.author)))
        return out

    def memos(self) -> list[Memo]:
        return [replace(m, text=self.hide(m.text), author=self.hide(m.author))
                for m in self.real.memos()]

    def memo(self, kind: str, target_id: int | None = None) -> Memo | None:
        wanted = None if kind == "project" else target_id
        return next((m for m in self.memos() if m.kind == kind and m.target_id == wanted), None)

    def summaries(self) -> dict[tuple[int, int], str]:
        return {key: self.hide(text) for key, text in self.real.summaries().items()}

    def summary_notes(self) -> dict[tuple[int, int], tuple[str, str, str]]:
        return {key: (self.hide(text), self.hide(author), when)
                for key, (text, author, when) in self.real.summary_notes().items()}

    def get_meta(self, key: str) -> str | None:
        if key.startswith("pseudonym"):
            return None  # where the key is, which key: nothing an export needs
        value = self.real.get_meta(key)
        return self.hide(value) if value else value


def shown(project: Project, pz: Pseudonymizer | None) -> Project:
    """The project itself, or its pseudonymised view when names are to be hidden."""
    if pz is None:
        return project
    from verbatims.store.pseudonyms import LABELS

    return PseudonymizedProject(project, pz, project.get_meta(LABELS))


def hide_frame(frame: pd.DataFrame, hide: Callable[[str], str]) -> pd.DataFrame:
    """A table with every text cell, row label and column label passed through `hide`."""

    def one(value: object) -> object:
        return hide(value) if isinstance(value, str) else value

    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if not is_numeric_dtype(series) or is_bool_dtype(series):
            out[column] = series.astype(object).map(one).astype(series.dtype, errors="ignore")
    out.index = out.index.map(one)
    out.columns = out.columns.map(one)
    return out
