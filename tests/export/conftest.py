"""A small annex project built with the real command line: three interviews, a few codings.

The texts hold what exports must survive: a formula-like answer, HTML, Markdown,
the researcher's "[...]" elisions and real-looking names for pseudonymisation.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from verbatims.cli import main

DOCS = {
    "elue.txt": """---
genre: femme
role: élu·e
fonction: adjointe
type_collectivite: commune
population: 2000-3500
---
Enquêtrice : Est-ce que l'expression « numérique responsable », ça vous parle ?

Élue : Oui. Yannick Guillou, notre prestataire chez Armor Informatique, nous en a \
parlé. [...] On a choisi un serveur en France.

Élue : =SOMME(A1:A3) c'est ce que disait Guillou en riant, et <b>Madame Kerhervé</b> aussi.
""",
    "agent.txt": """---
genre: homme
role: agent·e
fonction: DSI
type_collectivite: EPCI
population: 80000+
---
Enquêteur : Et la sobriété ?

Agent : On garde les postes plus longtemps. M. GUILLOU de chez armor informatique
passe tous les ans. On a *vraiment* réduit les impressions.

Agent : -5 % d'électricité en un an, @tous le savent.
""",
    "sans-attributs.txt": """Q : Une question ?

R : Une réponse sans attributs, avec Yannick
Guillou coupé par un retour à la ligne.
""",
}

# (document, quoted text, code): each coded by the command line with offsets found here
CODINGS = [
    ("elue.txt", "Oui. Yannick Guillou, notre prestataire chez Armor Informatique, nous en a "
     "parlé. [...] On a choisi un serveur en France.", "numérique responsable"),
    ("elue.txt", "=SOMME(A1:A3) c'est ce que disait Guillou en riant, et <b>Madame "
     "Kerhervé</b> aussi.", "prestataires"),
    ("agent.txt", "On garde les postes plus longtemps.", "sobriété"),
    ("agent.txt", "M. GUILLOU de chez armor informatique\npasse tous les ans.", "prestataires"),
    ("agent.txt", "-5 % d'électricité en un an, @tous le savent.", "consommation électrique"),
    ("sans-attributs.txt", "Une réponse sans attributs, avec Yannick\nGuillou coupé par un "
     "retour à la ligne.", "prestataires"),
]



@pytest.fixture(scope="session")
def _annex_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    codebook = Path(__file__).resolve().parents[2] / "codebooks" / "numerique-collectivites.yaml"
    return coded_project(tmp_path_factory.mktemp("annex") / "annex.sqlite", DOCS, CODINGS,
                         str(codebook),
                         {"sobriété": "Exemple type de <sobriété> & d'allongement"})


def coded_project(project: Path, docs: dict[str, str],
                  codings: Sequence[tuple[str, str, str]], codebook: str,
                  memos: dict[str, str] | None = None) -> Path:
    """A project built as a user would: `init`, `import` of DOCS written beside it, then
    `code` (as alice) each (document, quote, code), with the memo given for its code."""
    corpus = project.parent / "corpus"
    corpus.mkdir()
    for name, text in docs.items():
        (corpus / name).write_text(text, encoding="utf-8")
    assert main(["-p", str(project), "init", "--codebook", codebook]) == 0
    assert main(["-p", str(project), "import", str(corpus)]) == 0
    from verbatims.store import Project

    opened = Project.open(str(project))
    texts = {d.name: opened.text(d.id) for d in opened.documents()}
    opened.close()
    for doc, quote, code in codings:
        start = texts[doc].index(quote)
        args = ["-p", str(project), "code", doc, str(start), str(start + len(quote)), code,
                "--coder", "alice"]
        if memos and code in memos:
            args += ["--memo", memos[code]]
        assert main(args) == 0
    return project


@pytest.fixture
def annex(_annex_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "annex.sqlite"
    shutil.copy(_annex_template, target)
    return target



GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("VERBATIMS_UPDATE_GOLDEN") == "1"
Golden = Callable[[str, str], None]


def check_golden(name: str, text: str) -> None:
    """Compare with tests/export/golden/NAME; VERBATIMS_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden file {path} was missing and has been written; check it")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file; if the change is intended, rerun with "
        "VERBATIMS_UPDATE_GOLDEN=1")


def dump_docx(path: Path) -> str:
    """Every paragraph and table cell as `style | text`, as python-docx reads them back."""
    from docx import Document

    doc = Document(str(path))
    lines = []
    for para in doc.paragraphs:
        breaks = 'w:br w:type="page"' in para._p.xml
        lines.append(f"{para.style.name if para.style else ''} | {para.text}"
                     + (" <page break>" if breaks else ""))
    for table in doc.tables:
        for row in table.rows:
            lines.append(" || ".join(c.text.replace("\n", " / ") for c in row.cells))
    return "\n".join(lines) + "\n"


def dump_odt(path: Path) -> str:
    """Headings and paragraphs as `tag style | text`, read back with odfpy."""
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    doc = load(str(path))
    lines = []
    for node in doc.text.childNodes:
        if node.qname[0] != TEXTNS:
            continue
        style = node.getAttrNS(TEXTNS, "style-name")
        level = node.getAttrNS(TEXTNS, "outline-level") if node.qname[1] == "h" else None
        tag = node.qname[1] + (level or "")
        lines.append(f"{tag} {style} | {teletype.extractText(node)}")
    return "\n".join(lines) + "\n"


def dump_xlsx(path: Path) -> str:
    """Every sheet's cells (value and type), read back with openpyxl."""
    from openpyxl import load_workbook

    book = load_workbook(str(path))
    lines = []
    for sheet in book.worksheets:
        lines.append(f"== {sheet.title}")
        for row in sheet.iter_rows():
            lines.append(" | ".join(f"{c.value!r}:{c.data_type}" for c in row))
    return "\n".join(lines) + "\n"


def readable(path: Path) -> str:
    """What a user sees in an exported file, as comparable text."""
    fmt = path.suffix.lstrip(".")
    if fmt == "docx":
        return dump_docx(path)
    if fmt == "odt":
        return dump_odt(path)
    if fmt == "xlsx":
        return dump_xlsx(path)
    return path.read_text(encoding="utf-8")


@pytest.fixture
def read_back() -> Callable[[Path], str]:
    return readable


@pytest.fixture
def golden() -> Golden:
    return check_golden

