"""OpenDocument text: paragraphs and headings, with ODF's space and tab elements."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.ingest import frontmatter, limits
from verbatims.ingest.decode import normalise
from verbatims.ingest.registry import READERS, Options, Read, Reader

TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def read(path: Path) -> str:
    from odf import opendocument  # odfpy

    limits.check_office(path, ".odt")  # a zip bomb or a billion laughs ends here
    try:
        document = opendocument.load(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, Exception) as exc:  # noqa: BLE001
        raise UserError(
            _("{path} is not a readable .odt file ({error}); open it in LibreOffice and "
              "save it again as .odt.").format(path=path, error=exc.__class__.__name__)
        ) from None
    paragraphs: list[str] = []
    _walk(document.text, paragraphs)
    return "\n\n".join(p for p in paragraphs if p.strip())


def _walk(node: Any, out: list[str]) -> None:
    for child in node.childNodes:
        if child.nodeType != child.ELEMENT_NODE:
            continue
        if child.qname == (TEXT_NS, "p") or child.qname == (TEXT_NS, "h"):
            out.append(_text(child))
        else:
            _walk(child, out)


def _text(node: Any) -> str:
    parts: list[str] = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(child.data)
        elif child.qname == (TEXT_NS, "s"):
            parts.append(" " * int(child.getAttrNS(TEXT_NS, "c") or 1))
        elif child.qname == (TEXT_NS, "tab"):
            parts.append("\t")
        elif child.qname == (TEXT_NS, "line-break"):
            parts.append("\n")
        elif child.qname in ((TEXT_NS, "note"), (TEXT_NS, "annotation")):
            continue
        else:
            parts.append(_text(child))
    return "".join(parts)


def read_odt(path: Path, options: Options) -> Read:
    text = normalise(read(path))
    attrs, text, notes = frontmatter.split_noting(text, str(path))
    return Read(text, "odt", None, attrs, notes)


FORMAT = READERS.register(suffixes=(".odt",), help=N_("OpenDocument text"))(
    Reader(read_odt))
