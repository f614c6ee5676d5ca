"""Coding queries on hand-made codings: and (overlap), not, overlap, near, speaker, coder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from verbatims.analysis.queries import CodingQuery, Resolved, evaluate, run_query
from verbatims.errors import UserError
from verbatims.model.entities import Coding, NewDocument, Turn
from verbatims.store import Project

A, B, C = 1, 2, 3
TEXT = ("Q : Et le numérique responsable ?\n"
        "R : Pour moi, c'est la sobriété. On éteint les écrans le soir. "
        "Et on garde les postes six ans.")
TURNS = (Turn(0, 33, "Q", "interviewer"), Turn(34, len(TEXT), "R", "respondent"))


def coding(i: int, code: int, start: int, end: int, coder: str = "ana") -> Coding:
    return Coding(i, 1, code, start, end, coder, None, "2024-01-01")


def spans(query: Resolved, codings: list[Coding]) -> list[tuple[int, int, list[int]]]:
    found = evaluate(query, codings, {1: TEXT}, {1: TURNS})
    return [(m.start, m.end, [c.id for c in m.codings]) for m in found]


def at(word: str) -> int:
    return TEXT.index(word)


def test_and_is_the_shared_text_and_overlap_the_whole_codings() -> None:
    a = coding(1, A, at("Pour"), at("On éteint"))          # "Pour moi, c'est la sobriété. "
    b = coding(2, B, at("la sobriété"), at("le soir"))      # "la sobriété. On éteint les écrans "
    far = coding(3, B, at("six"), len(TEXT))
    both = Resolved(codes=frozenset({A}), and_codes=(frozenset({B}),))
    assert spans(both, [a, b, far]) == [(at("la sobriété"), at("On éteint"), [1, 2])]
    whole = Resolved(codes=frozenset({A}), and_codes=(frozenset({B}),), overlap=True)
    assert spans(whole, [a, b, far]) == [(at("Pour"), at("le soir"), [1, 2])]


def test_and_with_two_codes_needs_all_three() -> None:
    a = coding(1, A, at("Pour"), len(TEXT))
    b = coding(2, B, at("sobriété"), at("Et on garde"))
    c = coding(3, C, at("On éteint"), len(TEXT))
    query = Resolved(codes=frozenset({A}), and_codes=(frozenset({B}), frozenset({C})))
    assert spans(query, [a, b, c]) == [(at("On éteint"), at("Et on garde"), [1, 2, 3])]
    assert spans(query, [a, b]) == []


def test_not_keeps_codings_that_share_no_text() -> None:
    a1 = coding(1, A, at("Pour"), at("On éteint"))
    a2 = coding(2, A, at("Et on garde"), len(TEXT))
    b = coding(3, B, at("sobriété"), at("le soir"))
    query = Resolved(codes=frozenset({A}), not_codes=frozenset({B}))
    assert spans(query, [a1, a2, b]) == [(at("Et on garde"), len(TEXT), [2])]


def test_near_counts_words_with_the_one_word_definition() -> None:
    a = coding(1, A, at("sobriété"), at("sobriété") + len("sobriété"))
    b = coding(2, B, at("écrans"), at("écrans") + len("écrans"))
    # Between them: ". On éteint les " -> On, éteint, les: three words.
    near2 = Resolved(codes=frozenset({A}), and_codes=(frozenset({B}),), near=2)
    near3 = Resolved(codes=frozenset({A}), and_codes=(frozenset({B}),), near=3)
    assert spans(near2, [a, b]) == []
    assert spans(near3, [a, b]) == [(a.start, b.end, [1, 2])]
    # "c'est" is two words (elision): from "moi" to "sobriété" there are c', est, la.
    m = coding(3, C, at("moi"), at("moi") + 3)
    near = Resolved(codes=frozenset({C}), and_codes=(frozenset({A}),), near=3)
    assert spans(near, [m, a]) == [(m.start, a.end, [3, 1])]
    assert spans(Resolved(codes=frozenset({C}), and_codes=(frozenset({A}),), near=2),
                 [m, a]) == []
    apart = Resolved(codes=frozenset({A}), not_codes=frozenset({B}), near=3)
    assert spans(apart, [a, b]) == []


def test_speaker_and_coder_filters() -> None:
    q = coding(1, A, at("Et le"), at("?"), "bob")
    r = coding(2, A, at("Pour"), at("On éteint"), "ana")
    anyone = Resolved(codes=frozenset({A}))
    assert [s[2] for s in spans(anyone, [q, r])] == [[1], [2]]
    assert [s[2] for s in spans(Resolved(codes=frozenset({A}), speakers=("r",)), [q, r])] == [
        [2]]
    assert [s[2] for s in spans(Resolved(codes=frozenset({A}), coders=("bob",)), [q, r])] == [
        [1]]


def test_passages_that_touch_are_merged() -> None:
    a = coding(1, A, at("Pour"), len(TEXT))
    b1 = coding(2, B, at("Pour"), at("On éteint"))
    b2 = coding(3, B, at("On éteint"), at("Et on"), "bob")
    query = Resolved(codes=frozenset({A}), and_codes=(frozenset({B}),))
    assert spans(query, [a, b1, b2]) == [(at("Pour"), at("Et on"), [1, 2, 3])]


@pytest.fixture
def small(tmp_path: Path) -> Project:
    project = Project.create(str(tmp_path / "q.sqlite"))
    project.add_documents([
        NewDocument("commune.txt", TEXT, "commune.txt", "txt", "utf-8", TURNS,
                    {"type_collectivite": "commune"}),
        NewDocument("epci.txt", TEXT.replace("six", "cinq"), "epci.txt", "txt", "utf-8",
                    TURNS, {"type_collectivite": "EPCI"})])
    parent = project.add_code("numérique responsable")
    project.add_code("sobriété", parent.id)
    project.add_code("matériel")
    return project


def test_the_project_query_and_the_command_line(small: Project, run_cli: CliRunner) -> None:
    commune, epci = small.documents()
    nr, sob, mat = (small.code(n).id for n in ("numérique responsable", "sobriété",
                                                 "matériel"))
    for doc in (commune, epci):
        small.add_coding(doc.id, at("Pour"), len(TEXT), nr, "ana")
        small.add_coding(doc.id, at("la sobriété"), at("Et on"), sob, "bob")
    small.add_coding(epci.id, at("On éteint"), at("le soir"), mat, "ana")
    found = run_query(small, CodingQuery(codes=("numérique responsable",),
                                         and_codes=("matériel",)))
    assert [(p.document, p.text) for p in found] == [("epci.txt", "On éteint les écrans ")]
    assert found[0].codes == ["numérique responsable", "numérique responsable/sobriété",
                              "matériel"]
    # A sub-code named with --and does not count for --code as well.
    found = run_query(small, CodingQuery(codes=("numérique responsable",),
                                         and_codes=("sobriété",),
                                         where=(("type_collectivite", "EPCI"),)))
    assert [p.text for p in found] == [TEXT[at("la sobriété"):at("Et on")]]
    location = small.location
    small.close()

    result = run_cli("-p", location, "segments", "--code", "numérique responsable",
                     "--not", "matériel", "--speaker", "R")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [(r["document"], r["code"]) for r in rows] == [
        ("commune.txt", "numérique responsable"), ("commune.txt",
                                                   "numérique responsable/sobriété")]
    result = run_cli("-p", location, "segments", "--code", "sobriété", "--and", "matériel",
                     "--overlap", "--format", "json")
    (row,) = json.loads(result.out)
    assert row["text"] == TEXT[at("la sobriété"):at("Et on")]
    assert row["code"] == "numérique responsable/sobriété & matériel"
    assert row["coder"] == "bob, ana" and len(row["coding_id"]) == 2
    result = run_cli("-p", location, "segments", "--code", "matériel", "--coder", "bob")
    assert result.code == 0 and "No passage" in result.err
    result = run_cli("-p", location, "segments", "--and", "matériel")
    assert result.code == 2 and "need --code" in result.err
    result = run_cli("-p", location, "segments", "--code", "sobriété", "--near", "3")
    assert result.code == 2 and "--and CODE" in result.err


def test_a_bad_query_is_one_sentence(small: Project) -> None:
    with pytest.raises(UserError, match="No code 'rien'"):
        run_query(small, CodingQuery(codes=("rien",)))
    with pytest.raises(UserError, match="0 or more"):
        run_query(small, CodingQuery(codes=("sobriété",), and_codes=("matériel",), near=-1))
