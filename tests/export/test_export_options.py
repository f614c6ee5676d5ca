"""Grouping, context, page breaks, headers and the safety of what exports show."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from openpyxl import load_workbook

from tests.conftest import CliRunner
from verbatims.export.template import DEFAULT_TEMPLATE, render


def test_group_by_document_matches_golden(annex: Path, tmp_path: Path, run_cli: CliRunner,
                                          golden: Callable[[str, str], None],
                                          read_back: Callable[[Path], str]) -> None:
    out = tmp_path / "by-doc.md"
    result = run_cli("--lang", "fr", "-p", annex, "export", "extracts", "--format", "md", "-o",
                     out, "--group-by", "document", "--context", "3", "--group-intro",
                     "question")
    assert result.code == 0, result.err
    golden("extracts_by_document_context.md.txt", read_back(out))


def test_group_by_attribute_orders_groups_and_puts_missing_last(annex: Path, tmp_path: Path,
                                                                run_cli: CliRunner) -> None:
    out = tmp_path / "by-attr.docx"
    result = run_cli("--lang", "fr", "-p", annex, "export", "extracts", "--format", "docx",
                     "-o", out, "--group-by", "attribute", "--attribute", "type_collectivite",
                     "--page-breaks")
    assert result.code == 0, result.err
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style is not None
                and p.style.name == "Heading 1"]
    assert headings == ["type_collectivite : commune", "type_collectivite : EPCI",
                        "type_collectivite : (sans valeur)"]
    breaks = sum("w:pageBreakBefore" in p._p.xml for p in doc.paragraphs)
    assert breaks == 2


def test_group_by_attribute_needs_a_known_attribute(annex: Path, tmp_path: Path,
                                                    run_cli: CliRunner) -> None:
    out = tmp_path / "x.md"
    result = run_cli("-p", annex, "export", "extracts", "--format", "md", "-o", out,
                     "--group-by", "attribute")
    assert result.code == 2 and "--attribute" in result.err
    result = run_cli("-p", annex, "export", "extracts", "--format", "md", "-o", out,
                     "--group-by", "attribute", "--attribute", "nope")
    assert result.code == 2 and "No attribute 'nope'" in result.err
    assert not out.exists()


def test_code_filter_and_where(annex: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "x.csv"
    result = run_cli("-p", annex, "export", "extracts", "--format", "csv", "-o", out,
                     "--code", "numérique responsable", "--where", "genre=homme")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["code"] for r in rows} == {"numérique responsable/sobriété",
                                         "numérique responsable/sobriété/consommation "
                                         "électrique"}
    assert {r["document"] for r in rows} == {"agent.txt"}


def test_spreadsheet_cells_never_run_as_formulas(annex: Path, tmp_path: Path,
                                                 run_cli: CliRunner) -> None:
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"x.{fmt}"
        assert run_cli("-p", annex, "export", "extracts", "--format", fmt, "-o", out).code == 0
        if fmt == "csv":
            cells = [c for row in csv.reader(out.open(encoding="utf-8")) for c in row]
        else:
            sheet = load_workbook(str(out)).active
            assert sheet is not None
            cells = [c.value for row in sheet.iter_rows() for c in row
                     if isinstance(c.value, str)]
            assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
        texts = [str(c) for c in cells]
        assert not [c for c in texts if c and c[0] in "=+-@"], texts
        assert any(c.startswith("'=SOMME") for c in texts)
        assert any(c.startswith("'-5 %") for c in texts)


def test_html_escapes_everything_it_shows(annex: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "x.html"
    assert run_cli("-p", annex, "export", "extracts", "--format", "html", "-o", out).code == 0
    html = out.read_text(encoding="utf-8")
    assert "<b>" not in html and "&lt;b&gt;Madame" in html
    assert "&lt;sobriété&gt; &amp; d&#x27;allongement" in html


def test_unknown_output_folder_is_one_sentence(annex: Path, tmp_path: Path,
                                               run_cli: CliRunner) -> None:
    result = run_cli("-p", annex, "export", "extracts", "--format", "docx", "-o",
                     tmp_path / "missing" / "x.docx")
    assert result.code == 2
    assert "does not exist" in result.err and "Traceback" not in result.err


def test_default_header_reads_like_the_report() -> None:
    attrs: dict[str, Any] = {"genre": "femme", "role": "élu·e", "type_collectivite": "commune",
                             "population": "2000-3500"}
    assert render(DEFAULT_TEMPLATE, attrs) == ("Entretien avec une élue, commune entre 2000 "
                                               "et 3500 habitants")
    attrs.update(genre="homme", role="agent·e", type_collectivite="EPCI", population="80000+")
    assert render(DEFAULT_TEMPLATE, attrs) == ("Entretien avec un agent, EPCI de plus de "
                                               "80\u00a0000 habitants")  # never cut in two


def test_header_degrades_gracefully_when_attributes_are_missing() -> None:
    assert render(DEFAULT_TEMPLATE, {"role": "élu·e"}) == "Entretien avec un·e élu·e"
    assert render(DEFAULT_TEMPLATE, {}, "doc.txt") == "Entretien avec une personne interrogée"
    assert render("{fonction} ({population:habitants}), {departement}",
                  {"fonction": "DSI"}) == "DSI"
    assert render("{document}", {}, "x.txt") == "x.txt"


def test_unknown_template_filter_is_refused(annex: Path, tmp_path: Path,
                                            run_cli: CliRunner) -> None:
    result = run_cli("-p", annex, "export", "extracts", "--format", "md", "-o",
                     tmp_path / "x.md", "--template", "{role:plural}")
    assert result.code == 2 and "unknown filter 'plural'" in result.err
