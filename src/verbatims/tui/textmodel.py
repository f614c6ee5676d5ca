"""Pure text geometry for the transcript view: wrapping and selection units.

Kept free of Textual so it is cheap to test and to reason about: every offset
is a code point over the stored text, as in the store.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from verbatims.model.entities import Turn

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
# A sentence ends at a full stop (and closing quotes) before a space, or at a blank
# line; a single line break is not an end (OCR'd text breaks lines mid-sentence).
_SENTENCE_END = re.compile(r"[.!?…]+[»”\"')\]]*(?=\s)|\n[ \t]*\n")


@dataclass(frozen=True)
class Layout:
    """The text wrapped at a width: line i shows text[starts[i]:ends[i]]."""

    starts: list[int]
    ends: list[int]
    width: int

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The visual line showing `offset` (the end of text maps to the last line)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def wrap(text: str, width: int) -> Layout:
    """Greedy word wrap of each paragraph line; long words are cut."""
    width = max(8, width)
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    length = len(text)
    while pos <= length:
        newline = text.find("\n", pos)
        stop = length if newline < 0 else newline
        line_start = pos
        while stop - line_start > width:
            cut = text.rfind(" ", line_start, line_start + width + 1)
            if cut <= line_start:
                cut = line_start + width
                starts.append(line_start)
                ends.append(cut)
                line_start = cut
            else:
                starts.append(line_start)
                ends.append(cut)
                line_start = cut + 1
        starts.append(line_start)
        ends.append(stop)
        if newline < 0:
            break
        pos = newline + 1
    return Layout(starts, ends, width)


_SINGLE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def hard_wrapped(text: str) -> bool:
    """True for text broken into short lines (OCR, e-mail): most breaks are single."""
    singles = len(_SINGLE_BREAK.findall(text))
    return singles > 20 and singles > 3 * text.count("\n\n")


def reflow(text: str, turn_starts: Sequence[int] = ()) -> str:
    """The text with single line breaks shown as spaces (same length, same offsets).

    Blank lines and the break before a speaker turn stay, so paragraphs and turns
    are still set apart.
    """
    flowed = list(_SINGLE_BREAK.sub(" ", text))
    for start in turn_starts:
        if start > 0 and text[start - 1] == "\n":
            flowed[start - 1] = "\n"
    return "".join(flowed)


def word_at(text: str, offset: int) -> tuple[int, int]:
    """The word under (or just before) `offset`, or a one-character span."""
    lo = max(0, offset - 60)
    for match in _WORD.finditer(text, lo, min(len(text), offset + 60)):
        if match.start() <= offset < match.end() or match.end() == offset:
            return match.start(), match.end()
    return offset, min(len(text), offset + 1)


def next_word(text: str, offset: int) -> int:
    """Where ctrl+→ goes: the end of the word under the cursor, else of the next word.

    From the start of a word or inside it, that is its end (a whole word, never
    one character); from a word's end, the end of the following word. Extending
    a selection this way never takes the space after the last word.
    """
    match = _WORD.search(text, offset)
    while match is not None and match.end() <= offset:
        match = _WORD.search(text, match.end())
    return len(text) if match is None else match.end()


def previous_word(text: str, offset: int) -> int:
    """Where ctrl+← goes: the start of the word under the cursor, else of the one before."""
    lo = max(0, offset - 200)
    starts = [m.start() for m in _WORD.finditer(text, lo, offset) if m.start() < offset]
    return starts[-1] if starts else lo


def sentence_at(text: str, offset: int, turns: Sequence[Turn] = ()) -> tuple[int, int]:
    """The sentence around `offset`, never crossing a speaker turn."""
    lo, hi = turn_at(turns, offset, len(text)) if turns else (0, len(text))
    lo = max(lo, _marker_end(text, lo, turns, offset))
    offset = max(offset, lo)  # on the speaker label: its first sentence
    start = lo
    for match in _SENTENCE_END.finditer(text, lo, offset):
        if match.end() <= offset:
            start = match.end()
    end = hi
    after = _SENTENCE_END.search(text, offset, hi)
    if after is not None:
        end = after.start() if after.group().startswith("\n") else after.end()
    return _strip(text, start, end)


def paragraph_at(text: str, offset: int) -> tuple[int, int]:
    """The block of lines around `offset`, between blank lines."""
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return _strip(text, 0 if start < 0 else start + 2, len(text) if end < 0 else end)


def turn_at(turns: Sequence[Turn], offset: int, length: int) -> tuple[int, int]:
    """The speaker turn holding `offset` (the whole text when there are no turns)."""
    starts = [t.start for t in turns]
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0:
        return 0, turns[0].start if turns else length
    return turns[i].start, turns[i].end


def turn_index(turns: Sequence[Turn], offset: int) -> int:
    return bisect.bisect_right([t.start for t in turns], offset) - 1


def _marker_end(text: str, lo: int, turns: Sequence[Turn], offset: int) -> int:
    """Skip the speaker label ("Enquêtrice : ") at the start of a turn."""
    i = turn_index(turns, offset)
    if i < 0 or turns[i].speaker is None:
        return lo
    colon = text.find(":", lo, lo + len(turns[i].speaker or "") + 4)
    return lo if colon < 0 else colon + 1


def utterance_at(text: str, turns: Sequence[Turn], offset: int) -> tuple[int, int]:
    """The speaker turn holding `offset`, without its speaker label."""
    lo, hi = turn_at(turns, offset, len(text))
    if turns:
        lo = max(lo, _marker_end(text, lo, turns, max(offset, lo)))
    return _strip(text, lo, hi)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, min(len(text), start + 1)
    return start, end
