"""`verbatims pseudonymize` with the real French model, then exports that hide every name."""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from pathlib import Path

import pytest
from docx import Document
from odf import teletype
from odf.opendocument import load
from openpyxl import load_workbook

from tests.conftest import CliRunner
from verbatims.pseudo.replace import leaks

NAMES = ["Yannick Guillou", "Armor Informatique", "Kerhervé", "Nathalie Le Floch",
         "Saint-Brieuc", "Lannion"]


def key_rows(path: Path) -> list[dict[str, str]]:
    """The key's rows as a spreadsheet shows them (the first line names the key)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# verbatims key ")
    return list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))


@pytest.fixture
def keyed(pseudo_project: Path, key_dir: Path, run_cli: CliRunner) -> Path:
    key = key_dir / "key.csv"
    result = run_cli("-p", pseudo_project, "pseudonymize", "--key", key)
    assert result.code == 0, result.err
    assert "warning" not in result.err
    return key


def test_names_are_found_and_given_consistent_labels(keyed: Path) -> None:
    rows = {r["name"]: r for r in key_rows(keyed)}
    for name in ("Yannick Guillou", "Kerhervé", "Nathalie Le Floch"):
        assert name in rows and rows[name]["decision"] == "accepted", sorted(rows)
    assert rows["Yannick Guillou"]["replacement"].startswith("[Personne ")
    # "Guillou" alone is the same person, not a second one
    assert "Guillou" not in rows
    assert "Enquêtrice" not in rows and "Élue" not in rows
    labels = [r["replacement"] for r in rows.values() if r["decision"] == "accepted"]
    assert len(labels) == len(set(labels))


def test_nothing_in_the_project_rebuilds_the_mapping(keyed: Path, pseudo_project: Path) -> None:
    """No name, no label, no salt, no per-name digest: only which key, and how many names."""
    with sqlite3.connect(pseudo_project) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        dump = "\n".join(repr(conn.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables
                         if t not in ("documents", "nlp_tokens", "analysis_cache", "turns",
                                      "attributes", "codings", "history"))
    assert "pseudonyms" not in tables and "pseudonym_salt" not in meta
    labels = [r["replacement"] for r in key_rows(keyed) if r["decision"] == "accepted"]
    assert labels and not any(label in dump for label in labels)
    assert "guillou" not in dump.casefold() and "kerherv" not in dump.casefold()
    assert meta["pseudonym_key_path"] == str(keyed.resolve())
    assert meta["pseudonym_accepted"] == str(len(labels))
    assert keyed.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("fmt", ["docx", "odt", "xlsx", "md", "html", "csv"])
def test_pseudonymised_export_contains_no_accepted_name(fmt: str, keyed: Path,
                                                        pseudo_project: Path, tmp_path: Path,
                                                        run_cli: CliRunner) -> None:
    out = tmp_path / f"annexe.{fmt}"
    result = run_cli("-p", pseudo_project, "export", "extracts", "--format", fmt, "-o", out,
                     "--pseudonymize", "--context", "5")
    assert result.code == 0, result.err
    if fmt == "docx":
        text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    elif fmt == "odt":
        text = teletype.extractText(load(str(out)).text)
    elif fmt == "xlsx":
        sheet = load_workbook(str(out)).active
        assert sheet is not None
        text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row)
    else:
        text = out.read_text(encoding="utf-8")
    accepted = [r["name"] for r in key_rows(keyed) if r["decision"] == "accepted"]
    assert leaks(text, accepted) == []
    assert leaks(text, NAMES) == []
    assert leaks(text, ["Guillou", "Yannick"]) == []
    assert "[Personne" in text


def test_grid_is_pseudonymised_too(keyed: Path, pseudo_project: Path, tmp_path: Path,
                                   run_cli: CliRunner) -> None:
    assert run_cli("-p", pseudo_project, "summary", "set", "elue.txt", "prestataires",
                   "Yannick Guillou (Armor Informatique) passe deux fois par an").code == 0
    out = tmp_path / "grid.html"
    result = run_cli("-p", pseudo_project, "export", "grid", "-o", out, "--pseudonymize")
    assert result.code == 0, result.err
    assert leaks(out.read_text(encoding="utf-8"), NAMES) == []


def test_stored_text_is_never_changed(keyed: Path, pseudo_project: Path,
                                      run_cli: CliRunner) -> None:
    shown = run_cli("-p", pseudo_project, "show", "elue.txt").out
    assert "Yannick Guillou" in shown


def test_export_refuses_to_overwrite_the_key(keyed: Path, pseudo_project: Path,
                                             run_cli: CliRunner) -> None:
    result = run_cli("-p", pseudo_project, "export", "extracts", "--format", "csv", "-o", keyed,
                     "--pseudonymize")
    assert result.code == 2 and "key" in result.err
    assert key_rows(keyed)[0]["name"]


def test_a_key_missing_accepted_names_is_refused(keyed: Path, pseudo_project: Path,
                                                 key_dir: Path, tmp_path: Path,
                                                 run_cli: CliRunner) -> None:
    partial = key_dir / "partial.csv"
    rows = key_rows(keyed)
    with partial.open("w", encoding="utf-8", newline="") as fh:
        fh.write(keyed.read_text(encoding="utf-8").splitlines()[0] + "\n")
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[1:])
    result = run_cli("-p", pseudo_project, "export", "extracts", "--format", "md", "-o",
                     tmp_path / "x.md", "--pseudonymize", "--key", partial)
    assert result.code == 2 and "lacks 1 accepted name" in result.err, result.err
    assert not (tmp_path / "x.md").exists()


def test_rerun_keeps_labels_and_user_lists_name_the_label(
        keyed: Path, pseudo_project: Path, key_dir: Path, run_cli: CliRunner) -> None:
    before = {r["name"]: r["replacement"] for r in key_rows(keyed)}
    names = key_dir / "names.txt"
    names.write_text("# prestataires\nArmor Informatique ; Prestataire\nLanmarec ; Lieu\n",
                     encoding="utf-8")
    result = run_cli("-p", pseudo_project, "pseudonymize", "--list", names)
    assert result.code == 0, result.err
    after = {r["name"]: r["replacement"] for r in key_rows(keyed)}
    for name, label in before.items():
        assert after[name] == label
    assert "Armor Informatique" in before  # found by the first run: its label stays


def test_a_user_list_names_the_label(pseudo_project: Path, key_dir: Path,
                                     run_cli: CliRunner) -> None:
    names = key_dir / "names.txt"
    names.write_text("# prestataires\nArmor Informatique ; Prestataire\nLanmarec ; Lieu\n",
                     encoding="utf-8")
    key = key_dir / "key.csv"
    result = run_cli("-p", pseudo_project, "pseudonymize", "--key", key, "--list", names,
                     "--no-ner")
    assert result.code == 0, result.err
    labels = {r["name"]: r["replacement"] for r in key_rows(key)}
    assert labels["Armor Informatique"] == "[Prestataire 1]"
    assert "Yannick Guillou" not in labels  # no automatic search


def test_review_accepts_rejects_and_renames(pseudo_project: Path, key_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            run_cli: CliRunner) -> None:
    names = key_dir / "names.txt"
    names.write_text("Yannick Guillou ; PER\nSaint-Brieuc ; Lieu\nLannion ; Lieu\n",
                     encoding="utf-8")
    key = key_dir / "key.yaml"
    # candidates come most frequent first: Yannick Guillou, then the two places
    monkeypatch.setattr("sys.stdin", io.StringIO("c\n[Élu·e A]\nr\na\n"))
    result = run_cli("-p", pseudo_project, "pseudonymize", "--review", "--no-ner",
                     "--list", names, "--key", key)
    assert result.code == 0, result.err
    text = key.read_text(encoding="utf-8")
    assert "[Élu·e A]" in text and "rejected" in text
    out = key_dir.parent / "x.md"
    assert run_cli("-p", pseudo_project, "export", "extracts", "--format", "md", "-o", out,
                   "--pseudonymize").code == 0
    exported = out.read_text(encoding="utf-8")
    assert "[Élu·e A]" in exported and leaks(exported, ["Yannick Guillou", "Guillou"]) == []


def test_key_inside_the_project_folder_warns(pseudo_project: Path, run_cli: CliRunner) -> None:
    result = run_cli("-p", pseudo_project, "pseudonymize", "--no-ner", "--key",
                     pseudo_project.parent / "key.csv")
    assert result.code == 0
    assert "inside the project folder" in result.err


def test_export_without_a_key_says_what_to_do(pseudo_project: Path, tmp_path: Path,
                                              run_cli: CliRunner) -> None:
    result = run_cli("-p", pseudo_project, "export", "extracts", "--format", "md", "-o",
                     tmp_path / "x.md", "--pseudonymize")
    assert result.code == 2 and "verbatims pseudonymize --key" in result.err


def test_pseudonymised_qdpx_moves_codings_with_the_text(keyed: Path, pseudo_project: Path,
                                                        tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "anonyme.qdpx"
    result = run_cli("-p", pseudo_project, "export", "qdpx", "-o", out, "--pseudonymize")
    assert result.code == 0, result.err
    with zipfile.ZipFile(out) as zf:
        everything = "\n".join(zf.read(n).decode("utf-8") for n in zf.namelist())
    assert leaks(everything, NAMES) == []
    copy = tmp_path / "copie.sqlite"
    assert run_cli("-p", copy, "import-qdpx", out).code == 0
    from verbatims.store import Project

    project = Project.open(str(copy))
    assert len(project.codings()) == 4  # every respondent turn of the two interviews
    for coding in project.codings():
        quoted = project.text(coding.document_id)[coding.start:coding.end]
        assert quoted.startswith("Élue :") or quoted.startswith("Agent :")
        assert quoted.rstrip().endswith((".", "2019."))
    project.close()


def test_pseudonymised_qdpx_hides_annotations_and_selection_creators(
        keyed: Path, pseudo_project: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    """What other tools' projects bring (issue 17) is hidden too: an annotation's text
    and author, the creator of a selection, for every --for variant."""
    from verbatims.store import Project

    project = Project.open(str(pseudo_project))
    doc = project.documents()[0]
    at = project.turns(doc.id)[-1].start
    project.add_annotation(doc.id, at, at + 20, "Yannick Guillou le redira à Lannion.",
                           "Nathalie Le Floch")
    project.close()
    with sqlite3.connect(pseudo_project) as db:
        db.execute("UPDATE codings SET selected_by = 'Yannick Guillou'")
    db.close()
    for tool in ([], ["--for", "nvivo"], ["--for", "atlas"]):
        out = tmp_path / "anonyme.qdpx"
        result = run_cli("-p", pseudo_project, "export", "qdpx", "-o", out, "--pseudonymize",
                         *tool)
        assert result.code == 0, result.err
        with zipfile.ZipFile(out) as zf:
            everything = "\n".join(zf.read(n).decode("utf-8-sig") for n in zf.namelist())
        assert leaks(everything, NAMES) == []
        assert "le redira" in everything


def test_figures_hide_names_among_their_terms(keyed: Path, pseudo_project: Path,
                                             tmp_path: Path, run_cli: CliRunner) -> None:
    # Six sentences are too few for any term to be significant: add talk without names.
    filler = tmp_path / "filler" / "autre.txt"
    filler.parent.mkdir()
    filler.write_text("Agent : " + " ".join(
        f"Nous parlons du budget {i} et de la mutualisation des services." for i in range(60)),
        encoding="utf-8")
    assert run_cli("-p", pseudo_project, "import", filler.parent).code == 0
    plain = tmp_path / "plain.csv"
    # --all: the names must be hidden among every term drawn, significant or not
    assert run_cli("-p", pseudo_project, "cooc", "--pivot", "informatique", "--min-freq", "1",
                   "--top", "100", "--all", "-o", plain).code == 0
    assert leaks(plain.read_text(encoding="utf-8"), NAMES)  # there are names to hide
    for name in ("hidden.csv", "hidden.gexf"):
        target = tmp_path / name
        result = run_cli("-p", pseudo_project, "cooc", "--pivot", "informatique",
                         "--min-freq", "1", "--top", "100", "--all", "--pseudonymize", "--key",
                         keyed, "-o", target)
        assert result.code == 0 and "pseudonymised" in result.err, result
        text = target.read_text(encoding="utf-8")
        assert "[Personne " in text
        assert not leaks(text, NAMES), name
    cloud = tmp_path / "cloud.svg"
    result = run_cli("-p", pseudo_project, "cloud", "--pseudonymize", "--key", keyed,
                     "-o", cloud)
    assert result.code == 0 and "pseudonymised" in result.err, result
    from verbatims.analysis.terms import term_frequencies
    from verbatims.export.figures.make import _hidden_frequencies  # what the cloud draws
    from verbatims.pseudo.workflow import pseudonymizer
    from verbatims.store import Project

    project = Project.open(str(pseudo_project))
    freqs = _hidden_frequencies(term_frequencies(project, top=None),
                                pseudonymizer(project, keyed))
    assert not leaks(" ; ".join(freqs.table["term"]), NAMES)
    project.close()
