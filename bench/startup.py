"""Fixed costs: how long `verbatims --help`, `--version` and a small command take to start.

Each command runs `--runs` times in a fresh interpreter; the best wall time and
the best CPU time (user + system) are kept, since other work on the machine only
ever adds to them. Printed beside them, in the same run:

- the bare interpreter (`python -c pass`), which no command can go below;
- with `--baseline DIR`, the same commands with another checkout's code
  (`PYTHONPATH=DIR/src`, e.g. `git archive main | tar -x -C DIR`);
- `python -X importtime`: the modules `--help` imports, the heaviest first, and
  whether SQLAlchemy, spaCy or pandas are among them (they must not be).

Aim: `--help` and `--version` under 0.15 s.

    python bench/startup.py [--runs 15] [--baseline DIR] [--project FILE]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
ENTRY = "import sys; from verbatims.cli import main; sys.exit(main(sys.argv[1:]))"


def run(argv: list[str], source: Path | None) -> tuple[float, float]:
    """Wall and CPU seconds of one process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str((source or HERE.parent) / "src")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"{' '.join(argv)} failed: {done.stderr.strip()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best(argv: list[str], runs: int, source: Path | None = None) -> tuple[float, float]:
    results = [run(argv, source) for _ in range(runs)]
    return min(w for w, _ in results), min(c for _, c in results)


def imported(args: list[str]) -> list[tuple[int, str]]:
    """(cumulative microseconds, module) of the top-level imports of one run."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "src"))
    done = subprocess.run([PYTHON, "-X", "importtime", "-c", ENTRY, *args], env=env,
                          capture_output=True, text=True)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        _self, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), name[1:].rstrip()))  # nested imports stay indented
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--project", type=Path, help="a project for `codes` (default: none)")
    args = parser.parse_args()
    commands = {"--help": ["--help"], "--version": ["--version"],
                "--lang fr --help": ["--lang", "fr", "--help"], "cooc --help": ["cooc", "--help"]}
    if args.project is not None:
        commands["codes (a project)"] = ["--project", str(args.project), "codes"]
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; best of "
          f"{args.runs} runs")
    title = f"{'command':24} {'wall s':>8} {'cpu s':>8}"
    if args.baseline is not None:
        title += f" {'base wall':>10} {'base cpu':>9}"
    print(title + "  aim")
    wall, cpu = best([PYTHON, "-c", "pass"], args.runs)
    print(f"{'python -c pass':24} {wall:8.3f} {cpu:8.3f}")
    for label, argv in commands.items():
        wall, cpu = best([PYTHON, "-c", ENTRY, *argv], args.runs)
        line = f"{label:24} {wall:8.3f} {cpu:8.3f}"
        if args.baseline is not None:
            b_wall, b_cpu = best([PYTHON, "-c", ENTRY, *argv], args.runs, args.baseline)
            line += f" {b_wall:10.3f} {b_cpu:9.3f}"
        aim = "< 0.150" if label in ("--help", "--version") else ""
        mark = "" if not aim else ("ok" if wall < 0.15 else "SLOW")
        print(f"{line}  {aim} {mark}")
    rows = imported(["--help"])
    names = {name.strip() for _, name in rows}
    heavy = sorted(n for n in ("sqlalchemy", "spacy", "pandas", "numpy", "textual", "matplotlib")
                   if n in names)
    top = sorted((r for r in rows if not r[1].startswith(" ")), reverse=True)[:8]
    print("`--help` imports (python -X importtime, cumulative, top level): " +
          ", ".join(f"{name} {us / 1000:.0f} ms" for us, name in top))
    print(f"heavy libraries imported by `--help`: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
