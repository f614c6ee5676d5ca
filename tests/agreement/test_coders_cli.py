"""Coders everywhere on the command line: `segments --coder`, `codes` per coder."""

from __future__ import annotations

import csv
import io

from tests.conftest import CliRunner


def test_segments_of_one_coder(run_cli: CliRunner, coded_location: str) -> None:
    every = list(csv.DictReader(io.StringIO(
        run_cli("--project", coded_location, "segments").out)))
    bob = run_cli("--project", coded_location, "segments", "--coder", "bob")
    assert bob.code == 0, bob.err
    rows = list(csv.DictReader(io.StringIO(bob.out)))
    assert rows and {r["coder"] for r in rows} == {"bob"}
    assert len(rows) == sum(r["coder"] == "bob" for r in every)
    both = run_cli("--project", coded_location, "segments", "--coder", "bob", "--coder",
                   "alice", "--code", "sobriété")
    assert {r["coder"] for r in csv.DictReader(io.StringIO(both.out))} == {"alice", "bob"}
    nobody = run_cli("--project", coded_location, "segments", "--coder", "zoé")
    assert nobody.code == 2 and "No codings by 'zoé'" in nobody.err and "bob (" in nobody.err


def test_codes_count_per_coder(run_cli: CliRunner, coded_location: str) -> None:
    done = run_cli("--project", coded_location, "codes")
    assert done.code == 0, done.err
    segments = list(csv.DictReader(io.StringIO(
        run_cli("--project", coded_location, "segments", "--code", "sauvegardes").out)))
    (line,) = [x for x in done.out.splitlines() if " sauvegardes  (" in x]
    for coder in ("alice", "bob"):
        n = sum(r["coder"] == coder for r in segments)
        assert (f"{coder} {n}" in line) == (n > 0)
    assert done.out.splitlines()[-1].startswith("Coders: alice (")
