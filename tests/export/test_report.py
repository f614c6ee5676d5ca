"""`verbatims report RECIPE.yaml`: a report's outputs rebuilt at once, the same bytes for an
unchanged project, and an account of what changed since the last build."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import CliRunner

RECIPE = """\
# The outputs of a small report
project: annex.sqlite
folder: rapport
lang: fr
outputs:
  annexe2.docx: export extracts --code "numérique responsable" --group-by document
  annexe2.odt: export extracts --code "numérique responsable" --group-by document
  annexe2.md: export extracts
  annexe1.xlsx: export grid --counts
  annexe1.docx: export grid --code prestataires
  tableaux.xlsx: stats --by type_collectivite
  codes.svg: map
  saturation.png: saturation
"""


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def recipe(annex: Path) -> Path:
    path = annex.parent / "rapport.yaml"
    path.write_text(RECIPE, encoding="utf-8")
    return path


def test_a_report_rebuilds_identically_and_says_what_changed(recipe: Path, annex: Path,
                                                             run_cli: CliRunner) -> None:
    first = run_cli("report", recipe)
    assert first.code == 0, first.err
    folder = annex.parent / "rapport"
    assert first.out.count("nouveau") == 8 and "8 des 8 sorties" in first.out
    before = _digests(folder)
    assert set(before) == {"annexe2.docx", "annexe2.odt", "annexe2.md", "annexe1.xlsx",
                           "annexe1.docx", "tableaux.xlsx", "codes.svg", "saturation.png",
                           "verbatims-report.json"}
    assert not list(folder.glob(".*"))  # no staging left behind
    again = run_cli("report", recipe)
    assert again.code == 0, again.err
    assert "toutes inchangées" in again.out
    assert _digests(folder) == before  # byte for byte, zip members and images included
    # The outputs carry their command, verbatims' version and the project's digests.
    manifest = json.loads((folder / "verbatims-report.json").read_text(encoding="utf-8"))
    assert manifest["outputs"]["codes.svg"]["command"] == "verbatims map -o codes.svg"
    with Image.open(folder / "saturation.png") as image:
        assert image.info["verbatims-command"] == "verbatims saturation -o saturation.png"
        assert image.info["verbatims-codings"] == manifest["codings"]
    with zipfile.ZipFile(folder / "annexe1.xlsx") as book:
        assert manifest["corpus"] in book.read("docProps/core.xml").decode()
    assert manifest["corpus"] in (folder / "codes.svg").read_text(encoding="utf-8")
    # A new coding of "consommation électrique": what shows it changes, the rest only
    # takes the new provenance.
    assert run_cli("-p", annex, "code", "agent.txt", "0", "20", "consommation électrique").code == 0
    third = run_cli("report", recipe)
    assert third.code == 0, third.err
    states = dict(line.split(None, 1) for line in third.out.splitlines()
                  if line.startswith("  "))
    assert states["annexe2.docx"] == "modifié" and states["codes.svg"] == "modifié"
    assert states["annexe1.docx"] == "même contenu (provenance mise à jour)"
    assert "ont changé : les codages" in third.out


def test_check_replaces_nothing_and_fails_when_outputs_would_change(
        recipe: Path, annex: Path, run_cli: CliRunner) -> None:
    assert run_cli("report", recipe).code == 0
    folder = annex.parent / "rapport"
    before = _digests(folder)
    assert run_cli("report", recipe, "--check").code == 0
    assert run_cli("-p", annex, "code", "elue.txt", "0", "20", "sobriété").code == 0
    result = run_cli("report", recipe, "--check")
    assert result.code == 1 and "changeraient" in result.out
    assert _digests(folder) == before


def test_a_failing_output_changes_nothing_and_names_itself(recipe: Path, annex: Path,
                                                           run_cli: CliRunner) -> None:
    assert run_cli("report", recipe).code == 0
    folder = annex.parent / "rapport"
    before = _digests(folder)
    recipe.write_text(RECIPE + "  cooc.png: map --where couleur=bleu\n", encoding="utf-8")
    result = run_cli("--lang", "en", "report", recipe)
    assert result.code == 2
    assert "cooc.png (`verbatims map --where couleur=bleu -o cooc.png`)" in result.err
    # The recipe asks for French: its commands speak French.
    assert "Aucun attribut 'couleur'" in result.err and "Traceback" not in result.err
    assert _digests(folder) == before and not list(folder.glob(".*"))


@pytest.mark.parametrize("text,message", [
    ("outputs:\n  a.png: map\ncolour: red\n", "unknown key 'colour'"),
    ("outputs: {}\n", "no `outputs:`"),
    ("outputs:\n  a.png: map -o b.png\n", "gives -o"),
    ("outputs:\n  a.png: map --project x.sqlite\n", "gives --project"),
    ("outputs:\n  ../a.png: map\n", "plain file name"),
    ("outputs:\n  a.txt: codes\n", "writes no file"),
    ("outputs:\n  a.txt: nonsense\n", "not a command"),
    ("outputs:\n  a.png: 'map\n", "not valid YAML"),
    ("lang: de\noutputs:\n  a.png: map\n", "the language is one of fr, en"),
])
def test_a_wrong_recipe_is_one_sentence(text: str, message: str, annex: Path,
                                        run_cli: CliRunner) -> None:
    recipe = annex.parent / "bad.yaml"
    recipe.write_text(text, encoding="utf-8")
    result = run_cli("--lang", "en", "-p", annex, "report", recipe)
    assert result.code == 2 and message in result.err, result.err
    assert "Traceback" not in result.err
    assert not (annex.parent / "bad").exists()
