"""The speaker detector as it was before issue 10 (a list of known labels), kept as
the baseline bench/speakers.py measures beside the current one.

Speaker turns from the markers researchers type at the start of a line.

A marker is a known label ("Interlocuteur 1", "Enquêtrice", "Q", "R", "E1",
"Maire", "DSI"...), optionally numbered, optionally preceded by a timestamp,
followed by a colon. With a timestamp, any short name counts as a label
("[00:12:05] Nolwenn :"). Known labels only otherwise, so a line like
"Côté Web obésité : ..." in notes is not mistaken for a speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from verbatims.model.entities import Role, Turn

_E = "[eéèêë]"
INTERVIEWER_LABELS = (
    rf"enqu{_E}t(?:eur|rice|euse)s?",
    r"intervie?w(?:eu?r|euse|er)",
    r"chercheu(?:r|se)",
    r"animat(?:eur|rice)",
    r"journaliste",
    r"question",
    r"q",
    r"e",
    r"i",
)
RESPONDENT_LABELS = (
    r"interlocut(?:eur|rice)s?",
    rf"interview{_E}e?",
    rf"enqu{_E}t{_E}e?",
    r"r[ée]pondant(?:e)?",
    r"r[ée]ponse",
    r"participant(?:e)?",
    r"locut(?:eur|rice)",
    r"intervenant(?:e)?",
    r"speaker",
    r"r",
    r"p",
    r"e(?=[ \t]*\d)",
    r"maire",
    r"adjoint(?:e)?(?:[ \t]+au[ \t]+\w+)?",
    rf"{_E}lu(?:e|·e|\.e)?",
    r"conseill(?:er|[eè]re)(?:[ \t]+municipale?)?",
    r"dsi",
    r"dpo",
    r"dgs",
    r"rssi",
    r"agent(?:e)?",
    r"direct(?:eur|rice)",
    rf"vice-pr{_E}sident(?:e)?",
    rf"pr{_E}sident(?:e)?",
    r"technicien(?:ne)?",
    r"charg[ée]e?[ \t]+de[ \t]+mission",
    r"secr[ée]taire(?:[ \t]+de[ \t]+mairie)?",
    r"(?:m\.|mme|monsieur|madame)[ \t]+[\w'’-]+",
)
def _timestamp(group: str) -> str:
    return rf"\[?(?P<{group}>\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:[.,]\d{{1,3}})?)\]?"


_KNOWN = "|".join(RESPONDENT_LABELS + INTERVIEWER_LABELS)
DEFAULT_PATTERN = (
    rf"^[ \t]*(?:{_timestamp('ts')}[ \t]+(?P<free>[^\W\d][\w'’ .·-]{{0,40}}?)|"
    rf"(?:{_timestamp('ts2')}[ \t]*)?(?P<label>(?:{_KNOWN})(?:[ \t]*\d{{1,2}})?))"
    r"[ \t]*:(?:[ \t]+|$)"
)
_INTERVIEWER = re.compile(
    rf"^(?:{'|'.join(INTERVIEWER_LABELS)})(?:[ \t]*\d{{1,2}})?$", re.IGNORECASE
)
_RESPONDENT = re.compile(
    rf"^(?:{'|'.join(RESPONDENT_LABELS)})(?:[ \t]*\d{{1,2}})?$", re.IGNORECASE
)


def _ms(stamp: str | None) -> int | None:
    if not stamp:
        return None
    parts = stamp.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return int(round(seconds * 1000))


def compile_pattern(pattern: str | None) -> re.Pattern[str]:
    """The marker regex; a user pattern must have a group named `label`."""
    regex = re.compile(pattern or DEFAULT_PATTERN, re.IGNORECASE | re.MULTILINE)
    if "label" not in regex.groupindex:
        raise ValueError("the turn pattern needs a named group (?P<label>...)")
    return regex


def detect(
    text: str,
    pattern: re.Pattern[str] | None = None,
    interviewers: Iterable[str] = (),
) -> tuple[Turn, ...]:
    """Turns over `text`; the text before the first marker is a preamble turn."""
    regex = pattern or compile_pattern(None)
    extra = {label.casefold() for label in interviewers}
    marks: list[tuple[int, str, int | None]] = []
    for match in regex.finditer(text):
        groups = match.groupdict()
        label = groups.get("label") or groups.get("free") or ""
        label = " ".join(label.split())
        stamp = groups.get("ts") or groups.get("ts2")
        marks.append((match.start(), label, _ms(stamp)))
    if not marks:
        return ()
    turns: list[Turn] = []
    first = marks[0][0]
    if text[:first].strip():
        turns.append(Turn(0, _rstrip_end(text, 0, first), None, "preamble", index=0))
    for i, (start, label, stamp) in enumerate(marks):
        start = _skip_blank(text, start)
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        end = _rstrip_end(text, start, end)
        role = role_of(label, extra)
        next_stamp = marks[i + 1][2] if i + 1 < len(marks) else None
        turns.append(Turn(start, end, label, role, stamp, next_stamp if stamp else None,
                          index=len(turns)))
    return tuple(turns)


def role_of(label: str, interviewers: set[str]) -> Role:
    if label.casefold() in interviewers:
        return "interviewer"
    if _RESPONDENT.match(label):
        return "respondent"
    return "interviewer" if _INTERVIEWER.match(label) else "respondent"


def _skip_blank(text: str, start: int) -> int:
    while start < len(text) and text[start] in " \t":
        start += 1
    return start


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
