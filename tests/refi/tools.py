"""Small REFI-QDA files written the way each tool writes them (see ../shared/refi/NOTES.md).

A fresh clone has no real exports beside it, so each tool's habits are reproduced here on
one short interview: where the project file and the sources sit in the zip, BOMs, CRLF,
how positions are counted (UTF-16 units for NVivo, CRLF as one for ATLAS.ti and MAXQDA,
code points for QualCoder), GUID case and braces, one selection per code or several
codings per selection, variables on named or nameless cases, memos as notes, links or
descriptions. Each sample carries what a researcher should find after importing it, and
each holds one of the things a careless import loses: NVivo's annotations (linked to a
selection, or referenced by it), case codings and selection creators, NVivo for Mac's
Word-only sources, MAXQDA's memos on a segment, QualCoder's non-codable folders and
sources without a name.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

# The interview as verbatims stores it (LF, NFC); characters outside the BMP on purpose.
TEXT = ("Enquêtrice : Et le numérique responsable, ça vous parle ? 😀\n"
        "Élue : Oui. D'abord réparer les ordinateurs 🔧 avant d'en racheter.\n"
        "Élue : Et garder les postes longtemps, six ans 🌱 au moins.\n")
REPAIR = "réparer les ordinateurs 🔧 avant d'en racheter"
KEEP = "garder les postes longtemps, six ans 🌱 au moins"
ACROSS = "avant d'en racheter.\nÉlue : Et garder"  # a selection over a line break


@dataclass
class Sample:
    """One tool's export and what importing it must give."""

    tool: str
    files: dict[str, bytes]  # zip member → bytes
    codes: list[str]  # code paths, in codebook order
    codings: list[tuple[str, str, str]]  # (code path, coded text, coder), sorted
    attributes: dict[str, object] = field(default_factory=dict)
    memos: list[tuple[str, str]] = field(default_factory=list)  # (kind, text), sorted
    coding_memos: list[str] = field(default_factory=list)
    document: str | None = "entretien-elue"
    annotations: list[tuple[str, str, str]] = field(default_factory=list)  # (passage, note,
    # author), sorted: NVivo's annotations, MAXQDA's memos on a segment
    folders: list[str] = field(default_factory=list)  # code paths with isCodable="false"
    selected_by: list[tuple[str, str, str]] = field(default_factory=list)  # (passage, coder,
    # selection creator) where the two differ, sorted
    imported_at: str | None = None  # the source's creationDateTime

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.tool.split()[0].lower()}.qdpx"
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in self.files.items():
                zf.writestr(name, data)
        return path


def position(raw: str, quote: str, utf16: bool, crlf_as_one: bool) -> tuple[int, int]:
    """Where a tool that counts this way says `quote` (LF-written) starts and ends in `raw`."""
    wanted = quote.replace("\n", "\r\n") if "\r\n" in raw else quote
    start = raw.index(wanted)

    def units(upto: int) -> int:
        n = 0
        for i, char in enumerate(raw[:upto]):
            if crlf_as_one and char == "\r" and raw[i + 1:i + 2] == "\n":
                continue
            n += 2 if utf16 and ord(char) > 0xFFFF else 1
        return n

    return units(start), units(start + len(wanted))


HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
ANNOTATION = "Elle répare avant de racheter : à comparer avec l'entretien 2."
SIX_YEARS = "Six ans : à vérifier auprès du service informatique."
SEGMENT_MEMO = "À rapprocher du plan de sobriété de la commune."


def nvivo() -> Sample:
    """NVivo 12 for Windows: `Sources/`, lower-case GUIDs, BOM + CRLF, UTF-16 positions, one
    selection repeated per code, nested codable codes, a named case, an annotation linked
    to its selection by a `Link`, no quoted names on selections."""
    src = "5b0f6a42-7c1e-4e8f-9a3d-2f6b8c0d1e01"
    raw = TEXT.replace("\n", "\r\n")
    a, b = position(raw, REPAIR, True, False)
    c, d = position(raw, KEEP, True, False)
    e, f = position(raw, ACROSS, True, False)
    user = "0d9e8f7a-1111-4222-8333-444455556666"
    other = "0d9e8f7a-1111-4222-8333-777788889999"  # codes a selection Nolwenn made
    sel = ('<PlainTextSelection guid="{g}" startPosition="{s}" endPosition="{e}" '
           f'creatingUser="{user}" creationDateTime="2023-03-02T09:15:00Z">'
           '<Coding guid="{g2}" creatingUser="{coder}" creationDateTime='
           '"2023-03-02T09:15:00Z"><CodeRef targetGUID="{code}"/></Coding>{more}'
           '</PlainTextSelection>')
    qde = HEAD + f"""<Project xmlns="urn:QDA-XML:project:1.0" name="Numérique responsable"
 origin="NVivo 12.6.1.970 for Windows" creatingUserGUID="{user}">
 <Users><User guid="{user}" name="Nolwenn Le Gall" id="NLG"/>
  <User guid="{other}" name="Erwan Le Bihan" id="ELB"/></Users>
 <CodeBook><Codes>
  <Code guid="a0000000-0000-4000-8000-000000000001" name="numérique responsable"
   isCodable="true" color="#1F77B4"><Description>Ce que l'enquêté·e met sous ce mot</Description>
   <Code guid="a0000000-0000-4000-8000-000000000002" name="réemploi" isCodable="true"
    color="#2CA02C"/>
   <Code guid="a0000000-0000-4000-8000-000000000003" name="durée de vie" isCodable="true"/>
  </Code>
 </Codes></CodeBook>
 <Variables>
  <Variable guid="b0000000-0000-4000-8000-000000000001" name="population" typeOfVariable="Integer"/>
  <Variable guid="b0000000-0000-4000-8000-000000000002" name="genre" typeOfVariable="Text"/>
 </Variables>
 <Cases><Case guid="c0000000-0000-4000-8000-000000000001" name="entretien-elue">
  <VariableValue><VariableRef targetGUID="b0000000-0000-4000-8000-000000000001"/>
   <IntegerValue>2500</IntegerValue></VariableValue>
  <VariableValue><VariableRef targetGUID="b0000000-0000-4000-8000-000000000002"/>
   <TextValue>femme</TextValue></VariableValue>
  <SourceRef targetGUID="{src}"/></Case></Cases>
 <Sources><TextSource guid="{src}" name="entretien-elue" plainTextPath="internal://{src}.txt"
   creatingUser="{user}" creationDateTime="2023-03-01T08:00:00Z">
  {sel.format(g="d0000000-0000-4000-8000-000000000001", s=a, e=b,
              g2="e0000000-0000-4000-8000-000000000001", coder=user, more="",
              code="a0000000-0000-4000-8000-000000000002")}
  {sel.format(g="d0000000-0000-4000-8000-000000000002", s=a, e=b,
              g2="e0000000-0000-4000-8000-000000000002", coder=user, more="",
              code="a0000000-0000-4000-8000-000000000001")}
  {sel.format(g="d0000000-0000-4000-8000-000000000003", s=c, e=d,
              g2="e0000000-0000-4000-8000-000000000003", coder=other,
              code="a0000000-0000-4000-8000-000000000003",
              more='<NoteRef targetGUID="f0000000-0000-4000-8000-000000000002"/>')}
  {sel.format(g="d0000000-0000-4000-8000-000000000004", s=e, e=f,
              g2="e0000000-0000-4000-8000-000000000004", coder=user, more="",
              code="a0000000-0000-4000-8000-000000000001")}
  {sel.format(g="d0000000-0000-4000-8000-000000000005", s=a, e=b,
              g2="e0000000-0000-4000-8000-000000000005", coder=user, more="",
              code="c0000000-0000-4000-8000-000000000001")}
 </TextSource></Sources>
 <Notes><Note guid="f0000000-0000-4000-8000-000000000001" name="Annotation"
   creatingUser="{user}" creationDateTime="2023-03-02T09:20:00Z">
  <PlainTextContent>{ANNOTATION}</PlainTextContent>
 </Note>
 <Note guid="f0000000-0000-4000-8000-000000000002" name="Annotation"
   creatingUser="{user}" creationDateTime="2023-03-02T09:25:00Z">
  <PlainTextContent>{SIX_YEARS}</PlainTextContent>
 </Note></Notes>
 <Links><Link guid="f1000000-0000-4000-8000-000000000001" direction="OneWay"
   originGUID="f0000000-0000-4000-8000-000000000001"
   targetGUID="d0000000-0000-4000-8000-000000000001"/></Links>
</Project>"""
    coder, erwan = "Nolwenn Le Gall", "Erwan Le Bihan"
    return Sample(
        "NVivo 12 Windows",
        {"project.qde": qde.encode("utf-8"),
         f"Sources/{src}.txt": b"\xef\xbb\xbf" + raw.encode("utf-8")},
        ["numérique responsable", "numérique responsable/réemploi",
         "numérique responsable/durée de vie", "Cas", "Cas/entretien-elue"],
        sorted([("numérique responsable/réemploi", REPAIR, coder),
                ("numérique responsable", REPAIR, coder),
                ("numérique responsable/durée de vie", KEEP, erwan),
                ("numérique responsable", ACROSS, coder),
                ("Cas/entretien-elue", REPAIR, coder)]),  # the case coding
        {"population": 2500, "genre": "femme"},
        annotations=sorted([(REPAIR, ANNOTATION, coder), (KEEP, SIX_YEARS, coder)]),
        folders=["Cas"],
        selected_by=[(KEEP, erwan, coder)],
        imported_at="2023-03-01T08:00:00Z",
    )


def atlas_23() -> Sample:
    """ATLAS.ti 23 for Windows: upper-case GUIDs, a schemaLocation, nested codes, and no
    sources folder at all (a project whose documents stayed behind)."""
    qde = HEAD + """<Project xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
 origin="ATLAS.ti for Windows 23.2.3.27778" name="enquete"
 creatingUserGUID="2A8B08AC-D5CD-4ADB-8B71-B4F3459C177F" xmlns="urn:QDA-XML:project:1.0">
 <Users><User guid="2A8B08AC-D5CD-4ADB-8B71-B4F3459C177F" name="Gwen" /></Users>
 <CodeBook><Codes>
  <Code guid="A182CD3A-D83C-4D8C-BC80-26D9103EC6D6" name="Acteurs" isCodable="true">
   <Code guid="2D2466F0-D77F-4F8C-BDF9-628966B6B74D" name="élus" isCodable="true" />
   <Code guid="086AC733-7B1C-4749-A138-D7182F63A5C9" name="prestataires" isCodable="true" />
  </Code>
 </Codes></CodeBook>
</Project>"""
    return Sample("ATLAS.ti 23 Windows", {"project.qde": qde.encode("utf-8")},
                  ["Acteurs", "Acteurs/prestataires", "Acteurs/élus"], [], document=None)


def atlas_26() -> Sample:
    """ATLAS.ti 26: the project file named after the project, `sources/`, CRLF written but
    counted as one position, GUIDs in braces, several codings in one selection, a comment
    as the selection's Description, document groups as Sets, no quoted names."""
    src = "{7E1D3C2B-0000-4A00-8000-00000000A001}"
    bare = src.strip("{}")
    raw = TEXT.replace("\n", "\r\n")
    a, b = position(raw, REPAIR, False, True)
    e, f = position(raw, ACROSS, False, True)
    user = "{3C9D2E1F-0000-4000-8000-000000000001}"
    qde = HEAD + f"""<Project xmlns="urn:QDA-XML:project:1.0" name="Enquête numérique"
 origin="ATLAS.ti 26.0.1 (Mac)">
 <Users><User guid="{user}" name="Maëlle"/></Users>
 <CodeBook><Codes>
  <Code guid="{{4D000000-0000-4000-8000-000000000001}}" name="réparation" isCodable="true"
   color="#F0A"/>
  <Code guid="{{4D000000-0000-4000-8000-000000000002}}" name="achats" isCodable="true"/>
 </Codes></CodeBook>
 <Sources><TextSource guid="{src}" name="entretien-elue" plainTextPath="internal://{bare}.txt">
  <PlainTextSelection guid="{{5E000000-0000-4000-8000-000000000001}}" startPosition="{a}"
    endPosition="{b}" creatingUser="{user}" creationDateTime="2024-01-10T14:00:00Z">
   <Description>Réparer d'abord : le cœur de sa définition.</Description>
   <Coding guid="{{6F000000-0000-4000-8000-000000000001}}" creatingUser="{user}"
     creationDateTime="2024-01-10T14:00:00Z">
    <CodeRef targetGUID="{{4D000000-0000-4000-8000-000000000001}}"/></Coding>
   <Coding guid="{{6F000000-0000-4000-8000-000000000002}}" creatingUser="{user}"
     creationDateTime="2024-01-10T14:00:00Z">
    <CodeRef targetGUID="{{4D000000-0000-4000-8000-000000000002}}"/></Coding>
  </PlainTextSelection>
  <PlainTextSelection guid="{{5E000000-0000-4000-8000-000000000002}}" startPosition="{e}"
    endPosition="{f}" creatingUser="{user}" creationDateTime="2024-01-10T14:05:00Z">
   <Coding guid="{{6F000000-0000-4000-8000-000000000003}}" creatingUser="{user}">
    <CodeRef targetGUID="{{4D000000-0000-4000-8000-000000000002}}"/></Coding>
  </PlainTextSelection>
 </TextSource></Sources>
 <Sets><Set guid="{{70000000-0000-4000-8000-000000000001}}" name="Élus">
  <MemberSource targetGUID="{src}"/></Set></Sets>
</Project>"""
    return Sample(
        "ATLAS.ti 26",
        {"Enquête numérique.qde": qde.encode("utf-8"),
         f"sources/{bare.lower()}.txt": raw.encode("utf-8")},
        ["achats", "réparation"],
        sorted([("réparation", REPAIR, "Maëlle"), ("achats", REPAIR, "Maëlle"),
                ("achats", ACROSS, "Maëlle")]),
        coding_memos=["Réparer d'abord : le cœur de sa définition.",
                      "Réparer d'abord : le cœur de sa définition."],
    )


def maxqda() -> Sample:
    """MAXQDA 2022: CRLF counted as one, document variables on a nameless case holding one
    source, a project memo by NoteRef, a document memo, codes with colours."""
    src = "8A000000-0000-4000-8000-00000000B001"
    raw = TEXT.replace("\n", "\r\n")
    a, b = position(raw, REPAIR, False, True)
    c, d = position(raw, KEEP, False, True)
    e, f = position(raw, ACROSS, False, True)
    user = "8B000000-0000-4000-8000-000000000001"
    qde = HEAD + f"""<Project xmlns="urn:QDA-XML:project:1.0" name="Numérique"
 origin="MAXQDA 2022 (Release 22.7.0)">
 <Users><User guid="{user}" name="Yann"/></Users>
 <CodeBook><Codes>
  <Code guid="8C000000-0000-4000-8000-000000000001" name="Pratiques" isCodable="true"
   color="#ff8000">
   <Code guid="8C000000-0000-4000-8000-000000000002" name="garder longtemps" isCodable="true"
    color="#008000"/>
  </Code>
 </Codes></CodeBook>
 <Variables>
  <Variable guid="8D000000-0000-4000-8000-000000000001" name="type_collectivite"
   typeOfVariable="Text"/>
  <Variable guid="8D000000-0000-4000-8000-000000000002" name="entretien_long"
   typeOfVariable="Boolean"/>
 </Variables>
 <Cases><Case guid="8E000000-0000-4000-8000-000000000001">
  <VariableValue><VariableRef targetGUID="8D000000-0000-4000-8000-000000000001"/>
   <TextValue>commune</TextValue></VariableValue>
  <VariableValue><VariableRef targetGUID="8D000000-0000-4000-8000-000000000002"/>
   <BooleanValue>true</BooleanValue></VariableValue>
  <SourceRef targetGUID="{src}"/></Case></Cases>
 <Sources><TextSource guid="{src}" name="entretien-elue" plainTextPath="internal://{src}.txt">
  <PlainTextSelection guid="8F000000-0000-4000-8000-000000000001" startPosition="{c}"
    endPosition="{d}" creatingUser="{user}" creationDateTime="2022-11-03T10:00:00">
   <Coding guid="90000000-0000-4000-8000-000000000001" creatingUser="{user}"
     creationDateTime="2022-11-03T10:00:00">
    <CodeRef targetGUID="8C000000-0000-4000-8000-000000000002"/></Coding>
  </PlainTextSelection>
  <PlainTextSelection guid="8F000000-0000-4000-8000-000000000002" startPosition="{e}"
    endPosition="{f}" creatingUser="{user}" creationDateTime="2022-11-03T10:01:00">
   <Coding guid="90000000-0000-4000-8000-000000000002" creatingUser="{user}">
    <CodeRef targetGUID="8C000000-0000-4000-8000-000000000001"/></Coding>
  </PlainTextSelection>
  <PlainTextSelection guid="8F000000-0000-4000-8000-000000000003" startPosition="{a}"
    endPosition="{b}" creatingUser="{user}" creationDateTime="2022-11-03T10:02:00">
   <Description>{SEGMENT_MEMO}</Description>
  </PlainTextSelection>
  <NoteRef targetGUID="91000000-0000-4000-8000-000000000002"/>
 </TextSource></Sources>
 <Notes>
  <Note guid="91000000-0000-4000-8000-000000000001" creatingUser="{user}">
   <PlainTextContent>Projet : dix entretiens prévus.</PlainTextContent></Note>
  <Note guid="91000000-0000-4000-8000-000000000002" creatingUser="{user}">
   <PlainTextContent>Entretien fait à la mairie.</PlainTextContent></Note>
 </Notes>
 <NoteRef targetGUID="91000000-0000-4000-8000-000000000001"/>
</Project>"""
    return Sample(
        "MAXQDA 2022",
        {"project.qde": qde.encode("utf-8"), f"sources/{src}.txt": raw.encode("utf-8")},
        ["Pratiques", "Pratiques/garder longtemps"],
        sorted([("Pratiques/garder longtemps", KEEP, "Yann"), ("Pratiques", ACROSS, "Yann")]),
        {"type_collectivite": "commune", "entretien_long": "oui"},
        memos=sorted([("project", "Projet : dix entretiens prévus."),
                      ("document", "Entretien fait à la mairie.")]),
        annotations=[(REPAIR, SEGMENT_MEMO, "Yann")],
    )


def qualcoder() -> Sample:
    """QualCoder 3.5: sources written as UTF-8 with a BOM, LF, code-point positions, each
    selection named by the text it covers, categories as non-codable codes, variables on
    the source itself, a journal as a project note."""
    src = "a1b2c3d4-0000-4000-8000-00000000c001"
    a, b = position(TEXT, REPAIR, False, False)
    c, d = position(TEXT, KEEP, False, False)
    user = "a1b2c3d4-0000-4000-8000-000000000001"
    qde = HEAD + f"""<Project xmlns="urn:QDA-XML:project:1.0" name="etude" origin="QualCoder 3.5">
 <Users><User guid="{user}" name="default"/></Users>
 <CodeBook><Codes>
  <Code guid="a1b2c3d4-0000-4000-8000-0000000000a1" name="Définitions" isCodable="false">
   <Code guid="a1b2c3d4-0000-4000-8000-0000000000a2" name="réparer" isCodable="true"
    color="#EB7333"/>
   <Code guid="a1b2c3d4-0000-4000-8000-0000000000a3" name="garder" isCodable="true"
    color="#81BB3D"><Description>Garder le matériel plus longtemps</Description></Code>
  </Code>
 </Codes></CodeBook>
 <Variables>
  <Variable guid="a1b2c3d4-0000-4000-8000-0000000000b1" name="fonction" typeOfVariable="Text"/>
  <Variable guid="a1b2c3d4-0000-4000-8000-0000000000b2" name="mandats" typeOfVariable="Float"/>
 </Variables>
 <Sources><TextSource guid="{src}" name="entretien-elue.txt" plainTextPath="internal://{src}.txt"
   creatingUser="{user}" creationDateTime="2025-05-05T12:00:00Z">
  <PlainTextSelection guid="a1b2c3d4-0000-4000-8000-0000000000d1" name="{REPAIR}"
    startPosition="{a}" endPosition="{b}" creatingUser="{user}"
    creationDateTime="2025-05-05T12:10:00Z">
   <Coding guid="a1b2c3d4-0000-4000-8000-0000000000e1" creatingUser="{user}"
     creationDateTime="2025-05-05T12:10:00Z">
    <CodeRef targetGUID="a1b2c3d4-0000-4000-8000-0000000000a2"/></Coding>
  </PlainTextSelection>
  <PlainTextSelection guid="a1b2c3d4-0000-4000-8000-0000000000d2" name="{KEEP}"
    startPosition="{c}" endPosition="{d}" creatingUser="{user}"
    creationDateTime="2025-05-05T12:11:00Z">
   <Coding guid="a1b2c3d4-0000-4000-8000-0000000000e2" creatingUser="{user}"
     creationDateTime="2025-05-05T12:11:00Z">
    <CodeRef targetGUID="a1b2c3d4-0000-4000-8000-0000000000a3"/></Coding>
  </PlainTextSelection>
  <VariableValue><VariableRef targetGUID="a1b2c3d4-0000-4000-8000-0000000000b1"/>
   <TextValue>adjointe</TextValue></VariableValue>
  <VariableValue><VariableRef targetGUID="a1b2c3d4-0000-4000-8000-0000000000b2"/>
   <FloatValue>2.5</FloatValue></VariableValue>
 </TextSource></Sources>
 <Notes><Note guid="a1b2c3d4-0000-4000-8000-0000000000f1" name="Journal"
   creatingUser="{user}"><PlainTextContent>Journal : relancer la mairie.</PlainTextContent>
 </Note></Notes>
 <NoteRef targetGUID="a1b2c3d4-0000-4000-8000-0000000000f1"/>
</Project>"""
    return Sample(
        "QualCoder 3.5",
        {"project.qde": qde.encode("utf-8"),
         f"sources/{src}.txt": b"\xef\xbb\xbf" + TEXT.encode("utf-8")},
        ["Définitions", "Définitions/garder", "Définitions/réparer"],
        sorted([("Définitions/réparer", REPAIR, "default"),
                ("Définitions/garder", KEEP, "default")]),
        {"fonction": "adjointe", "mandats": 2.5},
        memos=[("project", "Journal : relancer la mairie.")],
        document="entretien-elue.txt",
        folders=["Définitions"],
        imported_at="2025-05-05T12:00:00Z",
    )


def qualcoder_unnamed() -> Sample:
    """QualCoder with a source that has no `name`: its file inside the archive names it."""
    sample = qualcoder()
    src = "a1b2c3d4-0000-4000-8000-00000000c001"
    qde = sample.files["project.qde"].decode("utf-8").replace(
        f'name="entretien-elue.txt" plainTextPath="internal://{src}.txt"',
        'plainTextPath="internal://entretien-elue.txt"')
    sample.files = {"project.qde": qde.encode("utf-8"),
                    "sources/entretien-elue.txt": sample.files[f"sources/{src}.txt"]}
    sample.tool = "QualCoder-unnamed"
    return sample


def nvivo_mac() -> Sample:
    """NVivo 15 for Mac: `sources/` and `.root`, and a source given only as its Word file
    (`richTextPath`), one paragraph per line, positions in UTF-16 units."""
    import docx

    src = "{3f000000-0000-4000-8000-00000000d001}"
    bare = src.strip("{}")
    word = docx.Document()
    for line in TEXT.splitlines():
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    a, b = position(TEXT, REPAIR, True, False)
    user = "{3f000000-0000-4000-8000-000000000001}"
    qde = HEAD + f"""<Project xmlns="urn:QDA-XML:project:1.0" name="Numérique"
 origin="NVivo 15.0.1 for Mac">
 <Users><User guid="{user}" name="Maïwenn"/></Users>
 <CodeBook><Codes><Code guid="{{3f000000-0000-4000-8000-0000000000a1}}" name="réparation"
   isCodable="true"/></Codes></CodeBook>
 <Sources><TextSource guid="{src}" name="entretien-elue" richTextPath="internal://{bare}.docx"
   creationDateTime="2024-06-01T09:00:00Z">
  <PlainTextSelection guid="{{3f000000-0000-4000-8000-0000000000b1}}" startPosition="{a}"
    endPosition="{b}" creatingUser="{user}" creationDateTime="2024-06-02T10:00:00Z">
   <Coding guid="{{3f000000-0000-4000-8000-0000000000c1}}" creatingUser="{user}">
    <CodeRef targetGUID="{{3f000000-0000-4000-8000-0000000000a1}}"/></Coding>
  </PlainTextSelection>
 </TextSource></Sources>
</Project>"""
    return Sample("NVivo-Mac 15", {"project.qde": qde.encode("utf-8"), ".root": b"",
                                   f"sources/{bare}.docx": buffer.getvalue()},
                  ["réparation"], [("réparation", REPAIR, "Maïwenn")],
                  imported_at="2024-06-01T09:00:00Z")


PROJECTS = {"nvivo": nvivo, "nvivo-mac": nvivo_mac, "atlas23": atlas_23, "atlas26": atlas_26,
            "maxqda": maxqda, "qualcoder": qualcoder, "qualcoder-unnamed": qualcoder_unnamed}


# Codebooks (.qdc): the namespace and naming each tool uses, and the codes they hold.
CODEBOOKS: dict[str, tuple[str, list[str]]] = {
    # Taguette 1.5: upper-case uuid5 GUIDs, tag paths kept in the name, an empty (invalid)
    # <Sets/>, no colours
    "taguette": (HEAD.strip() + '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" '
                 'origin="Taguette 1.5.2"><Codes><Code guid="0D62985D-B147-5D01-A9B5-'
                 'CAE5DCD98342" name="sobriété" isCodable="true"/><Code guid="725F0645-9CD3-'
                 '598A-8D2B-EC3D39AB3C3F" name="sobriété.impressions" isCodable="true"/><Code '
                 'guid="DFE5C38E-9449-5959-A1F7-E3D895CFA87F" name="acteurs" isCodable="true"/>'
                 '<Code guid="317AFB47-3F83-562E-8253-C5A19339290E" name="émotions.joie 😀" '
                 'isCodable="true"/></Codes><Sets/></CodeBook>',
                 ["acteurs", "sobriété", "sobriété.impressions", "émotions.joie 😀"]),
    # NVivo 12 for Mac: "codebook:1:0" (a colon for the dot), nested, colours, descriptions
    "nvivo-mac": (HEAD + '<CodeBook xmlns="urn:QDA-XML:codebook:1:0" origin="NVivo 12 Mac">'
                  '<Codes><Code guid="{0a000000-0000-4000-8000-000000000001}" name="Sobriété" '
                  'isCodable="true" color="#336699"><Description>Faire moins</Description>'
                  '<Code guid="{0a000000-0000-4000-8000-000000000002}" name="impressions" '
                  'isCodable="true"/></Code></Codes></CodeBook>',
                  ["Sobriété", "Sobriété/impressions"]),
    # ATLAS.ti 23.4 for Windows: "codebook:0:4", a code group as a Set
    "atlas-23.4": (HEAD + '<CodeBook xmlns="urn:QDA-XML:codebook:0:4" origin="ATLAS.ti 23.4">'
                   '<Codes><Code guid="0B000000-0000-4000-8000-000000000001" name="Achats" '
                   'isCodable="true" color="#A0A0A0"/><Code guid="0B000000-0000-4000-8000-'
                   '000000000002" name="Réemploi" isCodable="true"/></Codes><Sets><Set guid='
                   '"0B000000-0000-4000-8000-0000000000FF" name="Matériel"><MemberCode guid="'
                   '0B000000-0000-4000-8000-000000000001"/></Set></Sets></CodeBook>',
                   ["Achats", "Réemploi"]),
    # QualCoder: categories are non-codable codes
    "qualcoder": (HEAD + '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="QualCoder">'
                  '<Codes><Code guid="0c000000-0000-4000-8000-000000000001" name="Thèmes" '
                  'isCodable="false"><Code guid="0c000000-0000-4000-8000-000000000002" '
                  'name="mutualisation" isCodable="true" color="#EB7333"/></Code></Codes>'
                  '</CodeBook>',
                  ["Thèmes", "Thèmes/mutualisation"]),
}
