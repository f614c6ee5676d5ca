"""Reading REFI-QDA XML from elsewhere: defused, namespace-agnostic, one clear error.

Producers write `urn:QDA-XML:project:1.0`, `…codebook:1:0`, `…:0:4`, `…:0:10`;
every tag is compared by its local name only. defusedxml refuses entity
expansion (the "billion laughs") and external entities.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException

from verbatims.errors import UserError
from verbatims.i18n import _


def parse(data: bytes, where: str) -> Element:
    try:
        root: Element = safe_et.fromstring(data)
        return root
    except DefusedXmlException:
        raise UserError(_("{where} declares XML entities, which verbatims refuses (a file "
                          "could expand without end); export it again from its tool.").format(
                              where=where)) from None
    except (ParseError, LookupError, ValueError) as exc:  # LookupError: an unknown encoding
        raise UserError(_("{where} is not well-formed XML ({error}); the file is damaged or "
                          "not a REFI-QDA export.").format(where=where, error=exc)) from None


def local(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def children(element: Element, name: str) -> Iterator[Element]:
    for child in element:
        if local(child) == name:
            yield child


def child(element: Element, name: str) -> Element | None:
    return next(children(element, name), None)


def text_of(element: Element, name: str) -> str:
    found = child(element, name)
    return (found.text or "") if found is not None else ""
