"""What a speaker label looks like: known roles, codes, people's names, and prose.

A label is the text before the delimiter of a line-start marker ("Enquêtrice",
"Q", "SPEAKER_00", "Marie DUPONT"). `classify` says which kind of label it is,
or None when it reads as prose ("Ou mieux", "Deux idées fortes"); `known_role`
gives the role that the label itself names, when it names one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from verbatims.ingest.firstnames import is_first_name
from verbatims.model.entities import Role

Kind = Literal["known", "code", "name", "neutral"]

_E = "[eéèêë]"
_NUM = r"(?:[ \t]*(?:n°[ \t]*)?\d{1,3}|[ \t]+[A-Z](?![\w'’]))?"  # "Enquêtrice 2", "Élu A"
_ART = r"(?:(?:l[ae]|les)[ \t]+|l['’][ \t]?)?"  # "Le maire", "L'enquêtrice"

INTERVIEWER_LABELS = (
    rf"enqu{_E}t(?:eur|rice|euse)s?",
    r"enq",
    r"intervie?w(?:eu?r|euse|er)s?",
    r"int",
    r"intv",
    r"itw",
    r"inv",  # CHAT: investigator
    r"exp",  # CHAT: experimenter
    r"chercheu(?:r|se)s?",
    r"animat(?:eur|rice)s?",
    rf"mod{_E}rat(?:eur|rice)s?",
    r"facilitat(?:eur|rice)s?",
    r"journaliste",
    r"questions?",
    r"q",
    r"e",
    r"i",
)
RESPONDENT_LABELS = (
    r"interlocut(?:eur|rice)s?",
    rf"interview{_E}e?s?",
    rf"enqu{_E}t{_E}e?s?",
    r"r[ée]pondant(?:e)?s?",
    r"r[ée]ponses?",
    r"r",
    r"rep",
    r"p",
    r"e(?=[ \t]*\d)",
    r"t[ée]moin",
    r"usag[eè]re?",
    r"habitante?",
    r"maire(?:[ \t]+adjointe?)?",
    r"adjoint(?:e)?(?:[ \t]+au[ \t]+[\w'’-]+)?",
    r"premi(?:er|[eè]re)[ \t]+adjointe?",
    rf"interrog{_E}e?s?",
    r"informaticien(?:ne)?s?",
    r"responsable(?:[ \t]+(?:du|de|des|de[ \t]+la|de[ \t]+l['’]|d['’])?[ \t]*[\w'’-]+){0,2}",
    r"chef(?:fe)?[ \t]+de[ \t]+(?:projets?|service)",
    rf"{_E}lu(?:e|·e|\.e)?",
    r"conseill(?:er|[eè]re)"
    r"(?:[ \t]+(?:municipale?|communautaire|d[ée]partementale?|r[ée]gionale?))?",
    r"dsi",
    r"dpo",
    r"dgs",
    r"dga",
    r"dgst",
    r"dst",
    r"drh",
    r"rssi",
    r"agent(?:e)?",
    r"direct(?:eur|rice)(?:[ \t]+g[ée]n[ée]ral(?:e)?)?",
    rf"vice-pr{_E}sident(?:e)?",
    rf"pr{_E}sident(?:e)?",
    r"technicien(?:ne)?",
    r"charg[ée]e?[ \t]+de[ \t]+mission",
    r"secr[ée]taire(?:[ \t]+de[ \t]+mairie)?",
    r"(?:m\.|mme|mlle|monsieur|madame)[ \t]+[\w'’-]+(?:[ \t]+[\w'’-]+)?",
)
# Labels that are markers but name no role: the role comes from the turns.
NEUTRAL_LABELS = (
    r"speaker[ _]?\d{1,3}",
    r"spk[ _]?\d{1,3}",
    r"locut(?:eur|rice)s?",
    r"loc",
    r"l\d{1,2}",
    r"intervenant(?:e)?s?",
    r"participant(?:e)?s?",
    r"personne",
    r"moi",  # the researcher transcribing their own interview: "Moi : Et ensuite ?"
    r"voix",
    r"inconnu(?:e)?",
    r"unknown",
)
# Labels that may close with a full stop ("Q. Vos outils ?") or a dash ("Question -").
SHORT_LABELS = re.compile(rf"^(?:q|r|e|i|question|r[ée]ponse|enq|int|enqu{_E}t(?:eur|rice))"
                          rf"{_NUM}$", re.IGNORECASE)


def _compile(labels: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"^{_ART}(?:{'|'.join(labels)}){_NUM}$", re.IGNORECASE)


_INTERVIEWER = _compile(INTERVIEWER_LABELS)
_RESPONDENT = _compile(RESPONDENT_LABELS)
_NEUTRAL = _compile(NEUTRAL_LABELS)

# Upper-case codes: "ENQ", "JR", "L1", "SPEAKER_00", "LOC2", "BA725".
_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,9}(?:[_-][A-Z0-9]{1,6}){0,2}$")
_NOT_CODES = frozenset({
    "NB", "PS", "OK", "RQ", "RMQ", "CF", "NOTE", "NOTA", "TODO", "FAQ", "URL", "WEB", "TEL",
    "MAIL", "EMAIL", "SITE", "ATTENTION", "IMPORTANT", "AVERTISSEMENT", "ANNEXE", "OBJET",
    "SUJET", "DATE", "LIEU", "THEME", "THÈME", "TITRE", "RESUME", "RÉSUMÉ", "BILAN", "INFO",
    "INFOS", "ETC", "EX", "CONCLUSION", "INTRODUCTION", "CONTEXTE", "SOURCE", "SOURCES",
    "RGPD", "CNIL", "ANSSI", "EPCI", "TOTAL", "POUR", "CONTRE", "ET", "OU", "MAIS", "DONC",
})
_PARTICLES = frozenset({
    "de", "du", "des", "d'", "d’", "le", "la", "les", "van", "von", "der", "den", "di", "da",
    "dos", "das", "del", "della", "y", "el", "al", "ben", "bin", "ibn", "ter", "zu", "et",
})
_TITLES = frozenset({"m.", "mme", "mme.", "mlle", "mlle.", "dr", "dr.", "pr", "pr.", "me",
                     "me.", "monsieur", "madame", "mademoiselle", "docteur", "professeur",
                     "maître"})
# Words that start prose, headings or notes, never a person's name.
_PROSE_STARTS = frozenset("""
a à au aux avec ainsi alors après aujourd'hui aujourd’hui aussi autant autre autres avant bref
c' c’ ça ca car ce cela celle celui ces cet cette chaque chez ci comme comment concernant
côté coté d' d’ dans de des deux donc dont du elle elles en encore enfin ensuite entre est et
étape exemple ici il ils j' j’ je jusqu la le les leur leurs lui ma mais me même mes moi mon
ne ni non nos notre nous on or ou où par parce pas peut pour pourquoi puis quand que quel quelle
quelles quels qui quoi sa sans se selon ses si sinon soit son sont sous sur ta te tes toi ton
tous tout toute toutes très trois tu un une vers voici voilà vos votre vous y
note notes remarque remarques rappel attention important objet sujet thème titre résumé bilan
conclusion introduction contexte source sources définition total sommaire annexe partie
chapitre question questions réponse réponses oui merci bonjour suite fin début lieu date durée
heure mots mot points point objectif objectifs problème problèmes exemple exemples cas
""".split())
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’-]*\.?|[A-ZÀ-ÖØ-Þ]\.(?:-?[A-ZÀ-ÖØ-Þ]\.)*)$")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a label, to compare labels."""
    decomposed = unicodedata.normalize("NFD", " ".join(text.split()).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8192)
def known_role(label: str) -> Role | None:
    """The role a label names by itself ("Enquêtrice", "Q", "Maire"), else None."""
    text = _core(label)
    if _RESPONDENT.match(text):
        return "respondent"
    if _INTERVIEWER.match(text):
        return "interviewer"
    return None


@lru_cache(maxsize=8192)
def classify(label: str) -> Kind | None:
    """What kind of speaker label `label` is; None when it reads as prose."""
    text = _core(label)
    if not text or len(text) > 40:
        return None
    if _RESPONDENT.match(text) or _INTERVIEWER.match(text):
        return "known"
    if _NEUTRAL.match(text):
        return "neutral"
    if _CODE.match(text):
        return None if text.rstrip("0123456789") in _NOT_CODES else "code"
    return "name" if is_name(text) else None


def is_name(text: str) -> bool:
    """A person's name as transcripts write it: "Pascal Chammas", "Marie DUPONT",
    "M. Le Goff", "Jean-Pierre de La Tour", "Nolwenn"."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 6:
        return False
    first = tokens[0].casefold()
    if first in _PROSE_STARTS or first.rstrip(".") in _PROSE_STARTS:
        return False
    if first in _TITLES:
        tokens = tokens[1:]
        if not tokens:
            return False
    names = 0
    for i, token in enumerate(tokens):
        if token.casefold() in _PARTICLES and 0 < i < len(tokens) - 1:
            continue
        if not _NAME_TOKEN.match(token) or any(c.isdigit() for c in token):
            return False
        names += 1
    return 1 <= names <= 4


def looks_like_person(label: str) -> bool:
    """A name a reader takes for a person's at once: a first name ("Eric Bocquel"), a
    title ("M. Le Goff"), or a surname in capitals ("Marie DUPONT"); not "Mégalis
    Bretagne" or "Côté Web"."""
    text = _core(label)
    if not is_name(text):
        return False
    tokens = text.split()
    if tokens[0].casefold() in _TITLES:
        return len(tokens) > 1
    if len(tokens) < 2:
        return False
    if is_first_name(tokens[0]):
        return True
    return any(len(t) >= 2 and t.isupper() and t.isalpha() for t in tokens[1:])


def single_word(label: str) -> bool:
    return len(_core(label).split()) == 1


def _core(label: str) -> str:
    """The label without a parenthesis ("Interlocuteur 1 (DSI)") or outer blanks."""
    text = " ".join(label.split())
    text = re.sub(r"[ \t]*\([^()]*\)$", "", text)
    return text.strip(" .")
