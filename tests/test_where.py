"""One attribute filter for the command line, the store, the exports and the workbench.

The rule (verbatims/where.py): case, accents, apostrophes and spaces aside, and a
value in inclusive French standing for its masculine and feminine forms.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from verbatims.analysis.codes import select_documents
from verbatims.errors import UserError
from verbatims.store import Project
from verbatims.tui import filters
from verbatims.tui.data import overview
from verbatims.where import forms, known_key, parse_where, resolve_key, same, select, tokens

Run = Callable[..., Any]


@pytest.mark.parametrize("typed,value", [
    ("agent", "agent·e"), ("agente", "agent·e"), ("agent·e", "agent"), ("agent·e", "agente"),
    ("AGENT", "Agent·e"), ("élu", "élu·e"), ("elue", "Élu·e"), ("élu", "élu.e"),
    ("élue", "élu-e"), ("élu", "élu(e)"), ("élus", "élu·e·s"), ("élues", "élu(e)s"),
    ("élue", "élu·e·s"), ("conseillère", "conseiller·ère"), ("conseiller", "conseiller·e"),
    ("directrice", "directeur·rice"), ("directrice", "directeur·trice"),
    ("chargée de mission", "chargé·e de mission"), ("charge de mission", "Chargé·e de  mission"),
    ("citoyenne", "citoyen·ne"), ("vendeuse", "vendeur·euse"), ("cheffe", "chef·fe"),
    ("l'agglo", "L’Agglo"), ("entre 20 000 et 25 000", "entre 20\u00a0000 et 25 000"),
    ("EPCI", "epci"), ("", None),
])
def test_what_a_researcher_types_finds_the_value(typed: str, value: str | None) -> None:
    assert same(typed, value)


@pytest.mark.parametrize("typed,value", [
    ("agente", "agent"),  # values written apart stay apart
    ("élu", "élue"), ("élue", "élu"),
    ("agent", "agent de maîtrise"),  # a value is matched whole, not as a substring
    ("commune", "communes"), ("porte", "porte-parole"), ("saint", "Saint-Brieuc"),
    ("EPCI", ""), ("x", None),
])
def test_different_values_stay_different(typed: str, value: str | None) -> None:
    assert not same(typed, value)


def test_ordinary_hyphens_and_dots_are_not_inclusive_writing() -> None:
    assert forms("Porte-parole") == {"porte-parole"}
    assert forms("2000-3500") == {"2000-3500"}
    assert forms("Saint-Brieuc") == {"saint-brieuc"}
    assert forms("élu·e·s et agent·e·s") >= {"elus et agents", "elues et agentes"}


def test_keys_and_tokens() -> None:
    keys = ["type_collectivite", "rôle", "Genre"]
    assert resolve_key("ROLE", keys) == "rôle" and resolve_key("genre", keys) == "Genre"
    assert resolve_key("couleur", keys) is None
    with pytest.raises(UserError, match="No attribute 'couleur'.*rôle"):
        known_key("couleur", keys)
    assert tokens('role="chargée de mission" EPCI type=« commune nouvelle » l\'agglo') == [
        "role=chargée de mission", "EPCI", "type=commune nouvelle", "l'agglo"]
    assert parse_where(["role = agent·e", "genre="]) == [("role", "agent·e"), ("genre", "")]
    with pytest.raises(UserError, match="ATTRIBUTE=VALUE"):
        parse_where(["EPCI"])


def test_select_ors_one_key_and_ands_keys() -> None:
    attrs = {1: {"role": "élu·e", "genre": "femme"}, 2: {"role": "agent·e", "genre": "homme"},
             3: {"role": "élu", "genre": "homme"}, 4: {"genre": "femme"}}
    keys = ["role", "genre"]
    assert select(attrs, [("role", "élu")], keys, [1, 2, 3, 4]) == [1, 3]
    assert select(attrs, [("role", "élue")], keys, [1, 2, 3, 4]) == [1]
    assert select(attrs, [("role", "élu"), ("role", "agent")], keys, [4, 3, 2, 1]) == [3, 2, 1]
    assert select(attrs, [("Rôle", "élu"), ("genre", "Homme")], keys, [1, 2, 3, 4]) == [3]
    assert select(attrs, [("role", "")], keys, [1, 2, 3, 4]) == [4]
    assert select(attrs, [], keys, [2, 1]) == [2, 1]


DOCS = {
    "elue.txt": "---\nrole: élu·e\ngenre: femme\n---\nE : Bonjour.\n\nR : Nous avons "
                "un serveur.\n",
    "agente.txt": "---\nrole: agente\ngenre: femme\n---\nE : Bonjour.\n\nR : Le serveur "
                  "est ancien.\n",
    "agent.txt": "---\nrole: Agent·e\ngenre: homme\n---\nE : Bonjour.\n\nR : Nous "
                 "changeons de serveur.\n",
    "maire.txt": "---\nrole: maire\ngenre: homme\n---\nE : Bonjour.\n\nR : Pas de "
                 "serveur ici.\n",
}


@pytest.fixture
def roles(tmp_path: Path, run_cli: Run) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    book = tmp_path / "grille.yaml"
    book.write_text("name: Grille\ncodes:\n  - name: serveur\n", encoding="utf-8")
    project = tmp_path / "roles.sqlite"
    assert run_cli("-p", project, "init", "--codebook", book).code == 0
    assert run_cli("-p", project, "import", corpus).code == 0
    opened = Project.open(str(project))
    texts = {d.name: opened.text(d.id) for d in opened.documents()}
    opened.close()
    for name, text in texts.items():
        start = text.index("R : ") + len("R : ")
        end = text.index("\n", start)
        assert run_cli("-p", project, "code", name, start, end, "serveur").code == 0
    return project


def _documents(run_cli: Run, project: Path, *where: str) -> set[str]:
    args = [a for w in where for a in ("--where", w)]
    result = run_cli("-p", project, "segments", "--format", "csv", *args)
    assert result.code == 0, result.err
    return {row["document"] for row in csv.DictReader(io.StringIO(result.out))}


@pytest.mark.parametrize("typed,expected", [
    ("role=agent", {"agent.txt"}),
    ("role=AGENTE", {"agent.txt", "agente.txt"}),
    ("Rôle=agent·e", {"agent.txt", "agente.txt"}),
    ("role=élue", {"elue.txt"}),
    ("role=elu", {"elue.txt"}),
    ("role=maire", {"maire.txt"}),
])
def test_command_line_store_analysis_and_workbench_agree(roles: Path, run_cli: Run,
                                                         typed: str,
                                                         expected: set[str]) -> None:
    """`segments --where`, `select_documents` (figures), the exports' segments and the
    workbench's document filter give the same documents for the same filter."""
    assert _documents(run_cli, roles, typed) == expected
    project = Project.open(str(roles))
    try:
        names = {d.id: d.name for d in project.documents()}
        pairs = parse_where([typed])
        assert {names[i] for i in select_documents(project, pairs)} == expected
        assert {s.document for s in project.segments((), pairs)} == expected
        data = overview(project)
        shown = filters.matching(data.documents, data.attributes, data.doc_codes, data.codes,
                                 data.paths, typed)
        assert {d.name for d in shown} == expected
    finally:
        project.close()


def test_export_filter_and_grouping_follow_the_rule(roles: Path, run_cli: Run,
                                                    tmp_path: Path) -> None:
    out = tmp_path / "agents.md"
    result = run_cli("-p", roles, "export", "extracts", "-o", out, "--where", "role=agent",
                     "--group-by", "attribute", "--attribute", "RÔLE")
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "## role: Agent·e" in text and "Entretien avec un Agent" in text
    assert "Nous changeons de serveur." in text
    assert "agente.txt" not in text and "Le serveur est ancien." not in text


def test_an_unknown_attribute_is_one_sentence_everywhere(roles: Path, run_cli: Run) -> None:
    for args in (["segments", "--where", "couleur=bleu"],
                 ["export", "extracts", "-o", str(roles.parent / "x.md"), "--where",
                  "couleur=bleu"],
                 ["map", "-o", str(roles.parent / "x.png"), "--where", "couleur=bleu"]):
        result = run_cli("-p", roles, *args)
        assert result.code == 2 and "No attribute 'couleur'" in result.err, (args, result.err)
    assert not list(roles.parent.glob("x.*"))
