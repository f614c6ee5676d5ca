"""Span arithmetic over code-point offsets, shared by the store, the UI and exports."""

from __future__ import annotations

from collections.abc import Iterable

from verbatims.errors import UserError
from verbatims.i18n import _


def check_span(start: int, end: int, length: int, where: str = "the document") -> None:
    """Refuse a span that is empty, reversed or outside a text of `length` code points."""
    if start < 0 or end < 0:
        raise UserError(_("Offsets must be positive: got {start}–{end} in {where}.").format(
                            start=start, end=end, where=where))
    if start >= end:
        raise UserError(
            _("The start offset ({start}) must be smaller than the end offset ({end}) in "
              "{where}.").format(start=start, end=end, where=where)
        )
    if end > length:
        raise UserError(
            _("The span {start}–{end} runs past the end of {where}, which has {length} "
              "characters; use an end of at most {length}.").format(
                  start=start, end=end, where=where, length=length)
        )


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two half-open spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of half-open spans, sorted; touching spans are joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
