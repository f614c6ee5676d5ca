"""The document filter typed above the document list, e.g. ``EPCI code=cyber``.

``key=value`` keeps documents whose attribute `key` equals `value`; the same key
twice means either value. ``code=name`` keeps documents coded with a code whose
name (or path) matches, sub-codes included. A bare word must appear in the
document's name or one of its attribute values. Everything is compared without
case or accents, and inclusive writing is read as both forms: ``role=agent``
and ``role=agente`` both find "agent·e" (also "agent.e", "agent(e)").
Pure, so it is tested without the UI.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from verbatims.model.entities import AttributeValue, Code, Document
from verbatims.search import fold


@dataclass
class DocFilter:
    attributes: dict[str, set[str]] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.attributes or self.codes or self.words)


# "agent·e", "élu.es", "agent(e)s", "chargé·e·s": a stem, then the feminine suffix.
_INCLUSIVE = re.compile(r"^(?P<stem>\w+?)(?:[·•‧.]|\()(?P<fem>e|es|ne|nes|rice|rices|euse|euses)"
                        r"\)?(?:[·•‧.]?(?P<plural>s))?$")


def value_forms(value: str) -> set[str]:
    """A value folded, plus both forms of an inclusive-writing value.

    "Agent·e" gives {"agent·e", "agent", "agente"}; "élu·es" gives
    {"elu·es", "elus", "elues"}; a plain value gives itself.
    """
    folded = fold(value).strip()
    forms = {folded}
    for word_form in (folded,):
        match = _INCLUSIVE.match(word_form)
        if match:
            stem, fem, plural = match["stem"], match["fem"], match["plural"] or ""
            if fem.endswith("s"):
                fem, plural = fem[:-1], "s"
            forms |= {stem + plural, stem + fem + plural}
    return forms


def value_matches(value: object, wanted: set[str]) -> bool:
    """True when an attribute value is one of the folded values asked for."""
    return bool(value_forms(str(value)) & wanted)


def attributes_match(attrs: Mapping[str, AttributeValue], spec: DocFilter) -> bool:
    """Every key=value of the filter holds for these attributes (keys without accents)."""
    values = {fold(k): v for k, v in attrs.items()}
    for key, wanted in spec.attributes.items():
        if key not in values or not value_matches(values[key], wanted):
            return False
    return True


def parse(text: str) -> DocFilter:
    found = DocFilter()
    for token in _tokens(text):
        key, sep, value = token.partition("=")
        if not sep:
            found.words.append(fold(token))
        elif fold(key) == "code":
            found.codes.append(fold(value))
        else:
            found.attributes.setdefault(fold(key), set()).update(value_forms(value))
    return found


def _tokens(text: str) -> list[str]:
    """Split on spaces, except inside quotes: type="EPCI" role="agent·e"."""
    out: list[str] = []
    current = ""
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif ch.isspace() and not quoted:
            if current:
                out.append(current)
            current = ""
        else:
            current += ch
    if current:
        out.append(current)
    return out


def code_ids(codes: Sequence[Code], paths: Mapping[int, str], wanted: str) -> set[int]:
    """Codes named (or pathed) `wanted`, else containing it, with their sub-codes."""
    exact = {c.id for c in codes if fold(c.name) == wanted or fold(paths[c.id]) == wanted}
    roots = exact or {c.id for c in codes if wanted in fold(c.name)}
    found = set(roots)
    changed = True
    while changed:
        more = {c.id for c in codes if c.parent_id in found} - found
        found |= more
        changed = bool(more)
    return found


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
        doc_attrs = attrs.get(doc.id, {})
        if not attributes_match(doc_attrs, spec):
            continue
        values = {fold(k): fold(str(v)) for k, v in doc_attrs.items()}
        coded = doc_codes.get(doc.id, set())
        if any(not (coded & ids) for ids in wanted_codes):
            continue
        haystack = [fold(doc.name), *values.values()]
        if any(not any(w in h for h in haystack) for w in spec.words):
            continue
        out.append(doc)
    return out
