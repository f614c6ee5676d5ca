"""`verbatims autocode` and `verbatims suggestions` as a researcher uses them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from tests.conftest import CliRunner
from verbatims.store import Project
from verbatims.store import suggestions as sg


def _listed(run_cli: CliRunner, path: Path, *args: str) -> list[dict[str, Any]]:
    result = run_cli("--project", path, "suggestions", "list", "--format", "json", *args)
    assert result.code == 0, result.err
    rows: list[dict[str, Any]] = json.loads(result.out)
    return rows


def _ocr_damaged_passages_are_suggested(run_cli: CliRunner, path: Path, document: str,
                                        damaged_in: str) -> None:
    result = run_cli("--project", path, "autocode", "--code", "numérique responsable",
                     "--unit", "sentence")
    assert result.code == 0, result.err
    assert "numérique responsable:" in result.out
    rows = _listed(run_cli, path)
    # the OCR'd extract's own sentences about "numérique responsable"
    annexe = [r for r in rows if r["document"] == document
              and r["code"] == "numérique responsable"]
    assert annexe, rows
    show = run_cli("--project", path, "suggestions", "list", "--code",
                   "numérique responsable")
    assert document in show.out
    # A passage where only OCR-damaged forms occur ("tout\nnumeérique") is found too.
    damaged = [r for r in rows if "numeérique" in r["matched"] and r["document"] == damaged_in]
    assert damaged


def test_the_ocr_damaged_annex_passage_is_suggested(run_cli: CliRunner, ocr_path: Path
                                                    ) -> None:
    _ocr_damaged_passages_are_suggested(run_cli, ocr_path, "02-elue-bourg-1500.txt",
                                        "02-elue-bourg-1500.txt")


def test_the_ocr_damaged_annexe2_passage_is_suggested(run_cli: CliRunner, annexe2_path: Path
                                                      ) -> None:
    _ocr_damaged_passages_are_suggested(run_cli, annexe2_path, "04-elue-commune-2000-3500.txt",
                                        "06-agent-epci-50000.txt")


def test_suggestions_name_their_reason_and_skip_the_interviewer(run_cli: CliRunner,
                                                                parsed_path: Path) -> None:
    assert run_cli("--project", parsed_path, "autocode").code == 0
    rows = _listed(run_cli, parsed_path)
    assert {"keyword", "matched", "score"} <= set(rows[0])
    project = Project.open(str(parsed_path))
    asked = [(d.id, t.start, t.end) for d in project.documents()
             for t in project.turns(d.id) if t.role == "interviewer"]
    assert asked
    for sug in sg.suggestions(project):
        assert not any(doc == sug.document_id and a <= sug.match_start < b
                       for doc, a, b in asked)
    result = run_cli("--project", parsed_path, "autocode", "--include-interviewer")
    assert result.code == 0
    more = sg.suggestions(project)
    assert len(more) > len(rows)
    questions = [sug for sug in more if any(doc == sug.document_id and a <= sug.match_start < b
                                            for doc, a, b in asked)]
    # now the interviewer's turns are matched too: the closing question of every interview,
    # « est-ce que l'expression « numérique responsable », ça vous parle ? »
    closing = {sug.document_id for sug in questions
               if sug.matched.lower() == "numérique responsable"
               and "ça vous parle ?" in project.text(sug.document_id)[sug.start:sug.end]}
    assert len(closing) == len(project.documents()), closing
    project.close()


def test_a_rejected_suggestion_is_not_proposed_again(run_cli: CliRunner,
                                                     parsed_path: Path) -> None:
    assert run_cli("--project", parsed_path, "autocode", "--code", "mutualisation").code == 0
    first = _listed(run_cli, parsed_path, "--code", "mutualisation")
    victim = first[0]
    result = run_cli("--project", parsed_path, "suggestions", "reject", str(victim["id"]))
    assert result.code == 0 and "Rejected" in result.out
    again = run_cli("--project", parsed_path, "autocode", "--code", "mutualisation",
                    "--unit", "sentence")
    assert again.code == 0
    assert "rejected before" in again.out
    proposed = _listed(run_cli, parsed_path, "--code", "mutualisation")
    assert proposed and victim["id"] not in {r["id"] for r in proposed}
    for row in proposed:
        same_place = (row["document"] == victim["document"]
                      and row["start"] < victim["end"] and victim["start"] < row["end"]
                      and row["keyword"] == victim["keyword"])
        assert not same_place, row
    rejected = _listed(run_cli, parsed_path, "--status", "rejected")
    assert [r["id"] for r in rejected] == [victim["id"]]


def test_accept_codes_every_suggestion_visible_in_segments(run_cli: CliRunner,
                                                           parsed_path: Path) -> None:
    result = run_cli("--project", parsed_path, "autocode", "--code", "sauvegardes",
                     "--accept", "--coder", "Maëlle")
    assert result.code == 0, result.err
    assert "Accepted" in result.out
    accepted = _listed(run_cli, parsed_path, "--status", "accepted")
    assert accepted and not _listed(run_cli, parsed_path, "--code", "sauvegardes")
    seg = run_cli("--project", parsed_path, "segments", "--code", "sauvegardes")
    rows = list(csv.DictReader(io.StringIO(seg.out)))
    assert len(rows) == len(accepted)
    assert {r["coder"] for r in rows} == {"Maëlle"}
    assert any("sauvegarde" in r["text"].lower() for r in rows)
    # Running again proposes nothing new for what is now coded.
    again = run_cli("--project", parsed_path, "autocode", "--code", "sauvegardes")
    assert "0 suggestion(s) to review, 0 new" in again.out


def test_accepting_one_by_one(run_cli: CliRunner, parsed_path: Path) -> None:
    run_cli("--project", parsed_path, "autocode", "--code", "RGPD et données personnelles")
    first = _listed(run_cli, parsed_path)[0]
    result = run_cli("--project", parsed_path, "suggestions", "accept", str(first["id"]))
    assert result.code == 0, result.err
    seg = run_cli("--project", parsed_path, "segments", "--code",
                  "RGPD et données personnelles")
    assert first["document"] in seg.out
    twice = run_cli("--project", parsed_path, "suggestions", "accept", str(first["id"]))
    assert twice.code == 2 and "already accepted" in twice.err


def test_bad_input_is_one_sentence(run_cli: CliRunner, parsed_path: Path) -> None:
    unknown = run_cli("--project", parsed_path, "autocode", "--code", "météo")
    assert unknown.code == 2 and unknown.err.count("\n") == 1 and "Traceback" not in unknown.err
    missing = run_cli("--project", parsed_path, "suggestions", "accept", "99999")
    assert missing.code == 2 and "No suggestion 99999" in missing.err
    assert run_cli("--project", parsed_path, "autocode", "--threshold", "150").code == 2
