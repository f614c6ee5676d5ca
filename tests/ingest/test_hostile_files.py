"""Hostile transcripts: zip bombs, billion laughs, NUL bytes, control characters, odd names.

Each refusal is one sentence naming the limit exceeded, exit 2, and the project
exactly as it was; what is accepted is stored as the rule says (control
characters replaced one for one, with a note).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tests.conftest import CliRunner
from tests.hostile import fingerprint, patch_central, refused
from verbatims.errors import UserError
from verbatims.ingest import limits
from verbatims.model.entities import AttributeValue
from verbatims.store import Project

LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
    for n in range(1, 10)) + "]>")


def word_file(path: Path, text: str = "Q : Bonjour.\nR : Bonjour à vous.") -> Path:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def replace_part(path: Path, part: str, data: bytes) -> Path:
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    members[part] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return path


def docx_bomb(path: Path) -> Path:
    """A real .docx whose document.xml unpacks to 65 MB: a paragraph repeated (0.1 MB)."""
    word_file(path)
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    head, _sep, tail = members["word/document.xml"].partition(b"<w:body>")
    paragraph = b"<w:p><w:r><w:t>" + b"lol " * 250 + b"</w:t></w:r></w:p>"
    repeat = limits.MAX_PART // len(paragraph) + 10
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            if name != "word/document.xml":
                zf.writestr(name, content)
        with zf.open(zipfile.ZipInfo("word/document.xml"), "w") as fh:
            fh.write(head + b"<w:body>")
            chunk = paragraph * 1000
            for _ in range(repeat // 1000 + 1):
                fh.write(chunk)
            fh.write(b"</w:body>" + tail.split(b"</w:body>", 1)[1])
    return path


def docx_laughs(path: Path) -> Path:
    word_file(path, "Q : Bonjour.")
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    head, body = xml.split("?>", 1)
    body = body.replace("Bonjour.", "&lol9;")
    return replace_part(path, "word/document.xml", (head + "?>" + LAUGHS + body).encode())


def odt_laughs(path: Path) -> Path:
    content = ('<?xml version="1.0" encoding="UTF-8"?>' + LAUGHS.replace("lolz", "office:"
               "document-content") + '<office:document-content xmlns:office="urn:oasis:names:'
               'tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:'
               'xmlns:text:1.0"><office:body><office:text><text:p>&lol9;</text:p>'
               "</office:text></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
    return path


def text_file(data: bytes, name: str = "entretien.txt") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path
    return make


def named(make: Callable[[Path], Path], name: str) -> Callable[[Path], Path]:
    return lambda folder: make(folder / name)


CASES: dict[str, tuple[Callable[[Path], Path], list[str], tuple[str, ...]]] = {
    "a .docx zip bomb": (named(docx_bomb, "bombe.docx"), [],
                         ("document.xml", "would unpack to", "64 MB", "zip bomb")),
    "a billion laughs .docx": (named(docx_laughs, "rires.docx"), [], ("declares XML entities",)),
    "a billion laughs .odt": (named(odt_laughs, "rires.odt"), [], ("declares XML entities",)),
    "NUL bytes with --encoding": (text_file(b"Q : Bonjour\x00\x00 toi\nR : oui\n"),
                                  ["--encoding", "utf-8"], ("NUL", "drop --encoding")),
    "UTF-16 read as latin-1": (text_file("Q : Bonjour\nR : oui\n".encode("utf-16-le")),
                               ["--encoding", "latin-1"], ("NUL",)),
    "a front matter alias bomb": (text_file(
        ("---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
            f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n"
            for n in range(8)) + "---\nQ : Bonjour\nR : oui\n").encode()),
        [], ("front matter", "alias bomb")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_transcript_is_refused(case: str, demo_path: Path, tmp_path: Path,
                                       run_cli: CliRunner) -> None:
    make, options, words = CASES[case]
    made = make(tmp_path)
    before = fingerprint(demo_path)
    refused(run_cli("-p", demo_path, "import", made, *options), *words)
    assert fingerprint(demo_path) == before


def test_a_document_longer_than_the_limit_is_refused(demo_path: Path, tmp_path: Path,
                                                     run_cli: CliRunner) -> None:
    path = tmp_path / "long.txt"
    line = "R : " + "mot " * 24 + "\n"
    path.write_text(line * (limits.MAX_CHARS // len(line) + 2), encoding="utf-8")
    before = fingerprint(demo_path)
    refused(run_cli("-p", demo_path, "import", path), "characters", "20,000,000",
            "split it")
    assert fingerprint(demo_path) == before


def test_control_characters_are_replaced_once_at_import_with_a_note(
        tmp_path: Path, run_cli: CliRunner) -> None:
    path = tmp_path / "ocr.txt"
    path.write_bytes("Q : Bonjour\x0cpage 2\nR : oui\x1b[31m rouge\x01 et \u2028fin\n"
                     .encode("utf-8"))
    target = tmp_path / "p.sqlite"
    assert run_cli("-p", target, "init").code == 0
    result = run_cli("-p", target, "import", path)
    assert result.code == 0, result.err
    assert "4 control characters replaced" in result.out + result.err
    project = Project.open(str(target))
    text = project.text(project.documents()[0].id)
    assert text == "Q : Bonjour\npage 2\nR : oui\ufffd[31m rouge\ufffd et \nfin\n"
    project.close()


def test_a_file_name_with_a_line_break_is_listed_on_one_line(tmp_path: Path,
                                                            run_cli: CliRunner) -> None:
    path = tmp_path / "entretien\nmaire\t.txt"
    path.write_text("Q : Bonjour\nR : oui\n", encoding="utf-8")
    target = tmp_path / "p.sqlite"
    assert run_cli("-p", target, "init").code == 0
    assert run_cli("-p", target, "import", path).code == 0
    listed = run_cli("-p", target, "documents").out
    assert listed.count("\n") == 1 and "entretien maire .txt" in listed


@pytest.mark.parametrize("sheet,values", [
    ('file,fonction,note\nq.txt,"adjoint ""numérique""","Saint-Genis, Ain"\n',
     {"fonction": 'adjoint "numérique"', "note": "Saint-Genis, Ain"}),
    ('\ufefffichier;fonction;note\r\nq.txt;"adjointe; ""DSI""";"ligne 1\nligne 2"\r\n',
     {"fonction": 'adjointe; "DSI"', "note": "ligne 1\nligne 2"}),
    ("sep=;\nfile;commune\nq.txt;Saint-Brieuc, Côtes-d'Armor\n",
     {"commune": "Saint-Brieuc, Côtes-d'Armor"}),
])
def test_an_attribute_sheet_as_excel_writes_it(sheet: str, values: dict[str, str],
                                               tmp_path: Path, run_cli: CliRunner) -> None:
    (tmp_path / "q.txt").write_text("Q : Bonjour\nR : oui\n", encoding="utf-8")
    (tmp_path / "sheet.csv").write_text(sheet, encoding="utf-8")
    target = tmp_path / "p.sqlite"
    assert run_cli("-p", target, "init").code == 0
    result = run_cli("-p", target, "import", tmp_path / "q.txt", "--attributes",
                     tmp_path / "sheet.csv")
    assert result.code == 0, result.err
    project = Project.open(str(target))
    assert project.attributes()[project.documents()[0].id] == values
    project.close()


def test_a_sheet_given_again_reaches_the_documents_already_there(tmp_path: Path,
                                                               run_cli: CliRunner) -> None:
    """The researcher adds a column to the sheet and imports the folder again: the
    documents already there take the new values, keep the others, in one undo step."""
    (tmp_path / "q.txt").write_text("Q : Bonjour\nR : oui\n", encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("fichier;fonction\nq.txt;maire\n", encoding="utf-8")
    target = tmp_path / "p.sqlite"
    assert run_cli("-p", target, "init").code == 0
    assert run_cli("-p", target, "import", tmp_path / "q.txt", "--attributes", sheet).code == 0
    sheet.write_text('fichier;fonction;commune\nq.txt;;"Saint-Genis; Ain"\n', encoding="utf-8")
    result = run_cli("-p", target, "import", tmp_path / "q.txt", "--skip-existing",
                     "--attributes", sheet)
    assert result.code == 0, result.err
    assert "1 document already there took the sheet's values (q.txt)" in result.out

    def values() -> dict[str, AttributeValue]:
        project = Project.open(str(target))
        found = project.attributes()[project.documents()[0].id]
        project.close()
        return found

    assert values() == {"fonction": "maire", "commune": "Saint-Genis; Ain"}  # empty: kept
    assert "change of attributes" in run_cli("-p", target, "history").out
    assert run_cli("-p", target, "undo").code == 0
    assert values() == {"fonction": "maire"}


def test_a_word_file_within_the_limits_is_read(tmp_path: Path, run_cli: CliRunner) -> None:
    target = tmp_path / "p.sqlite"
    assert run_cli("-p", target, "init").code == 0
    result = run_cli("-p", target, "import", word_file(tmp_path / "ok.docx"))
    assert result.code == 0, result.err


def test_a_forged_member_size_is_caught_when_read(tmp_path: Path) -> None:
    """A header that says less than the member holds: zipfile stops at the size it says,
    and the CRC then fails: a sentence, not the bytes."""
    path = tmp_path / "f.zip"
    data = b"x" * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", data)
    patch_central(path, "word/document.xml", size=10)
    with zipfile.ZipFile(path) as zf, pytest.raises(UserError, match="damaged"):
        limits.read_member(zf, zf.getinfo("word/document.xml"), "f.zip")


def _sample(kind: str) -> bytes:
    """The good sample file of one format (tests/ingest/samples.py), by its reader's name."""
    from tests.ingest import samples

    return {s.__name__: s().data for s in samples.SAMPLES}[kind]


# What the property suite (tests/test_fuzz_imports.py, long profile) found, kept as cases:
# file name, how it is made from the good sample, the words of the refusal.
FOUND: dict[str, tuple[str, Callable[[], bytes], tuple[str, ...]]] = {
    "a CHAT time beyond any recording": (
        "entretien.cha", lambda: re.sub(rb"\x15\d+_", b"\x1588888888888888888000_",
                                        _sample("cha"), count=1),
        ("timed at", "outside any recording")),
    "an ELAN annotation on a missing time slot": (
        "entretien.eaf", lambda: _sample("eaf").replace(b'TIME_SLOT_ID="ts1"',
                                                        b'TIME_SLOT_ID="tsX"', 1),
        ("entretien.eaf", "ELAN", "save it again")),
    "a Transcriber file in an unknown encoding": (
        "entretien.trs", lambda: _sample("trs").replace(b"ISO-8859-1", b"HSO-8859-1", 1),
        ("not well-formed XML", "HSO-8859-1")),
    "a PDF cut short": ("entretien.pdf", lambda: _sample("pdf")[:300], ("PDF",)),
}


@pytest.mark.parametrize("case", sorted(FOUND))
def test_what_the_fuzzer_found_is_refused(case: str, demo_path: Path, tmp_path: Path,
                                          run_cli: CliRunner) -> None:
    name, make, words = FOUND[case]
    path = tmp_path / name
    path.write_bytes(make())
    before = fingerprint(demo_path)
    refused(run_cli("-p", demo_path, "import", path), *words)
    assert fingerprint(demo_path) == before


def test_an_odt_without_a_body_is_refused(demo_path: Path, tmp_path: Path,
                                          run_cli: CliRunner) -> None:
    path = tmp_path / "vide.odt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office='
                    '"urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    before = fingerprint(demo_path)
    refused(run_cli("-p", demo_path, "import", path), "vide.odt")
    assert fingerprint(demo_path) == before
