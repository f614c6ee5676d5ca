"""Recurrent expressions found by a collocation measure, and the user's own."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CliRunner
from verbatims.analysis.cooc import pairs
from verbatims.analysis.corpus import load_units
from verbatims.analysis.expressions import detect
from verbatims.store import Project


def test_detects_the_reports_expressions(parsed: Project) -> None:
    units = load_units(parsed)
    found = {e.lemmas: e for e in detect(pairs(units))}
    assert ("impact", "écologique") in found
    assert ("pièce", "joindre") in found
    assert ("durée", "de", "vie") in found
    assert all(e.g2 >= 10.83 and e.count >= 3 for e in found.values())


def test_user_expressions(run_cli: CliRunner, parsed_path: Path) -> None:
    added = run_cli("--project", parsed_path, "expressions", "add", "hygiène numérique")
    assert added.code == 0, added.err
    listed = run_cli("--project", parsed_path, "expressions", "list")
    assert "hygiène numérique" in listed.out
    one = run_cli("--project", parsed_path, "expressions", "add", "hygiène")
    assert one.code == 2 and "single word" in one.err
    gone = run_cli("--project", parsed_path, "expressions", "remove", "nothing here")
    assert gone.code == 2
