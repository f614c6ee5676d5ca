"""Every multiprocess path ends: a worker that dies or fails ends the command with a
sentence, never a parent waiting forever (spaCy's own n_process hung that way).

The failures are real: a worker process killed with SIGKILL while it parses (as the
out-of-memory killer does), a project file gone from under the workers. The corpus
is small, so the threshold above which two processes are used is lowered (a
setting, not a stand-in: the same pool runs).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRunner, Result
from tests.hostile import refused
from verbatims.errors import UserError
from verbatims.nlp import autocode, cache
from verbatims.store import Project

LIMIT = 120  # seconds: far beyond what the work takes; a hang fails instead of blocking


def rows(path: Path) -> dict[int, bytes]:
    with sqlite3.connect(path) as db:
        found = {int(r[0]): bytes(r[1]) for r in db.execute(
            "SELECT document_id, data FROM nlp_tokens")}
    db.close()
    return found


def test_two_processes_parse_exactly_as_one(parsed_path: Path, demo_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "PARALLEL_CHARS", 0)  # the demo is small: use the pool
    project = Project.open(str(demo_path))
    assert cache.ensure_parsed(project) == 9
    project.close()
    assert rows(demo_path) == rows(parsed_path)  # the serial parse of the same texts


def run_and_kill(run: Callable[[], object], kill: bool = True) -> tuple[object, float]:
    """Run `run()` in a thread; SIGKILL the first worker process once it has started.
    Returns what `run` returned (or raised) and how long it took."""
    out: list[object] = []

    def target() -> None:
        try:
            out.append(run())
        except BaseException as error:  # noqa: BLE001 - handed to the test
            out.append(error)

    started = time.monotonic()
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    while kill and thread.is_alive() and time.monotonic() - started < LIMIT:
        children = multiprocessing.active_children()
        if children:
            time.sleep(0.5)  # at work, not starting
            os.kill(children[0].pid or 0, signal.SIGKILL)
            break
        time.sleep(0.05)
    thread.join(LIMIT)
    assert not thread.is_alive(), "the command still waits on its workers"
    return out[0], time.monotonic() - started


@pytest.mark.parametrize("command", [["lemmatize"],
                                     ["cooc", "--pivot", "numérique", "-o", "cooc.csv"]])
def test_a_killed_worker_ends_the_command(command: list[str], demo_path: Path,
                                          tmp_path: Path, run_cli: CliRunner,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "PARALLEL_CHARS", 0)
    monkeypatch.chdir(tmp_path)
    result, _took = run_and_kill(lambda: run_cli("-p", demo_path, *command))
    assert isinstance(result, Result), result
    refused(result, "ended abruptly", "run the command again")
    for doc_id, data in rows(demo_path).items():  # what was stored is whole
        project = Project.open(str(demo_path))
        assert len(cache._unpack(doc_id, project.text(doc_id), data)) > 0
        project.close()
    monkeypatch.setattr(cache, "PARALLEL_CHARS", 10**12)
    assert run_cli("-p", demo_path, "lemmatize").code == 0  # and the next run finishes


def test_a_failing_autocode_worker_ends_the_command(parsed: Project, tmp_path: Path) -> None:
    """The workers open the project themselves: the file gone, each fails, and the
    command says so instead of waiting."""
    book = autocode.compile_codebook(autocode.selected_codes(parsed, ()), 85)
    docs = parsed.documents()
    serial = autocode._propose_docs(parsed, book, None, "sentence", False)
    assert autocode._in_processes(parsed, book, docs, "sentence", False, 2) == serial
    moved = tmp_path / "ailleurs.sqlite"
    path = Path(parsed.location)
    shutil.move(path, moved)
    try:
        result, _took = run_and_kill(
            lambda: autocode._in_processes(parsed, book, docs, "sentence", False, 2),
            kill=False)
    finally:
        shutil.move(moved, path)
    assert isinstance(result, UserError), result
    assert "worker process" in result.message and "No project at" in result.message


def test_a_killed_autocode_worker_ends_the_command(parsed: Project) -> None:
    book = autocode.compile_codebook(autocode.selected_codes(parsed, ()), 85)
    docs = parsed.documents() * 40  # enough work that the kill lands while it runs
    result, _took = run_and_kill(
        lambda: autocode._in_processes(parsed, book, docs, "sentence", False, 2))
    assert isinstance(result, UserError), result
    assert "ended abruptly" in result.message
