"""The document filter typed above the document list, e.g. ``EPCI code=cyber``.

``key=value`` keeps documents whose attribute `key` has the value `value`, as
`--where` on the command line does (`verbatims.where`: case, accents and
inclusive forms aside, so ``role=agent`` finds "agent·e"); the same key twice
means either value. ``code=name`` keeps documents coded with a code whose name
(or path) matches, sub-codes included. A bare word must appear in the
document's name or one of its attribute values. Pure, so it is tested without
the UI.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from verbatims import where
from verbatims.folding import fold
from verbatims.model.codetree import descendants
from verbatims.model.entities import AttributeValue, Code, Document


@dataclass
class DocFilter:
    attributes: dict[str, list[str]] = field(default_factory=dict)  # key as typed -> values
    codes: list[str] = field(default_factory=list)  # folded
    words: list[str] = field(default_factory=list)  # folded

    @property
    def empty(self) -> bool:
        return not (self.attributes or self.codes or self.words)

    def attributes_hold(self, attributes: Mapping[str, AttributeValue]) -> bool:
        """Every key=value holds (keys found case and accents aside; unknown: no match)."""
        keys = list(attributes)
        wanted: dict[str, list[str]] = {}
        for key, values in self.attributes.items():
            found = where.resolve_key(key, keys)
            if found is None:
                if any(v.strip() for v in values):
                    return False  # nothing here has that attribute with a value
                continue
            wanted[found] = values
        return where.passes(attributes, wanted)


def parse(text: str) -> DocFilter:
    found = DocFilter()
    for token in where.tokens(text):
        key, sep, value = token.partition("=")
        if not sep:
            found.words.append(fold(token))
        elif fold(key) == "code":
            found.codes.append(fold(value))
        else:
            found.attributes.setdefault(key, []).append(value)
    return found


def code_ids(codes: Sequence[Code], paths: Mapping[int, str], wanted: str) -> set[int]:
    """Codes named (or pathed) `wanted`, else containing it, with their sub-codes."""
    exact = {c.id for c in codes if fold(c.name) == wanted or fold(paths[c.id]) == wanted}
    roots = exact or {c.id for c in codes if wanted in fold(c.name)}
    return set().union(*(descendants(codes, root) for root in roots))


def matching(docs: Sequence[Document], attrs: Mapping[int, Mapping[str, AttributeValue]],
             doc_codes: Mapping[int, set[int]], codes: Sequence[Code],
             paths: Mapping[int, str], text: str) -> list[Document]:
    """The documents that pass the filter `text`, in their given order."""
    spec = parse(text)
    if spec.empty:
        return list(docs)
    wanted_codes = [code_ids(codes, paths, name) for name in spec.codes]
    out = []
    for doc in docs:
        mine = attrs.get(doc.id, {})
        if not spec.attributes_hold(mine):
            continue
        coded = doc_codes.get(doc.id, set())
        if any(not (coded & ids) for ids in wanted_codes):
            continue
        haystack = [fold(doc.name), *(fold(where.text_of(v)) for v in mine.values())]
        if any(not any(w in h for h in haystack) for w in spec.words):
            continue
        out.append(doc)
    return out
