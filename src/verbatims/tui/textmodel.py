"""Pure text geometry for the transcript view: wrapping and selection units.

Kept free of Textual so it is cheap to test and to reason about: every offset
is a code point over the stored text, as in the store. The units themselves
(word, sentence, turn, paragraph) are defined once, in verbatims.model.units;
the functions below are the view's names for them.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from verbatims.model import units
from verbatims.model.entities import Turn


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
            cut = _break_at(text, line_start, line_start + width + 1)
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


# French puts a space before ? ! : ; » and after «: a line never starts with the mark.
_NO_BREAK_BEFORE = "?!:;»"
_NO_BREAK_AFTER = "«"


def _break_at(text: str, start: int, stop: int) -> int:
    """The last space in text[start:stop] where a line may break (-1 if none)."""
    first = cut = text.rfind(" ", start, stop)
    while cut > start and (text[cut + 1 : cut + 2] in tuple(_NO_BREAK_BEFORE)
                           or text[cut - 1] in _NO_BREAK_AFTER):
        cut = text.rfind(" ", start, cut)
    return cut if cut > start else first  # no better place: break before the mark


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


@functools.lru_cache(maxsize=4)
def _units(text: str, turns: tuple[Turn, ...]) -> units.TextUnits:
    return units.TextUnits(text, turns)  # kept: the units of the open document


def word_at(text: str, offset: int) -> tuple[int, int]:
    """The word under (or just before) `offset`, or a one-character span."""
    return _units(text, ()).word(offset)


def next_word(text: str, offset: int) -> int:
    """Where ctrl+→ goes: the end of the word under the cursor, else of the next word.

    From the start of a word or inside it, that is its end (a whole word, never
    one character); from a word's end, the end of the following word. Extending
    a selection this way never takes the space after the last word. Words are
    those of verbatims.model.units.
    """
    for stop in (min(len(text), offset + 4000), len(text)):
        for _a, b in units.iter_words(text, offset, stop):
            if b > offset:
                return b
    return len(text)


def previous_word(text: str, offset: int) -> int:
    """Where ctrl+← goes: the start of the word under the cursor, else of the one before."""
    return units.previous_word_start(text, offset)


def sentence_at(text: str, offset: int, turns: Sequence[Turn] = ()) -> tuple[int, int]:
    """The sentence around `offset`, never crossing a paragraph or a speaker turn."""
    return _units(text, tuple(turns)).sentence(offset)


def paragraph_at(text: str, offset: int, turns: Sequence[Turn] = ()) -> tuple[int, int]:
    """The paragraph around `offset`: between blank lines, cut where a turn starts."""
    return _units(text, tuple(turns)).paragraph(offset)


def turn_at(turns: Sequence[Turn], offset: int, length: int) -> tuple[int, int]:
    """The speaker turn holding `offset` (the whole text when there are no turns)."""
    i = units.turn_index(turns, offset)
    if i < 0:
        return 0, turns[0].start if turns else length
    return turns[i].start, turns[i].end


def turn_index(turns: Sequence[Turn], offset: int) -> int:
    return units.turn_index(turns, offset)


def utterance_at(text: str, turns: Sequence[Turn], offset: int) -> tuple[int, int]:
    """The speaker turn holding `offset`, without its speaker label."""
    return _units(text, tuple(turns)).utterance(offset)
