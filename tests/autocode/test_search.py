"""Search in the workbench uses the auto-coding matcher: every form of a word is found."""

from __future__ import annotations

from verbatims.nlp.autocode import search
from verbatims.store import Project


def test_search_finds_inflected_and_misspelt_forms(parsed: Project) -> None:
    hits = search(parsed, "mutualisation")
    found = {parsed.text(h.document_id)[h.start:h.end].lower() for h in hits}
    assert {"mutualisation", "mutualistion", "mutualisée", "mutualisé"} <= found
    assert all(h.score >= 85 for h in hits)
    assert search(parsed, "   ") == []


def test_search_an_expression_across_ocr_damage(ocr: Project) -> None:
    elue = ocr.document("02-elue-bourg-1500").id
    hits = search(ocr, "numérique responsable", document_ids=[elue])
    texts = {ocr.text(h.document_id)[h.start:h.end] for h in hits}
    assert "Numérique\nresponsable" in texts  # across the OCR's hard line break
    dsi = ocr.document("01-dsi-ville-15000").id
    texts = {ocr.text(dsi)[h.start:h.end] for h in search(ocr, "numérique responsable",
                                                          document_ids=[dsi])}
    assert texts == {"numérique responsabile", "numérique responsable"}


def test_search_an_expression_across_the_real_annexe2_ocr(annexe2: Project) -> None:
    annexe = [d.id for d in annexe2.documents() if d.name.startswith("04-elue-commune")]
    hits = search(annexe2, "numérique responsable", document_ids=annexe)
    assert hits
    texts = {annexe2.text(h.document_id)[h.start:h.end] for h in hits}
    assert "Numérique responsable" in texts


def test_a_typo_in_the_query_still_finds_every_passage(parsed: Project) -> None:
    """Issue 16's tour: "numerik responsable" (typed wrong) found 1 passage of 28, the
    one misspelt in the text; the words spelt right are found too now, ranked lower."""
    from verbatims.search import respelt
    from verbatims.search import search as workbench_search

    right = {(h.document_id, h.start, h.end) for h in workbench_search(
        parsed, "numérique responsable")}
    typed = workbench_search(parsed, "numerik responsable")
    assert len(right) > 10 and right <= {(h.document_id, h.start, h.end) for h in typed}
    assert all(h.score < 100 for h in typed)  # a guess, below an exact match
    assert ("numérique responsable", 75.0) in respelt(parsed, "numerik responsable")
    assert respelt(parsed, "mutualisation") == []  # spelt right: searched as typed only
    assert respelt(parsed, "mutualisaton")[0][0] == "mutualisation"
