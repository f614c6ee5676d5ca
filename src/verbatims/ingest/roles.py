"""Who asks and who answers: a role for every speaker of a document.

In order: the labels the user names (`--interviewer`), the labels that name a
role ("Enquêtrice", "Q", "Maire", "R"), then, when no interviewer is known yet,
the speaker whose turns are mostly questions and shorter than the others', then
the first speaker of a strict two-speaker alternation. Everyone else answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from verbatims.ingest import labels
from verbatims.model.entities import Role

_QUESTION = re.compile(r"\?[\s\"»”’)\].…]*$")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Said:
    """One turn as role inference sees it: who, and what they said."""

    speaker: str
    text: str


@dataclass(frozen=True)
class Profile:
    turns: int
    words: int
    questions: int

    @property
    def question_share(self) -> float:
        return self.questions / self.turns if self.turns else 0.0

    @property
    def mean_words(self) -> float:
        return self.words / self.turns if self.turns else 0.0


def words(text: str) -> int:
    """Words as a reader counts them ("aujourd'hui" is one)."""
    return sum(1 for _ in _WORD.finditer(text))


def profiles(turns: Iterable[Said]) -> dict[str, Profile]:
    counts: dict[str, list[int]] = {}
    for said in turns:
        row = counts.setdefault(said.speaker, [0, 0, 0])
        row[0] += 1
        row[1] += words(said.text)
        row[2] += bool(_QUESTION.search(said.text.strip()))
    return {k: Profile(*v) for k, v in counts.items()}


def infer(turns: Sequence[Said], interviewers: Iterable[str] = (),
          hints: Mapping[str, Role] | None = None) -> dict[str, Role]:
    """A role for every speaker of `turns` (speakers as labelled, in order).

    `interviewers` are labels the user named; `hints` are roles a file format
    states (a TEI `<person role=…>`, a Transcriber speaker called "interviewer").
    """
    asked = {labels.fold(x) for x in interviewers}
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    roles: dict[str, Role] = {}
    unknown: list[str] = []
    told = any(labels.fold(s) in asked for s in speakers)
    for speaker in speakers:
        named = (hints or {}).get(speaker)
        if labels.fold(speaker) in asked:
            roles[speaker] = "interviewer"
        elif told:
            roles[speaker] = "respondent"  # the user said who asks here: no one else
        elif named in ("interviewer", "respondent"):
            roles[speaker] = named
        elif (known := labels.known_role(speaker)) is not None:
            roles[speaker] = known
        else:
            unknown.append(speaker)
    if not unknown:
        return roles
    if "interviewer" not in roles.values():
        chosen = (_asker(turns, unknown) or _quiet(turns, unknown)
                  or _first_of_alternation(turns, unknown, roles))
        if chosen is not None:
            roles[chosen] = "interviewer"
    for speaker in unknown:
        roles.setdefault(speaker, "respondent")
    return roles


def _asker(turns: Sequence[Said], candidates: Sequence[str]) -> str | None:
    """The speaker whose turns are mostly questions, and shorter than the others'."""
    found = profiles(turns)
    if len(found) < 2:
        return None
    # A voice heard once or twice ("tu veux un café ?" from the kitchen) is no moderator.
    least = max(2.0, 0.1 * sum(p.turns for p in found.values()))
    regular = [s for s in candidates if found[s].turns >= least]
    if not regular:
        return None
    best = max(regular, key=lambda s: (found[s].question_share, -found[s].mean_words))
    mine = found[best]
    others = [p for s, p in found.items() if s != best]
    other_words = sum(p.words for p in others)
    other_turns = sum(p.turns for p in others)
    other_mean = other_words / other_turns if other_turns else 0.0
    other_share = (sum(p.questions for p in others) / other_turns) if other_turns else 0.0
    if mine.turns < 2 or mine.mean_words > other_mean or mine.question_share <= other_share:
        return None
    if mine.question_share >= 0.4 or (mine.question_share >= 0.2
                                      and mine.question_share >= 1.5 * other_share):
        return best  # in spoken corpora a moderator's questions are a quarter of their turns
    return None


def _quiet(turns: Sequence[Said], candidates: Sequence[str]) -> str | None:
    """In a transcript without question marks (ESLO, CFPP write none), of two speakers
    the one who says a third of the other's words or less, in shorter turns."""
    found = profiles(turns)
    if sum(p.questions for p in found.values()) > 1:
        return None
    total = sum(p.words for p in found.values()) or 1
    main = [s for s, p in found.items() if p.turns >= 3 and p.words >= 0.03 * total]
    if len(main) != 2:
        return None
    a, b = sorted(main, key=lambda s: found[s].words)
    if a not in candidates:
        return None
    if found[a].words * 3 <= found[b].words and found[a].mean_words < found[b].mean_words:
        return a
    return None


def _first_of_alternation(turns: Sequence[Said], candidates: Sequence[str],
                          roles: Mapping[str, Role]) -> str | None:
    """Two speakers taking turns (A B A B…): the first one is asking."""
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    if len(speakers) != 2 or len(turns) < 4 or speakers[0] not in candidates:
        return None
    if roles.get(speakers[1]) not in (None, "respondent"):
        return None
    changes = sum(1 for a, b in zip(turns, turns[1:], strict=False) if a.speaker != b.speaker)
    if changes < 0.8 * (len(turns) - 1):
        return None
    found = profiles(turns)
    first, second = found[speakers[0]], found[speakers[1]]
    if first.mean_words >= second.mean_words or first.question_share <= second.question_share:
        return None  # the first to speak does not ask: a respondent opening, or a chat
    return speakers[0]
