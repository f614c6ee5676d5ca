"""Selection positions as other tools count them, mapped onto the stored text.

The stored text is the source normalised as every import does it (BOM gone,
CRLF and CR → LF, NFC). A position in the original can be counted four ways:
code points or UTF-16 units (NVivo), a CRLF as two or as one (ATLAS.ti). Each
convention gets its own index from its units to stored offsets; `choose()`
picks, per source, the convention under which the selections' quoted names
match the text, with the producing tool as the tie-breaker.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

CONVENTIONS = ("codepoints", "codepoints-crlf1", "utf16", "utf16-crlf1")


_WIDE = re.compile("[\U00010000-\U0010FFFF]")


@dataclass
class Index:
    text: str  # the stored text
    units: dict[str, list[int]]  # convention → unit position before each raw character
    stored: list[int]  # stored position before each raw character (one more at the end)
    identity: bool = False  # every convention counts like the stored text
    raw_length: int = 0  # characters of the source as the tool read it (BOM aside)

    def length(self, convention: str) -> int:
        """The last valid position, in that convention's units."""
        return self.raw_length if self.identity else self.units[convention][-1]

    def to_stored(self, position: int, convention: str) -> int:
        if self.identity:
            return max(0, min(position, len(self.text)))
        units = self.units[convention]
        i = bisect.bisect_left(units, position)
        if i >= len(units):
            return len(self.text)
        return min(self.stored[i], len(self.text))


def build(raw: str) -> Index:
    """Index a source text as another tool read it (BOMs stripped, CRLF kept)."""
    raw = raw.lstrip("\ufeff")
    if "\r" not in raw and not _WIDE.search(raw) and unicodedata.is_normalized("NFC", raw):
        text = raw.rstrip() + "\n" if raw.strip() else ""
        return Index(text, {}, [], identity=True, raw_length=len(raw))  # nothing to map
    out: list[str] = []
    stored: list[int] = []
    length = 0
    i = 0
    while i < len(raw):  # clusters: a character and the combining marks after it
        j = i + 1
        if raw[i] == "\r":
            if j < len(raw) and raw[j] == "\n":
                j += 1
            piece = "\n"
        else:
            while j < len(raw) and unicodedata.combining(raw[j]):
                j += 1
            piece = unicodedata.normalize("NFC", raw[i:j])
        stored.extend([length] * (j - i))
        out.append(piece)
        length += len(piece)
        i = j
    stored.append(length)
    text = "".join(out)
    text = text.rstrip() + "\n" if text.strip() else ""
    units: dict[str, list[int]] = {c: [] for c in CONVENTIONS}
    counts = dict.fromkeys(CONVENTIONS, 0)
    for k, char in enumerate(raw):
        for conv in CONVENTIONS:
            units[conv].append(counts[conv])
        wide = 2 if ord(char) > 0xFFFF else 1
        crlf_cr = char == "\r" and k + 1 < len(raw) and raw[k + 1] == "\n"
        counts["codepoints"] += 1
        counts["utf16"] += wide
        counts["codepoints-crlf1"] += 0 if crlf_cr else 1
        counts["utf16-crlf1"] += 0 if crlf_cr else wide
    for conv in CONVENTIONS:
        units[conv].append(counts[conv])
    return Index(text, units, stored, raw_length=len(raw))


def preference(origin: str) -> list[str]:
    name = origin.casefold()
    if "nvivo" in name:
        return ["utf16", "utf16-crlf1", "codepoints", "codepoints-crlf1"]
    if "atlas" in name or "maxqda" in name:
        return ["codepoints-crlf1", "utf16-crlf1", "codepoints", "utf16"]
    return list(CONVENTIONS)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def choose(index: Index, selections: Sequence[tuple[int, int, str]], origin: str) -> str:
    """The convention under which most selection names equal the text they cover."""
    order = preference(origin)
    named = [(s, e, _squash(n)) for s, e, n in selections if n and _squash(n)]
    if not named:
        return order[0]
    best, best_score = order[0], -1
    for conv in order:
        score = 0
        for start, end, name in named:
            a, b = sorted((index.to_stored(start, conv), index.to_stored(end, conv)))
            got = _squash(index.text[a:b])
            if got == name or (len(name) >= 20 and got.startswith(name[:-1])):
                score += 1
        if score > best_score:
            best, best_score = conv, score
    return best
