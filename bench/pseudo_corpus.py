"""A corpus written to be hard for pseudonymisation, with every name known.

Twenty interviews of mayors, councillors and IT staff, saved under the
interviewee's surname and commune ("bocquel-alfortville.txt", as researchers
name them), whose names appear in every position a name takes: speaker
labels, full name, first name or surname alone, capitals, after an elision
("d'Elie"), split across a line break, initials ("F. Elie", "P. C."), e-mail
addresses and links built from them, phone numbers, street addresses; beside
words that are not names although capitalised ("Communication", "Affaires
Générales", "Big Data", "Directeur Innovation", "Relation Usager").

`write(folder, seed)` writes the files and returns the gold standard: the
names by category, and every surface form each can take in the text.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# (first name, surname, genre, role, commune, population bracket)
INTERVIEWEES = [
    ("Eric", "Bocquel", "homme", "DSI", "Alfortville", "40000-50000"),
    ("François", "Elie", "homme", "élu·e", "Angoulême", "40000-50000"),
    ("Virginie", "Steiner", "femme", "agent·e", "Lanester", "20000-25000"),
    ("Pascal", "Chammas", "homme", "DGS", "Saint-Genis-Pouilly", "10000-15000"),
    ("Hélène", "Kerhervé", "femme", "secrétaire de mairie", "Plouguerneau", "5000-10000"),
    ("Gwenaëlle", "Le Goff", "femme", "élu·e", "Quimperlé", "10000-15000"),
    ("Jean-Marc", "Boulanger", "homme", "élu·e", "Landerneau", "15000-20000"),
    ("Nathalie", "Le Floch", "femme", "DSI", "Lannion", "20000-25000"),
    ("Yannick", "Guillou", "homme", "agent·e", "Saint-Brieuc", "40000-50000"),
    ("Sophie", "Petit", "femme", "élu·e", "Vitré", "15000-20000"),
    ("Thierry", "Nguyen", "homme", "DSI", "Bobigny", "50000+"),
    ("Karima", "Benali", "femme", "agent·e", "Romans-sur-Isère", "30000-40000"),
    ("Olivier", "Marchand", "homme", "DGS", "Guingamp", "5000-10000"),
    ("Anne-Sophie", "Rivière", "femme", "élu·e", "Pontivy", "10000-15000"),
    ("Patrick", "Molinoz", "homme", "élu·e", "Dijon", "50000+"),
    ("Maryse", "Cadiou", "femme", "secrétaire de mairie", "Ploumagoar", "5000-10000"),
    ("Loïc", "Da Silva", "homme", "agent·e", "Juvisy-sur-Orge", "15000-20000"),
    ("Michèle", "Pasteur", "femme", "DGS", "Concarneau", "15000-20000"),
    ("Erwan", "Lethuillier", "homme", "DSI", "Paimpol", "5000-10000"),
    ("Claire", "Blanc", "femme", "élu·e", "Fougères", "20000-25000"),
]
# People the interviewees talk about.
OTHERS = [
    ("Jacques", "Menguy"), ("Isabelle", "Tanguy"), ("Ronan", "Quéré"), ("Sylvie", "Jaouen"),
    ("Bernard", "Morvan"), ("Céline", "Prigent"), ("Hervé", "Manfrini"), ("Valérie", "Guérin"),
    ("David", "Moulin"), ("José", "Perez"), ("Flora", "Queiroz"), ("Carine", "Soulas"),
    ("Mathieu", "Rouyeyre"), ("Philippe", "Courcier"), ("Madina", "Rival"),
    ("Antoine", "Fleury"),
]
COMPANIES = ["Armor Informatique", "Breizh Réseaux", "Kerlann Systèmes", "Logimaire",
             "Arvor Telecom", "Penn Ar Bed Services", "Infogreffe Ouest", "Numerik'Iroise"]
OTHER_PLACES = ["Morlaix", "Carhaix-Plouguer", "Lamballe", "Plérin", "Loudéac", "Douarnenez"]
STREETS = ["rue Jean Jaurès", "place de la Mairie", "avenue du Général de Gaulle",
           "rue des Tisserands", "boulevard Clemenceau", "allée des Mimosas"]
# Hard cases, one per interview in turn: a surname alone, a place that is also a word,
# an organisation named with ordinary words, a cited author, a name typed in lower case.
HARD = [
    ("j'en ai parlé à Kervella, qui connaît le dossier", "Kervella", "PER"),
    ("on a visité un tiers-lieu à Tours", "Tours", "LOC"),
    ("l'Agence Nouvelle des Solidarités Actives nous a aidés", "Agence Nouvelle des Solidarités "
     "Actives", "ORG"),
    ("comme dit Antoinette Rouvroy, les algorithmes gouvernent", "Antoinette Rouvroy", "PER"),
    ("je l'ai noté sous « goasdoue » dans mon carnet", "Goasdoué", "PER"),
    ("la Mme Rose de la compta s'en charge", "Rose", "PER"),
    ("le GIP Territoires Numériques, que je préside", "Territoires Numériques", "ORG"),
    ("les Fougerais ont voté le budget", "Fougerais", "LOC"),
]
# Capitalised words and phrases that are not names: the tool must leave them alone.
NOT_NAMES = ["Communication", "Affaires Générales", "Big Data", "Directeur Innovation",
             "Relation Usager", "Pôle Relation Usager", "Systèmes d'Information", "État civil",
             "Petite Enfance", "Ressources Humaines", "Espace Public", "Open Data",
             "Conseil Municipal", "Direction Générale", "Usager", "Transition Numérique",
             "Marchés Publics", "Service Informatique", "Schéma Directeur", "Smart City"]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))


def slug(text: str) -> str:
    return strip_accents(text).lower().replace(" ", "").replace("'", "")


@dataclass
class Gold:
    """The names of the corpus by category, and the forms each is written in."""

    names: dict[str, str] = field(default_factory=dict)  # name → category
    forms: dict[str, set[str]] = field(default_factory=dict)  # name → surface forms
    not_names: list[str] = field(default_factory=list)

    def add(self, name: str, category: str, *forms: str) -> None:
        self.names.setdefault(name, category)
        self.forms.setdefault(name, set()).update({name, *forms})


def _person_forms(first: str, last: str) -> set[str]:
    return {f"{first} {last}", last, last.upper(), f"{first[0]}. {last}"}


def interview(i: int, person: tuple[str, str, str, str, str, str], rng: random.Random,
              gold: Gold) -> str:
    first, last, genre, role, commune, population = person
    full = f"{first} {last}"
    gold.add(full, "PER", *_person_forms(first, last), first)
    gold.add(commune, "LOC")
    other = OTHERS[i % len(OTHERS)]
    other2 = OTHERS[(i * 7 + 3) % len(OTHERS)]
    ofull, o2full = f"{other[0]} {other[1]}", f"{other2[0]} {other2[1]}"
    gold.add(ofull, "PER", *_person_forms(*other))
    gold.add(o2full, "PER", *_person_forms(*other2))
    company = COMPANIES[i % len(COMPANIES)]
    gold.add(company, "ORG")
    place = OTHER_PLACES[i % len(OTHER_PLACES)]
    gold.add(place, "LOC")
    email = f"{slug(first)[0]}{slug(last)}@{slug(commune)}.fr" if i % 2 else \
        f"{slug(first)}.{slug(last)}@mairie-{slug(commune)}.fr"
    gold.add(email, "EMAIL")
    phone = f"0{rng.randint(1, 7)} {rng.randint(10, 99)} {rng.randint(10, 99)} " \
            f"{rng.randint(10, 99)} {rng.randint(10, 99)}"
    if i % 3 == 0:
        phone = phone.replace(" ", ".")
    gold.add(phone, "PHONE")
    street = STREETS[i % len(STREETS)]
    address = f"{rng.randint(2, 48)} {street}"
    gold.add(address, "ADDRESS")
    url = f"linkedin.com/in/{slug(first)[0]}{slug(last)}"
    gold.add(url, "URL")
    d1, d2, d3 = rng.sample(NOT_NAMES, 3)
    hard = HARD[i % len(HARD)]
    gold.add(hard[1], hard[2], hard[1].lower())
    me = "Enquêtrice" if i % 2 else "Enquêteur"
    label = full if i % 3 else role.split("·")[0].capitalize()
    split = f"{first}\n{last}" if i % 4 == 0 else f"{last[:3]}-\n{last[3:]}"
    pick = rng.choice
    intro = pick([
        f"Oui, je suis {full}, {role} à {commune}. J'ai rejoint la collectivité en "
        f"{2010 + i % 10}, d'abord au service {d1}, puis à la {d2}.",
        f"Bien sûr. {full}, {role}. Je suis arrivé·e à {commune} il y a {3 + i % 9} ans, au "
        f"{d1}, et depuis deux ans je suis rattaché·e à la {d2}.",
        f"{first} {last}, {role} depuis {2012 + i % 8} à la mairie de {commune}. Avant, "
        f"j'étais à la {d2} d'une autre commune.",
    ])
    provider = pick([
        f"C'est {ofull}, de chez {company}, qui passe deux fois par mois. {other[1]} "
        f"connaît bien le parc, et le travail d'{other[0]} est apprécié. On l'appelle au "
        f"{phone} quand le serveur tombe.",
        f"Nous avons un contrat avec {company}. Leur technicien, {ofull}, vient le mardi ; "
        f"sinon on appelle le {phone}. Franchement, sans {other[1]} on serait perdus.",
        f"{company} s'en occupe depuis {2015 + i % 6}. Notre interlocuteur est {ofull} : "
        f"{other[0]} répond vite, au {phone} ou par mail.",
    ])
    security = pick([
        f"Nous avons eu une alerte l'an dernier. M. {other2[1].upper()} a coupé le réseau, "
        f"c'était la bonne décision. Le rapport de {o2full} est parti à la CNIL et à "
        f"l'ANSSI. Le {d3} a suivi, avec la Communication pour prévenir les usagers.",
        f"Un rançongiciel, en mars. C'est Mme {other2[1]} qui l'a vu la première ; "
        f"{o2full} a tout de suite prévenu l'ANSSI. La Communication a rédigé un message "
        f"aux usagers et le {d3} a revu les procédures.",
        f"Rien de grave, mais {other2[0]} {other2[1].upper()} nous a fait passer un audit. "
        f"Depuis, le {d3} impose des mots de passe longs.",
    ])
    pooling = pick([
        f"Avec {place}, oui, on mutualise un marché. Le point de vue d'{first} {last} à "
        f"{commune} a pesé, mais c'est surtout {other[0][0]}. {other[1]} qui a porté le "
        f"dossier avec {split}.",
        f"On travaille avec {place} sur les achats. {other[0][0]}. {other[1]} a monté le "
        f"groupement ; à {commune}, c'est {split} qui suit.",
    ])
    contact = pick([
        f"Par courriel, {email}, ou au {address}, 2e étage. Mon profil est sur {url} et sur "
        f"Microsoft Teams. Écrivez aussi à {slug(other[0])}.{slug(other[1])}"
        f"@{slug(company)}.fr pour la partie technique.",
        f"Le plus simple : {email}. Sinon, passez à la mairie, {address}. Je suis aussi sur "
        f"{url}. Pour la technique, {slug(other[0])}.{slug(other[1])}@{slug(company)}.fr.",
    ])
    lines = [
        f"{me} : Bonjour, merci de nous recevoir. Pouvez-vous vous présenter ?",
        "",
        f"{label} : {intro}",
        "",
        f"{me} : Qui s'occupe de l'informatique chez vous ?",
        "",
        f"{label} : {provider}",
        "",
        f"{me} : Et la cybersécurité ?",
        "",
        f"{label} : {security}",
        "",
        f"{me} : Vous travaillez avec d'autres communes ?",
        "",
        f"{label} : {pooling}",
        "",
        f"{me} : Comment peut-on vous joindre pour la suite ?",
        "",
        f"{label} : {contact}",
        "",
        f"{me} : Un mot sur le Big Data et l'Open Data ?",
        "",
        f"{label} : Le Directeur Innovation en parle beaucoup, mais la Relation Usager passe "
        "avant : un usager qui attend au guichet de l'État civil, c'est notre priorité. Les "
        "Affaires Générales et la Petite Enfance ont été dématérialisées en premier. "
        f"{first} {last.upper()} l'a écrit dans le Schéma Directeur.",
        "",
        f"{me} : Merci {first}. Le numérique responsable, pour vous ?",
        "",
        f"{label} : Pour finir, {HARD[i % len(HARD)][0]}.",
        "",
        f"{label} : Garder les postes plus longtemps, éteindre les écrans le soir, et acheter "
        f"reconditionné. {first[0]}. {last[0]}. dans les comptes rendus, c'est moi, d'ailleurs ! "
        f"Et mes notes sont dans le fichier {slug(last)}_notes.docx.",
        "",
    ]
    gold.add(f"{slug(other[0])}.{slug(other[1])}@{slug(company)}.fr", "EMAIL")
    gold.add(f"{ofull}", "PER", f"{other[0][0]}. {other[1]}", other[0])
    gold.add(full, "PER", f"{first[0]}. {last[0]}.", f"{last[:3]}-\n{last[3:]}",
             f"{first}\n{last}", slug(last))
    gold.add(ofull, "PER", f"Mme {other[1]}", f"M. {other[1].upper()}")
    return "\n".join(lines)


def write(folder: Path, seed: int = 11, repeat: int = 1) -> Gold:
    """Write the twenty interviews (each `repeat` times longer) and an attribute sheet."""
    rng = random.Random(seed)
    gold = Gold(not_names=list(NOT_NAMES))
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["file;genre;role;commune;population;type_collectivite"]
    for i, person in enumerate(INTERVIEWEES):
        text = "\n".join(interview(i, person, rng, gold) for _ in range(repeat))
        name = f"{slug(person[1])}-{slug(person[4])}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(f"{name};{person[2]};{person[3]};{person[4]};{person[5]};commune")
    (folder.parent / f"{folder.name}-attributs.csv").write_text("\n".join(rows) + "\n",
                                                                encoding="utf-8")
    return gold
