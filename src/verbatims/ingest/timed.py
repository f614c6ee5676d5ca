"""Speech the file already splits by speaker (subtitles, Transcriber, TEI, Praat,
ELAN, CHAT, Whisper) written out as a transcript with its turns.

Consecutive segments of one speaker make one turn, written "Speaker : text"
and separated by a blank line, so that the stored transcript reads like any
other; the turn keeps the segments' times. Roles come from `roles.infer`, with
the hints a format gives (a TEI `role`, a CHAT participant's role). With no
speaker in the file the markers are looked for in the text, as for a plain
transcript (and so is `--turn-pattern`, by `ingest.read_file`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from verbatims.ingest import roles
from verbatims.ingest.registry import Options
from verbatims.model.entities import Role, Turn


@dataclass(frozen=True)
class Segment:
    speaker: str | None
    text: str
    start_ms: int | None = None
    end_ms: int | None = None


def clean(text: str) -> str:
    """One line of speech: blanks collapsed."""
    return re.sub(r"\s+", " ", text).strip()


def render(segments: Sequence[Segment], options: Options,
           hints: Mapping[str, Role] | None = None,
           merge: bool = True) -> tuple[str, tuple[Turn, ...] | None]:
    """(text, turns); turns None when they are to be found in the text."""
    merged: list[Segment] = []
    for seg in segments:
        said = clean(seg.text)
        if not said:
            continue
        speaker = clean(seg.speaker) if seg.speaker else None
        if speaker is None and merged and merged[-1].speaker is not None:
            speaker = merged[-1].speaker  # a cue without a name goes on the last speaker's turn
        if merge and merged and merged[-1].speaker == speaker and speaker is not None:
            last = merged[-1]
            merged[-1] = Segment(speaker, f"{last.text} {said}", last.start_ms,
                                 seg.end_ms if seg.end_ms is not None else last.end_ms)
        else:
            merged.append(Segment(speaker, said, seg.start_ms, seg.end_ms))
    parts: list[str] = []
    spans: list[tuple[int, int, int, Segment]] = []
    offset = 0
    for seg in merged:
        head = f"{seg.speaker} : " if seg.speaker else ""
        line = head + seg.text
        spans.append((offset, offset + len(head), offset + len(line), seg))
        parts.append(line)
        offset += len(line) + 2
    text = "\n\n".join(parts) + ("\n" if parts else "")
    if not any(s.speaker for s in merged):
        return text, None  # find the markers in the text
    heard = [roles.Said(seg.speaker, text[body:end]) for _, body, end, seg in spans
             if seg.speaker]
    found = roles.infer(heard, options.interviewers, hints)
    out: list[Turn] = []
    for start, body, end, seg in spans:
        role: Role = found.get(seg.speaker, "respondent") if seg.speaker else "respondent"
        out.append(Turn(start, end, seg.speaker, role, seg.start_ms, seg.end_ms, len(out), body))
    return text, tuple(out)
