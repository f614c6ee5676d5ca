"""Who asks: labels that name a role, then questions, then the quieter speaker."""

from __future__ import annotations

from verbatims.ingest.roles import Said, infer


def _talk(pairs: list[tuple[str, str]]) -> list[Said]:
    return [Said(who, what) for who, what in pairs]


INTERVIEW = [("Alexis", "Vous habitez où ?"),
             ("Camille", "Dans le centre, depuis vingt ans, près de la gare et du marché."),
             ("Alexis", "Et vous y êtes bien ?"),
             ("Camille", "Oui, très bien, même si les commerces ferment les uns après les "
                         "autres. Est-ce que ça va durer ? Je ne sais pas."),
             ("Alexis", "D'accord."),
             ("Camille", "Voilà.")]


def test_the_speaker_who_asks_in_short_turns() -> None:
    assert infer(_talk(INTERVIEW)) == {"Alexis": "interviewer", "Camille": "respondent"}


def test_a_label_that_names_a_role_wins() -> None:
    talk = [("Maire", "Qui êtes-vous ? Et pourquoi ?"), ("Enquêtrice", "Une étudiante.")] * 3
    assert infer(_talk(talk)) == {"Maire": "respondent", "Enquêtrice": "interviewer"}


def test_the_user_names_the_interviewer() -> None:
    roles = infer(_talk(INTERVIEW), interviewers=["camille"])
    assert roles == {"Alexis": "respondent", "Camille": "interviewer"}


def test_a_format_hint_names_the_interviewer() -> None:
    roles = infer(_talk(INTERVIEW), hints={"Camille": "interviewer"})
    assert roles["Camille"] == "interviewer"


def test_without_question_marks_the_quiet_speaker_asks() -> None:
    """ESLO and CFPP transcripts carry no punctuation."""
    talk = [("LD386", "alors moi je suis arrivé en soixante-dix euh " * 6),
            ("PB", "et avant"), ("LD386", "avant j'étais à Tours dans la famille " * 5),
            ("PB", "d'accord et le travail"), ("LD386", "le travail c'était l'usine " * 8),
            ("PB", "hm hm")]
    assert infer(_talk(talk)) == {"LD386": "respondent", "PB": "interviewer"}


def test_a_respondent_who_opens_the_recording_is_not_taken_for_the_asker() -> None:
    talk = [("Anita", "bon je reviens sur ce problème qui est un vrai problème " * 4),
            ("Sonia", "mais c'est une question"), ("Anita", "oui mais le temps passe " * 5),
            ("Sonia", "et pourtant")]
    assert infer(_talk(talk)) == {"Anita": "respondent", "Sonia": "respondent"}


def test_a_conversation_has_no_interviewer() -> None:
    talk = [("Mélanie", "moi j'ai choisi ce film parce que les amis en parlaient"),
            ("Eloise", "ah oui moi aussi je l'ai vu avec ma sœur la semaine dernière")] * 4
    assert set(infer(_talk(talk)).values()) == {"respondent"}
