"""Every import format, read from a file written as its tool writes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.ingest import samples
from verbatims.errors import UserError
from verbatims.ingest import read_batch, read_file
from verbatims.ingest.registry import FORMATS, for_path

CASES = {make.__name__: make for make in samples.SAMPLES}


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_reads_with_its_speakers(name: str, tmp_path: Path) -> None:
    sample = CASES[name]()
    doc = read_file(sample.write(tmp_path))
    for word in sample.words:
        assert word in doc.text, word
    for mark in sample.absent:
        assert mark not in doc.text, mark
    roles = {t.speaker: t.role for t in doc.turns if t.speaker}
    assert {k: roles.get(k) for k in sample.roles} == sample.roles
    for turn in doc.turns:
        if turn.speaker:  # the speech of a turn starts after its label
            assert not doc.text[turn.speech_start:turn.end].startswith(turn.speaker)


def test_transcriber_keeps_times_and_overlapping_voices(tmp_path: Path) -> None:
    doc = read_file(samples.trs().write(tmp_path))
    assert doc.encoding == "iso-8859-1" and doc.source_format == "trs"
    said = [(t.speaker, doc.text[t.speech_start:t.end]) for t in doc.turns]
    assert ("Simone Bréhat", "oui voilà") in said and ("Enquêtrice", "d'accord") in said
    assert doc.turns[0].time_start_ms == 0 and doc.turns[0].time_end_ms == 4500
    assert any("events" in note for note in doc.notes)


def test_tei_times_from_the_timeline(tmp_path: Path) -> None:
    doc = read_file(samples.tei().write(tmp_path))
    assert [t.time_start_ms for t in doc.turns[:3]] == [500, 4500, 8500]
    assert doc.attributes == {"type": "entretien"}


def test_docx_transcript_table_becomes_timed_turns(tmp_path: Path) -> None:
    doc = read_file(samples.docx_table(tmp_path))
    speech = [t for t in doc.turns if t.speaker]
    assert [t.speaker for t in speech] == ["Enquêtrice", "Conseillère"] * 3
    assert [t.time_start_ms for t in speech[:2]] == [0, 9000]
    assert "Temps | Locuteur" not in doc.text


def test_whisper_without_speakers_is_one_respondent_text(tmp_path: Path) -> None:
    doc = read_file(samples.whisper_plain().write(tmp_path))
    assert doc.source_format == "whisper" and doc.attributes == {"langue": "fr"}
    assert "boulangerie" in doc.text and doc.turns == ()


def test_pdf_without_a_text_layer_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(samples.make_pdf([], text=False))
    with pytest.raises(UserError, match="no text layer"):
        read_file(path)


def test_front_matter_nested_values_are_named_and_left_out(tmp_path: Path) -> None:
    doc = read_file(samples.markdown().write(tmp_path))
    assert doc.attributes["commune"] == "Lannion" and "tags" not in doc.attributes
    assert any("tags, author" in note for note in doc.notes)


def test_the_same_speech_in_srt_and_vtt_is_imported_once(tmp_path: Path) -> None:
    cues = [("00:00:01,000", "00:00:03,000", "Enquêtrice", "Vous êtes équipés comment ?"),
            ("00:00:03,500", "00:00:07,000", "Maire", "Des portables, surtout.")]
    srt = "".join(f"{i}\n{a} --> {b}\n{who}: {said}\n\n"
                  for i, (a, b, who, said) in enumerate(cues, start=1))
    vtt = "WEBVTT\n\n" + "".join(f"{a.replace(',', '.')} --> {b.replace(',', '.')}\n"
                                 f"<v {who}>{said}\n\n" for a, b, who, said in cues)
    (tmp_path / "visio.srt").write_text(srt, encoding="utf-8")
    (tmp_path / "visio.vtt").write_text(vtt, encoding="utf-8")
    (tmp_path / "autre.txt").write_text("Q : Et vous ?\nR : Moi non.\n", encoding="utf-8")
    batch = read_batch([tmp_path])
    assert sorted(d.name for d in batch.documents) == ["autre.txt", "visio.srt"]
    assert batch.duplicates == [(tmp_path / "visio.vtt", "visio.srt")]


def test_every_format_module_is_registered_and_claims_its_suffixes() -> None:
    import verbatims.ingest.formats as package

    folder = Path(package.__file__).parent
    modules = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
    assert sorted(FORMATS.names()) == modules
    assert for_path(Path("a.TextGrid")).name == "textgrid"  # type: ignore[union-attr]


def test_xml_files_are_told_apart_by_their_root(tmp_path: Path) -> None:
    tei = samples.tei().write(tmp_path)
    trs = tmp_path / "transcriber.xml"
    trs.write_bytes(samples.trs().data)
    other = tmp_path / "config.xml"
    other.write_text("<config><a/></config>", encoding="utf-8")
    assert [getattr(for_path(p), "name", None) for p in (tei, trs)] == ["tei", "trs"]
    assert for_path(other) is None
    batch = read_batch([tmp_path])
    assert other in batch.skipped


def test_a_damaged_transcriber_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "abime.trs"
    path.write_bytes(samples.trs().data[:300])
    with pytest.raises(UserError, match=re.escape("is not well-formed XML")):
        read_file(path)


def test_a_json_that_is_no_transcript_is_skipped_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text('{"theme": "dark"}', encoding="utf-8")
    samples.whisperx().write(tmp_path)
    batch = read_batch([tmp_path])
    assert [d.name for d in batch.documents] == ["entretien.json"]
    assert batch.skipped == [tmp_path / "config.json"]
    with pytest.raises(UserError, match="does not read as Whisper"):
        read_batch([tmp_path / "config.json"])


def test_noscribe_times_and_overlapping_speech(tmp_path: Path) -> None:
    doc = read_file(samples.noscribe_html().write(tmp_path))
    said = [(t.speaker, t.role, t.time_start_ms, doc.text[t.speech_start:t.end])
            for t in doc.turns]
    assert said[0][:2] == (None, "preamble") and "noScribe" in said[0][3]
    assert [s[2] for s in said[1:5]] == [0, 4000, 8000, 12000]  # "S00: [00:00:08] …"
    assert ("S00", "interviewer", 12000, "Ah oui.") in said  # "//S00: Ah oui.//"
    answer = [s[3] for s in said if s[0] == "S01" and s[2] == 12000]
    assert answer[0].startswith("Les commerces surtout") and answer[1].startswith("Ou mieux")
    assert not any("//" in s[3] or "[00:" in s[3] for s in said)
