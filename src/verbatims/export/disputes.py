"""What the disagreements documents share: how a dispute is said, how a passage is cut.

Every passage is shown once per coder, in columns: the text with what that coder
coded with a disputed code highlighted, a little context in grey, and the list
of that coder's codings there (disputed codes first), or "not coded". Above the
columns, each dispute says which code and who coded it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from verbatims.analysis.disagreements import BOUNDARIES
from verbatims.export.reliability import DisagreementReport
from verbatims.i18n import _, ngettext
from verbatims.model.spans import merge_spans

Span = tuple[int, int]
Mark = tuple[str, int, int, bool]  # code path, start, end, disputed


def dispute_text(code: str, kind: str, coded_by: Sequence[str], coders: Sequence[str]) -> str:
    if kind == BOUNDARIES:
        return _("{code}: coded by all, with different boundaries").format(code=code)
    return _("{code}: coded by {who}, not by {others}").format(
        code=code, who=", ".join(coded_by),
        others=", ".join(c for c in coders if c not in coded_by))


def disputes_of(report: DisagreementReport, row: Any) -> list[str]:
    return [dispute_text(code, kind, who, report.coders) for code, kind, who in row["disputes"]]


def pieces(text: str, offset: int, spans: Sequence[Span]) -> list[tuple[str, bool]]:
    """The passage cut into (text, highlighted) runs; spans are document offsets."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in merge_spans(spans):
        a, b = max(start - offset, at), min(end - offset, len(text))
        if a > at:
            out.append((text[at:a], False))
        if b > a:
            out.append((text[a:b], True))
            at = b
    if at < len(text):
        out.append((text[at:], False))
    return out


def highlighted(marks: Sequence[Mark]) -> list[Span]:
    """What a coder's column highlights: their codings with a disputed code."""
    return [(start, end) for _code, start, end, disputed in marks if disputed]


def mark_lines(marks: Sequence[Mark]) -> list[tuple[str, bool]]:
    """(code and offsets, disputed) per coding, disputed codes first."""
    ordered = sorted(marks, key=lambda m: (not m[3], m[1], m[0]))
    return [(f"{code} ({start}–{end})", disputed) for code, start, end, disputed in ordered]


def heading(row: Any) -> str:
    return _("{document} · characters {start}–{end}").format(
        document=row["document"], start=row["start"], end=row["end"])


def summary(report: DisagreementReport) -> str:
    n, k = len(report.passages), len(report.disputes)
    return (ngettext("{n} disputed passage", "{n} disputed passages", n).format(n=n) + ", "
            + ngettext("{k} disputed code", "{k} disputed codes", k).format(k=k) + ".")
