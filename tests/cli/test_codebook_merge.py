"""Importing a codebook merges: nothing the project holds is blanked, what changed is said,
and one `verbatims undo` takes it back. YAML alias bombs are refused."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from tests.conftest import CODEBOOK, CliRunner
from tests.hostile import fingerprint, refused
from verbatims.store import Project


def patterns(path: Path) -> int:
    with sqlite3.connect(path) as db:
        count = int(db.execute("SELECT count(*) FROM codes WHERE patterns != '[]' "
                               "AND examples != '[]'").fetchone()[0])
    db.close()
    return count


@pytest.mark.parametrize("suffix", [".qdc", ".yaml"])
def test_its_own_codebook_imported_back_changes_nothing(suffix: str, demo_path: Path,
                                                         tmp_path: Path,
                                                         run_cli: CliRunner) -> None:
    """The issue's case: export, import back: the 36 codes' patterns and examples stay."""
    assert patterns(demo_path) == 36
    book = tmp_path / f"grille{suffix}"
    assert run_cli("-p", demo_path, "codebook", "export", book).code == 0
    before = fingerprint(demo_path)
    result = run_cli("-p", demo_path, "codebook", "import", book)
    assert result.code == 0, result.err
    assert "nothing to change, its 36 codes are already the project's" in result.out
    assert fingerprint(demo_path) == before
    assert patterns(demo_path) == 36


def test_a_codebook_from_elsewhere_brings_values_and_keeps_the_rest(
        demo_path: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    project = Project.open(str(demo_path))
    old = project.code("sobriété")
    project.close()
    qdc = tmp_path / "nvivo.qdc"  # NVivo knows the code, with another colour, nothing else
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" '
        'origin="NVivo 14"><Codes><Code guid="0a000000-0000-4000-8000-000000000001" '
        'name="numérique responsable" isCodable="true"><Code guid="0a000000-0000-4000-8000-'
        '000000000002" name="Sobriété" isCodable="true" color="#123456"/><Code guid='
        '"0a000000-0000-4000-8000-000000000003" name="low-tech" isCodable="true">'
        '<Description>Techniques simples et réparables</Description></Code></Code>'
        '</Codes></CodeBook>', encoding="utf-8")
    before = fingerprint(demo_path)
    result = run_cli("-p", demo_path, "codebook", "import", qdc)
    assert result.code == 0, result.err
    assert "1 code added, 1 updated" in result.out  # not "1 codes"
    assert "updated  numérique responsable/Sobriété: colour" in result.out
    assert "added    numérique responsable/low-tech" in result.out
    project = Project.open(str(demo_path))
    new = project.code("sobriété")  # the same code: "Sobriété" differs by case alone
    assert new.id == old.id and new.color == "#123456"
    assert (new.definition, new.include, new.exclude, new.keywords, new.patterns,
            new.examples) == (old.definition, old.include, old.exclude, old.keywords,
                              old.patterns, old.examples)
    assert project.code("low-tech").definition == "Techniques simples et réparables"
    project.close()
    assert run_cli("-p", demo_path, "undo").code == 0  # one step takes it all back
    assert fingerprint(demo_path)["codes"] == before["codes"]


def test_a_qdpx_from_elsewhere_merges_its_codes(demo_path: Path, tmp_path: Path,
                                                run_cli: CliRunner) -> None:
    """A .qdpx whose code has the project's path no longer resets its colour and notes."""
    from tests.refi.test_refi_import import G_SRC, QUOTES, TEXT, make_qdpx, project_xml

    xml = project_xml("ATLAS.ti 23", QUOTES, False, True).replace(
        'name="réparation" isCodable="true" color="#0F0">\n  <Description>Réparer plutôt '
        'que racheter</Description>', 'name="sobriété" isCodable="true">')
    xml = xml.replace("<CodeBook><Codes>", '<CodeBook><Codes><Code guid="00000000-0000-4000-'
                      '8000-0000000000c1" name="numérique responsable" isCodable="true">')
    xml = xml.replace("</Codes></CodeBook>", "</Code></Codes></CodeBook>")
    qdpx = make_qdpx(tmp_path / "atlas.qdpx", xml,
                     {f"sources/{G_SRC.lower()}.txt": TEXT.encode("utf-8")})
    project = Project.open(str(demo_path))
    old = project.code("sobriété")
    project.close()
    result = run_cli("-p", demo_path, "import-qdpx", qdpx)
    assert result.code == 0, result.err
    project = Project.open(str(demo_path))
    new = project.code("sobriété")
    assert new == old  # colour, definition, notes, keywords, patterns, examples: all kept
    assert len(project.codings(code_ids=[new.id])) == 2  # and the file's codings are on it
    project.close()


# The billion laughs in YAML: nine lists of nine aliases of the list before, 2.4 KB.
BOMB = "name: bombe\ncodes:\n  - name: a\n    keywords: &k0 [lol, lol, lol, lol, lol, lol, " \
    "lol, lol, lol]\n" + "".join(
        f"  - name: k{n}\n    keywords: &k{n} [{', '.join([f'*k{n - 1}'] * 9)}]\n"
        for n in range(1, 10))
# Three codes a, b, c per level, each holding the three of the level below: 3^30 codes,
# in 4 KB, every sibling name distinct, so that only the size can refuse it.
NEST = "".join(
    f"  - &a{n}\n    name: a{n}\n    codes: [*a{n - 1}, *b{n - 1}, *c{n - 1}]\n"
    f"  - &b{n}\n    name: b{n}\n    codes: [*a{n - 1}, *b{n - 1}, *c{n - 1}]\n"
    f"  - &c{n}\n    name: c{n}\n    codes: [*a{n - 1}, *b{n - 1}, *c{n - 1}]\n"
    for n in range(1, 30))


@pytest.mark.parametrize("text,words", [
    (BOMB, ("expands to more than 200,000 values", "alias bomb")),
    ("name: x\ncodes:\n  - &a0\n    name: a0\n  - &b0\n    name: b0\n  - &c0\n    name: c0\n"
     + NEST, ("expands to more than 200,000 values", "alias bomb")),
    ("name: x\ncodes: &all\n  - name: a\n    codes: *all\n", ("refers to a value that holds "
                                                           "it",)),
    ("name: x\ncodes:\n" + "".join(f"  - name: c{n}\n    keywords: *k\n" if n else
                                   "  - name: c0\n    keywords: &k [a, b]\n"
                                   for n in range(1200)), ("more than 1,000 YAML aliases",)),
])
def test_yaml_alias_bombs_are_refused_quickly(text: str, words: tuple[str, ...],
                                              demo_path: Path, tmp_path: Path,
                                              run_cli: CliRunner) -> None:
    book = tmp_path / "bombe.yaml"
    book.write_text(text, encoding="utf-8")
    before = fingerprint(demo_path)
    started = time.monotonic()
    refused(run_cli("-p", demo_path, "codebook", "import", book), *words)
    assert time.monotonic() - started < 30  # a bound, not a measure: the bomb took 5 min
    assert fingerprint(demo_path) == before
    refused(run_cli("-p", tmp_path / "new.sqlite", "init", "--codebook", book), *words)
    assert not (tmp_path / "new.sqlite").exists()


def test_aliases_within_the_limits_are_read(tmp_path: Path, run_cli: CliRunner) -> None:
    book = tmp_path / "partage.yaml"
    book.write_text("name: x\ncodes:\n  - name: a\n    keywords: &k [réemploi, réparer]\n"
                    "  - name: b\n    keywords: *k\n    codable: false\n", encoding="utf-8")
    target = tmp_path / "p.sqlite"
    assert run_cli("-p", target, "init", "--codebook", book).code == 0
    project = Project.open(str(target))
    assert project.code("b").keywords == ("réemploi", "réparer")
    assert not project.code("b").codable and project.code("a").codable
    project.close()


def test_control_characters_in_a_codebook_are_replaced(tmp_path: Path,
                                                       run_cli: CliRunner) -> None:
    book = tmp_path / "ctl.yaml"
    book.write_text('name: x\ncodes:\n  - name: "sobri\\x1bété"\n    definition: "a\\fb"\n',
                    encoding="utf-8")
    target = tmp_path / "p.sqlite"
    assert run_cli("-p", target, "init").code == 0
    result = run_cli("-p", target, "codebook", "import", book)
    assert result.code == 0, result.err
    assert "2 control characters replaced" in result.err
    project = Project.open(str(target))
    assert [(c.name, c.definition) for c in project.codes()] == [("sobri\ufffdété", "a\nb")]
    project.close()


def test_the_default_codebook_is_read_as_before() -> None:
    from verbatims.codebook import load_yaml

    book = load_yaml(CODEBOOK)
    assert book["notes"] == [] and len(book["codes"]) >= 4
