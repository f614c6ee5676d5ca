"""Names replaced in every form: case, accents, possessive, line breaks, hyphenation."""

from __future__ import annotations

from verbatims.pseudo.replace import KeyEntry, Pseudonymizer, leaks

KEY = [KeyEntry("Yannick Guillou", "[Personne A]", "PER", ("Yannick", "Guillou")),
       KeyEntry("Kerhervé", "[Personne B]", "PER"),
       KeyEntry("Armor Informatique", "[Prestataire 1]", "ORG")]


def test_every_form_is_replaced() -> None:
    hide = Pseudonymizer(KEY)
    text = ("YANNICK GUILLOU et yannick guillou ; Guillou's laptop ; Mme KERHERVE, kerhervé, "
            "Ker-\nhervé ; Yannick\nGuillou ; armor  informatique, Armor-Informatique.")
    out = hide(text)
    assert leaks(out, ["Yannick Guillou", "Kerhervé", "Armor Informatique", "Guillou"]) == []
    assert out.count("[Personne A]") == 4
    assert out.count("[Personne B]") == 3
    assert out.count("[Prestataire 1]") == 2
    assert "[Personne A]'s laptop" in out


def test_aliases_only_match_when_capitalised() -> None:
    hide = Pseudonymizer([KeyEntry("Pierre Morvan", "[Élu·e A]", "PER", ("Pierre", "Morvan"))])
    assert hide("Pierre est venu, la pierre est là, MORVAN aussi.") == (
        "[Élu·e A] est venu, la pierre est là, [Élu·e A] aussi.")


def test_words_containing_a_name_are_left_alone() -> None:
    hide = Pseudonymizer([KeyEntry("Brest", "[Lieu 1]", "LOC")])
    assert hide("Brestois de Brest, BREST.") == "Brestois de [Lieu 1], [Lieu 1]."


def test_remap_moves_offsets_and_widens_cut_names() -> None:
    hide = Pseudonymizer(KEY)
    text = "Avec Yannick Guillou hier."
    new, remap = hide.remap(text)
    assert new == "Avec [Personne A] hier."
    assert new[remap(text.index("hier")):] == "hier."
    # an extract that starts inside the name starts at the label
    assert new[remap(text.index("Guillou"), "start"):] == "[Personne A] hier."
    assert new[:remap(text.index("Guillou"), "end")] == "Avec [Personne A]"


def test_short_names_need_a_capital_and_one_letter_names_are_ignored() -> None:
    hide = Pseudonymizer([KeyEntry("Le Du", "[Personne C]", "PER"), KeyEntry("C", "[X]")])
    assert hide("c'est Le Du, pas le du, LE DU") == "c'est [Personne C], pas le du, [Personne C]"
