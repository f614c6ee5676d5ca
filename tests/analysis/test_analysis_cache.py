"""The analysed corpus kept in the project: read back equal, dropped when its inputs change."""

from __future__ import annotations

from sqlalchemy import func, select, update

from verbatims.analysis import doccache
from verbatims.analysis.corpus import load_docs
from verbatims.analysis.tokens import Doc
from verbatims.store import Project, nlpcache
from verbatims.store import schema as s


def columns(docs: list[Doc]) -> list[tuple[object, ...]]:
    return [(d.document_id, d.lemmas, d.forms, d.tags, d.starts, d.ends, d.cuts, d.cased)
            for d in docs]


def kept(project: Project) -> int:
    with project.read() as conn:
        return int(conn.execute(select(func.count()).select_from(s.analysis_cache)).scalar_one())


def test_second_read_comes_from_the_project_and_is_equal(parsed: Project) -> None:
    first = load_docs(parsed)
    assert kept(parsed) == 1
    again = load_docs(parsed)
    assert columns(again) == columns(first)
    assert again[0].lemmas is not first[0].lemmas  # fresh lists: callers may change them
    with_interviewer = load_docs(parsed, include_interviewer=True)
    assert sum(map(len, with_interviewer)) > sum(map(len, first))
    assert kept(parsed) == 2


def test_a_stop_word_added_is_seen_at_once(parsed: Project) -> None:
    before = load_docs(parsed)
    word = "mutualisation"
    assert any(tag for d in before for lem, tag in zip(d.lemmas, d.tags, strict=True)
               if lem == word)
    nlpcache.set_stopwords(parsed, [word], "add")
    after = load_docs(parsed)
    assert not any(tag for d in after for lem, tag in zip(d.lemmas, d.tags, strict=True)
                   if lem == word)


def test_a_part_of_the_corpus_and_the_order_asked_for(parsed: Project) -> None:
    ids = [d.id for d in parsed.documents()]
    whole = load_docs(parsed, list(reversed(ids)))  # all documents, in another order
    assert [d.document_id for d in whole] == list(reversed(ids))
    part = load_docs(parsed, ids[:2])
    assert [d.document_id for d in part] == ids[:2]


def test_a_damaged_entry_is_analysed_again(parsed: Project) -> None:
    first = load_docs(parsed)
    with parsed.write() as conn:
        conn.execute(update(s.analysis_cache).values(data=b"not a corpus"))
    assert columns(load_docs(parsed)) == columns(first)


def test_pack_round_trip_keeps_large_offsets() -> None:
    doc = Doc(7, ["a", "b"], ["a", "b"], ["N", ""], [5, 70_000], [6, 70_400], [0, 2],
              ["A", ""], ["term", "stop"])
    assert columns(doccache.unpack(doccache.pack([doc]))) == columns([doc])
    assert doccache.read(b"\x00garbage") is None


def test_pack_round_trip_of_several_documents_and_the_usual_forms() -> None:
    docs = [Doc(1, ["a"], ["a"], ["N"], [3], [4], [0, 1], [""], ["term"]),
            Doc(2, [], [], [], [], [], [0], [], []),
            Doc(3, ["b", "c", "d"], ["b", "c", "d"], ["", "V", "A"], [0, 9, 300_000],
                [8, 12, 300_001], [0, 2, 3], ["B", "", ""], ["stop", "term", "term"])]
    back = doccache.unpack(doccache.pack(docs, {"rgpd": "RGPD", "mégalis": "Mégalis"}))
    assert columns(back) == columns(docs)
    assert [d.why for d in back] == [d.why for d in docs]
    assert back.usual == {"rgpd": "RGPD", "mégalis": "Mégalis"}
    assert doccache.unpack(doccache.pack(docs)).usual is None
