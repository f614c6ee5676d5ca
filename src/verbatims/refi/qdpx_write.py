"""A whole project as REFI-QDA `.qdpx`: `project.qde` plus `sources/<GUID>.txt`.

Texts are written as UTF-8 without a BOM and with LF line endings, so the
code-point offsets verbatims stores are the positions every convention reads
(NVivo's UTF-16 units differ only after characters outside the BMP). GUIDs are
derived from the project and the object ids, so exporting twice gives the same
file. Attributes become Variables and one named Case per document.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, indent, register_namespace, tostring

from verbatims import __version__
from verbatims.codebook.tree import tree_from_codes
from verbatims.model.entities import AttributeValue
from verbatims.refi.codes import code_element, guid
from verbatims.store import Project

NS = "urn:QDA-XML:project:1.0"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
NAME_LIMIT = 1000


def _t(name: str) -> str:
    return f"{{{NS}}}{name}"


def variable_type(values: list[AttributeValue]) -> str:
    if values and all(isinstance(v, date) for v in values):
        return "Date"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "Integer"
    if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "Float"
    return "Text"


def value_element(parent: Element, kind: str, value: AttributeValue) -> None:
    tag = {"Date": "DateValue", "Integer": "IntegerValue", "Float": "FloatValue"}.get(
        kind, "TextValue")
    text = value.isoformat() if isinstance(value, date) else str(value)
    SubElement(parent, _t(tag)).text = text


def build(project: Project) -> tuple[bytes, dict[str, bytes]]:
    """The `project.qde` XML and the source files, by name inside the zip.

    Handed a pseudonymised view (`pseudo.view`), texts, names, memos and
    attribute values come pseudonymised and every selection already sits on the
    replaced text.
    """
    register_namespace("", NS)
    salt = project.get_meta("created_at") or project.location
    docs = project.documents()
    codes = project.codes()
    codings = project.codings()
    memos = project.memos()
    attrs = project.attributes()

    users = sorted({c.coder for c in codings} | {m.author for m in memos})
    user_guid = {u: guid("user", salt, u) for u in users}
    root = Element(_t("Project"), {
        "name": Path(project.location).stem or "verbatims",
        "origin": f"verbatims {__version__}",
        "creationDateTime": project.get_meta("created_at") or "2000-01-01T00:00:00Z",
    })
    if users:
        users_el = SubElement(root, _t("Users"))
        for user in users:
            SubElement(users_el, _t("User"), {"guid": user_guid[user], "name": user})

    memo_guid = {m.id: guid("memo", salt, m.id) for m in memos}
    code_notes: dict[int, list[str]] = {}
    doc_notes: dict[int, list[str]] = {}
    for memo in memos:
        if memo.kind == "code" and memo.target_id is not None:
            code_notes.setdefault(memo.target_id, []).append(memo_guid[memo.id])
        elif memo.kind == "document" and memo.target_id is not None:
            doc_notes.setdefault(memo.target_id, []).append(memo_guid[memo.id])

    code_guid = {c.id: guid("code", salt, c.id) for c in codes}
    if codes:
        book = SubElement(SubElement(root, _t("CodeBook")), _t("Codes"))
        nodes = tree_from_codes(codes)
        by_parent: dict[int | None, list[int]] = {}
        for code in codes:
            by_parent.setdefault(code.parent_id, []).append(code.id)

        def walk(parent: Element, ids: list[int], tree: list[dict[str, object]]) -> None:
            for code_id, node in zip(ids, tree, strict=True):
                element = code_element(parent, NS, node, code_guid[code_id],
                                       code_notes.get(code_id, []))
                walk(element, by_parent.get(code_id, []),
                     node.get("codes") or [])  # type: ignore[arg-type]

        walk(book, by_parent.get(None, []), nodes)

    keys = sorted({k for values in attrs.values() for k in values})
    var_guid = {k: guid("variable", salt, k) for k in keys}
    kinds = {k: variable_type([a[k] for a in attrs.values() if k in a]) for k in keys}
    if keys:
        variables = SubElement(root, _t("Variables"))
        for key in keys:
            SubElement(variables, _t("Variable"), {"guid": var_guid[key], "name": key,
                                                   "typeOfVariable": kinds[key]})
    doc_guid = {d.id: guid("document", salt, d.id) for d in docs}
    if docs:
        cases = SubElement(root, _t("Cases"))
        for doc in docs:
            case = SubElement(cases, _t("Case"), {"guid": guid("case", salt, doc.id),
                                                 "name": doc.name})
            for key, value in sorted(attrs.get(doc.id, {}).items()):
                vv = SubElement(case, _t("VariableValue"))
                SubElement(vv, _t("VariableRef"), {"targetGUID": var_guid[key]})
                value_element(vv, kinds[key], value)
            SubElement(case, _t("SourceRef"), {"targetGUID": doc_guid[doc.id]})

    files: dict[str, bytes] = {}
    if docs:
        sources = SubElement(root, _t("Sources"))
        by_doc: dict[int, list[object]] = {}
        for coding in codings:
            by_doc.setdefault(coding.document_id, []).append(coding)
        for doc in docs:
            text = project.text(doc.id)
            files[f"sources/{doc_guid[doc.id]}.txt"] = text.encode("utf-8")
            source = SubElement(sources, _t("TextSource"), {
                "guid": doc_guid[doc.id], "name": doc.name,
                "plainTextPath": f"internal://{doc_guid[doc.id]}.txt",
                "creationDateTime": doc.imported_at,
            })
            for coding in project.codings(document_id=doc.id):
                start, end = coding.start, coding.end
                sel = SubElement(source, _t("PlainTextSelection"), {
                    "guid": guid("selection", salt, coding.id),
                    "name": text[start:end][:NAME_LIMIT],
                    "startPosition": str(start), "endPosition": str(end),
                    "creatingUser": user_guid[coding.coder],
                    "creationDateTime": coding.created_at,
                })
                if coding.memo:
                    SubElement(sel, _t("Description")).text = coding.memo
                cod = SubElement(sel, _t("Coding"), {
                    "guid": guid("coding", salt, coding.id),
                    "creatingUser": user_guid[coding.coder],
                    "creationDateTime": coding.created_at,
                })
                SubElement(cod, _t("CodeRef"), {"targetGUID": code_guid[coding.code_id]})
            for ref in doc_notes.get(doc.id, []):
                SubElement(source, _t("NoteRef"), {"targetGUID": ref})

    if memos:
        notes = SubElement(root, _t("Notes"))
        names = {d.id: d.name for d in docs}
        for memo in memos:
            if memo.kind == "project":
                title = "Mémo du projet"
            elif memo.kind == "document":
                title = f"Mémo : {names.get(memo.target_id or 0, '?')}"
            else:
                title = f"Mémo : {project.code_path(memo.target_id or 0)}"
            note = SubElement(notes, _t("Note"), {
                "guid": memo_guid[memo.id], "name": title,
                "creatingUser": user_guid[memo.author],
                "creationDateTime": memo.updated_at, "modifiedDateTime": memo.updated_at,
            })
            SubElement(note, _t("PlainTextContent")).text = memo.text
    description = project.get_meta("codebook_description") or ""
    if description:
        SubElement(root, _t("Description")).text = description
    for memo in memos:
        if memo.kind == "project":
            SubElement(root, _t("NoteRef"), {"targetGUID": memo_guid[memo.id]})
    indent(root)
    xml = tostring(root, encoding="utf-8", xml_declaration=True)
    return xml, files


def write(project: Project, path: Path) -> None:
    xml, files = build(project)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("project.qde", ZIP_TIME), xml,
                    compress_type=zipfile.ZIP_DEFLATED)
        for name in sorted(files):
            zf.writestr(zipfile.ZipInfo(name, ZIP_TIME), files[name],
                        compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())
