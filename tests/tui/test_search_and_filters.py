"""Corpus search (typos, accents, OCR noise) and the document filter, on the demo project."""

from __future__ import annotations

from verbatims.folding import fold
from verbatims.search import search
from verbatims.store import Project
from verbatims.tui import filters
from verbatims.tui.data import overview


def test_search_finds_ocr_noise_and_missing_accents(parsed: Project) -> None:
    """The workbench's search is the auto-coding matcher: OCR'd annexe text is found."""
    hits = search(parsed, "numérique responsable")
    found = {parsed.text(h.document_id)[h.start : h.end].lower() for h in hits}
    assert "numérique responsable" in found
    # the demo's transcription slips and OCR noise are found too
    assert {"numeérique responsable", "humérique responsable", "numé rique responsable",
            "numériques responsables"} <= found
    assert fold("Équipe") == "equipe"


def test_search_finds_inflections(parsed: Project) -> None:
    found = {parsed.text(h.document_id)[h.start : h.end].lower()
             for h in search(parsed, "mutualisation")}
    assert "mutualisation" in found and len(found) > 1


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
