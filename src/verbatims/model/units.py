"""A document's text units: word, sentence, turn, paragraph. One definition each.

Everything that cuts a transcript into units uses this module: the workbench's
selection keys, auto-coding units, the analyses' context units, word counts,
coding queries (``--near N`` words) and exports. Pure functions over the stored
text (NFC, LF line endings, offsets in code points); no I/O, no spaCy.

**Word.** A run of letters and digits, with inner hyphens ("Wi-Fi", "peut-être",
"a-t-il"), inner apostrophes ("aujourd'hui", "quelqu'un", "presqu'île"),
inclusive-writing middle dots ("élu·e·s"), and decimal, thousands or time
separators between digits ("2,5", "1.000", "00:12:05") kept inside: each is one
word, as is "5G".
French elision is two words: the clitic with its apostrophe, then the word
("l'|impact", "qu'|il", "jusqu'|à"), as in the grammar and in the lexicometric
tools (Lexico, IRaMuTeQ); "c'est-à-dire" is the one lexicalised exception.
Punctuation is no word, even standing alone between spaces (" : ", " ? ", "«"):
this is where we count fewer words than ``wc -w``, which counts every run of
non-blanks (French sets "?", "!", ":", ";" and guillemets apart with spaces);
elision is where we count more ("l'impact" is one run for ``wc``).

**Sentence.** Ends after a run of ".", "!", "?" or "…" (closing quotes and
brackets included, « … » spaced the French way) when the next word starts with a
capital, a digit or an opening quote, dash or bracket; always at a paragraph's or
a turn's end. So a single line break never ends one (OCR breaks lines
mid-sentence), "?" before a lower-case word does not either (spoken "non ? et
puis"), and neither do the dots of titles and abbreviations ("M. le maire",
"M. Dupont", "Mme.", "cf. Annexe", "p. 12", initials "J. Martin") nor an
elision mark "[…]". "etc." followed by a capital does end a sentence.

**Turn.** The speaker turns found at import (`Turn`), looked up by offset with
`turn_index` / `turn_at`. Its *utterance* is the turn without its speaker marker
("Enquêtrice :", "[00:12:05] Nolwenn :"), found by `marker_end`.

**Paragraph.** A block of text between blank lines, also cut where a turn
starts (a Q/R transcript with one line per turn has one paragraph per turn), its
speaker marker left out.

Every unit is returned as a (start, end) span, trimmed of surrounding blanks.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from operator import attrgetter

from verbatims.model.entities import Turn

Span = tuple[int, int]
UNITS = ("word", "sentence", "turn", "paragraph")

# -- words ------------------------------------------------------------------------------

_APOSTROPHES = "'’ʼ"
_TOKEN = re.compile(r"\w+(?:(?:[-‐‑'’ʼ·]|(?<=\d)[.,:](?=\d))\w+)*")
_ELIDED = re.compile(r"(?:qu|jusqu|lorsqu|puisqu|quoiqu|[cdjlmnst])['’ʼ](?=\w)", re.IGNORECASE)
_LEXICALISED = frozenset({"c'est-à-dire"})


def iter_words(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """The words of text[start:end], in order (see the module docstring)."""
    stop = len(text) if end is None else end
    for match in _TOKEN.finditer(text, start, stop):
        a, b = match.span()
        cut = _ELIDED.match(text, a, b)
        while cut is not None and not _lexicalised(text[a:b]):
            yield a, cut.end()
            a = cut.end()
            cut = _ELIDED.match(text, a, b)
        yield a, b


def _lexicalised(word: str) -> bool:
    folded = word.casefold()
    for mark in _APOSTROPHES[1:]:
        folded = folded.replace(mark, "'")
    return folded in _LEXICALISED


def words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    return list(iter_words(text, start, end))


def word_count(text: str) -> int:
    """How many words a text has (the count shown for documents and extracts).

    The same count as `iter_words`, at C speed: the runs are found by one `findall`,
    and only those holding an apostrophe are cut at their elisions in Python.
    """
    runs = _TOKEN.findall(text)
    n = len(runs)
    for run in [r for r in runs if "'" in r or "’" in r or "ʼ" in r]:
        at = 0
        cut = _ELIDED.match(run, at)
        while cut is not None and not _lexicalised(run[at:]):
            n += 1
            at = cut.end()
            cut = _ELIDED.match(run, at)
    return n


def word_at(text: str, offset: int) -> Span | None:
    """The word holding `offset`, or ending right at it; None between words."""
    lo = offset
    while lo > 0 and not text[lo - 1].isspace():  # no word holds a blank
        lo -= 1
    hi = offset
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    for a, b in iter_words(text, lo, hi):
        if a <= offset < b:
            return a, b
        if b == offset and not (offset < len(text) and _TOKEN.match(text, offset)):
            return a, b
    return None


def next_word_start(text: str, offset: int) -> int:
    """Where the next word after the one at `offset` starts (the end of text if none)."""
    for a, _b in iter_words(text, offset, min(len(text), offset + 4000)):
        if a > offset:
            return a
    for a, _b in iter_words(text, offset):
        if a > offset:
            return a
    return len(text)


def previous_word_start(text: str, offset: int) -> int:
    """Where the word before `offset` starts (that holding it, when inside one)."""
    lo = max(0, offset - 400)
    while True:
        starts = [a for a, _b in iter_words(text, lo, offset) if a < offset]
        if starts or lo == 0:
            return starts[-1] if starts else 0
        lo = max(0, lo - 4000)


def words_between(text: str, a: int, b: int) -> int:
    """How many words lie wholly inside [a, b) (0 when b <= a)."""
    return 0 if b <= a else sum(1 for _ in iter_words(text, a, b))


# -- sentences --------------------------------------------------------------------------

_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]*[»”\"’)\]])*(?=\s)")
_OPENS = "«“\"([—–-¿¡"
_TITLES = frozenset({"M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Dr", "Pr", "Mgr",
                     "St", "Ste", "Mr", "Mrs", "Ms"})
_ABBREVIATIONS = frozenset({
    "cf", "p", "pp", "art", "al", "vol", "éd", "ed", "ex", "env", "hab", "fig", "chap",
    "n", "no", "nº", "tél", "tel", "av", "bd", "réf", "ref", "coll", "dir", "ibid", "op",
    "cit", "ca", "vs", "resp", "sq", "max", "min", "apr", "mar", "janv", "févr", "avr",
    "juil", "sept", "oct", "nov", "déc", "dép", "ad", "adj", "hon", "prof", "gén",
})
_WORD_BEFORE = re.compile(r"(\w+)\.$")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """The sentences of text[start:end], a region no sentence crosses the edge of
    (a paragraph, a turn); use `TextUnits` for a whole document."""
    stop = len(text) if end is None else end
    out: list[Span] = []
    at = start
    for match in _END.finditer(text, start, stop):
        if match.end() <= at or not _ends(text, match, stop):
            continue
        span = _trim(text, at, match.end())
        if span[0] < span[1]:
            out.append(span)
        at = match.end()
    span = _trim(text, at, stop)
    if span[0] < span[1]:
        out.append(span)
    return out


def _ends(text: str, match: re.Match[str], stop: int) -> bool:
    """Does this run of final punctuation end a sentence?"""
    after = match.end()
    while after < stop and text[after].isspace():
        after += 1
    if after >= stop:
        return True
    following = text[after]
    if not (following.isupper() or following.isdigit() or following in _OPENS):
        return False
    run = match.group()
    if run.startswith("…") or run.startswith("..."):
        return match.start() == 0 or text[match.start() - 1] not in "[("  # "[…]" elides
    if run[0] == "." and not run.startswith(".."):
        word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start() + 1)
        if word is not None:
            before = word.group(1)
            if before in _TITLES or len(before) == 1 or before.casefold() in _ABBREVIATIONS:
                return False
    return True


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# -- turns ------------------------------------------------------------------------------

_START = attrgetter("start")


def turn_index(turns: Sequence[Turn], offset: int) -> int:
    """The index of the last turn starting at or before `offset` (-1 before the first).

    The offset may lie after that turn's end (in the blank before the next marker).
    """
    return bisect.bisect_right(turns, offset, key=_START) - 1


def turn_at(turns: Sequence[Turn], offset: int) -> Turn | None:
    """The turn holding `offset`, or None (before the first turn, between two)."""
    i = turn_index(turns, offset)
    if i < 0 or offset >= turns[i].end:
        return None
    return turns[i]


def marker_end(text: str, turn: Turn) -> int:
    """Where the speech of a turn starts: after its speaker marker ("Maire : ",
    "[00:12:05] Nolwenn : ", "**Q.** ", a name and a time alone on a line), or at its
    start when it has none. Turns imported since migration 9 know it (`body_start`);
    for older ones it is found again from the label and its colon."""
    if turn.body_start is not None:  # the import said where the marker ends
        return turn.speech_start
    if not turn.speaker:
        return turn.start
    line = text.find("\n", turn.start, turn.end)
    head = text[turn.start:min(turn.end if line < 0 else line, turn.start + 160)]
    found = head.casefold().find(turn.speaker.casefold())
    colon = head.find(":", found + len(turn.speaker) if found >= 0 else 0)
    while 0 < colon < len(head) - 1 and head[colon - 1].isdigit() and head[colon + 1].isdigit():
        colon = head.find(":", colon + 1)  # a timestamp's colon, not the marker's
    if colon < 0:
        return turn.start
    end = turn.start + colon + 1
    while end < turn.end and text[end] in " \t\u00a0\u202f":
        end += 1
    return end


# -- paragraphs and the whole document ----------------------------------------------------

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


class TextUnits:
    """One document's units, looked up by offset: what a selection key, an auto-coding
    unit or an analysis asks for. Cheap to build; each unit list is made on first use."""

    def __init__(self, text: str, turns: Sequence[Turn] = ()) -> None:
        self.text = text
        self.turns = tuple(turns)
        self._paragraphs: list[Span] | None = None
        self._sentences: dict[int, list[Span]] = {}

    # turns

    def turn(self, offset: int) -> Turn | None:
        return turn_at(self.turns, offset)

    def speaker(self, offset: int) -> str | None:
        """The speaker of the last turn starting at or before `offset`."""
        i = turn_index(self.turns, offset)
        return self.turns[i].speaker if i >= 0 else None

    def role(self, offset: int) -> str | None:
        turn = self.turn(offset)
        return None if turn is None else turn.role

    def utterance(self, offset: int) -> Span:
        """The turn around `offset` without its speaker marker (the paragraph when the
        offset is in no turn, or in the preamble)."""
        turn = self.turn(offset)
        if turn is None and self.turns:
            i = turn_index(self.turns, offset)
            turn = self.turns[i] if i >= 0 else None
        if turn is None or turn.role == "preamble":
            return self.paragraph(offset)
        return _trim(self.text, marker_end(self.text, turn), turn.end)

    # paragraphs

    def paragraphs(self) -> list[Span]:
        if self._paragraphs is None:
            self._paragraphs = self._cut_paragraphs()
        return self._paragraphs

    def _cut_paragraphs(self) -> list[Span]:
        text = self.text
        cuts = {0, len(text)}
        for blank in _BLANK_LINE.finditer(text):
            cuts.add(blank.start())
            cuts.add(blank.end())
        speech: dict[int, int] = {}
        for turn in self.turns:
            cuts.add(turn.start)
            cuts.add(turn.end)
            speech[turn.start] = marker_end(text, turn)
        bounds = sorted(c for c in cuts if 0 <= c <= len(text))
        out = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            span = _trim(text, min(max(speech.get(a, a), a), b), b)
            if span[0] < span[1]:
                out.append(span)
        return out

    def _paragraph_index(self, offset: int) -> int:
        """The paragraph holding `offset`; between two, the next one (the last at the end)."""
        paras = self.paragraphs()
        if not paras:
            return -1
        i = bisect.bisect_right(paras, offset, key=lambda p: p[0]) - 1
        if i >= 0 and offset < paras[i][1]:
            return i
        return min(i + 1, len(paras) - 1)

    def paragraph(self, offset: int) -> Span:
        i = self._paragraph_index(offset)
        return self.paragraphs()[i] if i >= 0 else (offset, offset)

    # sentences

    def _sentences_of(self, i: int) -> list[Span]:
        found = self._sentences.get(i)
        if found is None:
            a, b = self.paragraphs()[i]
            found = self._sentences[i] = sentences(self.text, a, b)
        return found

    def sentences(self) -> list[Span]:
        """Every sentence of the document, in order."""
        return [s for i in range(len(self.paragraphs())) for s in self._sentences_of(i)]

    def sentence(self, offset: int) -> Span:
        i = self._paragraph_index(offset)
        if i < 0:
            return offset, offset
        spans = self._sentences_of(i)
        j = bisect.bisect_right(spans, offset, key=lambda s: s[0]) - 1
        return spans[max(j, 0)]

    # words

    def word(self, offset: int) -> Span:
        found = word_at(self.text, offset)
        return found if found is not None else (offset, min(len(self.text), offset + 1))

    # any unit

    def around(self, offset: int, unit: str) -> Span:
        """The unit ("word", "sentence", "turn", "paragraph") around `offset`."""
        if unit == "word":
            return self.word(offset)
        if unit == "sentence":
            return self.sentence(offset)
        if unit == "turn":
            return self.utterance(offset)
        if unit == "paragraph":
            return self.paragraph(offset)
        raise ValueError(f"unknown unit {unit!r}; one of {', '.join(UNITS)}")
