"""Projects and codebooks as NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette write them
(tests/refi/tools.py): what a researcher finds after importing each, and that it goes
back out as a valid .qdpx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xmlschema

from tests.conftest import CliRunner
from tests.hostile import fingerprint
from tests.refi.test_refi_export import snapshot
from tests.refi.tools import CODEBOOKS, PROJECTS, REPAIR, TEXT, position
from verbatims.store import Project

SCHEMAS = Path(__file__).resolve().parent / "schemas"


@pytest.fixture(scope="module")
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "Project.xsd"))


@pytest.mark.parametrize("tool", list(PROJECTS))
def test_each_tools_project_imports_as_the_researcher_left_it(
        tool: str, tmp_path: Path, run_cli: CliRunner,
        project_schema: xmlschema.XMLSchema) -> None:
    sample = PROJECTS[tool]()
    target = tmp_path / "etude.sqlite"
    result = run_cli("-p", target, "import-qdpx", sample.write(tmp_path))
    assert result.code == 0, result.err
    project = Project.open(str(target))
    path = project.code_path
    assert sorted(path(c.id) for c in project.codes()) == sorted(sample.codes)
    docs = project.documents()
    if sample.document is None:
        assert docs == []
    else:
        assert [d.name for d in docs] == [sample.document]
        text = project.text(docs[0].id)
        assert text == TEXT  # BOM gone, CRLF as LF, emoji kept
        assert [t.speaker for t in project.turns(docs[0].id)] == ["Enquêtrice", "Élue", "Élue"]
        assert project.attributes().get(docs[0].id, {}) == sample.attributes
    codings = project.codings()
    assert sorted((path(c.code_id), project.text(c.document_id)[c.start:c.end], c.coder)
                  for c in codings) == sample.codings
    assert sorted(c.memo for c in codings if c.memo) == sorted(sample.coding_memos)
    assert sorted((m.kind, m.text) for m in project.memos()) == sample.memos
    assert sorted((project.text(a.document_id)[a.start:a.end], a.text, a.author)
                  for a in project.annotations()) == sample.annotations
    assert sorted(path(c.id) for c in project.codes() if not c.codable) == sample.folders
    assert sorted((project.text(c.document_id)[c.start:c.end], c.coder, c.selected_by)
                  for c in codings if c.selected_by) == sample.selected_by
    if sample.imported_at:
        assert docs[0].imported_at == sample.imported_at
    before = snapshot(target)
    project.close()

    out = tmp_path / "retour.qdpx"
    assert run_cli("-p", target, "export", "qdpx", "-o", out).code == 0
    with zipfile.ZipFile(out) as zf:
        project_schema.validate(zf.read("project.qde").decode("utf-8"))
    again = tmp_path / "retour.sqlite"  # what went out comes back, in a new project
    assert run_cli("-p", again, "import-qdpx", out).code == 0
    assert snapshot(again) == before
    fingerprint_before = fingerprint(target)  # and into itself, it changes nothing
    result = run_cli("-p", target, "import-qdpx", out)
    assert result.code == 0, result.err
    assert "Nothing to import" in result.out
    assert fingerprint(target) == fingerprint_before


def test_the_samples_count_positions_differently() -> None:
    """The samples are hard: read with the wrong convention, the selections would drift."""
    raw = TEXT.replace("\n", "\r\n")
    nvivo, _ = position(raw, REPAIR, utf16=True, crlf_as_one=False)
    atlas, _ = position(raw, REPAIR, utf16=False, crlf_as_one=True)
    assert nvivo == TEXT.index(REPAIR) + 2  # the emoji and the CR before it count one more
    assert raw.index(REPAIR) == atlas + 1  # the CR that ATLAS.ti does not count


@pytest.mark.parametrize("tool", list(CODEBOOKS))
def test_each_tools_codebook_imports(tool: str, tmp_path: Path, run_cli: CliRunner) -> None:
    xml, expected = CODEBOOKS[tool]
    qdc = tmp_path / f"{tool}.qdc"
    qdc.write_text(xml, encoding="utf-8")
    target = tmp_path / "p.sqlite"
    assert run_cli("-p", target, "init").code == 0
    result = run_cli("-p", target, "codebook", "import", qdc)
    assert result.code == 0, result.err
    assert f"{len(expected)} codes added" in result.out
    project = Project.open(str(target))
    assert sorted(project.code_path(c.id) for c in project.codes()) == sorted(expected)
    project.close()


def test_annotations_are_listed_and_exported_with_the_memos(tmp_path: Path,
                                                            run_cli: CliRunner) -> None:
    """What MAXQDA keeps as a memo on a segment is where the researcher looks for memos."""
    from tests.refi.tools import SEGMENT_MEMO

    target = tmp_path / "etude.sqlite"
    assert run_cli("-p", target, "import-qdpx", PROJECTS["maxqda"]().write(tmp_path)).code == 0
    listed = run_cli("-p", target, "memo", "list").out
    assert "annotation" in listed and SEGMENT_MEMO[:40] in listed
    out = tmp_path / "memos.md"
    assert run_cli("-p", target, "memo", "export", "-o", out).code == 0
    text = out.read_text(encoding="utf-8")
    assert "## Annotations" in text and f"> {REPAIR}" in text and SEGMENT_MEMO in text
    assert run_cli("-p", target, "memo", "export", "-o", tmp_path / "m.csv").code == 0
