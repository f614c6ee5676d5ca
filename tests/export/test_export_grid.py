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


@pytest.mark.parametrize("fmt", ["docx", "odt", "xlsx", "html"])
def test_grid_matches_golden(fmt: str, summarised: Path, tmp_path: Path, run_cli: CliRunner,
                             golden: Callable[[str, str], None],
                             read_back: Callable[[Path], str]) -> None:
    out = tmp_path / f"grid.{fmt}"
    result = run_cli("--lang", "fr", "-p", summarised, "export", "grid", "-o", out, "--counts")
    assert result.code == 0, result.err
    assert "3 cas × 2 codes" in result.out
    golden(f"grid.{fmt}.txt", read_back(out))


def test_grid_cells_hold_summary_and_count(summarised: Path, tmp_path: Path,
                                           run_cli: CliRunner) -> None:
    out = tmp_path / "grid.docx"
    assert run_cli("--lang", "fr", "-p", summarised, "export", "grid", "-o", out,
                   "--counts").code == 0
    doc = Document(str(out))
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Entretien", "prestataires", "numérique responsable"]
    # Rows are named as the report's Annexe 1 names them, with the interview's number.
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    assert set(rows) == {"Commune entre 2000 et 3500 habitants\nE2",
                         "EPCI de plus de 80\u00a0000 habitants\nE1", "sans-attributs.txt\nE3"}
    assert rows["Commune entre 2000 et 3500 habitants\nE2"][0] == (
        "Prestataire local pour la maintenance ; =pas une formule\n1 extrait")
    # numérique responsable counts its sub-codes' extracts too
    assert rows["EPCI de plus de 80\u00a0000 habitants\nE1"][1] == "2 extraits"
    # The header row repeats on every page; the page is A4 landscape.
    assert 'w:tblHeader w:val="true"' in table.rows[0]._tr.xml
    # A row is never cut between two pages (the case name above, its summaries below).
    assert all("w:cantSplit" in r._tr.xml for r in table.rows[1:])
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (29.7, 21.0)


def test_grid_counts_only_when_asked(summarised: Path, tmp_path: Path,
                                     run_cli: CliRunner) -> None:
    out = tmp_path / "grid.docx"
    assert run_cli("--lang", "fr", "-p", summarised, "export", "grid", "-o", out).code == 0
    cells = [c.text for r in Document(str(out)).tables[0].rows[1:] for c in r.cells[1:]]
    assert not [c for c in cells if "extrait" in c]
    assert "Prestataire local pour la maintenance ; =pas une formule" in cells


def test_grid_rows_from_an_attribute(summarised: Path, tmp_path: Path,
                                     run_cli: CliRunner) -> None:
    out = tmp_path / "grid.html"
    result = run_cli("-p", summarised, "export", "grid", "-o", out, "--label", "fonction")
    assert result.code == 0, result.err
    html = out.read_text(encoding="utf-8")
    assert "<div>adjointe</div>" in html and "<div>DSI</div>" in html
    # a document without the attribute keeps its name
    assert "<div>sans-attributs.txt</div>" in html


def test_grid_by_attribute_groups_cases(summarised: Path, tmp_path: Path,
                                        run_cli: CliRunner) -> None:
    out = tmp_path / "grid.xlsx"
    result = run_cli("-p", summarised, "export", "grid", "-o", out, "--by", "type_collectivite",
                     "--code", "prestataires", "--counts")
    assert result.code == 0, result.err
    book = load_workbook(str(out))
    rows = list(book["Extracts"].iter_rows(values_only=True))
    assert rows[0] == ("type_collectivite", "reference", "prestataires")
    assert rows[1:] == [("commune", "1 interview: I2", 1), ("EPCI", "1 interview: I1", 1),
                        ("(no value)", "1 interview: I3", 1)]
    counts = book["Extracts"]
    assert counts.freeze_panes == "C2" and counts["C2"].data_type == "n"  # numbers
    assert all(c.font.bold for c in counts[1])
    summaries = list(book["Summaries"].iter_rows(values_only=True))
    assert summaries[1][2] == "Prestataire local pour la maintenance ; =pas une formule"


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
    assert result.code == 2 and ".docx, .html, .odt, .xlsx" in result.err
    assert not (tmp_path / "grid.pdf").exists()


def test_a_row_too_long_for_a_page_may_break(summarised: Path, tmp_path: Path,
                                             run_cli: CliRunner) -> None:
    long = " ".join(["Le prestataire passe deux fois par an et sauvegarde le serveur."] * 60)
    assert run_cli("-p", summarised, "summary", "set", "agent.txt", "prestataires",
                   long).code == 0
    out = tmp_path / "grid.docx"
    assert run_cli("-p", summarised, "export", "grid", "-o", out).code == 0
    rows = Document(str(out)).tables[0].rows[1:]
    kept = ["w:cantSplit" in r._tr.xml for r in rows]
    assert kept.count(False) == 1 and kept.count(True) == len(rows) - 1
