"""What every benchmark that times a fresh `verbatims` process needs.

`child_env`: the environment it runs in; `older`: a copy of a project that another
(older) checkout, the baseline, can open.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a timed process: bytecode compiled once and kept (in the
    ignored __pycache__ folders), as an installed copy runs, even where the shell says
    PYTHONDONTWRITEBYTECODE (which would make every process compile every module)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def older(path: Path, checkout: Path) -> None:
    """An older checkout refuses a schema it does not know: its copy of the project
    forgets the migrations that checkout lacks (their tables stay, unread by it)."""
    folder = checkout / "src" / "verbatims" / "store" / "migrations"
    known = max(int(m.name[1:5]) for m in folder.glob("m[0-9]*.py"))
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DELETE FROM schema_migrations WHERE version > ?", (known,))
    conn.close()
