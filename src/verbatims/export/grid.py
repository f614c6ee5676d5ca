"""The summary grid (the report's "Annexe 1"): cases × codes.

A case is a document, or every document sharing a value of one attribute
(`--by collectivite`). Rows are named as the report names them, from a template
over the attributes ("Commune entre 20 000 et 25 000 habitants") or from one
attribute (`--label collectivite`), with the interview's number ("E3") beside,
so rows stay told apart and match the annex's references. A cell holds the
researcher's summary for that case and code; the number of extracts coded
there (the code or its sub-codes) is shown only when asked for, as a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from verbatims.errors import UserError
from verbatims.export import template as tpl
from verbatims.export.extracts import NO_VALUE, _text, display_names, shown_as
from verbatims.export.provenance import Provenance
from verbatims.export.provenance import of as provenance_of
from verbatims.i18n import _, ngettext
from verbatims.model.entities import Code
from verbatims.store import Project
from verbatims.where import known_key


@dataclass(frozen=True)
class Cell:
    summary: str
    count: int


@dataclass(frozen=True)
class Grid:
    title: str
    intro: str
    case_heading: str
    cases: tuple[str, ...]  # row labels
    notes: tuple[str, ...]  # beside each label: "E3", or "2 entretiens : E3, E4"
    codes: tuple[str, ...]  # column headings, as shown
    cells: tuple[tuple[Cell, ...], ...]
    counts: bool = False  # whether cells show their number of extracts
    pseudonymized: bool = False
    provenance: Provenance | None = None
    language: str = "fr"
    code_paths: tuple[str, ...] = ()


def columns(project: Project, refs: Sequence[str]) -> list[Code]:
    if refs:
        return [project.code(r) for r in refs]
    summarised = {code_id for _doc, code_id in project.summaries()}
    with_summary = [c for c in project.codes() if c.id in summarised]
    return with_summary or [c for c in project.codes() if c.parent_id is None]


def short_label(number: int) -> str:
    """The interview's short name, as references cite it: "E3" ("I3" in English)."""
    return _("I{n}").format(n=number)


def build(project: Project, codes: Sequence[str] = (), by: str | None = None,
          template: str = tpl.GRID_TEMPLATE, title: str | None = None, *,
          label: str | None = None, counts: bool = False, intro: str | None = None,
          breadcrumb: bool = False) -> Grid:
    """The grid; handed a pseudonymised view (`pseudo.view`), it names no one."""
    shown = shown_as(project)
    what = _("row template")
    tpl.check(template, what)
    keys = project.attribute_keys()
    tpl.check_attributes(template, keys, what=what)
    if by is not None:
        by = known_key(by, keys)  # "Collectivité" is collectivite
    if label is not None:
        if by is not None:
            raise UserError(_("--label names the rows of a grid of interviews; with --by the "
                              "rows are already the values of {by}. Leave one out.").format(
                by=by))
        label = known_key(label, keys)
    cols = columns(project, codes)
    if not cols:
        raise UserError(_("This project has no codes; import a codebook first "
                          "(`verbatims codebook import FILE`)."))
    docs = project.documents()
    numbers = {d.id: n for n, d in enumerate(docs, start=1)}
    attrs = project.attributes()
    cases: dict[str, list[int]] = {}
    for doc in docs:
        values = attrs.get(doc.id, {})
        if by is not None:
            key = _text(values.get(by)) or ""
        else:
            key = str(doc.id)
        cases.setdefault(key, []).append(doc.id)
    if by is not None:  # values in order, documents without one last
        cases = dict(sorted(cases.items(), key=lambda kv: (kv[0] == "", kv[0].casefold())))
    labels, notes = [], []
    for key, ids in cases.items():
        if by is not None:
            labels.append(shown(key) if key else _(NO_VALUE))
            refs = ", ".join(short_label(numbers[i]) for i in ids)
            notes.append(ngettext("{n} interview: {refs}", "{n} interviews: {refs}",
                                  len(ids)).format(n=len(ids), refs=refs))
            continue
        doc_id = ids[0]
        name = next(d.name for d in docs if d.id == doc_id)
        values = attrs.get(doc_id, {})
        if label is not None:
            text = _text(values.get(label)) or name
        else:
            text = tpl.render(template, values, name)
        labels.append(shown(text))
        notes.append(short_label(numbers[doc_id]))
    summaries = project.summaries()
    per_doc_code: dict[tuple[int, int], int] = {}
    for coding in project.codings():
        pair = (coding.document_id, coding.code_id)
        per_doc_code[pair] = per_doc_code.get(pair, 0) + 1
    rows = []
    for ids in cases.values():
        row = []
        for col in cols:
            family = project.descendants(col.id)
            count = sum(per_doc_code.get((d, c), 0) for d in ids for c in family)
            texts = [(numbers[d], summaries[(d, col.id)]) for d in ids
                     if (d, col.id) in summaries]
            if len(texts) == 1 and len(ids) == 1:
                summary = texts[0][1]
            else:
                summary = "\n".join(_("{ref}: {text}").format(ref=short_label(n), text=t)
                                    for n, t in texts)
            row.append(Cell(shown(summary), count))
        rows.append(tuple(row))
    all_codes = project.codes()
    paths = {c.id: project.code_path(c.id) for c in all_codes}
    names = display_names(all_codes, paths, breadcrumb)
    heading = _("Interview") if by is None else by
    n_cases = len(cases)
    opening = intro or (
        _("One row per interview ({n}), one column per code ({k}); each cell sums up what "
          "the interview says of the code.").format(n=n_cases, k=len(cols))
        if by is None else
        _("One row per value of {by} ({n}), one column per code ({k}); each cell gathers the "
          "summaries of the interviews with that value.").format(by=by, n=n_cases,
                                                                 k=len(cols)))
    if counts and not intro:
        opening += " " + _("The number under a summary counts the extracts coded there, "
                           "sub-codes included.")
    provenance = provenance_of(project, shown if project.pseudonymized else None)
    return Grid(
        title=shown(title) if title else _("Summary grid"),
        intro=shown(opening),
        case_heading=heading,
        cases=tuple(labels),
        notes=tuple(notes),
        codes=tuple(shown(names[c.id]) for c in cols),
        cells=tuple(rows),
        counts=counts,
        pseudonymized=project.pseudonymized,
        provenance=provenance,
        language=provenance.language,
        code_paths=tuple(shown(paths[c.id]) for c in cols),
    )


def count_text(n: int) -> str:
    return ngettext("{n} extract", "{n} extracts", n).format(n=n) if n else ""
