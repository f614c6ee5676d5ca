"""What REFI-QDA has no place for travels in `verbatims.json` inside the `.qdpx`:
speaker turns with their times and the roles a researcher set, and grid summaries.

Tried as a user would: a timed interview (WebVTT) whose speaker was renamed and
given a role, a summary written, the project exported, then imported into a new
project; the profiles for other tools leave the file out; a damaged or hostile
companion refuses the import whole.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.hostile import fingerprint, refused
from verbatims.store import Project

VTT = """WEBVTT

1
00:01:02.000 --> 00:01:05.500
<v Enquêtrice>Bonjour, vous êtes adjointe au numérique depuis quand ?

2
00:01:06.000 --> 00:01:12.250
<v Marie Le Goff>Depuis 2020. On a d’abord remis à plat le parc des ordinateurs.

3
00:01:13.000 --> 00:01:15.000
<v Enquêtrice>Et la sobriété ?
"""


@pytest.fixture
def timed(tmp_path: Path, run_cli: CliRunner) -> Path:
    """A project with a timed interview, a speaker renamed and set as respondent by hand,
    a coding and a summary."""
    location = tmp_path / "etude.sqlite"
    vtt = tmp_path / "visio.vtt"
    vtt.write_text(VTT, encoding="utf-8")
    assert run_cli("-p", location, "init").code == 0
    assert run_cli("-p", location, "import", vtt).code == 0
    assert run_cli("-p", location, "speakers", "set", "Marie Le Goff", "--rename", "Élue A",
                   "--role", "respondent").code == 0
    assert run_cli("-p", location, "speakers", "set", "Enquêtrice", "--role",
                   "interviewer").code == 0
    project = Project.open(str(location))
    code = project.add_code("parc informatique", coder="ana")
    doc = project.documents()[0]
    text = project.text(doc.id)
    at = text.index("remis à plat")
    project.add_coding(doc.id, at, at + 40, code.id, "ana")
    project.close()
    assert run_cli("-p", location, "summary", "set", "visio.vtt", "parc informatique",
                   "Remise à plat du parc dès 2020.", "--author", "ana").code == 0
    return location


def held(location: Path) -> tuple[list[tuple[object, ...]], list[tuple[str, str]]]:
    """The document's turns (offsets, speaker, role, times, speech start), the summaries."""
    project = Project.open(str(location))
    doc = project.documents()[0]
    turns: list[tuple[object, ...]] = [
        (t.start, t.end, t.speaker, t.role, t.time_start_ms, t.time_end_ms, t.body_start)
        for t in project.turns(doc.id)]
    summaries = [(project.code_path(c), text) for (_d, c), text in project.summaries().items()]
    project.close()
    return turns, summaries


def test_times_roles_and_summaries_come_back(timed: Path, tmp_path: Path,
                                            run_cli: CliRunner) -> None:
    turns, summaries = held(timed)
    assert [t[2] for t in turns] == ["Enquêtrice", "Élue A", "Enquêtrice"]
    assert turns[1][3] == "respondent" and turns[1][4:6] == (66000, 72250)
    out = tmp_path / "etude.qdpx"
    assert run_cli("-p", timed, "export", "qdpx", "-o", out).code == 0
    copy = tmp_path / "copie.sqlite"
    result = run_cli("-p", copy, "import-qdpx", out)
    assert result.code == 0, result.err
    assert "1 grid summary taken from the file" in result.out
    assert held(copy) == (turns, summaries)
    assert summaries == [("parc informatique", "Remise à plat du parc dès 2020.")]
    before = fingerprint(timed)  # into itself: nothing twice
    assert run_cli("-p", timed, "import-qdpx", out).code == 0
    assert fingerprint(timed) == before


def test_a_summary_the_project_has_is_never_replaced(timed: Path, tmp_path: Path,
                                                     run_cli: CliRunner) -> None:
    out = tmp_path / "etude.qdpx"
    assert run_cli("-p", timed, "export", "qdpx", "-o", out).code == 0
    assert run_cli("-p", timed, "summary", "set", "visio.vtt", "parc informatique",
                   "Autre lecture : la sobriété vient après.").code == 0
    assert run_cli("-p", timed, "import-qdpx", out).code == 0
    assert held(timed)[1] == [("parc informatique", "Autre lecture : la sobriété vient "
                               "après.\n\nRemise à plat du parc dès 2020.")]
    assert run_cli("-p", timed, "undo").code == 0
    assert held(timed)[1] == [("parc informatique", "Autre lecture : la sobriété vient après.")]


@pytest.mark.parametrize("tool", ["nvivo", "atlas", "maxqda", "qualcoder"])
def test_the_profiles_for_other_tools_leave_it_out(tool: str, timed: Path, tmp_path: Path,
                                                   run_cli: CliRunner) -> None:
    out = tmp_path / f"{tool}.qdpx"
    assert run_cli("-p", timed, "export", "qdpx", "--for", tool, "-o", out).code == 0
    with zipfile.ZipFile(out) as zf:
        assert "verbatims.json" not in zf.namelist()


def rewritten(source: Path, target: Path, change: object) -> Path:
    with zipfile.ZipFile(source) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    data = json.loads(members["verbatims.json"])
    members["verbatims.json"] = (change(data) if callable(change) else change)  # type: ignore[assignment]
    if not isinstance(members["verbatims.json"], bytes):
        members["verbatims.json"] = json.dumps(members["verbatims.json"]).encode()
    with zipfile.ZipFile(target, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return target


def _first_turn(data: dict[str, dict[str, list[list[object]]]]) -> list[object]:
    return next(iter(data["turns"].values()))[0]


def beyond(data: dict[str, object]) -> dict[str, object]:
    _first_turn(data)[1] = 10**9  # type: ignore[arg-type]
    return data


def negative_time(data: dict[str, object]) -> dict[str, object]:
    _first_turn(data)[4] = -5  # type: ignore[arg-type]
    return data


def bad_role(data: dict[str, object]) -> dict[str, object]:
    _first_turn(data)[3] = "chef"  # type: ignore[arg-type]
    return data


def text_position(data: dict[str, object]) -> dict[str, object]:
    _first_turn(data)[0] = "12"  # type: ignore[arg-type]
    return data


CASES = {
    "not JSON": (b"{turns: [", ("verbatims.json", "damaged")),
    "a turn beyond the text": (beyond, ("outside the text",)),
    "a time before the recording": (negative_time, ("outside any recording",)),
    "an unknown role": (bad_role, ("damaged", "chef")),
    "a position in words": (text_position, ("damaged", "'12'")),
    "nested without end": (b"[" * 100_000 + b"]" * 100_000, ("damaged",)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_damaged_companion_refuses_the_import(case: str, timed: Path, tmp_path: Path,
                                                run_cli: CliRunner) -> None:
    change, words = CASES[case]
    out = tmp_path / "etude.qdpx"
    assert run_cli("-p", timed, "export", "qdpx", "-o", out).code == 0
    hostile = rewritten(out, tmp_path / "abime.qdpx", change)
    target = tmp_path / "autre.sqlite"
    assert run_cli("-p", target, "init").code == 0
    before = fingerprint(target)
    refused(run_cli("-p", target, "import-qdpx", hostile), *words)
    assert fingerprint(target) == before
