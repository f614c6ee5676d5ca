"""Which tiers of a Praat or ELAN file are speech, and whose, and how to clean them.

One tier per speaker is the usual layout. Annotation tiers are not speech:
those whose name extends a speaker tier's ("Anita_Musso-LEMMA", "SpL gaze"),
and those named as annotations (phones, syllables, POS, comments, silences…).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ANNOTATION = re.compile(
    r"^(?:phones?|phon[eè]mes?|phonetic|syll(?:abes?|ables?)?|pos|lemmas?|lemmes?|morph\w*|"
    r"gloss\w*|comments?|commentaires?|notes?|silences?|pauses?|noise|bruits?|"
    r"events?|[ée]v[ée]nements?|translations?|traductions?|tags?|conll|intonation|tones?|"
    r"gestes?|gestures?|gaze|regard|head|hands?|mains?|kinesic\w*|prosod\w*|default-\w+)$",
    re.IGNORECASE)
_SPEECH = re.compile(r"ortho|transcri|utter|speech|parole|verbatim|^texte?$|^words?$|^mots$",
                     re.IGNORECASE)
_SPEAKER_TIER = re.compile(r"^(?:spk|speakers?|locuteurs?|loc)$", re.IGNORECASE)
_EVENTS = re.compile(r"\((?:\.{1,3}|rires?|toux|inaudible|silence|bruits?|pause|souffle)\)|"
                     r"&=[\w:-]+|\(\d+(?:[.,]\d+)?\)", re.IGNORECASE)


def speaker_tiers(names: Sequence[str]) -> list[str]:
    """The tiers of `names` that hold a speaker's speech, in file order."""
    kept = [n for n in names if not _ANNOTATION.match(n.strip())
            and not _SPEAKER_TIER.match(n.strip())]
    base = [n for n in kept if not any(n != other and _extends(n, other) for other in kept)]
    layers = [n for n in base if _LAYER.match(n.strip())]
    if layers and len(layers) == len(base):
        # "ortho" and "words" are two layers of the same speech: the orthographic one
        return [min(layers, key=lambda n: _LAYER_ORDER.index(_layer(n)))]
    return [n for n in base if n not in layers] or base


def speaker_tier(names: Sequence[str]) -> str | None:
    """A tier that names who speaks when ("spk", "locuteur"), if the file has one."""
    return next((n for n in names if _SPEAKER_TIER.match(n.strip())), None)


def is_speech_name(name: str) -> bool:
    return bool(_SPEECH.search(name))


def clean_label(text: str) -> str:
    """An interval's text without pauses, events and overlap brackets."""
    text = _EVENTS.sub(" ", text)
    text = text.replace("<", "").replace(">", "")
    return re.sub(r"\s+", " ", text).strip(" _")


def _extends(name: str, other: str) -> bool:
    return len(name) > len(other) and name.startswith(other) and name[len(other)] in " -_.[(:"


_LAYER_ORDER = ("transcription", "ortho", "text", "words")
_LAYER = re.compile(r"^(?:transcri\w*|ortho\w*|texte?|words?|mots|tokens?)$", re.IGNORECASE)


def _layer(name: str) -> str:
    low = name.strip().casefold()
    if low.startswith("transcri"):
        return "transcription"
    if low.startswith("ortho"):
        return "ortho"
    if low.startswith("text"):
        return "text"
    return "words"
