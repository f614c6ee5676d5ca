"""Code frequencies, coverage, co-occurrence and saturation over real codings."""

from __future__ import annotations

import pytest

from verbatims.analysis.codes import (
    by_attribute,
    code_summary,
    cooccurrence,
    saturation,
    select_documents,
)
from verbatims.errors import UserError
from verbatims.store import Project


def test_summary_counts_codings(coded: Project) -> None:
    docs = select_documents(coded, [])
    summary = code_summary(coded, docs).set_index("code")
    counts = coded.counts()
    code = coded.code("sauvegardes")
    path = coded.code_path(code.id)
    assert summary.loc[path, "codings"] == counts[code.id][0]
    assert 0 < summary.loc[path, "coverage"] < 1


def test_by_attribute_splits_the_documents(coded: Project) -> None:
    docs = select_documents(coded, [])
    table = by_attribute(coded, "type_collectivite", docs)
    assert set(table["type_collectivite"]) >= {"commune", "EPCI"}
    total = code_summary(coded, docs).set_index("code")["codings"]
    summed = table.groupby("code")["codings"].sum()
    assert (summed.reindex(total.index) == total).all()
    with pytest.raises(UserError, match="No attribute"):
        by_attribute(coded, "couleur", docs)


def test_cooccurrence_is_square_with_counts_on_the_diagonal(coded: Project) -> None:
    matrix = cooccurrence(coded, select_documents(coded, []))
    assert list(matrix.index) == list(matrix.columns)
    path = coded.code_path(coded.code("prestataires").id)
    assert matrix.loc[path, path] == coded.counts()[coded.code("prestataires").id][0]


def test_cooccurrence_counts_every_overlapping_pair(coded: Project) -> None:
    """Against the count over every pair of a document's extracts, with nested, equal
    and touching extracts added to the demo's codings (a coding is never empty)."""
    doc = coded.documents()[0].id
    codes = [coded.code(n).id for n in ("sauvegardes", "prestataires", "reconditionnement")]
    for start, end, code in [(10, 400, 0), (10, 50, 1), (50, 90, 2), (90, 91, 1), (89, 91, 0),
                             (200, 210, 1), (205, 206, 2), (400, 420, 1), (0, 11, 2)]:
        coded.add_coding(doc, start, end, codes[code], "test")
    matrix = cooccurrence(coded, select_documents(coded, []))
    paths = {c.id: coded.code_path(c.id) for c in coded.codes()}
    expected: dict[tuple[str, str], int] = {}
    everything = coded.codings()
    for a in everything:
        key = (paths[a.code_id], paths[a.code_id])
        expected[key] = expected.get(key, 0) + 1
        for code_id in {b.code_id for b in everything
                        if b is not a and b.document_id == a.document_id
                        and b.code_id != a.code_id and b.start < a.end and a.start < b.end}:
            key = (paths[a.code_id], paths[code_id])
            expected[key] = expected.get(key, 0) + 1
    found = {(r, c): int(matrix.loc[r, c]) for r in matrix.index for c in matrix.columns
             if matrix.loc[r, c]}
    assert found == expected
    assert found[(paths[codes[0]], paths[codes[1]])] > 0


def test_saturation_follows_the_interview_dates(coded: Project) -> None:
    table = saturation(coded, select_documents(coded, []), "date")
    dated = [d for d in table["date"] if d]
    assert dated == sorted(dated)
    assert table["cumulative"].is_monotonic_increasing
    assert table["new_codes"].sum() == table["cumulative"].iloc[-1]


def test_where_filters_documents(coded: Project) -> None:
    epci = select_documents(coded, [("type_collectivite", "EPCI")])
    assert 0 < len(epci) < len(coded.documents())
    with pytest.raises(UserError, match="No document"):
        select_documents(coded, [("type_collectivite", "région")])
