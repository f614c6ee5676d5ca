"""Every form an accepted name takes is replaced, and ordinary words are left alone."""

from __future__ import annotations

import pytest

from verbatims.pseudo.replace import KeyEntry, Pseudonymizer, leaks

ELIE = KeyEntry("François Elie", "[Personne A]", "PER", ("François", "Elie"))
BOCQUEL = KeyEntry("Eric Bocquel", "[Personne B]", "PER", ("Eric", "Bocquel"))
BLANC = KeyEntry("Pierre Blanc", "[Personne C]", "PER", ("Pierre", "Blanc"))
PLACE = KeyEntry("Alfortville", "[Lieu 1]", "LOC")
PHONE = KeyEntry("01.69.12.50.57", "[Téléphone 1]", "PHONE")
MAIL = KeyEntry("contact@mairie-exemple.fr", "[Courriel 1]", "EMAIL")
HIDE = Pseudonymizer([ELIE, BOCQUEL, BLANC, PLACE, PHONE, MAIL])


@pytest.mark.parametrize(("text", "expected"), [
    ("Interview de François ELIE, adjoint", "Interview de [Personne A], adjoint"),
    ("le point de vue d'Elie et d’Élie", "le point de vue d'[Personne A] et d’[Personne A]"),
    ("bocquel-alfortville.txt", "[Personne B]-[Lieu 1].txt"),
    ("BOCQUEL_entretien2.docx", "[Personne B]_entretien2.docx"),
    ("FrancoisElie et francois_elie", "[Personne A] et [Personne A]"),
    ("Eric Boc-\nquel parle", "[Personne B] parle"),
    ("François\nElie", "[Personne A]"),
    ("ELIE François signe", "[Personne A] signe"),
    ("F. Elie, François E. et F. E.", "[Personne A], [Personne A] et [Personne A]"),
    ("P. B. et P.B.", "[Personne C] et [Personne C]"),
    ("écrire à felie@angouleme.fr", "écrire à [Personne A]"),
    ("voir linkedin.com/in/ebocquel/ !", "voir [Personne B] !"),
    ("tél 01 69 12 50 57, +33 1 69 12 50 57", "tél [Téléphone 1], [Téléphone 1]"),
    ("contact@mairie-exemple.fr.", "[Courriel 1]."),
])
def test_every_form_of_a_name(text: str, expected: str) -> None:
    assert HIDE(text) == expected


def test_ordinary_words_that_are_names_need_a_capital_in_prose() -> None:
    text = "une pierre blanche, la pierre blanc ; Pierre Blanc ; BLANC ; pierre.blanc@x.fr"
    assert HIDE(text) == ("une pierre blanche, la pierre blanc ; [Personne C] ; [Personne C] ; "
                          "[Personne C]")


def test_a_surname_that_is_no_word_matches_in_any_case() -> None:
    """The issue's complaint: "a surname alone matched only when capitalised"."""
    assert HIDE("bocquel a dit, et BOCQUEL aussi") == "[Personne B] a dit, et [Personne B] aussi"


def test_words_containing_a_name_are_left_alone() -> None:
    hide = Pseudonymizer([KeyEntry("Brest", "[Lieu 1]", "LOC")])
    assert hide("Brestois de Brest, BREST.") == "Brestois de [Lieu 1], [Lieu 1]."


def test_a_table_cell_is_prose_not_a_file_name() -> None:
    """"moulin,2,2" in a CSV is the word moulin, not an identifier to match in any case."""
    hide = Pseudonymizer([KeyEntry("David Moulin", "[P]", "PER", ("David", "Moulin"))])
    assert hide("moulin,2,2,1.18") == "moulin,2,2,1.18"
    assert hide("moulin-dupont.txt") == "[P]-dupont.txt"


def test_leaks_reports_what_is_left() -> None:
    assert leaks("Bocquel et bocquel", ["Eric Bocquel", "Bocquel"]) == ["Bocquel"]
    assert leaks(HIDE("Eric Bocquel à Alfortville"), ["Bocquel", "Alfortville"]) == []


def test_a_million_words_are_pseudonymised_by_word_lookup() -> None:
    """A form is tried only where its first word occurs: hits are exact, none is missed."""
    text = ("le numérique est une chance pour la commune, dit Eric Bocquel. " * 2000)
    assert HIDE(text).count("[Personne B]") == 2000
