"""The one definition of words, sentences, turns and paragraphs, on hard French text."""

from __future__ import annotations

import pytest

from verbatims.model import units as u
from verbatims.model.entities import Turn


def shown(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


# -- words -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("l'impact", ["l'", "impact"]),
    ("l’impact", ["l’", "impact"]),
    ("aujourd'hui", ["aujourd'hui"]),
    ("aujourd’hui", ["aujourd’hui"]),
    ("c'est-à-dire", ["c'est-à-dire"]),
    ("C’est-à-dire", ["C’est-à-dire"]),
    ("c'est", ["c'", "est"]),
    ("qu'il jusqu'à lorsqu'on", ["qu'", "il", "jusqu'", "à", "lorsqu'", "on"]),
    ("jusqu'aujourd'hui", ["jusqu'", "aujourd'hui"]),
    ("quelqu'un presqu'île prud'homme", ["quelqu'un", "presqu'île", "prud'homme"]),
    ("le Wi-Fi et la 5G", ["le", "Wi-Fi", "et", "la", "5G"]),
    ("peut-être a-t-il", ["peut-être", "a-t-il"]),
    ("2,5 % et 1.000 postes", ["2,5", "et", "1.000", "postes"]),
    ("en 2023, 5 postes", ["en", "2023", "5", "postes"]),
    ("[00:12:05] Nolwenn : à 12:30", ["00:12:05", "Nolwenn", "à", "12:30"]),
    ("élu·e·s", ["élu·e·s"]),
    ("« Non ! » : d'accord…", ["Non", "d'", "accord"]),
    ("M. le maire", ["M", "le", "maire"]),
    ("l' impact", ["l", "impact"]),  # OCR: the space cut the elision
])
def test_words(text: str, expected: list[str]) -> None:
    assert shown(text, u.words(text)) == expected
    assert u.word_count(text) == len(expected)


def test_punctuation_standing_alone_is_no_word() -> None:
    text = "Vraiment ? Oui : on en parle ; « souvent » – enfin… !"
    assert u.word_count(text) == 7  # wc -w says 14
    assert len(text.split()) == 14


def test_word_at_and_moving_by_words() -> None:
    text = "Aujourd'hui, l'impact du Wi-Fi."
    assert shown(text, [u.word_at(text, 3) or (0, 0)]) == ["Aujourd'hui"]
    assert u.word_at(text, 11) == (0, 11)  # just after a word: that word
    assert shown(text, [u.word_at(text, text.index("mpact")) or (0, 0)]) == ["impact"]
    assert u.word_at(text, 12) is None  # on the blank
    assert u.next_word_start(text, 0) == text.index("l'")  # from a word's start: the next
    assert u.next_word_start(text, 4) == text.index("l'")  # from inside a word too
    assert u.next_word_start(text, text.index("l'")) == text.index("impact")
    assert u.next_word_start(text, len(text) - 2) == len(text)
    assert u.previous_word_start(text, text.index("impact")) == text.index("l'")
    assert u.previous_word_start(text, text.index("impact") + 3) == text.index("impact")
    assert u.previous_word_start(text, 0) == 0
    assert u.words_between(text, 11, text.index("Wi")) == 3  # l', impact, du


# -- sentences ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("M. le maire est venu. Il a parlé.", ["M. le maire est venu.", "Il a parlé."]),
    ("J'ai vu M. Dupont hier. Mme. Le Gall aussi.",
     ["J'ai vu M. Dupont hier.", "Mme. Le Gall aussi."]),
    ("Les écrans, les postes, etc. Puis les serveurs.",
     ["Les écrans, les postes, etc.", "Puis les serveurs."]),
    ("Les écrans, etc. et puis les serveurs.", ["Les écrans, etc. et puis les serveurs."]),
    ("Voir cf. Annexe 2 et p. 12 du rapport.", ["Voir cf. Annexe 2 et p. 12 du rapport."]),
    ("Le rapport de J. Martin est clair.", ["Le rapport de J. Martin est clair."]),
    ("Alors… Je ne sais pas. Et puis… on verra.",
     ["Alors…", "Je ne sais pas.", "Et puis… on verra."]),
    ("Vous êtes sûr ?! Oui. Vraiment ? non, pas vraiment.",
     ["Vous êtes sûr ?!", "Oui.", "Vraiment ? non, pas vraiment."]),
    ("Il a dit : « Non. » Puis il est parti.", ["Il a dit : « Non. »", "Puis il est parti."]),
    ("« Jamais ! » a-t-il répondu.", ["« Jamais ! » a-t-il répondu."]),
    ("Il a dit « Oui. » Et après ?", ["Il a dit « Oui. »", "Et après ?"]),
    ("On passe de 2,5 à 3.5 postes. 2024 sera pire.",
     ["On passe de 2,5 à 3.5 postes.", "2024 sera pire."]),
    ("le numérique\nresponsable est un sujet. Oui.",
     ["le numérique\nresponsable est un sujet.", "Oui."]),
    ("[…] Nous avons mutualisé. […] et les écoles aussi.",
     ["[…] Nous avons mutualisé.", "[…] et les écoles aussi."]),
    ("Fin du texte sans point", ["Fin du texte sans point"]),
    ("Elle a dit... Bon. D'accord.", ["Elle a dit...", "Bon.", "D'accord."]),
])
def test_sentences(text: str, expected: list[str]) -> None:
    assert shown(text, u.sentences(text)) == expected


def test_a_blank_line_and_a_turn_end_a_sentence() -> None:
    text = ("Enquêtrice : Et le budget\n\nil augmente ?\n"
            "Maire : Oui, beaucoup. Trop\n"
            "Enquêtrice : Merci.")
    maire, merci = text.index("Maire"), text.rindex("Enquêtrice")
    turns = (Turn(0, maire - 1, "Enquêtrice", "interviewer"),
             Turn(maire, merci - 1, "Maire", "respondent"),
             Turn(merci, len(text), "Enquêtrice", "interviewer"))
    units = u.TextUnits(text, turns)
    assert shown(text, units.sentences()) == [
        "Et le budget", "il augmente ?", "Oui, beaucoup.", "Trop", "Merci."]
    assert shown(text, units.paragraphs()) == [
        "Et le budget", "il augmente ?", "Oui, beaucoup. Trop", "Merci."]
    assert shown(text, [units.sentence(text.index("beaucoup"))]) == ["Oui, beaucoup."]
    # On the speaker's label: its turn's first sentence.
    assert shown(text, [units.sentence(text.index("Maire"))]) == ["Oui, beaucoup."]


# -- turns ---------------------------------------------------------------------------------

TRANSCRIPT = ("Entretien du 12 mars.\n\n"
              "[00:12:05] Nolwenn : Bonjour. Vous êtes élue depuis quand ?\n"
              "Interlocuteur 1 : Depuis 2020. M. le maire m'a demandé\n"
              "de suivre le numérique.\n\n"
              "C'est un sujet.")


def _turns() -> tuple[Turn, ...]:
    t = TRANSCRIPT
    a, b = t.index("[00"), t.index("Interlocuteur")
    return (Turn(0, a - 2, None, "preamble"),
            Turn(a, b - 1, "Nolwenn", "interviewer", 725000),
            Turn(b, len(t), "Interlocuteur 1", "respondent"))


def test_turn_lookup_and_markers() -> None:
    t, turns = TRANSCRIPT, _turns()
    assert u.turn_index(turns, 0) == 0
    assert u.turn_index(turns, t.index("Bonjour")) == 1
    assert u.turn_index(turns, len(t) - 1) == 2
    assert u.turn_at(turns, turns[0].end) is None  # the blank between two turns
    assert u.turn_index(turns, turns[0].end) == 0
    assert u.turn_index((), 5) == -1
    assert t[u.marker_end(t, turns[1]):].startswith("Bonjour")  # not the timestamp's colon
    assert t[u.marker_end(t, turns[2]):].startswith("Depuis")
    assert u.marker_end(t, turns[0]) == 0


def test_turns_paragraphs_and_sentences_of_a_transcript() -> None:
    t = TRANSCRIPT
    units = u.TextUnits(t, _turns())
    assert shown(t, [units.utterance(t.index("2020"))]) == [
        "Depuis 2020. M. le maire m'a demandé\nde suivre le numérique.\n\nC'est un sujet."]
    assert shown(t, [units.utterance(3)]) == ["Entretien du 12 mars."]  # the preamble
    assert shown(t, units.paragraphs()) == [
        "Entretien du 12 mars.", "Bonjour. Vous êtes élue depuis quand ?",
        "Depuis 2020. M. le maire m'a demandé\nde suivre le numérique.", "C'est un sujet."]
    assert shown(t, [units.sentence(t.index("maire"))]) == [
        "M. le maire m'a demandé\nde suivre le numérique."]
    assert units.speaker(t.index("maire")) == "Interlocuteur 1"
    assert units.role(t.index("Bonjour")) == "interviewer"
    for unit, word, expected in [("word", "numérique", "numérique"),
                                 ("sentence", "Vous", "Vous êtes élue depuis quand ?"),
                                 ("paragraph", "sujet", "C'est un sujet.")]:
        assert shown(t, [units.around(t.index(word), unit)]) == [expected]
    with pytest.raises(ValueError):
        units.around(0, "page")


def test_a_text_with_no_turns() -> None:
    text = "Premier paragraphe. Deux phrases.\n\n\nSecond paragraphe."
    units = u.TextUnits(text)
    assert shown(text, units.paragraphs()) == ["Premier paragraphe. Deux phrases.",
                                              "Second paragraphe."]
    assert shown(text, [units.utterance(2)]) == ["Premier paragraphe. Deux phrases."]
    assert shown(text, [units.paragraph(text.index("\n\n") + 1)]) == ["Second paragraphe."]
    assert u.TextUnits("").paragraphs() == []
    assert u.TextUnits("").sentence(0) == (0, 0)
