"""Speaker turns from the markers researchers actually type."""

from __future__ import annotations

import pytest

from tests.conftest import OCR_CORPUS, shared
from verbatims.ingest import read_file
from verbatims.ingest.turns import compile_pattern, detect


@pytest.mark.parametrize(
    ("line", "speaker", "role"),
    [
        ("Interlocuteur 1 : Non, non.", "Interlocuteur 1", "respondent"),
        ("Interlocutrice 2: Oui.", "Interlocutrice 2", "respondent"),
        ("Enquêtrice : Et alors ?", "Enquêtrice", "interviewer"),
        ("Enquétrice : Ety a des réponses ?", "Enquétrice", "interviewer"),  # OCR
        ("Enquêteur : Et alors ?", "Enquêteur", "interviewer"),
        ("Q : Vos outils ?", "Q", "interviewer"),
        ("R : Des PC.", "R", "respondent"),
        ("E : Bonjour.", "E", "interviewer"),
        ("E1 : Bonjour.", "E1", "respondent"),
        ("Maire : Bonjour.", "Maire", "respondent"),
        ("DSI : Le parc.", "DSI", "respondent"),
        ("[00:12:05] Nolwenn : On commence.", "Nolwenn", "respondent"),
        ("[00:12:05] Enquêtrice : On commence.", "Enquêtrice", "interviewer"),
        ("00:12:05 Maire : On commence.", "Maire", "respondent"),
    ],
)
def test_markers(line: str, speaker: str, role: str) -> None:
    turns = detect(line + "\n")
    assert [(t.speaker, t.role) for t in turns] == [(speaker, role)]


@pytest.mark.parametrize(
    "line",
    ["Coté Web obésité : limiter la taille des fichiers", "Total: ils sont tous",
     "Quand on dit : voilà", "Remarque : rien"],
)
def test_sentences_with_a_colon_are_not_speakers(line: str) -> None:
    assert detect(line + "\n") == ()


def test_timestamps_give_times() -> None:
    turns = detect("[00:03:12] Enquêtrice : Bonjour.\n[00:03:40] Adjoint : Bonjour.\n")
    assert turns[0].time_start_ms == 192_000 and turns[0].time_end_ms == 220_000


def test_continuation_paragraphs_stay_in_the_turn() -> None:
    text = "Préambule.\n\nMaire : Premier.\n\nSuite du même tour.\n\nEnquêtrice : Ah.\n"
    turns = detect(text)
    assert [t.role for t in turns] == ["preamble", "respondent", "interviewer"]
    assert text[turns[1].start:turns[1].end] == "Maire : Premier.\n\nSuite du même tour."


def test_custom_pattern_and_interviewer() -> None:
    pattern = compile_pattern(r"^(?P<label>[A-Z]{2,3})> ")
    turns = detect("NK> Bonjour\nYL> Salut\n", pattern, interviewers=["NK"])
    assert [(t.speaker, t.role) for t in turns] == [("NK", "interviewer"), ("YL", "respondent")]


def test_ocr_dsi_interview() -> None:
    """An OCR'd annex: a two-line heading, an OCR'd interviewer label, a page number."""
    doc = read_file(OCR_CORPUS / "01-dsi-ville-15000.txt")
    labels = [t.speaker for t in doc.turns]
    assert labels[0] is None  # "Entretien avec deux agents..." heading, over two lines
    assert doc.text[:doc.turns[0].end].endswith("15 000 habitants")
    assert labels[1:] == ["Interlocuteur 1", "Interlocuteur 2", "Enquétrice",
                          "Interlocuteur 1", "Interlocuteur 2"]
    assert [t.role for t in doc.turns][1:] == ["respondent", "respondent", "interviewer",
                                               "respondent", "respondent"]
    # the interviewer's question has no blank line before the answer: still two turns
    question = doc.turns[3]
    assert doc.text[question.start:question.end] == "Enquétrice : Et vous avez des réponses ?"


def test_annexe2_dsi_interview() -> None:
    doc = read_file(shared("corpus", "annexe2", "01-dsi-commune-20000.txt"))
    labels = [t.speaker for t in doc.turns]
    assert labels[0] is None  # "Entretien avec des agents d'une DSI..." heading
    assert labels[1:] == ["Interlocuteur 1", "Interlocuteur 2", "Interlocuteur 1",
                          "Enquétrice", "Interlocuteur 1", "Interlocuteur 2",
                          "Interlocuteur 1"]
    assert doc.turns[4].role == "interviewer"


def test_assign_makes_a_lost_answer_its_own_turn() -> None:
    from verbatims.ingest.turns import assign

    text = ("Entretien avec un élu.\n\nEnquêtrice : Vous avez dû voir une utilité au "
            "numérique. Bien sûr ! Mais on est trop excessif dans l'usage.\n\n"
            "Élu : Et la 5G ?\n")
    turns = detect(text)
    assert [(t.speaker, t.role) for t in turns] == [
        (None, "preamble"), ("Enquêtrice", "interviewer"), ("Élu", "respondent")]
    at = text.index(" Bien sûr")
    fixed = assign(text, turns, at, None, "Élu", "respondent")
    said = [(t.speaker, t.role, text[t.speech_start:t.end]) for t in fixed]
    assert said == [
        (None, "preamble", "Entretien avec un élu."),
        ("Enquêtrice", "interviewer", "Vous avez dû voir une utilité au numérique."),
        ("Élu", "respondent", "Bien sûr ! Mais on est trop excessif dans l'usage."),
        ("Élu", "respondent", "Et la 5G ?")]
    assert [t.index for t in fixed] == [0, 1, 2, 3]
    middle = assign(text, turns, 0, text.index("Enquêtrice"), "Élu", "respondent")
    assert [(t.speaker, t.role) for t in middle][:2] == [("Élu", "respondent"),
                                                       ("Enquêtrice", "interviewer")]
    with pytest.raises(ValueError):
        assign(text, turns, len(text) + 5, None, "Élu", "respondent")
