"""Coding suggestions over a project: codebook keywords and patterns found in the text.

The codebook's keywords are parsed once with the same spaCy pipeline as the corpus,
the corpus's lemmas come from the NLP cache, and `match.Matcher` does the matching.
A match becomes a suggestion for the sentence, turn or paragraph around it (one
definition of each: verbatims.model.units); the
researcher then accepts or rejects it (store/suggestions.py). The same matcher
serves `search()`, so search and auto-coding find the same passages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.model.entities import Code, Document, Hit, Turn
from verbatims.model.units import TextUnits
from verbatims.nlp import autocode_patterns as rx
from verbatims.nlp import match as m
from verbatims.nlp import words as word_lists
from verbatims.store import Project

UNITS = ("sentence", "turn", "paragraph")
Progress = Callable[[int, int], None]
Grains = str | Mapping[int, str]
"""One unit for every code, or each code's own (code id -> unit; "paragraph" if absent)."""


@dataclass(frozen=True, slots=True)
class Proposal:
    """A suggested coding of [start, end), with the match that caused it."""

    document_id: int
    code_id: int
    start: int
    end: int
    unit: str
    keyword: str
    matched: str
    match_start: int
    match_end: int
    score: float
    source: str = "keyword"  # or "learned" (nlp.learned): who decided to propose it
    why: str = ""  # learned: JSON of the words and features that weighed most


@dataclass(frozen=True)
class CompiledCodebook:
    """Keywords and patterns of some codes, ready to run over many documents."""

    matcher: m.Matcher
    patterns: dict[int, list[rx.Pattern]]


def compile_codebook(codes: Iterable[Code], threshold: float = m.DEFAULT_THRESHOLD,
                     stems: bool = False, project: Project | None = None) -> CompiledCodebook:
    """Parse every keyword once (same pipeline as the corpus) and compile every pattern.

    With a project, keywords parsed before are read from it (see `parse_phrases`).
    """
    codes = list(codes)
    pairs = [(c.id, k) for c in codes for k in c.keywords if k.strip()]
    keywords: list[m.Keyword] = []
    for (code_id, text), tokens in zip(pairs, parse_phrases([k for _id, k in pairs], project),
                                       strict=True):
        keywords.extend(m.compile_keyword(code_id, text, tokens))
    patterns: dict[int, list[rx.Pattern]] = {}
    for code in codes:
        try:
            patterns[code.id] = rx.compile_patterns(code.patterns)
        except re.error as exc:
            raise UserError(
                _("The code {code!r} has a pattern that is not a valid regular expression "
                  "({problem}); correct it in the codebook and import it again.")
                .format(code=code.name, problem=exc)
            ) from None
    return CompiledCodebook(m.Matcher(keywords, threshold, stems, known_word()), patterns)


def known_word() -> Callable[[str], bool] | None:
    """Is this a correctly spelt French word? From the lemmatizer's own word lists.

    A known word ("maintenant", "revient") is never taken for a typo of a keyword
    ("maintenance", "revente"); OCR damage ("numeérique") makes unknown words.
    """
    return word_lists.known_word()


def parse_phrases(phrases: Sequence[str], project: Project | None = None
                  ) -> list[list[_Tok]]:
    """Tokens of short phrases (keywords, queries) from the corpus's own pipeline.

    With a project, the phrases it has seen parsed by this model are read back and
    the new ones kept in it, so spaCy is loaded only for a phrase never seen before
    (a project open read-only, or busy, only misses the keeping).
    """
    if project is None:
        return _parse(phrases)
    from sqlalchemy.exc import OperationalError

    from verbatims.nlp.pipeline import MODEL_VERSION
    from verbatims.store import nlpcache

    kept = {p: _loads(t) for p, t in nlpcache.phrases(project, MODEL_VERSION, phrases).items()}
    missing = [p for p in dict.fromkeys(phrases) if p not in kept]
    if missing:
        fresh = dict(zip(missing, _parse(missing), strict=True))
        kept.update(fresh)
        try:
            nlpcache.save_phrases(project, MODEL_VERSION,
                                  {p: _dumps(t) for p, t in fresh.items()})
        except (UserError, OperationalError):
            pass
    return [list(kept[p]) for p in phrases]


def _parse(phrases: Sequence[str]) -> list[list[_Tok]]:
    if not phrases:
        return []
    from verbatims.nlp.pipeline import load

    nlp = load()
    out = []
    for doc in nlp.pipe(phrases):
        out.append([_Tok(t.idx, t.idx + len(t.text), t.text, t.lemma_.lower(), t.is_stop,
                         t.is_punct) for t in doc if not t.is_space])
    return out


def _dumps(tokens: Sequence[_Tok]) -> str:
    return json.dumps([[t.start, t.end, t.text, t.lemma, t.is_stop, t.is_punct]
                       for t in tokens], ensure_ascii=False)


def _loads(data: str) -> list[_Tok]:
    return [_Tok(int(a), int(b), str(text), str(lemma), bool(stop), bool(punct))
            for a, b, text, lemma, stop, punct in json.loads(data)]


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str
    lemma: str
    is_stop: bool
    is_punct: bool


# -- one document ------------------------------------------------------------------


def find(book: CompiledCodebook, text: str, words: m.Units) -> list[m.Match]:
    """Keyword and pattern matches of every code in one text, in text order."""
    found = book.matcher.find(words)
    lowered = text.lower()
    for code_id, patterns in book.patterns.items():
        if patterns:
            found.extend(rx.pattern_matches(code_id, patterns, text, lowered))
    found.sort(key=lambda x: (x.start, x.end, x.code_id))
    return found


def propose_text(document_id: int, text: str, matches: Sequence[m.Match], turns: Sequence[Turn],
                 unit: Grains = "paragraph", include_interviewer: bool = False,
                 ) -> list[Proposal]:
    """One proposal per code and unit of text, carrying its best match."""
    units = TextUnits(text, turns)
    best: dict[tuple[int, int, int], Proposal] = {}
    for match in matches:
        if not include_interviewer and units.role(match.start) == "interviewer":
            continue
        grain = unit if isinstance(unit, str) else unit.get(match.code_id, "paragraph")
        start, end = units.around(match.start, grain)
        end = max(end, match.end)
        key = (match.code_id, start, end)
        old = best.get(key)
        if old is None or match.score > old.score:
            best[key] = Proposal(document_id, match.code_id, start, end, grain, match.keyword,
                                 text[match.start:match.end], match.start, match.end,
                                 round(match.score, 1))
    return sorted(best.values(), key=lambda p: (p.start, p.code_id))


# -- a project -----------------------------------------------------------------------


def document_units(project: Project, document_ids: Sequence[int] | None = None,
                   ) -> list[tuple[int, str, m.Units]]:
    """(id, text, matcher units) per document, from the NLP cache (parsing what is stale)."""
    from verbatims.nlp import cache

    out = []
    stops = cache.stop_set(project)
    punct = cache.PUNCT
    for p in cache.parsed(project, document_ids):
        # Stop words, marks and numbers (flags) never start a typo match nor join words.
        stop_col = [f != 0 or lemma in stops for lemma, f in zip(p.lemmas, p.flags,
                                                                 strict=True)]
        punct_col = [bool(f & punct) for f in p.flags]
        out.append((p.document_id, p.text,
                    m.units(p.text, p.starts, p.ends, p.lemmas, stop_col, punct_col)))
    return out


def selected_codes(project: Project, code_refs: Sequence[str] = ()) -> list[Code]:
    """The codes named (with their sub-codes), or all codes, that have something to match."""
    codes = project.codes()
    if code_refs:
        wanted: set[int] = set()
        for ref in code_refs:
            wanted |= project.descendants(project.code(ref).id)
        codes = [c for c in codes if c.id in wanted]
    return [c for c in codes if c.keywords or c.patterns]


PARALLEL_WORDS = 300_000  # below this, a second process costs more than it saves


def propose(project: Project, code_refs: Sequence[str] = (), unit: Grains = "paragraph",
            threshold: float = m.DEFAULT_THRESHOLD, include_interviewer: bool = False,
            progress: Progress | None = None, processes: int = 1,
            ignore: Mapping[int, set[str]] | None = None) -> list[Proposal]:
    """Suggestions for every document of the project (not stored: see store.suggestions).

    `processes=2` splits a large corpus over two forked processes; only a caller that
    runs no threads (the command line) may ask for it. `ignore` (code id -> keywords or
    /patterns/) leaves out those matches: the keywords the hand coding contradicts
    (nlp.learned.contradicted_keywords).
    """
    for grain in [unit] if isinstance(unit, str) else unit.values():
        if grain not in UNITS:
            raise UserError(_("Unknown unit {unit!r}; choose one of {units}.")
                            .format(unit=grain, units=", ".join(UNITS)))
    if not 0 <= threshold <= 100:
        raise UserError(_("The threshold must be between 0 and 100 (got {threshold:g}); "
                          "85 is a good start.").format(threshold=threshold))
    codes = selected_codes(project, code_refs)
    if not codes:
        raise UserError(_("No code of this project has keywords or patterns to match; add "
                          "some to the codebook (keywords:, patterns:) and import it again."))
    from verbatims.nlp import cache

    cache.ensure_parsed(project, progress=progress)
    book = compile_codebook(codes, threshold, project=project)
    docs = project.documents()
    if processes > 1 and sum(d.word_count for d in docs) >= PARALLEL_WORDS:
        return _in_processes(project, book, docs, unit, include_interviewer, processes,
                             ignore or {})
    return _propose_docs(project, book, None, unit, include_interviewer, ignore or {})


def _propose_docs(project: Project, book: CompiledCodebook, document_ids: list[int] | None,
                  unit: Grains, include_interviewer: bool,
                  ignore: Mapping[int, set[str]] | None = None) -> list[Proposal]:
    out: list[Proposal] = []
    for doc_id, text, words in document_units(project, document_ids):
        matches = find(book, text, words)
        if ignore:
            matches = [x for x in matches if x.keyword not in ignore.get(x.code_id, ())]
        out.extend(propose_text(doc_id, text, matches, project.turns(doc_id), unit,
                                include_interviewer))
    return out


# what forked workers inherit
_FORKED: tuple[CompiledCodebook, Grains, bool, Mapping[int, set[str]]] | None = None


def _worker(args: tuple[str, list[int]]) -> list[Proposal]:
    location, document_ids = args
    assert _FORKED is not None
    book, unit, include_interviewer, ignore = _FORKED
    project = Project.open(location)  # its own connections, never the parent's
    try:
        return _propose_docs(project, book, document_ids, unit, include_interviewer, ignore)
    finally:
        project.close()


def _in_processes(project: Project, book: CompiledCodebook, docs: Sequence[Document],
                  unit: Grains, include_interviewer: bool, processes: int,
                  ignore: Mapping[int, set[str]] | None = None) -> list[Proposal]:
    """The documents split into `processes` shares of about the same size, in parallel."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _FORKED
    shares = _shares(docs, processes)
    _FORKED = (book, unit, include_interviewer, ignore or {})
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"))
    try:  # not multiprocessing.Pool: its map waits forever for a worker that was killed
        futures = [pool.submit(_worker, (project.location, share)) for share in shares]
        parts = [f.result() for f in futures]
    except BrokenProcessPool:
        raise UserError(_("A process matching the codebook ended abruptly (killed, or out "
                          "of memory); nothing was suggested, run the command "
                          "again.")) from None
    except UserError as error:
        raise UserError(_("Auto-coding failed in a worker process: {error} Nothing was "
                          "suggested.").format(error=error.message)) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _FORKED = None
    order = {d.id: d.position for d in docs}
    out = [p for part in parts for p in part]
    out.sort(key=lambda p: (order[p.document_id], p.start, p.code_id))
    return out


def _shares(docs: Sequence[Document], processes: int) -> list[list[int]]:
    shares: list[list[int]] = [[] for _ in range(processes)]
    sizes = [0] * processes
    for doc in sorted(docs, key=lambda d: -d.char_count):
        i = sizes.index(min(sizes))
        shares[i].append(doc.id)
        sizes[i] += doc.char_count
    return shares


def _match_docs(project: Project, book: CompiledCodebook, document_ids: list[int]
                ) -> dict[int, list[m.Match]]:
    return {doc_id: find(book, text, words)
            for doc_id, text, words in document_units(project, document_ids)}


_MATCHING: CompiledCodebook | None = None  # what forked matching workers inherit


def _match_worker(args: tuple[str, list[int]]) -> dict[int, list[m.Match]]:
    location, document_ids = args
    assert _MATCHING is not None
    project = Project.open(location)  # its own connections, never the parent's
    try:
        return _match_docs(project, _MATCHING, document_ids)
    finally:
        project.close()


def matches(project: Project, book: CompiledCodebook, document_ids: Sequence[int],
            processes: int = 1) -> dict[int, list[m.Match]]:
    """Every keyword and pattern match of each document, by document id; with
    `processes=2` on a large corpus, in two forked processes (callers without threads
    only, as for `propose`)."""
    global _MATCHING
    wanted = set(document_ids)
    docs = [d for d in project.documents() if d.id in wanted]
    if processes <= 1 or sum(d.word_count for d in docs) < PARALLEL_WORDS:
        return _match_docs(project, book, list(document_ids))
    import multiprocessing

    _MATCHING = book
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            parts = pool.map(_match_worker, [(project.location, share)
                                             for share in _shares(docs, processes)])
    finally:
        _MATCHING = None
    return {doc_id: found for part in parts for doc_id, found in part.items()}


def search(project: Project, query: str, threshold: float = m.DEFAULT_THRESHOLD,
           document_ids: Sequence[int] | None = None) -> list[Hit]:
    """Passages matching a word or expression by lemma, accents, typos or OCR noise.

    Looser than auto-coding on inflection ("mutualisation" finds "mutualisée"):
    a researcher searching wants to see every form, and picks by eye.
    """
    if not query.strip():
        return []
    (tokens,) = parse_phrases([query], project)
    keywords = m.compile_keyword(0, query, tokens)
    matcher = m.Matcher(keywords, threshold, stems=True, known=known_word())
    hits: list[Hit] = []
    for doc_id, _text, words in document_units(project, document_ids):
        hits.extend(Hit(doc_id, x.start, x.end, x.score) for x in matcher.find(words))
    return hits
