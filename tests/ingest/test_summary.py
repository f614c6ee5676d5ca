"""The import summary's warnings: each when it should come, and only then."""

from __future__ import annotations

from verbatims.i18n import set_language
from verbatims.ingest.summary import examine
from verbatims.ingest.turns import detect


def _warnings(text: str) -> list[str]:
    set_language("en")
    return examine(text, detect(text), name="e.txt").warnings


def test_a_clean_interview_has_nothing_to_check() -> None:
    text = ("Q : Vos outils ?\n\nR : Des portables, surtout, et des fixes.\n\n"
            "Q : Et ?\n\nR : Rien.\n")
    assert _warnings(text) == []


def test_a_role_label_seen_once_is_no_warning_but_a_name_is() -> None:
    text = ("Enquêtrice : Vos outils ?\n\nMarie DUPONT : Des portables, et des fixes pour la "
            "comptabilité.\n")
    found = _warnings(text)
    assert len(found) == 1 and "«Marie DUPONT» marks one turn only" in found[0]


def test_an_answer_folded_into_a_question_is_flagged() -> None:
    answer = "Bien sûr ! Mais moi j'envoie des mails, je vais pas me cacher. " * 8
    text = (f"Entretien avec un élu.\n\nQ : Vos outils ?\n\nR : Des portables.\n\n"
            f"Q : C'est intéressant, vous avez dû voir une utilité au numérique.\n {answer}\n")
    found = _warnings(text)
    assert any("an interviewer turn of" in w and "verbatims show e.txt" in w for w in found)


def test_the_interviewer_holding_most_words_is_flagged() -> None:
    text = ("Q : " + "Je vous explique longuement le projet et ses enjeux. " * 6 + "\n\n"
            "R : Oui.\n\nQ : " + "Et je reprends encore une fois tout le contexte. " * 6 +
            "\n\nR : D'accord.\n")
    assert any("holds" in w for w in _warnings(text))


def test_unmarked_speech_before_a_lone_question_counts_as_the_respondents() -> None:
    """An OCR'd extract: the answer unmarked, then one marked question."""
    text = ("Entretien avec un élu.\n\n" + "On a tout changé dans la commune. " * 20 + "\n\n"
            "Enquétrice : Et ensuite ?\n")
    assert not any("holds" in w for w in _warnings(text))


def test_a_long_text_without_turns_is_flagged() -> None:
    assert any("no speaker turn found in 210 words" in w
               for w in _warnings("Le numérique avance vite ici. " * 42))


def test_an_interviewee_named_once_then_r_gets_the_rename_to_make_them_one() -> None:
    text = ("A partir de son commentaire, nous avons interrogé Virginie Steiner.\n\n"
            "Selon vous, numérique et proximité sont antinomiques ?\n\n"
            "Virginie Steiner : Selon moi, non, bien au contraire : tout dépend de la politique "
            "publique et des moyens mis en œuvre par les collectivités.\n\n"
            "Q : Le numérique n'est donc pas synonyme de lien social ?\n\n"
            "R : En effet, de même que l'on apprend à conduire, nous devons apprendre à "
            "maîtriser ces nouveaux outils, tellement complexes.\n")
    found = _warnings(text)
    assert found == ["the label «Virginie Steiner» marks one turn only, R the other answers: "
                     "if they are one person, `verbatims speakers set R --rename \"Virginie "
                     "Steiner\" --doc e.txt`"]


def test_only_the_questions_marked_the_answers_are_the_respondents() -> None:
    answer = "Bien sûr ! Mais moi j'envoie des mails, je vais pas me cacher. " * 8
    text = (f"Entretien avec un élu.\n\nEnquêtrice : C'est intéressant, vous avez dû voir une "
            f"utilité au numérique.\n {answer}\n\nEnquêtrice : Et la 5G ?\nTrès énergivore.\n")
    turns = detect(text)
    assert [(t.speaker, t.role) for t in turns] == [
        (None, "preamble"), ("Enquêtrice", "interviewer"), (None, "respondent"),
        ("Enquêtrice", "interviewer"), (None, "respondent")]
    assert text[turns[2].speech_start:turns[2].end].startswith("Bien sûr !")
    assert text[turns[4].speech_start:turns[4].end] == "Très énergivore."
    assert _warnings(text) == ["2 answers have no marker, only the questions before them: they "
                               "are the respondent's from where `verbatims turns e.txt` shows "
                               "each starts"]
