"""The summary grid (the report's "Annexe 1"): cases × codes.

A case is a document, or every document sharing a value of one attribute
(`--by collectivite`). A cell holds the researcher's summary for that pair and
the number of extracts coded there with the code or its sub-codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from verbatims.errors import UserError
from verbatims.export import template as tpl
from verbatims.export.extracts import NO_VALUE, _text
from verbatims.model.entities import Code
from verbatims.store import Project


@dataclass(frozen=True)
class Cell:
    summary: str
    count: int


@dataclass(frozen=True)
class Grid:
    title: str
    case_heading: str
    cases: tuple[str, ...]
    notes: tuple[str, ...]
    codes: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]
    pseudonymized: bool = False


def columns(project: Project, refs: Sequence[str]) -> list[Code]:
    if refs:
        return [project.code(r) for r in refs]
    summarised = {code_id for _, code_id in project.summaries()}
    with_summary = [c for c in project.codes() if c.id in summarised]
    return with_summary or [c for c in project.codes() if c.parent_id is None]


def build(project: Project, codes: Sequence[str] = (), by: str | None = None,
          template: str = tpl.DEFAULT_TEMPLATE,
          title: str = "Grille de synthèse") -> Grid:
    """The grid; handed a pseudonymised view (`pseudo.view`), it names no one."""
    tpl.check(template)
    tpl.check_attributes(template, project.attribute_keys())
    if by is not None and by not in project.attribute_keys():
        raise UserError(f"No attribute {by!r} in this project; known attributes: "
                        f"{', '.join(project.attribute_keys()) or 'none'}.")
    cols = columns(project, codes)
    if not cols:
        raise UserError("This project has no codes; import a codebook first "
                        "(`verbatims codebook import FILE`).")
    docs = project.documents()
    attrs = project.attributes()
    cases: dict[str, list[int]] = {}
    notes: dict[str, str] = {}
    for doc in docs:
        if by is None:
            label = doc.name
            notes[label] = tpl.render(template, attrs.get(doc.id, {}), doc.name)
        else:
            label = _text(attrs.get(doc.id, {}).get(by)) or NO_VALUE
        cases.setdefault(label, []).append(doc.id)
    if by is not None:
        for label, ids in cases.items():
            notes[label] = f"{len(ids)} entretien{'s' if len(ids) > 1 else ''}"
    names = {d.id: d.name for d in docs}
    summaries = project.summaries()
    per_doc_code: dict[tuple[int, int], int] = {}
    for coding in project.codings():
        key = (coding.document_id, coding.code_id)
        per_doc_code[key] = per_doc_code.get(key, 0) + 1
    rows = []
    for ids in cases.values():
        row = []
        for col in cols:
            family = project.descendants(col.id)
            count = sum(per_doc_code.get((d, c), 0) for d in ids for c in family)
            texts = [(names[d], summaries[(d, col.id)]) for d in ids if (d, col.id) in summaries]
            if len(texts) == 1 and (by is None or len(ids) == 1):
                summary = texts[0][1]
            else:
                summary = "\n".join(f"{n} : {t}" for n, t in texts)
            row.append(Cell(summary, count))
        rows.append(tuple(row))
    return Grid(
        title=title,
        case_heading="Entretien" if by is None else by,
        cases=tuple(cases),
        notes=tuple(notes[c] for c in cases),
        codes=tuple(project.code_path(c.id) for c in cols),
        cells=tuple(rows),
        pseudonymized=project.pseudonymized,
    )


def count_text(n: int) -> str:
    return f"{n} extrait{'s' if n != 1 else ''}" if n else ""
