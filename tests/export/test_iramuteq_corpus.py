"""The IRaMuTeQ corpus: written as IRaMuTeQ's reader reads it (`****` lines, starred
variables whose name holds no `_`, no space in a value, no asterisk in the text, no BOM),
and read back with its variables as attributes."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import CliRunner
from verbatims.ingest.formats.iramuteq import split, variable_name, variable_value, variables
from verbatims.store import Project

STAR = re.compile(r"^\*{4}( \*[^\s_*]+_[^\s*]+)*$")


def iramuteq_read(text: str) -> list[tuple[list[str], str]]:
    """The texts as IRaMuTeQ's BuildFromAlceste sees them: a `****` line opens a text
    and its split gives the variables; `-*` lines are themes; other lines are joined."""
    out: list[tuple[list[str], str]] = []
    for line in text.split("\n"):
        if line.startswith("****"):
            out.append((line.split()[1:], ""))
        elif line.startswith("-*"):
            raise AssertionError(f"a theme mark nobody wrote: {line!r}")
        elif line.strip():
            assert out, "text before the first ****"
            out[-1] = (out[-1][0], (out[-1][1] + " " + line).strip())
    return out


def test_names_and_values_follow_iramuteqs_rules() -> None:
    assert variable_name("type_collectivite") == "typeCollectivite"
    assert variable_name("Rôle de l'élu") == "RôleDeLÉlu"
    assert variable_name("2e tour") == "v2eTour"
    assert variable_value("Côtes-d'Armor") == "Côtes_d_Armor"
    assert variable_value("80000+") == "80000plus"
    assert variable_value("élu·e") == "élu_e"
    assert variable_value("chargée de mission numérique") == "chargée_de_mission_numérique"
    assert variables("**** *typeCollectivite_commune *n_12 *urgent") == {
        "typeCollectivite": "commune", "n": "12", "urgent": "yes"}


def test_the_demo_exports_as_iramuteq_reads_it(demo_path: Path, tmp_path: Path,
                                               run_cli: CliRunner) -> None:
    out = tmp_path / "corpus.txt"
    done = run_cli("--project", demo_path, "export", "iramuteq", "-o", out)
    assert done.code == 0, done.err
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
    text = data.decode("utf-8")
    texts = iramuteq_read(text)
    assert len(texts) == 9
    for line in [x for x in text.split("\n") if x.startswith("****")]:
        assert STAR.match(line), line
    star, body = texts[0]
    names = {v.split("_", 1)[0] for v in star}  # IRaMuTeQ's make_etoiles_dict
    assert {"*doc", "*typeCollectivite", "*population", "*role"} <= names
    assert "*typeCollectivite_commune" in star and "*role_élu_e" in star
    assert "Enquêtrice" not in body and "Maire :" not in body  # respondent speech only
    assert "[rires]" not in body and "*" not in body
    assert "petite commune" in body


def test_by_code_one_text_per_extract_with_its_code(demo_path: Path, tmp_path: Path,
                                                    run_cli: CliRunner) -> None:
    project = Project.open(str(demo_path))
    doc = project.document("04-adjointe-commune-2000-3500")
    text = project.text(doc.id)
    start = text.index("Ça repose")
    project.add_coding(doc.id, start, text.index(".", start) + 1,
                       project.code("numérique responsable").id, "test")
    project.close()
    out = tmp_path / "extraits.txt"
    done = run_cli("--project", demo_path, "export", "iramuteq", "--by-code", "-o", out)
    assert done.code == 0, done.err
    texts = iramuteq_read(out.read_text("utf-8"))
    assert len(texts) == 1
    star, body = texts[0]
    assert "*code_numérique_responsable" in star and body.startswith("Ça repose")


def test_a_corpus_imports_back_with_its_variables(demo_path: Path, tmp_path: Path,
                                                  run_cli: CliRunner) -> None:
    out = tmp_path / "corpus.txt"
    assert run_cli("--project", demo_path, "export", "iramuteq", "-o", out).code == 0
    fresh = tmp_path / "fresh.sqlite"
    assert run_cli("--project", fresh, "init").code == 0
    done = run_cli("--project", fresh, "import", out)  # the format is sniffed
    assert done.code == 0, done.err
    # IRaMuTeQ texts are the respondents' speech, without speakers: nothing to check there
    assert "speaker" not in done.out + done.err and "9 documents" in done.out
    project = Project.open(str(fresh))
    try:
        docs = project.documents()
        attrs = project.attributes()
    finally:
        project.close()
    assert len(docs) == 9 and docs[0].name == "01_maire_commune_1000_2000"
    first = attrs[docs[0].id]
    assert first["typeCollectivite"] == "commune" and first["population"] == "1000_2000"
    assert str(first["date"]) == "2023-01-12"
    # into a project that has the attributes, names and values come back as they were
    done = run_cli("--project", demo_path, "import", out, "--format", "iramuteq", "-q")
    assert done.code == 0, done.err
    project = Project.open(str(demo_path))
    try:
        back = [d for d in project.documents() if d.source_format == "iramuteq"]
        values = project.attributes()[back[0].id]
    finally:
        project.close()
    assert values["type_collectivite"] == "commune" and values["role"] == "élu·e"
    assert values["departement"] == "Côtes-d'Armor" and values["population"] == "1000-2000"


def test_an_iramuteq_corpus_written_by_hand(tmp_path: Path, run_cli: CliRunner) -> None:
    corpus = tmp_path / "entretiens.txt"
    corpus.write_text(
        "**** *ent_01 *sexe_femme *age_18_25\n"
        "-*theme_ecole\n"
        "Je parle de l'école, des enfants.\n\n"
        "-*theme_travail\n"
        "Et du travail, beaucoup.\n\n"
        "**** *ent_02 *sexe_homme\n"
        "Un autre texte,\n"
        "sur deux lignes.\n", encoding="utf-8")
    texts = split(corpus.read_text("utf-8"), str(corpus))
    assert [t[0] for t in texts] == [{"ent": "01", "sexe": "femme", "age": "18_25"},
                                     {"ent": "02", "sexe": "homme"}]
    assert texts[0][2] == ["theme_ecole", "theme_travail"]
    assert texts[1][1] == ["Un autre texte, sur deux lignes."]
    project_path = tmp_path / "p.sqlite"
    assert run_cli("--project", project_path, "init").code == 0
    done = run_cli("--project", project_path, "import", corpus, "--format", "iramuteq")
    assert done.code == 0, done.err
    project = Project.open(str(project_path))
    try:
        docs = project.documents()
        first = project.attributes()[docs[0].id]
        body = project.text(docs[0].id)
    finally:
        project.close()
    assert [d.name for d in docs] == ["entretiens-001", "entretiens-002"]
    assert first["thematiques"] == "theme_ecole, theme_travail" and first["age"] == "18_25"
    assert "-*" not in body and "école" in body and "travail" in body


def test_text_before_the_first_text_mark_is_one_sentence(tmp_path: Path,
                                                         run_cli: CliRunner) -> None:
    corpus = tmp_path / "bad.txt"
    corpus.write_text("Un préambule.\n**** *a_1\nTexte.\n", encoding="utf-8")
    project_path = tmp_path / "p.sqlite"
    assert run_cli("--project", project_path, "init").code == 0
    done = run_cli("--project", project_path, "import", corpus, "--format", "iramuteq")
    assert done.code == 2 and "line 1" in done.err and "****" in done.err
    assert "Traceback" not in done.err
