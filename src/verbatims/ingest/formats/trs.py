"""Transcriber (.trs), as ESLO, CFPP and most of Ortolang's corpora are distributed.

Speakers are named from `<Speakers>`; each `<Turn>` is a timed turn. Overlapping
speech (`speaker="spk1 spk2"` with `<Who nb="1"/>`…) becomes one turn per voice,
with the turn's times. `<Event>`, `<Comment>`, `<Background>` and `<Sync>` are
dropped from the text; the words around them are kept.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from verbatims.errors import UserError
from verbatims.i18n import N_, _, ngettext
from verbatims.ingest import timed, xmlfile
from verbatims.ingest.registry import READERS, Options, Read, Reader
from verbatims.ingest.textfile import read_bytes

_DROPPED = frozenset({"Event", "Comment", "Background", "Sync", "Vocal"})


def _ms(value: str | None) -> int | None:
    try:
        return None if value is None else int(round(float(value) * 1000))
    except ValueError:
        return None


def read(path: Path, options: Options) -> Read:
    data = read_bytes(path)
    root = xmlfile.parse(data, str(path), "Transcriber")
    if xmlfile.local(root) != "Trans":
        raise UserError(_("{path} is not a Transcriber file (its root is <{root}>, not "
                          "<Trans>); pass --format to say what it is.").format(
                              path=path, root=xmlfile.local(root)))
    names = {}
    for speaker in root.iter("Speaker"):
        sid = speaker.get("id") or ""
        names[sid] = " ".join((speaker.get("name") or sid).split()) or sid
    segments: list[timed.Segment] = []
    events = 0
    for turn in root.iter("Turn"):
        voices = (turn.get("speaker") or "").split()
        start, end = _ms(turn.get("startTime")), _ms(turn.get("endTime"))
        parts: dict[int, list[str]] = {}
        current = 0
        parts.setdefault(current, []).append(turn.text or "")
        for child in turn.iter():
            if child is turn:
                continue
            tag = xmlfile.local(child)
            if tag == "Who":
                try:
                    current = max(0, int(child.get("nb") or "1") - 1)
                except ValueError:
                    current = 0
            elif tag in ("Event", "Comment"):
                events += 1
            parts.setdefault(current, []).append(child.tail or "")
        for index in sorted(parts):
            said = timed.clean(" ".join(parts[index]))
            if not said:
                continue
            voice: str | None = (voices[index] if index < len(voices)
                                 else (voices[0] if voices else None))
            who = names.get(voice, voice) if voice else None
            segments.append(timed.Segment(who, said, start, end))
    text, turns = timed.render(segments, options, merge=False)
    notes = []
    if events:
        notes.append(ngettext("{n} event or comment left out of the text",
                              "{n} events and comments left out of the text",
                              events).format(n=events))
    return Read(text, _declared(data), turns, _attributes(root), notes)


def _attributes(root: Element) -> dict[str, object]:
    out: dict[str, object] = {}
    if root.get("audio_filename"):
        out["audio"] = root.get("audio_filename")
    episode = next(root.iter("Episode"), None)
    if episode is not None and episode.get("program"):
        out["programme"] = episode.get("program")
    return out


def _declared(data: bytes) -> str:
    head = data[:200].decode("ascii", errors="ignore")
    marker = 'encoding="'
    at = head.find(marker)
    if at < 0:
        marker = "encoding='"
        at = head.find(marker)
    if at < 0:
        return "utf-8"
    return head[at + len(marker):].split(head[at + len(marker) - 1], 1)[0].lower()


def _sniff(head: bytes) -> bool:
    return xmlfile.sniff(head, b"<Trans")


FORMAT = READERS.register(suffixes=(".trs", ".xml"), help=N_("Transcriber"))(
    Reader(read, _sniff, priority=1, states_speakers=True))
