"""Every figure command as a user runs it: real files, opened and read back."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from defusedxml import ElementTree
from PIL import Image

from tests.conftest import CliRunner


def svg_text(path: Path) -> str:
    root = ElementTree.parse(path).getroot()
    return " ".join(t for t in root.itertext())


def test_cooc_map_png_and_svg(run_cli: CliRunner, figures_path: Path, tmp_path: Path) -> None:
    png, svg = tmp_path / "map.png", tmp_path / "map.svg"
    result = run_cli("--project", figures_path, "cooc", "--pivot", "numérique responsable",
                     "-o", png)
    assert result.code == 0, result.err
    with Image.open(png) as image:
        assert image.format == "PNG" and image.width >= 1800  # A4 width at 300 dpi
    assert run_cli("--lang", "fr", "--project", figures_path, "cooc", "--pivot",
                   "numérique responsable", "--top", "15", "-o", svg).code == 0
    text = svg_text(svg)
    # Only significant terms are drawn by default, and the title says so.
    assert "Termes et expressions significativement associés à « numérique responsable »" \
        in text
    assert "spécificité" in text and "p < 0,01" in text  # the caption names measure, threshold
    assert run_cli("--lang", "fr", "--project", figures_path, "cooc", "--pivot",
                   "numérique responsable", "--top", "30", "--all", "-o", svg).code == 0
    text = svg_text(svg)
    assert "Termes et expressions les plus associés à « numérique responsable »" in text
    assert "non significatif" in text  # the legend explains the hollow discs


def test_cooc_csv_is_ranked_by_score(run_cli: CliRunner, figures_path: Path,
                                     tmp_path: Path) -> None:
    out = tmp_path / "terms.csv"
    result = run_cli("--project", figures_path, "cooc", "--pivot", "numérique responsable",
                     "--top", "20", "--all", "-o", out)
    assert result.code == 0, result.err
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:4] == ["term", "cooccurrences", "frequency", "score"]
    assert rows[0][-1] == "significant"
    scores = [float(r[3]) for r in rows[1:]]
    assert len(scores) == 20 and scores == sorted(scores, reverse=True)
    assert [r[-1] == "True" for r in rows[1:]] == [s >= 2 for s in scores]
    # Without --all, only the terms at score 2 (p < 0.01) or more.
    assert run_cli("--project", figures_path, "cooc", "--pivot", "numérique responsable",
                   "--top", "20", "-o", out).code == 0
    kept = [float(r["score"]) for r in csv.DictReader(out.open(encoding="utf-8"))]
    assert kept == [s for s in scores if s >= 2]
    assert run_cli("--project", figures_path, "cooc", "--pivot", "numérique responsable",
                   "--min-score", "3", "-o", out).code == 0
    assert all(float(r["score"]) >= 3 for r in csv.DictReader(out.open(encoding="utf-8")))


def test_cooc_graphs_open_in_networkx(run_cli: CliRunner, figures_path: Path,
                                      tmp_path: Path) -> None:
    for suffix, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        out = tmp_path / f"terms.{suffix}"
        result = run_cli("--project", figures_path, "cooc", "--pivot", "numérique responsable",
                         "--top", "12", "--all", "-o", out)
        assert result.code == 0, result.err
        graph = reader(out)
        assert "numérique responsable" in graph
        assert graph.degree("numérique responsable") == 12


def test_cooc_by_code_and_where(run_cli: CliRunner, figures_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "code.csv"
    result = run_cli("--project", figures_path, "cooc", "--code", "sauvegardes",
                     "--min-freq", "2", "-o", out)
    assert result.code == 0, result.err
    terms = pd.read_csv(out)["term"].tolist()
    # The code's own word is no finding about it: left out, its neighbours kept.
    assert "sauvegarde" not in terms and {"serveur", "disque"} <= set(terms[:5])
    epci = tmp_path / "epci.png"
    assert run_cli("--project", figures_path, "cooc", "--pivot", "numérique",
                   "--where", "type_collectivite=EPCI", "-o", epci).code == 0


@pytest.mark.parametrize("args,message", [
    (["cooc", "--pivot", "numérique", "-o", "x.pdf"], "this command writes"),
    (["cooc", "--pivot", "photosynthèse", "-o", "x.png"], "occurs nowhere"),
    (["cooc", "--code", "astronomie", "-o", "x.png"], "No code"),
    (["cooc", "-o", "x.png"], "either --pivot"),
    (["cloud", "--where", "couleur=bleu", "-o", "x.png"], "No attribute"),
    (["map", "-o", "x.txt"], "this command writes"),
    (["stats", "--by", "couleur", "-o", "x.csv"], "No attribute"),
])
def test_mistakes_are_one_sentence(run_cli: CliRunner, figures_path: Path, tmp_path: Path,
                                   args: list[str], message: str) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    result = run_cli("--project", figures_path, *args)
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err
    assert not list(tmp_path.glob("x.*")) and not list(tmp_path.glob(".x.*"))


def test_cloud_is_deterministic(run_cli: CliRunner, figures_path: Path, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "nuage.png", tmp_path / "b" / "nuage.png"
    for out in (first, second):
        result = run_cli("--project", figures_path, "cloud", "--code", "numérique responsable",
                         "-o", out)
        assert result.code == 0, result.err
    assert first.read_bytes() == second.read_bytes()
    with Image.open(first) as image:
        assert image.format == "PNG"


def test_cloud_svg_keeps_accents_as_text(run_cli: CliRunner, figures_path: Path,
                                         tmp_path: Path) -> None:
    out = tmp_path / "cloud.svg"
    result = run_cli("--lang", "fr", "--project", figures_path, "cloud", "--colour-by-code",
                     "-o", out)
    assert result.code == 0, result.err
    text = svg_text(out)
    assert "Nuage de mots : corpus" in text
    assert "numérique" in text and "matériel" in text


def test_code_map(run_cli: CliRunner, figures_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "codes.svg"
    result = run_cli("--lang", "fr", "--project", figures_path, "map", "-o", out)
    assert result.code == 0, result.err
    text = svg_text(out)
    assert "Carte des codes" in text and "sauvegardes" in text
    assert "part du texte couverte" in text


def test_saturation_csv_and_png(run_cli: CliRunner, figures_path: Path, tmp_path: Path) -> None:
    table = tmp_path / "sat.csv"
    assert run_cli("--project", figures_path, "saturation", "-o", table).code == 0
    frame = pd.read_csv(table, keep_default_na=False)
    assert list(frame.columns[:7]) == ["order", "document", "label", "date", "codes",
                                       "new codes", "cumulative codes"]
    assert list(frame["label"][:2]) == ["I1", "I2"]
    dated = [d for d in frame["date"] if d]
    assert dated == sorted(dated)
    png = tmp_path / "sat.png"
    assert run_cli("--project", figures_path, "saturation", "-o", png).code == 0
    with Image.open(png) as image:
        assert image.format == "PNG"


def test_stats_xlsx_and_csv(run_cli: CliRunner, figures_path: Path, tmp_path: Path) -> None:
    book = tmp_path / "stats.xlsx"
    result = run_cli("--project", figures_path, "stats", "--by", "type_collectivite", "-o", book)
    assert result.code == 0, result.err
    sheets = pd.read_excel(book, sheet_name=None)
    assert set(sheets) == {"Frequencies", "By type_collectivite", "Codes × type_collectivite",
                           "Co-occurrences"}
    by = sheets["By type_collectivite"]
    assert set(by["type_collectivite"]) >= {"commune", "EPCI"}
    table = tmp_path / "stats.csv"
    assert run_cli("--project", figures_path, "stats", "-o", table).code == 0
    frame = pd.read_csv(table)
    assert list(frame.columns[:3]) == ["code", "theme", "codings"]
    matrix = tmp_path / "cooc.csv"
    assert run_cli("--project", figures_path, "stats", "--table", "cooccurrence",
                   "-o", matrix).code == 0
    square = pd.read_csv(matrix, index_col=0)
    assert square.shape[0] == square.shape[1]
