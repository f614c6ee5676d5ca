"""Speaker turns of a plain-text transcript, read from the document itself.

The markers at line starts (see `markers`) that `inventory` keeps open the
turns; the text before the first one is the preamble. Roles come from `roles`.
Two details of published interviews are handled: a question left without a
marker just before the first answer ("Selon vous… ?" then "Virginie Steiner :")
is the interviewer's, and page-continuation lines (".../...", "(suite de
l'interview de …)") and ornaments alone on their line ("§", "°°°S°°°", a stray
OCR letter) are set apart from the speech around them.

`--turn-pattern` replaces the markers by the user's regular expression (with a
`(?P<label>…)` group); `--interviewer` names the labels that ask.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from verbatims.ingest import inventory, labels, markers, roles
from verbatims.model.entities import Role, Turn


@dataclass(frozen=True)
class _Span:
    start: int
    body: int
    end: int
    label: str | None  # None: preamble or an editorial line (or an unmarked answer)
    time_ms: int | None = None
    next_ms: int | None = None
    answer: bool = False  # an unmarked answer after a marked question


def compile_pattern(pattern: str | None) -> re.Pattern[str] | None:
    """The user's marker regex, which must have a group named `label`; None: the default."""
    if not pattern:
        return None
    regex = re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    if "label" not in regex.groupindex:
        raise ValueError("the turn pattern needs a named group (?P<label>...)")
    return regex


def detect(
    text: str,
    pattern: re.Pattern[str] | None = None,
    interviewers: Iterable[str] = (),
) -> tuple[Turn, ...]:
    """Turns over `text`; the text before the first marker is a preamble turn."""
    marks = _custom(text, pattern) if pattern is not None else _default(text)
    if not marks:
        return ()
    marks = _named_consistently(marks)
    spans: list[_Span] = []
    first = marks[0][0]
    if text[:first].strip():
        spans.append(_Span(0, 0, _rstrip_end(text, 0, first), None))
    for i, (start, body, label, stamp) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        next_ms = marks[i + 1][3] if i + 1 < len(marks) and stamp is not None else None
        spans.extend(_split_editorial(text, _Span(start, body, _rstrip_end(text, start, end),
                                                  label, stamp, next_ms)))
    spans = _overlaps(text, spans)
    said = [roles.Said(s.label, text[s.body:s.end]) for s in spans if s.label]
    found = roles.infer(said, interviewers)
    spans = _unmarked_question(text, spans, found)
    spans = _unmarked_answers(text, spans, found)
    out: list[Turn] = []
    for s in spans:
        role: Role = (found.get(s.label, "respondent") if s.label
                      else "respondent" if s.answer else "preamble")
        out.append(Turn(s.start, s.end, s.label, role, s.time_ms, s.next_ms, len(out), s.body))
    return tuple(out)


def reassign(text: str, turns: Iterable[Turn], interviewers: Iterable[str] = ()
             ) -> tuple[Turn, ...]:
    """The same turns with their roles inferred again (for files that name speakers)."""
    kept = list(turns)
    said = [roles.Said(t.speaker, text[t.speech_start:t.end]) for t in kept if t.speaker]
    found = roles.infer(said, interviewers)
    return tuple(replace(t, role=found.get(t.speaker, t.role) if t.speaker else t.role)
                 for t in kept)


def carry_times(found: Iterable[Turn], timed: Iterable[Turn]) -> tuple[Turn, ...]:
    """`found` (turns the user's pattern gave over a timed file's text) with the times of
    the file's turns they cover: from the first one's start to the last one's end."""
    spans = [t for t in timed if t.time_start_ms is not None]
    out = []
    for turn in found:
        inside = [t for t in spans if t.start < turn.end and turn.start < t.end]
        if turn.time_start_ms is None and inside:
            ends = [t.time_end_ms for t in inside if t.time_end_ms is not None]
            turn = replace(turn, time_start_ms=inside[0].time_start_ms,
                           time_end_ms=max(ends) if ends else None)
        out.append(turn)
    return tuple(out)


def assign(text: str, turns: Iterable[Turn], start: int, end: int | None,
           speaker: str | None, role: Role) -> tuple[Turn, ...]:
    """The turns with [start, end) made one turn of `speaker` in `role` (end None: to the
    end of the turn holding `start`): an answer whose marker was lost inside a question,
    a respondent's unmarked opening. The turns it cuts keep what lies outside it."""
    kept = sorted(turns, key=lambda t: t.start)
    if end is None:
        holding = next((t for t in kept if t.start <= start < t.end), None)
        end = holding.end if holding is not None else len(text)
    start, end = _skip_blank(text, start, newlines=True), _rstrip_end(text, start, end)
    if not 0 <= start < end <= len(text):
        raise ValueError("empty span")
    out: list[Turn] = []
    new: Turn | None = None
    for t in kept:
        if t.end <= start or t.start >= end:
            out.append(t)
            continue
        if new is None:
            new = Turn(start, end, speaker, role, t.time_start_ms, t.time_end_ms, 0, start)
        left = _rstrip_end(text, t.start, start)
        if t.start < start and text[t.speech_start:left].strip():
            out.append(replace(t, end=left, body_start=min(t.speech_start, left)))
        right = _skip_blank(text, end, newlines=True)
        if end < t.end and text[right:t.end].strip():
            out.append(replace(t, start=right, body_start=right))
    if new is None:
        new = Turn(start, end, speaker, role, None, None, 0, start)
    out.append(new)
    out.sort(key=lambda t: t.start)
    return tuple(replace(t, index=i) for i, t in enumerate(out))


def _default(text: str) -> list[tuple[int, int, str, int | None]]:
    kept = inventory.keep(markers.scan(text))
    return [(c.start, c.body, c.label, c.time_ms) for c in kept]


def _custom(text: str, regex: re.Pattern[str]) -> list[tuple[int, int, str, int | None]]:
    marks = []
    for match in regex.finditer(text):
        groups = match.groupdict()
        label = " ".join((groups.get("label") or "").split())
        if not label:
            continue
        stamp = markers.ms(groups.get("ts") or groups.get("time"))
        start = _skip_blank(text, match.start())
        body = _skip_blank(text, match.end())
        marks.append((start, body, label, stamp))
    return marks


def _named_consistently(
    marks: list[tuple[int, int, str, int | None]],
) -> list[tuple[int, int, str, int | None]]:
    """One spelling per speaker: "Q" and "q", "Enquêtrice" and "Enquetrice" are one."""
    forms: dict[str, Counter[str]] = {}
    for _, _, label, _ in marks:
        forms.setdefault(labels.fold(label), Counter())[label] += 1
    chosen = {key: counts.most_common(1)[0][0] for key, counts in forms.items()}
    return [(a, b, chosen[labels.fold(label)], t) for a, b, label, t in marks]


_DOTS = r"\(?[.…]{2,3}/[.…]{2,3}\)?"
_SUITE = (r"\(?[ \t]*suite[ \t]+(?:de[ \t]+l['’]|d['’]|de[ \t]+|du[ \t]+)?"
          r"(?:interview|entretien)s?\b")
# An ornament alone on its line: "§", "°°°S°°°", "* * *", or a stray OCR letter ("g").
_ORNAMENT = r"(?:[§°*~#=•·—–_-][ \t]*)+(?:[^\W\d_][ \t]*(?:[§°*~#=•·—–_-][ \t]*)+)?|[a-z]"
_EDITORIAL = re.compile(
    rf"^[ \t]*(?:{_DOTS}[ \t]*(?:{_SUITE}[^\n]*)?|(?:[.…]{{1,3}}[ \t]*)?{_SUITE}[^\n]*"
    rf"|(?-i:{_ORNAMENT}))[ \t]*$",
    re.IGNORECASE | re.MULTILINE)


def _split_editorial(text: str, span: _Span) -> list[_Span]:
    """A turn with page-continuation lines inside: the lines apart, the speech around
    them still the speaker's."""
    pieces: list[_Span] = []
    at, body = span.start, span.body
    for line in _EDITORIAL.finditer(text, span.body, span.end):
        start = _skip_blank(text, line.start())
        before = _rstrip_end(text, at, start)
        if text[body:before].strip():
            pieces.append(_Span(at, body, before, span.label, span.time_ms, span.next_ms))
        pieces.append(_Span(start, start, _rstrip_end(text, start, line.end()), None))
        at = body = _next_text(text, line.end(), span.end)
    if not pieces:
        return [span]
    if text[body:span.end].strip():
        pieces.append(_Span(at, body, span.end, span.label, span.time_ms, span.next_ms))
    return pieces


# noScribe writes overlapping speech inside the other's paragraph: "… //S00: D'accord.// …"
_OVERLAP = re.compile(r"//(?P<label>[^\W\d_][\w'’.·-]{0,30}(?:[ \t][\w'’.·-]+){0,3}):[ \t]*"
                      r"(?P<speech>[^/\n]*?)[ \t]*//")


def _overlaps(text: str, spans: list[_Span]) -> list[_Span]:
    """Speech of a known speaker written inside another's turn between "//" marks, its
    own turn; the turn around it goes on after it."""
    known = {labels.fold(s.label) for s in spans if s.label}
    if not known or "//" not in text:
        return spans
    out: list[_Span] = []
    for span in spans:
        at, body = span.start, span.body
        for found in _OVERLAP.finditer(text, span.body, span.end):
            if span.label is None or labels.fold(found["label"]) not in known:
                continue
            before = _rstrip_end(text, at, found.start())
            if text[body:before].strip():
                out.append(_Span(at, body, before, span.label, span.time_ms, span.next_ms))
            label = next(s.label for s in spans if s.label and
                         labels.fold(s.label) == labels.fold(found["label"]))
            out.append(_Span(found.start(), found.start("speech"), found.end("speech"), label,
                             span.time_ms, span.next_ms))
            at = body = _next_text(text, found.end(), span.end)
        if at == span.start:
            out.append(span)
        elif text[body:span.end].strip():
            out.append(_Span(at, body, span.end, span.label, span.time_ms, span.next_ms))
    return out


def _unmarked_question(text: str, spans: list[_Span], found: dict[str, Role]) -> list[_Span]:
    """The preamble's last paragraph, when it is a question answered by the first turn."""
    if len(spans) < 2 or spans[0].label is not None or spans[1].label is None:
        return spans
    askers = [label for label, role in found.items() if role == "interviewer"]
    if found.get(spans[1].label) != "respondent" or len(askers) != 1:
        return spans
    preamble = spans[0]
    cut = text.rfind("\n\n", preamble.start, preamble.end)
    start = preamble.start if cut < 0 else _skip_blank(text, cut + 2, newlines=True)
    question = text[start:preamble.end].strip()
    if not question.endswith("?") or roles.words(question) > 120:
        return spans
    head = [] if not text[preamble.start:start].strip() else [
        _Span(preamble.start, preamble.start, _rstrip_end(text, preamble.start, start), None)]
    return [*head, _Span(start, start, preamble.end, askers[0]), *spans[1:]]


_ASKED = re.compile(r"\?[\s\"»”’)\].…]*\n")
# OCR of a page where the answer opens an indented paragraph: "… du numérique.\n Bien sûr !"
_INDENTED = re.compile(r"[.!?…»”][ \t]*\n(?=[ \t]+\S)")


def _unmarked_answers(text: str, spans: list[_Span], found: dict[str, Role]) -> list[_Span]:
    """Where only the questions are marked ("Enquêteur : … ?" then the answer as plain
    paragraphs), what follows each question is the respondent's: from the line after
    its question mark, an indented line after a sentence (OCR), or the second paragraph,
    whichever comes first."""
    labelled = [s.label for s in spans if s.label]
    if not labelled or any(found.get(label) != "interviewer" for label in labelled):
        return spans
    out: list[_Span] = []
    for span in spans:
        if span.label is None:
            out.append(span)
            continue
        cuts = [m.end() for m in (_ASKED.search(text, span.body, span.end),
                                  _INDENTED.search(text, span.body, span.end)) if m]
        cuts.append(text.find("\n\n", span.body, span.end))
        cut = min((c for c in cuts if c > 0), default=-1)
        answer = _next_text(text, cut, span.end) if cut > 0 else span.end
        if answer >= span.end:
            out.append(span)
            continue
        out.append(_Span(span.start, span.body, _rstrip_end(text, span.body, answer),
                         span.label, span.time_ms, span.next_ms))
        out.append(_Span(answer, answer, span.end, None, span.time_ms, span.next_ms,
                         answer=True))
    return out


def _next_text(text: str, at: int, end: int) -> int:
    while at < end and text[at].isspace():
        at += 1
    return at


def _skip_blank(text: str, start: int, newlines: bool = False) -> int:
    blanks = " \t\n" if newlines else " \t"
    while start < len(text) and text[start] in blanks:
        start += 1
    return start


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
