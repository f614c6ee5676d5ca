"""REFI-QDA exports validate against the official schemas and round-trip unchanged."""

from __future__ import annotations

import zipfile
from collections.abc import Collection
from pathlib import Path

import xmlschema

from tests.conftest import CliRunner
from verbatims.store import Project

SCHEMAS = Path(__file__).resolve().parent / "schemas"  # the public REFI-QDA standard


def snapshot(location: Path) -> dict[str, Collection[object]]:
    """What a researcher would compare between two projects."""
    project = Project.open(str(location))
    names = {d.id: d.name for d in project.documents()}
    path = project.code_path
    out: dict[str, Collection[object]] = {
        "documents": [(d.name, project.text(d.id)) for d in project.documents()],
        "turns": [[(t.start, t.end, t.speaker, t.role) for t in project.turns(d.id)]
                  for d in project.documents()],
        "attributes": {names[k]: v for k, v in project.attributes().items()},
        "imported": [d.imported_at for d in project.documents()],
        "codes": [(path(c.id), c.color, c.definition, c.include, c.exclude, c.keywords,
                   c.patterns, c.examples, c.codable) for c in project.codes()],
        "codebook": [project.get_meta("codebook_name"),
                     project.get_meta("codebook_description")],
        "codings": sorted((names[c.document_id], c.start, c.end, path(c.code_id), c.coder,
                           c.created_at, c.memo, c.selected_by) for c in project.codings()),
        "annotations": sorted((names[a.document_id], a.start, a.end, a.text, a.author,
                               a.created_at) for a in project.annotations()),
        "memos": sorted((m.kind, names.get(m.target_id or 0) if m.kind == "document"
                         else path(m.target_id) if m.kind == "code" and m.target_id
                         else None,
                         m.text, m.author, m.updated_at) for m in project.memos()),
    }
    project.close()
    return out


def test_qdpx_validates_against_the_project_schema(coded: Path, tmp_path: Path,
                                                   run_cli: CliRunner) -> None:
    out = tmp_path / "projet.qdpx"
    result = run_cli("-p", coded, "export", "qdpx", "-o", out)
    assert result.code == 0, result.err
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        qde = zf.read("project.qde")
        sources = [n for n in names if n not in ("project.qde", "verbatims.json")]
        assert "verbatims.json" in names  # turns and summaries (refi/companion.py)
        assert all(n.startswith("sources/") and n.endswith(".txt") for n in sources)
        project = Project.open(str(coded))
        assert len(sources) == len(project.documents()) == 9  # one text per interview
        project.close()
        for name in sources:
            data = zf.read(name)
            assert not data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data
    xmlschema.XMLSchema(str(SCHEMAS / "Project.xsd")).validate(qde.decode("utf-8"))


def test_qdpx_round_trip_gives_the_same_project(coded: Path, tmp_path: Path,
                                                run_cli: CliRunner) -> None:
    out = tmp_path / "projet.qdpx"
    assert run_cli("-p", coded, "export", "qdpx", "-o", out).code == 0
    copy = tmp_path / "copie.sqlite"
    result = run_cli("-p", copy, "import-qdpx", out)
    assert result.code == 0, result.err
    assert "Created" in result.out
    before, after = snapshot(coded), snapshot(copy)
    for key in before:
        assert after[key] == before[key], key
    assert len(before["codings"]) > 20 and len(before["memos"]) == 3


def test_export_is_reproducible(coded: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    first, second = tmp_path / "a.qdpx", tmp_path / "b.qdpx"
    assert run_cli("-p", coded, "export", "qdpx", "-o", first).code == 0
    assert run_cli("-p", coded, "export", "qdpx", "-o", second).code == 0
    assert first.read_bytes() == second.read_bytes()


def test_qdc_validates_and_round_trips_the_codebook(coded: Path, tmp_path: Path,
                                                   run_cli: CliRunner) -> None:
    out = tmp_path / "codebook.qdc"
    result = run_cli("-p", coded, "codebook", "export", out)
    assert result.code == 0, result.err
    xmlschema.XMLSchema(str(SCHEMAS / "Codebook.xsd")).validate(out.read_text(encoding="utf-8"))
    fresh = tmp_path / "fresh.sqlite"
    assert run_cli("-p", fresh, "init").code == 0
    result = run_cli("-p", fresh, "codebook", "import", out)
    assert result.code == 0, result.err
    assert "36 codes added" in result.out
    assert snapshot(fresh)["codes"] == snapshot(coded)["codes"]


def test_qdpx_needs_its_extension(coded: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    result = run_cli("-p", coded, "export", "qdpx", "-o", tmp_path / "x.zip")
    assert result.code == 2 and ".qdpx" in result.err
