"""A whole project as REFI-QDA `.qdpx`: `project.qde` plus `sources/<GUID>.txt`.

By default texts are written as the standard says and most tools read them:
UTF-8 without a BOM, LF line endings, positions in code points (what verbatims
stores). `--for TOOL` writes what that tool expects instead (see `PROFILES`):
NVivo counts UTF-16 units and reads its own CRLF, BOM and `Sources/`; ATLAS.ti
and MAXQDA count a CRLF as one position. GUIDs are derived from the project and
the object ids, so exporting twice gives the same file.

Everything the project holds goes out, within the schema: attributes as
Variables and one named Case per document; folders of codes as
`isCodable="false"`; the codebook's name and description as a Set of its top
codes; each coding as a selection (its creator kept when another tool gave one)
with its memo as the selection's Description; annotations as selections with
only a Description (as MAXQDA writes a memo on a segment), or for NVivo as
notes linked to their selection; memos as Notes; speaker turns (times, roles) and
grid summaries, which REFI has no place for, in `verbatims.json` beside the
project (`refi.companion`; not in the profiles for other tools). Every string is
made XML-safe (`verbatims.controls`), whatever the project holds. Handed a
pseudonymised view (`pseudo.view`), it writes what the view shows.
"""

from __future__ import annotations

import bisect
import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, indent, register_namespace

from verbatims import __version__, controls
from verbatims.codebook.tree import tree_from_codes
from verbatims.model.entities import AttributeValue
from verbatims.refi import companion
from verbatims.refi.codes import CODEBOOK_SET, code_element, guid
from verbatims.store import Project

NS = "urn:QDA-XML:project:1.0"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
NAME_LIMIT = 1000


@dataclass(frozen=True)
class Profile:
    """How one tool reads a .qdpx: its sources' folder, BOM and line endings, and how
    it counts positions in them."""

    folder: str = "sources/"
    bom: bool = False
    crlf: bool = False  # line breaks written as CRLF
    crlf_counts_two: bool = True  # a CRLF is two positions (only matters with crlf)
    utf16: bool = False  # positions in UTF-16 units: a character beyond the BMP counts two
    annotations_as_links: bool = False  # annotations as Notes linked to their selection
    companion: bool = False  # turns and summaries in verbatims.json (refi.companion)

    def position(self, offset: int, newlines: list[int], wide: list[int]) -> int:
        """A stored offset as this tool counts it in the text as written."""
        extra = 0
        if self.crlf and self.crlf_counts_two:
            extra += bisect.bisect_left(newlines, offset)
        if self.utf16:
            extra += bisect.bisect_left(wide, offset)
        return offset + extra

    def encode(self, text: str) -> bytes:
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8")


# What each tool expects (../shared/refi/NOTES.md): NVivo 12 for Windows reads what it
# writes, BOM + CRLF, UTF-16 units, `Sources/`, annotations linked to selections;
# ATLAS.ti writes CRLF, counts it as one, and refuses a capitalised `Sources/`; MAXQDA
# counts a CRLF as one too; QualCoder keeps a BOM as a character and pads CRLF, so it
# gets LF without a BOM (the standard).
PROFILES = {
    "standard": Profile(companion=True),
    "nvivo": Profile(folder="Sources/", bom=True, crlf=True, utf16=True,
                     annotations_as_links=True),
    "atlas": Profile(crlf=True, crlf_counts_two=False),
    "maxqda": Profile(crlf=True, crlf_counts_two=False),
    "qualcoder": Profile(),
}


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


class _Placer:
    """Stored offsets of one document as the tool reads its text."""

    def __init__(self, text: str, profile: Profile) -> None:
        self.text, self.profile = text, profile
        self.newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        self.wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def at(self, offset: int) -> str:
        return str(self.profile.position(offset, self.newlines, self.wide))

    def quoted(self, start: int, end: int) -> str:
        return self.text[start:end][:NAME_LIMIT]


def build(project: Project, profile: Profile = PROFILES["standard"]
          ) -> tuple[bytes, dict[str, bytes]]:
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
    annotations = project.annotations()
    attrs = project.attributes()

    users = sorted({c.coder for c in codings} | {m.author for m in memos}
                   | {c.selected_by for c in codings if c.selected_by}
                   | {a.author for a in annotations})
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
    used = {c.code_id for c in codings}
    if codes:
        book = SubElement(SubElement(root, _t("CodeBook")), _t("Codes"))
        nodes = tree_from_codes(codes)
        by_parent: dict[int | None, list[int]] = {}
        for code in codes:
            by_parent.setdefault(code.parent_id, []).append(code.id)

        def walk(parent: Element, ids: list[int], tree: list[dict[str, object]]) -> None:
            for code_id, node in zip(ids, tree, strict=True):
                if code_id in used:  # a folder with codings is codable, or they are lost
                    node = {**node, "codable": True}
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
    linked: list[tuple[str, str, str, str, str]] = []  # note, selection, text, author, when
    if docs:
        sources = SubElement(root, _t("Sources"))
        for doc in docs:
            text = project.text(doc.id)
            place = _Placer(text, profile)
            at, quoted = place.at, place.quoted
            files[f"{profile.folder}{doc_guid[doc.id]}.txt"] = profile.encode(text)
            source = SubElement(sources, _t("TextSource"), {
                "guid": doc_guid[doc.id], "name": doc.name,
                "plainTextPath": f"internal://{doc_guid[doc.id]}.txt",
                "creationDateTime": doc.imported_at,
            })
            for coding in project.codings(document_id=doc.id):
                sel = SubElement(source, _t("PlainTextSelection"), {
                    "guid": guid("selection", salt, coding.id),
                    "name": quoted(coding.start, coding.end),
                    "startPosition": at(coding.start), "endPosition": at(coding.end),
                    "creatingUser": user_guid[coding.selected_by or coding.coder],
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
            for marked in project.annotations(doc.id):
                sel_guid = guid("annotation", salt, marked.id)
                sel = SubElement(source, _t("PlainTextSelection"), {
                    "guid": sel_guid, "name": quoted(marked.start, marked.end),
                    "startPosition": at(marked.start), "endPosition": at(marked.end),
                    "creatingUser": user_guid[marked.author],
                    "creationDateTime": marked.created_at,
                })
                if profile.annotations_as_links:
                    linked.append((guid("annotation note", salt, marked.id), sel_guid,
                                   marked.text, marked.author, marked.created_at))
                else:
                    SubElement(sel, _t("Description")).text = marked.text
            for ref in doc_notes.get(doc.id, []):
                SubElement(source, _t("NoteRef"), {"targetGUID": ref})

    if memos or linked:
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
        for note_guid, _sel, text, author, when in linked:
            note = SubElement(notes, _t("Note"), {
                "guid": note_guid, "name": "Annotation", "creatingUser": user_guid[author],
                "creationDateTime": when, "modifiedDateTime": when})
            SubElement(note, _t("PlainTextContent")).text = text
    if linked:
        links = SubElement(root, _t("Links"))
        for note_guid, sel_guid, *_rest in linked:
            SubElement(links, _t("Link"), {"guid": guid("link", note_guid), "direction":
                                           "OneWay", "originGUID": note_guid,
                                           "targetGUID": sel_guid})
    name = project.get_meta("codebook_name") or ""
    if name.strip() and codes:
        sets = SubElement(root, _t("Sets"))
        book_set = SubElement(sets, _t("Set"), {"guid": CODEBOOK_SET, "name": name.strip()})
        for code in codes:
            if code.parent_id is None:
                SubElement(book_set, _t("MemberCode"), {"targetGUID": code_guid[code.id]})
    description = project.get_meta("codebook_description") or ""
    if description:
        SubElement(root, _t("Description")).text = description
    for memo in memos:
        if memo.kind == "project":
            SubElement(root, _t("NoteRef"), {"targetGUID": memo_guid[memo.id]})
    if profile.companion and docs:
        summaries = [companion.Summary(doc_guid[d], code_guid[c], *note)
                     for (d, c), note in sorted(project.summary_notes().items())
                     if d in doc_guid and c in code_guid]
        turns = {doc_guid[d.id]: project.turns(d.id) for d in docs}
        files[companion.NAME] = companion.dump(turns, summaries)
    indent(root)
    return controls.xml_bytes(root), files


def write(project: Project, path: Path, tool: str = "standard") -> None:
    xml, files = build(project, PROFILES[tool])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("project.qde", ZIP_TIME), xml,
                    compress_type=zipfile.ZIP_DEFLATED)
        for name in sorted(files):
            zf.writestr(zipfile.ZipInfo(name, ZIP_TIME), files[name],
                        compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())
