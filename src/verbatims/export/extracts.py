"""The extracts of an annex, built once and rendered by every format.

Groups (by code, document or attribute) hold extracts ordered by document then
position; each extract carries its header (template over the attributes), the
speaker, the code path, the memo and a stable reference. Handed a pseudonymised
view of the project (`pseudo.view`), it builds the same annex with no name in
it: the view replaces names in whole texts before extracts are cut, so a name
straddling an extract's edge is still replaced.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from verbatims.errors import UserError
from verbatims.export import template as tpl
from verbatims.model import units
from verbatims.model.entities import AttributeValue, Turn
from verbatims.store import Project
from verbatims.where import known_key

GROUP_BY = ("code", "document", "attribute")
NO_VALUE = "(sans valeur)"


@dataclass(frozen=True)
class Extract:
    header: str
    document: str
    speaker: str | None
    code_path: str
    memo: str | None
    coder: str
    start: int
    end: int
    turn: int | None
    text: str
    before: str = ""
    after: str = ""

    @property
    def reference(self) -> str:
        turn = f", tour {self.turn + 1}" if self.turn is not None else ""
        return f"{self.document}{turn}, car. {self.start}–{self.end}"

    @property
    def paragraphs(self) -> list[str]:
        """The quote's paragraphs (blank-line separated; OCR line breaks joined).

        Context, when asked for, is marked off with "[...]" where it was cut.
        """
        body = self.text.strip()
        if self.before.strip():
            body = f"{self.before.strip()} {body}"
        if self.after.strip():
            body = f"{body} {self.after.strip()}"
        return [re.sub(r"\s*\n\s*", " ", p).strip()
                for p in re.split(r"\n[ \t]*\n", body) if p.strip()]


@dataclass(frozen=True)
class Group:
    title: str
    extracts: tuple[Extract, ...]


@dataclass(frozen=True)
class ExtractSet:
    title: str
    group_by: str
    groups: tuple[Group, ...]
    pseudonymized: bool = False
    options: dict[str, object] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(len(g.extracts) for g in self.groups)


def _text(value: AttributeValue | None) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _context(text: str, start: int, end: int, words: int, lo: int, hi: int
             ) -> tuple[str, str]:
    """Up to `words` words (verbatims.model.units) each side, within [lo, hi) (the
    extract's paragraphs); "[...]" where cut."""
    if words <= 0:
        return "", ""
    left = units.words(text, lo, start)
    right = units.words(text, end, hi)
    before = after = ""
    if left:  # from the blank before the first word, so « or * opening it come along
        a = left[-words][0]
        while a > lo and not text[a - 1].isspace():
            a -= 1
        before = text[a:start]
    if right:  # to the blank after the last word, with the punctuation closing it
        b = right[:words][-1][1]
        while b < hi and not text[b].isspace():
            b += 1
        after = text[end:b]
    if len(left) > words:
        before = "[...] " + before
    if len(right) > words:
        after = after + " [...]"
    return before, after


def build(
    project: Project,
    codes: Sequence[str] = (),
    group_by: str = "code",
    attribute: str | None = None,
    where: Sequence[tuple[str, str]] = (),
    template: str = tpl.DEFAULT_TEMPLATE,
    context: int = 0,
    title: str = "Extraits d'entretiens",
) -> ExtractSet:
    """Every coded extract matching the filters, grouped and ordered for an annex."""
    if group_by not in GROUP_BY:
        raise UserError(f"--group-by must be one of {', '.join(GROUP_BY)}, not {group_by!r}.")
    if group_by == "attribute":
        if not attribute:
            raise UserError("--group-by attribute needs --attribute NAME, e.g. "
                            "--attribute type_collectivite.")
        attribute = known_key(attribute, project.attribute_keys())  # "Rôle" is role
    tpl.check(template)
    tpl.check_attributes(template, project.attribute_keys())
    if attribute and group_by != "attribute":
        raise UserError(f"--attribute {attribute} only applies with --group-by attribute; "
                        "add it, or leave --attribute out.")
    segments = project.segments(codes, where)
    docs = {d.name: d for d in project.documents()}
    prepared: dict[str, tuple[str, list[Turn], units.TextUnits]] = {}
    headers: dict[str, str] = {}
    extracts: list[tuple[object, Extract]] = []
    code_order = {project.code_path(c.id): i for i, c in enumerate(project.codes())}
    for seg in segments:
        doc = docs[seg.document]
        if seg.document not in prepared:
            full = project.text(doc.id)  # pseudonymised already when given the view
            turns = project.turns(doc.id)
            prepared[seg.document] = (full, turns, units.TextUnits(full, turns))
        text, turns, doc_units = prepared[seg.document]
        start, end = seg.coding.start, seg.coding.end
        i = units.turn_index(turns, start)
        turn = i if i >= 0 else None
        lo = min(doc_units.paragraph(start)[0], start)
        hi = max(doc_units.paragraph(max(start, end - 1))[1], end)
        before, after = _context(text, start, end, context, lo, hi)
        if seg.document not in headers:
            headers[seg.document] = tpl.render(template, seg.attributes, seg.document)
        header = headers[seg.document]
        extract = Extract(
            header=seg.code_path if group_by == "document" else header,
            document=seg.document,
            speaker=seg.speaker,
            code_path=seg.code_path,
            memo=seg.coding.memo,
            coder=seg.coding.coder,
            start=seg.coding.start,
            end=seg.coding.end,
            turn=turn,
            text=text[start:end],
            before=before,
            after=after,
        )
        if group_by == "code":
            key: object = (code_order.get(seg.code_path, 10**9), seg.code_path)
        elif group_by == "document":
            key = (doc.position, extract.document, header)
        else:
            value = _text(seg.attributes.get(attribute or ""))
            key = (value == "", value or NO_VALUE)
        extracts.append((key, extract))
    grouped: dict[object, list[Extract]] = {}
    for key, extract in sorted(extracts, key=lambda item: item[0]):  # type: ignore[arg-type,return-value]
        grouped.setdefault(key, []).append(extract)
    groups = []
    for key, items in grouped.items():
        assert isinstance(key, tuple)
        if group_by == "code":
            heading = str(key[1])
        elif group_by == "document":
            heading = f"{key[2]} ({key[1]})" if key[2] != key[1] else str(key[1])
        else:
            heading = f"{attribute} : {key[1]}"
        groups.append(Group(heading, tuple(items)))
    return ExtractSet(title, group_by, tuple(groups), project.pseudonymized,
                      {"codes": list(codes), "context": context})
