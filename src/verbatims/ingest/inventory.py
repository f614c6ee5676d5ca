"""Which candidate markers of a document are its speakers.

A candidate is kept when its label names a role ("Enquêtrice", "Q"), when it
was written as a marker on purpose (a timestamp beside it, brackets, bold,
CHAT's star), when it looks like a person's name of two words or more, or when
it recurs. A label closed by a full stop or a dash ("Q.", "Question -") counts
only if it is a short role label or is also written with a colon. Single
words seen once ("Remarque :", "Total:") are prose.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from verbatims.ingest import labels
from verbatims.ingest.markers import Candidate


def keep(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The candidates that are speaker markers, in text order."""
    found = list(candidates)
    counts = Counter(labels.fold(c.label) for c in found)
    colon = {labels.fold(c.label) for c in found if c.delim in (":", "line", ">")}
    kept = [c for c in found if _speaker(c, counts, colon)]
    return _alternating_codes(found, kept, counts)


def _speaker(c: Candidate, counts: Counter[str], colon: set[str]) -> bool:
    key = labels.fold(c.label)
    short = bool(labels.SHORT_LABELS.match(c.label))
    if c.delim in (".", "-") and not short and key not in colon:
        return False
    if c.kind == "known":
        return True
    if c.timed or c.bracketed or c.delim == "line":
        return True
    if c.kind == "neutral":
        return True
    if c.kind == "name":
        return counts[key] >= 2 or labels.looks_like_person(c.label)
    return counts[key] >= 2  # an upper-case code: "JR", "ENQ2", "BA725"


def _alternating_codes(found: Sequence[Candidate], kept: list[Candidate],
                       counts: Counter[str]) -> list[Candidate]:
    """A code seen once is kept between turns of other speakers ("JR :" once, in a
    document of "ENQ :" turns): a label that alternates with others."""
    if not kept:
        return kept
    keys = {labels.fold(c.label) for c in kept}
    extra = [c for c in found if c.kind == "code" and counts[labels.fold(c.label)] == 1
             and labels.fold(c.label) not in keys and len(keys) >= 1]
    if not extra:
        return kept
    return sorted([*kept, *extra], key=lambda c: c.start)
