"""The matcher on the damage real transcripts show: OCR, typos, inflections."""

from __future__ import annotations

import pytest

from verbatims.nlp import autocode
from verbatims.nlp import autocode_patterns as rx
from verbatims.nlp import match as m


def _find(keywords: list[str], text: str, stems: bool = False) -> list[str]:
    """The passages of `text` the matcher finds for these keywords."""
    parsed = autocode.parse_phrases([*keywords, text])
    kws = [k for i, word in enumerate(keywords)
           for k in m.compile_keyword(i, word, parsed[i])]
    matcher = m.Matcher(kws, stems=stems, known=autocode.known_word())
    words = m.units_from_tokens(parsed[-1], text)
    return [text[x.start:x.end] for x in matcher.find(words)]


@pytest.mark.parametrize(("keyword", "text", "found"), [
    ("numérique responsable", "sur l'impact du numeérique responsable", "numeérique responsable"),
    ("numérique responsable", "le humérique responsable", "humérique responsable"),
    ("numérique responsable", "le numé rique responsable", "numé rique responsable"),
    ("numérique responsable", "le numé-\nrique responsable", "numé-\nrique responsable"),
    ("cybersécurité", "un volet cybersécurite porté par l'ANSSI", "cybersécurite"),
    ("réemploi", "le re-emploi des postes", "re-emploi"),
    ("l'enquête", "dans I'enquéte régionale", "I'enquéte"),
    ("ça vous parle", "est-ce que ¢a vous parle ?", "¢a vous parle"),
    ("reconditionner", "six ordinateurs reconditionnés", "reconditionnés"),
    ("mutualisation", "la mutualistion des serveurs", "mutualistion"),
    ("éco-responsable", "ils sont tous éco responsables", "éco responsables"),
    ("serveur en France", "on a choisi un SERVEUR EN FRANCE", "SERVEUR EN FRANCE"),
    ("impact écologique", "sur l'impact écologiqueaussi du numérique",
     "impact écologiqueaussi"),
])
def test_ocr_and_inflected_forms_are_found(keyword: str, text: str, found: str) -> None:
    assert _find([keyword], text) == [found]


@pytest.mark.parametrize(("keyword", "text"), [
    ("maintenance", "et maintenant on passe à autre chose"),  # a real word, not a typo
    ("d'occasion", "à l'occasion du conseil municipal"),
    ("sobre", "une salle sombre"),
    ("sécurité informatique", "le service informatique de la ville"),
    ("numérique responsable", "le numérique. Responsable de quoi ?"),  # not across sentences
])
def test_near_misses_that_are_other_words_are_not_found(keyword: str, text: str) -> None:
    assert _find([keyword], text) == []


def test_search_finds_inflections_and_typos() -> None:
    text = "La mutualisée, la mutualistion et la mutualisation, pas la mutuelle."
    assert _find(["mutualisation"], text, stems=True) == [
        "mutualisée", "mutualistion", "mutualisation"]


def test_patterns_run_only_where_their_words_occur_and_find_the_same() -> None:
    text = "Le RSSI.\n\nRien ici.\n\nUne cyber-sécurité et la cybersecurite."
    patterns = rx.compile_patterns([r"\bcyber[\s-]?s[ée]curit\w*", r"\brssi\b", r"\b5\s?g\b"])
    # every match holds one of these (lower case): the regex runs only where they occur
    assert patterns[0].needles == {"sécurit", "securit"}
    assert patterns[1].needles == {"rssi"}
    assert patterns[2].needles == frozenset()  # nothing long enough: it runs everywhere
    found = [text[x.start:x.end] for x in rx.pattern_matches(1, patterns, text)]
    assert sorted(found) == ["RSSI", "cyber-sécurité", "cybersecurite"]
    everywhere = [m.group() for p in patterns for m in p.regex.finditer(text)]
    assert sorted(found) == sorted(everywhere)  # the needles only skip work


def test_folding_undoes_ocr_look_alikes() -> None:
    assert m.fold("¢a") == "ca"
    assert m.fold("Re-Emploi") == "reemploi"
    assert m.collapse(m.fold("numeérique")) == "numerique"
