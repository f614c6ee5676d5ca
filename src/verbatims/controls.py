"""Control characters: what a stored text may not hold, decided once, at import.

A transcript's form feed (a page break from pdftotext or an OCR), an ESC or a
U+0001 pasted from elsewhere are invisible on screen, yet XML (a .qdpx, a DOCX,
an XLSX) cannot carry them, and several of them end a line for Python's
`splitlines` without being a line break in the text. Every import therefore
replaces them, one character for one (so offsets stay valid), and says how many
it replaced: page, line and paragraph separators become a line break, every
other control character U+FFFD (the replacement character, "�"). Tab, line
feed and carriage return are text. A NUL byte is refused rather than replaced:
in a text file it means a wrong encoding (UTF-16 read as UTF-8) or no text at all.

Exporters call `xml_safe`/`xml_bytes` as well, so that a project made before
this rule, whatever it holds, still exports to files other tools read.
A leaf module: it imports nothing of verbatims but the translations.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any
from xml.etree.ElementTree import Element, tostring

from verbatims.i18n import ngettext

REPLACEMENT = "\ufffd"
_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # a line or page ends for splitlines
# C0 controls but tab, LF and CR; DEL; C1 controls; separators; non-characters; surrogates
CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff"
                     "\ud800-\udfff]")
# What XML 1.0 cannot hold at all (NUL included): what an exporter must replace
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _one(match: re.Match[str]) -> str:
    return "\n" if match.group() in _BREAKS else REPLACEMENT


def replace(text: str) -> tuple[str, int]:
    """`text` with each control character replaced by one character; how many were."""
    return CONTROL.subn(_one, text)


def clean(text: str) -> str:
    """`replace` without the count, for a name or a memo (one line has no page break)."""
    return CONTROL.sub(_one, text)


def notice(where: str, n: int) -> str:
    """The one sentence an import shows when it replaced `n` control characters."""
    return ngettext(
        "{where}: {n} control character replaced (by a line break or «�»).",
        "{where}: {n} control characters replaced (by a line break or «�»).",
        n).format(where=where, n=n)


def has_nul(text: str) -> bool:
    return "\x00" in text


def xml_safe(text: str) -> str:
    """`text` with what XML 1.0 cannot hold replaced, one character for one."""
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(lambda m: "\n" if m.group() in _BREAKS else REPLACEMENT, text)


def xml_bytes(root: Element) -> bytes:
    """An element tree as UTF-8 XML with a declaration, every text, tail, attribute
    and name made XML-safe first: ElementTree itself writes any character, and a
    reader then refuses the whole file. Carriage returns are written `&#13;`."""
    for element in root.iter():
        if element.text:
            element.text = xml_safe(element.text)
        if element.tail:
            element.tail = xml_safe(element.tail)
        for key, value in element.attrib.items():
            if _NOT_XML.search(value):
                element.set(key, xml_safe(value))
    data: bytes = tostring(root, encoding="utf-8", xml_declaration=True)
    # A carriage return left raw in a text would reach the reader as a line feed (XML
    # normalises line ends); as a character reference it stays what the project holds.
    return data.replace(b"\r", b"&#13;")


def xml_safe_data(data: Any) -> Any:
    """`data` (dataclasses, tuples, lists, dicts of them) with every string `xml_safe`:
    what an exporter is handed, so that no format (DOCX, ODT, XLSX, HTML…) meets a
    character it cannot write. Other values are kept as they are."""
    if isinstance(data, str):
        return xml_safe(data)
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        changes = {f.name: xml_safe_data(getattr(data, f.name))
                   for f in dataclasses.fields(data) if f.init}
        return dataclasses.replace(data, **changes)
    if isinstance(data, tuple):
        return tuple(xml_safe_data(v) for v in data)
    if isinstance(data, list):
        return [xml_safe_data(v) for v in data]
    if isinstance(data, dict):
        return {xml_safe_data(k): xml_safe_data(v) for k, v in data.items()}
    return data
