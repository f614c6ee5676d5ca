"""Four coders writing at once, each in a process of their own, on SQLite and PostgreSQL:
nothing lost, and a watcher (what the workbench polls) sees their work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from verbatims.store import Project
from verbatims.store.watch import Watcher

CODER = r"""
import random, sys, time
from pathlib import Path
from verbatims.store import Project, history

location, coder, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
project = Project.open(location)
docs = project.documents()
codes = [c.id for c in project.codes()]
rng = random.Random(coder)
print("ready", flush=True)
while not go.exists():
    time.sleep(0.01)
for i in range(n):
    doc = rng.choice(docs)
    start = rng.randrange(0, doc.char_count - 50)
    coding = project.add_coding(doc.id, start, start + rng.randint(5, 50),
                                rng.choice(codes), coder, f"{coder} {i}")
    print(coding.id, flush=True)
    if i % 5 == 4:
        history.undo(project, coder)  # each coder undoes their own last coding now and then
        history.redo(project, coder)
project.close()
"""

CODERS = ("anne", "bruno", "chloé", "driss")
# On SQLite the four take turns; on a loaded machine a turn can outlast the 10 s a
# command waits by default, which is a "busy" sentence, not a loss: wait longer here.
PATIENT = {**os.environ, "VERBATIMS_BUSY_TIMEOUT": "300"}
EACH = 15


def start_coders(location: str, go: Path) -> list[subprocess.Popen[str]]:
    procs = [subprocess.Popen([sys.executable, "-c", CODER, location, coder, str(EACH),
                               str(go)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=PATIENT) for coder in CODERS]
    for proc in procs:  # every process has opened the project before anyone writes
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
    return procs


def test_four_coders_at_once_lose_nothing(demo_location: str, tmp_path: Path) -> None:
    watching = Project.open(demo_location)
    watcher = Watcher(watching)
    watcher.changed()
    go = tmp_path / "go"
    procs = start_coders(demo_location, go)
    go.touch()
    acknowledged: dict[str, list[int]] = {}
    for coder, proc in zip(CODERS, procs, strict=True):
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err[-2000:]
        acknowledged[coder] = [int(line) for line in out.split()]
    assert watcher.changed() is True
    stored = watching.codings()
    # Every acknowledged coding is there once, under its coder. (Ids are not compared: on
    # SQLite a redo may give a coding a new id when a colleague's coding took the old one.)
    found = sorted((c.coder, c.memo or "") for c in stored)
    assert found == sorted((coder, f"{coder} {i}") for coder in CODERS for i in range(EACH))
    assert all(len(ids) == EACH for ids in acknowledged.values())
    assert len({c.id for c in stored}) == len(stored)
    watcher.close()
    watching.close()
