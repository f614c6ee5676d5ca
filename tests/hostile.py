"""The two checks of every refusal: one sentence, and a project exactly as it was.

`fingerprint(path)` digests every table of a SQLite project, row by row in a
fixed order, so that a test compares what a user would find before and after a
refused command: documents, codes, codings, memos, history… (a refusal may not
even leave an undo step behind). `refused(result, *words)` checks the command
line's side: exit 2, one `verbatims:` line on stderr holding the words, no
traceback, no "internal error".
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from tests.conftest import Result


def fingerprint(path: Path) -> dict[str, str]:
    """Table name → digest of its rows (sorted), for every table of the project."""
    out: dict[str, str] = {}
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            digest = hashlib.sha256()
            rows = db.execute(f'SELECT * FROM "{table}"').fetchall()
            for row in sorted(rows, key=repr):
                digest.update(repr(row).encode("utf-8", "surrogatepass"))
            out[table] = f"{len(rows)}:{digest.hexdigest()[:16]}"
    db.close()
    return out


def refused(result: Result, *words: str) -> str:
    """Exit 2 and one sentence on stderr naming `words`; returns the sentence."""
    assert result.code == 2, result
    said = [line for line in result.err.splitlines() if line.startswith("verbatims: ")]
    assert len(said) == 1, result.err
    assert "Traceback" not in result.err + result.out
    assert "internal error" not in result.err
    for word in words:
        assert word in said[0], (word, said[0])
    return said[0]
