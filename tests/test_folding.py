"""One folding rule: what a researcher types matches whatever the case, accents,
apostrophes or spaces, and the offset-keeping variant never moves a character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from verbatims.folding import fold, fold_char, fold_same_length
from verbatims.nlp import match
from verbatims.pseudo import replace


def test_fold_what_people_type() -> None:
    assert fold("Numérique RESPONSABLE") == fold("numerique responsable")
    assert fold("Élu·e") == "elu·e"  # the inclusive mark is kept: where.py reads it
    assert fold("l’agglo") == fold("l'agglo") == "l'agglo"
    assert fold("Saint‑Brieuc") == "saint-brieuc"  # non-breaking hyphen
    assert fold("20\u00a0000\u202fhabitants") == "20 000 habitants"
    assert fold("ﬁbre Œuvre straße") == "fibre œuvre strasse"


@given(st.text())
def test_fold_same_length_keeps_offsets(text: str) -> None:
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    for a, b in zip(text, folded, strict=True):
        assert b == fold_char(a)
        assert len(fold(a)) != 1 or b == fold(a)  # the same rule whenever it can be


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_the_matcher_and_pseudonymisation_build_on_it() -> None:
    assert match.fold("Ré-emploi") == "reemploi"  # plus: hyphens dropped
    assert match.fold("¢a") == "ca"  # plus: OCR look-alikes
    assert replace.fold("KERHERVÉ’s") == "kerherve's"
