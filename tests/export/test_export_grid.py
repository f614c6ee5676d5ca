"""The summary grid: summaries written from the command line, exported as DOCX, XLSX, HTML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.conftest import CliRunner


@pytest.fixture
def summarised(annex: Path, run_cli: CliRunner) -> Path:
    for doc, code, text in [
        ("elue.txt", "prestataires", "Prestataire local pour la maintenance ; =pas une formule"),
        ("agent.txt", "prestataires", "Passage annuel du prestataire"),
        ("elue.txt", "numérique responsable", "Serveur en France, <choix> assumé"),
    ]:
        result = run_cli("-p", annex, "summary", "set", doc, code, text, "--author", "alice")
        assert result.code == 0, result.err
    return annex


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_grid_matches_golden(fmt: str, summarised: Path, tmp_path: Path, run_cli: CliRunner,
                             golden: Callable[[str, str], None],
                             read_back: Callable[[Path], str]) -> None:
    out = tmp_path / f"grid.{fmt}"
    result = run_cli("-p", summarised, "export", "grid", "-o", out)
    assert result.code == 0, result.err
    assert "3 cases × 2 codes" in result.out
    golden(f"grid.{fmt}.txt", read_back(out))


def test_grid_cells_hold_summary_and_count(summarised: Path, tmp_path: Path,
                                           run_cli: CliRunner) -> None:
    out = tmp_path / "grid.docx"
    assert run_cli("-p", summarised, "export", "grid", "-o", out).code == 0
    table = Document(str(out)).tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Entretien", "mutualisation/prestataires", "numérique responsable"]
    rows = {r.cells[0].paragraphs[0].text: [c.text for c in r.cells[1:]]
            for r in table.rows[1:]}
    assert rows["elue.txt"][0] == ("Prestataire local pour la maintenance ; =pas une formule\n"
                                   "(1 extrait)")
    # numérique responsable counts its sub-codes' extracts too
    assert rows["agent.txt"][1] == "(2 extraits)"


def test_grid_by_attribute_groups_cases(summarised: Path, tmp_path: Path,
                                        run_cli: CliRunner) -> None:
    out = tmp_path / "grid.xlsx"
    result = run_cli("-p", summarised, "export", "grid", "-o", out, "--by", "type_collectivite",
                     "--code", "prestataires")
    assert result.code == 0, result.err
    book = load_workbook(str(out))
    rows = list(book["Extraits"].iter_rows(values_only=True))
    assert rows[0] == ("type_collectivite", "description", "mutualisation/prestataires")
    assert rows[1:] == [("EPCI", "1 entretien", 1), ("commune", "1 entretien", 1),
                        ("(sans valeur)", "1 entretien", 1)]
    summaries = list(book["Synthèses"].iter_rows(values_only=True))
    assert summaries[2][2] == "Prestataire local pour la maintenance ; =pas une formule"


def test_summary_command_deletes_with_empty_text(summarised: Path, run_cli: CliRunner) -> None:
    result = run_cli("-p", summarised, "summary", "set", "elue.txt", "prestataires", "")
    assert result.code == 0 and "Deleted" in result.out
    listed = run_cli("-p", summarised, "summary", "list").out
    assert "elue.txt × mutualisation/prestataires" not in listed
    assert "agent.txt × mutualisation/prestataires: Passage annuel" in listed
    again = run_cli("-p", summarised, "summary", "set", "elue.txt", "prestataires", "")
    assert again.code == 0 and "no summary" in again.out and "Deleted" not in again.out


def test_grid_needs_a_known_extension(summarised: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    result = run_cli("-p", summarised, "export", "grid", "-o", tmp_path / "grid.pdf")
    assert result.code == 2 and ".docx, .html, .xlsx" in result.err
    assert not (tmp_path / "grid.pdf").exists()
