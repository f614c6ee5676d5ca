"""`verbatims undo`, `redo`, `history` and `memo`, as a user types them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import CliRunner

DOC = "07-agent-epci-30000"


def _segments(run_cli: CliRunner, project: Path, *args: str) -> list[dict[str, str]]:
    result = run_cli("-p", project, "segments", *args)
    assert result.code == 0, result.err
    return list(csv.DictReader(io.StringIO(result.out)))


def test_code_then_undo_then_redo(run_cli: CliRunner, demo_path: Path) -> None:
    result = run_cli("-p", demo_path, "code", DOC, "10", "60", "cybersécurité",
                     "--coder", "ana", "--memo", "premier")
    assert result.code == 0, result.err
    assert [r["start"] for r in _segments(run_cli, demo_path, "--code", "cybersécurité")] == [
        "10"]

    listed = json.loads(run_cli("-p", demo_path, "history", "--format", "json", "-n", "1").out)
    (entry,) = listed
    assert entry["kind"] == "coding.add" and entry["coder"] == "ana"
    assert entry["document"] == f"{DOC}.txt" and entry["undone"] is False
    assert entry["detail"].startswith("cybersécurité") and "10–60" in entry["detail"]

    result = run_cli("-p", demo_path, "undo", "--coder", "ana")  # each coder undoes their own
    assert result.code == 0 and result.out.startswith("Undone: coding"), result
    assert _segments(run_cli, demo_path, "--code", "cybersécurité") == []
    listed = json.loads(run_cli("-p", demo_path, "history", "--format", "json").out)
    assert listed[0]["undone"] is True

    result = run_cli("-p", demo_path, "redo", "--coder", "ana")
    assert result.code == 0 and result.out.startswith("Redone: coding"), result
    (row,) = _segments(run_cli, demo_path, "--code", "cybersécurité")
    assert (row["start"], row["end"], row["coder"], row["memo"]) == ("10", "60", "ana",
                                                                     "premier")
    assert run_cli("-p", demo_path, "redo", "--coder", "ana").out == "Nothing to redo.\n"


def test_a_new_project_has_nothing_to_undo(run_cli: CliRunner, tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    assert run_cli("-p", project, "init", "--codebook", "default").code == 0
    assert run_cli("-p", project, "undo").out == "Nothing to undo.\n"
    assert "empty" in run_cli("-p", project, "history").out


def test_history_lists_newest_first_in_french(run_cli: CliRunner, demo_path: Path) -> None:
    for start in ("0", "100", "200"):
        assert run_cli("-p", demo_path, "code", DOC, start, str(int(start) + 50),
                       "mutualisation").code == 0
    run_cli("-p", demo_path, "undo")
    result = run_cli("--lang", "fr", "-p", demo_path, "history", "-n", "3")
    lines = result.out.splitlines()
    assert len(lines) == 3
    assert "200–250" in lines[0] and "[annulé]" in lines[0]
    assert "100–150" in lines[1] and "annulé" not in lines[1]
    assert "codage" in lines[1]
    assert "à annuler" in result.err


def test_memos_from_the_command_line(run_cli: CliRunner, demo_path: Path) -> None:
    p = ("-p", demo_path)
    assert run_cli(*p, "memo", "set", "project", "Saturation atteinte ?").code == 0
    assert run_cli(*p, "memo", "set", "document", DOC, "Entretien du 9 mars.").code == 0
    assert run_cli(*p, "memo", "set", "code", "sobriété", "À scinder.").code == 0
    assert run_cli(*p, "memo", "show", "code", "sobriété").out == "À scinder.\n"
    listed = json.loads(run_cli(*p, "memo", "list", "--format", "json").out)
    assert [(m["kind"], m["target"]) for m in listed] == [
        ("project", "the project"), ("document", f"{DOC}.txt"),
        ("code", "numérique responsable/sobriété")]
    out = Path(demo_path).parent / "memos.md"
    result = run_cli(*p, "memo", "export", "-o", out)
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert text.index("Saturation") < text.index("Entretien du 9") < text.index("À scinder")
    assert "### numérique responsable/sobriété" in text

    # Setting is undoable, like a coding; "" deletes.
    assert run_cli(*p, "memo", "set", "code", "sobriété", "Non, garder.").code == 0
    assert run_cli(*p, "undo").code == 0
    assert run_cli(*p, "memo", "show", "code", "sobriété").out == "À scinder.\n"
    assert "Deleted" in run_cli(*p, "memo", "set", "project", "").out
    result = run_cli(*p, "memo", "show", "project")
    assert result.code == 2 and "no memo" in result.err
    assert run_cli(*p, "undo").code == 0
    assert run_cli(*p, "memo", "show", "project").out == "Saturation atteinte ?\n"


def test_memo_mistakes_get_one_sentence(run_cli: CliRunner, demo_path: Path) -> None:
    p = ("-p", demo_path)
    for args, said in [
        (("memo", "set", "document", "texte sans document"), "then the text"),
        (("memo", "set", "code", "inconnu", "x"), "No code 'inconnu'"),
        (("memo", "show", "document"), "Name the document"),
        (("memo", "export", "-o", Path(demo_path).parent / "m.pdf"), ".md, .txt"),
    ]:
        result = run_cli(*p, *args)
        assert result.code == 2 and said in result.err, (args, result)
        assert "Traceback" not in result.err


def test_a_qdpx_import_into_a_project_is_one_step(run_cli: CliRunner, demo_path: Path,
                                                  tmp_path: Path) -> None:
    assert run_cli("-p", demo_path, "code", DOC, "10", "60", "cybersécurité").code == 0
    assert run_cli("-p", demo_path, "memo", "set", "code", "sobriété", "À scinder.").code == 0
    exported = tmp_path / "e.qdpx"
    assert run_cli("-p", demo_path, "export", "qdpx", "-o", exported).code == 0
    target = tmp_path / "other.sqlite"
    assert run_cli("-p", target, "init").code == 0
    assert run_cli("-p", target, "import-qdpx", exported).code == 0
    (step,) = json.loads(run_cli("-p", target, "history", "--format", "json").out)
    assert step["kind"] == "qdpx.import" and step["what"] == "REFI-QDA import (9 documents)"
    assert run_cli("-p", target, "undo").code == 0
    assert run_cli("-p", target, "documents").out == ""
    assert run_cli("-p", target, "codes").out == ""
    assert run_cli("-p", target, "redo").code == 0
    assert len(_segments(run_cli, target)) == 1
    assert run_cli("-p", target, "memo", "show", "code", "sobriété").out == "À scinder.\n"
    # A project the import creates starts with nothing to undo.
    fresh = tmp_path / "fresh.sqlite"
    assert run_cli("-p", fresh, "import-qdpx", exported).code == 0
    assert run_cli("-p", fresh, "undo").out == "Nothing to undo.\n"
