"""Speaker markers in the conventions real transcripts use, and prose that is not one."""

from __future__ import annotations

import pytest

from verbatims.ingest.turns import detect

DIALOGUE = "\n\n{a} Vous êtes équipés comment ?\n\n{b} Des portables, surtout.\n\n" \
           "{a} Et les écoles ?\n\n{b} Des tablettes, depuis deux ans.\n"


@pytest.mark.parametrize(
    ("asks", "answers", "asker", "answerer"),
    [
        ("Q :", "R :", "Q", "R"),
        ("Q.", "R.", "Q", "R"),
        ("Q -", "R -", "Q", "R"),
        ("Question -", "Réponse -", "Question", "Réponse"),
        ("— Q :", "— R :", "Q", "R"),
        ("**Q :**", "**R :**", "Q", "R"),
        ("**Enquêtrice** :", "**Maire** :", "Enquêtrice", "Maire"),
        ("ENQ :", "JR :", "ENQ", "JR"),
        ("INT :", "L1 :", "INT", "L1"),
        ("*ENQ:\t", "*LOC:\t", "ENQ", "LOC"),
        ("SPEAKER_00:", "SPEAKER_01:", "SPEAKER_00", "SPEAKER_01"),
        ("[SPEAKER_01]:", "[SPEAKER_00]:", "SPEAKER_01", "SPEAKER_00"),
        ("Marie DUPONT :", "François ELIE :", "Marie DUPONT", "François ELIE"),
        ("Nolwenn :", "Yann :", "Nolwenn", "Yann"),
        ("[00:01:02] Enquêteur :", "[00:01:09] DGS :", "Enquêteur", "DGS"),
        ("Interviewer:", "Interviewee:", "Interviewer", "Interviewee"),
    ],
)
def test_conventions(asks: str, answers: str, asker: str, answerer: str) -> None:
    text = "Entretien du 3 mars." + DIALOGUE.format(a=asks, b=answers)
    turns = detect(text)
    assert [(t.speaker, t.role) for t in turns] == [(None, "preamble")] + [
        (asker, "interviewer"), (answerer, "respondent")] * 2
    assert text[turns[2].speech_start:turns[2].end] == "Des portables, surtout."


def test_otter_teams_name_and_time_on_their_own_line() -> None:
    text = ("Nolwenn Le Goff  0:01\nVous êtes équipés comment ?\n\n"
            "Yann Morvan  0:09\nDes portables.\nEt des fixes pour la compta.\n\n"
            "Nolwenn Le Goff  0:21\nEt les écoles ?\n")
    turns = detect(text)
    assert [(t.speaker, t.role, t.time_start_ms) for t in turns] == [
        ("Nolwenn Le Goff", "interviewer", 1000), ("Yann Morvan", "respondent", 9000),
        ("Nolwenn Le Goff", "interviewer", 21000)]
    assert text[turns[1].speech_start:turns[1].end] == (
        "Des portables.\nEt des fixes pour la compta.")


@pytest.mark.parametrize("line", [
    "Ou mieux : si nous faisons produire ensemble les solutions.",
    "Deux idées fortes : 1) simplifier, 2) mesurer.",
    "Mégalis Bretagne : c'est le syndicat qui nous aide.",
    "Côté Web : on limite les pièces jointes.",
    "Pour conclure : tout est question de volonté.",
    "« En tant que militant du libre » : voilà ce qu'il disait.",
    "Il y a deux façons de produire des objets numériques :",
    "A noter : la forge est là : <http://adullact.net>.",
    "J. Dupont a dit que non.",
    "NB : chiffres de 2022.",
    "Valérie GUERIN - 01.69.12.50.57 - vguerin@mairie-juvisy.fr",
])
def test_prose_inside_an_answer_is_not_a_speaker(line: str) -> None:
    text = f"Q : Et alors ?\n\nR : Alors voilà.\n\n{line}\n\nQ : Et ensuite ?\n\nR : Rien.\n"
    turns = detect(text)
    assert [t.speaker for t in turns] == ["Q", "R", "Q", "R"]
    answer = turns[1]
    assert line in text[answer.speech_start:answer.end]


def test_a_dotted_marker_before_a_colon_in_the_answer() -> None:
    turns = detect("Q. Et les élus ?\n\nR. Remarque : ce n'est pas simple.\n")
    assert [t.speaker for t in turns] == ["Q", "R"]


def test_spellings_of_one_label_are_one_speaker() -> None:
    turns = detect("Enquêtrice : Bonjour ?\n\nMaire : Bonjour.\n\nenquêtrice : Et ?\n")
    assert {t.speaker for t in turns} == {"Enquêtrice", "Maire"}


def test_unmarked_first_question_is_the_interviewers() -> None:
    text = ("A partir de son commentaire, nous avons interrogé **Virginie Steiner**.\n\n"
            "Selon vous, numérique et proximité sont antinomiques ?\n\n"
            "Virginie Steiner : Selon moi, non.\n\nQ : Pourquoi ?\n\nR : Parce que.\n")
    turns = detect(text)
    assert [(t.speaker, t.role) for t in turns] == [
        (None, "preamble"), ("Q", "interviewer"), ("Virginie Steiner", "respondent"),
        ("Q", "interviewer"), ("R", "respondent")]
    assert text[turns[1].start:turns[1].end] == (
        "Selon vous, numérique et proximité sont antinomiques ?")


def test_page_continuation_lines_are_set_apart() -> None:
    text = ("Q : Et la mutualisation ?\n\nR : Il y a deux façons de faire.\n\n.../...\n\n"
            "(suite de l'interview de **François ELIE**)\n\nDans le domaine des réseaux, "
            "tout est ouvert.\n\nQ : Et ensuite ?\n")
    turns = detect(text)
    assert [(t.speaker, t.role) for t in turns] == [
        ("Q", "interviewer"), ("R", "respondent"), (None, "preamble"), (None, "preamble"),
        ("R", "respondent"), ("Q", "interviewer")]
    assert text[turns[4].start:turns[4].end] == "Dans le domaine des réseaux, tout est ouvert."


def test_a_label_alone_on_its_line() -> None:
    turns = detect("MAIRE :\nOn a tout changé.\n\nENQUÊTRICE :\nQuand ?\n")
    assert [(t.speaker, t.role) for t in turns] == [("MAIRE", "respondent"),
                                                  ("ENQUÊTRICE", "interviewer")]


@pytest.mark.parametrize("ornament", ["§", "°°°S°°°", "* * *", "g", "---"])
def test_an_ornament_alone_on_its_line_is_nobodys_speech(ornament: str) -> None:
    text = (f"Q : Et la mutualisation ?\n\nR : Il y a deux façons de faire.\n\n"
            f"- la première, ensemble\n\nA\n\n{ornament}\n")
    turns = detect(text)
    assert [(t.speaker, t.role) for t in turns] == [
        ("Q", "interviewer"), ("R", "respondent"), (None, "preamble")]
    answer = text[turns[1].speech_start:turns[1].end]
    assert answer.endswith("- la première, ensemble\n\nA")  # a list dash, a lone capital
    assert text[turns[2].start:turns[2].end] == ornament


def test_moi_and_function_labels() -> None:
    text = ("Moi : Vous êtes en poste depuis quand ?\n\n"
            "Responsable du numérique : Depuis 2019, après un poste à la région.\n\n"
            "Moi : Et avant ?\n\n"
            "Responsable du numérique : J'étais informaticienne : Moi : je codais.\n")
    turns = detect(text)
    assert [(t.speaker, t.role) for t in turns] == [
        ("Moi", "interviewer"), ("Responsable du numérique", "respondent")] * 2
    # "Moi :" once inside an answer: whatever it is taken for, the words stay the
    # respondent's (it names no role, and asks nothing)
    text = ("Q : Et alors ?\n\nR : Je vais vous dire.\n\nMoi : ce que je retiens, c'est le "
            "travail en commun.\n\nQ : Et ensuite ?\n\nR : On a continué.\n")
    assert [t.role for t in detect(text)] == [
        "interviewer", "respondent", "respondent", "interviewer", "respondent"]


@pytest.mark.parametrize("text", [
    "Speaker 1 [00:00:00] Vous êtes équipés comment ?\n\nSpeaker 2 [00:00:04] Des portables.\n",
    "[00:00:00] Speaker 1\nVous êtes équipés comment ?\n\n[00:00:04] Speaker 2\nDes portables.\n",
    "Speaker 1: [00:00:00] Vous êtes équipés comment ?\n\nSpeaker 2: [00:00:04] Des portables.\n",
])
def test_a_time_after_the_label_or_before_it_alone_on_its_line(text: str) -> None:
    turns = detect(text)
    assert [(t.speaker, t.time_start_ms) for t in turns] == [("Speaker 1", 0),
                                                           ("Speaker 2", 4000)]
    assert [text[t.speech_start:t.end] for t in turns] == [
        "Vous êtes équipés comment ?", "Des portables."]


def test_an_agenda_line_with_a_time_is_no_speaker() -> None:
    text = ("Programme de la journée.\n\n12:30 Déjeuner avec les élus\nPuis visite.\n\n"
            "Q : Et ensuite ?\n\nR : Rien.\n")
    assert [t.speaker for t in detect(text)] == [None, "Q", "R"]
