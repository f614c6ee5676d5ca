"""Seed 003 (the CNAM study's interviews), split one file per interview as a new user
would: every answer the respondent's, every question the interviewer's.

Uses the shared material beside the checkout (or where VERBATIMS_SHARED points);
skipped without it. The same behaviour is tested on fixtures of our own in
test_markers.py (named respondent, unmarked first question, continuation lines).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from tests.conftest import REPO, shared
from verbatims.ingest import read_file


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_speakers", REPO / "bench" /
                                                  "speakers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_answer_respondent_every_question_interviewer(tmp_path: Path) -> None:
    """Against the truth read by hand, line by line (bench/data/seed003_truth.tsv)."""
    seed = shared("seeds", "003_c6aabc1c172778a8.txt")
    bench = _bench()
    files = bench.split_seed(seed, tmp_path)
    assert len(files) == 8
    for path in files:
        doc = read_file(path)
        assert doc.turns[0].role == "preamble", path.name
        shares = bench.seed_measure(doc.text, bench.seed_truth(path), doc.turns)
        assert {"preamble", "interviewer", "respondent"} <= set(shares), path.name
        assert all(share == 1.0 for share in shares.values()), (path.name, shares)
