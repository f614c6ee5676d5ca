"""How good and how fast auto-coding is, against the hand-labelled set.

Three matchers run side by side on the same passages (bench/data/autocode_eval.yaml)
with the default codebook, and are scored per theme at the paragraph level:

- exact:     the codebook's keywords as whole words, case-insensitive (what keyword
             search in QualCoder, Taguette or MAXQDA does);
- lemma:     keywords matched on spaCy lemmas (fr_core_news_sm), no typo tolerance;
- verbatims: the full matcher (lemmas, accent folding, OCR repairs, rapidfuzz,
             patterns), default threshold.

Then OCR-style noise is injected into 15% of the words (fixed seed) and the same
figures are printed again, with the share of its clean suggestions each matcher keeps.

`--speed` also times suggestions over the 1M-word benchmark corpus
(bench/make_corpus.py), lemmas cached, next to a brute-force baseline that compares
every word with every keyword.

    python bench/autocode.py [--speed] [--seed 7] [--rate 0.15]
    python bench/autocode.py --learn [--train 5] [--speed]   # learned suggestions
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from verbatims import paths  # noqa: E402
from verbatims.codebook import load_yaml  # noqa: E402
from verbatims.model.entities import Code  # noqa: E402
from verbatims.nlp import autocode  # noqa: E402
from verbatims.nlp import match as m  # noqa: E402

EVAL = HERE / "data" / "autocode_eval.yaml"
ANNEXE2 = Path(os.environ.get("VERBATIMS_SHARED") or REPO.parent / "shared") / "corpus" / "annexe2"
THEMES = ("équipement", "cybersécurité", "mutualisation", "numérique responsable")


@dataclass
class Passage:
    id: str
    text: str
    codes: frozenset[str]
    kind: str  # clean, ocr (typed with OCR damage), annexe2 (real OCR)


def load_passages() -> list[Passage]:
    data = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    out = []
    for item in data["passages"]:
        if "source" in item:
            name, _, index = item["source"].partition("#")
            path = ANNEXE2 / Path(name).name
            if not path.exists():
                continue
            paras = [p.strip() for p in re.split(r"\n[ \t]*\n", path.read_text("utf-8"))
                     if p.strip()]
            text, kind = unicodedata.normalize("NFC", paras[int(index)]), "annexe2"
        else:
            text, kind = item["text"], item.get("noise", "clean")
        out.append(Passage(item["id"], text, frozenset(item["codes"]), kind))
    return out


def codebook() -> tuple[list[Code], dict[int, str]]:
    """The default codebook as Code objects, and each code's theme (top-level code)."""
    codes: list[Code] = []
    theme: dict[int, str] = {}

    def walk(items: list[dict[str, object]], parent: int | None, top: str | None) -> None:
        for item in items:
            code = Code(len(codes) + 1, parent, str(item["name"]), "#000000",
                        keywords=tuple(item.get("keywords", ()) or ()),  # type: ignore[arg-type]
                        patterns=tuple(item.get("patterns", ()) or ()))  # type: ignore[arg-type]
            codes.append(code)
            theme[code.id] = top or code.name
            walk(item.get("codes", []) or [], code.id, top or code.name)  # type: ignore[arg-type]

    walk(load_yaml(paths.default_codebook())["codes"], None, None)
    return codes, theme


# -- the three matchers ----------------------------------------------------------------

Predict = Callable[[str], set[int]]


def exact_matcher(codes: Sequence[Code]) -> Predict:
    regexes = [(c.id, re.compile(r"(?<!\w)" + re.escape(k) + r"(?!\w)", re.IGNORECASE))
               for c in codes for k in c.keywords]

    def predict(text: str) -> set[int]:
        return {code_id for code_id, rx in regexes if rx.search(text)}

    return predict


def lemma_matcher(codes: Sequence[Code]) -> Predict:
    pairs = [(c.id, k) for c in codes for k in c.keywords]
    parsed = autocode.parse_phrases([k for _, k in pairs])
    keys = [(code_id, [(t.lemma, t.text.lower()) for t in toks if not t.is_punct])
            for (code_id, _), toks in zip(pairs, parsed, strict=True)]

    def predict(text: str) -> set[int]:
        (toks,) = autocode.parse_phrases([text])
        words = [(t.lemma, t.text.lower()) for t in toks if not t.is_punct]
        found = set()
        for code_id, key in keys:
            n = len(key)
            for i in range(len(words) - n + 1):
                if all(w[0] == k[0] or w[1] == k[1] for w, k in zip(words[i:i + n], key,
                                                                   strict=True)):
                    found.add(code_id)
                    break
        return found

    return predict


def verbatims_matcher(codes: Sequence[Code], threshold: float) -> Predict:
    book = autocode.compile_codebook(codes, threshold)

    def predict(text: str) -> set[int]:
        (toks,) = autocode.parse_phrases([text])
        return {x.code_id for x in autocode.find(book, text, m.units_from_tokens(toks, text))}

    return predict


# -- noise -----------------------------------------------------------------------------

_DROP = str.maketrans("éèêàâùûôîïç", "eeeaauuoiic")


def damage(word: str, rng: random.Random) -> str:
    """One OCR-style error, of the kinds seen in the Annexe 2 scans."""
    options: list[Callable[[str], str]] = []
    accented = [i for i, ch in enumerate(word) if ch in "éèêàâùûôîç"]
    if accented:
        i = rng.choice(accented)
        options.append(lambda w: w[:i] + w[i].translate(_DROP) + w[i + 1:])  # dropped
        options.append(lambda w: w[:i] + w[i].translate(_DROP) + w[i:])  # doubled "eé"
    if re.match(r"^[lL]['’]", word):
        options.append(lambda w: "I" + w[1:])  # l' read as I'
    if "ç" in word:
        options.append(lambda w: w.replace("ç", "¢"))
    if len(word) >= 6:
        cut = rng.randrange(2, len(word) - 2)
        options.append(lambda w: w[:cut] + " " + w[cut:])  # split word
        options.append(lambda w: w[:cut] + w[cut + 1:])  # dropped letter
    if "m" in word:
        options.append(lambda w: w.replace("m", "rn", 1))
    if "n" in word[:1]:
        options.append(lambda w: "h" + w[1:])
    if not options:
        return word
    return rng.choice(options)(word)


_WORD = re.compile(r"[\w'’-]+")


def add_noise(text: str, rate: float, rng: random.Random) -> str:
    """Damage `rate` of the words of a text (counted over all words, drawn among those
    an OCR error can change: "de" or "un" have nothing to lose)."""
    words = list(_WORD.finditer(text))
    damageable = [i for i, w in enumerate(words) if damage(w.group(), random.Random(0))
                  != w.group()]
    hit = set(rng.sample(damageable, min(len(damageable), round(rate * len(words)))))
    out, at = [], 0
    for i, w in enumerate(words):
        out.append(text[at:w.start()])
        out.append(damage(w.group(), rng) if i in hit else w.group())
        at = w.end()
    out.append(text[at:])
    return "".join(out)


# -- scoring ---------------------------------------------------------------------------


def predictions(predict: Predict, passages: Sequence[Passage], theme: dict[int, str],
                ) -> list[set[str]]:
    return [{theme[c] for c in predict(p.text)} for p in passages]


def scores(passages: Sequence[Passage], preds: Sequence[set[str]], name: str,
           ) -> tuple[float, float, float]:
    tp = sum(1 for p, got in zip(passages, preds, strict=True) if name in got and name in p.codes)
    fp = sum(1 for p, got in zip(passages, preds, strict=True)
             if name in got and name not in p.codes)
    fn = sum(1 for p, got in zip(passages, preds, strict=True)
             if name not in got and name in p.codes)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def micro(passages: Sequence[Passage], preds: Sequence[set[str]]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for p, got in zip(passages, preds, strict=True):
        tp += len(got & p.codes)
        fp += len(got - p.codes)
        fn += len(p.codes - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall)


def table(title: str, passages: Sequence[Passage], runs: dict[str, list[set[str]]]) -> None:
    print(f"\n{title} ({len(passages)} passages)")
    print(f"{'theme':<24}" + "".join(f"{name:>22}" for name in runs))
    print(f"{'':<24}" + "".join(f"{'P     R     F1':>22}" for _ in runs))
    for name in (*THEMES, "all (micro)"):
        cells = []
        for preds in runs.values():
            p, r, f = (micro(passages, preds) if name.startswith("all")
                       else scores(passages, preds, name))
            cells.append(f"{p:.2f}  {r:.2f}  {f:.2f}")
        print(f"{name:<24}" + "".join(f"{c:>22}" for c in cells))


def kept(clean: Sequence[set[str]], noisy: Sequence[set[str]]) -> float:
    before = sum(len(c) for c in clean)
    return sum(len(c & n) for c, n in zip(clean, noisy, strict=True)) / before if before else 1.0


def quality(seed: int, rate: float, threshold: float) -> None:
    passages = load_passages()
    codes, theme = codebook()
    matchers = {"exact keyword": exact_matcher(codes), "lemma": lemma_matcher(codes),
                "verbatims": verbatims_matcher(codes, threshold)}
    clean = {name: predictions(f, passages, theme) for name, f in matchers.items()}
    kinds = {k: sum(1 for p in passages if p.kind == k) for k in ("clean", "ocr", "annexe2")}
    print(f"Evaluation set: {len(passages)} passages ({kinds['clean']} clean, {kinds['ocr']} "
          f"typed with OCR damage, {kinds['annexe2']} from the real Annexe 2 scans); "
          f"threshold {threshold:g}.")
    picked = [i for i, p in enumerate(passages) if p.kind == "clean"]
    table("Clean passages", [passages[i] for i in picked],
          {n: [preds[i] for i in picked] for n, preds in clean.items()})
    table("All passages as written (clean + OCR-damaged)", passages, clean)
    rng = random.Random(seed)
    noisy_passages = [Passage(p.id, add_noise(p.text, rate, rng), p.codes, p.kind)
                      for p in passages]
    noisy = {name: predictions(f, noisy_passages, theme) for name, f in matchers.items()}
    table(f"Same passages, {rate:.0%} of the words damaged (seed {seed})", noisy_passages,
          noisy)
    print("\nShare of its own suggestions (passage × theme) each matcher keeps under noise:")
    for name in matchers:
        print(f"  {name:<16} {kept(clean[name], noisy[name]):.3f}")


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    import resource

    me, kids = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                   resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def speed(threshold: float) -> None:
    """Suggestions over the 1M-word corpus with lemmas cached, and a brute-force baseline."""
    import shutil
    import tempfile

    from rapidfuzz import fuzz, process

    from verbatims.ingest import read_all
    from verbatims.nlp import cache
    from verbatims.store import Project

    corpus = HERE / "out" / "corpus"
    if not corpus.is_dir():
        sys.exit("Run bench/make_corpus.py first (bench/out/corpus is missing).")
    kept_db = HERE / "out" / "autocode.sqlite"
    if not kept_db.exists():
        print("Building bench/out/autocode.sqlite: import + spaCy parse of the corpus "
              "(once; several minutes)...", flush=True)
        tmp = Path(tempfile.mkdtemp()) / "p.sqlite"
        project = Project.create(str(tmp))
        project.merge_codebook(load_yaml(paths.default_codebook())["codes"])
        docs, _ = read_all([corpus], None, None, (), None)
        project.add_documents(docs)
        t0 = time.perf_counter()
        cache.ensure_parsed(project)
        print(f"  parsed in {time.perf_counter() - t0:.0f} s")
        project.close()
        shutil.move(tmp, kept_db)
    project = Project.open(str(kept_db))
    words = sum(d.word_count for d in project.documents())
    t0 = time.perf_counter()
    from verbatims.nlp.pipeline import load

    load()
    t_load = time.perf_counter() - t0
    print(f"\nSpeed: {words:,} words, {len(project.codes())} codes; spaCy model loaded in "
          f"{t_load:.1f} s (for the keywords)")
    c_all = 0.0
    for processes in (1, 2):  # the command line uses 2 on a large corpus
        t0, c0 = time.perf_counter(), _cpu()
        proposals = autocode.propose(project, threshold=threshold, processes=processes)
        t_all, cpu = time.perf_counter() - t0, _cpu() - c0
        c_all = c_all or cpu
        print(f"  verbatims autocode, lemmas cached, {processes} process(es): {t_all:.1f} s "
              f"wall, {cpu:.1f} s CPU, {len(proposals):,} suggestions, "
              f"{words / t_all:,.0f} words/s")
    # Baseline, side by side: every word compared with every keyword word, no blocking.
    codes = project.codes()
    vocab = sorted({m.fold(w) for c in codes for k in c.keywords for w in k.split()})
    sample = autocode.document_units(project, [project.documents()[0].id])[0][2]
    t0 = time.process_time()
    for form in sample.forms:
        process.extract(form, vocab, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
    per_word = (time.process_time() - t0) / len(sample)
    print(f"  baseline, every word against every keyword word ({len(vocab)}), fuzzy only: "
          f"{per_word * words:.1f} s CPU for the corpus (measured on {len(sample):,} words), "
          f"{per_word * words / c_all:.1f}x the CPU time of the whole of autocode "
          "(1 process)")
    project.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rate", type=float, default=0.15)
    parser.add_argument("--threshold", type=float, default=m.DEFAULT_THRESHOLD)
    parser.add_argument("--speed", action="store_true", help="Also time the 1M-word corpus.")
    parser.add_argument("--speed-only", action="store_true", help="Only time the corpus.")
    parser.add_argument("--learn", action="store_true",
                        help="Learned suggestions against keywords (bench/autocode_learn.py); "
                             "with --speed, also on the 1M-word project.")
    parser.add_argument("--train", type=int, default=5,
                        help="With --learn: demo interviews coded by hand (the rest held out).")
    parser.add_argument("--lemmas", action="store_true",
                        help="With --learn: terms from the cached lemmas, not the analyses' "
                             "normalisation.")
    parser.add_argument("--parts", default="held-out,report,annexe2",
                        help="With --learn: which measures (held-out, report, annexe2), "
                             "comma-separated.")
    args = parser.parse_args()
    if args.learn:
        from bench import autocode_learn

        autocode_learn.main(args.train, args.speed, args.lemmas, args.parts.split(","))
        return
    if not args.speed_only:
        quality(args.seed, args.rate, args.threshold)
    if args.speed or args.speed_only:
        speed(args.threshold)


if __name__ == "__main__":
    main()
