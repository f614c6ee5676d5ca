"""Codes as REFI-QDA `<Code>` elements, shared by the `.qdc` and `.qdpx` writers and readers.

REFI has one Description per code; verbatims also keeps inclusion and exclusion
notes, keywords, auto-coding patterns and examples. They are appended to the
Description under French labels a reader of another tool understands
("Inclure : …", "Motifs :"), and split back on import. A line of the researcher's
own text that starts like a label (a definition saying "Motifs : …") is written
with a backslash before it, so that it comes back as text, not as a block.
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
_LABELS = tuple(label.rstrip() for _key, label in (*_TEXTS, *_LISTS))


def _labelled(line: str) -> bool:
    """A line that starts like a label, or like an escaped one (one backslash more)."""
    return line.lstrip("\\").startswith(_LABELS)


def _escaped(text: str, after_label: bool = False) -> str:
    """`text` with a backslash before each line that starts like a label; its first line
    is left alone when it follows a label on the same line."""
    return "\n".join("\\" + line if _labelled(line) and (n or not after_label) else line
                     for n, line in enumerate(text.split("\n")))


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
    parts = [_escaped(str(node.get("definition") or "").strip())]
    for key, label in _TEXTS:
        value = node.get(key)
        if isinstance(value, list | tuple):
            words = [str(v).strip() for v in value if str(v).strip()]
            if any(";" in w or "\n" in w for w in words):  # then one bulleted item each
                parts.append(_bulleted(label.rstrip(), words))
                continue
            value = "; ".join(words)
        if str(value or "").strip():
            parts.append(label + _escaped(str(value).strip(), after_label=True))
    for key, label in _LISTS:
        items = [str(i) for i in node.get(key) or [] if str(i).strip()]
        if items:
            parts.append(_bulleted(label, items))
    return "\n\n".join(p for p in parts if p)


def _bulleted(label: str, items: list[str]) -> str:
    return label + "".join("\n" + _BULLET + item.replace("\n", "\n" + _MORE)
                           for item in items)


def parse_description(text: str) -> dict[str, Any]:
    """The inverse of `description`: definition, include, exclude, keywords, patterns,
    examples. Text before the first label is the definition."""
    out: dict[str, Any] = {}
    labels = {label.rstrip(): key for key, label in (*_TEXTS, *_LISTS)}
    sections: list[tuple[str, list[str]]] = [("definition", [])]
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith("\\") and _labelled(line):  # the researcher's text, escaped
            sections[-1][1].append(line[1:])
            continue
        key = next((k for label, k in labels.items()
                    if line.startswith(label) and (sections[-1][0] != "definition"
                                                   or not _open(sections[-1][1]))), None)
        if key is not None:
            label = next(lb for lb, k in labels.items() if k == key)
            rest = line[len(label):]  # the label's own space, not the text's last ones
            sections.append((key, [rest[1:] if rest.startswith(" ") else rest.lstrip()]))
        else:
            sections[-1][1].append(line)
    for key, lines in sections:
        if key == "keywords" and not lines[0] and any(line.startswith(_BULLET)
                                                      for line in lines[1:]):
            key = "keyword items"  # written one per line under the label: they hold a ";"
        if key in dict(_LISTS) or key == "keyword items":
            items: list[str] = []
            for line in lines:
                if line.startswith(_BULLET):
                    items.append(line[len(_BULLET):])
                elif line.startswith(_MORE) and items:
                    items[-1] += "\n" + line[len(_MORE):]
                elif line.strip():
                    items.append(line.strip())
            if key == "keyword items":
                items, key = [i.strip() for i in items if i.strip()], "keywords"
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
