"""The measure of bench/speakers.py, as a test: every convention at the aim."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.conventions import conventions, measure
from verbatims.ingest import read_file

CASES = {w.name: w for w in conventions()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_convention_reaches_the_aim(name: str, tmp_path: Path) -> None:
    written = CASES[name]
    path = tmp_path / f"{name}{written.suffix}"
    path.write_text(written.content, encoding="utf-8")
    doc = read_file(path)
    assert doc.text == written.text
    respondent, interviewer = measure(
        doc.text, written.truth, [(t.speech_start, t.end, t.role) for t in doc.turns])
    assert respondent >= 0.99, respondent
    assert interviewer >= 0.95, interviewer


def test_the_measure_can_fail() -> None:
    written = CASES["q-r-colon"]
    everything_asked = [(0, len(written.text), "interviewer")]
    assert measure(written.text, written.truth, everything_asked)[0] == 0.0
