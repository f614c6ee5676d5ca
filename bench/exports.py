"""Exports at scale: extracts (DOCX, XLSX), pseudonymisation, and a .qdpx round trip.

Builds a project of the demo corpus copied 20 times (180 interviews), codes each
paragraph once, then times each export. Side by side, the baselines measured in
the same run: writing the same extract texts to a plain text file, replacing the
same names with plain `str.replace` (case-sensitive, one form only), and zipping
the raw texts. The ratio says what the real work costs over the least possible.

    python bench/exports.py
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from verbatims import paths  # noqa: E402
from verbatims.codebook import load_yaml  # noqa: E402
from verbatims.export import extracts, registry  # noqa: E402
from verbatims.ingest import read_all  # noqa: E402
from verbatims.model.entities import NewDocument  # noqa: E402
from verbatims.pseudo.replace import KeyEntry, Pseudonymizer  # noqa: E402
from verbatims.refi import qdpx_read, qdpx_write  # noqa: E402
from verbatims.store import Project  # noqa: E402

COPIES = 20
NAMES = ["Yannick Guillou", "Armor Informatique", "Kerhervé", "Saint-Brieuc", "Lannion",
         "Jean-Yves Le Goff", "Pierre-Yves Morvan", "Christophe Le Gall", "Nathalie Le Floch",
         "Mathieu Cadiou", "Erwan Jaouen", "Sophie Tanguy", "Quimper", "Vannes", "Brest"]


def timed(label: str, func, baseline_label: str, baseline) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    func()
    real = time.perf_counter() - start
    start = time.perf_counter()
    baseline()
    base = time.perf_counter() - start
    print(f"{label:<34} {real:7.2f} s   {baseline_label:<28} {base:7.3f} s   "
          f"ratio {real / base if base else float('inf'):6.1f}")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="verbatims-bench-exports-"))
    docs, _ = read_all([paths.demo_corpus()])
    many = [NewDocument(f"{i:02d}-{d.name}", d.text + f"\n(copie {i})\n", d.source_path,
                        d.source_format, d.encoding, d.turns, dict(d.attributes))
            for i in range(COPIES) for d in docs]
    project = Project.create(str(folder / "bench.sqlite"))
    project.merge_codebook(load_yaml(paths.default_codebook())["codes"])
    project.add_documents(many)
    leaves = [c for c in project.codes() if c.parent_id is not None]
    rows = []
    with project.write() as conn:
        from sqlalchemy import insert

        from verbatims.store import schema as s
        for n, doc in enumerate(project.documents()):
            text = project.text(doc.id)
            for k, m in enumerate(re.finditer(r"[^\n]+", text)):
                rows.append({"document_id": doc.id, "code_id": leaves[(n + k) % len(leaves)].id,
                             "start": m.start(), "end": m.end(), "coder": "bench",
                             "memo": None, "created_at": "2024-01-01T00:00:00+00:00"})
        conn.execute(insert(s.codings), rows)
    words = sum(d.word_count for d in project.documents())
    print(f"{len(many)} documents, {words} words, {len(rows)} codings\n")

    data = extracts.build(project)
    texts = [x.text for g in data.groups for x in g.extracts]
    plain = folder / "plain.txt"
    for fmt in ("docx", "odt", "xlsx", "html"):
        timed(f"export extracts {fmt}",
              lambda fmt=fmt: registry.export("extracts", fmt, extracts.build(project),
                                              folder / f"x.{fmt}"),
              "texts to a .txt", lambda: plain.write_text("\n\n".join(texts)))

    corpus = [project.text(d.id) for d in project.documents()]
    hide = Pseudonymizer([KeyEntry(n, f"[X{i}]", "PER", tuple(n.split()) if " " in n else ())
                          for i, n in enumerate(NAMES)])

    def naive() -> None:
        for text in corpus:
            for i, name in enumerate(NAMES):
                text = text.replace(name, f"[X{i}]")

    timed("pseudonymise the corpus", lambda: [hide(t) for t in corpus],
          "str.replace per name", naive)

    out = folder / "p.qdpx"

    def raw_zip() -> None:
        with zipfile.ZipFile(folder / "raw.zip", "w", zipfile.ZIP_DEFLATED) as zf:
            for i, text in enumerate(corpus):
                zf.writestr(f"{i}.txt", text)

    timed("export qdpx", lambda: qdpx_write.write(project, out), "zip the raw texts", raw_zip)
    timed("read qdpx (parse + positions)", lambda: qdpx_read.read(out),
          "unzip the raw texts",
          lambda: [zipfile.ZipFile(folder / "raw.zip").read(n)
                   for n in zipfile.ZipFile(folder / "raw.zip").namelist()])
    project.close()
    print(f"\nfiles in {folder}")


if __name__ == "__main__":
    main()
