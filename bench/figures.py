"""Time `cooc`, `cloud`, `map`, `stats` on the 1M-word project, lemmas cached.

Each command runs as a user runs it (a fresh `verbatims` process, wall time,
interpreter start included). The project is bench/out/nlp.sqlite from
bench/nlp.py; the first run codes it (the sentence around each codebook keyword,
the way a quick first pass of auto-coding would) and caches the lemmas.

Aim: each command under 5 s once lemmas are cached. The first figure after an
import or a stop-word change also analyses the corpus and keeps it in the
project ("cold" below); the figures after it read it back.

With `--baseline DIR` (another checkout, e.g. `git worktree add /tmp/base main`),
each command also runs with that checkout's code (`PYTHONPATH=DIR/src`) on a copy
of the project, alternating with this one's, so both see the same machine load;
commands the baseline lacks show "—".

    python bench/figures.py [--project bench/out/nlp.sqlite] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from children import child_env, older  # noqa: E402
from record import keep  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from verbatims import paths  # noqa: E402
from verbatims.codebook import load_yaml  # noqa: E402
from verbatims.nlp.cache import ensure_parsed  # noqa: E402
from verbatims.store import Project  # noqa: E402
from verbatims.store import schema as s  # noqa: E402
from verbatims.store.convert import now  # noqa: E402

VERBATIMS = Path(sys.executable).parent / "verbatims"
TIME = "/usr/bin/time"  # GNU time (Debian: apt install time)


def prepare(path: Path) -> None:
    if not path.exists():
        sys.exit(f"{path} is missing: run `python bench/nlp.py` first.")
    project = Project.open(str(path))
    if not project.codes():
        book = load_yaml(paths.default_codebook())
        project.merge_codebook(book["codes"])
    with project.read() as conn:
        coded = conn.execute(select(func.count()).select_from(s.codings)).scalar_one()
    if not coded:
        rows = []
        patterns = [(c.id, re.compile("|".join(re.escape(k) for k in c.keywords), re.I))
                    for c in project.codes() if c.keywords]
        for doc in project.documents():
            text = project.text(doc.id)
            for code_id, pattern in patterns:
                for match in pattern.finditer(text):
                    start = text.rfind("\n", 0, match.start()) + 1
                    end = text.find(".", match.end())
                    rows.append({"document_id": doc.id, "code_id": code_id, "start": start,
                                 "end": len(text) if end < 0 else end + 1, "coder": "bench",
                                 "created_at": now()})
        with project.write() as conn:
            conn.execute(insert(s.codings), rows)
        print(f"coded the corpus: {len(rows):,} codings")
    began = time.perf_counter()
    parsed = ensure_parsed(project)
    if parsed:
        print(f"lemmatised {parsed} documents in {time.perf_counter() - began:.0f} s")
    project.close()


def forget_analysis(path: Path) -> None:
    """Drop the analysed corpus kept by the last figure: the first run below pays for
    analysing it again (lemmas stay cached), as after an import or a stop-word change."""
    project = Project.open(str(path))
    with project.write() as conn:
        conn.execute(s.analysis_cache.delete())
    project.close()


def timed(args: list[str], source: Path | None = None) -> tuple[float, float, float]:
    """Wall time, CPU time (user + system) and peak memory (MB) of one `verbatims`
    process (with the code of the checkout `source` if given). GNU time starts it, so
    the peak is the command's own (a child forked from this process would start with
    this one's resident size)."""
    env = child_env()
    if source is not None:
        env["PYTHONPATH"] = str(source / "src")
    with tempfile.NamedTemporaryFile("r") as usage:
        start = time.perf_counter()
        result = subprocess.run([TIME, "-f", "%U %S %M", "-o", usage.name, str(VERBATIMS),
                                 *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True, env=env)
        elapsed = time.perf_counter() - start
        if result.returncode:
            sys.exit(f"verbatims {' '.join(args)} failed: {result.stderr.strip()}")
        user, system, kb = usage.read().split()[-3:]
    return elapsed, float(user) + float(system), int(kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=HERE / "out" / "nlp.sqlite")
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    args = parser.parse_args()
    prepare(args.project)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        copy = out / "baseline.sqlite"
        if args.baseline is not None:
            import sqlite3

            with sqlite3.connect(args.project) as src, sqlite3.connect(copy) as dst:
                src.backup(dst)
        base = ["--project", str(args.project)]
        runs = {
            "--version (interpreter start)": [*base, "--version"],
            "cooc --pivot -o csv, cold": [*base, "cooc", "--pivot", "numérique responsable",
                                          "-o", str(out / "cold.csv")],
            "cooc --pivot -o png": [*base, "cooc", "--pivot", "numérique responsable", "-o",
                                    str(out / "cooc.png")],
            "cooc --pivot -o csv": [*base, "cooc", "--pivot", "numérique responsable", "-o",
                                    str(out / "cooc.csv")],
            "cooc --code -o png": [*base, "cooc", "--code", "sobriété", "-o",
                                   str(out / "code.png")],
            "cloud -o png": [*base, "cloud", "-o", str(out / "cloud.png")],
            "cloud --code -o png": [*base, "cloud", "--code", "numérique responsable", "-o",
                                    str(out / "cloud_code.png")],
            "map -o png": [*base, "map", "-o", str(out / "map.png")],
            "stats --by -o xlsx": [*base, "stats", "--by", "type_collectivite", "-o",
                                   str(out / "stats.xlsx")],
            "saturation -o png": [*base, "saturation", "-o", str(out / "sat.png")],
            "similitude --code -o png": [*base, "similitude", "--code",
                                         "numérique responsable", "-o", str(out / "sim.png")],
            "kwic réemploi -o csv": [*base, "kwic", "réemploi", "-o", str(out / "kwic.csv")],
        }
        print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores "
              "(other work on the machine inflates wall time, less so CPU time)")
        title = f"{'command':34} {'wall s':>8} {'cpu s':>8} {'MB':>6}"
        if args.baseline is not None:
            title += f" {'base wall':>10} {'base cpu':>9} {'base MB':>8}"
        print(title + "  aim < 5 s, < 2,000 MB")
        forget_analysis(args.project)
        if args.baseline is not None:
            forget_analysis(copy)
            older(copy, args.baseline)
        measures: dict[str, dict[str, float]] = {}
        for name, argv in runs.items():
            wall, cpu, mb = timed(argv)
            measures[name] = {"mb": mb, "s": wall, "cpu": cpu}
            mark = "" if name.startswith("--version") else (
                "ok" if wall < 5 and mb < 2000 else "SLOW")
            line = f"{name:34} {wall:8.2f} {cpu:8.2f} {mb:6.0f}"
            if args.baseline is not None:
                command = argv[2] if len(argv) > 2 else ""
                if command in ("similitude", "kwic") and not (
                        args.baseline / "src" / "verbatims" / "analysis" / "kwic.py").exists():
                    line += f" {'—':>10} {'—':>9} {'—':>8}"
                else:
                    theirs = ["--project", str(copy), *argv[2:]]
                    b_wall, b_cpu, b_mb = timed(theirs, args.baseline)
                    line += f" {b_wall:10.2f} {b_cpu:9.2f} {b_mb:8.0f}"
            print(f"{line}  {mark}")
        project = Project.open(str(args.project))
        keep("figures", sum(d.word_count for d in project.documents()), measures)
        project.close()


if __name__ == "__main__":
    main()
