"""Codings and the coded segments read back with their text and attributes."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, insert, select

from verbatims import where as attribute_filter
from verbatims.model.entities import (
    Coding,
    Segment,
    Turn,
)
from verbatims.model.spans import check_span
from verbatims.store import schema as s
from verbatims.store.codes import CodeStore
from verbatims.store.convert import now


class CodingStore(CodeStore):
    # -- codings -----------------------------------------------------------------

    def add_coding(
        self,
        document_id: int,
        start: int,
        end: int,
        code_id: int,
        coder: str,
        memo: str | None = None,
    ) -> Coding:
        doc = self.document(document_id)
        check_span(start, end, doc.char_count, f"the document {doc.name!r}")
        created = now()
        with self.write() as conn:
            coding_id = conn.execute(
                insert(s.codings)
                .values(document_id=document_id, code_id=code_id, start=start, end=end,
                        coder=coder, memo=memo or None, created_at=created)
                .returning(s.codings.c.id)
            ).scalar_one()
        return Coding(int(coding_id), document_id, code_id, start, end, coder, memo or None,
                      created)

    def delete_coding(self, coding_id: int) -> None:
        with self.write() as conn:
            conn.execute(delete(s.codings).where(s.codings.c.id == coding_id))

    def codings(
        self, document_id: int | None = None, code_ids: Iterable[int] | None = None
    ) -> list[Coding]:
        query = select(
            s.codings.c.id, s.codings.c.document_id, s.codings.c.code_id, s.codings.c.start,
            s.codings.c.end, s.codings.c.coder, s.codings.c.memo, s.codings.c.created_at,
        )
        if document_id is not None:
            query = query.where(s.codings.c.document_id == document_id)
        if code_ids is not None:
            query = query.where(s.codings.c.code_id.in_(list(code_ids)))
        with self.read() as conn:
            rows = conn.execute(query.order_by(s.codings.c.document_id, s.codings.c.start,
                                               s.codings.c.end, s.codings.c.id)).all()
        return [Coding(*row) for row in rows]

    def segments(
        self,
        code_refs: Sequence[str] = (),
        where: Sequence[tuple[str, str]] = (),
    ) -> list[Segment]:
        """Coded extracts with their text, filtered by codes (with sub-codes) and attributes.

        Attributes are matched as `verbatims.where` says (case, accents and inclusive
        forms aside): the same attribute twice means either value; different
        attributes must all hold.
        """
        code_ids: set[int] | None = None
        if code_refs:
            code_ids = set()
            for ref in code_refs:
                code_ids |= self.descendants(self.code(ref).id)
        attrs = self.attributes()
        docs = {d.id: d for d in self.documents()}
        keep = set(attribute_filter.select(attrs, where, self.attribute_keys(), docs))
        texts: dict[int, str] = {}
        turn_starts: dict[int, tuple[list[int], list[Turn]]] = {}
        out: list[Segment] = []
        codings = self.codings(code_ids=code_ids)
        codings.sort(key=lambda c: (docs[c.document_id].position, c.start, c.end, c.id))
        for coding in codings:
            if coding.document_id not in keep:
                continue
            if coding.document_id not in texts:
                texts[coding.document_id] = self.text(coding.document_id)
                turns = self.turns(coding.document_id)
                turn_starts[coding.document_id] = ([t.start for t in turns], turns)
            starts, turns = turn_starts[coding.document_id]
            i = bisect.bisect_right(starts, coding.start) - 1
            speaker = turns[i].speaker if i >= 0 else None
            out.append(
                Segment(
                    coding=coding,
                    document=docs[coding.document_id].name,
                    code_path=self.code_path(coding.code_id),
                    text=texts[coding.document_id][coding.start : coding.end],
                    speaker=speaker,
                    attributes=attrs.get(coding.document_id, {}),
                )
            )
        return out

    def counts(self) -> dict[int, tuple[int, int]]:
        """Per code id: (codings, documents)."""
        with self.read() as conn:
            rows = conn.execute(
                select(s.codings.c.code_id, func.count(),
                       func.count(s.codings.c.document_id.distinct()))
                .group_by(s.codings.c.code_id)
            ).all()
        return {int(r[0]): (int(r[1]), int(r[2])) for r in rows}
