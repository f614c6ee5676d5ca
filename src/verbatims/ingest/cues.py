"""Cues of SubRip (.srt) and WebVTT (.vtt) files as speaker segments.

The speaker is a WebVTT voice tag (`<v Nolwenn>`, `<v.loud Nolwenn Le Goff>`) or
a prefix of the cue's text ("SPEAKER_00:", "[SPEAKER_01]:", "Enquêtrice :").
Tags are dropped and HTML entities decoded (`&apos;`, `&amp;`, `&nbsp;`).
"""

from __future__ import annotations

import html
import re

from verbatims.ingest import labels
from verbatims.ingest.timed import Segment

_TIME = r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_CUE_TIME = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+([^>]+)>")
_TAGS = re.compile(r"</?[^>]+>")
_PREFIX = re.compile(r"^\[?([^\W\d][\w'’ .·-]{0,40}?)\]?[ \t]*:[ \t]+")


def _ms(h: str | None, m: str, s: str, frac: str) -> int:
    return ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + int(frac.ljust(3, "0")[:3])


def segments(text: str) -> list[Segment]:
    """Every cue with text, in order, with its speaker when the file names one."""
    out: list[Segment] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if lines and lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        for i, line in enumerate(lines):
            match = _CUE_TIME.match(line)
            if not match:
                continue
            g = match.groups()
            start, end = _ms(*g[0:4]), _ms(*g[4:8])
            body = " ".join(lines[i + 1:]).strip()
            speaker = None
            voice = _VOICE.search(body)
            if voice:
                speaker = voice.group(1).strip()
            body = html.unescape(_TAGS.sub("", body)).replace("\u00a0", " ").strip()
            prefix = _PREFIX.match(body) if speaker is None else None
            if prefix and labels.classify(prefix.group(1)) is not None:
                speaker, body = prefix.group(1).strip(), body[prefix.end():]
            if body:
                out.append(Segment(speaker, body, start, end))
            break
    return out
