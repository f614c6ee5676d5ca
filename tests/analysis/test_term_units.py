"""The normalised corpus as every term analysis reads it, on the demo and the fictional
OCR'd extracts: repairs made, headings out, offsets that point at the text, the cache
rebuilt when the normalisation changes."""

from __future__ import annotations

import pytest

from verbatims.analysis import corpus, doccache
from verbatims.analysis.corpus import load_docs
from verbatims.analysis.units import explain, term_units
from verbatims.nlp import terms as normalisation
from verbatims.store import Project


def _tokens(project: Project, name: str) -> list[tuple[str, str, str, str]]:
    """(written, lemma, tag, why) of a document's analysed tokens."""
    doc_id = project.document(name).id
    text = project.text(doc_id)
    doc = next(d for d in load_docs(project) if d.document_id == doc_id)
    return [(text[s:e], lem, tag, why) for s, e, lem, tag, why in
            zip(doc.starts, doc.ends, doc.lemmas, doc.tags, doc.why, strict=True)]


def test_ocr_damage_counts_as_the_word_it_stands_for(ocr: Project) -> None:
    elue = {w: (lem, tag, why) for w, lem, tag, why in _tokens(ocr, "02-elue-bourg-1500")}
    assert elue["numeérique"] == ("numérique", "A", "ocr") or elue["numeérique"][:2] == (
        "numérique", "N")
    assert elue["numeérique"][2] == "ocr"
    assert elue["trés"][1:] == ("", "ocr")  # "très", a stop word, once repaired
    dsi = {w: (lem, tag, why) for w, lem, tag, why in _tokens(ocr, "01-dsi-ville-15000")}
    assert dsi["responsabile"][0] == "responsable" and dsi["piéces"][0] == "pièce"
    assert dsi["collégues"][0] == "collègue"


def test_glued_words_are_two_terms_with_their_own_offsets(ocr: Project) -> None:
    doc_id = ocr.document("02-elue-bourg-1500").id
    at = ocr.text(doc_id).index("quiest")
    doc = next(d for d in load_docs(ocr) if d.document_id == doc_id)
    i = doc.starts.index(at)
    assert doc.forms[i:i + 2] == ["qui", "est"] and doc.why[i:i + 2] == ["split", "split"]
    assert (doc.ends[i], doc.starts[i + 1], doc.ends[i + 1]) == (at + 3, at + 3, at + 6)


def test_the_annex_heading_is_not_speech(ocr: Project) -> None:
    written = [w for w, *_ in _tokens(ocr, "02-elue-bourg-1500")]
    assert "Entretien" not in written and "habitants" not in written[:3]
    assert written[0] == "Bon"  # the speech starts after the heading


def test_term_offsets_point_at_what_was_written(ocr: Project) -> None:
    found = term_units(ocr, document_ids=[d.id for d in ocr.documents()])
    text = {d.id: ocr.text(d.id) for d in ocr.documents()}
    expressions = 0
    for unit in found.units:
        for term in unit.terms:
            written = text[unit.document_id][term.start:term.end].lower()
            assert unit.start <= term.start < term.end <= unit.end
            assert written[:1].isalnum() and written[-1:].isalnum(), (written, term.key)
            if " " in term.key:
                expressions += 1
                assert any(c.isspace() or c in "'’" for c in written), (written, term.key)
    assert expressions > 10
    assert found.display("pièce joindre") == "pièces jointes"


def test_a_code_units_are_its_extracts(coded: Project) -> None:
    code = coded.code("sauvegardes")
    found = term_units(coded, code_ids=coded.descendants(code.id))
    spans = [(c.document_id, c.start, c.end) for c in coded.codings(
        code_ids=coded.descendants(code.id))]
    assert found.units and all(any(d == u.document_id and a <= t.start < b
                                   for d, a, b in spans) for u in found.units for t in u.terms)
    assert any(t.key == "sauvegarde" for u in found.units for t in u.terms)


def test_explain_says_why_each_word_counts(ocr: Project) -> None:
    doc = ocr.document("01-dsi-ville-15000").id
    table = explain(ocr, [doc])
    rows = {r.written: r for r in table.itertuples(index=False)}
    damaged = rows["numérique responsabile"]  # the OCR'd pivot, one expression, repaired
    assert damaged.counted and damaged.term == "numérique responsable"
    assert rows["piéces jointes"].term == "pièces jointes"
    assert rows["ADEME"].counted and rows["ADEME"].term == "ADEME"
    assert not rows["question"].counted and rows["question"].why == normalisation.WHY["meta"]
    assert rows["impact écologique"].counted  # an expression is one row, one term
    assert not rows["les"].counted and rows["les"].why == normalisation.WHY["stop"]


def test_the_analysed_corpus_is_rebuilt_when_the_normalisation_changes(
        ocr: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    load_docs(ocr)
    keys: list[str] = []
    real_key = doccache.corpus_key

    def recording(*args: object, **kwargs: object) -> str:
        keys.append(real_key(*args, **kwargs))  # type: ignore[arg-type]
        return keys[-1]

    monkeypatch.setattr(doccache, "corpus_key", recording)
    load_docs(ocr)
    monkeypatch.setattr(normalisation, "SIGNATURE", "another normalisation")
    load_docs(ocr)
    assert keys[0] != keys[1]
    assert corpus.normalisation_key(frozenset(), False) != corpus.normalisation_key(
        frozenset({"greenwashing"}), False)  # the codebook's words are part of it
