"""The review queue's store API, as the workbench calls it."""

from __future__ import annotations

import pytest

from verbatims.nlp import autocode
from verbatims.nlp.autocode import propose
from verbatims.store import Project, history
from verbatims.store import suggestions as sg


def test_queue_accept_undo_reject_and_extend(parsed: Project) -> None:
    code = parsed.code("mutualisation")
    saved = sg.save(parsed, propose(parsed, ["mutualisation"], unit="sentence"),
                    refresh=[code.id])
    assert saved.added > 2
    queue = sg.pending(parsed, "mutualisation")
    assert len(queue) == saved.added
    first, second, third = queue[:3]
    text = parsed.text(first.document_id)
    assert first.start <= first.match_start < first.match_end <= first.end
    assert text[first.match_start:first.match_end] == first.matched

    coding = sg.accept(parsed, first.id, "Maëlle")
    assert [c.id for c in parsed.codings(code_ids=[first.code_id])] == [coding.id]
    assert sg.get(parsed, first.id).status == "accepted"
    history.undo(parsed)  # accepting is a coding action like any other
    assert parsed.codings(code_ids=[first.code_id]) == []

    sg.reject(parsed, second.id)
    assert sg.get(parsed, second.id).status == "rejected"

    wider = sg.extend_to_turn(parsed, third.id)
    text = parsed.text(third.document_id)
    turn = next(t for t in parsed.turns(third.document_id)
                if t.start <= third.match_start < t.end)
    assert turn.role == "respondent" and turn.end - turn.start > third.end - third.start
    # the whole turn, from just after its speaker's label ("Maire : ") to its end
    assert wider.end == turn.end and wider.unit == "turn"
    label = text[turn.start:wider.start]
    assert label.startswith(turn.speaker or "?") and label.rstrip().endswith(":")
    assert sg.get(parsed, wider.id).start == wider.start  # stored, not only returned

    left = len(sg.pending(parsed, "mutualisation"))
    family = sorted(parsed.descendants(code.id))  # mutualisation and its sub-codes
    coded_before = len(parsed.codings(code_ids=family))
    assert left > 0 and sg.accept_all(parsed, code.id, "Maëlle") == left
    assert sg.pending(parsed) == []  # only mutualisation was proposed: nothing left
    assert len(parsed.codings(code_ids=family)) == coded_before + left
    assert sg.counts(parsed)[second.code_id]["rejected"] == 1


def test_two_processes_propose_exactly_what_one_does(parsed: Project,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    one = propose(parsed, ["cybersécurité"])
    monkeypatch.setattr(autocode, "PARALLEL_WORDS", 0)  # the demo corpus is small
    two = propose(parsed, ["cybersécurité"], processes=2)
    assert one == two and len(one) > 10
