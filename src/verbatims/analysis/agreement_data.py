"""What agreement is computed from, read from a project: coders, documents, units, codings.

The choice of documents decides the figures more than any formula, so it is made
here once and reported: a document counts when every named coder has coded it
with at least one code (any code, not only those reported). Documents coded by
some of them only are listed as left out; documents nobody coded are not units.
"""

from __future__ import annotations

from collections.abc import Sequence

from verbatims.analysis.agreement import UNITS, DocText, Material, Span
from verbatims.analysis.codes import select_documents
from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.model.entities import Coding, Turn
from verbatims.model.units import TextUnits
from verbatims.store import Project


def gather(project: Project, coders: Sequence[str] = (), code_refs: Sequence[str] = (),
           unit: str = "character", where: Sequence[tuple[str, str]] = ()) -> Material:
    if unit not in UNITS:
        raise UserError(_("Unknown unit {unit!r}; choose one of {units}.").format(
            unit=unit, units=", ".join(UNITS)))
    named = choose_coders(project, coders)
    wanted = set(select_documents(project, where))
    codings = [c for c in project.codings() if c.coder in named and c.document_id in wanted]
    coded_by: dict[int, set[str]] = {}
    for c in codings:
        coded_by.setdefault(c.document_id, set()).add(c.coder)
    docs = [d for d in project.documents() if d.id in wanted]
    compared = [d for d in docs if coded_by.get(d.id, set()) >= set(named)]
    left_out = tuple(d.name for d in docs if d.id in coded_by and d not in compared)
    if not compared:
        raise UserError(_("No document has been coded by all of {coders}, so there is nothing "
                          "to compare; each coder must code at least one code in the same "
                          "documents (`verbatims codes` shows who coded what).").format(
                              coders=", ".join(named)))
    kept = {d.id for d in compared}
    codings = [c for c in codings if c.document_id in kept]
    documents = []
    for doc in compared:
        text = project.text(doc.id)
        units = () if unit == "character" else segment_units(text, project.turns(doc.id), unit)
        documents.append(DocText(doc.id, doc.name, text, units))
    return Material(coders=tuple(named), unit=unit, documents=tuple(documents),
                    codings=tuple(codings), codes=choose_codes(project, code_refs, codings),
                    left_out=left_out,
                    code_paths={c.id: project.code_path(c.id) for c in project.codes()})


def choose_coders(project: Project, coders: Sequence[str]) -> list[str]:
    known = project.coders()
    listing = ", ".join(f"{name} ({n})" for name, n in known.items()) or _("none")
    if not coders:
        if len(known) < 2:
            raise UserError(_("Agreement needs codings by two coders at least; coders in this "
                              "project: {coders}.").format(coders=listing))
        return list(known)
    named: list[str] = []
    for name in coders:
        name = name.strip()
        if name not in known:
            raise UserError(_("No codings by {coder!r} in this project; coders (codings): "
                              "{coders}.").format(coder=name, coders=listing))
        if name not in named:
            named.append(name)
    if len(named) < 2:
        raise UserError(_("Name two coders at least, e.g. --coders alice,bob; coders "
                          "(codings): {coders}.").format(coders=listing))
    return named


def choose_codes(project: Project, code_refs: Sequence[str],
                 codings: Sequence[Coding]) -> dict[int, str]:
    """The codes to report, in the code tree's order: those named (with their sub-codes),
    else every code one of the coders used in the compared documents."""
    if code_refs:
        ids: set[int] = set()
        for ref in code_refs:
            ids |= project.descendants(project.code(ref).id)
    else:
        ids = {c.code_id for c in codings}
    return {code.id: project.code_path(code.id) for code in project.codes() if code.id in ids}


def segment_units(text: str, turns: Sequence[Turn], unit: str) -> tuple[Span, ...]:
    """The document cut into units as `model.units` defines them (the workbench's keys and
    auto-coding cut the same way): sentences, speaker turns and paragraphs without their
    speaker marker, or the whole document; blanks belong to no unit."""
    if unit == "document":
        start, end = 0, len(text)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return ((start, end),) if start < end else ()
    units = TextUnits(text, turns)
    if unit == "sentence":
        return tuple(units.sentences())
    if unit == "paragraph":
        return tuple(units.paragraphs())
    found = dict.fromkeys(units.utterance(a) for a, _b in units.paragraphs())
    return tuple(span for span in found if span[0] < span[1])
