"""Figures the benchmarks keep for `bench/slope.py`: one JSON file per corpus size.

Each benchmark that measures memory records, under its name, the corpus size in words
and the peak resident memory (and the seconds) of what it timed; `bench/slope.py` then
compares the 1M and 10M runs. The files are in bench/out/measures/ (ignored by git).
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out" / "measures"


def keep(benchmark: str, words: int, measures: dict[str, dict[str, float]]) -> None:
    """Record `measures` (name -> {"mb": …, "s": …}) of one benchmark run on `words`."""
    OUT.mkdir(parents=True, exist_ok=True)
    size = "10m" if words >= 5_000_000 else "1m" if words >= 500_000 else f"{words}"
    path = OUT / f"{benchmark}-{size}.json"
    path.write_text(json.dumps({"words": words, "measures": measures}, indent=1),
                    encoding="utf-8")


def load(benchmark: str, size: str) -> dict[str, object] | None:
    path = OUT / f"{benchmark}-{size}.json"
    if not path.exists():
        return None
    found: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return found
