"""Every input format and encoding, read from real files into the store."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from odf.opendocument import OpenDocumentText
from odf.text import H, LineBreak, P, S

from verbatims.ingest import read_all, read_file
from verbatims.ingest.decode import decode

TRANSCRIPT = (
    "Enquêtrice : Comment sont équipés les agents ?\n\n"
    "Maire : Euh… chaque agent a un ordinateur portable, reconditionné pour la plupart.\n\n"
    "Enquêtrice : Et la cybersécurité ?\n\n"
    "Maire : On a fait une formation avec l'ANSSI l'an dernier.\n"
)


def test_docx_paragraphs_and_turns(tmp_path: Path) -> None:
    path = tmp_path / "entretien.docx"
    document = docx.Document()
    document.add_heading("Entretien n°3", level=1)
    for paragraph in TRANSCRIPT.strip().split("\n\n"):
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Commune"
    table.rows[0].cells[1].text = "2000-3500"
    document.save(str(path))
    doc = read_file(path)
    assert doc.source_format == "docx"
    assert doc.text.startswith("Entretien n°3\n\nEnquêtrice : Comment")
    assert "Commune | 2000-3500" in doc.text
    assert [t.speaker for t in doc.turns if t.speaker] == ["Enquêtrice", "Maire"] * 2
    assert doc.turns[0].role == "preamble"


def test_odt_with_spaces_and_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "entretien.odt"
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Entretien n°4"))
    first = P(text="Enquêtrice :")
    first.addElement(S(c=1))
    first.addText("Vous utilisez Mégalis ?")
    document.text.addElement(first)
    second = P(text="DSI : Oui, pour le parapheur.")
    second.addElement(LineBreak())
    second.addText("Et l'archivage.")
    document.text.addElement(second)
    document.save(str(path))
    doc = read_file(path)
    assert doc.text == (
        "Entretien n°4\n\nEnquêtrice : Vous utilisez Mégalis ?\n\n"
        "DSI : Oui, pour le parapheur.\nEt l'archivage.\n"
    )
    assert [(t.speaker, t.role) for t in doc.turns[1:]] == [
        ("Enquêtrice", "interviewer"), ("DSI", "respondent")]


def test_srt_cues_become_timed_turns(tmp_path: Path) -> None:
    path = tmp_path / "visio.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:04,500\nEnquêtrice: Bonjour, merci d'être là.\n\n"
        "2\n00:00:05,000 --> 00:00:09,000\nAdjoint: Avec plaisir.\n\n"
        "3\n00:00:09,200 --> 00:00:12,000\nAdjoint: On mutualise avec l'EPCI.\n",
        encoding="utf-8",
    )
    doc = read_file(path)
    assert doc.text == ("Enquêtrice : Bonjour, merci d'être là.\n\n"
                        "Adjoint : Avec plaisir. On mutualise avec l'EPCI.\n")
    assert [(t.speaker, t.role, t.time_start_ms, t.time_end_ms) for t in doc.turns] == [
        ("Enquêtrice", "interviewer", 1000, 4500), ("Adjoint", "respondent", 5000, 12000)]
    turn = doc.turns[1]
    assert doc.text[turn.start:turn.end].startswith("Adjoint : Avec")


def test_vtt_voice_tags(tmp_path: Path) -> None:
    path = tmp_path / "visio.vtt"
    path.write_text(
        "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Nolwenn>Et la sobriété numérique ?</v>\n\n"
        "00:03.500 --> 00:06.000\n<v DPO>On trie les pièces jointes.</v>\n",
        encoding="utf-8",
    )
    doc = read_file(path)
    assert doc.text == "Nolwenn : Et la sobriété numérique ?\n\nDPO : On trie les pièces jointes.\n"
    assert [t.time_start_ms for t in doc.turns] == [1000, 3500]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1252", b""),
     ("latin-1", b"")],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = ("Enquêtrice : Où en êtes-vous du réemploi ?\r\n"
            "Maire : Ça avance, on a donné vingt-cinq écrans à l'école.\r\n" * 20)
    if encoding == "cp1252":
        text += "Maire : C’est l’« hygiène numérique » — enfin, on essaie…\r\n"
    path = tmp_path / "entretien.txt"
    path.write_bytes(bom + text.encode(encoding))
    doc = read_file(path)
    assert "\r" not in doc.text
    assert "Où en êtes-vous du réemploi ?\nMaire : Ça avance" in doc.text
    if encoding == "cp1252":
        assert "C’est l’« hygiène numérique » — enfin, on essaie…" in doc.text
        assert doc.encoding == "cp1252"


def test_text_is_nfc(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    path.write_text("Maire : e\u0301quipement\n", encoding="utf-8")  # NFD é
    assert "équipement" in read_file(path).text


def test_front_matter_and_sheet_attributes(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntype_collectivite: EPCI\npopulation: 30000-50000\ndate: 2023-03-09\n---\n"
        "DPO : Le RGPD nous occupe beaucoup.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Maire : Bonjour.\n", encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("fichier;mode;habitants\nb.txt;téléphone;1800\n", encoding="utf-8")
    docs, skipped = read_all([tmp_path], sheet)
    assert skipped == [sheet]
    by_name = {d.name: d for d in docs}
    assert by_name["a.md"].text == "DPO : Le RGPD nous occupe beaucoup.\n"
    assert by_name["a.md"].attributes["type_collectivite"] == "EPCI"
    assert str(by_name["a.md"].attributes["date"]) == "2023-03-09"
    assert by_name["b.txt"].attributes == {"mode": "téléphone", "habitants": "1800"}


def test_decode_refuses_mixed_encodings() -> None:
    data = "Enquêtrice : réemploi\n".encode() + b"caf\xe9 cr\xe8me\n"
    with pytest.raises(Exception, match="not valid UTF-8 at line 2"):
        decode(data, "mixed.txt")
