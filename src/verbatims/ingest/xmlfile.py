"""XML transcripts read safely: entity expansion refused, DTDs never fetched.

Transcriber files declare `<!DOCTYPE Trans SYSTEM "trans-14.dtd">`, a DTD that is
never beside them: it is not needed and not looked for. The encoding is the
one the XML declaration names (ISO-8859-1 for most of Transcriber's files).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException

from verbatims.errors import UserError
from verbatims.i18n import _


def parse(data: bytes, where: str, kind: str) -> Element:
    """The root of an XML file; `kind` names the format in messages ("Transcriber")."""
    try:
        root: Element = safe_et.fromstring(data)
        return root
    except DefusedXmlException:
        raise UserError(_("{where} declares XML entities, which verbatims refuses (a file "
                          "could expand without end); save it again from {kind}.").format(
                              where=where, kind=kind)) from None
    except (ParseError, LookupError, ValueError) as exc:  # LookupError: an unknown encoding
        raise UserError(_("{where} is not well-formed XML ({error}); the file is damaged or "
                          "not a {kind} file.").format(where=where, error=exc, kind=kind)
                        ) from None


def local(element: Element) -> str:
    return str(element.tag).rsplit("}", 1)[-1]


def sniff(head: bytes, *roots: bytes) -> bool:
    """Whether the first bytes of a file open one of the XML `roots` ("<Trans", "<TEI")."""
    sample = head[:4096]
    for encoding in ("utf-8", "utf-16"):
        try:
            text = sample.decode(encoding, errors="ignore")
        except LookupError:
            continue
        if any(root.decode() in text for root in roots):
            return True
    return False
