"""Store side of the NLP layer: packed token rows, project stop words, expressions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.store import schema as s
from verbatims.store.convert import now
from verbatims.store.project import Project


@dataclass(frozen=True)
class PackedRow:
    document_id: int
    sha256: str
    model: str
    n_tokens: int
    data: bytes


def cache_keys(project: Project) -> dict[int, tuple[str, str]]:
    """(sha256, model) of every cached document, by document id."""
    with project.read() as conn:
        rows = conn.execute(
            select(s.nlp_tokens.c.document_id, s.nlp_tokens.c.sha256, s.nlp_tokens.c.model)
        ).all()
    return {int(r[0]): (str(r[1]), str(r[2])) for r in rows}


def save(project: Project, rows: Sequence[PackedRow]) -> None:
    if not rows:
        return
    stamp = now()
    with project.write() as conn:
        conn.execute(
            delete(s.nlp_tokens).where(s.nlp_tokens.c.document_id.in_([r.document_id
                                                                        for r in rows]))
        )
        conn.execute(
            insert(s.nlp_tokens),
            [
                {"document_id": r.document_id, "sha256": r.sha256, "model": r.model,
                 "n_tokens": r.n_tokens, "data": r.data, "parsed_at": stamp}
                for r in rows
            ],
        )


def load(project: Project, document_ids: Iterable[int] | None = None
         ) -> dict[int, tuple[str, str, bytes]]:
    """(sha256, model, data) by document id, for the given documents or all."""
    query = select(s.nlp_tokens.c.document_id, s.nlp_tokens.c.sha256, s.nlp_tokens.c.model,
                   s.nlp_tokens.c.data)
    if document_ids is not None:
        query = query.where(s.nlp_tokens.c.document_id.in_(list(document_ids)))
    with project.read() as conn:
        rows = conn.execute(query).all()
    return {int(r[0]): (str(r[1]), str(r[2]), bytes(r[3])) for r in rows}


def texts(project: Project, document_ids: Sequence[int]) -> dict[int, str]:
    with project.read() as conn:
        rows = conn.execute(
            select(s.documents.c.id, s.documents.c.text).where(
                s.documents.c.id.in_(list(document_ids)))
        ).all()
    return {int(r[0]): str(r[1]) for r in rows}


TurnRow = tuple[int, int, str | None, str, int | None]


def turns_by_document(project: Project, document_ids: Sequence[int]
                      ) -> dict[int, list[TurnRow]]:
    """(start, end, speaker, role, speech start or None) of every turn of the given
    documents, in one query."""
    out: dict[int, list[TurnRow]] = {i: [] for i in document_ids}
    with project.read() as conn:
        rows = conn.execute(
            select(s.turns.c.document_id, s.turns.c.start, s.turns.c.end, s.turns.c.speaker,
                   s.turns.c.role, s.turns.c.body_start)
            .where(s.turns.c.document_id.in_(list(document_ids)))
            .order_by(s.turns.c.document_id, s.turns.c.idx)
        ).all()
    for doc_id, start, end, speaker, role, body in rows:
        out[int(doc_id)].append((int(start), int(end), speaker, str(role),
                                 None if body is None else int(body)))
    return out


# -- parsed phrases (keywords, queries) -------------------------------------------


def phrases(project: Project, model: str, texts: Iterable[str]) -> dict[str, str]:
    """The stored tokens (JSON) of those phrases parsed with `model` before."""
    wanted = list(dict.fromkeys(texts))
    out: dict[str, str] = {}
    with project.read() as conn:
        for i in range(0, len(wanted), 500):
            out.update((str(p), str(t)) for p, t in conn.execute(
                select(s.nlp_phrases.c.phrase, s.nlp_phrases.c.tokens)
                .where(s.nlp_phrases.c.model == model,
                       s.nlp_phrases.c.phrase.in_(wanted[i:i + 500]))))
    return out


def save_phrases(project: Project, model: str, parsed: dict[str, str]) -> None:
    """Keep the tokens (JSON) of newly parsed phrases."""
    if not parsed:
        return
    stamp = now()
    with project.write() as conn:
        conn.execute(delete(s.nlp_phrases).where(s.nlp_phrases.c.model == model,
                                                 s.nlp_phrases.c.phrase.in_(list(parsed))))
        conn.execute(insert(s.nlp_phrases), [
            {"model": model, "phrase": p, "tokens": t, "parsed_at": stamp}
            for p, t in parsed.items()])


# -- stop words -------------------------------------------------------------------


def stopword_changes(project: Project) -> tuple[set[str], set[str]]:
    """(added, removed) words of this project."""
    with project.read() as conn:
        rows = conn.execute(select(s.nlp_stopwords.c.word, s.nlp_stopwords.c.action)).all()
    added = {str(w) for w, a in rows if a == "add"}
    removed = {str(w) for w, a in rows if a == "remove"}
    return added, removed


def set_stopwords(project: Project, words: Iterable[str], action: str) -> int:
    """Record WORDS as added or removed stop words; returns how many were recorded."""
    words = list(dict.fromkeys(w.strip().lower() for w in words if w.strip()))
    if not words:
        raise UserError(_("No stop word given (only empty strings); give one or more words, "
                          "e.g. `verbatims stopwords add alors`."))
    several = [w for w in words if len(w.split()) > 1]
    if several:
        raise UserError(f"{several[0]!r} is not one word; stop words are single words, so "
                        "give each word on its own, or use `verbatims expressions add` for a "
                        "locution.")
    with project.write() as conn:
        conn.execute(delete(s.nlp_stopwords).where(s.nlp_stopwords.c.word.in_(words)))
        conn.execute(insert(s.nlp_stopwords),
                     [{"word": w, "action": action, "added_at": now()} for w in words])
    return len(words)


# -- expressions ------------------------------------------------------------------


def expressions(project: Project) -> list[tuple[str, str]]:
    """(expression as typed, its lemmas joined by spaces), in the order added."""
    with project.read() as conn:
        rows = conn.execute(
            select(s.nlp_expressions.c.expression, s.nlp_expressions.c.lemmas)
            .order_by(s.nlp_expressions.c.added_at)
        ).all()
    return [(str(e), str(lem)) for e, lem in rows]


def add_expression(project: Project, expression: str, lemmas: str) -> None:
    with project.write() as conn:
        conn.execute(delete(s.nlp_expressions).where(
            s.nlp_expressions.c.expression == expression))
        conn.execute(insert(s.nlp_expressions).values(expression=expression, lemmas=lemmas,
                                                      added_at=now()))


def remove_expression(project: Project, expression: str) -> bool:
    with project.write() as conn:
        result = conn.execute(delete(s.nlp_expressions).where(
            s.nlp_expressions.c.expression == expression))
    return bool(result.rowcount)


# -- the analysed corpus ------------------------------------------------------------


def analysis_get(project: Project, key: str) -> bytes | None:
    """The analysed corpus stored under this key, if any."""
    with project.read() as conn:
        row = conn.execute(select(s.analysis_cache.c.data)
                           .where(s.analysis_cache.c.key == key)).first()
    return None if row is None else bytes(row[0])


def analysis_put(project: Project, key: str, data: bytes, keep: int = 2) -> None:
    """Store the analysed corpus under `key`, keeping only the `keep` newest entries
    (with and without interviewer turns, say) so the project does not grow."""
    with project.write() as conn:
        conn.execute(delete(s.analysis_cache).where(s.analysis_cache.c.key == key))
        conn.execute(insert(s.analysis_cache), [{"key": key, "data": data,
                                                  "created_at": now()}])
        old = conn.execute(select(s.analysis_cache.c.key)
                           .order_by(s.analysis_cache.c.created_at.desc(),
                                     s.analysis_cache.c.key)
                           .offset(keep)).scalars().all()
        if old:
            conn.execute(delete(s.analysis_cache).where(s.analysis_cache.c.key.in_(old)))
