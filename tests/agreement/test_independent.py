"""Every figure of `verbatims agreement` on the demo corpus coded by two (then three)
coders, recomputed here from the project's rows by the textbook formulas, written out
by hand: nothing of verbatims and no statistics library computes the expected values.
The file's figures (four decimals) and the analysis's own (unrounded) are both checked.

The rows are read with plain SQL (the store's tables), so a mistake in what the store
hands the analysis would show too. SQLite, then PostgreSQL.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import CliRunner
from verbatims.analysis.agreement import agreement_table
from verbatims.analysis.agreement_data import gather
from verbatims.store import Project

OVERALL = "(overall)"


@pytest.fixture
def raw(coded_location: str) -> Iterator[Engine]:
    """A connection of our own to the project's database, as any SQL client would open it."""
    if "://" in coded_location:
        engine = create_engine(make_url(coded_location).set(drivername="postgresql+psycopg"))
    else:
        engine = create_engine(f"sqlite:///{coded_location}")
    yield engine
    engine.dispose()


class Rows:
    """The project as its tables hold it."""

    def __init__(self, engine: Engine) -> None:
        with engine.connect() as conn:
            self.texts: dict[int, str] = {
                i: t for i, t in conn.execute(text("SELECT id, text FROM documents"))}
            codes = conn.execute(text("SELECT id, parent_id, name FROM codes")).all()
            self.codings = conn.execute(text(
                'SELECT document_id, code_id, start, "end", coder FROM codings')).all()
        parent: dict[int, int | None] = {i: p for i, p, _n in codes}
        name: dict[int, str] = {i: n for i, _p, n in codes}

        def path(i: int) -> str:
            up = parent[i]
            return name[i] if up is None else path(up) + "/" + name[i]

        self.path = {i: path(i) for i in name}

    def compared(self, coders: list[str]) -> list[int]:
        """Documents that every coder coded with some code."""
        return sorted(d for d in self.texts
                      if all(any(c.document_id == d and c.coder == who for c in self.codings)
                             for who in coders))

    def characters(self, coders: list[str], code: int) -> list[list[int]]:
        """coders × characters: 1 when that coder coded that character with `code`."""
        out = []
        for who in coders:
            row: list[int] = []
            for d in self.compared(coders):
                marks = [0] * len(self.texts[d])
                for c in self.codings:
                    if c.document_id == d and c.coder == who and c.code_id == code:
                        for k in range(c.start, c.end):
                            marks[k] = 1
                row += marks
            out.append(row)
        return out

    def documents(self, coders: list[str], code: int) -> list[list[int]]:
        """coders × documents: 1 when that coder coded a non-blank part of it with `code`."""
        out = []
        for who in coders:
            out.append([int(any(c.document_id == d and c.coder == who and c.code_id == code
                                and self.texts[d][c.start:c.end].strip()
                                for c in self.codings))
                        for d in self.compared(coders)])
        return out

    def used(self, coders: list[str]) -> list[int]:
        docs = set(self.compared(coders))
        return sorted({c.code_id for c in self.codings
                       if c.coder in coders and c.document_id in docs})


# -- the formulas, by hand ---------------------------------------------------------------


def cohen(a: list[int], b: list[int]) -> float:
    """κ = (p_o − p_e) / (1 − p_e), p_e from each coder's own share of 1s (Cohen 1960)."""
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    p_e = pa * pb + (1 - pa) * (1 - pb)
    return math.nan if p_e == 1 else (p_o - p_e) / (1 - p_e)


def alpha(ratings: list[list[int]]) -> float:
    """Krippendorff's α, nominal, no missing values, m coders: α = 1 − (n − 1) ·
    Σ_u (pairs of values that differ in u) / (m_u − 1) / Σ_{c≠k} n_c n_k, with n = m·N
    values, n_c how many are c (Krippendorff 2011, §D)."""
    m, units = len(ratings), len(ratings[0])
    n = m * units
    ones = sum(map(sum, ratings))
    zeros = n - ones
    disagreeing = 0.0
    for u in range(units):
        k = sum(r[u] for r in ratings)
        disagreeing += 2 * k * (m - k) / (m - 1)  # ordered pairs (1, 0) and (0, 1)
    expected = 2 * ones * zeros
    return math.nan if expected == 0 else 1 - (n - 1) * disagreeing / expected


def fleiss(ratings: list[list[int]]) -> float:
    """Fleiss (1971): P̄ the mean share of agreeing rater pairs per unit, P̄_e = Σ p_j²."""
    m, units = len(ratings), len(ratings[0])
    p_bar = 0.0
    ones = 0
    for u in range(units):
        k = sum(r[u] for r in ratings)
        ones += k
        p_bar += (k * (k - 1) + (m - k) * (m - k - 1)) / (m * (m - 1))
    p_bar /= units
    p1 = ones / (m * units)
    p_e = p1 ** 2 + (1 - p1) ** 2
    return math.nan if p_e == 1 else (p_bar - p_e) / (1 - p_e)


def agreement(ratings: list[list[int]]) -> float:
    return sum(len({r[u] for r in ratings}) == 1 for u in range(len(ratings[0]))) / len(
        ratings[0])


def light(ratings: list[list[int]]) -> float:
    """The mean of every pair's Cohen's κ (Light 1971)."""
    pairs = [cohen(a, b) for a, b in combinations(ratings, 2)]
    return sum(pairs) / len(pairs)


# -- the checks ----------------------------------------------------------------------------


def table_of(run_cli: CliRunner, location: str, out: Path, *args: str) -> dict[str, dict[
        str, str]]:
    """`verbatims agreement … -o out.csv`, read back as a user's spreadsheet would."""
    done = run_cli("--project", location, "agreement", *args, "-o", str(out))
    assert done.code == 0, done.err
    with out.open(encoding="utf-8-sig", newline="") as f:
        return {row["code"]: row for row in csv.DictReader(f)}


def close(shown: str | float, expected: float) -> bool:
    """The file's figure (four decimals, empty when undefined), or the exact one."""
    if math.isnan(expected):
        return shown == "" or (isinstance(shown, float) and math.isnan(shown))
    if isinstance(shown, float):
        return math.isclose(shown, expected, abs_tol=1e-9)
    return abs(float(shown) - expected) <= 0.5e-4 + 1e-12


def exact(location: str, coders: list[str], unit: str = "character") -> dict[
        str, dict[str, float]]:
    """The same table unrounded, from the analysis that `verbatims agreement` calls."""
    project = Project.open(location)
    table = agreement_table(gather(project, coders, unit=unit))
    project.close()
    return {str(r["code"]): r for r in table.to_dict("records")}


def test_two_coders_every_code_by_hand(coded_location: str, raw: Engine, run_cli: CliRunner,
                                       tmp_path: Path) -> None:
    rows = Rows(raw)
    coders = ["alice", "bob"]
    assert len(rows.compared(coders)) == 3
    table = table_of(run_cli, coded_location, tmp_path / "a.csv", "--coders", "alice,bob")
    precise = exact(coded_location, coders)
    used = rows.used(coders)
    assert sorted(table) == sorted([rows.path[c] for c in used] + [OVERALL])
    pooled: list[list[int]] = [[], []]
    disagreeing_codes = 0
    for code in used:
        a, b = rows.characters(coders, code)
        pooled[0] += a
        pooled[1] += b
        row = table[rows.path[code]]
        assert row["unit"] == "character" and row["coders"] == "alice, bob"
        assert int(row["units"]) == len(a)
        assert close(row["percent_agreement"], agreement([a, b]))
        assert close(row["kappa"], cohen(a, b)), rows.path[code]
        assert close(row["alpha"], alpha([a, b])), rows.path[code]
        full = precise[rows.path[code]]
        assert close(full["kappa"], cohen(a, b)) and close(full["alpha"], alpha([a, b]))
        assert close(full["percent_agreement"], agreement([a, b]))
        disagreeing_codes += a != b
    overall = table[OVERALL]
    assert int(overall["units"]) == len(pooled[0])
    assert close(overall["kappa"], cohen(*pooled))
    assert close(overall["alpha"], alpha(pooled))
    assert close(precise[OVERALL]["kappa"], cohen(*pooled))
    assert close(precise[OVERALL]["alpha"], alpha(pooled))
    assert disagreeing_codes >= 5 and 0.3 < cohen(*pooled) < 0.95  # a real disagreement


def test_documents_as_units_by_hand(coded_location: str, raw: Engine, run_cli: CliRunner,
                                    tmp_path: Path) -> None:
    rows = Rows(raw)
    coders = ["alice", "bob"]
    table = table_of(run_cli, coded_location, tmp_path / "d.csv", "--coders", "alice,bob",
                     "--unit", "document")
    for code in rows.used(coders):
        a, b = rows.documents(coders, code)
        row = table[rows.path[code]]
        assert int(row["units"]) == 3
        assert close(row["percent_agreement"], agreement([a, b]))
        assert close(row["kappa"], cohen(a, b)), rows.path[code]
        assert close(row["alpha"], alpha([a, b])), rows.path[code]


def test_three_coders_by_hand(coded_location: str, raw: Engine, run_cli: CliRunner,
                              tmp_path: Path) -> None:
    project = Project.open(coded_location)  # carol codes what alice did, one in three shifted
    for i, c in enumerate(c for c in project.codings() if c.coder == "alice"):
        shift = min(25, (c.end - c.start) // 2) if i % 3 == 0 else 0
        project.add_coding(c.document_id, c.start + shift, c.end, c.code_id, "carol")
    project.close()
    rows = Rows(raw)
    coders = ["alice", "bob", "carol"]
    table = table_of(run_cli, coded_location, tmp_path / "c.csv",
                     "--coders", "alice,bob,carol")
    precise = exact(coded_location, coders)
    checked = 0
    for code in rows.used(coders):
        ratings = rows.characters(coders, code)
        full = precise[rows.path[code]]
        assert close(full["kappa"], light(ratings)) and close(full["alpha"], alpha(ratings))
        assert close(full["fleiss_kappa"], fleiss(ratings))
        row = table[rows.path[code]]
        assert row["coders"] == "alice, bob, carol"
        assert close(row["percent_agreement"], agreement(ratings))
        assert close(row["kappa"], light(ratings)), rows.path[code]
        assert close(row["fleiss_kappa"], fleiss(ratings)), rows.path[code]
        assert close(row["alpha"], alpha(ratings)), rows.path[code]
        checked += 1
    assert checked >= 10
