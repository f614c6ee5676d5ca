"""EXMARaLDA basic transcriptions, written as the Partitur-Editor saves them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliRunner
from verbatims.errors import UserError
from verbatims.ingest import read_file
from verbatims.ingest.registry import for_path

EXB = """<?xml version="1.0" encoding="UTF-8"?>
<!-- (c) http://www.rrz.uni-hamburg.de/exmaralda -->
<basic-transcription>
<head>
<meta-information>
<project-name>Numérique dans les communes</project-name>
<transcription-name>entretien_12</transcription-name>
<referenced-file url="entretien_12.wav"/>
<ud-meta-information></ud-meta-information>
<comment></comment>
<transcription-convention>GAT</transcription-convention>
</meta-information>
<speakertable>
<speaker id="SPK0">
<abbreviation>ENQ</abbreviation>
<sex value="f"/>
<languages-used></languages-used>
<l1/>
<l2/>
<ud-speaker-information></ud-speaker-information>
<comment></comment>
</speaker>
<speaker id="SPK1">
<abbreviation>Maire</abbreviation>
<sex value="m"/>
<languages-used></languages-used>
<l1/>
<l2/>
<ud-speaker-information></ud-speaker-information>
<comment></comment>
</speaker>
</speakertable>
</head>
<basic-body>
<common-timeline>
<tli id="T0" time="0.0"/>
<tli id="T1" time="3.2"/>
<tli id="T3" time="5.0"/>
<tli id="T2" time="9.75"/>
<tli id="T4"/>
<tli id="T5" time="15.5"/>
</common-timeline>
<tier id="TIE0" speaker="SPK0" category="v" type="t" display-name="ENQ [v]">
<event start="T0" end="T1">Comment la commune gère-t-elle ses sauvegardes ? </event>
<event start="T4" end="T5">Et les postes des agents ? </event>
</tier>
<tier id="TIE1" speaker="SPK0" category="c" type="a" display-name="ENQ [c]">
<event start="T0" end="T1">rires</event>
</tier>
<tier id="TIE2" speaker="SPK1" category="v" type="t" display-name="Maire [v]">
<event start="T1" end="T3">Alors les sauvegardes </event>
<event start="T3" end="T2">partent chaque nuit chez le prestataire, sur bande. </event>
</tier>
</basic-body>
</basic-transcription>
"""


def _write(tmp_path: Path, name: str = "entretien_12.exb") -> Path:
    path = tmp_path / name
    path.write_text(EXB, encoding="utf-8")
    return path


def test_speakers_turns_in_timeline_order_and_annotations_left_out(tmp_path: Path) -> None:
    doc = read_file(_write(tmp_path))
    assert doc.source_format == "exb"
    said = [(t.speaker, doc.text[t.speech_start:t.end].strip()) for t in doc.turns]
    assert said == [
        ("ENQ", "Comment la commune gère-t-elle ses sauvegardes ?"),
        ("Maire", "Alors les sauvegardes partent chaque nuit chez le prestataire, sur bande."),
        ("ENQ", "Et les postes des agents ?"),
    ]  # the timeline's order (T3 comes before T2 there), the maire's two events one turn
    assert "rires" not in doc.text  # an annotation tier is not speech
    assert {t.speaker: t.role for t in doc.turns} == {"ENQ": "interviewer",
                                                      "Maire": "respondent"}
    assert doc.attributes["projet"] == "Numérique dans les communes"
    assert any("ENQ [c]" in note for note in doc.notes)


def test_an_xml_file_is_told_from_tei_and_transcriber_by_its_root(tmp_path: Path) -> None:
    assert getattr(for_path(_write(tmp_path, "entretien.xml")), "name", None) == "exb"


def test_a_file_without_transcription_tiers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "vide.exb"
    path.write_text(EXB.replace('type="t"', 'type="d"'), encoding="utf-8")
    with pytest.raises(UserError, match="no transcription tier"):
        read_file(path)


def test_import_on_the_command_line(tmp_path: Path, run_cli: CliRunner) -> None:
    project = tmp_path / "p.sqlite"
    assert run_cli("--project", project, "init").code == 0
    result = run_cli("--project", project, "import", _write(tmp_path))
    assert result.code == 0, result.err
    listed = run_cli("--project", project, "speakers")
    assert "ENQ" in listed.out and "Maire" in listed.out
