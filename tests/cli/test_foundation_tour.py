"""The issue's 'done when', as a new user would type it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import ANNEXE2_SHEET, CODEBOOK, CORPUS, OCR_CORPUS, CliRunner, shared

ANNEXES = {
    # the repository's fictional OCR'd extracts, and the real annexe 2 when it is here
    "ocr": (("tests", "corpus", "ocr"), "attributes.csv", "01-dsi-ville-15000",
            "02-elue-bourg-1500", "Numérique\nresponsable, c'est peut étre aussi"),
    "annexe2": (("shared", "corpus", "annexe2"), "", "01-dsi-commune-20000",
                "04-elue-commune-2000-3500", "Numérique responsable, c'est peut étre aussi au"
                "\nniveau"),
}


@pytest.mark.parametrize("annex", list(ANNEXES))
def test_init_import_code_and_list_back(annex: str, run_cli: CliRunner, tmp_path: Path) -> None:
    where, sheet_name, dsi, elue, quote = ANNEXES[annex]
    folder = OCR_CORPUS if where[0] == "tests" else shared(*where[1:])
    sheet = folder / sheet_name if sheet_name else ANNEXE2_SHEET
    project = tmp_path / "etude.sqlite"
    p = ["--project", str(project)]
    result = run_cli(*p, "init", "--codebook", "default")
    assert result.code == 0 and "codes from" in result.out
    result = run_cli(*p, "import", CORPUS)
    assert result.code == 0 and "Imported 9 documents." in result.out
    assert "README.md" in result.err  # skipped, and said so
    result = run_cli(*p, "import", folder, "--attributes", sheet)
    expected = len(list(folder.glob("*.txt")))
    assert result.code == 0 and f"Imported {expected} documents." in result.out
    assert f"{dsi}.txt" in result.out and "Interlocuteur 1" in result.out

    result = run_cli(*p, "turns", dsi)
    assert "Enquétrice" in result.out and "interviewer" in result.out

    text = run_cli(*p, "show", f"{elue}.txt").out
    start = text.index(quote)
    end = start + len(quote)
    result = run_cli(*p, "code", f"{elue}.txt", str(start), str(end),
                     "numérique responsable", "--coder", "nolwenn", "--memo", "définition")
    assert result.code == 0, result.err

    out = run_cli(*p, "segments", "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1
    row = rows[0]
    assert list(row)[:6] == ["document", "start", "end", "code", "coder", "text"]
    assert row["document"] == f"{elue}.txt"
    assert (int(row["start"]), int(row["end"])) == (start, end)
    assert row["text"] == quote
    assert row["coder"] == "nolwenn" and row["memo"] == "définition"
    assert row["genre"] == "femme" and row["type_collectivite"] == "commune"

    filtered = run_cli(*p, "segments", "--where", "type_collectivite=EPCI",
                       "--format", "json").out
    assert json.loads(filtered) == []


def test_codebook_round_trip(run_cli: CliRunner, tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    assert run_cli("--project", project, "init", "--codebook", CODEBOOK).code == 0
    out = tmp_path / "export.yaml"
    assert run_cli("--project", project, "codebook", "export", out).code == 0
    again = tmp_path / "q.sqlite"
    assert run_cli("--project", again, "init", "--codebook", out).code == 0
    first = run_cli("--project", project, "codes").out
    second = run_cli("--project", again, "codes").out
    assert first == second and "sobriété" in first


def test_demo_builds_the_project_once(run_cli: CliRunner, tmp_path: Path) -> None:
    """`make run` calls `verbatims --project demo.sqlite demo`; the UI part is tested in tui/."""
    project = tmp_path / "demo.sqlite"
    result = run_cli("--project", project, "demo", "--no-ui")
    assert result.code == 0, result.err
    assert "Built the demo project" in result.out
    assert "9 documents" in result.out
    again = run_cli("--project", project, "demo", "--no-ui")
    assert again.code == 0 and "Built" not in again.out
    listing = run_cli("--project", project, "documents").out
    assert listing.count("\n") == 9
