"""Import the 1M-word benchmark corpus; print words per second, store size, peak memory.

Side by side in the same run, the baseline: reading the same files and
inserting their raw text with bare sqlite3 (no decoding checks, no turns, no
attributes), the least any importer must do. Run bench/make_corpus.py first.

    python bench/ingest.py
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from record import keep  # noqa: E402

from verbatims.ingest import read_all  # noqa: E402
from verbatims.store import Project  # noqa: E402

CORPUS = HERE / "out" / "corpus"


def baseline(files: list[Path], db: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE docs (name TEXT, text TEXT)")
    with conn:
        conn.executemany("INSERT INTO docs VALUES (?, ?)",
                         ((p.name, p.read_text(encoding="utf-8")) for p in files))
    conn.close()
    return time.perf_counter() - start


def verbatims_import(db: Path, corpus: Path) -> tuple[float, int]:
    start = time.perf_counter()
    project = Project.create(str(db))
    docs, _ = read_all([corpus])
    added = project.add_documents(docs)
    project.close()
    return time.perf_counter() - start, sum(d.word_count for d in added)


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of .txt files")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        sys.exit("No benchmark corpus: run `python bench/make_corpus.py` first.")
    with tempfile.TemporaryDirectory() as tmp:
        base_db, our_db = Path(tmp) / "baseline.sqlite", Path(tmp) / "bench.sqlite"
        base_s = baseline(files, base_db)
        ours_s, words = verbatims_import(our_db, args.corpus)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"corpus:            {len(files)} files, {words:,} words")
        print(f"verbatims import:  {ours_s:6.2f} s  {words / ours_s:12,.0f} words/s  "
              f"(aim: under 30 s)")
        print(f"baseline (sqlite3 raw insert): {base_s:6.2f} s  {words / base_s:12,.0f} words/s")
        print(f"ratio verbatims/baseline time: {ours_s / base_s:.1f}x")
        print(f"store size on disk: {size(our_db) / 1e6:.1f} MB "
              f"(baseline {size(base_db) / 1e6:.1f} MB)")
        print(f"peak memory (process): {peak_mb:.0f} MB")
        keep("ingest", words, {"import": {"mb": peak_mb, "s": ours_s}})


if __name__ == "__main__":
    main()
