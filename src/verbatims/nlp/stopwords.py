"""Which words carry no theme: spaCy's French list, spoken fillers, transcription marks.

The built-in list is fixed in code; each project may add or remove words
(`verbatims stopwords add|remove`), stored by `store/nlpcache.py`.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path


def _spacy_french() -> frozenset[str]:
    """spaCy's French stop words, read from its module file.

    Importing `spacy.lang.fr` compiles the French tokenizer exceptions (seconds
    of regular expressions); the list alone is one small module, loaded by path.
    """
    spec = importlib.util.find_spec("spacy")
    assert spec is not None and spec.origin is not None
    path = Path(spec.origin).parent / "lang" / "fr" / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location("_verbatims_spacy_fr_stops", path)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(str(w) for w in module.STOP_WORDS)


SPACY_FR = _spacy_french()

# What people say when they speak, and what a typist writes for it.
FILLERS = frozenset(
    """
    euh euhh euuh heu hum hmm mmh mh bah ben bé beh hein voilà voila quoi bon ouais
    ouai oui non ok okay d'accord accord genre truc machin enfin bref effectivement
    alors donc voilà-voilà ah oh eh bé ça cela chose choses fait faire aller dire
    avoir être pouvoir vouloir falloir savoir mettre voir vraiment peu beaucoup
    petit petite aussi également justement après déjà encore toujours jamais
    rire rires inaudible silence pause
    monsieur madame
    an fois côté part coup gens
    passer venir prendre arriver croire trouver penser rester sembler essayer
    vois voit voi
    """.split()
)

STOPWORDS: frozenset[str] = frozenset(w.lower() for w in SPACY_FR) | FILLERS

# "[Rires]", "[...]", "[inaudible]", "[NOM DE L'ENTREPRISE]": marks, not words.
BRACKETED = re.compile(r"\[[^\]\n]{0,60}\]")


def effective(added: set[str], removed: set[str]) -> frozenset[str]:
    """The built-in list with a project's additions and removals."""
    return frozenset((STOPWORDS | {w.lower() for w in added}) - {w.lower() for w in removed})


# What an OCR or a hurried typist does to an accent: a grave or circumflex accent read
# as an acute one or dropped, a cedilla dropped ("trés", "étre", "déja", "ca" for
# "très", "être", "déjà", "ça"). An acute accent is kept: "côte" is no "côté".
_LOST_ACCENTS = {"è": "ée", "ê": "ée", "ë": "ée", "à": "a", "â": "a", "î": "i", "ï": "i",
                 "ô": "o", "ù": "u", "û": "u", "ç": "c"}
_BARE = str.maketrans({k: v[-1] for k, v in _LOST_ACCENTS.items()} | {"é": "e"})


def ocr_variants(stops: frozenset[str]) -> dict[str, frozenset[str]]:
    """Accent-folded stop word -> every stop word it folds from, for `is_ocr_variant`.

    Several stop words can fold alike ("déjà" and spaCy's own "déja"): all are kept,
    so the answer never depends on the order a set is walked in.
    """
    out: dict[str, set[str]] = {}
    for word in stops:
        if word.translate(_BARE) != word:
            out.setdefault(word.translate(_BARE), set()).add(word)
    return {bare: frozenset(words) for bare, words in out.items()}


def is_ocr_variant(form: str, variants: dict[str, frozenset[str]]) -> bool:
    """Is `form` a stop word with a grave or circumflex accent lost ("trés" for "très")?"""
    return any(
        len(stop) == len(form)
        and all(a == b or b in _LOST_ACCENTS.get(a, "") for a, b in zip(stop, form, strict=True))
        for stop in variants.get(form.translate(_BARE), ())
    )
