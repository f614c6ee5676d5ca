"""Every bad input the foundation names: one sentence on stderr, exit 2, store untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.hostile import fingerprint


def _write(name: str, data: bytes) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / name).write_bytes(data)
        return ["import", str(folder / name)]

    return make


CASES: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "missing path": (lambda d: ["import", str(d / "nowhere.txt")], "does not exist"),
    "binary file": (_write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20),
                    "binary file"),
    "empty file": (_write("vide.txt", b"  \n\n"), "is empty"),
    "front matter only": (_write("fm.md", b"---\nrole: DSI\n---\n"), "is empty"),
    "unsupported extension": (_write("notes.pages", b"PK\x03\x04"), "unsupported extension"),
    "damaged pdf": (_write("notes.pdf", b"%PDF-1.4"), "is not a readable PDF"),
    "undecodable bytes": (_write("abime.txt", "Maire : réemploi\n".encode() + b"\xff\xfe\xfa"),
                          "not valid UTF-8"),
    "broken docx": (_write("faux.docx", b"not a zip at all"), "not a readable .docx"),
    "bad front matter": (_write("fm.txt", b"---\nrole: [DSI\n---\nMaire : oui\n"),
                         "front matter is not valid YAML at line"),
    "duplicate import": (lambda d: ["import", str(Path(__file__).parents[2] / "corpus" /
                                                  "01-maire-commune-1000-2000.txt")],
                         "already imported as the document '01-maire-commune-1000-2000.txt'"),
    "unknown code": (lambda d: ["code", "1", "0", "10", "poésie"], "No code 'poésie'"),
    "unknown document": (lambda d: ["code", "entretien-99", "0", "10", "équipement"],
                         "No document 'entretien-99'"),
    "end out of range": (lambda d: ["code", "1", "0", "999999", "équipement"],
                         "runs past the end"),
    "start after end": (lambda d: ["code", "1", "50", "50", "équipement"],
                        "must be smaller than the end"),
    "negative start": (lambda d: ["code", "--", "1", "-5", "10", "équipement"], "must be positive"),
    "missing attribute sheet": (lambda d: ["import", str(Path(__file__).parents[2] / "corpus"),
                                           "--attributes", str(d / "none.csv")],
                                "does not exist"),
    "bad where": (lambda d: ["segments", "--where", "EPCI"], "must read ATTRIBUTE=VALUE"),
    "unknown attribute": (lambda d: ["segments", "--where", "taille=grande"],
                          "No attribute 'taille'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(case: str, run_cli: CliRunner, demo_path: Path, tmp_path: Path) -> None:
    make, message = CASES[case]
    before = fingerprint(demo_path)
    folder = tmp_path / "in"
    folder.mkdir()
    result = run_cli("--project", demo_path, *make(folder))
    assert result.code == 2, result
    assert message in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("verbatims: "), result.err
    assert "Traceback" not in result.err + result.out
    assert fingerprint(demo_path) == before


def test_a_bad_file_in_a_folder_imports_nothing(run_cli: CliRunner, demo_path: Path,
                                                tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Maire : Bonjour, un texte neuf.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    before = fingerprint(demo_path)
    result = run_cli("--project", demo_path, "import", tmp_path)
    assert result.code == 2 and "b.txt is empty" in result.err
    assert fingerprint(demo_path) == before


def test_malformed_codebook_gives_the_line(run_cli: CliRunner, demo_path: Path,
                                           tmp_path: Path) -> None:
    book = tmp_path / "book.yaml"
    book.write_text("name: Test\ncodes:\n  - name: a\n    colour: '#ffffff'\n", encoding="utf-8")
    before = fingerprint(demo_path)
    result = run_cli("--project", demo_path, "codebook", "import", book)
    assert result.code == 2
    assert "line 4: unknown key 'colour'" in result.err
    broken = tmp_path / "broken.yaml"
    broken.write_text("codes:\n  - name: a\n   - name: b\n", encoding="utf-8")
    result = run_cli("--project", demo_path, "codebook", "import", broken)
    assert result.code == 2 and "line 3" in result.err and "not valid YAML" in result.err
    assert fingerprint(demo_path) == before


def test_init_refuses_an_existing_file(run_cli: CliRunner, demo_path: Path) -> None:
    before = fingerprint(demo_path)
    result = run_cli("--project", demo_path, "init")
    assert result.code == 2 and "already exists" in result.err
    assert fingerprint(demo_path) == before


def test_no_project_yet(run_cli: CliRunner, tmp_path: Path) -> None:
    result = run_cli("--project", tmp_path / "p.sqlite", "documents")
    assert result.code == 2 and "verbatims --project" in result.err and "init" in result.err
    assert not (tmp_path / "p.sqlite").exists()
