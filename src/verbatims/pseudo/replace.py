"""Replacing accepted names in text, whatever form they take.

A name matches regardless of case and accents, with any run of spaces, line
breaks or hyphens between its words, and across a word hyphenated at a line
break ("Ker-\\nhervé"). Matching runs on a folded copy of the text that keeps
one character per original character, so offsets carry over unchanged.
Aliases (a person's first or last name alone), and names made only of short
words ("Le Du"), only match when capitalised, so "Pierre" the person is
replaced and "pierre" the stone is not.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from verbatims.folding import fold_same_length

_LINEBREAK_HYPHEN = r"(?:-[ \t]*\n[ \t]*)?"

# Folded copies keep one character per original one, so offsets carry over.
fold = fold_same_length


def name_pattern(name: str) -> str:
    """A regular expression over folded text for every written form of `name`."""
    words = re.findall(r"\w+", fold(name))
    parts = []
    for word in words:
        parts.append(_LINEBREAK_HYPHEN.join(re.escape(c) for c in word))
    body = r"[\s\-'.]+".join(parts)
    return rf"(?<!\w){body}(?!\w)"


@dataclass(frozen=True)
class KeyEntry:
    """One accepted name and the label that replaces it everywhere."""

    name: str
    replacement: str
    category: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Remap:
    """Old offsets to new offsets after replacements [(old_s, old_e, new_s, new_e)]."""

    spans: tuple[tuple[int, int, int, int], ...]

    def __call__(self, pos: int, side: str = "start") -> int:
        i = bisect.bisect_right([s[0] for s in self.spans], pos) - 1
        if i < 0:
            return pos
        old_s, old_e, new_s, new_e = self.spans[i]
        if pos < old_e:  # inside a replaced name: widen to the whole label
            return new_s if (side == "start" or pos == old_s) else new_e
        return pos + (new_e - old_e)


class Pseudonymizer:
    """Applies one consistent key to any text on its way out."""

    def __init__(self, entries: Iterable[KeyEntry]) -> None:
        self.entries = [e for e in entries if e.name.strip() and e.replacement]
        full: list[tuple[re.Pattern[str], str, bool]] = []
        seen: set[str] = set()
        for entry in sorted(self.entries, key=lambda e: -len(e.name)):
            for form, capital in ((entry.name, False), *((a, True) for a in entry.aliases)):
                key = fold(form).strip()
                if len("".join(re.findall(r"\w", key))) < 2 or key in seen:
                    continue  # a one-letter "name" would hide every "c'est"
                seen.add(key)
                short = all(len(w) < 4 for w in re.findall(r"\w+", key))  # "Le Du" ≠ "le du"
                full.append((re.compile(name_pattern(form)), entry.replacement,
                             capital or short))
        self._patterns = full

    def __bool__(self) -> bool:
        return bool(self._patterns)

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, replacement), leftmost then longest first."""
        folded = fold(text)
        found: list[tuple[int, int, str]] = []
        for pattern, replacement, capital in self._patterns:
            for m in pattern.finditer(folded):
                if capital and not text[m.start()].isupper():
                    continue
                found.append((m.start(), m.end(), replacement))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        chosen: list[tuple[int, int, str]] = []
        for item in found:
            if chosen and item[0] < chosen[-1][1]:
                continue
            chosen.append(item)
        return chosen

    def remap(self, text: str) -> tuple[str, Remap]:
        out: list[str] = []
        spans: list[tuple[int, int, int, int]] = []
        last = 0
        length = 0
        for start, end, replacement in self.matches(text):
            out.append(text[last:start])
            length += start - last
            out.append(replacement)
            spans.append((start, end, length, length + len(replacement)))
            length += len(replacement)
            last = end
        out.append(text[last:])
        return "".join(out), Remap(tuple(spans))

    def __call__(self, text: str) -> str:
        return self.remap(text)[0] if self._patterns and text else text


def leaks(text: str, names: Sequence[str]) -> list[str]:
    """The names (in any case, accent or line-break form) still present in `text`."""
    folded = fold(text)
    return [n for n in names if re.search(name_pattern(n), folded)]


def identity(text: str) -> str:
    return text
