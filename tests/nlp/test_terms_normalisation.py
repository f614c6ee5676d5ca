"""The term normalisation decides what a researcher would count: with the model's real
word lists, on forms taken from the Annexe 2 OCR and from hard cases."""

from __future__ import annotations

from collections import Counter

import pytest

from verbatims.nlp.stopwords import STOPWORDS
from verbatims.nlp.terms import (
    LEXICON,
    META_WORDS,
    Normaliser,
    is_code_token,
    names_of,
    repairs,
)
from verbatims.nlp.words import WordLists, string_hash, string_hashes, word_lists


@pytest.fixture(scope="module")
def lists() -> WordLists:
    found = word_lists()
    assert found is not None
    return found


def test_lemmas_the_rules_got_wrong_come_from_the_lookup_table(lists: WordLists) -> None:
    n = Normaliser(STOPWORDS, lists)
    achete = n.decide("achèt", "ADJ", "achète")  # "on achète", tagged ADJ, stem "achèt"
    assert (achete.lemma, achete.why) == ("acheter", "lemma") and achete.tag
    assert n.decide("vraie", "NOUN", "vraie").lemma == "vrai"
    assert n.decide("disai", "ADJ", "disais").lemma == "dire"
    # a lemma the rules got right is kept, even where the lookup table would say otherwise
    assert n.decide("donnée", "NOUN", "données").lemma == "donnée"
    assert n.decide("téléphone", "NOUN", "téléphone").lemma == "téléphone"


def test_content_words_tagged_as_adverbs_are_kept(lists: WordLists) -> None:
    n = Normaliser(STOPWORDS, lists)
    d = n.decide("énergivore", "ADV", "énergivore")
    assert (d.lemma, d.tag, d.why) == ("énergivore", "A", "retag")
    assert not n.decide("vraiment", "ADV", "vraiment").tag  # a real adverb is not a term
    assert not n.decide("rapidement", "ADV", "rapidement").tag


def test_code_tokens_are_terms_but_units_and_ordinals_are_not(lists: WordLists) -> None:
    for word in ("5G", "4G", "RJ45", "A4", "3D", "MP3", "COVID-19"):
        assert is_code_token(word), word
    for word in ("12h", "3e", "1er", "2023", "10km", "5g", "40"):
        assert not is_code_token(word), word
    d = Normaliser(STOPWORDS, lists).decide("5G", "PROPN", "5g", "5G")
    assert (d.tag, d.why) == ("N", "code")


def test_meta_words_are_out_unless_kept(lists: WordLists) -> None:
    assert {"question", "répondre", "entretien", "enquêtrice"} <= META_WORDS
    n = Normaliser(STOPWORDS, lists)
    for lemma, pos, form in (("question", "NOUN", "questions"), ("répondre", "VERB", "répond"),
                             ("poser", "VERB", "posé")):
        assert n.decide(lemma, pos, form).why == "meta", form
    kept = Normaliser(STOPWORDS, lists, keep_meta=True)
    assert kept.decide("question", "NOUN", "questions").tag == "N"
    assert n.decide("serveur", "NOUN", "serveurs").tag == "N"


def test_lexicon_words_keep_their_own_lemma(lists: WordLists) -> None:
    assert {"greenwashing", "datacenter", "écoresponsable"} <= LEXICON
    n = Normaliser(STOPWORDS, lists)
    assert n.decide("écoresponsabl", "ADJ", "écoresponsable").lemma == "écoresponsable"
    assert n.decide("datacenter", "NOUN", "datacenters").lemma == "datacenter"


def test_ocr_damage_is_repaired_into_attested_words(lists: WordLists) -> None:
    damaged = {"numeérique": "numérique", "humérique": "numérique", "piéces": "pièces",
               "intérét": "intérêt", "c6té": "côté", "cbté": "côté", "trés": "très",
               "responsabile": "responsable", "mutualistion": "mutualisation",
               "reconditionés": "reconditionnés", "greenwhasing": "greenwashing",
               "¢a": "ça", "apreés": "après", "régulierement": "régulièrement"}
    counts = Counter({**dict.fromkeys(damaged, 1), "numérique": 40, "mutualisation": 6,
                      "responsable": 12})
    found = repairs(counts, set(), lists, {"greenwashing"}, STOPWORDS)
    assert {f: found[f].clean for f in damaged if f in found} == damaged


def test_glued_words_are_separated(lists: WordLists) -> None:
    counts = Counter({"gensqui": 1, "écologiqueaussi": 1, "quiest": 2, "delogiciel": 1,
                      "gens": 9, "logiciel": 5})
    found = repairs(counts, set(), lists, set(), STOPWORDS)
    assert found["gensqui"].clean == "gens qui" and found["gensqui"].kind == "split"
    assert found["écologiqueaussi"].clean == "écologique aussi"
    assert found["quiest"].clean == "qui est" and found["delogiciel"].clean == "de logiciel"


def test_real_words_and_names_are_never_merged(lists: WordLists) -> None:
    # "côte" is a word, not "côté" damaged; "nombre" (missing from the lists, but written
    # four times) is no "hombre"; a name stays a name; "collect" (click and collect) stays.
    counts = Counter({"côte": 1, "côté": 30, "nombre": 4, "kerhervé": 3, "collect": 1,
                      "and": 1, "posts": 1, "recyclerie": 1})
    found = repairs(counts, {"kerhervé"}, lists, set(), STOPWORDS)
    assert not set(found) & {"côte", "nombre", "kerhervé", "collect", "and", "posts",
                             "recyclerie"}, found


def test_names_are_the_words_written_with_a_capital_inside_sentences() -> None:
    # "Kerlann" twice inside sentences; "Mairie" once inside, "mairie" three times
    assert names_of({"kerlann": 2, "mairie": 1}, {"kerlann": 2, "mairie": 4}) == {"kerlann"}


def test_hashes_in_bulk_are_spacys_hashes(lists: WordLists) -> None:
    words = ["numérique", "a", "abcdefgh", "abcdefghi", "é" * 9, "", "faire", "numeérique"]
    assert [int(h) for h in string_hashes(words)] == [string_hash(w) for w in words]
    assert lists.known_many(words) == [lists.is_word(w) for w in words]
    assert lists.is_word("faire") and lists.is_word("gens")  # irregular forms are words too
