"""CLAN / CHAT (.cha), as CHILDES, TCOF and CFPP distribute it.

`@Participants:` names the speakers ("OBS Aliyah Investigator": code, name,
role); each main tier `*CODE:` is an utterance, its continuation lines start
with a tab; dependent tiers (`%mor:`, `%sit:`, `%conll:`) and headers are not
speech. Media bullets give the times; CHAT codes ([//], [= …], &=rires, (.),
xxx) are taken out of the text. A participant whose role is Investigator,
Interviewer or Experimenter asks.
"""

from __future__ import annotations

import re
from pathlib import Path

from verbatims.i18n import N_
from verbatims.ingest import labels, timed
from verbatims.ingest.decode import decode
from verbatims.ingest.registry import READERS, Options, Read, Reader
from verbatims.ingest.textfile import read_bytes
from verbatims.model.entities import Role

_MARK = "\u2063"  # CHAT's media bullets are \x15 bytes, a control character decoding refuses
_BULLET = re.compile(rf"{_MARK}(\d+)_(\d+){_MARK}|(?<![\w.])(\d+)_(\d+)\s*$")
_CODES = re.compile(
    r"\[[^\]\n]*\]|&=[\w:'’-]+|&[-+~]?(?=\w)|\(\.{1,3}\)|\(\d+(?:[.:]\d+)*\)|"
    r"\b(?:xxx|yyy|www)\b|\+[./!?\"^<,]+|[‹›⌈⌉⌊⌋↑↓≈≋∆∇∙°⁇⁎☺▔▁]|@[a-z:]+\b|[<>]|\b0(?=\s)")
_ROLES: dict[str, Role] = {"investigator": "interviewer", "interviewer": "interviewer",
                           "experimenter": "interviewer", "observer": "interviewer"}


def read(path: Path, options: Options) -> Read:
    data = read_bytes(path).replace(b"\x15", _MARK.encode("utf-8"))
    text, used = decode(data, str(path), options.encoding or "utf-8")
    lines = _logical_lines(text)
    names: dict[str, str] = {}
    hints: dict[str, Role] = {}
    segments: list[timed.Segment] = []
    for line in lines:
        if line.startswith("@Participants:"):
            _participants(line.partition(":")[2], names, hints)
        elif line.startswith("*"):
            code, _, said = line[1:].partition(":")
            code = code.strip()
            start = end = None
            bullet = _BULLET.search(said)
            if bullet:
                a, b = bullet.group(1) or bullet.group(3), bullet.group(2) or bullet.group(4)
                start, end = int(a), int(b)
                said = _BULLET.sub(" ", said)
            said = timed.clean(_CODES.sub(" ", said))
            said = re.sub(r"\s+([.,])(?=\s|$)", r"\1", said)  # French keeps " ?", " :"
            if said.strip(" .!?"):
                segments.append(timed.Segment(names.get(code, code), said, start, end))
    shown = {names.get(c, c): r for c, r in hints.items()}
    rendered, turns = timed.render(segments, options, shown)
    return Read(rendered, used, turns)


def _logical_lines(text: str) -> list[str]:
    """Tiers with their tab-indented continuation lines joined."""
    out: list[str] = []
    for raw in text.split("\n"):
        if raw.startswith(("\t", " ")) and out:
            out[-1] += " " + raw.strip()
        elif raw.strip():
            out.append(raw.rstrip())
    return out


def _participants(value: str, names: dict[str, str], hints: dict[str, Role]) -> None:
    for entry in value.split(","):
        words = entry.split()
        if not words:
            continue
        code, rest = words[0], words[1:]
        role = rest[-1] if rest else ""
        name = " ".join(rest[:-1]) if len(rest) > 1 else ""
        shown = (name or code).replace("_", " ") if re.search(r"[a-z]", name or code) else code
        names[code] = shown
        named = _ROLES.get(role.casefold()) or labels.known_role(role.replace("_", " "))
        if named is not None:
            hints[code] = named


def _sniff(head: bytes) -> bool:
    return b"@Begin" in head[:2000] or b"@UTF8" in head[:20]


FORMAT = READERS.register(suffixes=(".cha", ".chat"), help=N_("CLAN / CHAT"))(
    Reader(read, _sniff, states_speakers=True))
