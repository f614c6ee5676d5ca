"""A team coding at once: PostgreSQL and SQLite side by side, 4 and 8 coders.

Each coder is a process of their own that codes random passages of the 1M-word
benchmark project through `Project.add_coding`, the write path of the workbench
and the command line (a commit, its undo record and, on PostgreSQL, the change
counter). All start together; the figures are:
- codings per second, all coders together, from the start signal to the last commit;
- latency per coding (the call, commit included), median and 95th percentile;
- nothing lost: every coding a coder was told is done is in the project afterwards.
The baseline, measured in the same run on the same project: one coder alone.
Aim: p95 under 50 ms on PostgreSQL with 4 coders.

    python bench/make_corpus.py            # once: bench/out/corpus (1M words)
    python bench/team.py [--codings 30] [--coders 4,8] [--postgres URL]

Without --postgres (or VERBATIMS_TEST_POSTGRES), a throwaway server is started with
.ci/postgres.sh and stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from verbatims.codebook import load_yaml  # noqa: E402
from verbatims.ingest import read_all  # noqa: E402
from verbatims.redact import redact  # noqa: E402
from verbatims.store import Project  # noqa: E402
from verbatims.store.copy import copy_project  # noqa: E402

OUT = HERE / "out"
CORPUS = OUT / "corpus"
CACHE = OUT / "team-bench.sqlite"
CODEBOOK = REPO / "codebooks" / "numerique-collectivites.yaml"

CODER = r"""
import json, random, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[5])
from verbatims.store import Project, history

location, coder, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
project = Project.open(location)
docs = project.documents()
codes = [c.id for c in project.codes()]
rng = random.Random(coder)
print("ready", flush=True)
while not go.exists():
    time.sleep(0.002)
latencies, done = [], []
for i in range(n):
    doc = rng.choice(docs)
    start = rng.randrange(0, doc.char_count - 400)
    t = time.perf_counter()
    coding = project.add_coding(doc.id, start, start + rng.randint(20, 400),
                                rng.choice(codes), coder)
    latencies.append(time.perf_counter() - t)
    done.append(coding.id)
finished = time.time()
project.close()
print(json.dumps({"latencies": latencies, "done": done, "finished": finished}))
"""


def build() -> Path:
    """The 1M-word benchmark project on SQLite, built once."""
    if CACHE.exists():
        return CACHE
    if not CORPUS.is_dir():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py")], check=True)
    docs, _ = read_all([CORPUS])
    project = Project.create(str(CACHE))
    project.merge_codebook(load_yaml(CODEBOOK)["codes"])
    project.add_documents(docs)
    project.close()
    return CACHE


def run_team(location: str, coders: int, each: int, tag: str) -> dict[str, float]:
    """`coders` processes coding `each` passages at once; the figures of that run."""
    with tempfile.TemporaryDirectory() as folder:
        go = Path(folder) / "go"
        names = [f"{tag}-{i}" for i in range(coders)]
        procs = [subprocess.Popen([sys.executable, "-c", CODER, location, name, str(each),
                                   str(go), str(REPO / "src")], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for name in names]
        for proc in procs:
            assert proc.stdout is not None
            line = proc.stdout.readline().strip()
            if line != "ready":
                err = proc.stderr.read() if proc.stderr else ""
                raise SystemExit(f"a coder failed to start: {redact(err[-2000:])}")
        started = time.time()
        go.touch()
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=900)
            if proc.returncode != 0:
                raise SystemExit(f"a coder failed: {redact(err[-2000:])}")
            results.append(json.loads(out.strip().splitlines()[-1]))
    latencies = [x for r in results for x in r["latencies"]]
    wall = max(r["finished"] for r in results) - started
    project = Project.open(location)
    stored = {c.id for c in project.codings() if c.coder in names}
    project.close()
    told = {i for r in results for i in r["done"]}
    return {
        "coders": coders, "codings": len(latencies), "per_second": len(latencies) / wall,
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": statistics.quantiles(latencies, n=20)[-1] * 1000,
        "lost": len(told - stored),
    }


def fresh_database(admin: str) -> str:
    name = f"verbatims_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(make_url(admin).set(drivername="postgresql+psycopg"),
                           isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


def drop_database(admin: str, url: str) -> None:
    engine = create_engine(make_url(admin).set(drivername="postgresql+psycopg"),
                           isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    engine.dispose()


def start_server() -> tuple[str, dict[str, str]]:
    """A throwaway server from .ci/postgres.sh; returns its URL and what stops it."""
    script = (f". {REPO / '.ci' / 'postgres.sh'} && verbatims_pg_start >&2 && "
              'echo "$VERBATIMS_TEST_POSTGRES $VERBATIMS_PG_DIR $VERBATIMS_PG_BIN"')
    out = subprocess.run(["bash", "-c", script], check=True, capture_output=True, text=True)
    url, folder, binary = out.stdout.split()
    return url, {"VERBATIMS_PG_DIR": folder, "VERBATIMS_PG_BIN": binary}


def stop_server(state: dict[str, str]) -> None:
    subprocess.run(["bash", "-c", f". {REPO / '.ci' / 'postgres.sh'} && verbatims_pg_stop"],
                   env={**os.environ, **state}, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--codings", type=int, default=30, help="codings per coder")
    parser.add_argument("--coders", default="4,8", help="team sizes, comma-separated")
    parser.add_argument("--postgres", default=os.environ.get("VERBATIMS_TEST_POSTGRES"),
                        help="a postgresql:// URL of a server where databases may be created")
    args = parser.parse_args()
    sizes = [int(n) for n in args.coders.split(",")]
    source = build()
    started_server: dict[str, str] | None = None
    admin = args.postgres
    if not admin:
        admin, started_server = start_server()
    with tempfile.TemporaryDirectory() as folder:
        sqlite_copy = Path(folder) / "team.sqlite"
        shutil.copy(source, sqlite_copy)
        url = fresh_database(admin)
        try:
            t = time.perf_counter()
            copy_project(str(source), url)
            print(f"copied the 1M-word project to PostgreSQL in {time.perf_counter() - t:.1f} s "
                  f"({redact(url)})")
            rows = []
            for backend, location in (("PostgreSQL", url), ("SQLite", str(sqlite_copy))):
                rows.append((backend, run_team(location, 1, args.codings, "alone")))
                for size in sizes:
                    rows.append((backend, run_team(location, size, args.codings, f"team{size}")))
        finally:
            drop_database(admin, url)
            if started_server is not None:
                stop_server(started_server)
    print(f"\n{'backend':<11} {'coders':>6} {'codings':>8} {'codings/s':>10} {'median ms':>10} "
          f"{'p95 ms':>8} {'lost':>5}")
    for backend, r in rows:
        label = "1 (base)" if r["coders"] == 1 else str(int(r["coders"]))
        print(f"{backend:<11} {label:>6} {int(r['codings']):>8} {r['per_second']:>10.1f} "
              f"{r['median_ms']:>10.1f} {r['p95_ms']:>8.1f} {int(r['lost']):>5}")
    pg4 = next((r for b, r in rows if b == "PostgreSQL" and r["coders"] == 4), None)
    if pg4 is not None:
        verdict = "met" if pg4["p95_ms"] < 50 else "NOT met"
        print(f"\naim p95 < 50 ms on PostgreSQL with 4 coders: {pg4['p95_ms']:.1f} ms, {verdict}")


if __name__ == "__main__":
    main()
