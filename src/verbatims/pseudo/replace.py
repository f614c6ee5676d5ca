"""Replacing accepted names in text, whatever form they take.

A name matches regardless of case and accents, with any run of spaces, line
breaks, hyphens, dots or underscores between its words ("francois_elie",
"François\\nElie"), across a word hyphenated at a line break ("Ker-\\nhervé"),
inside file names and hyphenated tokens ("bocquel-alfortville.txt"), after an
elision ("d'Elie"). A person is also found by initials ("F. Elie", "François
E.", "F. E."), surname first ("ELIE François"), and inside an e-mail address or
a link built from their name ("felie@…", "linkedin.com/in/felie"), which is
then replaced whole. Phone numbers match whatever their separators.

Matching runs on a folded copy of the text that keeps one character per
original character, so offsets carry over unchanged. A form that is also an
ordinary word ("Pierre", "Blanc") or made only of short words ("Le Du") only
matches when capitalised in prose, so "pierre" the stone stays; inside a
technical token (an address, a file name) it matches in any case.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from verbatims.folding import fold_same_length
from verbatims.pseudo import lexicon

_INSIDE = r"(?:-[ \t]*\n[ \t]*)?"  # a word hyphenated at a line break
_BEFORE = r"(?<![^\W\d_])"  # no letter just before (digits, "_" and "-" separate)
_AFTER = r"(?![^\W\d_])"
_SEP = r"[\s\-'._]+"
_JOINED = r"[\s\-'._]*"  # "FrancoisElie", "francoiselie@" when every word is long
EMAIL = re.compile(r"[\w.+\-']+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»()]+|\b[\w\-]+(?:\.[\w\-]+)*"
                 r"\.(?:fr|com|org|net|eu|io|info|gouv\.fr)/[^\s<>\"'«»()]*")
_LETTERS = re.compile(r"[^\W\d_]+")
_HYPHENATED = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-[ \t]*\n[ \t]*([^\W\d_]+)")
_PHONE = re.compile(r"(?<![\d\w])(?:(?:\+|00)33[\s.\-]?(?:\(0\)[\s.\-]?)?|0)[1-9]"
                    r"(?:[\s.\-]?\d\d){4}(?!\d)")
_CELL_EDGES = frozenset(",;|\"'«»()[]<>=’`")  # a table cell or an attribute ends there
_TECHNICAL = re.compile(r"[@/_]|\.\w|\w\.\w")
PERSON = ("PER", "Personne")
PHONE = "PHONE"
LITERAL = ("EMAIL", "URL", "ADDRESS")  # matched as written (digits, "@", "/" included)


def literal_pattern(text: str) -> str:
    """A folded regular expression for `text` itself, spaces and line breaks flexible."""
    parts = re.split(r"\s+", fold(text.strip()))
    body = r"\s+".join(re.escape(p) for p in parts if p)
    return rf"(?<![\w@.\-]){body}(?![\w@\-]|\.\w)"


fold = fold_same_length  # one character for one: offsets carry back to the original


def words_of(text: str) -> list[str]:
    """The folded letter runs of `text` (digits and "_" split words)."""
    return re.findall(r"[^\W\d_]+", fold(text))


def _word(word: str) -> str:
    return _INSIDE.join(re.escape(c) for c in word)


def name_pattern(name: str, joined: bool = False) -> str:
    """A regular expression over folded text for every written form of `name`."""
    words = words_of(name)
    sep = _JOINED if joined and len(words) > 1 and len("".join(words)) >= 6 else _SEP
    return _BEFORE + sep.join(_word(w) for w in words) + _AFTER


def phone_digits(text: str) -> str:
    """The nine national digits of a French phone number ("+33 6 12…" = "06 12…")."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("33") and len(digits) in (11, 12):
        digits = digits[2:]
    return digits[-9:] if len(digits) >= 9 else digits


def phone_pattern(text: str) -> str:
    digits = phone_digits(text)
    body = r"[\s.\-]?".join(re.escape(d) for d in digits)
    return rf"(?<!\d)(?:(?:\+|00)33[\s.\-]?(?:\(0\)[\s.\-]?)?|0)[\s.\-]?{body}(?!\d)"


@dataclass(frozen=True)
class KeyEntry:
    """One accepted name and the label that replaces it everywhere."""

    name: str
    replacement: str
    category: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def person(self) -> bool:
        return self.category in PERSON or self.replacement.startswith("[Personne")


@dataclass(frozen=True)
class Form:
    """One way of writing an entry, compiled."""

    text: str
    entry: KeyEntry
    pattern: re.Pattern[str]
    capital: bool  # only when capitalised (in prose)
    exact_case: bool = False  # initials: capitals checked on the original text


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


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    replacement: str
    entry: KeyEntry
    form: str


def _ambiguous() -> Callable[[str], bool]:
    from verbatims.pseudo.lexicon import ambiguous_names

    names = ambiguous_names()
    return lambda word: word in names


def _initials_forms(entry: KeyEntry) -> list[tuple[str, str]]:
    """(label, regex over folded text) for a person's initials ("F. Elie", "F. E.").

    The groups named `i…` are initials: the match counts only where the original
    text has them in capitals.
    """
    words = entry.name.split()
    if len(words) < 2:
        return []
    fw, lw = words_of(words[0]), words_of(" ".join(words[1:]))
    if not fw or not lw:
        return []
    first_rx = _word(fw[0])
    last_rx = r"[\s\-]+".join(_word(w) for w in lw)
    f, last_initial = re.escape(fw[0][0]), re.escape(lw[0][0])
    first, last = words[0], " ".join(words[1:])
    return [
        (f"{first[0]}. {last}", rf"(?<![\w.])(?P<i1>{f})\.\s*{last_rx}{_AFTER}"),
        (f"{first} {last[0]}.", rf"{_BEFORE}{first_rx}\s+(?P<i1>{last_initial})\.(?!\w)"),
        (f"{first[0]}. {last[0]}.", rf"(?<![\w.])(?P<i1>{f})\.\s?(?P<i2>{last_initial})\.(?!\w)"),
    ]


class Pseudonymizer:
    """Applies one consistent key to any text on its way out."""

    def __init__(self, entries: Iterable[KeyEntry],
                 ambiguous: Callable[[str], bool] | None = None) -> None:
        self.entries = [e for e in entries if e.name.strip() and e.replacement]
        common = ambiguous or _ambiguous()
        forms: list[Form] = []
        seen: set[str] = set()
        self._people: list[tuple[str, KeyEntry]] = []  # long name words, for addresses
        self._literals: list[Form] = []
        for entry in sorted(self.entries, key=lambda e: -len(e.name)):
            if entry.category in LITERAL:
                self._literals.append(Form(entry.name, entry,
                                           re.compile(literal_pattern(entry.name)), False))
                continue
            if entry.category == PHONE and len(phone_digits(entry.name)) == 9:
                forms.append(Form(entry.name, entry, re.compile(phone_pattern(entry.name)),
                                  False))
                continue
            texts = [entry.name, *entry.aliases]
            if entry.person:
                words = entry.name.split()
                if len(words) >= 2:  # "ELIE François", as lists and registers write it
                    texts.append(" ".join([*words[1:], words[0]]))
                for word in {w for t in (entry.name, *entry.aliases) for w in words_of(t)}:
                    if len(word) >= 4:
                        self._people.append((word, entry))
            for text in texts:
                key = " ".join(words_of(text))
                if len(key.replace(" ", "")) < 2 or key in seen:
                    continue  # a one-letter "name" would hide every "c'est"
                seen.add(key)
                parts = key.split()
                capital = all(len(w) < 4 or common(w) for w in parts)
                if text is not entry.name and not entry.person \
                        and key in lexicon.demonym_forms():
                    capital = False  # "les départements bourguignons": an adjective
                forms.append(Form(text, entry, re.compile(name_pattern(text, joined=True)),
                                  capital))
            if entry.person:
                for label, rx in _initials_forms(entry):
                    forms.append(Form(label, entry, re.compile(rx), True, exact_case=True))
        self._forms = forms
        self._people.sort(key=lambda p: -len(p[0]))
        self._by_first: dict[str, list[Form]] = {}
        self._phones: dict[str, Form] = {}
        for form in forms:
            if form.entry.category == PHONE and form.text == form.entry.name:
                self._phones[phone_digits(form.text)] = form
                continue
            words = words_of(form.text)
            keys = {words[0], "".join(words)}
            for key in keys:
                self._by_first.setdefault(key, []).append(form)

    def __bool__(self) -> bool:
        return bool(self._forms or self._literals)

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.entries]

    def hits(self, text: str) -> list[Hit]:
        """Non-overlapping hits, leftmost then longest first.

        Each form is tried only where a word of the text is its first word (or a
        word hyphenated at a line break joins into it), so the cost grows with
        the text, not with text × names.
        """
        if not text or not (self._forms or self._literals):
            return []
        folded = fold(text)
        found: list[Hit] = []
        for form in self._literals:
            for m in form.pattern.finditer(folded):
                found.append(Hit(m.start(), m.end(), form.entry.replacement, form.entry,
                                 form.text))
        starts: list[tuple[int, str]] = [(m.start(), m.group())
                                         for m in _LETTERS.finditer(folded)]
        starts += [(m.start(), m[1] + m[2]) for m in _HYPHENATED.finditer(folded)]
        by_first = self._by_first
        for start, word in starts:
            for form in by_first.get(word, ()):
                match = form.pattern.match(folded, start)
                if match is None:
                    continue
                end = match.end()
                if form.exact_case:
                    if not all(text[match.start(g)].isupper() for g in match.groupdict()):
                        continue
                elif form.capital and not text[start].isupper() \
                        and not _technical(text, start, end):
                    continue
                found.append(Hit(start, end, form.entry.replacement, form.entry, form.text))
        if self._phones:
            for m in _PHONE.finditer(text):
                phone = self._phones.get(phone_digits(m.group()))
                if phone is not None:
                    found.append(Hit(m.start(), m.end(), phone.entry.replacement, phone.entry,
                                     phone.text))
        exact = len(found)  # a key's own entry wins over a person found inside an address
        if self._people and ("@" in text or "/" in text or "www" in folded):
            found.extend(self._addresses(text, folded))
        order = {id(h): (0 if i < exact else 1) for i, h in enumerate(found)}
        found.sort(key=lambda h: (h.start, -(h.end - h.start), order[id(h)]))
        chosen: list[Hit] = []
        for hit in found:
            if chosen and hit.start < chosen[-1].end:
                continue
            chosen.append(hit)
        return chosen

    def _addresses(self, text: str, folded: str) -> list[Hit]:
        """E-mail addresses and links that carry a person's name, replaced whole."""
        out = []
        for rx in (EMAIL, URL):
            for m in rx.finditer(text):
                token = folded[m.start():m.end()].rstrip(".,;:")
                for word, entry in self._people:
                    if word in token:
                        out.append(Hit(m.start(), m.start() + len(token), entry.replacement,
                                       entry, token))
                        break
        return out

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, replacement), leftmost then longest first."""
        return [(h.start, h.end, h.replacement) for h in self.hits(text)]

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
        return self.remap(text)[0] if text and self else text


def _technical(text: str, start: int, end: int) -> bool:
    """True when [start, end) sits in an address, a file name or an identifier."""
    left = start
    while left > 0 and not text[left - 1].isspace() and text[left - 1] not in _CELL_EDGES:
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace() and text[right] not in _CELL_EDGES:
        right += 1
    token = text[left:right].rstrip(".:!?")
    return bool(_TECHNICAL.search(token)) or any(c.isdigit() for c in token)


def leaks(text: str, names: Sequence[str]) -> list[str]:
    """The names (in any form a pseudonymiser would replace) still present in `text`."""
    found = []
    for name in names:
        if Pseudonymizer([KeyEntry(name, "[x]")]).hits(text):
            found.append(name)
    return found


def identity(text: str) -> str:
    return text
