"""Does the term normalisation give damaged words back, and leave real words alone?

The demo corpus is imported twice: as written, and with OCR-like damage applied
to a share of its content words (fixed seed), of the kinds the Annexe 2 extracts
show: an acute accent doubled ("numeérique"), grave and circumflex accents read as
acute ("trés", "étre"), accents lost ("numerique"), "h" for "n" ("humérique"),
"rn" for "m", "gu" for "qu", a letter dropped ("mutualistion"), two letters
swapped ("greenwhasing"), a double letter single ("reconditionés"), a letter
inserted ("responsabile"), "¢" for "ç". Both corpora are analysed as every figure
analyses them (analysis.corpus.load_docs).

- recovery: of the damaged content words (real French words in the clean text),
  the share whose term is the clean word's term (aim ≥ 0.9);
- wrong merges: of the real words left as written (the clean corpus, and the
  undamaged words of the damaged one), the share the normalisation changed into
  another word (aim ≤ 0.01).
The baseline is the same measure without the corpus-level repairs (the spaCy
lemma as it comes, after the token-level corrections).

    python bench/terms.py [--rate 0.15] [--seed 7]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from verbatims import paths  # noqa: E402
from verbatims.analysis import corpus  # noqa: E402
from verbatims.cli import main  # noqa: E402
from verbatims.nlp.words import word_lists  # noqa: E402
from verbatims.store import Project  # noqa: E402

WORD = re.compile(r"[^\W\d_]{4,}")
# The demo corpus's own typing and OCR errors (corpus/README.md): damage, not real words.
DELIBERATE = frozenset("""numeérique humérique numerique cybersécurite mutualistion
    reconditionés sauvgarde protecton greenwhasing""".split())
VOWELS = "aeiou"


def _damages(word: str) -> dict[str, str]:
    """Every kind of damage that applies to the word, and what it makes."""
    out: dict[str, str] = {}
    lower = word.lower()
    if "é" in lower:
        i = lower.index("é")
        out["é doubled (eé)"] = word[:i] + "e" + word[i:]
        out["accent lost"] = word[:i] + "e" + word[i + 1:]
    for grave in "èê":
        if grave in lower:
            i = lower.index(grave)
            out["grave/circumflex as acute"] = word[:i] + "é" + word[i + 1:]
    if "ç" in lower:
        i = lower.index("ç")
        out["¢ for ç"] = word[:i] + "¢" + word[i + 1:]
    if lower[0] == "n":
        out["h for n"] = ("H" if word[0].isupper() else "h") + word[1:]
    if "m" in lower[1:]:
        i = lower.index("m", 1)
        out["rn for m"] = word[:i] + "rn" + word[i + 1:]
    if "qu" in lower:
        i = lower.index("qu")
        out["gu for qu"] = word[:i] + "gu" + word[i + 2:]
    if len(word) >= 8:
        i = len(word) // 2
        out["letter dropped"] = word[:i] + word[i + 1:]
        if word[i] != word[i + 1]:
            out["two letters swapped"] = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        j = next((k for k in range(2, len(word) - 2) if word[k] in VOWELS), 0)
        if j:
            out["letter inserted"] = word[:j] + "i" + word[j:]
    doubled = re.search(r"([^\W\d_])\1", word)
    if doubled:
        out["double letter single"] = word[:doubled.start()] + word[doubled.end() - 1:]
    return out


def damage(text: str, rate: float, rng: random.Random, known: set[str]
           ) -> tuple[str, list[tuple[int, int, int, int, str]]]:
    """The damaged text and, per damaged word: damaged start, end, clean start, end, kind."""
    out: list[str] = []
    record = []
    at = 0
    shift = 0
    for match in WORD.finditer(text):
        word = match.group()
        if word.lower() not in known or rng.random() >= rate:
            continue
        line = text.rfind("\n", 0, match.start()) + 1
        colon = text.find(":", line, line + 60)
        if 0 <= colon and match.start() < colon:  # a speaker's label: "Enquêtrice :"
            continue
        options = _damages(word)
        if not options:
            continue
        kind = rng.choice(sorted(options))
        new = options[kind]
        out.append(text[at:match.start()])
        start = match.start() + shift
        out.append(new)
        record.append((start, start + len(new), match.start(), match.end(), kind))
        shift += len(new) - len(word)
        at = match.end()
    out.append(text[at:])
    return "".join(out), record


def build(folder: Path, texts: dict[str, str], project: Path) -> Project:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--project", str(project), "init", "--codebook", "default"]) == 0
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--project", str(project), "import", str(folder)]) == 0
    return Project.open(str(project))


def tokens(project: Project) -> dict[str, dict[int, tuple[str, str, str]]]:
    """document name -> token start -> (lemma, tag, why), as the analyses read them."""
    names = {d.id: d.name for d in project.documents()}
    out: dict[str, dict[int, tuple[str, str, str]]] = {}
    for doc in corpus.load_docs(project):
        out[names[doc.document_id]] = {
            s: (lem, tag, why) for s, lem, tag, why in zip(doc.starts, doc.lemmas, doc.tags,
                                                           doc.why, strict=True)}
    return out


def main_(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=0.15, help="share of words damaged")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--verbose", action="store_true", help="list the misses")
    args = parser.parse_args(argv)
    lists = word_lists()
    assert lists is not None
    source = paths.demo_corpus()
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(source.glob("*.txt"))}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        project = build(root / "clean", files, root / "clean.sqlite")
        # The text as stored (front matter off): the damage and its offsets apply to it.
        clean = {d.name: project.text(d.id) for d in project.documents()}
        a = tokens(project)
        known = {w.lower() for t in clean.values() for w in WORD.findall(t)
                 if lists.is_word(w.lower())}
        rng = random.Random(args.seed)
        damaged, records = {}, {}
        for name, text in clean.items():
            damaged[name], records[name] = damage(text, args.rate, rng, known)
        b = tokens(build(root / "damaged", damaged, root / "damaged.sqlite"))
        elapsed = time.perf_counter() - t0
    by_kind: Counter[str] = Counter()
    back: Counter[str] = Counter()
    base_back = 0
    total = real_word_errors = 0
    damaged_at: dict[str, set[int]] = {}
    for name, recs in records.items():
        damaged_at[name] = {r[0] for r in recs}
        for start, _end, clean_start, _clean_end, kind in recs:
            want = a[name].get(clean_start)
            if want is None or not want[1]:  # not a content word as written: not measured
                continue
            if lists.is_word(damaged[name][start:_end].lower()):
                real_word_errors += 1  # "nuit" -> "huit": a word, left alone by design
                continue
            got = b[name].get(start)
            total += 1
            by_kind[kind] += 1
            if got is not None and got[0] == want[0]:
                back[kind] += 1
                if got[2] not in ("ocr", "split"):
                    base_back += 1  # spaCy and the lookup table got it without the repairs
            elif args.verbose:
                print(f"  missed ({kind}): {damaged[name][start:_end]!r} -> {got} "
                      f"(clean {want[0]!r})")
    real = wrong = 0
    for name, toks in a.items():
        for start, (lemma, tag, why) in toks.items():
            written = WORD.match(clean[name], start)
            if written is not None and written.group().lower() in DELIBERATE:
                continue
            if tag or why in ("ocr", "split"):
                real += 1
                wrong += why in ("ocr", "split")
                if args.verbose and why in ("ocr", "split"):
                    print(f"  changed: {clean[name][start:start + 20].split()[0]!r} -> {lemma!r}")
    for name, toks in b.items():
        for start, (_lemma, tag, why) in toks.items():
            if start in damaged_at[name]:
                continue
            if tag or why in ("ocr", "split"):
                real += 1
                wrong += why in ("ocr", "split")
    recovered = sum(back.values())
    print(f"demo corpus, {args.rate:.0%} of its known words damaged (seed {args.seed}); "
          f"two imports and analyses in {elapsed:.1f} s")
    print(f"recovery: {recovered}/{total} damaged content words back as their clean term = "
          f"{recovered / max(total, 1):.3f} (aim >= 0.9); baseline without the repairs "
          f"{base_back / max(total, 1):.3f}")
    print(f"  ({real_word_errors} damaged words that are French words themselves, \"nuit\" -> "
          "\"huit\", are not counted: the normalisation never changes a real word)")
    for kind in sorted(by_kind):
        print(f"  {kind:<28} {back[kind]:>4}/{by_kind[kind]:<4} {back[kind] / by_kind[kind]:.2f}")
    print(f"wrong merges: {wrong}/{real} real content words changed into another word = "
          f"{wrong / max(real, 1):.4f} (aim <= 0.01)")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
