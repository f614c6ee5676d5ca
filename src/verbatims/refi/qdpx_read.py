"""Reading a `.qdpx` into plain data, checked before anything is stored.

Tolerant of what real tools write (see ../shared/refi/NOTES.md): namespace
variants, GUIDs in any case and with braces, `Sources/` or `sources/`, BOMs,
CRLF, positions counted in UTF-16 units (NVivo) or with CRLF as one (ATLAS.ti),
variables on sources or on cases (named or not), memos as notes or selection
descriptions. Every selection is mapped onto the stored text's code points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from verbatims.errors import UserError
from verbatims.ingest import turns as turn_detection
from verbatims.ingest.decode import decode
from verbatims.model.entities import NewDocument
from verbatims.refi import positions
from verbatims.refi.codes import norm_guid
from verbatims.refi.qdc import codes_from
from verbatims.refi.safezip import SafeZip
from verbatims.refi.xmlread import child, children, local, parse, text_of


@dataclass
class ImportedCoding:
    source: str  # source guid
    code: str  # code guid
    start: int
    end: int
    coder: str
    created_at: str | None
    memo: str | None


@dataclass
class ImportedMemo:
    kind: str  # project | document | code
    target: str | None  # source or code guid
    text: str
    author: str
    updated_at: str | None


@dataclass
class ImportedProject:
    name: str
    origin: str
    description: str
    documents: dict[str, NewDocument] = field(default_factory=dict)  # by source guid
    conventions: dict[str, str] = field(default_factory=dict)
    codes: list[dict[str, Any]] = field(default_factory=list)
    codings: list[ImportedCoding] = field(default_factory=list)
    memos: list[ImportedMemo] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _value(vv: Element) -> object:
    for element in vv:
        kind = local(element)
        if kind == "VariableRef" or element.text is None or not element.text.strip():
            continue
        text = element.text.strip()
        try:
            if kind == "IntegerValue":
                return int(text)
            if kind == "FloatValue":
                return float(text)
            if kind == "BooleanValue":
                return "oui" if text.lower() in ("true", "1") else "non"
        except ValueError:
            return text
        return text
    return None


def read(path: Path) -> ImportedProject:
    archive = SafeZip(path)
    try:
        return _read(archive, path)
    finally:
        archive.close()


def _read(archive: SafeZip, path: Path) -> ImportedProject:
    where = f"{path}"
    root = parse(archive.read(archive.qde()), where)
    if local(root) != "Project":
        raise UserError(f"{path} is not a REFI-QDA project (its root is <{local(root)}>).")
    origin = root.get("origin") or ""
    project = ImportedProject(root.get("name") or path.stem, origin,
                              text_of(root, "Description"))
    users = {norm_guid(u.get("guid")): (u.get("name") or u.get("id") or "import")
             for users in children(root, "Users") for u in children(users, "User")}

    def user(element: Element, *fallbacks: Element) -> str:
        for el in (element, *fallbacks):
            name = users.get(norm_guid(el.get("creatingUser")))
            if name:
                return name
        return "import"

    book = child(root, "CodeBook")
    codes = child(book, "Codes") if book is not None else None
    project.codes = codes_from(codes) if codes is not None else []
    code_guids: set[str] = set()

    def collect(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            node["guid"] = norm_guid(node.get("guid"))
            code_guids.add(node["guid"])
            collect(node["codes"])

    collect(project.codes)

    variables = {norm_guid(v.get("guid")): v.get("name") or "variable"
                 for vs in children(root, "Variables") for v in children(vs, "Variable")}

    def values(element: Element) -> dict[str, object]:
        out: dict[str, object] = {}
        for vv in children(element, "VariableValue"):
            ref = child(vv, "VariableRef")
            name = variables.get(norm_guid(ref.get("targetGUID") if ref is not None else ""))
            value = _value(vv)
            if name and value is not None:
                out[name] = value
        return out

    note_targets: dict[str, tuple[str, str | None]] = {}
    for project_ref in children(root, "NoteRef"):
        note_targets[norm_guid(project_ref.get("targetGUID"))] = ("project", None)

    source_attrs: dict[str, dict[str, object]] = {}
    sources = child(root, "Sources")
    for source in (children(sources, "TextSource") if sources is not None else []):
        guid = norm_guid(source.get("guid"))
        name = (source.get("name") or guid).strip()
        raw = _source_text(archive, source, where)
        if raw is None:
            project.skipped.append(f"{name} (text not inside the file)")
            continue
        index = positions.build(raw)
        if not index.text.strip():
            project.skipped.append(f"{name} (empty)")
            continue
        selections = [(int(s.get("startPosition") or 0), int(s.get("endPosition") or 0),
                       s.get("name") or "") for s in children(source, "PlainTextSelection")]
        convention = positions.choose(index, selections, origin)
        project.conventions[guid] = convention
        source_attrs[guid] = values(source)
        project.documents[guid] = NewDocument(
            name=name, text=index.text, source_path=f"{path}#{name}", source_format="qdpx",
            encoding="utf-8", turns=turn_detection.detect(index.text), attributes={})
        for source_ref in children(source, "NoteRef"):
            note_targets[norm_guid(source_ref.get("targetGUID"))] = ("document", guid)
        for coding in children(source, "Coding"):  # the whole source coded
            _coding(project, coding, guid, 0, len(index.text.rstrip()), user(coding), None)
        for sel in children(source, "PlainTextSelection"):
            try:
                a = int(sel.get("startPosition") or 0)
                b = int(sel.get("endPosition") or 0)
            except ValueError:
                raise UserError(f"{where}: a selection in {name!r} has a position that is "
                                "not a whole number.") from None
            start, end = sorted((index.to_stored(a, convention),
                                 index.to_stored(b, convention)))
            memo = text_of(sel, "Description").strip() or None
            for coding in children(sel, "Coding"):
                _coding(project, coding, guid, start, end, user(coding, sel), memo,
                        sel.get("creationDateTime"))
    for sources_kind in ("PDFSource", "PictureSource", "AudioSource", "VideoSource"):
        for source in (children(sources, sources_kind) if sources is not None else []):
            project.skipped.append(f"{source.get('name') or source.get('guid')} "
                                   f"({sources_kind}, not a text)")

    # attributes: on the source itself, or on the cases that hold it
    for cases in children(root, "Cases"):
        for case in children(cases, "Case"):
            refs = [norm_guid(r.get("targetGUID")) for r in children(case, "SourceRef")]
            case_values = values(case)
            case_name = (case.get("name") or "").strip()
            for ref in refs:
                if ref in source_attrs:
                    merged = source_attrs[ref]
                    merged.update(case_values)
                    doc = project.documents[ref]
                    if case_name and case_name != doc.name:
                        merged.setdefault("case", case_name)
    for guid, doc in project.documents.items():
        doc.attributes.update(source_attrs.get(guid, {}))  # type: ignore[arg-type]

    if codes is not None:
        for code_el in codes.iter():
            if local(code_el) == "Code":
                for note_ref in children(code_el, "NoteRef"):
                    note_targets[norm_guid(note_ref.get("targetGUID"))] = (
                        "code", norm_guid(code_el.get("guid")))
    for notes in children(root, "Notes"):
        for note in children(notes, "Note"):
            target = note_targets.get(norm_guid(note.get("guid")))
            text = text_of(note, "PlainTextContent").strip()
            if not text:
                member = note.get("plainTextPath") or ""
                found = archive.find_source(member.split("://", 1)[-1]) if member else None
                text = decode(archive.read(found), where)[0].strip() if found else ""
            if not text:
                continue
            kind, owner = target if target is not None else ("project", None)
            if kind == "document" and owner not in project.documents:
                kind, owner = "project", None
            if kind == "code" and owner not in code_guids:
                kind, owner = "project", None
            project.memos.append(ImportedMemo(
                kind, owner, text, user(note),
                note.get("modifiedDateTime") or note.get("creationDateTime")))
    project.codings = [c for c in project.codings
                       if c.code in code_guids and c.source in project.documents]
    return project


def _coding(project: ImportedProject, coding: Element, source: str, start: int, end: int,
            coder: str, memo: str | None, fallback_time: str | None = None) -> None:
    ref = child(coding, "CodeRef")
    if ref is None or start >= end:
        return
    project.codings.append(ImportedCoding(
        source, norm_guid(ref.get("targetGUID")), start, end, coder,
        coding.get("creationDateTime") or fallback_time, memo))


def _source_text(archive: SafeZip, source: Element, where: str) -> str | None:
    inline = child(source, "PlainTextContent")
    if inline is not None and inline.text:
        return inline.text
    path = source.get("plainTextPath") or ""
    if not path:
        return None
    scheme, _, rest = path.partition("://")
    if not rest:
        rest = scheme  # no scheme (QualCoder #803): take it as an internal name
    elif scheme.lower() != "internal":
        return None  # relative:// and absolute:// point outside the file: never followed
    member = archive.find_source(rest)
    if member is None:
        return None
    data = archive.read(member)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return decode(data, f"{where}: {rest}")[0]
