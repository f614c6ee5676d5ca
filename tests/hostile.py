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


def patch_central(path: Path, member: str, *, size: int | None = None, flags: int | None = None,
                  method: int | None = None, attributes: int | None = None,
                  system: int | None = None) -> None:
    """Rewrite fields of one member's central-directory record, as a forger would: what
    a zip reader believes before it reads a byte of the member."""
    data = bytearray(path.read_bytes())
    name = member.encode("utf-8")
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if bytes(data[at + 46:at + 46 + length]) == name:
            if system is not None:
                data[at + 5] = system
            if flags is not None:
                data[at + 8:at + 10] = flags.to_bytes(2, "little")
            if method is not None:
                data[at + 10:at + 12] = method.to_bytes(2, "little")
            if size is not None:
                data[at + 24:at + 28] = min(size, 0xFFFFFFFF).to_bytes(4, "little")
            if attributes is not None:
                data[at + 38:at + 42] = attributes.to_bytes(4, "little")
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 4)
    raise KeyError(member)
