"""Agreement computed from a real project, on SQLite and on PostgreSQL.

Hand cases on small documents written for them, then the demo corpus coded by two
coders, every code's κ and α checked against an independent computation (one 0/1
vector per coder and character, scikit-learn's κ, the `krippendorff` package).
"""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from verbatims.analysis.agreement import OVERALL, agreement_table
from verbatims.analysis.agreement_data import gather, segment_units
from verbatims.errors import UserError
from verbatims.model.entities import NewDocument
from verbatims.store import Project


def _doc(name: str, text: str) -> NewDocument:
    return NewDocument(name, text, name, "txt", "utf-8")


@pytest.fixture
def small(new_location: str) -> Project:
    project = Project.create(new_location)
    project.add_code("X")
    project.add_code("Y")
    project.add_documents([_doc("a.txt", "abcdefghij"), _doc("b.txt", "klmnopqrst"),
                           _doc("c.txt", "Un. Deux. Trois.")])
    return project


def _code(project: Project, doc: str, start: int, end: int, code: str, coder: str) -> None:
    project.add_coding(project.document(doc).id, start, end, project.code(code).id,
                       coder)


def test_characters_by_hand_and_the_documents_that_count(small: Project) -> None:
    _code(small, "a.txt", 0, 4, "X", "alice")
    _code(small, "a.txt", 2, 6, "X", "bob")
    _code(small, "b.txt", 0, 10, "X", "alice")  # bob has not coded b.txt: it is left out
    table = agreement_table(gather(small, ["alice", "bob"]))
    row = table[table["code"] == "X"].iloc[0]
    assert row["units"] == 10 and row["documents"] == 1
    assert row["percent_agreement"] == pytest.approx(0.6)
    assert row["kappa"] == pytest.approx(1 / 6)
    assert row["alpha"] == pytest.approx(1 - 19 * 8 / 192)
    assert (row["units_alice"], row["units_bob"]) == (4, 4)
    assert gather(small, ["alice", "bob"]).left_out == ("b.txt",)
    # once bob codes b.txt with ANY code, its ten characters count for X too
    _code(small, "b.txt", 0, 1, "Y", "bob")
    table = agreement_table(gather(small, ["alice", "bob"]))
    row = table[table["code"] == "X"].iloc[0]
    assert row["units"] == 20 and row["units_alice"] == 14 and row["documents"] == 2
    assert list(table["code"]) == ["X", "Y", OVERALL]
    overall = table.iloc[-1]
    assert overall["units"] == 40  # two codes × twenty characters, pooled


def test_sentences_count_when_any_non_blank_part_is_coded(small: Project) -> None:
    text = small.text(small.document("c.txt").id)
    units = segment_units(text, small.turns(small.document("c.txt").id), "sentence")
    assert [text[a:b] for a, b in units] == ["Un.", "Deux.", "Trois."]
    _code(small, "c.txt", 0, 4, "X", "alice")  # "Un. ": its trailing space spills over
    _code(small, "c.txt", 4, 9, "X", "bob")  # "Deux."
    row = agreement_table(gather(small, unit="sentence")).iloc[0]
    assert (row["units"], row["units_alice"], row["units_bob"]) == (3, 1, 1)
    assert row["percent_agreement"] == pytest.approx(1 / 3)
    # the same two codings over characters: no character in common
    chars = agreement_table(gather(small)).iloc[0]
    assert chars["units"] == 16 and chars["kappa"] < 0


def test_refusals_are_one_sentence(small: Project) -> None:
    with pytest.raises(UserError, match="two coders at least"):
        gather(small)
    _code(small, "a.txt", 0, 4, "X", "alice")
    _code(small, "b.txt", 0, 4, "X", "bob")
    with pytest.raises(UserError, match="No codings by 'carol'.*alice \\(1\\), bob \\(1\\)"):
        gather(small, ["alice", "carol"])
    with pytest.raises(UserError, match="No document has been coded by all of alice, bob"):
        gather(small, ["alice", "bob"])
    with pytest.raises(UserError, match="Unknown unit"):
        gather(small, unit="word")


def test_every_code_equals_an_independent_computation(coded_location: str) -> None:
    demo_any = Project.open(coded_location)
    table = agreement_table(gather(demo_any, ["alice", "bob"]))
    docs = demo_any.documents()[:3]
    assert int(table.iloc[0]["documents"]) == 3
    codings = demo_any.codings()
    checked = 0
    pooled: dict[str, list[np.ndarray]] = {"alice": [], "bob": []}
    for row in table.itertuples(index=False):
        if row.code == OVERALL:
            continue
        code_id = demo_any.code(row.code).id
        vectors = {}
        for coder in ("alice", "bob"):
            parts = []
            for doc in docs:
                v = np.zeros(doc.char_count, dtype=int)
                for c in codings:
                    if c.document_id == doc.id and c.coder == coder and c.code_id == code_id:
                        v[c.start:c.end] = 1
                parts.append(v)
            vectors[coder] = np.concatenate(parts)
            pooled[coder].append(vectors[coder])
        a, b = vectors["alice"], vectors["bob"]
        assert row.units == len(a)
        assert row.percent_agreement == pytest.approx(float(np.mean(a == b)))
        assert row.kappa == pytest.approx(cohen_kappa_score(a, b), abs=1e-9)
        alpha = krippendorff.alpha(reliability_data=np.stack([a, b]).astype(float),
                                   level_of_measurement="nominal")
        assert row.alpha == pytest.approx(alpha, abs=1e-9)
        checked += 1
    assert checked >= 10
    a, b = np.concatenate(pooled["alice"]), np.concatenate(pooled["bob"])
    overall = table.iloc[-1]
    assert overall["kappa"] == pytest.approx(cohen_kappa_score(a, b), abs=1e-9)
    assert 0.3 < overall["kappa"] < 0.95  # a real disagreement, neither chance nor identity
    demo_any.close()


def test_the_readme_example_says_what_it_computes(demo_any: Project) -> None:
    """README.md's Team section quotes these figures."""
    doc = demo_any.document("04-adjointe-commune-2000-3500").id
    for coder, spans in (("alice", [(9454, 9508, "réemploi et recyclage"),
                                    (9509, 9663, "RGPD et données personnelles"),
                                    (9665, 10036, "sobriété")]),
                         ("bob", [(9454, 9508, "réemploi et recyclage"),
                                  (9509, 9612, "RGPD et données personnelles"),
                                  (9665, 10036, "consommation électrique")])):
        for start, end, code in spans:
            demo_any.add_coding(doc, start, end, demo_any.code(code).id, coder)
    table = agreement_table(gather(demo_any, ["alice", "bob"])).set_index("code")
    assert table.loc["numérique responsable/réemploi et recyclage", "kappa"] == 1
    assert round(table.loc["cybersécurité/RGPD et données personnelles", "kappa"], 2) == 0.80
    sobriety = table.loc["numérique responsable/sobriété"]
    assert sobriety["kappa"] == 0 and round(sobriety["percent_agreement"], 2) == 0.97
