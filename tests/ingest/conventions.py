"""One interview written in the marker conventions transcripts use, with the truth.

Each convention renders the same exchange (an interviewer, a respondent whose
answers hold the prose that fools a detector: "Ou mieux : …", "Deux idées
fortes : …", "Mégalis Bretagne : …", rhetorical questions, lists, a quote
before a colon) and records, for every character of speech, who said it.
`tests/ingest/test_precision.py` and `bench/speakers.py` measure the detector
against it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

ASK, ANSWER = "interviewer", "respondent"

# (role, paragraphs) — the respondent's answers are long and full of colons.
SCRIPT: list[tuple[str, list[str]]] = [
    (ASK, ["Merci de me recevoir. Pour commencer, pouvez-vous nous dire comment est "
           "organisé le service informatique de la commune ?"]),
    (ANSWER, ["Alors, on est trois : moi, un technicien et une apprentie. On gère à peu "
              "près deux cents postes, plus les écoles.",
              "Deux idées fortes : d'abord garder les machines longtemps, ensuite les "
              "mutualiser avec l'intercommunalité."]),
    (ASK, ["Et les renouvellements, comment vous les décidez ?"]),
    (ANSWER, ["On a un plan sur cinq ans, calé sur l'amortissement. Mais est-ce que c'est "
              "vraiment utile de changer un poste qui marche ? Je ne crois pas.",
              "Ou mieux : si nous achetions ensemble avec les communes voisines, on "
              "négocierait les prix.",
              "Mégalis Bretagne : c'est le syndicat qui nous aide pour les marchés et le "
              "parapheur électronique."]),
    (ASK, ["D'accord. Je vois."]),
    (ANSWER, ["Remarque : ce n'est pas simple tous les jours.",
              "1) Il faut convaincre les élus.",
              "2) Il faut former les agents, et ça prend du temps."]),
    (ASK, ["Vous parliez des élus. Quelle place tient le numérique responsable dans leurs "
           "décisions ?"]),
    (ANSWER, ["« En tant que militant du libre » : c'est ce que disait l'ancien adjoint, et "
              "il a poussé pour LibreOffice.",
              "Total: ils sont tous d'accord sur le principe, moins sur le budget."]),
    (ASK, ["Et la cybersécurité ?"]),
    (ANSWER, ["Vous voulez dire les sauvegardes ? On a eu une alerte l'an dernier, un "
              "rançongiciel chez un voisin. Depuis, sauvegarde tous les soirs, hors ligne.",
              "Côté Web obésité : on limite la taille des pièces jointes, on a mis un "
              "outil de partage de fichiers."]),
    (ASK, ["Une dernière question : si vous deviez résumer votre politique en une phrase ?"]),
    (ANSWER, ["Garder, réparer, partager. Voilà.",
              "Pour conclure : tout est question de volonté politique."]),
]

# The recording starts while the respondent is still speaking: no "first speaker asks".
OPENING = [(ANSWER, ["… oui, oui, vous pouvez enregistrer, ça ne me dérange pas du tout."])]

PREAMBLE = ("Entretien réalisé le 12 mars 2024 à la mairie, durée 45 minutes.\n\n"
            "Transcription intégrale, anonymisée.")


@dataclass(frozen=True)
class Written:
    """A transcript and, for each stretch of speech, who said it: (start, end, role)."""

    name: str
    text: str
    truth: list[tuple[int, int, str]]
    suffix: str = ".txt"
    source: str | None = None  # what the file holds, when it is not the text stored

    @property
    def content(self) -> str:
        return self.text if self.source is None else self.source


def _write(name: str, marker: Callable[[str, int], str], *, preamble: bool = True,
           para_sep: str = "\n\n", turn_sep: str = "\n\n", suffix: str = ".txt",
           script: list[tuple[str, list[str]]] | None = None) -> Written:
    parts: list[str] = []
    truth: list[tuple[int, int, str]] = []
    offset = 0
    if preamble:
        parts.append(PREAMBLE + turn_sep)
        offset += len(PREAMBLE + turn_sep)
    for i, (role, paragraphs) in enumerate(script or SCRIPT):
        head = marker(role, i)
        parts.append(head)
        offset += len(head)
        for j, paragraph in enumerate(paragraphs):
            if j:
                parts.append(para_sep)
                offset += len(para_sep)
            truth.append((offset, offset + len(paragraph), role))
            parts.append(paragraph)
            offset += len(paragraph)
        parts.append(turn_sep)
        offset += len(turn_sep)
    return Written(name, "".join(parts).rstrip() + "\n", truth, suffix)


def _pair(asks: str, answers: str, fmt: str = "{label} : ") -> Callable[[str, int], str]:
    return lambda role, _i: fmt.format(label=asks if role == ASK else answers)


def _clock(i: int) -> str:
    seconds = 62 + 47 * i
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def conventions() -> list[Written]:
    """The interview in every marker convention of the bench."""
    out = [
        _write("enqueteur-maire", _pair("Enquêtrice", "Maire")),
        _write("q-r-colon", _pair("Q", "R")),
        _write("q-r-dotted", _pair("Q", "R", "{label}. ")),
        _write("q-r-dashed", _pair("Question", "Réponse", "{label} - ")),
        _write("em-dash-lead", _pair("Q", "R", "— {label} : ")),
        _write("bold-markdown", _pair("Q", "R", "**{label} :** ")),
        _bold_md(),
        _write("named-speakers", _pair("Marie DUPONT", "Jean-Pierre Le Goff")),
        _write("first-names", _pair("Nolwenn", "Yann"), preamble=False),
        _write("initials-codes", _pair("ENQ", "JR")),
        _write("int-l1", _pair("INT", "L1")),
        _write("chat-star", _pair("ENQ", "LOC", "*{label}:\t"), turn_sep="\n", para_sep=" "),
        _write("diarised-asr", _pair("SPEAKER_00", "SPEAKER_01", "{label}: "),
               preamble=False, turn_sep="\n", para_sep=" "),
        _write("diarised-bracketed", _pair("SPEAKER_01", "SPEAKER_00", "[{label}]: "),
               preamble=False, turn_sep="\n", para_sep=" "),
        _write("otter-teams", lambda role, i: (
            f"{'Nolwenn Le Goff' if role == ASK else 'Yann Morvan'}  "
            f"{i // 2}:{i * 7 % 60:02d}\n"), preamble=False, para_sep="\n"),
        _write("sonix-trint", lambda role, i: (
            f"{'Speaker 1' if role == ASK else 'Speaker 2'} [{_clock(i)}] "),
            preamble=False, para_sep=" "),
        _write("happy-scribe", lambda role, i: (
            f"[{_clock(i)}] {'Gwenn Riou' if role == ASK else 'Alain Le Gall'}\n"),
            preamble=False, para_sep="\n"),
        _write("noscribe-text", lambda role, i: (
            f"{'S00' if role == ASK else 'S01'}: [{_clock(i)}] "), preamble=False,
            para_sep=" "),
        _write("timestamped", lambda role, i: (
            f"[{_clock(i)}] {'Enquêteur' if role == ASK else 'DGS'} : ")),
        _write("interlocuteur-numbered", _pair("Enquêtrice 1", "Interlocuteur 2")),
        _write("lower-case-no-space", _pair("enquêtrice", "maire", "{label}: ")),
        _write("label-own-line", _pair("ENQUÊTEUR", "MAIRE", "{label} :\n")),
        _write("english-labels", _pair("Interviewer", "Interviewee", "{label}: ")),
        _write("parenthesised", _pair("Enquêtrice (E)", "Interlocuteur 1 (DSI)")),
        _write("respondent-first-diarised", _pair("SPEAKER_01", "SPEAKER_00", "{label}: "),
               preamble=False, turn_sep="\n", para_sep=" ", script=OPENING + SCRIPT),
        _write("respondent-first-named", _pair("Gwenaëlle Le Bihan", "Loïc Tanguy"),
               preamble=False, script=OPENING + SCRIPT),
        _write("questions-only-marked", lambda role, _i: "Enquêtrice : " if role == ASK else ""),
        focus_group(),
        cnam_style(),
    ]
    return out


def _bold_md() -> Written:
    """Markdown with bold markers: stored without the asterisks."""
    plain = _write("bold-markdown-md", _pair("Enquêteur", "Élue"), suffix=".md")
    source = re.sub(r"^(Enquêteur|Élue) : ", r"**\1 :** ", plain.text, flags=re.M)
    return Written(plain.name, plain.text, plain.truth, ".md", source)


def focus_group() -> Written:
    """An animator and three participants taking turns."""
    voices = ["Participante 1", "Participant 2", "Participante 3"]
    answers = 0

    def marker(role: str, _i: int) -> str:
        nonlocal answers
        if role == ASK:
            return "Animatrice : "
        answers += 1
        return f"{voices[answers % 3]} : "

    return _write("focus-group", marker)


def cnam_style() -> Written:
    """As the CNAM study publishes its interviews: a heading paragraph, a first question
    without a marker, the respondent named once, then Q/R, and page-continuation
    lines in the middle of an answer."""
    heading = ("A partir de son commentaire posté via le questionnaire en ligne, nous avons "
               "interrogé **Claire Martin, DGA - Mairie de Quimperlé (29) - 12 000 "
               "habitants.**\n\n")
    parts = [heading]
    offset = len(heading)
    truth: list[tuple[int, int, str]] = []
    for i, (role, paragraphs) in enumerate(SCRIPT):
        if i == 0:
            head = ""
        elif i == 1:
            head = "Claire Martin : "
        else:
            head = "Q : " if role == ASK else "R : "
        parts.append(head)
        offset += len(head)
        for j, paragraph in enumerate(paragraphs):
            if j:
                sep = "\n\n"
                if i == 3 and j == 1:
                    sep = ("\n\n.../...\n\n\n\n(../..) Suite de l'interview de **Claire "
                           "Martin**, DGA\n\n")
                parts.append(sep)
                offset += len(sep)
            truth.append((offset, offset + len(paragraph), role))
            parts.append(paragraph)
            offset += len(paragraph)
        parts.append("\n\n")
        offset += 2
    return Written("cnam-style", "".join(parts).rstrip() + "\n", truth)


def measure(text: str, truth: Sequence[tuple[int, int, str]],
            turns: Sequence[tuple[int, int, str]]) -> tuple[float, float]:
    """(share of respondent characters labelled respondent, share of interviewer
    characters labelled interviewer); `turns` are (speech start, end, role)."""
    at = [""] * len(text)
    for start, end, role in turns:
        for k in range(start, min(end, len(text))):
            at[k] = role
    hit = {ASK: 0, ANSWER: 0}
    total = {ASK: 0, ANSWER: 0}
    for start, end, role in truth:
        for k in range(start, end):
            if text[k].isspace():
                continue
            total[role] += 1
            hit[role] += at[k] == role
    return (hit[ANSWER] / total[ANSWER] if total[ANSWER] else 1.0,
            hit[ASK] / total[ASK] if total[ASK] else 1.0)
