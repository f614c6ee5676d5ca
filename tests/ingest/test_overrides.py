"""`--interviewer` and `--turn-pattern` override what the import finds, in every
format, and say so when they name or match nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.ingest import corpora, samples
from tests.ingest.samples import ANSWER, Sample
from verbatims.ingest import read_file
from verbatims.ingest.registry import for_path
from verbatims.ingest.turns import compile_pattern

MAKERS: list[Callable[[], Sample]] = [*samples.SAMPLES, *corpora.CORPORA]


@pytest.mark.parametrize("make", MAKERS, ids=lambda m: m.__name__)
def test_interviewer_named_by_the_user_wins_in_every_format(make: Callable[[], Sample],
                                                            tmp_path: Path) -> None:
    sample = make()
    answerer = next(label for label, role in sample.roles.items() if role == ANSWER)
    doc = read_file(sample.write(tmp_path), interviewers=[answerer.upper()])  # any case
    roles = {t.speaker: t.role for t in doc.turns if t.speaker}
    assert roles[answerer] == "interviewer"
    assert all(role == "respondent" for label, role in roles.items() if label != answerer)


@pytest.mark.parametrize("make", MAKERS, ids=lambda m: m.__name__)
def test_a_turn_pattern_applies_to_every_format(make: Callable[[], Sample],
                                                tmp_path: Path) -> None:
    """Each format's stored text writes its turns "Speaker : speech" (or as the file
    does): a pattern for that finds the same speakers, and a timed file keeps its
    times."""
    sample = make()
    path = sample.write(tmp_path)
    plain = read_file(path)
    labels = sorted({t.speaker for t in plain.turns if t.speaker}, key=len, reverse=True)
    pattern = compile_pattern(r"^(?:\[[\d:]+\] )?(?P<label>" + "|".join(
        re.escape(label) for label in labels) + r") ?: ")
    doc = read_file(path, pattern)
    assert doc.text == plain.text
    assert [t.speaker for t in doc.turns if t.speaker] == [
        t.speaker for t in plain.turns if t.speaker]
    fmt = for_path(path)
    if fmt is not None and fmt.states_speakers:  # the file's times stay on the user's turns
        timed = [t.time_start_ms for t in plain.turns if t.speaker]
        assert [t.time_start_ms for t in doc.turns if t.speaker] == timed
    assert not any("--turn-pattern" in note for note in doc.notes)


def test_a_turn_pattern_matching_nothing_keeps_the_files_speakers_and_says_so(
        tmp_path: Path) -> None:
    path = corpora.cfpp_tei().write(tmp_path)
    doc = read_file(path, compile_pattern(r"^(?P<label>[A-Z]{2})> "))
    assert {t.speaker: t.role for t in doc.turns} == corpora.CFPP_ROLES
    assert any("--turn-pattern matches no line" in note for note in doc.notes)


def test_the_command_line_says_when_an_override_names_or_matches_nothing(
        run_cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    eslo = corpora.eslo_trs().write(folder)
    (folder / "nk.txt").write_text("NK> Vous êtes équipés comment ?\nYL> Des portables.\n"
                                   "NK> Et les écoles ?\nYL> Des tablettes.\n",
                                   encoding="utf-8")
    project = tmp_path / "p.sqlite"
    assert run_cli("-p", project, "init").code == 0
    result = run_cli("-p", project, "--lang", "en", "import", folder, "--turn-pattern",
                     r"^(?P<label>[A-Z]{2})> ", "--interviewer", "NK", "--interviewer", "Zoé")
    assert result.code == 0, result
    out = result.out + result.err
    assert "--turn-pattern matches no line of this file" in out  # the .trs: its own speakers
    assert "--interviewer 'Zoé' names no speaker of these documents" in out
    assert re.search(r"NK\s+interviewer", out) and re.search(r"YL\s+respondent", out)
    assert re.search(r"JD\s+interviewer", out)  # found as without the pattern
    refused = run_cli("-p", project, "--lang", "en", "turns", eslo.name, "--redetect",
                      "--turn-pattern", r"^(?P<label>X+)> ")
    assert refused.code == 2 and "matches no line of" in refused.err
    assert "Traceback" not in refused.err
    kept = run_cli("-p", project, "--lang", "en", "turns", eslo.name, "--format", "csv").out
    assert "JD,interviewer" in kept
    french = run_cli("-p", project, "--lang", "fr", "turns", eslo.name, "--redetect",
                     "--interviewer", "Personne")
    assert french.code == 0 and "Personne" in french.err and "aucun" in french.err.lower()
