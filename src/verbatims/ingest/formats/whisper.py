"""Whisper and WhisperX transcripts (.json): segments, with speakers when diarised.

OpenAI Whisper writes `{"text": …, "segments": [{"start", "end", "text"}…]}`;
WhisperX adds `"speaker": "SPEAKER_00"` to segments (and to words). Times are
seconds. A segment without a speaker goes on the previous speaker's turn.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.ingest import timed
from verbatims.ingest.registry import READERS, Options, Read, Reader
from verbatims.ingest.textfile import read_text


def _ms(value: Any) -> int | None:
    try:
        return None if value is None else int(round(float(value) * 1000))
    except (TypeError, ValueError):
        return None


def read(path: Path, options: Options) -> Read:
    text, used = read_text(path, options.encoding)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(_("{path} is not valid JSON (line {line}: {error}); it is not a "
                          "Whisper transcript.").format(path=path, line=exc.lineno,
                                                        error=exc.msg)) from None
    items = data.get("segments") if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(s, dict) for s in items):
        raise UserError(_("{path} has no list of `segments`; verbatims reads the JSON that "
                          "Whisper and WhisperX write.").format(path=path))
    segments = []
    for item in items:
        said = str(item.get("text") or "").strip()
        speaker = item.get("speaker") or _word_speaker(item.get("words"))
        segments.append(timed.Segment(str(speaker) if speaker else None, said,
                                      _ms(item.get("start")), _ms(item.get("end"))))
    rendered, turns = timed.render(segments, options)
    attrs: dict[str, object] = {}
    if isinstance(data, dict) and isinstance(data.get("language"), str):
        attrs["langue"] = data["language"]
    return Read(rendered, used, turns, attrs)


def _word_speaker(words: Any) -> str | None:
    """The speaker most of a segment's words carry (WhisperX puts speakers on words)."""
    if not isinstance(words, list):
        return None
    found = Counter(w.get("speaker") for w in words if isinstance(w, dict) and w.get("speaker"))
    return found.most_common(1)[0][0] if found else None


def _sniff(head: bytes) -> bool:
    return b'"segments"' in head or b'"start"' in head


FORMAT = READERS.register(suffixes=(".json",), help=N_("Whisper / WhisperX JSON"))(
    Reader(read, _sniff, states_speakers=True))
