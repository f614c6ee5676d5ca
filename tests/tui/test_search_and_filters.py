"""Corpus search (typos, accents, OCR noise) and the document filter, on the demo project."""

from __future__ import annotations

from verbatims.search import fold, search
from verbatims.store import Project
from verbatims.tui import filters
from verbatims.tui.data import overview


def test_search_finds_ocr_noise_and_missing_accents() -> None:
    texts = {1: "Il y avait une rencontre autour du numeérique responsabile.",
                2: "Le NUMERIQUE responsable, enfin.", 3: "Rien à voir ici."}
    hits = search(texts, "numérique responsable")
    assert [(h.document_id, texts[h.document_id][h.start : h.end]) for h in hits] == [
        (1, "numeérique responsabile"), (2, "NUMERIQUE responsable")]
    assert fold("Équipe") == "equipe"
    assert search(texts, "du") == [h for h in search(texts, "du") if h.score == 100]


def test_search_over_the_annexe_ocr_text(demo: Project) -> None:
    texts = {d.id: demo.text(d.id) for d in demo.documents()}
    found = {texts[h.document_id][h.start : h.end] for h in search(texts, "responsable")}
    assert "responsable" in {f.lower() for f in found}
    assert any(f.lower() != "responsable" for f in found)  # OCR variants are found too


def test_document_filter_by_attribute_word_and_code(demo: Project) -> None:
    data = overview(demo)

    def names(text: str) -> set[str]:
        return {d.name for d in filters.matching(data.documents, data.attributes,
                                                 data.doc_codes, data.codes, data.paths,
                                                 text)}

    epci = names("type_collectivite=EPCI")
    assert epci and all("epci" in n for n in epci)
    assert names("EPCI") >= epci
    assert names('type_collectivite="epci" genre=femme') <= epci
    assert names("code=cybersécurité") == set()
    doc = demo.document("05-dpo-epci-50000.txt")
    demo.add_coding(doc.id, 0, 10, demo.code("RGPD et données personnelles").id, "t")
    data = overview(demo)
    assert names("code=cybersécurité") == {doc.name}  # sub-codes count
    assert names("code=cybersecurite type_collectivite=commune") == set()
