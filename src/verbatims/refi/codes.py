"""Codes as REFI-QDA `<Code>` elements, shared by the `.qdc` and `.qdpx` writers and readers.

REFI has one Description per code; verbatims also keeps inclusion and exclusion
notes and keywords. They are appended to the Description under French labels a
reader of another tool understands ("Inclure : …"), and split back on import.
"""

from __future__ import annotations

import re
import uuid
from typing import Any
from xml.etree.ElementTree import Element, SubElement

NAMESPACE = uuid.UUID("8b7c3a52-4f1e-5d0a-9c61-0d3c5e7a2b19")
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_SECTIONS = (("include", "Inclure : "), ("exclude", "Exclure : "), ("keywords", "Mots-clés : "))


def guid(*parts: object) -> str:
    """A stable GUID for one object of one project, so that exports are reproducible."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(str(p) for p in parts)))


def norm_guid(value: str | None) -> str:
    """GUIDs compare case-insensitively, braces stripped (producers differ)."""
    return (value or "").strip().strip("{}").lower()


def description(node: dict[str, Any]) -> str:
    parts = [str(node.get("definition") or "").strip()]
    for key, label in _SECTIONS:
        value = node.get(key)
        if isinstance(value, list):
            value = "; ".join(value)
        if value:
            parts.append(label + str(value).strip())
    return "\n\n".join(p for p in parts if p)


def parse_description(text: str) -> dict[str, Any]:
    """The inverse of `description`: definition, include, exclude, keywords."""
    out: dict[str, Any] = {}
    rest = []
    for block in re.split(r"\n\s*\n", text.strip()):
        for key, label in _SECTIONS:
            if block.startswith(label):
                value = block[len(label):].strip()
                out[key] = [k.strip() for k in value.split(";") if k.strip()] \
                    if key == "keywords" else value
                break
        else:
            rest.append(block)
    if rest:
        out["definition"] = "\n\n".join(rest).strip()
    return out


def code_element(parent: Element, ns: str, node: dict[str, Any], code_guid: str,
                 note_refs: list[str] = ()) -> Element:  # type: ignore[assignment]
    attrs = {"guid": code_guid, "name": str(node["name"]), "isCodable": "true"}
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
