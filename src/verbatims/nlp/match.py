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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from rapidfuzz import fuzz, process

from verbatims import folding

DEFAULT_THRESHOLD = 85.0
EXACT, COLLAPSED = 100.0, 96.0
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
    """`verbatims.folding.fold`, OCR look-alikes ("¢" for "ç") mapped and hyphens dropped."""
    return folding.fold(text.lower().translate(_TRANSLATE))


def collapse(form: str) -> str:
    """Doubled letters made single: "numeerique" (OCR doubled accent) -> "numerique"."""
    return _DOUBLES.sub(r"\1", form)


_SUFFIXES = sorted(
    ("issements", "issement", "ations", "ation", "ements", "ement", "euses",
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
    """The matchable words of a text, from token columns (as the NLP cache keeps them).

    Built column by column with comprehensions: this runs over every word of a corpus.
    """
    n = len(starts)
    raws = [text[s:e] for s, e in zip(starts, ends, strict=True)]
    keep = [i for i in range(n)
            if raws[i].isalnum() or (not puncts[i] and any(ch.isalnum() for ch in raws[i]))]
    gaps: list[bool] = []
    tights: list[bool] = []
    prev = -1
    for i in keep:
        if prev < 0:
            gap, tight = True, False
        else:
            gap = hyphen = False
            if i != prev + 1:  # punctuation in between: a hyphen joins, the rest separates
                for r in raws[prev + 1:i]:
                    if r in _HYPHENS:
                        hyphen = True
                    elif r not in ("'", "’") and r.strip():
                        gap = True
            between = text[ends[i - 1]:starts[i]]
            if "\n" in between and _BLANK_LINE.search(between):
                gap = True
            tight = not gap and (hyphen or len(between) <= 2)
        gaps.append(gap)
        tights.append(tight)
        prev = i
    folded = _FOLDED
    kept = [raws[i] for i in keep]
    words = [r.lower() for r in kept]
    forms = [folded.get(r) or _folded(r) for r in kept]
    lems = [lemmas[i] for i in keep]
    lemma_forms = [f if not lem or lem == w else (folded.get(lem) or _folded(lem))
                   for f, lem, w in zip(forms, lems, words, strict=True)]
    out = Units([starts[i] for i in keep], [ends[i] for i in keep], words, forms,
                lemma_forms, [stops[i] for i in keep], gaps, tights)
    odd = [k for k, f in enumerate(forms) if "'" in f]
    for k in reversed(odd):  # OCR repairs and elisions, rare: fixed in place
        _repair(out, k, kept[k])
    return out


def _repair(out: Units, k: int, raw: str) -> None:
    """"I'enquête" read back as "l'enquête"; an elided article left attached split off."""
    form, word, lemma = out.forms[k], out.words[k], out.lemmas[k]
    if raw[:1] == "I" and raw[1:2] in ("'", "’"):
        form, word = "l" + form[1:], "l" + word[1:]
        lemma = form if lemma.startswith("i'") else lemma
    out.forms[k], out.words[k], out.lemmas[k] = form, word, lemma
    if _ARTICLE.match(form):
        out.stops[k] = True
        return
    elision = _ELISION.match(form)
    if not elision or len(form) <= elision.end():
        return
    at = elision.end()
    start, end = out.starts[k], out.ends[k]
    out.ends[k], out.forms[k], out.words[k], out.lemmas[k] = (
        start + at, form[:at], word[:at], form[:at])
    out.stops[k] = True
    out.starts.insert(k + 1, start + at)
    out.ends.insert(k + 1, end)
    out.words.insert(k + 1, word[at:])
    out.forms.insert(k + 1, form[at:])
    out.lemmas.insert(k + 1, form[at:])
    out.stops.insert(k + 1, False)
    out.gaps.insert(k + 1, False)
    out.tights.insert(k + 1, True)


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
        if not found and self.known is not None and " " not in word and len(word) == len(form):
            # Two words glued by the OCR ("écologiqueaussi"): a keyword word, then a word.
            for cut in range(len(form) - 2, 4, -1):
                if form[:cut] in self._exact and self._is_known(word[cut:]):
                    found[form[:cut]] = COLLAPSED - JOIN_PENALTY
                    break
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
        keys = [(w, lem, True) for w, lem in zip(words, lemmas, strict=True)]
        found = [memo[k] if k in memo else self.hits(k[0], forms[i], k[1])
                 for i, k in enumerate(keys)]
        # a misspelt content word: may be a piece of a split word
        bad = [not stop and not (known[w] if w in known else self._is_known(w))
               for w, stop in zip(words, stops, strict=True)]
        self._bad = bad
        todo = [i for i in range(n) if found[i] or (
            i + 1 < n and (bad[i] or bad[i + 1]) and tights[i + 1])]
        for i in todo:
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
                             or kw.tokens[1].isdisjoint(nxt))):
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
