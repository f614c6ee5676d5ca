"""Lemmas and parts of speech, computed once per document and kept in the store.

A document is parsed when its cache row is missing or was made from another
text (sha256) or another model (MODEL_VERSION); otherwise spaCy is not even
loaded. Tokens are packed into one compressed blob per document (offsets,
lengths and sentence numbers as arrays, lemmas as one string), so a million
words cache and load in a second or two.
"""

from __future__ import annotations

import functools
import os
import struct
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.nlp import stopwords as sw
from verbatims.nlp.pipeline import MODEL_VERSION
from verbatims.store import Project
from verbatims.store import nlpcache as store

Progress = Callable[[int, int], None]
Context = tuple[int, int, bool]  # (document id, offset of the piece, last piece of it)

# Universal POS tags, in a fixed order: a token's POS is stored as one byte.
POS_TAGS = (
    "", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
    "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE",
)
_POS_INDEX = {tag: i for i, tag in enumerate(POS_TAGS)}

PUNCT = 1  # flag bits stored per token
MARK = 2  # inside a transcription mark: [Rires], [...], [NOM]
NUMBER = 4  # digits: page numbers, years, counts

CHUNK_CHARS = 20_000  # long texts are cut at line breaks: bounded memory, both cores busy
PARALLEL_CHARS = 400_000  # below this, a second process costs more than it saves
_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark; start/end are code points in the stored text."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    sent: int
    is_stop: bool
    is_punct: bool


@dataclass(frozen=True)
class Parsed:
    """A document's tokens as columns: what the analyses read without making objects."""

    document_id: int
    text: str
    starts: Sequence[int]
    ends: Sequence[int]
    raw_lemmas: list[str]  # "" where the lemma is the word itself, lower-cased
    pos: list[str]
    sents: Sequence[int]
    flags: bytes

    def __len__(self) -> int:
        return len(self.starts)

    @functools.cached_property
    def lemmas(self) -> list[str]:
        text = self.text
        return [lem or text[s:e].lower()
                for lem, s, e in zip(self.raw_lemmas, self.starts, self.ends, strict=True)]

    def word(self, i: int) -> str:
        return self.text[self.starts[i]:self.ends[i]]


# -- packing ------------------------------------------------------------------------


def _pack(starts: array[int], lengths: array[int], sents: array[int], pos: bytes,
          flags: bytes, lemmas: list[str]) -> bytes:
    n = len(starts)
    body = b"".join((
        struct.pack("<BI", _FORMAT, n), starts.tobytes(), lengths.tobytes(), sents.tobytes(),
        pos, flags, "\x1f".join(lemmas).encode("utf-8"),
    ))
    return zlib.compress(body, 1)


def _unpack(document_id: int, text: str, data: bytes) -> Parsed:
    body = zlib.decompress(data)
    _version, n = struct.unpack_from("<BI", body)
    at = struct.calcsize("<BI")
    starts_np = np.frombuffer(body, dtype="<u4", count=n, offset=at)
    lengths_np = np.frombuffer(body, dtype="<u4", count=n, offset=at + 4 * n)
    sents = array("I")
    sents.frombytes(body[at + 8 * n:at + 12 * n])
    at += 12 * n
    pos_ids = body[at:at + n]
    flags = body[at + n:at + 2 * n]
    raw = body[at + 2 * n:].decode("utf-8")
    lemmas = raw.split("\x1f") if n else []
    starts: list[int] = starts_np.tolist()
    ends: list[int] = (starts_np + lengths_np).tolist()
    pos = [POS_TAGS[p] for p in pos_ids]
    return Parsed(document_id, text, starts, ends, lemmas, pos, sents, flags)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) cut at line breaks, so no sentence straddles two pieces."""
    at = 0
    while at < len(text):
        end = min(len(text), at + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", at, end)
            if cut <= at:
                cut = text.rfind(" ", at, end)
            end = cut + 1 if cut > at else end
        yield at, text[at:end]
        at = end


class _Strings(dict[int, str]):
    """spaCy string hashes to lower-cased strings, looked up once per corpus."""

    def __init__(self, strings: object) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, key: int) -> str:
        value = self.strings[key].lower() if key else ""  # type: ignore[index]
        self[key] = value
        return value


_POS_BYTES: dict[int, int] = {}


def _pos_byte(pos_id: int) -> int:
    if pos_id not in _POS_BYTES:
        from spacy.parts_of_speech import NAMES

        _POS_BYTES[pos_id] = _POS_INDEX.get(NAMES.get(pos_id, ""), 17) if pos_id else 0
    return _POS_BYTES[pos_id]


class _Builder:
    """Accumulates the tokens of one document over its pieces.

    The main process does this for every token while the workers parse, so it
    reads whole columns with `Doc.to_array` instead of token attributes.
    """

    def __init__(self, text: str, strings: _Strings) -> None:
        self.text = text
        marks = [(m.start(), m.end()) for m in sw.BRACKETED.finditer(text)]
        self.mark_lo = np.array([a for a, _ in marks], dtype=np.int64)
        self.mark_hi = np.array([b for _, b in marks], dtype=np.int64)
        self.strings = strings
        self.starts = array("I")
        self.lengths = array("I")
        self.sents = array("I")
        self.pos = bytearray()
        self.flags = bytearray()
        self.lemmas: list[str] = []
        self.sent = -1
        self.newline = True

    def add(self, doc: object, offset: int) -> None:
        from spacy.attrs import (
            IDX,
            IS_DIGIT,
            IS_PUNCT,
            IS_SPACE,
            LEMMA,
            LENGTH,
            ORTH,
            POS,
            SENT_START,
        )
        from spacy.tokens import Doc

        assert isinstance(doc, Doc)
        if not len(doc):
            return
        cols = doc.to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT, SENT_START, LEMMA, POS, ORTH,
                             IS_DIGIT])
        idx = cols[:, 0].astype(np.int64)
        space = cols[:, 2] != 0
        text = doc.text
        newlines = np.array([i for i in np.nonzero(space)[0].tolist()
                             if "\n" in text[idx[i]:idx[i] + int(cols[i, 1])]], dtype=np.int64)
        kept = np.nonzero(~space)[0]
        if not len(kept):
            self.newline = self.newline or bool(len(newlines))
            return
        # A sentence starts where spaCy says so, or after a line break.
        brk = cols[kept, 4] == 1
        previous = np.concatenate(([-1], kept[:-1]))
        brk |= np.searchsorted(newlines, kept) > np.searchsorted(newlines, previous)
        if self.newline:
            brk[0] = True
        self.newline = bool(len(newlines)) and bool(newlines[-1] > kept[-1])
        sents = self.sent + np.cumsum(brk)
        self.sent = int(sents[-1])
        starts = idx[kept] + offset
        flags = (np.where(cols[kept, 3] != 0, PUNCT, 0)
                 | np.where(cols[kept, 8] != 0, NUMBER, 0)).astype(np.uint8)
        if len(self.mark_lo):
            j = np.searchsorted(self.mark_lo, starts, side="right") - 1
            inside = (j >= 0) & (starts < self.mark_hi[np.maximum(j, 0)])
            flags |= np.where(inside, MARK, 0).astype(np.uint8)
        lower = self.strings
        lemmas = [lower[h] for h in cols[kept, 5].tolist()]
        words = [lower[h] for h in cols[kept, 7].tolist()]
        self.starts.extend(starts.tolist())
        self.lengths.extend(cols[kept, 1].tolist())
        self.sents.extend(np.maximum(sents, 0).tolist())
        self.pos.extend(_pos_byte(p) for p in cols[kept, 6].tolist())
        self.flags.extend(flags.tobytes())
        # An empty lemma means "the word itself, lower-cased".
        self.lemmas.extend(["" if not lem or lem == word else lem
                            for lem, word in zip(lemmas, words, strict=True)])

    def pack(self) -> bytes:
        return _pack(self.starts, self.lengths, self.sents, bytes(self.pos), bytes(self.flags),
                     self.lemmas)


# -- the API -------------------------------------------------------------------------


def stale(project: Project, document_ids: Sequence[int] | None = None) -> list[int]:
    """Ids of the documents whose cache is missing or out of date, in import order."""
    keys = store.cache_keys(project)
    wanted = None if document_ids is None else set(document_ids)
    return [d.id for d in project.documents()
            if keys.get(d.id) != (d.sha256, MODEL_VERSION)
            and (wanted is None or d.id in wanted)]


def ensure_parsed(project: Project, progress: Progress | None = None,
                  document_ids: Sequence[int] | None = None) -> int:
    """Parse every document (or those given) not cached yet; return how many were parsed.

    `progress(done, total)` counts documents. Nothing is loaded when all is cached.
    """
    todo = stale(project, document_ids)
    if not todo:
        return 0
    from verbatims.nlp.pipeline import load

    if progress:
        progress(0, len(todo))  # before loading the model: the bar shows at once
    nlp = load()
    docs = {d.id: d for d in project.documents()}
    texts = store.texts(project, todo)
    total_chars = sum(len(t) for t in texts.values())
    n_process = 2 if total_chars >= PARALLEL_CHARS and (os.cpu_count() or 1) >= 2 else 1
    pieces: list[tuple[str, Context]] = []
    for doc_id in todo:
        parts = list(_chunks(texts[doc_id]))
        for i, (offset, piece) in enumerate(parts):
            pieces.append((piece, (doc_id, offset, i == len(parts) - 1)))
    pending: list[store.PackedRow] = []
    empty = [d for d in todo if not texts[d]]
    for doc_id in empty:
        pending.append(store.PackedRow(doc_id, docs[doc_id].sha256, MODEL_VERSION, 0,
                                       _Builder("", _Strings(None)).pack()))
    # Small batches of pieces keep both worker processes busy until the end.
    stream = _pipe(nlp, pieces, n_process)
    strings = _Strings(nlp.vocab.strings)
    try:
        done = _consume(project, stream, texts, docs, strings, pending, todo, progress)
    except UserError:
        store.save(project, pending)  # what was finished stays finished
        raise
    store.save(project, pending)
    if progress:
        progress(len(todo), len(todo))
    return done


def _consume(project: Project, stream: Iterator[tuple[Any, Context]], texts: dict[int, str],
             docs: dict[int, Any], strings: _Strings, pending: list[store.PackedRow],
             todo: list[int], progress: Progress | None) -> int:
    """Fold the parsed pieces into documents, saving them as they complete (in chunks of
    200,000 tokens); `pending` holds those not saved yet. Returns how many were done."""
    done = 0
    pending_tokens = 0
    builder: _Builder | None = None
    for parsed, (doc_id, offset, last) in stream:
        if builder is None:
            builder = _Builder(texts[doc_id], strings)
        builder.add(parsed, offset)
        if not last:
            continue
        pending.append(store.PackedRow(doc_id, docs[doc_id].sha256, MODEL_VERSION,
                                       len(builder.starts), builder.pack()))
        pending_tokens += len(builder.starts)
        builder = None
        done += 1
        if pending_tokens >= 200_000:
            store.save(project, pending)
            pending.clear()
            pending_tokens = 0
        if progress:
            progress(done, len(todo))
    return len(todo)


BATCH = 4  # pieces per task: small, so that both processes stay busy to the end


def _pipe(nlp: Any, pieces: list[tuple[str, Context]], n_process: int
          ) -> Iterator[tuple[Any, Context]]:
    """(spaCy Doc, context) for each piece, in order; in `n_process` processes if > 1.

    Not spaCy's own `n_process`: when one of its workers fails, the parent waits on
    a pipe forever. Here each batch is a task of a process pool; a worker that
    raises, or dies (killed, out of memory), ends the run with a sentence, and what
    was parsed before stays stored (documents are saved whole, as they complete).
    """
    if n_process <= 1:
        yield from nlp.pipe(pieces, as_tuples=True, batch_size=BATCH)
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from spacy.tokens import Doc

    batches = [pieces[i:i + BATCH] for i in range(0, len(pieces), BATCH)]
    pool = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork"))
    ahead: deque[Future[list[bytes]]] = deque()  # in batch order, two per process at most
    sent = 0
    try:
        for batch in batches:
            while len(ahead) < 2 * n_process and sent < len(batches):
                ahead.append(pool.submit(_parse_batch, [t for t, _ in batches[sent]]))
                sent += 1
            try:
                done = ahead.popleft().result()
            except BrokenProcessPool:
                raise UserError(_("A process lemmatising the documents ended abruptly "
                                  "(killed, or out of memory); the documents finished "
                                  "before are kept, run the command again to do the "
                                  "rest.")) from None
            except Exception as error:  # noqa: BLE001 - a worker's failure, reported
                raise UserError(_("Lemmatising failed in a worker process ({error}); the "
                                  "documents finished before are kept, run the command "
                                  "again to do the rest.").format(
                                      error=" ".join(str(error).split())[:200]
                                      or error.__class__.__name__)) from None
            for data, (_text, context) in zip(done, batch, strict=True):
                yield Doc(nlp.vocab).from_bytes(data), context
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _parse_batch(texts: list[str]) -> list[bytes]:
    """A worker's task: the pieces parsed, as bytes (the model is the one the parent had
    loaded before it forked)."""
    from verbatims.nlp.pipeline import load

    return [doc.to_bytes(exclude=["tensor", "user_data"]) for doc in load().pipe(texts)]


def parsed(project: Project, document_ids: Sequence[int] | None = None) -> list[Parsed]:
    """Columnar tokens of the given documents (all by default), parsing what is stale."""
    ensure_parsed(project, document_ids=document_ids)
    ids = [d.id for d in project.documents()] if document_ids is None else list(document_ids)
    rows = store.load(project, ids)
    texts = store.texts(project, ids)
    return [_unpack(i, texts[i], rows[i][2]) for i in ids if i in rows]


def stop_set(project: Project) -> frozenset[str]:
    """The built-in stop words with this project's additions and removals."""
    added, removed = store.stopword_changes(project)
    return sw.effective(added, removed)


def tokens(project: Project, document_id: int) -> list[Token]:
    """Every token of a document (whitespace left out), parsing it first if needed."""
    found = parsed(project, [document_id])
    if not found:
        return []
    p = found[0]
    stops = stop_set(project)
    text = p.text
    out = []
    for i in range(len(p)):
        s, e, lemma, f = p.starts[i], p.ends[i], p.lemmas[i], p.flags[i]
        word = text[s:e]
        out.append(Token(s, e, word, lemma, p.pos[i], p.sents[i],
                         bool(f & (MARK | NUMBER)) or lemma in stops or word.lower() in stops,
                         bool(f & PUNCT)))
    return out
