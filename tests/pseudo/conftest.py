"""A small coded project whose interviews name people, a company and places."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from verbatims.cli import main

TEXTS = {
    "elue.txt": """---
genre: femme
role: élu·e
type_collectivite: commune
population: 2000-3500
---
Enquêtrice : Qui s'occupe de l'informatique à la mairie ?

Élue : C'est Yannick Guillou, de chez Armor Informatique à Saint-Brieuc, qui passe \
deux fois par an. Guillou connaît bien le parc.

Élue : Et Madame Kerhervé, la secrétaire de mairie, fait les sauvegardes le vendredi.
""",
    "agent.txt": """---
genre: homme
role: agent·e
type_collectivite: EPCI
population: 80000+
---
Enquêteur : Et vos prestataires ?

Agent : M. GUILLOU, d'ARMOR INFORMATIQUE, est venu ; c'est le prestataire de Yannick
Guillou's old team. Kerhervé's backups, Mme KERHERVE les fait toujours.

Agent : Nathalie Le Floch, à Lannion, suit le dossier avec Ker-
hervé depuis 2019.
""",
}


@pytest.fixture(scope="session")
def _pseudo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pseudo")
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    codebook = Path(__file__).resolve().parents[2] / "codebooks" / "numerique-collectivites.yaml"
    project = folder / "p.sqlite"
    assert main(["-p", str(project), "init", "--codebook", str(codebook)]) == 0
    assert main(["-p", str(project), "import", str(corpus)]) == 0
    from verbatims.store import Project

    opened = Project.open(str(project))
    code = opened.code("prestataires")
    for doc in opened.documents():
        text = opened.text(doc.id)
        for turn in opened.turns(doc.id):
            if turn.role == "respondent":
                opened.add_coding(doc.id, turn.start, turn.end, code.id, "alice")
    opened.close()
    return project


@pytest.fixture
def pseudo_project(_pseudo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "project" / "p.sqlite"
    target.parent.mkdir()
    shutil.copy(_pseudo_template, target)
    return target


@pytest.fixture
def key_dir(tmp_path: Path) -> Path:
    """A folder apart from the project, where a careful user keeps the key."""
    folder = tmp_path / "private"
    folder.mkdir()
    return folder
