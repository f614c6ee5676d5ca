"""Words the OCR or the typist split in two, counted once as the whole word.

"numé-⏎rique", "numé rique" and "Peut-⏎étre" leave fragments ("rique", "numé")
among the terms. Two neighbouring tokens are joined back when:

- the first ends with a hyphen at a line end: always, without the hyphen when
  that makes a known word ("numérique"), else keeping it ("quelques-uns",
  "vice-président", "peut-étre");
- only a line break (or one space, if the corpus also writes the word whole
  somewhere) separates two words that are not stop words, the joined form is a
  known word and neither part is.

A known word is one the corpus writes whole elsewhere (its lemma and part of
speech are then taken from there) or one of the model's word lists, the ones
auto-coding uses to tell a typo from a word (nlp/words.py), loaded only when
needed. The cached tokens and the stored text are read as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from verbatims.nlp.words import WordLists, word_lists

if TYPE_CHECKING:
    from verbatims.analysis.tokens import Doc

TagOf = Callable[[str, str, str], str]  # (lemma, POS, form) -> "N", "A", "V" or ""


_HYPHENS = "-‐‑"
_NEWLINE = re.compile(r"\n")
_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")  # one line break, no blank line


def _candidate(text: str, end: int, start: int, first: str, second: str,
               vocabulary: Collection[str], stops: Collection[str]) -> str:
    """"hyphen", "break", "space" for a possible split word, "" for two words."""
    if not second.isalpha():
        return ""
    between = text[end:start]
    if first[-1:] in _HYPHENS:
        stem = first.rstrip(_HYPHENS)
        return "hyphen" if stem.isalpha() and _BREAK.fullmatch(between) else ""
    if not first.isalpha():
        return ""
    if between[:1] in _HYPHENS and _BREAK.fullmatch(between[1:]):
        return "hyphen"
    if len(first) < 2 or len(second) < 2 or first in stops or second in stops:
        return ""
    if _BREAK.fullmatch(between):
        return "break"
    if between == " " and first + second in vocabulary:
        return "space"
    return ""


class _Joiner:
    """Decides what two tokens make, the model's word lists loaded on first need."""

    def __init__(self, docs: Sequence[Doc], vocabulary: Collection[str], tag_of: TagOf,
                 lists: Callable[[], WordLists | None]) -> None:
        self.docs = docs
        self.vocabulary = vocabulary
        self.tag_of = tag_of
        self.load = lists
        self.loaded: list[WordLists | None] = []
        self.seen: dict[str, tuple[str, str] | None] = {}

    @property
    def lists(self) -> WordLists | None:
        if not self.loaded:
            self.loaded.append(self.load())
        return self.loaded[0]

    def known(self, word: str) -> bool:
        if word in self.vocabulary:
            return True
        lists = self.lists
        return lists is not None and lists.known(word)

    def word(self, kind: str, first: str, second: str) -> str:
        """The whole word, or "" when the two tokens are two words."""
        stem = first.rstrip(_HYPHENS)
        if kind == "hyphen":
            return stem + second if self.known(stem + second) else f"{stem}-{second}"
        lists = self.lists
        if lists is None or lists.known(first) or lists.known(second):
            return ""
        return first + second if self.known(first + second) else ""

    def written(self, word: str) -> tuple[str, str] | None:
        """Lemma and tag of the word where the corpus writes it whole, if it does."""
        if word not in self.seen:
            self.seen[word] = None
            if word in self.vocabulary:
                for doc in self.docs:
                    try:
                        i = doc.forms.index(word)
                    except ValueError:
                        continue
                    self.seen[word] = doc.lemmas[i], doc.tags[i]
                    break
        return self.seen[word]

    def lemma_tag(self, word: str, tag: str) -> tuple[str, str]:
        """The lemma and tag of a joined word; `tag` is its first part's."""
        found = self.written(word)
        if found is not None:
            return found
        lists = self.lists
        if lists is None or not lists.known(word):
            return word, tag
        lemma = lists.lemma(word)
        # the word's own class: "quelques-uns" is no noun, whatever "quelques-" was
        return lemma, self.tag_of(lemma, lists.pos(lemma) or "X", word)


def _case_like(first: str, word: str) -> str:
    """The joined word written as its first part was: "Numé" + "rique" -> "Numérique"."""
    if not first:
        return ""
    stem = first.rstrip(_HYPHENS)
    shown = word.upper() if stem.isupper() and len(stem) > 1 else word[:1].upper() + word[1:]
    return "" if shown == word else shown


def _pairs(text: str, forms: list[str], starts: list[int], ends: list[int],
           vocabulary: Collection[str]) -> list[int]:
    """Where token j and j + 1 may be one word: a line break, or one space and a word
    the corpus writes whole. Found with arrays: this runs over every word of a corpus."""
    if len(forms) < 2:
        return []
    lo = np.asarray(ends[:-1], dtype=np.int64)
    hi = np.asarray(starts[1:], dtype=np.int64)
    breaks = np.array([m.start() for m in _NEWLINE.finditer(text)], dtype=np.int64)
    found = set(np.nonzero(np.searchsorted(breaks, lo) < np.searchsorted(breaks, hi))[0]
                .tolist()) if len(breaks) else set()
    spaced = np.nonzero(hi - lo == 1)[0].tolist()
    found.update(j for j in spaced if forms[j] + forms[j + 1] in vocabulary)
    return sorted(found)


def rejoin_split_words(docs: Sequence[Doc], texts: Mapping[int, str], stops: Collection[str],
                       tag_of: TagOf, lists: Callable[[], WordLists | None] = word_lists
                       ) -> int:
    """Join split words in place in the documents' columns; return how many were joined.

    The first token becomes the word and stays in its unit; `tag_of(lemma, pos, form)`
    tags a word the corpus never writes whole. The word lists load only when needed.
    """
    vocabulary: set[str] = set()
    for doc in docs:
        vocabulary.update(doc.forms)
    joiner = _Joiner(docs, vocabulary, tag_of, lists)
    total = 0
    for doc in docs:
        text = texts[doc.document_id]
        forms, starts, ends = doc.forms, doc.starts, doc.ends
        joins: list[tuple[int, str]] = []
        after = -1  # a token joined already is not joined again
        for j in _pairs(text, forms, starts, ends, vocabulary):
            if j <= after:
                continue
            kind = _candidate(text, ends[j], starts[j + 1], forms[j], forms[j + 1],
                              vocabulary, stops)
            word = joiner.word(kind, forms[j], forms[j + 1]) if kind else ""
            if word:
                joins.append((j, word))
                after = j + 1
        for j, word in reversed(joins):
            forms[j] = word
            doc.lemmas[j], doc.tags[j] = joiner.lemma_tag(word, doc.tags[j])
            ends[j] = ends[j + 1]
            doc.cased[j] = _case_like(doc.cased[j], word)
            doc.why[j] = "join"
            del forms[j + 1], doc.lemmas[j + 1], doc.tags[j + 1], starts[j + 1], ends[j + 1]
            del doc.cased[j + 1], doc.why[j + 1]
            doc.cuts[:] = [c - 1 if c > j + 1 else c for c in doc.cuts]
        if joins:
            doc.cuts[:] = sorted(set(doc.cuts))
        total += len(joins)
    return total
