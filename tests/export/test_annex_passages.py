"""Annexes a researcher pastes as they are: each passage quoted once, citable references,
the interviewer's question, interviews told apart, A4 pages in the annex's language.

The fixture codes one answer under three codes, an adjacent sentence under a fourth and
an overlapping span under a fifth, in two interviews whose speakers are described alike,
one of them timed, and an OCR'd extract without speaker turns.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tests.conftest import CliRunner
from tests.export.conftest import coded_project

FRONT = """---
genre: femme
role: élu·e
type_collectivite: commune
population: 2000-3500
collectivite: {name}
---
"""
DOCS = {
    "a.txt": FRONT.format(name="Commune D") + """\
Enquêtrice : Est-ce que l'expression « numérique responsable », ça vous parle ?

Élue : Oui, beaucoup. Nous avons choisi un serveur en France. Et nous gardons les \
ordinateurs plus longtemps.

Enquêtrice : Et la sobriété ?

Élue : On éteint tout le soir.
""",
    "b.txt": FRONT.format(name="Commune F") + """\
[00:12:30] Enquêtrice : Et le réemploi ?

[00:12:41] Élue : Nous donnons les vieux postes à une association.
""",
    "c.txt": """Entretien avec un élu

Le numérique responsable, c'est d'abord
la sobriété, et le réem-
ploi.

33

Ensuite vient le reste.
""",
}
S1 = "Oui, beaucoup. Nous avons choisi un serveur en France."
S2 = "Et nous gardons les ordinateurs plus longtemps."
S3 = "serveur en France. Et nous"
C1 = "Le numérique responsable, c'est d'abord\nla sobriété, et le réem-\nploi.\n\n33\n\nEnsuite"
CODINGS = [
    ("a.txt", S1, "numérique responsable"), ("a.txt", S1, "sobriété"),
    ("a.txt", S1, "greenwashing"), ("a.txt", S2, "réemploi et recyclage"),
    ("a.txt", S3, "prestataires"), ("a.txt", "On éteint tout le soir.", "consommation électrique"),
    ("b.txt", "Nous donnons les vieux postes à une association.", "réemploi et recyclage"),
    ("c.txt", C1, "numérique responsable"),
]


@pytest.fixture(scope="module")
def _passages_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return coded_project(tmp_path_factory.mktemp("passages") / "p.sqlite", DOCS, CODINGS,
                         "default")


@pytest.fixture
def passages(_passages_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "p.sqlite"
    shutil.copy(_passages_template, target)
    return target


def _flat(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


def test_a_passage_coded_three_times_is_quoted_once_with_its_codes(
        passages: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "by-doc.txt"
    result = run_cli("--lang", "fr", "-p", passages, "export", "extracts", "-o", out,
                     "--group-by", "document")
    assert result.code == 0, result.err
    text = _flat(out)
    # S1 (three codes), S2 next to it and S3 across both: one quote, every code listed.
    assert text.count("Nous avons choisi un serveur en France.") == 1
    assert (f"{S1} {S2}" in text)
    assert ("(E1, tour 2 — codes : prestataires, numérique responsable, sobriété, "
            "réemploi et recyclage, greenwashing)") in text


def test_grouped_by_code_each_group_quotes_a_passage_once(
        passages: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "by-code.md"
    result = run_cli("--lang", "fr", "-p", passages, "export", "extracts", "-o", out,
                     "--code", "numérique responsable")
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert re.findall(r"^## (.+)$", text, re.MULTILINE) == ["numérique responsable"]
    assert text.count("Nous avons choisi un serveur en France.") == 1
    assert "*(E1, tour 2 — codes : sobriété, greenwashing)*" in text  # the group's own code aside
    assert "*(E1, tour 2 — codes : réemploi et recyclage)*" in text  # adjacent, apart by code
    # Without --code each code is a group, headed by its name, not its path.
    every = tmp_path / "every.md"
    assert run_cli("--lang", "fr", "-p", passages, "export", "extracts", "-o", every).code == 0
    groups = re.findall(r"^## (.+)$", every.read_text(encoding="utf-8"), re.MULTILINE)
    assert groups == ["prestataires", "numérique responsable", "sobriété",
                      "consommation électrique", "réemploi et recyclage", "greenwashing"]
    assert not [g for g in groups if "/" in g]
    crumbs = tmp_path / "crumbs.md"
    assert run_cli("-p", passages, "export", "extracts", "-o", crumbs, "--breadcrumb").code == 0
    assert "## numérique responsable › sobriété › consommation électrique" in crumbs.read_text(
        encoding="utf-8")


def test_references_are_citable_and_name_no_file(passages: Path, tmp_path: Path,
                                                 run_cli: CliRunner) -> None:
    out = tmp_path / "refs.txt"
    assert run_cli("--lang", "fr", "-p", passages, "export", "extracts", "-o", out,
                   "--group-by", "document").code == 0
    text = _flat(out)
    assert "(E2, 12 min 41 — codes : réemploi et recyclage)" in text  # a timed turn
    assert "(E3, § 2 — codes : numérique responsable)" in text  # no turns: the paragraph
    assert ".txt" not in text and "car." not in text
    # Two interviews described alike are told apart by their number.
    assert "Entretien avec une élue, commune entre 2000 et 3500 habitants (E1)" in text
    assert "Entretien avec une élue, commune entre 2000 et 3500 habitants (E2)" in text
    custom = tmp_path / "custom.txt"
    result = run_cli("--lang", "fr", "-p", passages, "export", "extracts", "-o", custom,
                     "--group-by", "document", "--reference",
                     "{collectivite}, {locus} ({document}, {start}–{end})")
    assert result.code == 0, result.err
    assert "(Commune D, tour 2 (a.txt, " in _flat(custom)
    bad = run_cli("-p", passages, "export", "extracts", "-o", tmp_path / "x.txt",
                  "--reference", "{numero}, {locus}")
    assert bad.code == 2 and "{numero}" in bad.err and "reference template" in bad.err
    assert not (tmp_path / "x.txt").exists()


def test_ocr_line_breaks_and_page_numbers_leave_the_quote(passages: Path, tmp_path: Path,
                                                          run_cli: CliRunner) -> None:
    out = tmp_path / "all.md"
    assert run_cli("-p", passages, "export", "extracts", "-o", out, "--group-by",
                   "document").code == 0
    text = out.read_text(encoding="utf-8")
    assert "> Le numérique responsable, c'est d'abord la sobriété, et le réem-ploi." in text
    assert "> 33" not in text and "> Ensuite" in text


def test_the_question_before_each_answer(passages: Path, tmp_path: Path,
                                         run_cli: CliRunner) -> None:
    out = tmp_path / "q.txt"
    assert run_cli("-p", passages, "export", "extracts", "-o", out, "--group-by", "document",
                   "--group-intro", "question").code == 0
    text = _flat(out)
    question = "Enquêtrice : Est-ce que l'expression « numérique responsable », ça vous parle ?"
    assert text.count(question) == 1
    assert text.index(question) < text.index(S1)
    assert text.index("Enquêtrice : Et la sobriété ?") < text.index("On éteint tout le soir.")
    assert "[00:12:30] Enquêtrice : Et le réemploi ?" in text
    assert "Élue :" not in text  # the quote gives the words; the speaker is in the heading


def test_docx_is_a4_french_with_real_styles_and_page_numbers(
        passages: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "annexe.docx"
    assert run_cli("--lang", "fr", "-p", passages, "export", "extracts", "-o", out,
                   "--code", "numérique responsable", "--title", "Annexe 2").code == 0
    doc = Document(str(out))
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    quote = doc.styles["Quote"]
    assert not quote.font.italic and quote.paragraph_format.left_indent is not None
    assert quote.paragraph_format.left_indent.cm >= 0.9
    styles = {p.style.name for p in doc.paragraphs if p.style is not None}
    assert {"Title", "Heading 1", "Heading 2", "Quote", "Extract Reference"} <= styles
    with zipfile.ZipFile(out) as archive:
        assert 'w:lang w:val="fr-FR"' in archive.read("word/styles.xml").decode()
        footers = [n for n in archive.namelist() if n.startswith("word/footer")]
        assert footers and 'w:instr="PAGE"' in archive.read(footers[0]).decode()
    props = doc.core_properties
    assert props.language == "fr-FR" and props.title == "Annexe 2"
    assert "export extracts" in props.comments and "Empreinte du corpus" in props.comments
    assert "-p " not in props.comments and str(passages) not in props.comments


def test_odt_is_a4_french_with_page_numbers_and_provenance(
        passages: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "annexe.odt"
    assert run_cli("--lang", "fr", "-p", passages, "export", "extracts", "-o", out).code == 0
    with zipfile.ZipFile(out) as archive:
        styles = archive.read("styles.xml").decode()
        meta = archive.read("meta.xml").decode()
        names = archive.namelist()
    assert names[0] == "mimetype"
    assert 'fo:page-width="21cm"' in styles and 'fo:page-height="29.7cm"' in styles
    assert 'fo:language="fr"' in styles and 'fo:country="FR"' in styles
    assert "text:page-number" in styles
    assert 'meta:name="verbatims-command"' in meta and "export extracts" in meta
    assert "<dc:language>fr-FR</dc:language>" in meta


def test_english_when_asked(passages: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "annex.docx"
    assert run_cli("--lang", "en", "-p", passages, "export", "extracts", "-o", out,
                   "--group-by", "document").code == 0
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "Interview extracts"
    assert doc.core_properties.language == "en-GB"
    assert any(p.text.startswith("I1, turn 2") for p in doc.paragraphs)


@pytest.mark.parametrize("fmt", ["docx", "odt", "xlsx", "html"])
def test_the_same_project_gives_the_same_bytes(fmt: str, passages: Path, tmp_path: Path,
                                               run_cli: CliRunner) -> None:
    files = []
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        out = tmp_path / folder / f"annexe.{fmt}"
        assert run_cli("-p", passages, "export", "extracts", "-o", out).code == 0
        files.append(out.read_bytes())
    assert files[0] == files[1]
    # A new coding is a new state of the project: the file says so.
    assert run_cli("-p", passages, "code", "a.txt", "0", "10", "sobriété").code == 0
    (tmp_path / "three").mkdir()
    third = tmp_path / "three" / f"annexe.{fmt}"
    assert run_cli("-p", passages, "export", "extracts", "-o", third).code == 0
    assert third.read_bytes() != files[0]



def test_the_reports_annexe2_rebuilt_from_its_ocr_extracts(annexe2_path: Path, tmp_path: Path,
                                                           run_cli: CliRunner) -> None:
    """The study's own extracts (shared material), each answer coded whole and parts of it
    again under sub-codes: one section per interview, each passage quoted once."""
    from verbatims.store import Project

    project = Project.open(str(annexe2_path))
    whole = project.code("numérique responsable").id
    parts = [project.code(n).id for n in ("sobriété", "greenwashing", "réemploi et recyclage")]
    attrs = project.attributes()
    ocr = [d for d in project.documents()
           if str(attrs.get(d.id, {}).get("collectivite", "")).startswith("Annexe 2")]
    assert len(ocr) == 6
    for n, interview in enumerate(ocr):
        text = project.text(interview.id)
        start = text.index("\n\n") + 2  # the heading the OCR kept is not the answer
        end = len(text.rstrip())
        project.add_coding(interview.id, start, end, whole, "test")
        middle = start + (end - start) // 3
        project.add_coding(interview.id, middle, middle + (end - start) // 4, parts[n % 3],
                           "test")
    project.close()
    out = tmp_path / "annexe2.docx"
    result = run_cli("--lang", "fr", "-p", annexe2_path, "export", "extracts", "-o", out,
                     "--code", "numérique responsable", "--group-by", "document",
                     "--title", "Annexe 2 : Numérique responsable, une expression qui vous parle ?")
    assert result.code == 0, result.err
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style is not None
                and p.style.name == "Heading 1"]
    assert len(headings) == 6
    assert headings[1] == "Entretien avec un élu, commune entre 7000 et 10\u00a0000 habitants"
    assert headings[3] == "Entretien avec une élue, commune entre 2000 et 3500 habitants"
    refs = [p.text for p in doc.paragraphs if p.style is not None
            and p.style.name == "Extract Reference"]
    assert len(refs) == 6  # twelve codings, six passages
    quotes = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Quote"]
    assert sum("on ne fait qu’équiper" in q for q in quotes) == 1
    assert "33" not in quotes  # the OCR'd page number
