"""What a project holds that REFI-QDA has no place for, in `verbatims.json` beside
`project.qde`.

The standard has no speaker turns with their times and roles, and no grid summaries
(a document × code cell). Left out, a `.qdpx` re-imported would give turns detected
again from the text (the times of a subtitle or ELAN file gone, roles set by hand
lost) and blank grids. So the standard export also writes this small JSON file
inside the archive, keyed by the same GUIDs as `project.qde`; the profiles for other
tools (`--for`) leave it out, and a reader without it loses nothing else.

Read from a file of unknown origin, everything in it is checked (types, positions
on the text, times within a recording) and a damaged companion refuses the import
in one sentence, as a damaged `project.qde` does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.ingest import limits
from verbatims.model.entities import ROLES, Turn

NAME = "verbatims.json"
FORMAT = "verbatims companion"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Summary:
    source: str  # the TextSource's GUID
    code: str  # the Code's GUID
    text: str
    author: str
    updated_at: str


@dataclass
class Companion:
    turns: dict[str, list[Turn]] = field(default_factory=dict)  # by source GUID
    summaries: list[Summary] = field(default_factory=list)


def dump(turns: dict[str, list[Turn]], summaries: list[Summary]) -> bytes:
    """The companion file: turns as [start, end, speaker, role, start ms, end ms, body
    start] in the text's own positions (code points), summaries by GUIDs."""
    data: dict[str, Any] = {
        "format": FORMAT, "version": VERSION,
        "turns": {guid: [[t.start, t.end, t.speaker, t.role, t.time_start_ms, t.time_end_ms,
                          t.body_start] for t in found] for guid, found in turns.items()},
        "summaries": [[s.source, s.code, s.text, s.author, s.updated_at] for s in summaries],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


class _Damaged(Exception):
    pass


def _int(value: object, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Damaged(repr(value)[:40])
    return value


def _str(value: object, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _Damaged(repr(value)[:40])
    return value


def load(data: bytes, where: str, texts: dict[str, str]) -> Companion:
    """The companion of a `.qdpx` whose sources' texts are `texts` (by GUID, as read).
    Turns of a source not in `texts` are ignored; a damaged file refuses the import."""
    if len(data) > MAX_BYTES:
        raise UserError(_("{where}: {name} is larger than 64 MB; it is not what verbatims "
                          "writes, remove it from the archive.").format(where=where, name=NAME))
    try:
        raw = json.loads(data.decode("utf-8"))
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise _Damaged("format")
        if _int(raw.get("version")) != VERSION:
            raise _Damaged(f"version {raw.get('version')!r}")
        out = Companion()
        turns = raw.get("turns") or {}
        if not isinstance(turns, dict):
            raise _Damaged("turns")
        for guid, rows in turns.items():
            if str(guid).lower() not in texts or not isinstance(rows, list):
                continue
            found = []
            for n, row in enumerate(rows):
                if not isinstance(row, list) or len(row) != 7:
                    raise _Damaged(f"turn {n}")
                role = _str(row[3])
                if role not in ROLES:
                    raise _Damaged(f"role {role!r}")
                found.append(Turn(start=_int(row[0]) or 0, end=_int(row[1]) or 0,
                                  speaker=_str(row[2], True), role=role,
                                  time_start_ms=_int(row[4], True),
                                  time_end_ms=_int(row[5], True), index=n,
                                  body_start=_int(row[6], True)))
            text = texts[str(guid).lower()]
            limits.check_turns(found, len(text), f"{where}: {NAME}")
            out.turns[str(guid).lower()] = found
        summaries = raw.get("summaries") or []
        if not isinstance(summaries, list):
            raise _Damaged("summaries")
        for row in summaries:
            if not isinstance(row, list) or len(row) != 5:
                raise _Damaged("summary")
            source, code, text, author, when = (_str(v) or "" for v in row)
            out.summaries.append(Summary(source.lower(), code.lower(), text, author, when))
        return out
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, _Damaged) as error:
        raise UserError(_("{where}: {name} (speaker turns and summaries verbatims keeps "
                          "beside the project) is damaged ({error}); remove it from the "
                          "archive to import the rest.").format(
                              where=where, name=NAME, error=str(error)[:60])) from None
