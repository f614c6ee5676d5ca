"""Every export works whatever the store holds, and what it writes reads back.

A project made before control characters were replaced at import (or edited by
hand) holds a form feed, an ESC, a U+0001 in its texts, a code name, memos and an
attribute. Every extracts and grid format, the .qdpx, the codebooks and the
figures' tables are written, then opened by the library a user's tool would use;
the .qdpx and the .qdc come back into verbatims. And an internal error never
prints a transcript.
"""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import CliRunner
from tests.export.conftest import readable
from verbatims.export import registry as formats
from verbatims.store import Project

DIRTY = "\x0c\x1b\x01"


@pytest.fixture
def dirty(demo_path: Path) -> Path:
    """The demo with codings, then control characters put in by hand, one for one."""
    project = Project.open(str(demo_path))
    doc = project.documents()[0]
    code = project.code("sobriété")
    text = project.text(doc.id)
    at = text.index(" ", 200)
    project.add_coding(doc.id, at - 40, at + 60, code.id, "ana", "mémo\x0cde codage")
    project.set_memo("code", code.id, "mémo\x01 du code", "ana")
    project.set_memo("project", None, "projet\x1b[31m", "ana")
    project.close()
    with sqlite3.connect(demo_path) as db:
        dirty_text = text[:at] + DIRTY + text[at + len(DIRTY):]
        db.execute("UPDATE documents SET text = ? WHERE id = ?", (dirty_text, doc.id))
        db.execute("UPDATE codes SET name = 'sobri\x1bété' WHERE id = ?", (code.id,))
        db.execute("UPDATE attributes SET value = value || '\x01' WHERE document_id = ? "
                   "AND type = 'text'", (doc.id,))
    db.close()
    return demo_path


def everything(path: Path) -> str:
    """All the text of a file as its reader gives it (an ODT's tables included)."""
    if path.suffix == ".odt":
        from odf import teletype
        from odf.opendocument import load

        return str(teletype.extractText(load(str(path)).text))
    return readable(path)


@pytest.mark.parametrize("fmt", formats.EXTRACTS.names())
def test_extracts_of_any_store_are_written_and_read_back(fmt: str, dirty: Path,
                                                         tmp_path: Path,
                                                         run_cli: CliRunner) -> None:
    out = tmp_path / f"annexe.{fmt}"
    result = run_cli("-p", dirty, "export", "extracts", "-o", out)
    assert result.code == 0, result.err
    seen = everything(out)  # python-docx, odfpy, openpyxl or the text itself
    assert "sobri\ufffdété" in seen and "mémo" in seen


@pytest.mark.parametrize("fmt", formats.GRID.names())
def test_grids_of_any_store_are_written_and_read_back(fmt: str, dirty: Path, tmp_path: Path,
                                                      run_cli: CliRunner) -> None:
    project = Project.open(str(dirty))
    project.set_summary(project.documents()[0].id, project.code("sobri\x1bété").id,
                        "résumé\x0cavec saut", "ana")
    project.close()
    out = tmp_path / f"grille.{fmt}"
    result = run_cli("-p", dirty, "export", "grid", "-o", out, "--code", "sobri\x1bété")
    assert result.code == 0, result.err
    assert "résumé" in everything(out)


def test_qdpx_and_codebooks_of_any_store_come_back(dirty: Path, tmp_path: Path,
                                                  run_cli: CliRunner) -> None:
    qdpx, qdc, yaml = tmp_path / "p.qdpx", tmp_path / "c.qdc", tmp_path / "c.yaml"
    assert run_cli("-p", dirty, "export", "qdpx", "-o", qdpx).code == 0
    assert run_cli("-p", dirty, "codebook", "export", qdc).code == 0
    assert run_cli("-p", dirty, "codebook", "export", yaml).code == 0
    with zipfile.ZipFile(qdpx) as zf:
        assert DIRTY not in zf.read("project.qde").decode("utf-8")
    copy = tmp_path / "copie.sqlite"
    result = run_cli("-p", copy, "import-qdpx", qdpx)
    assert result.code == 0, result.err
    assert "control characters replaced" in result.err
    project = Project.open(str(copy))
    assert project.code("sobri\ufffdété").name == "sobri\ufffdété"
    assert len(project.codings()) == 1 and project.codings()[0].memo == "mémo\nde codage"
    project.close()
    # into itself: its own document is recognised, nothing is added twice
    result = run_cli("-p", dirty, "import-qdpx", qdpx)
    assert result.code == 0, result.err
    assert "already in the project" in result.out
    for book in (qdc, yaml):
        fresh = tmp_path / f"fresh{book.suffix}.sqlite"
        assert run_cli("-p", fresh, "init").code == 0
        result = run_cli("-p", fresh, "codebook", "import", book)
        assert result.code == 0, result.err


def test_the_figures_tables_of_any_store_open(dirty: Path, tmp_path: Path,
                                              run_cli: CliRunner) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "stats.xlsx"
    result = run_cli("-p", dirty, "stats", "-o", out)
    assert result.code == 0, result.err
    cells = [str(c.value) for sheet in load_workbook(out).worksheets
             for row in sheet.iter_rows() for c in row]
    assert any("sobri\ufffdété" in c for c in cells)


def test_markdown_extracts_carry_no_link_nor_image(demo_path: Path, tmp_path: Path,
                                                   run_cli: CliRunner) -> None:
    quoted = ("Il a dit [cliquez ici](javascript:alert(1)) puis ![](http://pisteur.example/"
              "p.png) et [réf]: http://ailleurs.example <img src=x onerror=alert(1)>.")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "piege.txt").write_text(f"Q : Et alors ?\nR : {quoted}\n", encoding="utf-8")
    assert run_cli("-p", demo_path, "import", folder / "piege.txt").code == 0
    project = Project.open(str(demo_path))
    doc = next(d for d in project.documents() if d.name == "piege.txt")
    text = project.text(doc.id)
    start = text.index("Il a dit")
    project.add_coding(doc.id, start, start + len(quoted), project.code("sobriété").id, "ana")
    project.close()
    out = tmp_path / "annexe.md"
    assert run_cli("-p", demo_path, "export", "extracts", "-o", out, "--code",
                   "sobriété").code == 0
    html = MarkdownIt().render(out.read_text(encoding="utf-8"))
    assert "<a " not in html and "<img" not in html
    assert "[cliquez ici](javascript:alert(1))" in html  # shown as the words said


def test_an_internal_error_never_prints_a_transcript(demo_path: Path,
                                                     run_cli: CliRunner) -> None:
    """The last line of defence quotes the exception on one short line: here a store
    edited by hand, a date attribute holding 5,000 characters of text."""
    with sqlite3.connect(demo_path) as db:
        db.execute("UPDATE attributes SET value = ?, type = 'date' WHERE rowid = "
                   "(SELECT min(rowid) FROM attributes)", ("transcription " * 400,))
    db.close()
    result = run_cli("-p", demo_path, "documents")
    assert result.code == 1 and "internal error" in result.err
    assert len(result.err) < 400 and result.err.count("\n") == 1
