"""The keyword matcher behind auto-coding and search: lemmas, accents, typos, OCR noise.

Pure functions over already-parsed tokens (no I/O, no spaCy here), so the same
matcher serves `autocode`, the workbench search and the benchmark.

A text is seen as a list of `Unit`s (one per word, with OCR repairs such as
"I'" read back as "l'"). A keyword is a sequence of keyword tokens, each accepting
a few folded forms (surface and lemma). A unit matches a keyword token when they
share a form, share a form once accents and doubled letters are folded away, or
are close by rapidfuzz's ratio. Fuzzy comparisons are blocked: a form is only
compared with keyword forms that share its first or its last two letters and have
a similar length, and each distinct form is looked up once.
"""

from __future__ import annotations

import re
import re._constants as _c
import re._parser as _parser
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from rapidfuzz import fuzz, process

DEFAULT_THRESHOLD = 85.0
EXACT, FOLDED, COLLAPSED = 100.0, 98.0, 96.0
JOIN_PENALTY = 2.0


class TokenLike(Protocol):
    """What the matcher needs from a parsed token (the NLP cache's Token has it)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def lemma(self) -> str: ...
    @property
    def is_stop(self) -> bool: ...
    @property
    def is_punct(self) -> bool: ...


# -- folding ---------------------------------------------------------------------

_TRANSLATE = str.maketrans({
    "¢": "c", "’": "'", "‘": "'", "`": "'", "ʼ": "'", "´": "'", "œ": "oe", "æ": "ae",
    "-": None, "‐": None, "‑": None, "–": None, "\u00ad": None,
})
_DOUBLES = re.compile(r"(\w)\1+")
_ELISION = re.compile(r"^(qu|[cdjlmnst])'(?=\w)", re.IGNORECASE)
_ARTICLE = re.compile(r"^(qu|[cdjlmnst])'$")
_HYPHENS = frozenset("-‐‑–")


def fold(text: str) -> str:
    """Lower case, no accents, OCR look-alikes ("¢" for "ç") mapped, no hyphens."""
    lowered = text.lower().translate(_TRANSLATE)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def collapse(form: str) -> str:
    """Doubled letters made single: "numeerique" (OCR doubled accent) -> "numerique"."""
    return _DOUBLES.sub(r"\1", form)


_SUFFIXES = sorted(
    ("issements", "issement", "ations", "ation", "ements", "ement", "ements", "euses",
     "euse", "eurs", "eur", "ees", "ee", "es", "er", "ez", "e", "s", "x"),
    key=len, reverse=True,
)


def light_stem(form: str) -> str:
    """A folded form without its inflection or nominal suffix (for search only)."""
    for suffix in _SUFFIXES:
        if form.endswith(suffix) and len(form) - len(suffix) >= 5:
            return form[: -len(suffix)]
    return form


# -- units -------------------------------------------------------------------------


class Unit(NamedTuple):
    """A word as the matcher sees it (one row of `Units`).

    `gap` is true when punctuation or a blank line separates it from the previous
    unit (a keyword never spans a gap); `tight` when only a hyphen or a little
    white space does (so two units may be joined back into one split word).
    """

    start: int
    end: int
    word: str
    form: str
    lemma: str
    is_stop: bool
    gap: bool
    tight: bool


@dataclass(slots=True)
class Units:
    """The words of a text as columns: a million of them without a million objects."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    stops: list[bool] = field(default_factory=list)
    gaps: list[bool] = field(default_factory=list)
    tights: list[bool] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> Unit:
        return Unit(self.starts[i], self.ends[i], self.words[i], self.forms[i], self.lemmas[i],
                    self.stops[i], self.gaps[i], self.tights[i])

    def __iter__(self) -> Iterator[Unit]:
        return (self[i] for i in range(len(self)))

    def add(self, start: int, end: int, word: str, form: str, lemma: str, stop: bool,
            gap: bool, tight: bool) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.words.append(word)
        self.forms.append(form)
        self.lemmas.append(lemma)
        self.stops.append(stop)
        self.gaps.append(gap)
        self.tights.append(tight)


def units_from_tokens(tokens: Sequence[TokenLike], text: str) -> Units:
    """The matchable words of a text, with OCR repairs, from its parsed tokens."""
    return units(text, [t.start for t in tokens], [t.end for t in tokens],
                 [t.lemma for t in tokens], [t.is_stop for t in tokens],
                 [t.is_punct for t in tokens])


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_FOLDED: dict[str, str] = {}  # fold() of every word seen: a corpus has few distinct words


def _folded(raw: str) -> str:
    form = _FOLDED.get(raw)
    if form is None:
        if len(_FOLDED) > 1_000_000:
            _FOLDED.clear()
        form = _FOLDED[raw] = fold(raw)
    return form


def units(text: str, starts: Sequence[int], ends: Sequence[int], lemmas: Sequence[str],
          stops: Sequence[bool], puncts: Sequence[bool]) -> Units:
    """The matchable words of a text, from token columns (as the NLP cache keeps them)."""
    out = Units()
    a_start, a_end, a_word = out.starts.append, out.ends.append, out.words.append
    a_form, a_lemma, a_stop = out.forms.append, out.lemmas.append, out.stops.append
    a_gap, a_tight = out.gaps.append, out.tights.append
    add = out.add
    gap = True
    hyphen = False
    prev_end = -1
    folded = _FOLDED
    article = _ARTICLE.match
    for i in range(len(starts)):
        start, end = starts[i], ends[i]
        raw = text[start:end]
        if not raw.isalnum() and (puncts[i] or not any(ch.isalnum() for ch in raw)):
            if raw in _HYPHENS:
                hyphen = True
            elif raw not in ("'", "’") and raw.strip():
                gap = True
            prev_end = end
            continue
        if prev_end < 0:
            tight = False
        else:
            between = text[prev_end:start]
            if "\n" in between and _BLANK_LINE.search(between):
                gap = True
            tight = not gap and (hyphen or len(between) <= 2)
        word = raw.lower()
        form = folded.get(raw) or _folded(raw)
        lemma_raw = lemmas[i]
        if not lemma_raw or lemma_raw == word:
            lemma = form
        else:
            lemma = folded.get(lemma_raw) or _folded(lemma_raw)
        if "'" in form:
            if raw[:1] == "I" and raw[1:2] in ("'", "’"):  # OCR: "I'enquête" for "l'enquête"
                form = "l" + form[1:]
                word = "l" + word[1:]
                lemma = form if lemma.startswith("i'") else lemma
            elision = _ELISION.match(form)
            if elision and len(form) > elision.end():  # an elided article left attached
                cut = start + elision.end()
                head, rest = form[: elision.end()], form[elision.end():]
                add(start, cut, word[: elision.end()], head, head, True, gap, tight)
                add(cut, end, word[elision.end():], rest, rest, False, False, True)
                gap = hyphen = False
                prev_end = end
                continue
        a_start(start)
        a_end(end)
        a_word(word)
        a_form(form)
        a_lemma(lemma)
        a_stop(stops[i] or (len(form) <= 3 and article(form) is not None))
        a_gap(gap)
        a_tight(tight)
        gap = hyphen = False
        prev_end = end
    return out


# -- keywords ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Keyword:
    """A codebook keyword ready to match: per keyword token, the forms it accepts."""

    code_id: int
    text: str
    tokens: tuple[frozenset[str], ...]


def compile_keyword(code_id: int, text: str, tokens: Sequence[TokenLike]) -> list[Keyword]:
    """A keyword from its own parse; a two-word keyword also as one joined word.

    Lemmas of a keyword parsed alone are unreliable, so each token accepts both its
    surface form and its lemma.
    """
    parts: list[frozenset[str]] = []
    joined: list[str] = []
    stops = False
    for unit in units_from_tokens(tokens, text):
        parts.append(frozenset({unit.form, unit.lemma}))
        joined.append(unit.form)
        stops = stops or unit.is_stop
    if not parts:
        return []
    found = [Keyword(code_id, text, tuple(parts))]
    if len(parts) == 2 and not stops:  # "éco responsable" also as "écoresponsable"
        found.append(Keyword(code_id, text, (frozenset({"".join(joined)}),)))
    return found


@dataclass(frozen=True, slots=True)
class Match:
    """Why a suggestion is made: which keyword matched which text, and how well."""

    code_id: int
    start: int
    end: int
    keyword: str
    score: float


class Matcher:
    """Finds keywords in units; build once per codebook and threshold, reuse everywhere."""

    def __init__(self, keywords: Iterable[Keyword], threshold: float = DEFAULT_THRESHOLD,
                 stems: bool = False, known: Callable[[str], bool] | None = None) -> None:
        """`known(word)` tells a correctly spelt word ("maintenant"), never taken for a typo
        of another ("maintenance"); without it every word may be a typo."""
        self.threshold = float(threshold)
        self.stems = stems
        self.known = known
        self.keywords = list(keywords)
        vocab = {form for kw in self.keywords for part in kw.tokens for form in part}
        self._exact = {v: v for v in vocab}
        self._collapsed: dict[str, list[str]] = {}
        self._stemmed: dict[str, list[str]] = {}
        self._blocks: dict[str, list[str]] = {}
        for v in vocab:
            if len(v) >= 5:
                self._collapsed.setdefault(collapse(v), []).append(v)
                if stems:
                    self._stemmed.setdefault(light_stem(v), []).append(v)
                for key in {"^" + v[:2], v[-2:] + "$"}:
                    self._blocks.setdefault(key, []).append(v)
        self._first: dict[str, list[Keyword]] = {}
        for kw in self.keywords:
            for form in kw.tokens[0]:
                self._first.setdefault(form, []).append(kw)
        self._memo: dict[tuple[str, str, bool], dict[str, float]] = {}
        self._starts: dict[tuple[str, str], tuple[Keyword, ...]] = {}
        self._known: dict[str, bool] = {}
        # Per `find` call: which units are misspelt content words. Units are only joined
        # back into one word ("numé rique") when one of them is: "ans si" is no "anssi".
        self._bad: list[bool] = []

    def hits(self, word: str, form: str, lemma: str, fuzzy: bool = True) -> dict[str, float]:
        """A word's matches in the keyword vocabulary, memoised per distinct word."""
        key = (word, lemma, fuzzy)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._lookup(word, form, lemma, fuzzy)
        return found

    def _lookup(self, word: str, form: str, lemma: str, fuzzy: bool) -> dict[str, float]:
        found: dict[str, float] = {}
        for candidate in (form, lemma):
            if candidate in self._exact:
                found[candidate] = EXACT
        if len(form) < 5:
            return found
        repaired = collapse(form)
        for v in self._collapsed.get(repaired, ()):
            found.setdefault(v, COLLAPSED)
        if "rn" in repaired:  # OCR reads "m" as "rn"
            for v in self._collapsed.get(repaired.replace("rn", "m"), ()):
                found.setdefault(v, COLLAPSED)
        if self.stems:
            for v in self._stemmed.get(light_stem(form), ()):
                found.setdefault(v, COLLAPSED)
        if not fuzzy or all(self._is_known(w) for w in word.split(" ")):
            return found  # correctly spelt words are no typos
        cutoff = self.threshold if len(form) >= 8 else max(self.threshold, 90.0)
        budget = max(1, len(form) // 4)
        pool = {v for key in ("^" + form[:2], form[-2:] + "$")
                for v in self._blocks.get(key, ()) if abs(len(v) - len(form)) <= budget}
        if pool:
            for v, score, _ in process.extract(form, pool, scorer=fuzz.ratio,
                                               score_cutoff=cutoff, limit=None):
                if score > found.get(v, 0.0):
                    found[v] = float(score)
        return found

    def _is_known(self, word: str) -> bool:
        cached = self._known.get(word)
        if cached is None:
            cached = self._known[word] = self.known is not None and self.known(word)
        return cached

    def find(self, units: Units) -> list[Match]:
        """Every keyword occurrence, as a span over the text with its weakest token score."""
        out: list[Match] = []
        n = len(units)
        memo, starts, known = self._memo, self._starts, self._known
        words, forms, lemmas, stops = units.words, units.forms, units.lemmas, units.stops
        gaps, tights = units.gaps, units.tights
        found: list[dict[str, float]] = []
        bad: list[bool] = []  # a misspelt content word: may be a piece of a split word
        for i in range(n):
            word, lemma = words[i], lemmas[i]
            h = memo.get((word, lemma, True))
            if h is None:
                h = self.hits(word, forms[i], lemma)
            found.append(h)
            ok = known.get(word)
            if ok is None:
                ok = self._is_known(word)
            bad.append(not ok and not stops[i])
        self._bad = bad
        for i in range(n):
            candidates: tuple[Keyword, ...] = ()
            if found[i]:
                key = (words[i], lemmas[i])
                got = starts.get(key)
                if got is None:
                    got = starts[key] = self._starting(found[i])
                candidates = got
            joined_too = False
            if i + 1 < n and (bad[i] or bad[i + 1]) and tights[i + 1]:
                joined = forms[i] + forms[i + 1]
                fuzzy = not stops[i] and not stops[i + 1]
                more = self._starting(self.hits(words[i] + " " + words[i + 1], joined, joined,
                                                fuzzy))
                if more:
                    candidates, joined_too = candidates + more, True
            if not candidates:
                continue
            nxt = found[i + 1] if i + 1 < n else {}
            loose = i + 1 < n and (bad[i + 1] or (i + 2 < n and bad[i + 2]))
            seen: set[int] = set()
            for kw in candidates:
                if joined_too:
                    if id(kw) in seen:
                        continue
                    seen.add(id(kw))
                # Most candidates fail on their second word: check it before anything else.
                if (len(kw.tokens) > 1 and not joined_too and not loose
                        and (i + 1 >= n or gaps[i + 1]
                             or not any(v in nxt for v in kw.tokens[1]))):
                    continue
                match = self._extend(kw, units, found, i)
                if match is not None:
                    out.append(match)
        return _outermost(out)

    def _starting(self, hits: dict[str, float]) -> tuple[Keyword, ...]:
        """The keywords whose first word is among these hits (each once)."""
        out: dict[int, Keyword] = {}
        for v in hits:
            for kw in self._first.get(v, ()):
                out[id(kw)] = kw
        return tuple(out.values())

    def _extend(self, kw: Keyword, units: Units, found: Sequence[dict[str, float]],
                i: int) -> Match | None:
        j, worst = i, EXACT
        n, gaps = len(units), units.gaps
        for k, part in enumerate(kw.tokens):
            if j >= n or (k and gaps[j]):
                return None
            used, score = self._score(units, found, j, part)
            if not used:
                return None
            worst = min(worst, score)
            j += used
        return Match(kw.code_id, units.starts[i], units.ends[j - 1], kw.text, worst)

    def _score(self, units: Units, found: Sequence[dict[str, float]], i: int,
               part: frozenset[str]) -> tuple[int, float]:
        """How many units (1 to 3, joined back) match one keyword token, and how well."""
        hits = found[i]
        best = 0.0
        for v in part:
            score = hits.get(v, 0.0)
            if score > best:
                best = score
        if best:
            return 1, best
        for j in range(i + 1, min(i + 3, len(units))):
            if not units.tights[j]:
                break
            if not any(self._bad[i:j + 1]):
                continue
            form = "".join(units.forms[i:j + 1])
            word = " ".join(units.words[i:j + 1])
            fuzzy = not any(units.stops[i:j + 1])  # "de venir" is no typo
            joined = self.hits(word, form, form, fuzzy)
            for v in part:
                score = joined.get(v, 0.0)
                if score > best:
                    best = score
            if best:
                return j - i + 1, best - JOIN_PENALTY
        return 0, 0.0


def _outermost(matches: list[Match]) -> list[Match]:
    """One match per place: of a keyword's overlapping matches, the longest, then best."""
    matches.sort(key=lambda m: (m.code_id, m.keyword, m.start, -(m.end - m.start), -m.score))
    out: list[Match] = []
    for m in matches:
        last = out[-1] if out else None
        if (last is not None and last.code_id == m.code_id and last.keyword == m.keyword
                and m.start < last.end):
            continue
        out.append(m)
    out.sort(key=lambda m: (m.start, m.end, m.code_id))
    return out


# -- regular expressions ---------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    """A codebook regex and the strings (lower case) one of which any match contains.

    Those strings let a million words be scanned in a blink: the regex only runs on
    the paragraphs where one of them occurs.
    """

    regex: re.Pattern[str]
    needles: frozenset[str]


def compile_patterns(patterns: Iterable[str]) -> list[Pattern]:
    """Codebook patterns are case-insensitive Python regexes; a bad one raises re.error."""
    out = []
    for text in patterns:
        regex = re.compile(text, re.IGNORECASE)
        try:
            needles = _needles(list(_parser.parse(text, re.IGNORECASE)))
        except Exception:  # noqa: BLE001 - a private parser: without it, scan everything
            needles = frozenset()
        out.append(Pattern(regex, needles))
    return out


def _needles(items: list[Any]) -> frozenset[str]:
    """Strings one of which every match of a parsed regex contains (empty: unknown)."""
    best: frozenset[str] = frozenset()

    def consider(option: frozenset[str]) -> None:
        nonlocal best
        if option and min(map(len, option)) > (min(map(len, best)) if best else 1):
            best = option

    run: list[str] = []
    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg).lower())
            continue
        if op is _c.AT:
            continue
        consider(frozenset({"".join(run)}) if run else frozenset())
        run = []
        if op is _c.SUBPATTERN:
            consider(_needles(list(arg[3])))
        elif op is _c.BRANCH:
            branches = [_needles(list(b)) for b in arg[1]]
            if all(branches):
                consider(frozenset().union(*branches))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[0] >= 1:
            consider(_needles(list(arg[2])))
    consider(frozenset({"".join(run)}) if run else frozenset())
    return best


def _regions(text: str, lowered: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """The paragraphs of `text` where one of the needles occurs."""
    found: set[tuple[int, int]] = set()
    for needle in needles:
        at = lowered.find(needle)
        while at >= 0:
            start = text.rfind("\n\n", 0, at)
            end = text.find("\n\n", at)
            found.add((0 if start < 0 else start, len(text) if end < 0 else end))
            at = lowered.find(needle, end if end >= 0 else len(text))
    return sorted(found)


def pattern_matches(code_id: int, patterns: Sequence[Pattern], text: str,
                    lowered: str | None = None) -> list[Match]:
    """Every match of a code's patterns, as `Match`es named "/regex/"."""
    if lowered is None:
        lowered = text.lower()
    whole = [(0, len(text))]
    out: list[Match] = []
    for pattern in patterns:
        usable = (pattern.needles and min(map(len, pattern.needles)) >= 3
                  and len(lowered) == len(text))
        regions = _regions(text, lowered, pattern.needles) if usable else whole
        if sum(b - a for a, b in regions) > len(text) // 3:
            regions = whole  # one scan beats many small ones
        seen: set[tuple[int, int]] = set()
        for start, end in regions:
            for m in pattern.regex.finditer(text, start, end):
                if m.end() > m.start() and m.span() not in seen:
                    seen.add(m.span())
                    out.append(Match(code_id, m.start(), m.end(),
                                     f"/{pattern.regex.pattern}/", EXACT))
    return out
