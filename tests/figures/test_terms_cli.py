"""terms, kwic, expressions suggest and similitude as a user runs them: real files, read
back (CSV, HTML, DOCX, PNG, SVG, GEXF)."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pandas as pd
from defusedxml import ElementTree
from docx import Document
from PIL import Image

from tests.conftest import CliRunner


def test_terms_shows_why_each_word_counts(run_cli: CliRunner, figures_path: Path,
                                          tmp_path: Path) -> None:
    result = run_cli("--project", figures_path, "terms", "06-elu-commune-2000-3500")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert any("5G" in line and line.startswith("+") for line in lines)  # a term, counted
    assert any("euh" in line.lower() and "stop word" in line for line in lines)
    assert "count as terms" in lines[-1]
    out = tmp_path / "terms.csv"
    assert run_cli("--project", figures_path, "terms", "--code", "numérique responsable",
                   "--format", "csv", "-o", out).code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and set(rows[0]) == {"document", "start", "end", "written", "term",
                                     "counted", "why"}
    own = [r for r in rows if r["term"] == "numérique responsable"]
    assert own and all(r["counted"] == "False" and "code" in r["why"] for r in own)


def test_kwic_finds_inflections_and_writes_every_format(run_cli: CliRunner,
                                                        figures_path: Path,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "kwic.csv"
    result = run_cli("--project", figures_path, "kwic", "pièce jointe", "--width", "30",
                     "-o", out)
    assert result.code == 0, result.err
    table = pd.read_csv(out)
    assert list(table.columns) == ["document", "start", "end", "left", "match", "right"]
    assert {"pièce jointe", "pièces jointes"} <= set(table["match"].str.lower())
    assert (table["left"].str.len() <= 30).all()
    from verbatims.store import Project

    project = Project.open(str(figures_path))
    for row in table.itertuples(index=False):  # the offsets are those of the stored text
        text = project.text(project.document(row.document).id)
        assert " ".join(text[row.start:row.end].split()) == row.match
    project.close()
    html = tmp_path / "kwic.html"
    assert run_cli("--project", figures_path, "kwic", "réemploi", "-o", html).code == 0
    assert "<mark>réemploi</mark>" in html.read_text(encoding="utf-8")
    docx = tmp_path / "kwic.docx"
    assert run_cli("--project", figures_path, "kwic", "5G", "-o", docx).code == 0
    cells = [c.text for row in Document(str(docx)).tables[0].rows for c in row.cells]
    assert "5G" in cells
    assert run_cli("--project", figures_path, "kwic", "   ", "-o", out).code == 2
    assert run_cli("--project", figures_path, "kwic", "réemploi", "-o",
                   tmp_path / "k.pdf").code == 2


def test_repeated_segments_are_suggested_and_count_once_accepted(
        run_cli: CliRunner, figures_path: Path, tmp_path: Path) -> None:
    result = run_cli("--project", figures_path, "expressions", "suggest", "--min-count", "2")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert any("pièces jointes" in line or "pièce jointe" in line for line in lines)
    rank = next(i for i, line in enumerate(lines, 1) if "peur de perdre" in line
                and "counted" not in line)
    assert run_cli("--project", figures_path, "expressions", "suggest", "--min-count", "2",
                   "--accept", str(rank)).code == 0
    listed = run_cli("--project", figures_path, "expressions", "list")
    assert "peur de perdre" in listed.out
    out = tmp_path / "cloud.csv"
    again = run_cli("--project", figures_path, "expressions", "suggest", "--min-count", "2")
    assert any("peur de perdre" in line and "counted" in line for line in again.out.splitlines())
    assert run_cli("--project", figures_path, "expressions", "suggest", "--accept",
                   "999").code == 2
    del out


def test_similitude_graph_in_every_format(run_cli: CliRunner, figures_path: Path,
                                          tmp_path: Path) -> None:
    png = tmp_path / "simi.png"
    result = run_cli("--project", figures_path, "similitude", "--code",
                     "numérique responsable", "--values", "-o", png)
    assert result.code == 0, result.err
    with Image.open(png) as image:
        assert image.format == "PNG" and image.width >= 1800
    svg = tmp_path / "simi.svg"
    assert run_cli("--lang", "fr", "--project", figures_path, "similitude", "--top", "20",
                   "-o", svg).code == 0
    text = " ".join(ElementTree.parse(svg).getroot().itertext())
    assert "Graphe de similitude du corpus" in text and "Fruchterman" in text
    gexf = tmp_path / "simi.gexf"
    assert run_cli("--project", figures_path, "similitude", "--top", "20", "-o",
                   gexf).code == 0
    graph = nx.read_gexf(gexf)
    assert 10 <= graph.number_of_nodes() <= 20
    assert nx.is_forest(graph)  # a maximum spanning tree, no cycle
    assert all("community" in data for _n, data in graph.nodes(data=True))
    edges = tmp_path / "simi.csv"
    assert run_cli("--project", figures_path, "similitude", "--index", "jaccard", "-o",
                   edges).code == 0
    table = pd.read_csv(edges)
    assert list(table.columns) == ["source", "target", "weight", "cooccurrences"]
    assert ((table["weight"] > 0) & (table["weight"] <= 1)).all()
    assert run_cli("--project", figures_path, "similitude", "--index", "dice", "-o",
                   edges).code == 2
    assert run_cli("--project", figures_path, "similitude", "--pivot", "photosynthèse", "-o",
                   edges).code == 2
