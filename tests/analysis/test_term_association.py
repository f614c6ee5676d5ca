"""Terms associated with a pivot or a code, on the real demo corpus."""

from __future__ import annotations

import pytest

from verbatims.analysis.cooc import CSV_COLUMNS, code_association, pivot_association
from verbatims.analysis.corpus import load_units
from verbatims.analysis.terms import term_frequencies
from verbatims.errors import UserError
from verbatims.store import Project


def test_pivot_terms_ranked_by_score(coded: Project) -> None:
    assoc = pivot_association(coded, "numérique responsable", top=25, all_terms=True)
    table = assoc.table
    assert list(table.columns) == CSV_COLUMNS
    assert len(table) == 25
    assert list(table["score"]) == sorted(table["score"], reverse=True)
    assert (table["cooccurrences"] <= table["frequency"]).all()
    assert "numérique" not in set(table["term"])  # the pivot's own words are left out
    assert "réemploi" in set(table["term"])
    # Significant terms come first; by default only they are kept.
    flags = list(table["significant"])
    assert flags == sorted(flags, reverse=True) and assoc.passed == sum(flags)
    assert len(pivot_association(coded, "numérique responsable", top=25).table) == min(
        25, assoc.passed)
    # what the demo's interviewees say around it; "durée de vie" counted as one term
    assert {"réemploi", "matériel", "durée de vie"} <= set(table["term"])
    assert assoc.part_units > 0 and assoc.documents == len(coded.documents())


def test_pivot_tolerates_ocr_noise(ocr: Project) -> None:
    dsi = ocr.document("01-dsi-ville-15000").id
    clean = pivot_association(ocr, "numérique responsable", top=None, min_freq=1,
                              document_ids=[dsi], all_terms=True)
    noisy = pivot_association(ocr, "numeérique responsabile", top=None, min_freq=1,
                              document_ids=[dsi], all_terms=True)
    # The extract's OCR wrote "numérique responsabile" once, "numérique responsable" once:
    # both sentences are the pivot's, whichever way the pivot is typed.
    assert clean.part_label.startswith("2 phrases") and noisy.part_label == (
        clean.part_label.replace("numérique responsable", "numeérique responsabile"))
    assert noisy.part_units == clean.part_units
    assert list(noisy.table["term"]) == list(clean.table["term"])
    assert "ADEME" in set(clean.table["term"])  # found only near the OCR-damaged occurrence


def test_pivot_across_a_hard_line_break(ocr: Project) -> None:
    """A line break inside the pivot no longer cuts its sentence (model.units)."""
    elue = ocr.document("02-elue-bourg-1500").id
    assert "Numérique\nresponsable" in ocr.text(elue)
    assoc = pivot_association(ocr, "numérique responsable", min_freq=1, document_ids=[elue])
    assert assoc.part_label.startswith("1 phrases")


def test_pivot_tolerates_the_real_annexe2_ocr(annexe2: Project) -> None:
    clean = pivot_association(annexe2, "numérique responsable", top=None, min_freq=1)
    noisy = pivot_association(annexe2, "numeérique responsabile", top=None, min_freq=1)
    assert noisy.part_units == clean.part_units
    dsi = annexe2.document("01-dsi-commune-20000").id
    assert "responsabile" in annexe2.text(dsi)
    only = pivot_association(annexe2, "numérique responsable", min_freq=1, document_ids=[dsi])
    assert only.part_units > 0


def test_pivot_nowhere_is_a_user_error(coded: Project) -> None:
    with pytest.raises(UserError, match="occurs nowhere"):
        pivot_association(coded, "photosynthèse")


def test_code_specific_terms(coded: Project) -> None:
    code = coded.code("sauvegardes")
    assoc = code_association(coded, coded.descendants(code.id), "sauvegardes", min_freq=2)
    terms = list(assoc.table["term"])
    assert "sauvegarde" not in terms and "sauvegarde" in assoc.excluded  # its own word
    assert "serveur" in terms[:5]
    with_own = code_association(coded, coded.descendants(code.id), "sauvegardes", min_freq=2,
                                all_terms=True)
    assert all(s >= 2 for s in assoc.table["score"]) and len(with_own.table) >= len(terms)


def test_interviewer_turns_left_out_by_default(coded: Project) -> None:
    without = sum(len(u) for u in load_units(coded))
    with_them = sum(len(u) for u in load_units(coded, include_interviewer=True))
    assert with_them > without


def test_frequencies_merge_expressions(coded: Project) -> None:
    freqs = term_frequencies(coded, top=None)
    terms = set(freqs.table["term"])
    assert "pièces jointes" in terms and "impact écologique" in terms
    assert "euh" not in terms and "voilà" not in terms


def test_terms_keep_the_capitals_the_corpus_gives_them(coded: Project) -> None:
    terms = set(term_frequencies(coded, top=None).table["term"])
    # Names and acronyms as written, not as lemmas...
    assert {"RGPD", "CNIL", "Mégalis Bretagne", "Armor Informatique", "Saint-Brieuc"} <= terms
    assert not {"rgpd", "mégalis bretagne", "saint-brieuc"} & terms
    # ...while a word capitalised only at the start of sentences stays in lower case.
    assert {"pièces jointes", "commune", "sauvegarde"} <= terms
    assert not {"Commune", "Sauvegarde", "Pièces jointes"} & terms
