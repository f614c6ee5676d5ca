"""Import summary, and fixing speakers after import, from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from verbatims.store import Project
from verbatims.store.history import undo

INTERVIEW = ("Entretien du 3 mars 2024, mairie de Plouaret.\n\n"
             "Selon vous, le numérique éloigne-t-il les usagers ?\n\n"
             "Gwenaëlle Le Bihan : Pas forcément. Ou mieux : il rapproche ceux qui savent.\n\n"
             "Q. Et les autres ?\n\n"
             "R. Les autres, on les accompagne à l'accueil, deux matinées par semaine.\n\n"
             "Q - Avec qui ?\n\n"
             "R - Avec une conseillère numérique, financée par l'État.\n")


@pytest.fixture
def project(run_cli: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "p.sqlite"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "le-bihan.txt").write_text(INTERVIEW, encoding="utf-8")
    (folder / "morvan.txt").write_text(
        "SPEAKER_00: Vous êtes équipés comment ?\nSPEAKER_01: Des portables.\n"
        "SPEAKER_00: Et les écoles ?\nSPEAKER_01: Des tablettes, depuis deux ans, et un "
        "parc de fixes qui vieillit.\n", encoding="utf-8")
    assert run_cli("-p", path, "init").code == 0
    result = run_cli("-p", path, "--lang", "en", "import", folder)
    assert result.code == 0, result
    return path


def test_import_summary_lists_speakers_roles_and_shares(run_cli: CliRunner,
                                                        tmp_path: Path) -> None:
    path, folder = tmp_path / "p.sqlite", tmp_path / "in"
    folder.mkdir()
    (folder / "le-bihan.txt").write_text(INTERVIEW, encoding="utf-8")
    (folder / "bloc.txt").write_text(("Le numérique, on en parle beaucoup. " * 60) + "\n",
                                     encoding="utf-8")
    run_cli("-p", path, "init")
    result = run_cli("-p", path, "--lang", "en", "import", folder)
    assert result.code == 0, result
    out = result.out
    assert "Gwenaëlle Le Bihan" in out and "respondent" in out and "interviewer" in out
    assert "% of the words" in out
    assert "no speaker turn found in 360 words" in out  # bloc.txt
    assert "«Gwenaëlle Le Bihan» marks one turn only" in out
    french = run_cli("-p", tmp_path / "q.sqlite", "init")
    assert french.code == 0
    result = run_cli("-p", tmp_path / "q.sqlite", "--lang", "fr", "import", folder / "bloc.txt")
    assert "aucun tour de parole" in result.out


def test_speakers_lists_and_sets_roles_undoably(run_cli: CliRunner, project: Path) -> None:
    listed = run_cli("-p", project, "--lang", "en", "speakers", "--format", "json")
    rows = {r["speaker"]: r for r in json.loads(listed.out)}
    assert rows["Q"]["role"] == "interviewer" and rows["R"]["role"] == "respondent"
    assert rows["SPEAKER_00"]["role"] == "interviewer"
    one = run_cli("-p", project, "speakers", "morvan.txt", "--format", "csv")
    assert [r["speaker"] for r in csv.DictReader(io.StringIO(one.out))] == [
        "SPEAKER_00", "SPEAKER_01"]
    changed = run_cli("-p", project, "--lang", "en", "speakers", "set", "SPEAKER_00",
                      "--role", "respondent", "--rename", "Yann Morvan", "--doc", "morvan.txt")
    assert changed.code == 0, changed
    with _opened(project) as p:
        doc = p.document("morvan.txt")
        assert {t.speaker: t.role for t in p.turns(doc.id)} == {
            "Yann Morvan": "respondent", "SPEAKER_01": "respondent"}
        assert undo(p) is not None
        assert {t.speaker: t.role for t in p.turns(doc.id)}["SPEAKER_00"] == "interviewer"


def test_verbatims_undo_and_redo_take_back_a_role_change(run_cli: CliRunner,
                                                         project: Path) -> None:
    """The whole round trip a user makes, by commands only, with one --coder."""
    changed = run_cli("-p", project, "--lang", "en", "speakers", "set", "R", "--role",
                      "interviewer", "--doc", "le-bihan.txt", "--coder", "anne")
    assert changed.code == 0 and "in 2 turns of 1 document" in changed.out, changed
    history = run_cli("-p", project, "--lang", "en", "history")
    assert "change of speaker" in history.out and "le-bihan.txt" in history.out

    def roles() -> dict[str, str]:
        listed = run_cli("-p", project, "speakers", "le-bihan.txt", "--format", "json")
        return {r["speaker"]: r["role"] for r in json.loads(listed.out)}

    assert roles()["R"] == "interviewer"
    undone = run_cli("-p", project, "--lang", "en", "undo", "--coder", "anne")
    assert undone.code == 0 and "change of speaker" in undone.out, undone
    assert roles()["R"] == "respondent"
    redone = run_cli("-p", project, "--lang", "en", "redo", "--coder", "anne")
    assert redone.code == 0 and roles()["R"] == "interviewer"
    removed = run_cli("-p", project, "--lang", "en", "remove", "le-bihan.txt", "--coder",
                      "anne")
    assert removed.code == 0
    assert run_cli("-p", project, "undo", "--coder", "anne").code == 0
    assert roles()["R"] == "interviewer"  # the document is back with its speakers as set


def test_speakers_set_refuses_an_unknown_label(run_cli: CliRunner, project: Path) -> None:
    result = run_cli("-p", project, "--lang", "en", "speakers", "set", "Nobody", "--role",
                     "respondent")
    assert result.code == 2 and "No speaker 'Nobody'" in result.err


def test_turns_as_json_and_csv_with_times(run_cli: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    srt = tmp_path / "visio.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:03,000\nEnquêtrice: Bonjour ?\n\n"
                   "2\n00:00:03,500 --> 00:00:07,250\nMaire: Bonjour.\n", encoding="utf-8")
    run_cli("-p", path, "init")
    run_cli("-p", path, "import", srt)
    rows = json.loads(run_cli("-p", path, "turns", "visio.srt", "--format", "json").out)
    assert [(r["speaker"], r["role"], r["time_start_ms"], r["time_end_ms"]) for r in rows] == [
        ("Enquêtrice", "interviewer", 1000, 3000), ("Maire", "respondent", 3500, 7250)]
    assert {"start", "end", "speaker", "role", "time_start_ms", "time_end_ms"} <= set(rows[0])
    table = list(csv.DictReader(io.StringIO(
        run_cli("-p", path, "turns", "visio.srt", "--format", "csv").out)))
    assert table[1]["speaker"] == "Maire" and table[1]["time_start_ms"] == "3500"
    text = run_cli("-p", path, "turns", "visio.srt").out
    assert "0:03" in text and "Maire" in text


def test_redetect_keeps_text_and_codings(run_cli: CliRunner, tmp_path: Path) -> None:
    path, doc = tmp_path / "p.sqlite", tmp_path / "nk.txt"
    doc.write_text("(NK) Vous êtes équipés comment ?\n(YL) Des portables.\n"
                   "(NK) Et les écoles ?\n(YL) Des tablettes.\n", encoding="utf-8")
    run_cli("-p", path, "init")
    run_cli("-p", path, "import", doc)
    with _opened(path) as p:
        d = p.document("nk.txt")
        code = p.add_code("équipement")
        p.add_coding(d.id, 40, 55, code.id, "moi")
        before = p.text(d.id)
    result = run_cli("-p", path, "--lang", "en", "turns", "nk.txt", "--redetect",
                     "--turn-pattern", r"^\((?P<label>[A-Z]{2})\) ", "--interviewer", "NK")
    assert result.code == 0, result
    with _opened(path) as p:
        d = p.document("nk.txt")
        assert [(t.speaker, t.role) for t in p.turns(d.id)] == [
            ("NK", "interviewer"), ("YL", "respondent")] * 2
        assert p.text(d.id) == before
        assert len(p.segments(())) == 1
        assert undo(p) is not None and p.turns(d.id) == []


def test_remove_is_undoable_with_codings_and_memos(run_cli: CliRunner, project: Path) -> None:
    with _opened(project) as p:
        d = p.document("le-bihan.txt")
        code = p.add_code("accompagnement")
        p.add_coding(d.id, 10, 30, code.id, "moi", "à relire")
        p.set_memo("document", d.id, "Entretien par téléphone.", "moi")
        p.set_attributes(d.id, {"commune": "Plouaret"})
        turns = p.turns(d.id)
    result = run_cli("-p", project, "--lang", "en", "remove", "le-bihan.txt")
    assert result.code == 0 and "1 codings" in result.out, result
    listed = run_cli("-p", project, "documents", "--format", "json")
    assert [r["name"] for r in json.loads(listed.out)] == ["morvan.txt"]
    with _opened(project) as p:
        assert undo(p) is not None
        d = p.document("le-bihan.txt")
        assert p.turns(d.id) == turns
        assert [s.coding.memo for s in p.segments(())] == ["à relire"]
        assert p.memo("document", d.id).text == "Entretien par téléphone."  # type: ignore[union-attr]
        assert p.attributes()[d.id] == {"commune": "Plouaret"}


def test_documents_as_csv_and_json_with_attributes(run_cli: CliRunner, project: Path) -> None:
    with _opened(project) as p:
        p.set_attributes(p.document("morvan.txt").id, {"commune": "Lannion", "habitants": 20000})
    rows = list(csv.DictReader(io.StringIO(
        run_cli("-p", project, "documents", "--format", "csv").out)))
    assert [r["name"] for r in rows] == ["le-bihan.txt", "morvan.txt"]
    assert rows[1]["commune"] == "Lannion" and rows[1]["turns"] == "4"
    data = json.loads(run_cli("-p", project, "documents", "--format", "json").out)
    assert data[1]["attributes"] == {"commune": "Lannion", "habitants": 20000}


def test_import_format_choices_come_from_the_registry(run_cli: CliRunner) -> None:
    from verbatims.ingest.registry import FORMATS

    shown = run_cli("--lang", "en", "import", "--help").out
    for name in FORMATS.names():
        assert name in shown
    wrong = run_cli("--lang", "en", "import", "x.txt", "--format", "nope")
    assert wrong.code == 2 and "trs" in wrong.err


class _opened:
    """A project opened for the test and closed after (so the CLI sees what it wrote)."""

    def __init__(self, path: Path) -> None:
        self.project = Project.open(str(path))

    def __enter__(self) -> Project:
        return self.project

    def __exit__(self, *exc: object) -> None:
        self.project.close()


def test_set_makes_a_span_a_turn_undoably(run_cli: CliRunner, tmp_path: Path) -> None:
    path, doc = tmp_path / "p.sqlite", tmp_path / "ocr.txt"
    doc.write_text("Entretien avec un élu, commune de 3000 habitants.\n\n"
                   "Élu : On peut commencer, j'ai une heure.\n\n"
                   "Enquêtrice : Vous avez dû voir une utilité au numérique. Bien sûr ! "
                   "Mais on est trop excessif dans l'usage, on s'envoie des mails à dix "
                   "mètres.\n", encoding="utf-8")
    run_cli("-p", path, "init")
    run_cli("-p", path, "import", doc)
    with _opened(path) as p:
        d = p.document("ocr.txt")
        code = p.add_code("usages")
        text = p.text(d.id)
        at = text.index("Bien sûr")
        p.add_coding(d.id, at, at + 20, code.id, "moi")
    result = run_cli("-p", path, "--lang", "en", "turns", "ocr.txt", "--set", str(at - 1),
                     "--role", "respondent", "--speaker", "Élu")
    assert result.code == 0, result
    assert f"characters {at}–" in result.err and "Élu, respondent" in result.err
    with _opened(path) as p:
        d = p.document("ocr.txt")
        got = [(t.speaker, t.role, text[t.speech_start:t.end][:8]) for t in p.turns(d.id)]
        assert got == [(None, "preamble", "Entretie"), ("Élu", "respondent", "On peut "),
                       ("Enquêtrice", "interviewer", "Vous ave"),
                       ("Élu", "respondent", "Bien sûr")]
        assert p.text(d.id) == text and len(p.segments(())) == 1
        assert undo(p) is not None
        assert [t.speaker for t in p.turns(d.id)] == [None, "Élu", "Enquêtrice"]
    bad = run_cli("-p", path, "--lang", "en", "turns", "ocr.txt", "--set", "9999",
                  "--role", "respondent")
    assert bad.code == 2 and "is no span of ocr.txt" in bad.err
    alone = run_cli("-p", path, "--lang", "en", "turns", "ocr.txt", "--role", "respondent")
    assert alone.code == 2 and "add --set" in alone.err
