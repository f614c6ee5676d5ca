"""Bad input found in the QA pass: one sentence on stderr, exit 2, store and files untouched."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CliRunner, Result, copy_project
from tests.hostile import fingerprint
from verbatims.cli import main


def one_sentence(result: Result, message: str) -> None:
    """Exit 2, the message on the one `verbatims:` line of stderr, no traceback."""
    assert result.code == 2, result
    said = [line for line in result.err.splitlines() if line.startswith("verbatims: ")]
    assert len(said) == 1, result.err
    assert message in said[0], result.err
    assert "internal error" not in result.err
    assert "Traceback" not in result.err + result.out


@pytest.fixture
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder apart from the project's, where a key file belongs."""
    return tmp_path_factory.mktemp("keys")


def test_codebook_export_into_a_missing_folder(run_cli: CliRunner, demo_path: Path,
                                              tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "codes.yaml"
    result = run_cli("-p", demo_path, "codebook", "export", target)
    one_sentence(result, f"The folder {target.parent} does not exist")
    assert not target.parent.exists()


def test_codebook_import_of_a_folder(run_cli: CliRunner, demo_path: Path,
                                     tmp_path: Path) -> None:
    before = fingerprint(demo_path)
    one_sentence(run_cli("-p", demo_path, "codebook", "import", tmp_path), "is a folder")
    assert fingerprint(demo_path) == before


def test_import_qdpx_of_a_folder(run_cli: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "new.sqlite"
    one_sentence(run_cli("-p", target, "import-qdpx", tmp_path), "is a folder, not a .qdpx")
    assert not target.exists()


def test_name_list_that_is_a_folder(run_cli: CliRunner, demo_path: Path, elsewhere: Path,
                                    tmp_path: Path) -> None:
    key = elsewhere / "key.csv"
    before = fingerprint(demo_path)
    result = run_cli("-p", demo_path, "pseudonymize", "--no-ner", "--key", key,
                     "--list", tmp_path)
    one_sentence(result, f"Cannot read the name list {tmp_path}")
    assert not key.exists()
    assert fingerprint(demo_path) == before


def test_key_in_a_missing_folder_is_refused_before_any_work(run_cli: CliRunner,
                                                           demo_path: Path,
                                                           elsewhere: Path) -> None:
    key = elsewhere / "missing" / "key.csv"
    result = run_cli("-p", demo_path, "pseudonymize", "--no-ner", "--key", key)
    one_sentence(result, "of the key file does not exist; create it or choose another --key")
    assert "Looking for names" not in result.err


@pytest.mark.parametrize(("name", "content", "message"), [
    ("notes.yaml", "foo: 1\n", "has no `names:` list"),
    ("table.csv", "a,b\n", "has no `name` column"),
    ("broken.yaml", "names: [\n", "line 2: expected the node content"),
    ("odd.yaml", "names:\n  - name: Gérard\n    decision: maybe\n",
     "the decision 'maybe' must be accepted or rejected"),
])
def test_a_file_that_is_not_a_key_is_neither_used_nor_overwritten(
        run_cli: CliRunner, demo_path: Path, elsewhere: Path, name: str, content: str,
        message: str) -> None:
    key = elsewhere / name
    key.write_text(content, encoding="utf-8")
    result = run_cli("-p", demo_path, "pseudonymize", "--no-ner", "--key", key)
    one_sentence(result, message)
    assert key.read_text(encoding="utf-8") == content


@pytest.mark.parametrize(("args", "message"), [
    (["stopwords", "add", ""], "No stop word given"),
    (["stopwords", "remove", "  "], "No stop word given"),
    (["stopwords", "add", "de la"], "'de la' is not one word"),
    (["expressions", "add", " "], "The expression is empty"),
    (["expressions", "remove", ""], "The expression is empty"),
])
def test_empty_words(run_cli: CliRunner, demo_path: Path, args: list[str],
                     message: str) -> None:
    before = fingerprint(demo_path)
    one_sentence(run_cli("-p", demo_path, *args), message)
    assert fingerprint(demo_path) == before


def test_project_path_that_is_a_folder(run_cli: CliRunner, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    one_sentence(run_cli("-p", tmp_path, "codes"), "is a folder, not a project file")
    one_sentence(run_cli("-p", tmp_path, "init"), "is a folder, not a project file")
    monkeypatch.setenv("VERBATIMS_PROJECT", str(tmp_path))
    one_sentence(run_cli("documents"), "is a folder, not a project file")
    assert list(tmp_path.iterdir()) == []


@contextlib.contextmanager
def unwritable(path: Path) -> Iterator[Path]:
    """The project file made unwritable (immutable when running as root)."""
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    immutable = False
    if os.access(path, os.W_OK):  # root ignores the mode bits
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        immutable = done.returncode == 0
        if not immutable:
            path.chmod(0o644)
            pytest.skip("cannot make a file read-only here (root without chattr)")
    try:
        yield path
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        path.chmod(0o644)


@pytest.fixture
def read_only(demo_path: Path) -> Iterator[Path]:
    with unwritable(demo_path) as path:
        yield path


def test_figures_of_a_read_only_project_with_lemmas_cached(run_cli: CliRunner,
                                                          parsed_path: Path,
                                                          tmp_path: Path) -> None:
    with unwritable(parsed_path):
        target = tmp_path / "termes.csv"
        result = run_cli("-p", parsed_path, "cooc", "--pivot", "numérique responsable",
                         "-o", target)
        assert result.code == 0, result
        assert target.read_text(encoding="utf-8").startswith("term,")


def test_read_only_project_refuses_a_change(run_cli: CliRunner, read_only: Path) -> None:
    before = hashlib.sha256(read_only.read_bytes()).hexdigest()
    result = run_cli("-p", read_only, "code", "1", "0", "10", "équipement")
    one_sentence(result, f"The project {read_only} is read-only")
    result = run_cli("-p", read_only, "stopwords", "add", "alors")
    one_sentence(result, "is read-only")
    assert hashlib.sha256(read_only.read_bytes()).hexdigest() == before


def test_export_extension_must_match_the_format(run_cli: CliRunner, demo_path: Path,
                                                tmp_path: Path) -> None:
    target = tmp_path / "annexe.txt"
    result = run_cli("-p", demo_path, "export", "extracts", "--format", "docx", "-o", target)
    one_sentence(result, "annexe.txt does not end in .docx")
    assert list(tmp_path.glob("annexe*")) == []


@pytest.mark.parametrize("template", ["{role", "Entretien avec role}"])
def test_template_with_a_stray_brace(run_cli: CliRunner, demo_path: Path, tmp_path: Path,
                                     template: str) -> None:
    target = tmp_path / "annexe.md"
    result = run_cli("-p", demo_path, "export", "extracts", "--format", "md", "-o", target,
                     "--template", template)
    one_sentence(result, "has a brace without its pair")
    assert not target.exists()


def test_negative_context(run_cli: CliRunner, demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "annexe.md"
    result = run_cli("-p", demo_path, "export", "extracts", "--format", "md", "-o", target,
                     "--context", "-5")
    one_sentence(result, "'--context'")
    assert not target.exists()


def test_saturation_order_by_unknown_attribute(run_cli: CliRunner, demo_path: Path,
                                               tmp_path: Path) -> None:
    target = tmp_path / "saturation.csv"
    result = run_cli("-p", demo_path, "saturation", "--order-by", "dat", "-o", target)
    one_sentence(result, "No attribute 'dat' in this project to order the interviews by")
    assert not target.exists()


def test_segments_into_a_missing_folder(run_cli: CliRunner, demo_path: Path,
                                        tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "segments.csv"
    result = run_cli("-p", demo_path, "segments", "-o", target)
    one_sentence(result, "does not exist; create it or choose another -o path")
    assert not target.parent.exists()


@pytest.fixture(scope="module")
def _suggested_template(_parsed_template: Path, tmp_path_factory: pytest.TempPathFactory
                        ) -> Path:
    """The parsed demo with the suggestions of one code, made once for these tests."""
    path = copy_project(_parsed_template, tmp_path_factory.mktemp("suggested") / "s.sqlite")
    assert main(["-p", str(path), "autocode", "--code", "renouvellement"]) == 0
    return path


@pytest.fixture
def suggested(_suggested_template: Path, tmp_path: Path) -> Path:
    return copy_project(_suggested_template, tmp_path / "suggested.sqlite")


def _status(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT id, status FROM suggestions ORDER BY id").fetchall()


@pytest.mark.parametrize(("args", "message"), [
    (["accept", "1", "999999"], "No suggestion 999999"),
    (["reject", "1", "999999"], "No suggestion 999999"),
    (["accept", "--all", "1"], "either suggestion ids or --all"),
])
def test_suggestions_are_decided_all_or_nothing(run_cli: CliRunner, suggested: Path,
                                                args: list[str], message: str) -> None:
    before = fingerprint(suggested)
    one_sentence(run_cli("-p", suggested, "suggestions", *args), message)
    assert fingerprint(suggested) == before


def test_an_id_given_twice_is_decided_once(run_cli: CliRunner, suggested: Path) -> None:
    result = run_cli("-p", suggested, "suggestions", "accept", "1", "1")
    assert result.code == 0, result
    assert result.out.count("Accepted 1:") == 1
    result = run_cli("-p", suggested, "suggestions", "reject", "2", "2")
    assert result.code == 0, result
    assert result.out.count("Rejected 2.") == 1
    assert dict(_status(suggested))[1] == "accepted"
    assert dict(_status(suggested))[2] == "rejected"


@pytest.mark.parametrize("args", [["--start", "50", "--end", "10"], ["--start", "99999999"],
                                  ["--start", "-5"]])
def test_show_refuses_a_range_that_selects_nothing(run_cli: CliRunner, demo_path: Path,
                                                   args: list[str]) -> None:
    result = run_cli("-p", demo_path, "show", "1", *args)
    one_sentence(result, "--start")
    assert result.out == ""


def test_code_map_of_a_project_without_codings(run_cli: CliRunner, demo_path: Path,
                                               tmp_path: Path) -> None:
    target = tmp_path / "carte.png"
    result = run_cli("-p", demo_path, "map", "-o", target)
    one_sentence(result, "No code has a coding in the selected documents")
    assert not target.exists()


@pytest.mark.parametrize("command", ["cooc", "cloud"])
def test_a_pivot_of_stop_words_is_refused(command: str, run_cli: CliRunner, parsed_path: Path,
                                          tmp_path: Path) -> None:
    out = tmp_path / "figure.png"
    result = run_cli("--project", parsed_path, command, "--pivot", "de la", "-o", out)
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        "verbatims: The pivot 'de la' is made only of stop words, which are everywhere and "
        'never counted; give a word with content, e.g. --pivot "sobriété".']
    assert not out.exists()


def test_template_naming_an_attribute_no_document_has(run_cli: CliRunner, demo_path: Path,
                                                      tmp_path: Path) -> None:
    target = tmp_path / "annexe.md"
    result = run_cli("-p", demo_path, "export", "extracts", "--format", "md", "-o", target,
                     "--template", "Entretien avec {rol:article}")
    one_sentence(result, "names {rol}, an attribute no document has")
    assert "role" in result.err  # the known attributes, to fix the typo
    assert not target.exists()
    grid = tmp_path / "grid.html"
    one_sentence(run_cli("-p", demo_path, "export", "grid", "-o", grid, "--template", "{rol}"),
                 "names {rol}")
    assert not grid.exists()


def test_attribute_without_grouping_by_attribute(run_cli: CliRunner, demo_path: Path,
                                                 tmp_path: Path) -> None:
    target = tmp_path / "annexe.md"
    result = run_cli("-p", demo_path, "export", "extracts", "--format", "md", "-o", target,
                     "--attribute", "role")
    one_sentence(result, "only applies with --group-by attribute")
    assert not target.exists()


def test_negative_samples(run_cli: CliRunner, demo_path: Path) -> None:
    before = fingerprint(demo_path)
    one_sentence(run_cli("-p", demo_path, "autocode", "--samples", "-5"), "'--samples'")
    assert fingerprint(demo_path) == before


def test_sheet_rows_naming_no_file_are_reported(run_cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "elue.txt").write_text("Q : Bonjour.\nR : Bonjour.\n", encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("file,role\nelue.txt,élu·e\nelu.txt,agent·e\n", encoding="utf-8")
    assert run_cli("-p", tmp_path / "p.sqlite", "init").code == 0
    result = run_cli("-p", tmp_path / "p.sqlite", "import", folder, "--attributes", sheet)
    assert result.code == 0, result
    assert "1 row of" in result.err and "elu.txt" in result.err
    assert "Imported 1 document" in result.out
