"""Figures and tables as they print: no overlapping words, grey levels that tell themes apart,
one scale on the saturation curve, a size legend on the code map, safe and French tables,
and the provenance written into every file."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
from defusedxml import ElementTree
from openpyxl import load_workbook
from PIL import Image

from tests.conftest import CliRunner
from verbatims.analysis.terms import Frequencies
from verbatims.export.figures import cloud
from verbatims.store import Project


def svg_text(path: Path) -> str:
    return " ".join(t for t in ElementTree.parse(path).getroot().itertext())


def _frequencies(n: int) -> Frequencies:
    words = [f"terme{i:03d}" if i % 7 else f"expression longue {i}" for i in range(n)]
    table = pd.DataFrame({"term": words, "key": words,
                          "frequency": [max(1, 400 // (i + 1)) for i in range(n)]})
    themes = ["équipement", "cybersécurité", "mutualisation", "numérique responsable"]
    return Frequencies(table, 100, 9, "corpus",
                       {w: themes[i % 4] for i, w in enumerate(words) if i % 5})


def test_cloud_words_never_overlap() -> None:
    placed = cloud.layout(_frequencies(160))
    assert len(placed) >= 150  # nearly every word finds a place
    for a, b in itertools.combinations(placed, 2):
        ax0, ay0, ax1, ay1 = a.box
        bx0, by0, bx1, by1 = b.box
        apart = ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0
        assert apart, (a.word, b.word)
    for w in placed:  # inside the canvas
        x0, y0, x1, y1 = w.box
        assert 0 <= x0 and x1 <= cloud.WIDTH and 0 <= y0 and y1 <= cloud.HEIGHT
    sizes = {w.word: w.size for w in placed}
    assert sizes["terme001"] > sizes["terme100"]  # bigger when more frequent


def test_theme_colours_stay_apart_in_grayscale() -> None:
    # Codebook colours two of which are the same grey once printed.
    colours = {"équipement": "#e6c700", "cybersécurité": "#1f77b4", "mutualisation": "#2ca02c",
               "numérique responsable": "#17becf"}
    palette = cloud.theme_palette(list(colours), colours)
    greys = sorted(cloud.luminance(c) for c in palette.values())
    assert all(b - a >= 0.08 for a, b in zip(greys, greys[1:], strict=False)), greys
    assert max(greys) <= 0.4  # dark enough to read on white paper
    assert cloud.luminance(cloud.UNCODED) > max(greys)  # words of no theme: lightest
    # Each theme keeps its hue: yellow stays the warmest.
    r, g, b = (int(palette["équipement"][i:i + 2], 16) for i in (1, 3, 5))
    assert r > b


def test_cloud_files_carry_their_provenance(run_cli: CliRunner, figures_path: Path,
                                            tmp_path: Path) -> None:
    png, svg = tmp_path / "nuage.png", tmp_path / "nuage.svg"
    for out in (png, svg):
        result = run_cli("--project", figures_path, "cloud", "--colour-by-code", "-o", out)
        assert result.code == 0, result.err
    with Image.open(png) as image:
        assert image.info["verbatims-command"] == ("verbatims cloud --colour-by-code -o "
                                                   "nuage.png")
        assert len(image.info["verbatims-corpus"]) == 64
        assert "Creation Time" in image.info
    text = svg_text(svg)
    assert "verbatims cloud --colour-by-code -o nuage.svg" in text
    assert "Corpus digest:" in text and "Codings digest:" in text


def test_saturation_one_scale_short_labels_and_autocoding(run_cli: CliRunner,
                                                          figures_path: Path,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "sat.svg"
    result = run_cli("--project", figures_path, "saturation", "-o", out)
    assert result.code == 0, result.err
    root = ElementTree.parse(out).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    axes = [g for g in root.iter(f"{ns}g") if (g.get("id") or "").startswith("axes_")]
    assert len(axes) == 1  # one y scale, not a twin axis
    text = svg_text(out)
    assert "I1" in text and "I9" in text and ".txt" not in text
    assert "Interviews, in the order they were held (attribute date)" in text
    assert "auto-coding" not in text  # the fixture's codings were made by hand
    # Accept auto-coding suggestions: the caption says how many codings came from them.
    accepted = run_cli("--project", figures_path, "autocode", "--code", "sensibilisation",
                       "--accept")
    assert accepted.code == 0 and "Accepted" in accepted.out, accepted.out
    again = tmp_path / "sat2.svg"
    assert run_cli("--project", figures_path, "saturation", "-o", again, "--label",
                   "collectivite").code == 0
    text = svg_text(again)
    assert "auto-coding suggestions accepted as they were" in text
    assert "Commune A" in text


def test_code_map_has_a_size_legend(run_cli: CliRunner, figures_path: Path,
                                    tmp_path: Path) -> None:
    out = tmp_path / "codes.svg"
    assert run_cli("--project", figures_path, "map", "-o", out).code == 0
    text = svg_text(out)
    assert "codings of the code (bubble area)" in text
    assert "grey frames: a sub-theme with its codes" in text


def test_stats_are_french_percent_and_never_formulas(run_cli: CliRunner, figures_path: Path,
                                                     tmp_path: Path) -> None:
    project = Project.open(str(figures_path))
    doc = project.documents()[0]
    formula = project.add_code('=HYPERLINK("http://x","clic")', None)
    project.add_coding(doc.id, 0, 40, formula.id, "test")
    project.close()
    out = tmp_path / "tableaux.xlsx"
    result = run_cli("--lang", "fr", "--project", figures_path, "stats", "--by",
                     "type_collectivite", "-o", out)
    assert result.code == 0, result.err
    book = load_workbook(str(out))
    assert book.sheetnames == ["Fréquences", "Par type_collectivite",
                               "Codes × type_collectivite", "Cooccurrences"]
    freq = book["Fréquences"]
    assert [c.value for c in freq[1]] == ["code", "thème", "codages", "documents",
                                          "caractères codés", "couverture (%)"]
    assert freq.freeze_panes == "A2" and all(c.font.bold for c in freq[1])
    coverage = [row[5] for row in freq.iter_rows(min_row=2) if row[5].value]
    assert coverage and all(c.number_format == "0.0%" for c in coverage)
    assert all(isinstance(c.value, float) and 0 < c.value < 1 for c in coverage)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    texts = [str(c.value) for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if t[0] in "=+-@"]
    assert any(t.startswith("'=HYPERLINK") for t in texts)
    cross = book["Codes × type_collectivite"]
    heads = [c.value for c in cross[1]]
    assert heads[0] == "code" and heads[-1].startswith("total (n = ")
    assert any(str(h).startswith("EPCI (n = ") for h in heads)
    csv_out = tmp_path / "croise.csv"
    assert run_cli("--project", figures_path, "stats", "--by", "type_collectivite",
                   "--table", "crosstab", "-o", csv_out).code == 0
    frame = pd.read_csv(csv_out)
    assert list(frame.columns)[-1] == "total"
    assert frame["code"].astype(str).str.startswith("'=HYPERLINK").any()
