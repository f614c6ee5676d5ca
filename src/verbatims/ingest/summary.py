"""What an import found in each document, and what a researcher should check.

Per document: its speakers with their role, turns and share of the words; and
warnings, one line each, when a document of more than 200 words has no turn,
when an interviewer holds more than half the words, when an interviewer's turn
runs past 80 words (an answer whose marker was lost in OCR?), or when a label
found in the text, and naming no role, marks one turn only (a speaker, or a
line of prose taken for one?).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from verbatims.i18n import N_, _, ngettext
from verbatims.ingest import labels
from verbatims.ingest.roles import words
from verbatims.model.entities import Role, Turn

LONG_QUESTION = 80  # words: longer than any question of the demo, seed 002 or seed 003

ROLE_NAMES = {"interviewer": N_("interviewer"), "respondent": N_("respondent"),
              "preamble": N_("preamble")}


def role_name(role: str) -> str:
    """A role as the user reads it, in the language in force."""
    return _(ROLE_NAMES[role]) if role in ROLE_NAMES else role


@dataclass(frozen=True)
class Speaker:
    label: str | None  # None: the preamble (and lines set apart)
    role: Role
    turns: int
    words: int
    share: float  # of the document's words


@dataclass
class Found:
    words: int
    speakers: list[Speaker] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def speakers_of(text: str, turns: Sequence[Turn]) -> list[Speaker]:
    """Every speaker of a document (and its preamble), in order of appearance."""
    total = words(text) or 1
    rows: dict[tuple[str | None, Role], list[int]] = {}
    for turn in turns:
        key = (turn.speaker, turn.role)
        row = rows.setdefault(key, [0, 0])
        row[0] += 1
        row[1] += words(text[turn.speech_start:turn.end])
    return [Speaker(label, role, n, w, w / total) for (label, role), (n, w) in rows.items()]


def speaker_line(speaker: Speaker) -> str:
    """One speaker of the import summary: label, role, turns, share of the words."""
    label = (speaker.label or (_("(preamble)") if speaker.role == "preamble"
                               else _("(unmarked)")))[:24]
    return ngettext("        {label:<24} {role:<14} {turns:>4} turn  {share:>3}% of the words",
                    "        {label:<24} {role:<14} {turns:>4} turns {share:>3}% of the words",
                    speaker.turns).format(label=label, role=role_name(speaker.role),
                                          turns=speaker.turns,
                                          share=round(100 * speaker.share))


def examine(text: str, turns: Sequence[Turn], from_text: bool = True,
            name: str = "DOC", markers: bool = True) -> Found:
    """Speakers and warnings; `from_text`: the turns were found from markers in the
    text (a label seen once is then worth a look), not stated by the file; `markers`
    False: the format carries no speaker (an IRaMuTeQ text), none is looked for."""
    total = words(text)
    found = Found(total, speakers_of(text, turns))
    speech = [s for s in found.speakers if s.label is not None]
    if total > 200 and not speech and markers:
        found.warnings.append(_(
            "no speaker turn found in {n} words: all of it counts as the respondent's; check "
            "its speaker markers, or give --turn-pattern and --interviewer").format(n=total))
    asked = sum(s.words for s in speech if s.role == "interviewer")
    said = sum(s.words for s in speech)
    if not any(s.role == "respondent" for s in speech):  # as the analyses read it: the
        said += sum(s.words for s in found.speakers if s.label is None)  # unmarked text
    if said and asked > said / 2:
        found.warnings.append(_(
            "the interviewer holds {share}% of the words: check the roles with `verbatims "
            "speakers`, and fix them with `verbatims speakers set`").format(
                share=round(100 * asked / said)))
    long = [(words(text[t.speech_start:t.end]), t) for t in turns if t.role == "interviewer"]
    longest = max(long, key=lambda pair: pair[0], default=(0, None))
    if longest[1] is not None and longest[0] > LONG_QUESTION:
        found.warnings.append(_(
            "an interviewer turn of {n} words (offset {start}): an answer may follow the "
            "question without its marker; read it with `verbatims show {name} --start "
            "{start}`, and make it the respondent's with `verbatims turns {name} --set "
            "OFFSET --role respondent`").format(n=longest[0], start=longest[1].start,
                                                 name=name))
    unmarked = [t for t in turns if t.speaker is None and t.role == "respondent"]
    if unmarked:
        found.warnings.append(ngettext(
            "{n} answer has no marker, only the question before it: it is the respondent's "
            "from where `verbatims turns {name}` shows it starts",
            "{n} answers have no marker, only the questions before them: they are the "
            "respondent's from where `verbatims turns {name}` shows each starts",
            len(unmarked)).format(n=len(unmarked), name=name))
    answering = [s.label for s in speech if s.role == "respondent"
                 and labels.known_role(s.label or "") == "respondent"]
    for s in speech if from_text else ():
        if s.turns == 1 and len(speech) > 1 and labels.known_role(s.label or "") is None:
            if s.role == "respondent" and len(answering) == 1:
                # "Virginie Steiner : …" first, then "R : …": the interviewee named once
                found.warnings.append(_(
                    "the label «{label}» marks one turn only, {other} the other answers: if "
                    "they are one person, `verbatims speakers set {other} --rename "
                    "\"{label}\" --doc {name}`").format(label=s.label, other=answering[0],
                                                       name=name))
                continue
            found.warnings.append(_(
                "the label «{label}» marks one turn only: check that it is a speaker").format(
                    label=s.label))
    return found
