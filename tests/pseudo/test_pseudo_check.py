"""`pseudonymize --check` reads every format, metadata and member names included."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from verbatims.pseudo.check import check_file
from verbatims.pseudo.replace import KeyEntry, Pseudonymizer

KEY = Pseudonymizer([KeyEntry("Eric Bocquel", "[Personne A]", "PER", ("Eric", "Bocquel")),
                     KeyEntry("Alfortville", "[Lieu 1]", "LOC")])


def _docx(path: Path, body: str, author: str = "") -> None:
    from docx import Document

    doc = Document()
    paragraph = doc.add_paragraph()
    for piece in (body[:3], body[3:]):  # Word splits words across runs
        paragraph.add_run(piece)
    doc.core_properties.author = author
    doc.save(str(path))


def _odt(path: Path, body: str, title: str = "") -> None:
    from odf.dc import Title
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    doc = OpenDocumentText()
    doc.text.addElement(P(text=body))
    if title:
        doc.meta.addElement(Title(text=title))
    doc.save(str(path))


def _xlsx(path: Path, body: str, sheet: str = "Feuille") -> None:
    from openpyxl import Workbook

    book = Workbook()
    active = book.active
    assert active is not None
    active.title = sheet
    active["A1"] = body
    book.save(str(path))


def _pdf(path: Path, body: str, title: str = "") -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure()
    fig.text(0.1, 0.5, body)
    fig.savefig(str(path), metadata={"Title": title} if title else None)
    plt.close(fig)


def _png(path: Path, body: str, title: str = "") -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure()
    fig.savefig(str(path), metadata={"Title": title or body})
    plt.close(fig)


def _qdpx(path: Path, body: str, member: str = "sources/a.txt") -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", f'<?xml version="1.0"?><Project name="{body}"/>')
        zf.writestr(member, "texte")


WRITERS: dict[str, Callable[[Path, str], object]] = {
    "docx": _docx, "odt": _odt, "xlsx": _xlsx, "pdf": _pdf, "png": _png, "qdpx": _qdpx,
    "html": lambda p, b: p.write_text(f'<p title="x">{b}</p>', encoding="utf-8"),
    "md": lambda p, b: p.write_text(f"# Annexe\n\n> {b}\n", encoding="utf-8"),
    "csv": lambda p, b: p.write_text(f"document,text\nEntretien 1,{b}\n", encoding="utf-8"),
    "svg": lambda p, b: p.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg"><title>{b}</title></svg>', encoding="utf-8"),
    "gexf": lambda p, b: p.write_text(
        f'<gexf><graph><nodes><node id="n1" label="{b}"/></nodes></graph></gexf>',
        encoding="utf-8"),
}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_name_in_the_body_is_found_with_where(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"export.{fmt}"
    WRITERS[fmt](path, "Eric Bocquel")
    findings = check_file(path, KEY)
    assert findings and {f.name for f in findings} == {"Eric Bocquel"}, findings
    clean = tmp_path / f"clean.{fmt}"
    WRITERS[fmt](clean, "[Personne A]")
    assert check_file(clean, KEY) == []


@pytest.mark.parametrize(("fmt", "place"), [
    ("docx", "author"), ("odt", "title"), ("xlsx", "sheet"), ("pdf", "title"),
    ("qdpx", "member"),
])
def test_a_name_in_metadata_or_a_member_name_is_found(fmt: str, place: str,
                                                      tmp_path: Path) -> None:
    path = tmp_path / f"export.{fmt}"
    value = "sources/bocquel-alfortville.txt" if place == "member" else "Bocquel"
    WRITERS[fmt](path, "[Personne A]", value)  # type: ignore[call-arg]
    findings = check_file(path, KEY)
    assert findings, f"{place} of {fmt} not read"
    assert all("[Personne A]" not in f.found for f in findings)


def test_the_file_name_itself_is_read(tmp_path: Path) -> None:
    path = tmp_path / "annexe-bocquel.md"
    path.write_text("rien", encoding="utf-8")
    assert [f.where for f in check_file(path, KEY)] == [f"{path} (file name)"]


def test_check_command_lists_and_exits_one(tmp_path: Path, run_cli: CliRunner) -> None:
    key = tmp_path / "key.csv"
    key.write_text("name,replacement,category,decision,aliases\n"
                   "Eric Bocquel,[Personne A],PER,accepted,Eric | Bocquel\n", encoding="utf-8")
    dirty, clean = tmp_path / "a.md", tmp_path / "b.csv"
    dirty.write_text("> R : Oui, dit bocquel.\n", encoding="utf-8")
    clean.write_text("text\n[Personne A]\n", encoding="utf-8")
    result = run_cli("pseudonymize", "--check", dirty, clean, "--key", key)
    assert result.code == 1
    assert "Eric Bocquel" in result.out and "bocquel" in result.out and str(dirty) in result.out
    assert run_cli("pseudonymize", "--check", clean, "--key", key).code == 0
    bad = run_cli("pseudonymize", "--check", tmp_path / "missing.docx", "--key", key)
    assert bad.code == 2 and "does not exist" in bad.err
