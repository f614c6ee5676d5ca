"""A Transcriber file laid out as ESLO publishes it and a TEI file as TEI-Corpo
converts CFPP2000 (tests/ingest/corpora.py): speakers named, the interviewer
recognised although no label says "interviewer"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.ingest import corpora
from verbatims.ingest import labels, read_file
from verbatims.ingest.registry import for_path


@pytest.mark.parametrize("make", corpora.CORPORA, ids=lambda m: m.__name__)
def test_a_corpus_file_imports_with_its_speakers_and_their_roles(make: object,
                                                                 tmp_path: Path) -> None:
    sample = make()  # type: ignore[operator]
    doc = read_file(sample.write(tmp_path))
    roles = {t.speaker: t.role for t in doc.turns if t.speaker}
    assert roles == sample.roles
    assert all(labels.known_role(speaker) is None for speaker in roles)  # inferred
    for word in sample.words:
        assert word in doc.text, word
    for mark in sample.absent:
        assert mark not in doc.text, mark
    assert all(t.time_start_ms is not None and t.time_end_ms is not None for t in doc.turns)


def test_eslo_overlaps_codes_and_encoding(tmp_path: Path) -> None:
    path = corpora.eslo_trs().write(tmp_path)
    assert path.read_bytes().startswith(b'<?xml version="1.0" encoding="ISO-8859-1"?>')
    doc = read_file(path)
    assert doc.source_format == "trs" and doc.encoding == "iso-8859-1"
    said = [(t.speaker, doc.text[t.speech_start:t.end]) for t in doc.turns]
    # both talking at once: one turn per voice, each with what that voice said
    assert ("KM214", "tout le monde euh tout le monde") in said and ("JD", "oui") in said
    assert ("JD", "pourquoi ?") in said and ("KM214", "parce que") in said
    assert said[0] == ("KM214", "vous savez euh enfin")  # the empty first turn left out
    assert ("014LOC1", "tu veux un café ?") in said  # a third voice asking once asks nothing
    assert any("3 events" in note for note in doc.notes)


def test_cfpp_tei_corpo_is_told_from_transcriber_and_merges_blocks(tmp_path: Path) -> None:
    path = corpora.cfpp_tei().write(tmp_path)
    assert for_path(path) is not None and for_path(path).name == "tei"  # type: ignore[union-attr]
    doc = read_file(path)
    speakers = [t.speaker for t in doc.turns]
    assert speakers == ["Odile Masson", "Gaëlle Kerjean"] * 3 + ["Odile Masson"]
    first = doc.text[doc.turns[0].speech_start:doc.turns[0].end]
    assert first.startswith("bon je reviens") and first.endswith("la voiture voilà")
    assert doc.turns[0].time_start_ms == 40
    assert doc.attributes.get("type") == "entretien"


def test_the_import_summary_names_the_corpus_speakers(run_cli: CliRunner,
                                                      tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for make in corpora.CORPORA:
        make().write(folder)
    project = tmp_path / "p.sqlite"
    assert run_cli("-p", project, "init").code == 0
    result = run_cli("-p", project, "--lang", "en", "import", folder)
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert any("JD" in line and "interviewer" in line for line in lines), result.out
    assert any("KM214" in line and "respondent" in line for line in lines), result.out
    assert any("Gaëlle Kerjean" in line and "interviewer" in line for line in lines)
    assert "Imported 2 documents." in result.out
