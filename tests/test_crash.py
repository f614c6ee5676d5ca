"""Killed at a random moment, verbatims keeps every acknowledged change and nothing half-done.

A driver process (tests/crash_driver.py) runs `code`, `import`, `import-qdpx`,
`init`, `autocode --accept` or `export extracts` in a loop and prints ACK after each
success; it is killed (SIGKILL, or SIGTERM as `kill` sends) at a random moment
after it started working. Then the project is opened as a user would open it:
the file is sound, every acknowledged change is there, and each command's work is
there whole or not at all (three documents of an import or none, a .qdpx's
document with all its codings, all the accepted suggestions or none, an export
that opens or no file). Set VERBATIMS_CRASH_SEED to replay one run; the seed is
printed when a check fails.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, CliRunner
from verbatims.store import Project

SEED = int(os.environ.get("VERBATIMS_CRASH_SEED", random.SystemRandom().randrange(10**6)))
DRIVER = Path(__file__).with_name("crash_driver.py")
TRIALS = 4  # per command, each killed once (odd trials by SIGTERM)
WINDOW = 1.2  # seconds after the driver is ready within which the kill falls


def killed(kind: str, project: Path, folder: Path, trial: int, window: float = WINDOW
           ) -> tuple[list[str], int]:
    """Run the driver, kill it at a random moment; its ACK lines and exit status."""
    rng = random.Random(f"{SEED}-{kind}-{trial}")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "VERBATIMS_CODER": "crash"}
    proc = subprocess.Popen([sys.executable, str(DRIVER), kind, str(project), str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=env)
    assert proc.stdout is not None
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("READY"):
                ready.set()
            lines.append(line.strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert ready.wait(60), f"the driver did not start (seed {SEED})"
    time.sleep(rng.uniform(0.02, window))
    proc.send_signal(signal.SIGTERM if trial % 2 else signal.SIGKILL)
    try:
        code = proc.wait(5)
    except subprocess.TimeoutExpired:  # SIGTERM landed in a library's cleanup, which went
        proc.kill()  # on: the command finished its work; end the loop the hard way
        code = proc.wait(10)
    reader.join(10)
    return [line for line in lines if line.startswith("ACK")], code


def sound(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", SEED
    empty = db.execute("SELECT count(*) FROM history_steps WHERE id NOT IN "
                       "(SELECT step_id FROM history_items)").fetchone()[0]
    assert empty == 0, f"a step with nothing in it (seed {SEED})"
    return db


def test_killed_while_coding(demo_path: Path, tmp_path: Path) -> None:
    for trial in range(TRIALS):
        acked, _code = killed("code", demo_path, tmp_path, trial)
        db = sound(demo_path)
        coders = {r[0] for r in db.execute("SELECT coder FROM codings")}
        logged = db.execute("SELECT count(*) FROM history_items WHERE kind = 'coding.add'"
                            ).fetchone()[0]
        stored = db.execute("SELECT count(*) FROM codings").fetchone()[0]
        db.close()
        assert {f"crash{line.split()[1]}" for line in acked} <= coders, SEED
        assert logged == stored, f"a coding without its undo step, or the reverse ({SEED})"


def test_killed_while_importing(demo_path: Path, tmp_path: Path) -> None:
    for trial in range(TRIALS):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        acked, _code = killed("import", demo_path, folder, trial)
        db = sound(demo_path)
        names = [r[0] for r in db.execute(
            "SELECT name FROM documents WHERE name LIKE 'e%-%.txt'")]
        without_turns = db.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                                   "(SELECT 1 FROM turns t WHERE t.document_id = d.id)"
                                   ).fetchone()[0]
        db.close()
        batches: dict[str, int] = {}
        for name in names:
            batches[name.split("-")[0]] = batches.get(name.split("-")[0], 0) + 1
        assert all(n % 3 == 0 for n in batches.values()), (batches, SEED)  # whole imports
        assert without_turns == 0, SEED
        for line in acked:
            assert all(f"e{line.split()[1]}-{n}.txt" in names for n in range(3)), SEED


def qdpx_files(folder: Path, count: int) -> None:
    """`count` small REFI-QDA projects, each a new interview with two codings."""
    for i in range(count):
        text = (f"Enquêtrice : Et la sobriété, numéro {i} ?\n"
                f"Élue : Nous éteignons les écrans le soir, c'est le point {i}.\n")
        first = text.index("Nous éteignons")
        second = text.index("c'est le point")
        qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p{i}" origin="crash test">
 <CodeBook><Codes><Code guid="10000000-0000-4000-8000-000000000001" name="numérique responsable"
   isCodable="true"><Code guid="10000000-0000-4000-8000-000000000002" name="sobriété"
   isCodable="true"/></Code></Codes></CodeBook>
 <Sources><TextSource guid="20000000-0000-4000-8000-{i:012d}" name="q{i}"
   plainTextPath="internal://s{i}.txt">
  <PlainTextSelection guid="30000000-0000-4000-8000-{i:012d}" startPosition="{first}"
    endPosition="{first + 14}"><Coding guid="40000000-0000-4000-8000-{i:012d}">
    <CodeRef targetGUID="10000000-0000-4000-8000-000000000002"/></Coding></PlainTextSelection>
  <PlainTextSelection guid="31000000-0000-4000-8000-{i:012d}" startPosition="{second}"
    endPosition="{second + 14}"><Coding guid="41000000-0000-4000-8000-{i:012d}">
    <CodeRef targetGUID="10000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>
 </TextSource></Sources></Project>"""
        with zipfile.ZipFile(folder / f"p{i}.qdpx", "w") as zf:
            zf.writestr("project.qde", qde)
            zf.writestr(f"sources/s{i}.txt", text)


def test_killed_while_importing_qdpx(demo_path: Path, tmp_path: Path) -> None:
    for trial in range(TRIALS):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        qdpx_files(folder, 40)
        target = demo_path if trial < 2 else folder / "nouveau.sqlite"  # into one, or new
        acked, _code = killed("qdpx", target, folder, trial)
        if not target.exists():
            assert not acked, SEED  # a new project appears whole or not at all
            continue
        db = sound(target)
        rows = db.execute("SELECT d.name, count(c.id) FROM documents d LEFT JOIN codings c "
                          "ON c.document_id = d.id WHERE d.name LIKE 'q%' GROUP BY d.id"
                          ).fetchall()
        db.close()
        assert all(n == 2 for _name, n in rows), (rows, SEED)  # a document with its codings
        assert {f"q{line.split()[1]}" for line in acked} <= {name for name, _n in rows}, SEED


def test_killed_while_exporting(demo_path: Path, tmp_path: Path, run_cli: CliRunner) -> None:
    from docx import Document

    project = Project.open(str(demo_path))
    code = project.code("sobriété")
    for doc in project.documents():
        for turn in project.turns(doc.id)[1:40]:
            project.add_coding(doc.id, turn.start, turn.end, code.id, "ana")
    project.close()
    for trial in range(TRIALS):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        acked, code_ = killed("export", demo_path, folder, trial)
        for out in folder.glob("annexe*.docx"):
            assert Document(str(out)).paragraphs, SEED  # what is there is whole
        assert {line.split()[2] for line in acked} <= {p.name for p in folder.iterdir()}, SEED
        if code_ == 130:  # ended by SIGTERM as by Ctrl+C: it cleaned up before it ended
            assert not list(folder.glob(".*part*")), SEED
        for left in {p.name.split(".part")[0][1:].rsplit(".", 1)[0]
                     for p in folder.glob(".*part*")}:  # what a kill -9 left behind…
            assert run_cli("-p", demo_path, "export", "extracts", "-o", folder / left).code == 0
        assert not list(folder.glob(".*part*")), SEED  # …the next export of it clears


def test_killed_while_initialising(tmp_path: Path, run_cli: CliRunner) -> None:
    """A project `init` was making when killed is there whole (its 36 codes) or not at
    all, and the same command then makes it."""
    for trial in range(TRIALS):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        acked, _code = killed("init", folder, folder, trial, window=2.0)
        made = sorted(folder.glob("etude*.sqlite"))
        for path in made:
            db = sound(path)
            assert db.execute("SELECT count(*) FROM codes").fetchone()[0] == 36, (path, SEED)
            db.close()
        assert {line.split()[2] for line in acked} <= {p.name for p in made}, SEED
        following = folder / f"etude{len(made)}.sqlite"  # the one it was making, if any
        result = run_cli("-p", following, "init", "--codebook", "default")
        assert result.code == 0, (result.err, SEED)
        assert not [p for p in folder.iterdir() if p.name.startswith(".")], SEED


def test_killed_while_accepting_suggestions(parsed_path: Path, tmp_path: Path,
                                            run_cli: CliRunner) -> None:
    assert run_cli("-p", parsed_path, "autocode", "--code", "sobriété").code == 0
    db = sqlite3.connect(parsed_path)
    pending = db.execute("SELECT count(*) FROM suggestions WHERE status = 'pending'"
                         ).fetchone()[0]
    db.close()
    assert pending > 5
    for trial in range(2):  # the driver loads spaCy: a few seconds each
        acked, _code = killed("accept", parsed_path, tmp_path, trial, window=6.0)
        db = sound(parsed_path)
        accepted = db.execute("SELECT count(*) FROM suggestions WHERE status = 'accepted'"
                              ).fetchone()[0]
        # `autocode --accept` records the codings as the machine's ("autocode"), the
        # undo step as the asker's
        coded = db.execute("SELECT count(*) FROM codings WHERE coder = 'autocode'"
                           ).fetchone()[0]
        db.close()
        assert accepted in (0, pending) and coded == accepted, (accepted, pending, SEED)
        assert bool(acked) <= (accepted == pending), SEED
        if accepted:
            # one step takes all back, the asker's (the driver runs as VERBATIMS_CODER=crash)
            assert run_cli("-p", parsed_path, "undo", "--coder", "crash").code == 0


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
