"""The model's French word lists: is a word correctly spelt, what is its lemma and class.

Auto-coding uses them to tell a typo from a real word; the term analyses to rejoin
a word the OCR split ("numé rique"). They are read straight from the lemmatizer's
lookups file of the installed model (a quarter of a second), so a figure built
from the NLP cache loads neither spaCy nor the pipeline.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from verbatims.nlp.pipeline import MODEL

_M = 0xC6A4A7935BD1E995
_MASK = (1 << 64) - 1


def string_hashes(words: Sequence[str]) -> np.ndarray:
    """`string_hash` of many words at once, with numpy (ten times faster)."""
    data = list(map(str.encode, words))
    sizes = np.fromiter(map(len, data), dtype=np.int64, count=len(data))
    flat = np.frombuffer(b"".join(data) + b"\0" * 8, dtype=np.uint8)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1])) if len(data) else sizes
    out = np.zeros(len(data), dtype=np.uint64)
    m, r = np.uint64(_M), np.uint64(47)
    with np.errstate(over="ignore"):
        for n in np.unique(sizes).tolist():
            idx = np.nonzero(sizes == n)[0]
            rows = flat[starts[idx][:, None] + np.arange(((n + 7) // 8) * 8)]
            if n & 7:
                rows[:, n:] = 0
            blocks = np.ascontiguousarray(rows).view("<u8")
            h = np.full(len(idx), (1 ^ (n * _M)) & _MASK, dtype=np.uint64)
            for j in range(n // 8):
                k = blocks[:, j] * m
                k ^= k >> r
                k *= m
                h ^= k
                h *= m
            if n & 7:
                h ^= blocks[:, n // 8]
                h *= m
            h ^= h >> r
            h *= m
            h ^= h >> r
            out[idx] = h
    return out


def string_hash(text: str) -> int:
    """spaCy's string hash (MurmurHash64A of the UTF-8 bytes, seed 1): the lookups' keys."""
    data = text.encode("utf-8")
    n = len(data)
    h = (1 ^ (n * _M)) & _MASK
    end = n - (n & 7)
    for i in range(0, end, 8):
        k = (int.from_bytes(data[i:i + 8], "little") * _M) & _MASK
        k = ((k ^ (k >> 47)) * _M) & _MASK
        h = ((h ^ k) * _M) & _MASK
    if n & 7:
        h = ((h ^ int.from_bytes(data[end:], "little")) * _M) & _MASK
    h = ((h ^ (h >> 47)) * _M) & _MASK
    return h ^ (h >> 47)


_KEYS: dict[int, np.ndarray] = {}  # sorted form hashes of a WordLists, by its id


@dataclass(frozen=True)
class WordLists:
    """Inflected forms (with their lemma) and lemmas (with their class) of the lemmatizer."""

    forms: dict[int, list[str]]  # string_hash(form) -> [lemma]
    lemmas: frozenset[str]
    content: dict[str, str]  # lemma of a noun, adjective or verb -> "NOUN", "ADJ", "VERB"
    # Irregular forms the rules cannot make ("faire", "gens", "yeux") -> lemma, and the
    # lemmas of each class ("noun", "adj", "verb", "adv") as the lemmatizer's index has them.
    exceptions: dict[str, str] = field(default_factory=dict)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)

    def known(self, word: str) -> bool:
        """Is this (lower-cased) word a correctly spelt French word of the lookup table?

        Irregular forms of the exception tables ("faire", "éco") are left out: the
        auto-coding matcher relies on this narrower list (`is_word` has them all)."""
        return word in self.lemmas or string_hash(word) in self.forms

    def is_word(self, word: str) -> bool:
        """`known`, or an irregular form or lemma of the exception tables ("faire",
        "gens", "yeux"): what the term normalisation calls a real word."""
        return word in self.exceptions or self.known(word)

    def known_many(self, words: Sequence[str]) -> list[bool]:
        """`is_word` of many words at once (the word lists' keys looked up with numpy)."""
        if not words:
            return []
        keys = self._keys()
        hashed = string_hashes(words)
        at = np.searchsorted(keys, hashed)
        found = (at < len(keys)) & (keys[np.minimum(at, len(keys) - 1)] == hashed)
        lemmas, exceptions = self.lemmas, self.exceptions
        return [bool(f) or w in lemmas or w in exceptions
                for f, w in zip(found.tolist(), words, strict=True)]

    def _keys(self) -> np.ndarray:
        cached = _KEYS.get(id(self))
        if cached is None:
            cached = _KEYS[id(self)] = np.sort(np.fromiter(self.forms, dtype=np.uint64,
                                                           count=len(self.forms)))
        return cached

    def lemma(self, word: str) -> str:
        """The lemma of a known word ("numériques" -> "numérique"), else the word."""
        found = self.forms.get(string_hash(word))
        if found:
            return str(found[0])
        return self.exceptions.get(word, word)

    def in_class(self, lemma: str, pos: str) -> bool:
        """Is `lemma` a lemma of this class ("NOUN", "ADJ", "VERB", "ADV") in the index?"""
        return lemma in self.classes.get(pos.lower(), ())

    def pos(self, lemma: str) -> str:
        """"NOUN", "ADJ" or "VERB" for a content word's lemma, "" for the others."""
        return self.content.get(lemma, "")


def _lookups_file() -> Path | None:
    spec = importlib.util.find_spec(MODEL)
    for root in (spec.submodule_search_locations or []) if spec else []:
        for path in sorted(Path(root).glob(f"{MODEL}-*/lemmatizer/lookups/lookups.bin")):
            return path
    return None


def _read_tables(path: Path, names: tuple[str, ...]) -> dict[str, Any]:
    """Some tables of a lookups file, the others (rules, exceptions) skipped unread."""
    from srsly import msgpack  # spaCy's own serialisation library, installed with it

    unpacker = msgpack.Unpacker(raw=False, max_buffer_size=0)
    unpacker.feed(path.read_bytes())
    tables: dict[str, Any] = {}
    for _ in range(unpacker.read_map_header()):
        name = unpacker.unpack()
        if name in names:
            tables[name] = unpacker.unpack()
        else:
            unpacker.skip()
    return tables


@functools.cache
def word_lists() -> WordLists | None:
    """The model's word lists, loaded once; None for a model without them.

    Reading them from the model's lookups takes half a second; the lists are then
    kept as arrays in the user's cache folder (`platformdirs`) and read back from
    there. A missing, damaged or unwritable cache only costs that time. A process
    that has loaded the pipeline (a first analysis) takes them from its lemmatizer's
    tables instead, already in memory (a sixth of a second).
    """
    path = _lookups_file()
    if path is None:
        return None
    cache = _cache_path(path)
    loaded = _loaded_tables()
    kept = _read_cache(cache) if cache is not None and loaded is None else None
    if kept is not None:
        return kept
    built = _build(path) if loaded is None else _from_tables(loaded)
    if built is not None and cache is not None and (loaded is None or not cache.exists()):
        _write_cache(built, cache)  # for the next process (that loads no model)
    return built


_CACHE_FORMAT = 1


def _cache_path(lookups: Path) -> Path | None:
    try:
        from platformdirs import user_cache_dir

        stamp = lookups.stat()
    except (ImportError, OSError):
        return None
    folder = os.environ.get("VERBATIMS_CACHE_DIR") or user_cache_dir("verbatims")
    return Path(folder) / (f"wordlists-{MODEL}-{_CACHE_FORMAT}-{stamp.st_size}-"
                           f"{int(stamp.st_mtime)}.npz")


def _write_cache(lists: WordLists, path: Path) -> None:
    strings: dict[str, int] = {}

    def ids(words: Iterable[str]) -> np.ndarray:
        return np.fromiter((strings.setdefault(w, len(strings)) for w in words),
                           dtype=np.int64)

    keys = np.fromiter(lists.forms, dtype=np.uint64, count=len(lists.forms))
    arrays = {
        "form_keys": keys, "form_lemmas": ids(v[0] for v in lists.forms.values()),
        "lemmas": ids(lists.lemmas),
        "content": ids(lists.content), "content_pos": ids(lists.content.values()),
        "exc_forms": ids(lists.exceptions), "exc_lemmas": ids(lists.exceptions.values()),
    }
    for pos, members in lists.classes.items():
        arrays[f"class_{pos}"] = ids(members)
    table = list(strings)
    arrays["lengths"] = np.fromiter(map(len, table), dtype=np.int64, count=len(table))
    arrays["text"] = np.frombuffer("".join(table).encode("utf-32-le"), dtype=np.uint32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp.npz")
        np.savez(tmp, **arrays)  # type: ignore[arg-type]
        tmp.replace(path)
    except OSError:
        pass


def _read_cache(path: Path) -> WordLists | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        text = arrays["text"].tobytes().decode("utf-32-le")
        bounds = np.concatenate(([0], np.cumsum(arrays["lengths"]))).tolist()
        words = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        pick = words.__getitem__

        def strings(name: str) -> list[str]:
            return list(map(pick, arrays[name].tolist()))

        forms = {k: [v] for k, v in zip(arrays["form_keys"].tolist(), strings("form_lemmas"),
                                        strict=True)}
        classes = {name[6:]: frozenset(strings(name)) for name in arrays
                   if name.startswith("class_")}
        return WordLists(forms, frozenset(strings("lemmas")),
                         dict(zip(strings("content"), strings("content_pos"), strict=True)),
                         dict(zip(strings("exc_forms"), strings("exc_lemmas"), strict=True)),
                         classes)
    except (OSError, KeyError, ValueError, IndexError, UnicodeDecodeError, EOFError):
        return None


_TABLES = ("lemma_lookup", "lemma_index", "lemma_exc")


def _loaded_tables() -> dict[str, Any] | None:
    """The lemmatizer's tables when this process has loaded the pipeline already (the
    first analysis of a fresh project): the same file's contents, already in memory, so
    neither the file (half a second) nor the cache (as long) is read again."""
    from verbatims.nlp.pipeline import load

    if not load.cache_info().currsize:
        return None
    try:
        lookups = load().get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        return {name: lookups.get_table(name) for name in _TABLES if lookups.has_table(name)}
    except (KeyError, AttributeError):  # pragma: no cover - a model without a lemmatizer
        return None


def _build(path: Path) -> WordLists | None:
    try:
        tables = _read_tables(path, _TABLES)
    except (KeyError, TypeError, ValueError, OSError):
        return None
    return _from_tables(tables)


def _from_tables(tables: dict[str, Any]) -> WordLists | None:
    """The word lists from the lookups' tables (as read from the file, or spaCy's
    `Table`s: dicts keyed by the same hashes, copied into plain dicts)."""
    try:
        forms = dict(tables["lemma_lookup"].items())
        index = tables["lemma_index"]
        exc = tables.get("lemma_exc") or {}
    except (KeyError, TypeError, ValueError, OSError):
        return None
    lemmas: set[str] = set()
    for words in index.values():
        lemmas.update(words)
    content: dict[str, str] = {}
    for pos in ("verb", "adj", "noun"):  # a noun wins over an adjective, over a verb
        content.update(dict.fromkeys(index.get(string_hash(pos)) or (), pos.upper()))
    classes = {pos: frozenset(index.get(string_hash(pos)) or ())
               for pos in ("noun", "adj", "verb", "adv")}
    exceptions: dict[str, str] = {}
    for pos in ("adv", "adj", "noun", "verb"):  # a verb's reading wins, as in the lookup
        table = exc.get(string_hash(pos)) or {}
        for form, found in table.items():
            if found and isinstance(form, str):
                exceptions[form] = str(found[0])
                exceptions.setdefault(str(found[0]), str(found[0]))
    return WordLists(forms, frozenset(lemmas), content, exceptions, classes)


def known_word() -> Callable[[str], bool] | None:
    """Is this a correctly spelt French word? None when the model has no word lists."""
    lists = word_lists()
    return None if lists is None else lists.known
