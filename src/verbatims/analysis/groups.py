"""Documents grouped by the values of one attribute, or of several crossed (`--by`).

Specificities and correspondence analysis compare the parts of a corpus that a
variable defines, as IRaMuTeQ does with its starred variables. The parts here are
the values of a document attribute ("commune", "EPCI"), of several attributes
crossed ("commune × élu·e"), or the documents themselves (`--by document`).
Values that differ only by case or accents are one value; documents without a
value are left out, and said so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from verbatims.errors import UserError
from verbatims.folding import fold
from verbatims.i18n import _
from verbatims.store import Project
from verbatims.where import known_key, text_of

DOCUMENT = "document"  # `--by document`: each interview is a part
CROSS = " × "


@dataclass(frozen=True)
class Groups:
    """Which part each document belongs to, the parts in order, what was left out."""

    by: tuple[str, ...]  # the attributes (resolved), or ("document",)
    of: dict[int, str]  # document id -> value
    values: list[str]  # in a natural order ("1000-2000" before "20000-25000")
    missing: list[str]  # names of the documents without a value

    @property
    def label(self) -> str:
        return CROSS.join(self.by)


def natural(text: str) -> tuple[object, ...]:
    """Sort key reading numbers as numbers: "2000-3500" < "7000-10000" < "80000+"."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, fold(p))
                 for p in re.split(r"(\d+)", text) if p)


def document_groups(project: Project, by: Sequence[str],
                    document_ids: Sequence[int] | None = None) -> Groups:
    """The parts the attributes `by` (crossed when several) make of the documents."""
    if not by:
        raise UserError(_("Say which attribute defines the parts with --by ATTRIBUTE "
                          "(`verbatims documents` lists them), or --by document."))
    docs = [d for d in project.documents() if document_ids is None or d.id in set(document_ids)]
    if [fold(b) for b in by] == [DOCUMENT]:
        return Groups((DOCUMENT,), {d.id: _stem(d.name) for d in docs},
                      [_stem(d.name) for d in docs], [])
    keys = tuple(known_key(b, project.attribute_keys()) for b in by)
    attributes = project.attributes()
    of: dict[int, str] = {}
    shown: dict[str, str] = {}  # folded value -> the first spelling met
    missing = []
    for doc in docs:
        held = attributes.get(doc.id, {})
        parts = [text_of(held.get(k)).strip() for k in keys]
        if not all(parts):
            missing.append(doc.name)
            continue
        value = CROSS.join(parts)
        of[doc.id] = shown.setdefault(fold(value), value)
    values = sorted(set(of.values()), key=natural)
    if not values:
        raise UserError(_("No document has a value for {by}; `verbatims documents` shows "
                          "the attributes.").format(by=CROSS.join(keys)))
    return Groups(keys, of, values, missing)


def _stem(name: str) -> str:
    return re.sub(r"\.(txt|md|docx|odt|rtf|pdf|srt|vtt|trs|xml|cha|eaf|textgrid|json|html?)$",
                  "", name, flags=re.IGNORECASE)
