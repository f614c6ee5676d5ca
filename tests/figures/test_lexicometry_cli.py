"""Specificities, correspondence analysis and Reinert's CHD as a user runs them on the demo:
real files read back, numbers that hold together, labels that do not collide, classes
turned into candidate codes and reviewed, undone."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from tests.conftest import CliRunner
from verbatims.analysis.ca import terms_ca
from verbatims.analysis.chd import reinert_classes
from verbatims.export.figures import caplane
from verbatims.export.figures.repel import overlaps
from verbatims.store import Project
from verbatims.store import suggestions as sg


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_specificities_of_communes_and_epci(run_cli: CliRunner, parsed_path: Path,
                                            tmp_path: Path) -> None:
    out = tmp_path / "spec.csv"
    done = run_cli("--project", parsed_path, "specificities", "--by", "type_collectivite",
                   "-o", out)
    assert done.code == 0, done.err
    table = pd.read_csv(out)
    assert list(table.columns)[:6] == ["term", "value", "frequency", "score", "expected",
                                       "p_value"]
    assert set(table["value"]) == {"commune", "EPCI"}
    wide = table.pivot(index="term", columns="value", values="score")
    # two parts: a term over-used in one is under-used in the other
    assert ((np.sign(wide["commune"]) * np.sign(wide["EPCI"])) <= 0).all()
    totals = table.groupby("term")["frequency"].sum()
    assert (totals == table.groupby("term")["total"].first()).all()
    sizes = table.groupby("value")["frequency"].sum()
    grand = sizes.sum()
    row = table.iloc[0]
    assert row["expected"] == pytest.approx(row["total"] * sizes[row["value"]] / grand,
                                            abs=1e-3)
    assert (table["score"] >= 2).any()  # the demo's authorities do not speak alike
    png = tmp_path / "spec.png"
    assert run_cli("--project", parsed_path, "specificities", "--by", "type_collectivite",
                   "-o", png).code == 0
    with Image.open(png) as image:
        assert image.width >= 1800


def test_specificities_by_a_value_alone_or_an_unknown_attribute_are_one_sentence(
        run_cli: CliRunner, parsed_path: Path, tmp_path: Path) -> None:
    done = run_cli("--project", parsed_path, "specificities", "--by", "typ", "-o",
                   tmp_path / "x.csv")
    assert done.code == 2 and "No attribute 'typ'" in done.err
    done = run_cli("--project", parsed_path, "specificities", "--by", "type_collectivite",
                   "--where", "type_collectivite=EPCI", "-o", tmp_path / "x.csv")
    assert done.code == 2 and "one value only" in done.err
    assert not (tmp_path / "x.csv").exists()


def test_correspondence_analysis_by_authority_and_role(run_cli: CliRunner,
                                                       parsed_path: Path,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "ca.csv"
    done = run_cli("--project", parsed_path, "ca", "--by", "type_collectivite,role", "-o", out)
    assert done.code == 0, done.err
    table = pd.read_csv(out)
    assert list(table.columns)[:6] == ["kind", "name", "dim1", "dim2", "contrib1", "contrib2"]
    values = table[table["kind"] == "value"]
    assert len(values) == 4 and values["contrib1"].sum() == pytest.approx(1, abs=1e-4)
    terms = table[table["kind"] == "term"]
    assert terms["contrib1"].sum() == pytest.approx(1, abs=1e-4)
    inertia = tmp_path / "inertia.csv"
    assert run_cli("--project", parsed_path, "ca", "--by", "type_collectivite,role",
                   "--table", "inertia", "-o", inertia).code == 0
    shares = pd.read_csv(inertia)["share"]
    assert len(shares) == 3 and shares.sum() == pytest.approx(1, abs=1e-4)
    assert list(shares) == sorted(shares, reverse=True)
    assert "%" in done.err  # the message gives the inertia of the factors


def test_the_factor_plane_has_no_colliding_labels(parsed: Project) -> None:
    for by in (["type_collectivite", "role"], ["type_collectivite"]):
        found = terms_ca(parsed, by)
        fig, labels = caplane.plane(found, "t", "c", top=40)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        boxes = []
        for text in labels:
            patch = text.get_bbox_patch()
            box = patch.get_window_extent(renderer) if patch is not None else \
                text.get_window_extent(renderer)
            boxes.append(((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2,
                          box.width / 2, box.height / 2))
        arr = np.array(boxes)
        assert overlaps(arr[:, :2], arr[:, 2:]) == 0, by
        axes = fig.axes[0].get_window_extent()
        assert (arr[:, 0] - arr[:, 2] >= axes.x0 - 1).all()
        assert (arr[:, 0] + arr[:, 2] <= axes.x1 + 1).all()


def test_chd_segments_and_profiles(run_cli: CliRunner, parsed_path: Path,
                                   tmp_path: Path) -> None:
    out = tmp_path / "chd.csv"
    done = run_cli("--project", parsed_path, "chd", "-o", out)
    assert done.code == 0, done.err
    segments = pd.read_csv(out)
    assert list(segments.columns)[:4] == ["document", "start", "end", "class"]
    assert (segments["start"] < segments["end"]).all()
    assert set(segments["class"]) - {0} and 0 <= segments["class"].min()
    assert segments["words"].between(1, 80).all()
    project = Project.open(str(parsed_path))
    try:
        names = {d.name: d.id for d in project.documents()}
        for row in segments.head(40).itertuples(index=False):
            doc = names[row.document]
            text = project.text(doc)
            assert " ".join(text[row.start:row.end].split()) == row.text
            turn = next(t for t in project.turns(doc) if t.start <= row.start < t.end)
            assert turn.role == "respondent"  # the interviewer's questions are not classed
    finally:
        project.close()
    profiles = tmp_path / "profiles.csv"
    assert run_cli("--project", parsed_path, "chd", "--table", "profiles", "-o",
                   profiles).code == 0
    table = pd.read_csv(profiles)
    assert list(table.columns) == ["class", "term", "chi2", "frequency", "total", "percent",
                                   "p_value"]
    top = table[table["chi2"] > 0].groupby("class").head(1)
    assert (top["chi2"] > 3.84).all() and (top["frequency"] <= top["total"]).all()
    png = tmp_path / "chd.png"
    assert run_cli("--project", parsed_path, "chd", "--method", "simple", "-o", png).code == 0
    with Image.open(png) as image:
        assert image.width >= 1800


def test_chd_classes_become_candidate_codes_to_review_and_undo(run_cli: CliRunner,
                                                               parsed_path: Path) -> None:
    done = run_cli("--project", parsed_path, "chd", "--method", "simple", "--to-codes")
    assert done.code == 0, done.err
    project = Project.open(str(parsed_path))
    try:
        parent = project.code("CHD classes")
        classes = [c for c in project.codes() if c.parent_id == parent.id]
        assert len(classes) >= 3
        assert all(c.name.startswith("Class ") and ":" in c.name for c in classes)
        pending = sg.pending(project, "CHD classes")
        assert pending and {s.unit for s in pending} == {"segment"}
        assert {s.source for s in pending} == {"chd"}  # said apart from keywords, learning
        first = pending[0]
        text = project.text(first.document_id)
        assert first.start <= first.match_start < first.match_end <= first.end
        assert text[first.match_start:first.match_end] == first.matched
        coding = sg.accept(project, first.id, "ana")
        assert (coding.start, coding.end) == (first.start, first.end)
        res = reinert_classes(project, method="simple")
        assert len(pending) == res.classed
    finally:
        project.close()
    # the acceptance (ana's step), then the proposal (the command's coder's)
    assert run_cli("--project", parsed_path, "undo", "--coder", "ana").code == 0
    assert run_cli("--project", parsed_path, "undo").code == 0
    project = Project.open(str(parsed_path))
    try:
        assert not [c for c in project.codes() if c.name.startswith("CHD")]
        assert not sg.suggestions(project, None)
    finally:
        project.close()


def test_chd_without_output_or_codes_says_what_to_do(run_cli: CliRunner,
                                                     parsed_path: Path) -> None:
    done = run_cli("--project", parsed_path, "chd")
    assert done.code == 2 and "-o FILE" in done.err and "--to-codes" in done.err


def test_the_three_analyses_write_workbooks_read_back(run_cli: CliRunner, parsed_path: Path,
                                                      tmp_path: Path) -> None:
    from openpyxl import load_workbook

    runs = {
        "spec.xlsx": ["specificities", "--by", "type_collectivite"],
        "ca.xlsx": ["ca", "--by", "type_collectivite,role"],
        "chd.xlsx": ["chd", "--method", "simple"],
    }
    books = {}
    for name, args in runs.items():
        done = run_cli("--project", parsed_path, *args, "-o", tmp_path / name)
        assert done.code == 0, done.err
        books[name] = load_workbook(tmp_path / name, read_only=True)
    spec = books["spec.xlsx"]
    assert len(spec.sheetnames) == 3
    head = next(spec.worksheets[0].iter_rows(max_row=1, values_only=True))
    assert list(head)[:4] == ["term", "value", "frequency", "score"]
    csv_out = tmp_path / "spec.csv"
    run_cli("--project", parsed_path, *runs["spec.xlsx"], "-o", csv_out)
    in_csv = pd.read_csv(csv_out)
    cells = list(spec.worksheets[0].iter_rows(min_row=2, max_row=2, values_only=True))[0]
    assert cells[0] == in_csv["term"][0] and cells[3] == pytest.approx(in_csv["score"][0])
    ca = books["ca.xlsx"]
    coords = list(ca.worksheets[0].iter_rows(values_only=True))
    assert list(coords[0])[:6] == ["kind", "name", "dim1", "dim2", "contrib1", "contrib2"]
    assert sum(1 for row in coords[1:] if row[0] == "value") == 4
    chd = books["chd.xlsx"]
    assert len(chd.sheetnames) == 3
    classes = list(chd.worksheets[2].iter_rows(values_only=True))
    assert len(classes) >= 4 and all(row[3] for row in classes[1:])  # each class's terms
    for book in books.values():
        assert book.properties.title  # the provenance stamped in the workbook
        book.close()
