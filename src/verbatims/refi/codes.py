"""Codes as REFI-QDA `<Code>` elements, shared by the `.qdc` and `.qdpx` writers and readers.

REFI has one Description per code; verbatims also keeps inclusion and exclusion
notes, keywords, auto-coding patterns and examples. They are appended to the
Description under French labels a reader of another tool understands
("Inclure : …", "Motifs :"), and split back on import.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import Any
from xml.etree.ElementTree import Element, SubElement

NAMESPACE = uuid.UUID("8b7c3a52-4f1e-5d0a-9c61-0d3c5e7a2b19")
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_TEXTS = (("include", "Inclure : "), ("exclude", "Exclure : "), ("keywords", "Mots-clés : "))
_LISTS = (("patterns", "Motifs :"), ("examples", "Exemples :"))
_BULLET, _MORE = "• ", "  "


def guid(*parts: object) -> str:
    """A stable GUID for one object of one project, so that exports are reproducible."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(str(p) for p in parts)))


# The GUID of the Set that carries the codebook's name and description, in a .qdc or a
# .qdpx: the same in every export, so that a reader knows it whoever wrote the file.
CODEBOOK_SET = guid("verbatims codebook")


def norm_guid(value: str | None) -> str:
    """GUIDs compare case-insensitively, braces stripped (producers differ)."""
    return (value or "").strip().strip("{}").lower()


def description(node: dict[str, Any]) -> str:
    """The one REFI Description of a code: its definition, then labelled blocks.

    Inclusion, exclusion and keywords are one line each; patterns and examples
    one bulleted item per line ("• "), an item's own line breaks indented by
    two spaces, so that `parse_description` gives back exactly what was written.
    """
    parts = [str(node.get("definition") or "").strip()]
    for key, label in _TEXTS:
        value = node.get(key)
        if isinstance(value, list | tuple):
            value = "; ".join(value)
        if value:
            parts.append(label + str(value).strip())
    for key, label in _LISTS:
        items = [str(i) for i in node.get(key) or [] if str(i).strip()]
        if items:
            parts.append(label + "".join(
                "\n" + _BULLET + item.replace("\n", "\n" + _MORE) for item in items))
    return "\n\n".join(p for p in parts if p)


def parse_description(text: str) -> dict[str, Any]:
    """The inverse of `description`: definition, include, exclude, keywords, patterns,
    examples. Text before the first label is the definition."""
    out: dict[str, Any] = {}
    labels = {label.rstrip(): key for key, label in (*_TEXTS, *_LISTS)}
    sections: list[tuple[str, list[str]]] = [("definition", [])]
    for line in text.replace("\r\n", "\n").split("\n"):
        key = next((k for label, k in labels.items()
                    if line.startswith(label) and (sections[-1][0] != "definition"
                                                   or not _open(sections[-1][1]))), None)
        if key is not None:
            label = next(lb for lb, k in labels.items() if k == key)
            sections.append((key, [line[len(label):].strip()]))
        else:
            sections[-1][1].append(line)
    for key, lines in sections:
        if key in dict(_LISTS):
            items: list[str] = []
            for line in lines:
                if line.startswith(_BULLET):
                    items.append(line[len(_BULLET):])
                elif line.startswith(_MORE) and items:
                    items[-1] += "\n" + line[len(_MORE):]
                elif line.strip():
                    items.append(line.strip())
            if items:
                out[key] = out.get(key, []) + items
            continue
        value = "\n".join(lines).strip()
        if not value:
            continue
        if key == "keywords":
            out[key] = [k.strip() for k in value.split(";") if k.strip()]
        elif key in out:
            out[key] += "\n\n" + value
        else:
            out[key] = value
    return out


def _open(lines: list[str]) -> bool:
    """True when a definition's last line is not blank: a label must follow a blank line."""
    return bool(lines) and bool(lines[-1].strip())


def code_element(parent: Element, ns: str, node: dict[str, Any], code_guid: str,
                 note_refs: Sequence[str] = ()) -> Element:
    codable = node.get("codable", True) is not False
    attrs = {"guid": code_guid, "name": str(node["name"]),
             "isCodable": "true" if codable else "false"}
    color = str(node.get("color") or "")
    if _COLOR.match(color):
        attrs["color"] = color.upper()
    element = SubElement(parent, f"{{{ns}}}Code", attrs)
    text = description(node)
    if text:
        SubElement(element, f"{{{ns}}}Description").text = text
    for ref in note_refs:
        SubElement(element, f"{{{ns}}}NoteRef", {"targetGUID": ref})
    return element
