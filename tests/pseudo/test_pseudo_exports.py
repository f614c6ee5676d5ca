"""Every exporter takes --pseudonymize, and every output names no one, file names included.

The fixture's interviews are saved under the interviewees' names, as researchers
name them; the check reads each output back with `pseudonymize --check`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliRunner
from verbatims.errors import UserError
from verbatims.files import write_text
from verbatims.pseudo import guard
from verbatims.pseudo.check import check_file
from verbatims.pseudo.replace import KeyEntry, Pseudonymizer, leaks

FORMS = ["Yannick Guillou", "Guillou", "guillou", "Kerhervé", "kerherve", "Lannion",
         "Saint-Brieuc", "Nathalie Le Floch", "lefloch"]
EXPORTS = [
    ("annexe.docx", ["export", "extracts", "--context", "5"]),
    ("annexe.odt", ["export", "extracts", "--group-by", "document"]),
    ("annexe.xlsx", ["export", "extracts", "--group-by", "document"]),
    ("annexe.html", ["export", "extracts"]),
    ("annexe.md", ["export", "extracts", "--group-by", "document"]),
    ("annexe.csv", ["export", "extracts"]),
    ("grille.docx", ["export", "grid"]),
    ("grille.xlsx", ["export", "grid"]),
    ("grille.html", ["export", "grid"]),
    ("projet.qdpx", ["export", "qdpx"]),
    ("segments.csv", ["segments"]),
    ("segments.json", ["segments", "--format", "json"]),
    ("cooc.gexf", ["cooc", "--pivot", "informatique", "--min-freq", "1", "--window", "0", "--all"]),
    ("cooc.csv", ["cooc", "--pivot", "informatique", "--min-freq", "1", "--window", "1", "--all"]),
    ("nuage.svg", ["cloud"]),
    ("simi.svg", ["similitude", "--top", "40"]),
    ("simi.gexf", ["similitude", "--top", "40"]),
    ("simi.csv", ["similitude", "--top", "40"]),
    ("kwic.html", ["kwic", "guillou"]),  # the match itself is a name
    ("kwic.docx", ["kwic", "informatique", "--width", "80"]),
    ("kwic.csv", ["kwic", "dossier"]),
    ("carte.svg", ["map"]),
    ("saturation.csv", ["saturation"]),
    ("saturation.svg", ["saturation", "--label", "commune"]),  # names under the bars
    ("stats.xlsx", ["stats", "--by", "commune"]),
    ("stats.csv", ["stats", "--by", "commune"]),
]


@pytest.fixture
def named_project(pseudo_project: Path, key_dir: Path, run_cli: CliRunner) -> tuple[Path, Path]:
    """The fixture's documents renamed after their interviewees, with names everywhere."""
    from verbatims.store import Project

    project = Project.open(str(pseudo_project))
    names = {"elue.txt": "guillou-saint-brieuc.txt", "agent.txt": "lefloch-lannion.txt"}
    code = project.code("prestataires")
    for doc in project.documents():
        _rename(pseudo_project, doc.id, names[doc.name])
        project.set_attributes(doc.id, {"commune": "Saint-Brieuc" if doc.name == "elue.txt"
                                        else "Lannion"})
        project.set_summary(doc.id, code.id, "Yannick Guillou passe à Lannion.", "alice")
        project.set_memo("document", doc.id, "Relire avec Kerhervé.", "alice")
    project.close()
    key = key_dir / "cle.csv"
    result = run_cli("-p", pseudo_project, "pseudonymize", "--key", key)
    assert result.code == 0, result.err
    return pseudo_project, key


def _rename(path: Path, doc_id: int, name: str) -> None:
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute("UPDATE documents SET name = ?, source_path = ? WHERE id = ?",
                   (name, f"/home/chercheuse/entretiens/{name}", doc_id))


@pytest.mark.parametrize(("name", "args"), EXPORTS, ids=[e[0] for e in EXPORTS])
def test_every_export_names_no_one(name: str, args: list[str], named_project: tuple[Path, Path],
                                   tmp_path: Path, run_cli: CliRunner) -> None:
    project, key = named_project
    plain = tmp_path / f"plain-{name}"
    assert run_cli("-p", project, *args, "-o", plain).code == 0
    gold = Pseudonymizer([KeyEntry(f, "[x]") for f in FORMS])
    if not name.startswith(("carte", "stats.csv")):
        assert check_file(plain, gold), f"the plain {name} shows no name: the test proves nothing"
    out = tmp_path / name
    result = run_cli("-p", project, *args, "-o", out, "--pseudonymize", "--key", key)
    assert result.code == 0, result.err
    assert check_file(out, gold) == []
    assert run_cli("-p", project, "pseudonymize", "--check", out, "--key", key).code == 0


def test_documents_are_named_by_a_neutral_label(named_project: tuple[Path, Path],
                                                tmp_path: Path, run_cli: CliRunner) -> None:
    project, key = named_project
    out = tmp_path / "segments.csv"
    assert run_cli("-p", project, "segments", "-o", out, "--pseudonymize", "--key", key).code == 0
    text = out.read_text(encoding="utf-8")
    assert "Entretien 1" in text and "Entretien 2" in text and ".txt" not in text
    assert run_cli("-p", project, "pseudonymize", "--no-ner", "--label", "E{n} ({commune})",
                   "--key", key).code == 0
    assert run_cli("-p", project, "segments", "-o", out, "--pseudonymize", "--key", key).code == 0
    assert "E1 ([Lieu" in out.read_text(encoding="utf-8")


def test_segments_offsets_point_into_the_pseudonymised_text(named_project: tuple[Path, Path],
                                                            tmp_path: Path,
                                                            run_cli: CliRunner) -> None:
    import json
    import zipfile

    project, key = named_project
    seg = tmp_path / "s.json"
    qdpx = tmp_path / "p.qdpx"
    assert run_cli("-p", project, "segments", "--format", "json", "-o", seg, "--pseudonymize",
                   "--key", key).code == 0
    assert run_cli("-p", project, "export", "qdpx", "-o", qdpx, "--pseudonymize",
                   "--key", key).code == 0
    rows = json.loads(seg.read_text(encoding="utf-8"))
    with zipfile.ZipFile(qdpx) as zf:
        texts = [zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("sources/")]
    for row in rows:
        assert any(t[row["start"]:row["end"]] == row["text"] for t in texts)


def test_an_output_that_still_names_someone_is_never_written(tmp_path: Path) -> None:
    """The post-write check: a writer that forgot a field leaves no file behind."""
    pz = Pseudonymizer([KeyEntry("Yannick Guillou", "[Personne A]", "PER",
                                 ("Yannick", "Guillou"))])
    target = tmp_path / "annexe.md"
    with guard.protecting(pz):
        write_text(tmp_path / "ok.md", "[Personne A] passe.")
        with pytest.raises(UserError, match="still named someone") as caught:
            write_text(target, "Propriétés : auteur GUILLOU\n")
    assert caught.value.exit_code == 2
    assert not target.exists() and list(tmp_path.iterdir()) == [tmp_path / "ok.md"]
    write_text(target, "GUILLOU")  # outside the block nothing is checked
    assert leaks(target.read_text(encoding="utf-8"), ["Guillou"])


def test_pseudonymised_quotes_start_and_end_where_the_plain_ones_do(
        named_project: tuple[Path, Path], tmp_path: Path, run_cli: CliRunner) -> None:
    """A name before a turn shifts the pseudonymised text: each quote must still open on
    the speaker's first word ("Et Madame…", not "adame…") and close on their last."""
    import re

    project, key = named_project
    plain, hidden = tmp_path / "plain.md", tmp_path / "hidden.md"
    assert run_cli("-p", project, "export", "extracts", "-o", plain).code == 0
    assert run_cli("-p", project, "export", "extracts", "-o", hidden, "--pseudonymize",
                   "--key", key).code == 0

    def quotes(path: Path) -> list[str]:
        return [m.strip() for m in re.findall(r"^> (.+)$", path.read_text(encoding="utf-8"),
                                               re.MULTILINE)]

    shown, real = quotes(hidden), quotes(plain)
    assert len(shown) == len(real) >= 3
    for a, b in zip(shown, real, strict=True):
        assert a.split()[0] == b.split()[0] or a.startswith("["), (a, b)
        assert a[-1] == b[-1], (a, b)
