"""The model's word lists (read from its lookups file) agree with the loaded pipeline's;
stop words damaged by the OCR are still stop words."""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Lemmatizer

from verbatims.nlp.stopwords import STOPWORDS, is_ocr_variant, ocr_variants
from verbatims.nlp.words import string_hash, word_lists

WORDS = ("numérique", "numériques", "maintenant", "maintenance", "revient", "vice-président",
         "quelques-uns", "peut-être", "numeérique", "rique", "numé", "écologiqueaussi")


def test_word_lists_match_the_pipeline(nlp: Language) -> None:
    lists = word_lists()
    assert lists is not None
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    table = lemmatizer.lookups.get_table("lemma_lookup")
    for word in WORDS:
        assert string_hash(word) == nlp.vocab.strings.add(word)
        assert (string_hash(word) in lists.forms) == (word in table), word
    assert lists.known("numériques") and lists.lemma("numériques") == "numérique"
    assert lists.known("maintenant") and lists.known("vice-président")
    assert not lists.known("numeérique") and not lists.known("rique")
    assert lists.pos("vice-président") == "NOUN" and lists.pos("peut-être") == ""


def test_ocr_damaged_stop_words_are_stop_words() -> None:
    variants = ocr_variants(STOPWORDS)
    for damaged in ("trés", "tres", "étre", "méme", "déja", "aprés", "derriére", "ca"):
        assert is_ocr_variant(damaged, variants), damaged
    for word in ("côte", "sûr", "dû", "numérique", "tréz"):  # words of their own
        assert not is_ocr_variant(word, variants), word
