"""SubRip (.srt) and WebVTT (.vtt) files: cues become timed speaker turns.

Consecutive cues of the same speaker make one turn, written as
"Speaker : text" so that the stored transcript reads like any other.
"""

from __future__ import annotations

import re

from verbatims.ingest.turns import role_of
from verbatims.model.entities import Turn

_TIME = r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_CUE_TIME = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAGS = re.compile(r"</?[^>]+>")
_PREFIX = re.compile(r"^([^\W\d][\w'’ .-]{0,40}?)\s*:\s+")


def _ms(h: str | None, m: str, s: str, frac: str) -> int:
    return ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + int(frac.ljust(3, "0")[:3])


def parse(text: str) -> tuple[str, tuple[Turn, ...]]:
    """Return the transcript text and its timed turns."""
    cues: list[tuple[int, int, str | None, str]] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        for i, line in enumerate(lines):
            match = _CUE_TIME.match(line)
            if not match:
                continue
            g = match.groups()
            start, end = _ms(*g[0:4]), _ms(*g[4:8])
            body = " ".join(lines[i + 1 :]).strip()
            speaker = None
            voice = _VOICE.match(body)
            if voice:
                speaker = voice.group(1).strip()
            body = _TAGS.sub("", body).strip()
            prefix = _PREFIX.match(body) if speaker is None else None
            if prefix:
                speaker, body = prefix.group(1).strip(), body[prefix.end() :]
            if body:
                cues.append((start, end, speaker, body))
            break
    merged: list[tuple[int, int, str | None, str]] = []
    for start, end, speaker, body in cues:
        if merged and speaker is not None and merged[-1][2] == speaker:
            first, _, _, text_so_far = merged[-1]
            merged[-1] = (first, end, speaker, f"{text_so_far} {body}")
        else:
            merged.append((start, end, speaker, body))
    parts: list[str] = []
    turns: list[Turn] = []
    offset = 0
    for start, end, speaker, body in merged:
        line = f"{speaker} : {body}" if speaker else body
        role = role_of(speaker, set()) if speaker else "respondent"
        turns.append(Turn(offset, offset + len(line), speaker, role, start, end,
                          index=len(turns)))
        parts.append(line)
        offset += len(line) + 2
    return "\n\n".join(parts) + ("\n" if parts else ""), tuple(turns)
