"""`verbatims agreement` and `--disagreements` as a user runs them; files read back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.conftest import CliRunner
from verbatims.store import Project


def test_csv_on_stdout_has_the_contract_columns(run_cli: CliRunner,
                                                coded_location: str) -> None:
    done = run_cli("--project", coded_location, "agreement", "--coders", "alice,bob")
    assert done.code == 0, done.err
    rows = list(csv.DictReader(io.StringIO(done.out)))
    assert list(rows[0])[:7] == ["code", "unit", "coders", "percent_agreement", "kappa",
                                 "alpha", "units"]
    assert rows[-1]["code"] == "(overall)" and rows[-1]["coders"] == "alice, bob"
    assert all(0 <= float(r["percent_agreement"]) <= 1 for r in rows)
    assert "overall kappa" in done.err and "3 documents" in done.err
    assert "Left out (not coded by every coder)" not in done.err


def test_xlsx_and_html_read_back(run_cli: CliRunner, coded_location: str,
                                 tmp_path: Path) -> None:
    xlsx = tmp_path / "accord.xlsx"
    done = run_cli("--project", coded_location, "agreement", "--unit", "sentence",
                   "--code", "cybersécurité", "-o", xlsx)
    assert done.code == 0, done.err
    book = load_workbook(xlsx)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True))
            for row in sheet.iter_rows(min_row=2)]
    assert {r["code"] for r in rows} >= {"cybersécurité/sauvegardes", "(overall)"}
    assert all(r["unit"] == "sentence" for r in rows)
    assert all(r["kappa"] is None or isinstance(r["kappa"], int | float) for r in rows)
    assert any(isinstance(r["kappa"], float) and 0 < r["kappa"] < 1 for r in rows)
    method = " ".join(str(c.value) for c in book.worksheets[1]["A"])
    assert "every one of these coders has coded" in method and "99 %" in method
    html = tmp_path / "accord.html"
    assert run_cli("--project", coded_location, "agreement", "-o", html).code == 0
    page = html.read_text(encoding="utf-8")
    assert "<table>" in page and "(overall)" in page and "Krippendorff" in page


def test_disagreements_docx_shows_each_coder_side_by_side(
        run_cli: CliRunner, coded_location: str, tmp_path: Path) -> None:
    project = Project.open(coded_location)
    doc = project.documents()[0]
    text = project.text(doc.id)
    start = text.index("R")  # a passage only carla coded, against alice
    project.add_coding(doc.id, start, start + 60, project.code("sobriété").id,
                       "carla")
    project.add_coding(doc.id, start, start + 60,
                       project.code("réemploi et recyclage").id, "dora")
    project.close()
    out = tmp_path / "desaccords.docx"
    done = run_cli("--project", coded_location, "agreement", "--coders", "carla,dora",
                   "--disagreements", "-o", out)
    assert done.code == 0, done.err
    word = Document(str(out))
    (table,) = word.tables
    assert [c.text for c in table.rows[0].cells] == ["carla", "dora"]
    carla, dora = table.rows[1].cells
    marked = "".join(r.text for p in carla.paragraphs for r in p.runs
                     if r.font.highlight_color is not None)
    assert marked == text[start:start + 60]
    assert "numérique responsable/sobriété" in carla.text and "not coded" not in carla.text
    assert "réemploi" in dora.text
    bullets = [p.text for p in word.paragraphs
               if p.style is not None and p.style.name == "List Bullet"]
    assert bullets == ["numérique responsable/sobriété: coded by carla, not by dora",
                       "numérique responsable/réemploi et recyclage: coded by dora, not by "
                       "carla"]


@pytest.mark.parametrize("suffix", ["html", "csv"])
def test_disagreements_other_formats(run_cli: CliRunner, coded_location: str,
                                     tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"d.{suffix}"
    done = run_cli("--project", coded_location, "agreement", "--disagreements", "-o", out)
    assert done.code == 0, done.err
    said = done.err.split(" disputed passages (")[0].rsplit(" ", 1)[-1]
    assert " disputed codes) in 3 documents." in done.err
    passages = int(said)
    assert passages > 5
    content = out.read_text(encoding="utf-8")
    if suffix == "html":
        assert content.count("<section>") == passages and "<mark>" in content
    else:
        rows = list(csv.DictReader(io.StringIO(content)))
        assert len({r["passage"] for r in rows}) == passages
        assert {"coded_alice", "text_bob"} <= set(rows[0])
        assert {r["kind"] for r in rows} <= {"missing", "boundaries"}


def test_identical_coders_agree_fully(run_cli: CliRunner, demo_location: str) -> None:
    project = Project.open(demo_location)
    doc = project.documents()[1]
    for code, (a, b) in (("sobriété", (10, 90)), ("mutualisation", (200, 260))):
        for coder in ("alice", "bob"):
            project.add_coding(doc.id, a, b, project.code(code).id, coder)
    project.close()
    done = run_cli("--project", demo_location, "agreement")
    rows = list(csv.DictReader(io.StringIO(done.out)))
    assert {(r["kappa"], r["alpha"], r["percent_agreement"]) for r in rows} == {
        ("1.0000", "1.0000", "1.0000")}
    none = run_cli("--project", demo_location, "agreement", "--disagreements")
    assert none.code == 0 and none.out.count("\n") == 1  # the header only


def test_bad_input_is_one_sentence(run_cli: CliRunner, coded_location: str,
                                   tmp_path: Path) -> None:
    for args, expected in (
            (["--coders", "alice"], "Name two coders at least"),
            (["--coders", "alice,zoé"], "No codings by 'zoé'"),
            (["-o", tmp_path / "a.docx"], "agreement writes .csv, .xlsx, .html files"),
            (["--disagreements", "-o", tmp_path / "a.xlsx"], ".html, .docx, .csv"),
            (["--where", "type_collectivite=Région"], "No document has"),
            (["--code", "poésie"], "No code"),
            (["-o", tmp_path / "nowhere" / "a.csv"], "does not exist")):
        done = run_cli("--project", coded_location, "agreement", *args)
        assert done.code == 2, (args, done.err)
        assert expected in done.err and len(done.err.strip().splitlines()) == 1, done.err
