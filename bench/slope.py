"""How memory (and time) grow from the 1M-word to the 10M-word runs.

Reads what bench/ingest.py, bench/figures.py and bench/tui.py recorded
(bench/record.py) after `make bench` and `make bench-10m`, and prints for each
measure the peak memory at both sizes, the slope in MB per million words, and the
growth exponent log(m10 / m1) / log(w10 / w1): 1 is linear, below 1 better.

    python bench/slope.py
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from record import load  # noqa: E402


def main() -> None:
    print(f"{'benchmark / measure':44} {'1M MB':>7} {'10M MB':>7} {'MB/Mword':>9} "
          f"{'exponent':>8} {'1M s':>7} {'10M s':>7}")
    shown = 0
    for bench in ("ingest", "figures", "tui"):
        small, large = load(bench, "1m"), load(bench, "10m")
        if small is None or large is None:
            print(f"{bench:44} (run `make bench` and `make bench-10m` first)")
            continue
        w1, w10 = float(small["words"]), float(large["words"])
        m1: dict[str, dict[str, float]] = small["measures"]
        m10: dict[str, dict[str, float]] = large["measures"]
        for name in m1:
            if name not in m10:
                continue
            a, b = m1[name]["mb"], m10[name]["mb"]
            slope = (b - a) / ((w10 - w1) / 1e6)
            exponent = math.log(b / a) / math.log(w10 / w1) if a > 0 and b > 0 else math.nan
            s1, s10 = m1[name].get("s", math.nan), m10[name].get("s", math.nan)
            print(f"{bench + ' / ' + name:44} {a:7.0f} {b:7.0f} {slope:9.1f} {exponent:8.2f} "
                  f"{s1:7.2f} {s10:7.2f}")
            shown += 1
    if shown:
        print("exponent: 1 = memory grows as the corpus, < 1 = slower than the corpus")


if __name__ == "__main__":
    main()
