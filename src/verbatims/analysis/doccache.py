"""The analysed corpus kept in the project between figure runs.

Turning a million cached tokens into the columns the analyses read (punctuation
and speaker markers out, stop words tagged, split words rejoined) costs about two
seconds a figure. The result depends only on the documents' text, their turns,
the stop words, the spaCy model and this code, so it is stored once under a
digest of those and read back in a fraction of that time.

The blob holds numpy arrays only (read with `allow_pickle=False`): a project file
comes from colleagues, and nothing in it may run code when it is read.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from verbatims import __version__

if TYPE_CHECKING:
    from verbatims.analysis.tokens import Corpus, Doc

# Bump when what load_docs produces changes for the same input (tags, rejoining, filters).
FORMAT = 5  # 3: units cut at verbatims.model.units sentences, not spaCy's; 4: why column;
# 5: the usual written forms


def corpus_key(model: str, documents: Iterable[tuple[int, str]],
               turns: Iterable[tuple[int, int, int, str | None, str, int | None]],
               stops: Iterable[str], include_interviewer: bool, normalisation: str = "") -> str:
    """A digest of everything the analysed corpus is made from; `normalisation` is
    what the term normalisation depends on (analysis.corpus.normalisation_key)."""
    h = hashlib.sha256()
    h.update(f"{FORMAT}|{__version__}|{model}|{include_interviewer}\n".encode())
    h.update(f"n{normalisation}\n".encode())
    for doc_id, sha in documents:
        h.update(f"d{doc_id}:{sha}\n".encode())
    for doc_id, start, end, speaker, role, body in turns:
        h.update(f"t{doc_id}:{start}:{end}:{role}:{speaker}:{body}\n".encode())
    for word in sorted(stops):
        h.update(f"s{word}\n".encode())
    return h.hexdigest()


def pack(docs: Sequence[Doc], usual: dict[str, str] | None = None) -> bytes:
    """The documents' columns as compressed arrays over one table of strings, with the
    corpus's usual written forms when given."""
    vocab: dict[str, None] = {}
    for doc in docs:
        vocab.update(dict.fromkeys(doc.lemmas))
        vocab.update(dict.fromkeys(doc.forms))
        vocab.update(dict.fromkeys(doc.tags))
        vocab.update(dict.fromkeys(doc.cased))
        vocab.update(dict.fromkeys(doc.why))
    words = list(vocab)
    index = {w: i for i, w in enumerate(words)}.__getitem__
    n = sum(len(d) for d in docs)

    def codes(column: str) -> np.ndarray:
        values = chain.from_iterable(getattr(d, column) for d in docs)
        return np.fromiter(map(index, values), dtype=np.int32, count=n)

    def numbers(column: str) -> np.ndarray:
        values = chain.from_iterable(getattr(d, column) for d in docs)
        return np.fromiter(values, dtype=np.int64)

    sizes = np.array([len(d) for d in docs], dtype=np.int64)
    starts, ends = numbers("starts"), numbers("ends")
    # Small numbers compress fast: each start as the step from the one before in its
    # document, each end as the token's length.
    steps = np.diff(starts, prepend=0)
    firsts = np.concatenate(([0], np.cumsum(sizes)[:-1])) if len(docs) else sizes
    steps[firsts[sizes > 0]] = starts[firsts[sizes > 0]]
    arrays: dict[str, np.ndarray] = dict(
        ids=np.array([d.document_id for d in docs], dtype=np.int64),
        sizes=sizes,
        n_cuts=np.array([len(d.cuts) for d in docs], dtype=np.int64),
        lemmas=_narrow(codes("lemmas")),
        forms=_narrow(codes("forms")),
        tags=_narrow(codes("tags")),
        cased=_narrow(codes("cased")),
        why=_narrow(codes("why")),
        steps=_narrow(steps),
        token_lengths=_narrow(ends - starts),
        cuts=numbers("cuts"),
        has_usual=np.array([usual is not None]),
    )
    arrays |= _strings("lengths", "text", words)  # the table of strings
    arrays |= _strings("usual_keys_lengths", "usual_keys_text", list((usual or {}).keys()))
    arrays |= _strings("usual_values_lengths", "usual_values_text",
                       list((usual or {}).values()))
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]  # numpy's stub types the kwargs
    return zlib.compress(buffer.getvalue(), 1)


def _strings(lengths: str, text: str, values: list[str]) -> dict[str, np.ndarray]:
    """Strings as one UTF-8 array (`text`) and their lengths in characters (`lengths`)."""
    return {lengths: np.array([len(v) for v in values], dtype=np.int64),
            text: np.frombuffer("".join(values).encode("utf-8"), dtype=np.uint8)}


def _unstrings(arrays: dict[str, np.ndarray], lengths: str, text: str) -> list[str]:
    """The strings `_strings` packed."""
    joined = arrays[text].tobytes().decode("utf-8")
    bounds = np.concatenate(([0], np.cumsum(arrays[lengths]))).tolist()
    return [joined[x:y] for x, y in zip(bounds, bounds[1:], strict=False)]


def _narrow(values: np.ndarray) -> np.ndarray:
    """The smallest unsigned type that holds these non-negative integers."""
    top = int(values.max()) if len(values) else 0
    for kind in (np.uint8, np.uint16, np.uint32):
        if top <= np.iinfo(kind).max:
            return values.astype(kind)
    return values


def unpack(data: bytes) -> Corpus:
    """The documents packed by `pack`, as fresh lists the caller may change."""
    from verbatims.analysis.tokens import Corpus, Doc

    with np.load(io.BytesIO(zlib.decompress(data)), allow_pickle=False) as a:
        arrays = {name: a[name] for name in a.files}
    words = np.array(_unstrings(arrays, "lengths", "text") or [""], dtype=object)
    # Each document's lists are made from its own slice of the arrays: lists or arrays of
    # the whole corpus would hold every token once more (10M words: a gigabyte of fresh
    # memory, slow to touch) only to be sliced. A document's first step is its first
    # start, so the running sum of its steps gives its starts.
    columns = [arrays[c] for c in ("lemmas", "forms", "tags", "cased", "why")]
    steps, lengths, cuts = arrays["steps"], arrays["token_lengths"], arrays["cuts"]
    out = Corpus()
    if bool(arrays["has_usual"][0]):
        out.usual = dict(zip(_unstrings(arrays, "usual_keys_lengths", "usual_keys_text"),
                             _unstrings(arrays, "usual_values_lengths", "usual_values_text"),
                             strict=True))
    a = c = 0
    for doc_id, size, n_cuts in zip(arrays["ids"].tolist(), arrays["sizes"].tolist(),
                                    arrays["n_cuts"].tolist(), strict=True):
        b, d = a + size, c + n_cuts
        lemmas, forms, tags, cased, why = (words.take(col[a:b]).tolist() for col in columns)
        starts = np.cumsum(steps[a:b], dtype=np.int64)
        out.append(Doc(doc_id, lemmas, forms, tags, starts.tolist(),
                       (starts + lengths[a:b]).tolist(), cuts[c:d].tolist(), cased, why))
        a, c = b, d
    return out


def read(data: bytes) -> Corpus | None:
    """The packed documents, or None for a blob this code cannot read (damaged, or
    written by hand): the caller then analyses the corpus again."""
    try:
        return unpack(data)
    except (zlib.error, ValueError, KeyError, IndexError, OSError, UnicodeDecodeError,
            EOFError):
        return None
