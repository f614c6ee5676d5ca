"""Auto-coding suggestions in the store: kept until reviewed, never proposed twice.

Nothing is coded behind the researcher's back: `autocode` only adds pending
suggestions; a coding appears when one is accepted, in the same transaction that
marks it accepted. Accepting and rejecting are logged for undo (kind
suggestion.decide, groups suggestions.accept and suggestions.reject): undoing an
acceptance removes the coding and puts the suggestion back in the queue, undoing a
rejection puts it back too. A rejected suggestion stays in the table so that the
same passage is not proposed again for that code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.engine import Connection

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.model.entities import Coding
from verbatims.model.units import TextUnits
from verbatims.store import history
from verbatims.store import schema as s
from verbatims.store.codings import coding_of
from verbatims.store.convert import now
from verbatims.store.project import Project

STATUSES = ("pending", "accepted", "rejected")
_T = s.suggestions


class ProposalLike(Protocol):
    """What `save` needs from a proposal (verbatims.nlp.autocode.Proposal)."""

    @property
    def document_id(self) -> int: ...
    @property
    def code_id(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def unit(self) -> str: ...
    @property
    def keyword(self) -> str: ...
    @property
    def matched(self) -> str: ...
    @property
    def match_start(self) -> int: ...
    @property
    def match_end(self) -> int: ...
    @property
    def score(self) -> float: ...
    @property
    def source(self) -> str: ...
    @property
    def why(self) -> str: ...


SOURCES = ("keyword", "learned", "chd")
MACHINE_CODER = {"keyword": "autocode", "learned": "autocode-learned", "chd": "autocode-chd"}
"""Who a suggestion accepted in bulk is recorded as, by source: the machine, so that its
agreement with a human coder is computed like any other coder's."""


@dataclass(frozen=True)
class Suggestion:
    """A stored suggestion: the span to code and why (keyword, matched text, score)."""

    id: int
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
    status: str
    coding_id: int | None
    created_at: str
    source: str = "keyword"
    why: str = ""  # learned: JSON {"words", "terms", "question", "features"}


@dataclass(frozen=True)
class Saved:
    """What became of a batch of proposals."""

    added: int
    already: int  # suggested before (pending, accepted or rejected)
    rejected: int  # the passage was rejected before for that code
    coded: int  # the passage already carries that code


_COLUMNS = (_T.c.id, _T.c.document_id, _T.c.code_id, _T.c.start, _T.c.end, _T.c.unit,
            _T.c.keyword, _T.c.matched, _T.c.match_start, _T.c.match_end, _T.c.score,
            _T.c.status, _T.c.coding_id, _T.c.created_at, _T.c.source, _T.c.why)


def _row(row: Any) -> Suggestion:
    return Suggestion(int(row[0]), int(row[1]), int(row[2]), int(row[3]), int(row[4]), row[5],
                      row[6], row[7], int(row[8]), int(row[9]), float(row[10]), row[11],
                      None if row[12] is None else int(row[12]), row[13], row[14] or "keyword",
                      row[15] or "")


def save(project: Project, proposals: Iterable[ProposalLike],
         refresh: Iterable[int] = ()) -> Saved:
    """Store new proposals as pending, leaving out what was suggested, rejected or coded.

    The pending suggestions of the `refresh` codes that this batch does not repeat are
    dropped first: a new run (say with another unit or threshold) replaces the old
    queue, while accepted and rejected ones stay and keep their passages out.
    """
    proposals = list(proposals)
    added = already = rejected = coded = 0
    fresh = {(p.document_id, p.code_id, p.start, p.end) for p in proposals}
    with project.write() as conn:
        stale = [
            sid for sid, *key in conn.execute(
                select(_T.c.id, _T.c.document_id, _T.c.code_id, _T.c.start, _T.c.end)
                .where(and_(_T.c.status == "pending", _T.c.code_id.in_(list(refresh)))))
            if tuple(key) not in fresh
        ]
        for i in range(0, len(stale), 500):
            conn.execute(delete(_T).where(_T.c.id.in_(stale[i:i + 500])))
        known: dict[tuple[int, int, int, int], str] = {}
        pending_ids: dict[tuple[int, int, int, int], int] = {}
        refused: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for sid, doc, code, start, end, status in conn.execute(
                select(_T.c.id, _T.c.document_id, _T.c.code_id, _T.c.start, _T.c.end,
                       _T.c.status)):
            known[(doc, code, start, end)] = status
            if status == "pending":
                pending_ids[(doc, code, start, end)] = int(sid)
            if status == "rejected":
                refused.setdefault((doc, code), []).append((start, end))
        done: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for doc, code, start, end in conn.execute(
                select(s.codings.c.document_id, s.codings.c.code_id, s.codings.c.start,
                       s.codings.c.end)):
            done.setdefault((doc, code), []).append((start, end))
        created = now()
        rows = []
        for p in proposals:
            pair = (p.document_id, p.code_id)
            status = known.get((p.document_id, p.code_id, p.start, p.end))
            if status == "rejected":
                rejected += 1
            elif status is not None:
                already += 1  # pending still, or accepted: either way not new
                sid = pending_ids.pop((p.document_id, p.code_id, p.start, p.end), None)
                if sid is not None:  # still pending: this run's reason and score replace
                    conn.execute(update(_T).where(_T.c.id == sid).values(
                        unit=p.unit, keyword=p.keyword, matched=p.matched,
                        match_start=p.match_start, match_end=p.match_end,
                        score=float(p.score), source=p.source, why=p.why or None))
            elif any(a < p.match_end and p.match_start < b for a, b in refused.get(pair, ())):
                rejected += 1
            elif any(a <= p.match_start and p.match_end <= b for a, b in done.get(pair, ())):
                coded += 1
            else:
                known[(p.document_id, p.code_id, p.start, p.end)] = "pending"
                rows.append({
                    "document_id": p.document_id, "code_id": p.code_id, "start": p.start,
                    "end": p.end, "unit": p.unit, "keyword": p.keyword, "matched": p.matched,
                    "match_start": p.match_start, "match_end": p.match_end,
                    "score": float(p.score), "status": "pending", "created_at": created,
                    "source": p.source, "why": p.why or None,
                })
        if rows:
            conn.execute(insert(_T), rows)
        added = len(rows)
    return Saved(added, already, rejected, coded)


class CandidateLike(Protocol):
    """What `propose_codes` needs of a candidate code (verbatims.analysis.chd.Candidate)."""

    @property
    def name(self) -> str: ...
    @property
    def colour(self) -> str: ...
    @property
    def definition(self) -> str: ...
    @property
    def proposals(self) -> Sequence[ProposalLike]: ...


def propose_codes(project: Project, parent: str, candidates: Sequence[CandidateLike],
                  coder: str = "") -> tuple[str, int, int]:
    """New codes under a new top-level code `parent` (numbered if the name is taken), each
    with its passages as pending suggestions: candidate codes for the researcher to
    accept, rename or reject in the review queue. One undo step takes it all back (while
    no suggestion has been decided). Returns the parent's name, codes and suggestions
    made."""
    taken = {c.name for c in project.codes() if c.parent_id is None}
    name, n = parent, 2
    while name in taken:
        name, n = f"{parent} ({n})", n + 1
    made = 0
    with history.step(project, "codes.propose", coder) as conn:
        top = history.perform(conn, "code.add", {"new": _fields(name, "#7f7f7f", "")}, coder)
        for cand in candidates:
            code = history.perform(conn, "code.add", {"new": _fields(
                cand.name, cand.colour, cand.definition, int(top["id"]))}, coder)
            rows = [_suggestion_row(p, int(code["id"])) for p in cand.proposals]
            if rows:
                history.perform(conn, "suggestions.add", {"rows": rows}, coder)
                made += len(rows)
    project._code_cache = None
    return name, len(candidates), made


def _fields(name: str, colour: str, definition: str, parent: int | None = None
            ) -> dict[str, Any]:
    return {"name": name, "parent_id": parent, "color": colour, "definition": definition,
            "include": "", "exclude": "", "keywords": [], "patterns": [], "examples": []}


def _suggestion_row(p: ProposalLike, code_id: int) -> dict[str, Any]:
    return {"document_id": p.document_id, "code_id": code_id, "start": p.start, "end": p.end,
            "unit": p.unit, "keyword": p.keyword, "matched": p.matched,
            "match_start": p.match_start, "match_end": p.match_end, "score": float(p.score),
            "status": "pending", "created_at": now(), "source": p.source, "why": p.why or None}


def suggestions(project: Project, status: str | None = "pending",
                code_ids: Sequence[int] | None = None, document_id: int | None = None,
                ) -> list[Suggestion]:
    """Suggestions in reading order (document import order, then position in the text)."""
    query = (select(*_COLUMNS).join(s.documents, s.documents.c.id == _T.c.document_id)
             .order_by(s.documents.c.position, _T.c.start, _T.c.end, _T.c.code_id))
    if status is not None:
        query = query.where(_T.c.status == status)
    if code_ids is not None:
        query = query.where(_T.c.code_id.in_(list(code_ids)))
    if document_id is not None:
        query = query.where(_T.c.document_id == document_id)
    with project.read() as conn:
        return [_row(r) for r in conn.execute(query)]


def pending(project: Project, code: str | int | None = None,
            document_id: int | None = None) -> list[Suggestion]:
    """The review queue: pending suggestions of a code (with its sub-codes) or of all."""
    code_ids = None
    if code is not None:
        code_ids = sorted(project.descendants(project.code(str(code)).id))
    return suggestions(project, "pending", code_ids, document_id)


def get(project: Project, suggestion_id: int) -> Suggestion:
    with project.read() as conn:
        return _get(conn, suggestion_id)


def _get(conn: Connection, suggestion_id: int) -> Suggestion:
    row = conn.execute(select(*_COLUMNS).where(_T.c.id == suggestion_id)).first()
    if row is None:
        raise UserError(_("No suggestion {suggestion_id}; list them with `verbatims suggestions "
                          "list`.").format(suggestion_id=suggestion_id))
    return _row(row)


def accept(project: Project, suggestion_id: int, coder: str) -> Coding:
    """Code the suggested span, and mark the suggestion accepted: one undo step."""
    with history.step(project, "suggestions.accept", coder) as conn:
        return _accept(conn, _get(conn, suggestion_id), coder)


def accept_many(project: Project, suggestion_ids: Iterable[int], coder: str) -> list[Coding]:
    """Accept several suggestions in one transaction and one undo step: all of them, or
    none if one is wrong."""
    with history.step(project, "suggestions.accept", coder) as conn:
        return [_accept(conn, _get(conn, sid), coder) for sid in dict.fromkeys(suggestion_ids)]


def accept_all(project: Project, code_id: int | None, coder: str | None,
               document_id: int | None = None, min_score: float | None = None,
               code_ids: Sequence[int] | None = None, actor: str | None = None) -> int:
    """Accept every pending suggestion (of one code and its sub-codes, of `code_ids`, or
    all; scoring at least `min_score`) at once: one undo step.

    `coder` None records each as the machine (`MACHINE_CODER`, by its source). The undo
    step is `actor`'s (the person who asked), so that their `undo` takes it back;
    without one, the coder's.
    """
    wanted = None if code_id is None else sorted(project.descendants(code_id))
    if code_ids is not None:
        wanted = sorted(set(code_ids) & set(wanted)) if wanted is not None else list(code_ids)
    todo = [sug for sug in suggestions(project, "pending", wanted, document_id)
            if min_score is None or sug.score >= min_score]
    who = actor or coder or MACHINE_CODER["keyword"]
    with history.step(project, "suggestions.accept", who) as conn:
        for sug in todo:
            _accept(conn, sug, coder or MACHINE_CODER.get(sug.source, "autocode"))
    return len(todo)


def _accept(conn: Connection, sug: Suggestion, coder: str) -> Coding:
    if sug.status != "pending":
        raise UserError(_("The suggestion {id} was already {status}.").format(
                            id=sug.id, status=sug.status))
    created = now()
    existing = conn.execute(
        select(s.codings.c.id, *[s.codings.c[c] for c in _CODING])
        .where(and_(s.codings.c.document_id == sug.document_id,
                    s.codings.c.code_id == sug.code_id, s.codings.c.start == sug.start,
                    s.codings.c.end == sug.end))).first()
    if existing is not None:  # coded by hand meanwhile: link to it, do not code twice
        coding = coding_of(dict(existing._mapping))
    else:
        coding = coding_of(history.perform(conn, "coding.add", {
            "document_id": sug.document_id, "code_id": sug.code_id, "start": sug.start,
            "end": sug.end, "coder": coder, "memo": None, "created_at": created}, coder))
    _decide(conn, sug, "accepted", coding.id, coder, created)
    return coding


_CODING = ("document_id", "code_id", "start", "end", "coder", "memo", "created_at")


def _decide(conn: Connection, sug: Suggestion, status: str, coding_id: int | None,
            coder: str, stamp: str) -> None:
    history.perform(conn, "suggestion.decide", {
        "id": sug.id, "document_id": sug.document_id,
        "after": {"status": status, "coding_id": coding_id, "decided_by": coder or None,
                  "decided_at": stamp}}, coder)


def reject(project: Project, suggestion_id: int, coder: str = "") -> None:
    """Turn a suggestion down; the passage is not proposed again for this code."""
    reject_many(project, [suggestion_id], coder)


def reject_many(project: Project, suggestion_ids: Iterable[int], coder: str = "") -> list[int]:
    """Reject several suggestions in one transaction and one undo step: all of them, or
    none if one is wrong."""
    done = list(dict.fromkeys(suggestion_ids))
    with history.step(project, "suggestions.reject", coder) as conn:
        for suggestion_id in done:
            sug = _get(conn, suggestion_id)
            if sug.status == "accepted":
                raise UserError(_("The suggestion {id} was already accepted; remove its coding "
                                  "instead (undo, or delete the coding).").format(id=sug.id))
            _decide(conn, sug, "rejected", None, coder, now())
    return done


def extend_to_turn(project: Project, suggestion_id: int) -> Suggestion:
    """Widen a pending suggestion to the whole speaker turn around its match."""
    sug = get(project, suggestion_id)
    if sug.status != "pending":
        raise UserError(_("The suggestion {id} was already {status}.").format(
                            id=sug.id, status=sug.status))
    units = TextUnits(project.text(sug.document_id), project.turns(sug.document_id))
    start, end = units.around(sug.match_start, "turn")
    start, end = min(start, sug.start), max(end, sug.end)
    with project.write() as conn:
        twin = conn.execute(select(*_COLUMNS).where(and_(
            _T.c.document_id == sug.document_id, _T.c.code_id == sug.code_id,
            _T.c.start == start, _T.c.end == end, _T.c.id != sug.id))).first()
        if twin is not None:  # the whole turn is already suggested: keep that one
            conn.execute(delete(_T).where(_T.c.id == sug.id))
            return _row(twin)
        conn.execute(update(_T).where(_T.c.id == sug.id).values(start=start, end=end,
                                                                unit="turn"))
        return _get(conn, sug.id)


def counts(project: Project) -> dict[int, dict[str, int]]:
    """Per code id: how many suggestions are pending, accepted, rejected."""
    out: dict[int, dict[str, int]] = {}
    with project.read() as conn:
        for code_id, status in conn.execute(select(_T.c.code_id, _T.c.status)):
            per = out.setdefault(int(code_id), dict.fromkeys(STATUSES, 0))
            per[status] += 1
    return out


# -- the kind suggestion.decide (see store/history.py) -----------------------------------

_DECISION = ("status", "coding_id", "decided_by", "decided_at")


def _put(conn: Connection, p: history.Payload, state: dict[str, Any]) -> history.Payload:
    found = conn.execute(select(*[_T.c[c] for c in _DECISION]).where(_T.c.id == p["id"])
                         ).first()
    if found is None:
        raise history.Gone(_("the suggestion was dropped by a new auto-coding run."))
    conn.execute(update(_T).where(_T.c.id == p["id"]).values(**state))
    return {**p, "before": dict(found._mapping)}


def _decide_do(conn: Connection, p: history.Payload) -> history.Payload:
    return _put(conn, p, p["after"])


def _decide_undo(conn: Connection, p: history.Payload) -> None:
    _put(conn, p, p["before"])


history.register("suggestion.decide", N_("decision on a suggestion"), _decide_do,
                 _decide_undo)


# -- the kind suggestions.add: suggestions a step proposes (`chd --to-codes`) ------------


def _add_do(conn: Connection, p: history.Payload) -> history.Payload:
    rows = p["rows"]
    if "ids" in p:  # redo: the same rows under the same ids
        conn.execute(insert(_T), [{**r, "id": i} for r, i in zip(rows, p["ids"], strict=True)])
        return p
    ids = [int(conn.execute(insert(_T).values(**r).returning(_T.c.id)).scalar_one())
           for r in rows]
    return {**p, "ids": ids}


def _add_undo(conn: Connection, p: history.Payload) -> None:
    ids = list(p["ids"])
    for i in range(0, len(ids), 500):
        decided = conn.execute(select(_T.c.id).where(and_(
            _T.c.id.in_(ids[i:i + 500]), _T.c.status != "pending")).limit(1)).first()
        if decided is not None:
            raise history.Gone(_("some of its suggestions have been accepted or rejected "
                                 "since."))
    for i in range(0, len(ids), 500):
        conn.execute(delete(_T).where(_T.c.id.in_(ids[i:i + 500])))


history.register("suggestions.add", N_("proposed suggestions"), _add_do, _add_undo)
history.register_group("codes.propose", N_("proposed codes"), N_("{n} proposed codes"),
                       counts="code.add")
history.register_group("suggestions.accept", N_("accepted suggestion"),
                       N_("{n} accepted suggestions"), counts="suggestion.decide")
history.register_group("suggestions.reject", N_("rejected suggestion"),
                       N_("{n} rejected suggestions"), counts="suggestion.decide")
