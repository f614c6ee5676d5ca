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


def test_search_an_expression_across_ocr_damage(parsed: Project) -> None:
    annexe = [d.id for d in parsed.documents() if d.name.startswith("04-elue-commune")]
    hits = search(parsed, "numérique responsable", document_ids=annexe)
    assert hits
    texts = {parsed.text(h.document_id)[h.start:h.end] for h in hits}
    assert "Numérique responsable" in texts
