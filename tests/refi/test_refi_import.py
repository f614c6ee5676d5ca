"""Importing .qdpx files as other tools write them: positions, variants, and safety."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CliRunner, shared
from tests.hostile import fingerprint, refused
from verbatims.store import Project

G_CODE = "{8F1B2C3D-0000-4000-8000-00000000000A}"
G_SRC = "8F1B2C3D-0000-4000-8000-00000000000B"
TEXT = ("Enquêtrice : Et le numérique responsable ? 😀\r\n"
        "Élue : C'est d'abord réparer les ordinateurs.\r\n"
        "Élue : Et garder les postes longtemps 🌱 ici.\r\n")


def make_qdpx(path: Path, qde: str, files: dict[str, bytes], qde_name: str = "project.qde"
              ) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(qde_name, qde.encode("utf-8"))
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def units(text: str, upto: int, utf16: bool, crlf_as_one: bool) -> int:
    """Where another tool says the code point `upto` of `text` is."""
    n = 0
    for i, char in enumerate(text[:upto]):
        if crlf_as_one and char == "\r" and text[i + 1:i + 2] == "\n":
            continue
        n += 2 if utf16 and ord(char) > 0xFFFF else 1
    return n


def project_xml(origin: str, quotes: list[str], utf16: bool, crlf_as_one: bool,
                with_names: bool = True, path: str = f"internal://{G_SRC.lower()}.txt") -> str:
    selections = []
    for n, quote in enumerate(quotes):
        start = TEXT.index(quote)
        a = units(TEXT, start, utf16, crlf_as_one)
        b = units(TEXT, start + len(quote), utf16, crlf_as_one)
        name = f' name="{quote}"' if with_names else ""
        selections.append(
            f'<PlainTextSelection guid="00000000-0000-4000-8000-00000000010{n}"{name} '
            f'startPosition="{a}" endPosition="{b}" creatingUser="{{AAAAAAAA-0000-4000-8000-'
            f'000000000001}}" creationDateTime="2023-02-01T10:00:00Z">'
            f'<Coding guid="00000000-0000-4000-8000-00000000020{n}" creationDateTime='
            f'"2023-02-01T10:00:00Z"><CodeRef targetGUID="{G_CODE.lower()}"/></Coding>'
            "</PlainTextSelection>")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Enquête" origin="{origin}">
 <Users><User guid="aaaaaaaa-0000-4000-8000-000000000001" name="Gwen"/></Users>
 <CodeBook><Codes><Code guid="{G_CODE}" name="réparation" isCodable="true" color="#0F0">
  <Description>Réparer plutôt que racheter</Description></Code></Codes></CodeBook>
 <Variables><Variable guid="cccccccc-0000-4000-8000-000000000001" name="population"
   typeOfVariable="Integer"/></Variables>
 <Cases><Case guid="dddddddd-0000-4000-8000-000000000001">
   <VariableValue><VariableRef targetGUID="CCCCCCCC-0000-4000-8000-000000000001"/>
   <IntegerValue>2500</IntegerValue></VariableValue>
   <SourceRef targetGUID="{{{G_SRC}}}"/></Case></Cases>
 <Sources><TextSource guid="{G_SRC}" name="elue" plainTextPath="{path}">
  {''.join(selections)}</TextSource></Sources>
</Project>"""


QUOTES = ["réparer les ordinateurs", "garder les postes longtemps 🌱 ici"]


@pytest.mark.parametrize("origin,utf16,crlf_as_one,folder,bom", [
    ("NVivo 12.6 for Windows", True, False, "Sources/", True),
    ("ATLAS.ti 23.2 Windows", False, True, "sources/", False),
    ("QualCoder 3.5", False, False, "sources/", True),
    ("Some tool", True, False, "", True),  # unknown tool: the quoted names decide
])
def test_positions_land_on_the_right_characters(origin: str, utf16: bool, crlf_as_one: bool,
                                                folder: str, bom: bool, tmp_path: Path,
                                                run_cli: CliRunner) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + TEXT.encode("utf-8")
    qdpx = make_qdpx(tmp_path / "in.qdpx", project_xml(origin, QUOTES, utf16, crlf_as_one),
                     {f"{folder}{G_SRC.lower()}.txt": data}, qde_name="Enquête.qde")
    target = tmp_path / "new.sqlite"
    result = run_cli("-p", target, "import-qdpx", qdpx)
    assert result.code == 0, result.err
    project = Project.open(str(target))
    doc = project.documents()[0]
    text = project.text(doc.id)
    assert "\r" not in text and not text.startswith("\ufeff")
    coded = [text[c.start:c.end] for c in project.codings()]
    assert coded == QUOTES
    assert {c.coder for c in project.codings()} == {"Gwen"}
    assert project.codings()[0].created_at == "2023-02-01T10:00:00Z"
    assert project.attributes()[doc.id] == {"population": 2500}
    code = project.code("réparation")
    assert code.color == "#00FF00" and code.definition == "Réparer plutôt que racheter"
    assert [t.speaker for t in project.turns(doc.id)] == ["Enquêtrice", "Élue", "Élue"]
    project.close()


def test_atlas_without_names_follows_the_tool_convention(tmp_path: Path,
                                                         run_cli: CliRunner) -> None:
    xml = project_xml("ATLAS.ti 26", QUOTES, False, True, with_names=False)
    qdpx = make_qdpx(tmp_path / "in.qdpx", xml,
                     {f"sources/{G_SRC.lower()}.txt": TEXT.encode("utf-8")})
    target = tmp_path / "new.sqlite"
    assert run_cli("-p", target, "import-qdpx", qdpx).code == 0
    project = Project.open(str(target))
    text = project.text(project.documents()[0].id)
    assert [text[c.start:c.end] for c in project.codings()] == QUOTES
    project.close()


# The real samples, when the shared material is here; tests/refi/test_refi_tools.py has a
# synthetic file in the style of each tool (ATLAS.ti 23 and Taguette included).
def test_atlas_sample_codes_are_imported(tmp_path: Path, run_cli: CliRunner) -> None:
    target = tmp_path / "atlas.sqlite"
    result = run_cli("-p", target, "import-qdpx",
                     shared("refi", "samples", "atlasti-win-23.2_target-atlas-project.qdpx"))
    assert result.code == 0, result.err
    project = Project.open(str(target))
    assert len(project.codes()) == 3
    project.close()


def test_taguette_codebook_is_read_despite_its_empty_sets(demo_path: Path,
                                                          run_cli: CliRunner) -> None:
    result = run_cli("-p", demo_path, "codebook", "import",
                     shared("refi", "samples", "taguette-1.5.2_codebook.qdc"))
    assert result.code == 0, result.err
    assert "4 codes added" in result.out


def test_a_member_path_out_of_the_archive_refuses_the_file(tmp_path: Path,
                                                           run_cli: CliRunner) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("ne pas lire", encoding="utf-8")
    xml = project_xml("x", [], False, False, path="internal://../secret.txt")
    qdpx = make_qdpx(tmp_path / "evil.qdpx", xml, {"../secret.txt": b"dans le zip"})
    target = tmp_path / "work" / "p.sqlite"
    target.parent.mkdir()
    result = run_cli("-p", target, "import-qdpx", qdpx)
    refused(result, "../secret.txt", "out of the archive")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.qdpx", "secret.txt", "work"]
    assert secret.read_text(encoding="utf-8") == "ne pas lire"
    assert list(target.parent.iterdir()) == []


def test_sources_outside_the_file_are_never_read(tmp_path: Path, run_cli: CliRunner) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("ne pas lire", encoding="utf-8")
    xml = project_xml("x", [], False, False)
    xml = xml.replace("</Sources>", f'<TextSource guid="eeeeeeee-0000-4000-8000-000000000001" '
                      f'name="abs" plainTextPath="absolute:///{secret}"/></Sources>')
    qdpx = make_qdpx(tmp_path / "out.qdpx", xml,
                     {f"sources/{G_SRC.lower()}.txt": TEXT.encode("utf-8")})
    target = tmp_path / "p.sqlite"
    result = run_cli("-p", target, "import-qdpx", qdpx)
    assert result.code == 0, result.err  # what is inside is imported; the rest is named
    assert "skipped abs (its text is outside the file" in result.err
    with sqlite3.connect(target) as conn:
        texts = [r[0] for r in conn.execute("SELECT text FROM documents")]
    assert len(texts) == 1 and not any("ne pas lire" in t for t in texts)


def test_xml_bomb_is_refused_in_one_sentence(tmp_path: Path, run_cli: CliRunner) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
            '<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>')
    qdpx = make_qdpx(tmp_path / "bomb.qdpx", bomb, {})
    target = tmp_path / "p.sqlite"
    result = run_cli("-p", target, "import-qdpx", qdpx)
    assert result.code == 2
    assert "entities" in result.err and "Traceback" not in result.err
    assert result.err.count("\n") == 1
    assert not target.exists()


@pytest.mark.parametrize("content,expected", [
    (b"not a zip at all", "not a readable .qdpx file"),
    (None, "no project file"),
])
def test_broken_files_get_one_clear_sentence(content: bytes | None, expected: str,
                                             tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "broken.qdpx"
    if content is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("readme.txt", "hello")
    else:
        path.write_bytes(content)
    result = run_cli("-p", tmp_path / "p.sqlite", "import-qdpx", path)
    assert result.code == 2 and expected in result.err
    assert not (tmp_path / "p.sqlite").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["broken.qdpx"]


def test_truncated_xml_is_reported(tmp_path: Path, run_cli: CliRunner) -> None:
    qdpx = make_qdpx(tmp_path / "cut.qdpx", '<Project xmlns="urn:QDA-XML:project:1.0" name="x">'
                     "<Users>", {})
    result = run_cli("-p", tmp_path / "p.sqlite", "import-qdpx", qdpx)
    assert result.code == 2 and "not well-formed XML" in result.err


def test_importing_ones_own_export_changes_nothing(coded: Path, tmp_path: Path,
                                                   run_cli: CliRunner) -> None:
    out = tmp_path / "p.qdpx"
    assert run_cli("-p", coded, "export", "qdpx", "-o", out).code == 0
    before = fingerprint(coded)
    result = run_cli("-p", coded, "import-qdpx", out)
    assert result.code == 0, result.err
    assert "Nothing to import" in result.out and "9 documents" in result.out
    assert fingerprint(coded) == before  # not even an undo step
