"""Candidate speaker markers at line starts, in the conventions transcripts use.

"Q :", "Q.", "Q -", "— Q :", "**Q :**", "Pascal Chammas :", "*ENQ:", "SPEAKER_00:",
"[SPEAKER_01]:", "[00:12:05] Nolwenn :", "S00: [00:00:07] …" (noScribe),
"Nolwenn Le Goff  0:01" alone on its line (Otter, Teams) with the speech on the
next. Each candidate says where the marker starts, where the speech starts, the
label, how it was closed and its time; `inventory.keep` decides which candidates
are speakers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from verbatims.ingest import labels

_TS = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?(?![:\d])"  # never cut inside a time
_HEAD = (
    r"(?P<lead>[ \t]*(?:[-–—•>][ \t]*)?(?P<b1>\*\*|__)?[ \t]*)"
    rf"(?:[\[(]?(?P<ts>{_TS})[\])]?[ \t]+(?:[-–—][ \t]+)?)?"
    r"(?P<star>\*(?=\w))?"
    r"(?P<lb>\[)?"
)
_LABEL = r"(?P<label>[^\W\d_][\w'’.·-]*(?:[ \t]+[\w'’.·-]+){0,5}?)"
_TAIL = (
    r"(?P<rb>\])?"
    r"(?:[ \t]*(?P<paren>\([^()\n]{1,40}\)))?"
    rf"(?:[ \t]*[\[(]?(?P<ts2>{_TS})[\])]?)?"
    r"[ \t]*(?P<b2>\*\*|__)?[ \t]*"
)
_AFTER = r"[ \t]*(?:\*\*|__)?[ \t]*"

# noScribe writes the time after the colon: "S00: [00:00:07] Alors, on est…"
_COLON = re.compile(rf"{_HEAD}{_LABEL}{_TAIL}(?P<delim>:){_AFTER}"
                    rf"(?:[\[(](?P<ts3>{_TS})[\])]{_AFTER})?")
_DASH = re.compile(rf"{_HEAD}{_LABEL}{_TAIL}(?P<delim>[-–—](?=[ \t])|>){_AFTER}")
_DOT = re.compile(rf"{_HEAD}(?P<label>[^\W\d_][\w'’·-]{{0,15}}(?:[ \t]*\d{{1,2}})?)"
                  rf"(?P<delim>\.)(?=[ \t]+\S){_AFTER}")
# Sonix, Trint: "Speaker 1 [00:00:04] Des portables…" (no colon, the time says it).
_STAMP = re.compile(rf"{_HEAD}{_LABEL}(?P<rb>)(?P<paren>)[ \t]+[\[(](?P<ts2>{_TS})[\])]"
                    r"(?P<b2>)(?P<delim>)[ \t]+(?=\S)")
# Happy Scribe: "[00:00:04] Speaker 2" alone on its line, the speech on the next.
_TSLINE = re.compile(rf"(?P<lead>[ \t]*)[\[(]?(?P<ts>{_TS})[\])]?[ \t]+(?:[-–—][ \t]+)?"
                     rf"{_LABEL}[ \t]*$")
_LINE = re.compile(
    rf"{_HEAD}{_LABEL}(?P<rb>\])?(?P<paren>)(?:[ \t]{{1,}}|[ \t]*[-–—|][ \t]*)"
    rf"[\[(]?(?P<ts2>{_TS})[\])]?(?P<b2>)[ \t]*$"
)


@dataclass(frozen=True)
class Candidate:
    """A line that may open a speaker turn."""

    start: int  # first character of the marker (line start, blanks skipped)
    body: int  # first character of the speech
    label: str
    kind: labels.Kind
    delim: str  # ":", "-", ".", ">", or "line" (label and time alone on a line)
    time_ms: int | None
    timed: bool  # a timestamp sits next to the label
    bracketed: bool  # "[SPEAKER_01]:", "*ENQ:" or bold: written as a marker on purpose


def ms(stamp: str | None) -> int | None:
    """Milliseconds of "01:02:03.5", "12:05" or "0:01"; None for None."""
    if not stamp:
        return None
    seconds = 0.0
    for part in stamp.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return int(round(seconds * 1000))


def scan(text: str) -> Iterator[Candidate]:
    """Every line start of `text` that reads as a speaker marker, in order."""
    offset = 0
    for line in text.splitlines(keepends=True):
        found = _candidate(text, line.rstrip("\n"), offset)
        if found is not None:
            yield found
        offset += len(line)


def _candidate(text: str, line: str, offset: int) -> Candidate | None:
    head = line.lstrip()
    if len(head) < 2:
        return None
    start = head[:90]
    tries = []  # cheap tests first: most lines of a transcript are speech, not markers
    if head.rstrip()[-1:] in "0123456789)]":
        tries.append((_LINE, "line"))
    if head[:1] in "[(0123456789" and ":" in start[:14]:
        tries.append((_TSLINE, "line"))
    if ("[" in start or "(" in start) and ":" in start:
        tries.append((_STAMP, "stamp"))
    if ". " in start[:24] or ".\t" in start[:24]:
        tries.append((_DOT, "."))
    if ":" in start:
        tries.append((_COLON, ":"))
    if any(d in start for d in (" - ", " – ", " — ", "-\t", ">")):
        tries.append((_DASH, "-"))
    for regex, delim in tries:
        match = regex.match(line)
        if match is None:
            continue
        made = _make(text, line, offset, match, delim)
        if made is not None:
            return made
    return None


def _make(text: str, line: str, offset: int, match: re.Match[str],
          delim: str) -> Candidate | None:
    groups = match.groupdict()
    label = " ".join(groups["label"].split()).rstrip(".") if delim != "." else groups["label"]
    if groups.get("paren"):
        label = f"{label} {groups['paren']}"
    kind = labels.classify(label)
    stamp = groups.get("ts") or groups.get("ts2") or groups.get("ts3")
    if kind is None and regex_name(match) in ("_TSLINE", "_STAMP"):
        return None  # "12:30 Déjeuner avec les élus": an agenda, not a speaker
    if kind is None:
        if not stamp or not _loose_name(label):
            return None
        kind = "name"  # a timestamp makes any short name a speaker: "[00:12] nolwenn :"
    if groups.get("lb") and not groups.get("rb"):
        return None
    if delim == "-" and groups.get("delim") == ">":
        delim = ">"
    if delim in (".", "-") and not labels.SHORT_LABELS.match(label):
        if delim == "." or kind not in ("code", "name"):
            return None  # "J. Dupont a dit", "Coordination du projet - Communication"
    start = offset + len(line) - len(line.lstrip())
    body = offset + match.end()
    if delim == "line" or body >= offset + len(line.rstrip()):
        below = _next_text(text, offset + len(line))
        if below is None:
            return None
        body = below
    bracketed = bool(groups.get("lb") or groups.get("star") or groups.get("b1"))
    return Candidate(start, body, label, kind, delim, ms(stamp), bool(stamp), bracketed)


def regex_name(match: re.Match[str]) -> str:
    """Which of this module's marker expressions made `match`."""
    return next((name for name, regex in (("_TSLINE", _TSLINE), ("_STAMP", _STAMP))
                 if match.re is regex), "")


def _loose_name(label: str) -> bool:
    words = label.split()
    return 1 <= len(words) <= 4 and len(label) <= 40 and not any(c.isdigit() for c in label)


def _next_text(text: str, at: int) -> int | None:
    """The first non-blank character from `at` on (the speech under a label line)."""
    match = re.compile(r"\S").search(text, at)
    return match.start() if match else None
