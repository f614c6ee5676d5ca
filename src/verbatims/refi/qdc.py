"""REFI-QDA codebooks (`.qdc`): the code tree with colours and descriptions.

Written in the standard namespace, UTF-8, with no `<Sets/>` (an empty one is
XSD-invalid, as Taguette's are). Read tolerantly: any namespace variant, codes
flattened as `a::b` (ATLAS.ti 8) or `a.b`-style names kept as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, SubElement, indent, register_namespace

from verbatims import __version__, controls
from verbatims.errors import UserError
from verbatims.files import atomic_write
from verbatims.i18n import _
from verbatims.refi.codes import CODEBOOK_SET, code_element, guid, norm_guid, parse_description
from verbatims.refi.xmlread import child, children, local, parse, text_of

NS = "urn:QDA-XML:codebook:1.0"
MAX_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 100  # levels of sub-codes; NVivo's deepest real trees have a dozen


def build(tree: list[dict[str, Any]], salt: str = "", name: str = "",
          description: str = "") -> Element:
    register_namespace("", NS)
    root = Element(f"{{{NS}}}CodeBook", {"origin": f"verbatims {__version__}"})
    codes = SubElement(root, f"{{{NS}}}Codes")

    def walk(parent: Element, nodes: list[dict[str, Any]], path: str) -> None:
        for node in nodes:
            here = f"{path}/{node['name']}"
            element = code_element(parent, NS, node, guid("code", salt, here))
            walk(element, node.get("codes") or [], here)

    walk(codes, tree, "")
    if name.strip() or description.strip():  # the codebook's own name and description
        sets = SubElement(SubElement(root, f"{{{NS}}}Sets"), f"{{{NS}}}Set",  # in a Set
                          {"guid": CODEBOOK_SET, "name": name.strip()})
        if description.strip():
            SubElement(sets, f"{{{NS}}}Description").text = description.strip()
    return root


def write(tree: list[dict[str, Any]], path: Path, name: str = "", description: str = ""
          ) -> None:
    if not tree:
        raise UserError(_("The project has no codes to export; import a codebook first."))
    root = build(tree, name=name, description=description)
    indent(root)
    with atomic_write(path, choose=_("another path for the codebook")) as tmp:
        tmp.write_bytes(controls.xml_bytes(root))


def codebook_set(root: Element) -> tuple[str, str]:
    """The codebook's (name, description) from the Set verbatims writes, or ("", "")."""
    for sets in children(root, "Sets"):
        for found in children(sets, "Set"):
            if norm_guid(found.get("guid")) == CODEBOOK_SET:
                return (found.get("name") or "").strip(), text_of(found, "Description").strip()
    return "", ""


def codes_from(codes: Element, where: str, depth: int = 0) -> list[dict[str, Any]]:
    """Nested codebook dicts from a `<Codes>` element (also used by the .qdpx reader)."""
    if depth > MAX_DEPTH:
        raise UserError(_("The code tree of {where} is more than {n} levels deep; verbatims "
                          "refuses it (a real codebook has a dozen at most).").format(
                              where=where, n=MAX_DEPTH))
    out: list[dict[str, Any]] = []
    for element in children(codes, "Code"):
        name = controls.clean(element.get("name") or "").strip()
        node: dict[str, Any] = {"name": name or "(sans nom)",
                                "guid": element.get("guid") or ""}
        color = (element.get("color") or "").strip()
        if color.startswith("#") and len(color) in (4, 7):
            if len(color) == 4:
                color = "#" + "".join(c * 2 for c in color[1:])
            node["color"] = color.upper()
        desc = child(element, "Description")
        if desc is not None and desc.text:
            node.update(parse_description(controls.clean(desc.text)))
        node["codable"] = (element.get("isCodable") or "true").strip().lower() in ("true", "1")
        node["codes"] = codes_from(element, where, depth + 1)
        out.append(node)
    return _dedupe(out)


def _dedupe(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Two sibling codes with one name (case aside) get a number, as the store wants."""
    seen: set[str] = set()
    for node in nodes:
        name, n = node["name"], 2
        while node["name"].casefold() in seen:
            node["name"] = f"{name} ({n})"
            n += 1
        seen.add(node["name"].casefold())
    return nodes


def read(path: Path) -> dict[str, Any]:
    """{"name", "description", "codes"} of a .qdc (named by the file when another tool
    wrote it; ours carries the codebook's name, or none)."""
    if not path.is_file():
        if path.is_dir():
            raise UserError(_("The codebook {path} is a folder, not a file; check the "
                              "path.").format(path=path))
        raise UserError(_("The codebook {path} does not exist; check the path.").format(
            path=path))
    if path.stat().st_size > MAX_BYTES:
        raise UserError(_("The codebook {path} is larger than {n} MB; it is not a "
                          "codebook.").format(path=path, n=MAX_BYTES // (1024 * 1024)))
    root = parse(path.read_bytes(), str(path))
    if local(root) != "CodeBook":
        raise UserError(_("{path} is not a REFI-QDA codebook (its root is <{root}>, not "
                          "<CodeBook>).").format(path=path, root=local(root)))
    codes = child(root, "Codes")
    if codes is None:
        raise UserError(_("The codebook {path} has no <Codes>; nothing to import.").format(
            path=path))
    name, description = codebook_set(root)
    ours = (root.get("origin") or "").startswith("verbatims")  # its Set names it, or nothing
    return {"name": name or ("" if ours else path.name), "description": description,
            "codes": codes_from(codes, str(path))}
