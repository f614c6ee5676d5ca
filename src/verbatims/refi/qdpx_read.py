"""Reading a `.qdpx` into plain data, checked before anything is stored.

Tolerant of what real tools write (see ../shared/refi/NOTES.md): namespace
variants, GUIDs in any case and with braces, `Sources/` or `sources/`, BOMs,
CRLF, positions counted in UTF-16 units (NVivo) or with CRLF as one (ATLAS.ti),
variables on sources or on cases (named or not), memos as notes or selection
descriptions, NVivo for Mac sources whose text is only in their `.docx`.
Every selection is mapped onto the stored text's code points.

Nothing is dropped without a word: NVivo's case codings become codes under a
folder "Cas"; a note on a selection (NVivo's annotations, by `NoteRef` or by a
`Link`) and a selection with only a description (a MAXQDA memo on a segment)
become annotations; NVivo's selection creator is kept beside the coder.

Intolerant of what no tool writes: a position that is not a whole number, is
negative, reversed or beyond its source, or a source the project names but the
archive lacks, refuse the whole file with the selection or source named.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree.ElementTree import Element

from verbatims import controls
from verbatims.errors import UserError
from verbatims.i18n import _, ngettext
from verbatims.ingest import document_name, limits
from verbatims.ingest import turns as turn_detection
from verbatims.ingest.decode import decode
from verbatims.model.entities import NewDocument
from verbatims.refi import companion, positions
from verbatims.refi.codes import norm_guid
from verbatims.refi.qdc import codebook_set, codes_from
from verbatims.refi.safezip import SafeZip
from verbatims.refi.xmlread import child, children, local, parse, text_of

CASES_FOLDER = "Cas"  # where NVivo's case codings go, one code per case
_GUIDISH = re.compile(r"^\{?[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\}?$")


@dataclass
class ImportedCoding:
    source: str  # source guid
    code: str  # code guid
    start: int
    end: int
    coder: str
    created_at: str | None
    memo: str | None
    selected_by: str | None = None  # the selection's creator, when not the coder


@dataclass
class ImportedMemo:
    kind: str  # project | document | code
    target: str | None  # source or code guid
    text: str
    author: str
    updated_at: str | None


@dataclass
class ImportedAnnotation:
    source: str  # source guid
    start: int
    end: int
    text: str
    author: str
    created_at: str | None


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
    annotations: list[ImportedAnnotation] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was read differently, and how
    codebook_name: str = ""
    codebook_description: str = ""
    summaries: list[companion.Summary] = field(default_factory=list)  # verbatims.json


@dataclass
class _Selection:
    source: str
    start: int
    end: int
    user: str
    codings: list[int]  # indexes into ImportedProject.codings


def _value(vv: Element) -> object:
    for element in vv:
        kind = local(element)
        if kind == "VariableRef" or element.text is None or not element.text.strip():
            continue
        text = controls.clean(element.text.strip())
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
        return _Reader(archive, path).read()
    finally:
        archive.close()


def stamp(value: str | None) -> str | None:
    """An ISO 8601 date-time as another tool wrote it, or None when it is not one."""
    if value:
        try:
            datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            return value.strip()
        except ValueError:
            return None
    return None


class _Reader:
    def __init__(self, archive: SafeZip, path: Path) -> None:
        self.archive = archive
        self.path = path
        self.where = str(path)
        self.users: dict[str, str] = {}
        self.selections: dict[str, _Selection] = {}
        self.coding_at: dict[str, int] = {}  # coding guid → index in project.codings
        self.replaced = 0  # control characters replaced in texts, names and memos

    def clean(self, text: str) -> str:
        out, n = controls.replace(text)
        self.replaced += n
        return out

    def user(self, *elements: Element) -> str:
        for el in elements:
            name = self.users.get(norm_guid(el.get("creatingUser")))
            if name:
                return name
        return "import"

    def read(self) -> ImportedProject:
        root = parse(self.archive.read(self.archive.qde()), self.where)
        if local(root) != "Project":
            raise UserError(_("{path} is not a REFI-QDA project (its root is <{root}>); "
                              "export the project again from its tool.").format(
                                  path=self.path, root=local(root)))
        origin = root.get("origin") or ""
        project = ImportedProject(self.clean(root.get("name") or self.path.stem), origin,
                                  self.clean(text_of(root, "Description")))
        self.project = project
        project.codebook_name, project.codebook_description = codebook_set(root)
        self.users = {norm_guid(u.get("guid")): self.clean(u.get("name") or u.get("id")
                                                           or "import")
                      for users in children(root, "Users") for u in children(users, "User")}
        book = child(root, "CodeBook")
        codes = child(book, "Codes") if book is not None else None
        project.codes = codes_from(codes, self.where) if codes is not None else []
        self.code_guids: set[str] = set()
        self._collect(project.codes)
        cases = [case for cs in children(root, "Cases") for case in children(cs, "Case")]
        self.cases = {norm_guid(c.get("guid")): self.clean(c.get("name") or "").strip()
                      for c in cases}
        self.case_of_source = {norm_guid(r.get("targetGUID")): document_name(name)
                               for c in cases if (name := self.cases[norm_guid(c.get("guid"))])
                               for r in children(c, "SourceRef")}
        self.case_codes: dict[str, str] = {}  # case guid → its code's name
        self.variables = {norm_guid(v.get("guid")): self.clean(v.get("name") or "variable")
                          for vs in children(root, "Variables")
                          for v in children(vs, "Variable")}

        note_targets: dict[str, tuple[str, str | None]] = {}
        for project_ref in children(root, "NoteRef"):
            note_targets[norm_guid(project_ref.get("targetGUID"))] = ("project", None)
        source_attrs: dict[str, dict[str, object]] = {}
        sources = child(root, "Sources")
        for source in (children(sources, "TextSource") if sources is not None else []):
            self._source(source, source_attrs, note_targets)
        for kind in ("PDFSource", "PictureSource", "AudioSource", "VideoSource"):
            for source in (children(sources, kind) if sources is not None else []):
                project.skipped.append(f"{source.get('name') or source.get('guid')} "
                                       f"({kind}, not a text)")
        self._cases(cases, source_attrs)
        self._companion()
        for guid, doc in project.documents.items():
            doc.attributes.update(source_attrs.get(guid, {}))  # type: ignore[arg-type]
        if codes is not None:
            for code_el in codes.iter():
                if local(code_el) == "Code":
                    for note_ref in children(code_el, "NoteRef"):
                        note_targets[norm_guid(note_ref.get("targetGUID"))] = (
                            "code", norm_guid(code_el.get("guid")))
        links = self._links(root)
        for notes in children(root, "Notes"):
            for note in children(notes, "Note"):
                self._note(note, note_targets, links)
        if self.case_codes:
            project.codes.append({"name": CASES_FOLDER, "guid": "", "codable": False,
                                  "definition": _("Case codings read from {tool}: the "
                                                  "passages coded to each case.").format(
                                      tool=origin or "REFI-QDA"),
                                  "codes": [{"name": name, "guid": guid, "codes": []}
                                            for guid, name in self.case_codes.items()]})
            project.notes.append(ngettext(
                "{n} case kept as a code under «{folder}» (its case codings).",
                "{n} cases kept as codes under «{folder}» (their case codings).",
                len(self.case_codes)).format(n=len(self.case_codes), folder=CASES_FOLDER))
            self.code_guids.update(self.case_codes)
        project.codings = [c for c in project.codings
                           if c.code in self.code_guids and c.source in project.documents]
        if self.replaced:
            project.notes.append(controls.notice(self.where, self.replaced))
        return project

    def _companion(self) -> None:
        """Turns (times, roles) and summaries from verbatims.json, when the file has it."""
        if companion.NAME not in self.archive.members:
            return
        documents = self.project.documents
        found = companion.load(self.archive.read(companion.NAME), self.where,
                               {guid: doc.text for guid, doc in documents.items()})
        for guid, turns in found.turns.items():
            speakers = [replace(t, speaker=self.clean(t.speaker) if t.speaker else None)
                        for t in turns]
            documents[guid] = replace(documents[guid], turns=tuple(speakers))
        self.project.summaries = [
            replace(s, text=self.clean(s.text), author=self.clean(s.author) or "import",
                    updated_at=stamp(s.updated_at) or "")
            for s in found.summaries
            if s.source in documents and s.code in self.code_guids and s.text.strip()]

    def _collect(self, nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            node["guid"] = norm_guid(node.get("guid"))
            self.code_guids.add(node["guid"])
            self._collect(node["codes"])

    def values(self, element: Element) -> dict[str, object]:
        out: dict[str, object] = {}
        for vv in children(element, "VariableValue"):
            ref = child(vv, "VariableRef")
            name = self.variables.get(norm_guid(ref.get("targetGUID") if ref is not None
                                                else ""))
            value = _value(vv)
            if name and value is not None:
                out[name] = value
        return out

    # -- sources and selections ------------------------------------------------------

    def _source(self, source: Element, source_attrs: dict[str, dict[str, object]],
                note_targets: dict[str, tuple[str, str | None]]) -> None:
        project = self.project
        guid = norm_guid(source.get("guid"))
        name = self._source_name(source, guid)
        raw = self._source_text(source, name)
        if raw is None:
            return
        limits.check_text(raw, f"{self.where}: {name}")
        if controls.has_nul(raw):
            raise UserError(_("{where}: the source {name!r} holds NUL characters, which no "
                              "transcript has; export it again from its tool.").format(
                                  where=self.where, name=name))
        raw = self.clean(raw)  # one for one: positions stay where they were
        index = positions.build(raw)
        if not index.text.strip():
            project.skipped.append(f"{name} (empty)")
            return
        selections = list(children(source, "PlainTextSelection"))
        read = [(self._position(s, "startPosition", name), self._position(s, "endPosition",
                                                                         name),
                 s.get("name") or "") for s in selections]
        convention = positions.choose(index, read, project.origin)
        project.conventions[guid] = convention
        top = index.length(convention)
        source_attrs[guid] = self.values(source)
        project.documents[guid] = NewDocument(
            name=name, text=index.text, source_path=f"{self.path}#{name}",
            source_format="qdpx", encoding="utf-8",
            turns=turn_detection.detect(index.text), attributes={},
            imported_at=stamp(source.get("creationDateTime")))
        for source_ref in children(source, "NoteRef"):
            note_targets[norm_guid(source_ref.get("targetGUID"))] = ("document", guid)
        for coding in children(source, "Coding"):  # the whole source coded
            self._coding(coding, guid, 0, len(index.text.rstrip()), self.user(coding), None,
                         None, source.get("creationDateTime"))
        for sel, (a, b, _quoted) in zip(selections, read, strict=True):
            label = sel.get("guid") or f"{a}–{b}"
            if a < 0 or b < 0 or a > top or b > top:
                raise UserError(_("{where}: the selection {sel} of {name!r} runs from {a} to "
                                  "{b}, outside its text (0 to {top}); the file is damaged "
                                  "or was not written by a QDA tool.").format(
                                      where=self.where, sel=label, name=name, a=a, b=b,
                                      top=top))
            if a > b:
                raise UserError(_("{where}: the selection {sel} of {name!r} ends ({b}) before "
                                  "it starts ({a}); the file is damaged.").format(
                                      where=self.where, sel=label, name=name, a=a, b=b))
            start, end = sorted((index.to_stored(a, convention), index.to_stored(b, convention)))
            who = self.user(sel)
            memo = self.clean(text_of(sel, "Description")).strip() or None
            found = _Selection(guid, start, end, who, [])
            self.selections[norm_guid(sel.get("guid"))] = found
            coding_elements = list(children(sel, "Coding"))
            for coding in coding_elements:
                coder = self.user(coding, sel)
                at = self._coding(coding, guid, start, end, coder, memo,
                                  who if who != coder and sel.get("creatingUser") else None,
                                  sel.get("creationDateTime"))
                if at is not None:
                    found.codings.append(at)
                    self.coding_at[norm_guid(coding.get("guid"))] = at
                    for ref in children(coding, "NoteRef"):
                        note_targets[norm_guid(ref.get("targetGUID"))] = ("coding", str(at))
            if memo and not coding_elements:  # a memo on a segment (MAXQDA)
                project.annotations.append(ImportedAnnotation(
                    guid, start, end, memo, who,
                    stamp(sel.get("modifiedDateTime") or sel.get("creationDateTime"))))
            for ref in children(sel, "NoteRef"):
                note_targets[norm_guid(ref.get("targetGUID"))] = (
                    "selection", norm_guid(sel.get("guid")))

    def _position(self, sel: Element, attribute: str, name: str) -> int:
        value = (sel.get(attribute) or "").strip()
        try:
            return int(value)
        except ValueError:
            raise UserError(_("{where}: a selection in {name!r} has a position that is not a "
                              "whole number ({attribute}={value!r}).").format(
                                  where=self.where, name=name, attribute=attribute,
                                  value=value[:40])) from None

    def _coding(self, coding: Element, source: str, start: int, end: int, coder: str,
                memo: str | None, selected_by: str | None, fallback_time: str | None
                ) -> int | None:
        ref = child(coding, "CodeRef")
        if ref is None or start >= end:
            return None
        target = norm_guid(ref.get("targetGUID"))
        if target not in self.code_guids and target in self.cases:  # NVivo's case coding
            self.case_codes.setdefault(target, self._case_code_name(target))
        self.project.codings.append(ImportedCoding(
            source, target, start, end, coder,
            stamp(coding.get("creationDateTime")) or stamp(fallback_time), memo, selected_by))
        return len(self.project.codings) - 1

    def _case_code_name(self, case: str) -> str:
        name = self.cases.get(case) or _("case {n}").format(n=len(self.case_codes) + 1)
        taken = {n.casefold() for n in self.case_codes.values()}
        base, n = name, 2
        while name.casefold() in taken:
            name, n = f"{base} ({n})", n + 1
        return name

    def _source_name(self, source: Element, guid: str) -> str:
        """Its name; else its file's (QualCoder leaves `name` out), never a GUID."""
        name = document_name(self.clean(source.get("name") or "").strip())
        if name:
            return name
        for attribute in ("currentPath", "richTextPath", "plainTextPath"):
            value = (source.get(attribute) or "").split("://", 1)[-1]
            stem = PurePosixPath(value.replace("\\", "/")).name
            if stem and not _GUIDISH.match(PurePosixPath(stem).stem):
                return document_name(self.clean(stem))
        return self.case_of_source.get(guid) or _("document {guid}").format(guid=guid[:8])

    def _source_text(self, source: Element, name: str) -> str | None:
        inline = child(source, "PlainTextContent")
        if inline is not None and inline.text:
            return inline.text
        for attribute in ("plainTextPath", "richTextPath"):
            path = source.get(attribute) or ""
            if not path:
                continue
            scheme, _sep, rest = path.partition("://")
            if not rest:
                rest = scheme  # no scheme (QualCoder #803): take it as an internal name
            elif scheme.lower() != "internal":
                self.project.skipped.append(_("{name} (its text is outside the file: "
                                              "{path})").format(name=name, path=path))
                return None  # relative:// and absolute:// lead outside: never followed
            member = self.archive.find_source(rest)
            if member is None:
                raise UserError(_("{where} names the source {name!r} ({path}), which is not "
                                  "inside the file; export it again with its "
                                  "sources.").format(where=self.where, name=name, path=path))
            data = self.archive.read(member)
            if attribute == "richTextPath":
                return self._rich_text(data, member, name)
            try:
                return data.decode("utf-8-sig")
            except UnicodeDecodeError:
                return decode(data, f"{self.where}: {rest}")[0]
        self.project.skipped.append(_("{name} (no text inside the file)").format(name=name))
        return None

    def _rich_text(self, data: bytes, member: str, name: str) -> str:
        """The text of a source given only as a .docx (NVivo for Mac), read as an import
        of that .docx would read it."""
        if not member.endswith(".docx"):
            raise UserError(_("{where}: the source {name!r} is only in {member}, a format "
                              "verbatims does not read inside a .qdpx; export its plain text "
                              "with it.").format(where=self.where, name=name, member=member))
        from verbatims.ingest.formats.docx import text_of as docx_text

        where = f"{self.where}: {member}"
        limits.check_office(io.BytesIO(data), ".docx", where)
        text, _notes = docx_text(io.BytesIO(data), where, paragraphs="\n")
        self.project.notes.append(_("{name}: the text read from its Word file ({member}); "
                                    "check the codings' positions.").format(
                                        name=name, member=member))
        return text

    # -- cases, notes and links ------------------------------------------------------

    def _cases(self, cases: list[Element], source_attrs: dict[str, dict[str, object]]
               ) -> None:
        """Attributes on the cases that hold a source (named cases and nameless ones)."""
        for case in cases:
            refs = [norm_guid(r.get("targetGUID")) for r in children(case, "SourceRef")]
            case_values = self.values(case)
            case_name = self.cases.get(norm_guid(case.get("guid")), "")
            for ref in refs:
                if ref in source_attrs:
                    merged = source_attrs[ref]
                    merged.update(case_values)
                    doc = self.project.documents[ref]
                    if case_name and case_name != doc.name:
                        merged.setdefault("case", case_name)

    def _links(self, root: Element) -> dict[str, list[str]]:
        """Note guid → the guids it is linked to (NVivo links annotations this way)."""
        out: dict[str, list[str]] = {}
        for links in children(root, "Links"):
            for link in children(links, "Link"):
                a, b = norm_guid(link.get("originGUID")), norm_guid(link.get("targetGUID"))
                out.setdefault(a, []).append(b)
                out.setdefault(b, []).append(a)
        return out

    def _note(self, note: Element, note_targets: dict[str, tuple[str, str | None]],
              links: dict[str, list[str]]) -> None:
        project = self.project
        guid = norm_guid(note.get("guid"))
        text = text_of(note, "PlainTextContent").strip()
        if not text:
            member = note.get("plainTextPath") or ""
            found = self.archive.find_source(member.split("://", 1)[-1]) if member else None
            text = decode(self.archive.read(found), self.where)[0].strip() if found else ""
        text = self.clean(text)
        if not text:
            return
        author = self.user(note)
        when = stamp(note.get("modifiedDateTime") or note.get("creationDateTime"))
        target = note_targets.get(guid)
        if target is None:  # a note linked to a selection, a coding, a code or a source
            for other in links.get(guid, []):
                if other in self.selections:
                    target = ("selection", other)
                elif other in self.coding_at:
                    target = ("coding", str(self.coding_at[other]))
                elif other in self.code_guids:
                    target = ("code", other)
                elif other in project.documents:
                    target = ("document", other)
                else:
                    continue
                break
        kind, owner = target if target is not None else ("project", None)
        if kind == "selection" and owner in self.selections:
            sel = self.selections[owner]
            project.annotations.append(ImportedAnnotation(sel.source, sel.start, sel.end,
                                                          text, author, when))
            return
        if kind == "coding" and owner is not None:
            coding = project.codings[int(owner)]
            coding.memo = f"{coding.memo}\n\n{text}" if coding.memo else text
            return
        if kind == "document" and owner not in project.documents:
            kind, owner = "project", None
        if kind == "code" and owner not in self.code_guids:
            kind, owner = "project", None
        project.memos.append(ImportedMemo(kind, owner, text, author, when))
