"""Candidates: names found where they are, ordinary capitalised words not taken for names."""

from __future__ import annotations

from verbatims.pseudo.candidates import Candidate, from_ner

TEXT = """Enquêtrice : Pouvez-vous vous présenter ?

Eric Bocquel : Oui. Je suis Eric Bocquel, Directeur Innovation à la mairie d'Alfortville. \
Avant j'étais à la Communication, puis aux Affaires Générales, et maintenant la Relation \
Usager et le Big Data occupent mes journées. Un usager, c'est important ; la communication \
aussi.

Enquêtrice : Qui vous aide ?

Eric Bocquel : Mme Kerhervé, de chez Armor Informatique, et Nolwenn Le Goff, à Vitré. \
Écrivez-moi : e.bocquel@alfortville.fr ou au 01 69 12 50 57, 12 rue Jean Jaurès. Mon \
profil : linkedin.com/in/ebocquel.
"""


def found(**kwargs: object) -> dict[str, Candidate]:
    cands = from_ner({"bocquel-alfortville.txt": TEXT}, ["Eric Bocquel", "Enquêtrice"], [],
                     document_names=["bocquel-alfortville.txt"], **kwargs)  # type: ignore[arg-type]
    return {c.name.casefold(): c for c in cands}


def test_people_places_and_contacts_are_found() -> None:
    cands = found()
    assert cands["eric bocquel"].kind == "PER"
    assert set(cands["eric bocquel"].aliases) == {"Eric", "Bocquel"}
    assert cands["kerhervé"].kind == "PER"
    assert "nolwenn le goff" in cands
    assert "alfortville" in cands and "vitré" in cands
    assert cands["e.bocquel@alfortville.fr"].kind == "EMAIL"
    assert cands["01 69 12 50 57"].kind == "PHONE"
    assert cands["12 rue jean jaurès"].kind == "ADDRESS"
    assert cands["linkedin.com/in/ebocquel"].kind == "URL"
    # the speaker label and the file name count as occurrences of the person
    assert cands["eric bocquel"].count == 4  # two labels, one mention, the file name


def test_departments_job_titles_and_capitalised_words_are_not_names() -> None:
    cands = found()
    for word in ("communication", "affaires générales", "relation usager", "big data",
                 "directeur innovation", "usager", "enquêtrice", "mairie"):
        assert word not in cands, word
    assert not any("directeur" in name for name in cands)


def test_a_commune_attribute_is_a_place_even_if_it_is_a_word() -> None:
    """"Fougères" is also ferns: as a commune attribute it is a place to hide."""
    cands = from_ner({"a.txt": "Élue : Nous avons travaillé avec le département."},
                     ["Élue"], [], attributes=[("commune", "Fougères"), ("role", "élu·e")])
    assert [(c.name, c.kind) for c in cands] == [("Fougères", "LOC")]


def test_the_studys_themes_are_never_names() -> None:
    text = "R : Le Numérique Responsable, c'est la Sobriété avant tout, dit Yannick Guillou."
    cands = from_ner({"a.txt": text}, ["R"], ["Numérique responsable", "Sobriété"])
    assert [c.name for c in cands] == ["Yannick Guillou"]


REGION = """Enquêteur : Avec qui travaillez-vous ?

Élu : En Sarthe, le syndicat « Terres Connectées », que je préside, réunit les communes \
sarthoises ; les élus sarthois y tiennent. Jean-Marc Kervella, président de l'Union \
Régionale des Acteurs Numériques (l'Uran), nous aide, et l'Uran finance l'atelier. \
Comme le disait Platon, et l'exemple de Pythagore le montre, partager coûte moins cher. \
Kervella en parle souvent avec les Bourguignons de Bourgogne-Franche-Comté et les \
départements bourguignons, et le GIP Ouest Mutualisé, que je préside aussi.
"""


def test_organisations_acronyms_demonyms_and_cited_figures() -> None:
    """An organisation named in quotes after its kind, a full name spelled out before its
    acronym, a place's inhabitants in lower case: all hidden; Platon and Pythagore,
    cited as references, are not people to hide."""
    from verbatims.pseudo.replace import KeyEntry, Pseudonymizer

    cands = from_ner({"kervella.txt": REGION}, ["Élu", "Enquêteur"], [],
                     document_names=["kervella.txt"])
    by_name = {c.name.casefold(): c for c in cands}
    assert by_name["terres connectées"].kind == "ORG"
    assert "platon" not in by_name and "pythagore" not in by_name
    pz = Pseudonymizer([KeyEntry(c.name, f"[{i}]", c.kind, c.aliases)
                        for i, c in enumerate(cands)])
    out = pz(REGION)
    for form in ("Terres Connectées", "Union", "Régionale des Acteurs", "Uran", "Sarthe",
                 "sarthois", "Kervella", "ourguignon", "Bourgogne", "Mutualisé"):
        assert form not in out, (form, out)
    assert "Platon" in out and "Pythagore" in out and "communes" in out
