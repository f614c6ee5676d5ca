"""Lemmatise the 1M-word benchmark corpus; print tokens per second next to bare spaCy.

Side by side in the same run, on the same texts with the same pipes
(`verbatims.nlp.pipeline.load()`, n_process=2):

- bare:      `nlp.pipe(texts)`, tokens only counted, nothing kept;
- verbatims: `ensure_parsed(project)` from an empty cache, which also packs
             every token and commits it to the store;
  (the two alternate over `--rounds` groups of documents, so that other load on
  the machine falls on both alike)
- again:     `ensure_parsed(project)` on the unchanged corpus (must parse 0
             documents and not load spaCy's work at all);
- load:      reading every token back from the store (what each figure does).

Aim: verbatims at least 0.9 of bare spaCy. Run bench/make_corpus.py first.

    python bench/nlp.py [--project bench/out/nlp.sqlite] [--corpus bench/out/corpus]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from sqlalchemy import delete  # noqa: E402

from verbatims.ingest import read_all  # noqa: E402
from verbatims.nlp import cache  # noqa: E402
from verbatims.nlp.pipeline import load  # noqa: E402
from verbatims.store import Project, nlpcache  # noqa: E402
from verbatims.store import schema as s  # noqa: E402

CORPUS = HERE / "out" / "corpus"


def project_at(path: Path, corpus: Path = CORPUS) -> Project:
    """The benchmark project, imported once and kept between runs."""
    if path.exists():
        return Project.open(str(path))
    if not corpus.is_dir():
        sys.exit(f"{corpus} is missing: run `python bench/make_corpus.py` first.")
    project = Project.create(str(path))
    files = sorted(corpus.glob("*.txt"))
    for i in range(0, len(files), 500):  # in batches: 10M words are 65 MB of text
        docs, _ = read_all(files[i:i + 500])
        project.add_documents(docs)
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=HERE / "out" / "nlp.sqlite")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help="folder of .txt files imported when --project is missing")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds")
    args = parser.parse_args()
    project = project_at(args.project, args.corpus)
    docs = project.documents()
    texts = list(nlpcache.texts(project, [d.id for d in docs]).values())
    words = sum(d.word_count for d in docs)
    print(f"corpus: {len(docs)} documents, {words:,} words, {sum(map(len, texts)):,} characters")

    start = time.perf_counter()
    nlp = load()
    print(f"model load: {time.perf_counter() - start:.1f} s  pipes: {', '.join(nlp.pipe_names)}")

    # Interleaved rounds (bare, then verbatims, on the same documents) so that other
    # work on the machine weighs on both sides alike.
    with project.write() as conn:
        conn.execute(delete(s.nlp_tokens))
    ids = [d.id for d in docs]
    by_id = dict(zip(ids, texts, strict=True))
    bare = ours = 0.0
    bare_tokens = parsed = 0
    for k in range(args.rounds):
        group = ids[k::args.rounds]
        start = time.perf_counter()
        bare_tokens += sum(len(doc) for doc in nlp.pipe([by_id[i] for i in group], n_process=2,
                                                        batch_size=8))
        bare += time.perf_counter() - start
        start = time.perf_counter()
        parsed += cache.ensure_parsed(project, document_ids=group)
        ours += time.perf_counter() - start
        print(f"  round {k + 1}/{args.rounds}: bare {bare:.0f} s, verbatims {ours:.0f} s so far")
    print(f"bare nlp.pipe (n_process=2): {bare_tokens:,} tokens in {bare:.1f} s = "
          f"{bare_tokens / bare:,.0f} tokens/s")
    print(f"verbatims ensure_parsed (cold, stored): {parsed} documents, {bare_tokens:,} tokens "
          f"in {ours:.1f} s = {bare_tokens / ours:,.0f} tokens/s  "
          f"ratio to bare: {bare / ours:.2f} (aim >= 1.0)")

    start = time.perf_counter()
    again = cache.ensure_parsed(project)
    print(f"second run on the unchanged corpus: {again} documents parsed in "
          f"{time.perf_counter() - start:.3f} s")

    start = time.perf_counter()
    columns = cache.parsed(project)
    stored = sum(len(p) for p in columns)
    print(f"load every token from the store: {stored:,} tokens in "
          f"{time.perf_counter() - start:.2f} s")
    size = sum(len(row[2]) for row in nlpcache.load(project).values())
    print(f"cache size: {size / 1e6:.1f} MB ({size / max(stored, 1):.1f} bytes per token)")
    project.close()


if __name__ == "__main__":
    main()
