"""The key stays outside: its identity in the project, its mapping nowhere but in the key.

A project pseudonymised before migration 10 (salted digests and labels in the
project) still exports with its old key file, and loses the digests.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from verbatims.pseudo import keyfile
from verbatims.pseudo.replace import leaks
from verbatims.store import Project, pseudonyms

OLD_KEY = ("name,replacement,category,decision,aliases\n"
           "Yannick Guillou,[Personne A],PER,accepted,Yannick | Guillou\n"
           "Kerhervé,[Personne B],PER,accepted,\n"
           "Lannion,[Lieu 1],LOC,accepted,\n"
           "Armor Informatique,,ORG,rejected,\n")


def _make_old_scheme(project: Path) -> None:
    """What migration 4's store held: a salt in meta, a digest and label per name."""
    salt = "0123456789abcdef0123456789abcdef"
    with sqlite3.connect(project) as db:
        db.execute("DELETE FROM schema_migrations WHERE version = 10")
        db.execute("DROP TABLE pseudonym_rejections")
        db.execute("CREATE TABLE pseudonyms (digest VARCHAR(64) PRIMARY KEY, decision "
                   "VARCHAR(10) NOT NULL, replacement VARCHAR(200) NOT NULL, category "
                   "VARCHAR(100) NOT NULL, updated_at VARCHAR(40) NOT NULL)")
        for name, decision, label in (("yannick guillou", "accepted", "[Personne A]"),
                                      ("kerherve", "accepted", "[Personne B]"),
                                      ("lannion", "accepted", "[Lieu 1]"),
                                      ("armor informatique", "rejected", "")):
            digest = hashlib.sha256(f"{salt}\x00{name}".encode()).hexdigest()
            db.execute("INSERT INTO pseudonyms VALUES (?, ?, ?, 'PER', '2024-01-01')",
                       (digest, decision, label))
        db.execute("INSERT INTO meta VALUES ('pseudonym_salt', ?)", (salt,))


def test_an_old_project_exports_with_its_old_key(pseudo_project: Path, key_dir: Path,
                                                 tmp_path: Path, run_cli: CliRunner) -> None:
    _make_old_scheme(pseudo_project)
    old = key_dir / "ancienne-cle.csv"
    old.write_text(OLD_KEY, encoding="utf-8")
    out = tmp_path / "annexe.md"
    result = run_cli("-p", pseudo_project, "export", "extracts", "--format", "md", "-o", out,
                     "--pseudonymize", "--key", old)
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert "[Personne A]" in text and not leaks(text, ["Yannick Guillou", "Kerhervé"])
    with sqlite3.connect(pseudo_project) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    assert "pseudonyms" not in tables and "pseudonym_salt" not in meta
    assert meta["pseudonym_accepted"] == "3"  # carried over: a key missing one is refused
    partial = key_dir / "partielle.csv"
    partial.write_text(OLD_KEY.replace("Lannion,[Lieu 1],LOC,accepted,\n", ""), encoding="utf-8")
    refused = run_cli("-p", pseudo_project, "export", "extracts", "--format", "md", "-o",
                      tmp_path / "b.md", "--pseudonymize", "--key", partial)
    assert refused.code == 2 and "lacks 1 accepted name" in refused.err
    # the next `pseudonymize` keeps every label and stamps the key with its identity
    assert run_cli("-p", pseudo_project, "pseudonymize", "--no-ner", "--key", old).code == 0
    info, decisions = keyfile.read_key(old)
    assert info.key_id and {d.name: d.replacement for d in decisions}["Kerhervé"] == \
        "[Personne B]"


def test_another_projects_key_or_an_older_copy_is_refused(pseudo_project: Path, key_dir: Path,
                                                          tmp_path: Path,
                                                          run_cli: CliRunner) -> None:
    key = key_dir / "cle.csv"
    assert run_cli("-p", pseudo_project, "pseudonymize", "--key", key).code == 0
    copy = key_dir / "copie.csv"
    copy.write_bytes(key.read_bytes())
    assert run_cli("-p", pseudo_project, "pseudonymize", "--key", key).code == 0
    out = tmp_path / "x.md"
    older = run_cli("-p", pseudo_project, "export", "extracts", "-o", out, "--pseudonymize",
                    "--key", copy)
    assert older.code == 2 and "older copy" in older.err and not out.exists()
    other = tmp_path / "autre.sqlite"
    assert run_cli("-p", other, "init").code == 0
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("R : Yannick Guillou est venu.\n", encoding="utf-8")
    assert run_cli("-p", other, "import", corpus).code == 0
    assert run_cli("-p", other, "pseudonymize", "--key", key_dir / "autre.csv").code == 0
    wrong = run_cli("-p", other, "segments", "--pseudonymize", "--key", key)
    assert wrong.code == 2 and "another project" in wrong.err


def test_the_key_is_owner_only_and_rejections_are_remembered(pseudo_project: Path,
                                                             key_dir: Path,
                                                             run_cli: CliRunner) -> None:
    key = key_dir / "cle.yaml"
    assert run_cli("-p", pseudo_project, "pseudonymize", "--key", key).code == 0
    assert key.stat().st_mode & 0o777 == 0o600
    info, decisions = keyfile.read_key(key)
    assert info.generation == 1
    # the researcher rejects "Lannion" by hand in the key; the next run takes it as said
    edited = [keyfile.Decision(d.name, "", d.category, "rejected", d.aliases)
              if d.name == "Lannion" else d for d in decisions]
    keyfile.write(key, edited, info)
    assert run_cli("-p", pseudo_project, "pseudonymize", "--key", key).code == 0
    project = Project.open(str(pseudo_project))
    held = pseudonyms.rejected(project)
    project.close()
    assert list(held) == ["lannion"]  # which names were rejected, never what others map to
    # a fresh key for the same project does not propose the rejected name again
    fresh = key_dir / "fraiche.csv"
    assert run_cli("-p", pseudo_project, "pseudonymize", "--key", fresh).code == 0
    assert "Lannion" not in {d.name for d in keyfile.read(fresh)}


def test_review_goes_by_category_and_remembers(pseudo_project: Path, key_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               run_cli: CliRunner) -> None:
    key = key_dir / "revue.csv"
    # accept the first person, reject the rest of the people, then the input ends
    monkeypatch.setattr("sys.stdin", io.StringIO("a\nR\n"))
    first = run_cli("-p", pseudo_project, "pseudonymize", "--review", "--key", key)
    assert first.code == 0, first.err
    assert "Personnes: " in first.out and "×" in first.out and "«" in first.out
    decided = keyfile.read(key)
    people = decisions_of(decided, "PER")
    assert people and people[0].decision == "accepted"
    assert all(d.decision == "rejected" for d in people[1:])
    # the next review asks nothing about the people already decided
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    again = run_cli("-p", pseudo_project, "pseudonymize", "--review", "--key", key)
    assert again.code == 0 and "Personnes" not in again.out


def decisions_of(decisions: list[keyfile.Decision], kind: str) -> list[keyfile.Decision]:
    return [d for d in decisions if d.category == kind]
