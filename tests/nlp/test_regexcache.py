"""The French tokenizer's huge regex is compiled once per machine: the pattern read back
from the cache folder matches exactly what `re.compile` makes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from verbatims.nlp import regexcache

WORDS = ["faux-vampire", "entr'abat", "saut-de-ski", "pet-en-l'air", "porte-monnaie", "Wi-Fi",
         "numérique", "yo-yo", "anti-choc", "rick-rollé", "Arc-en-Ciel", "c'est-à-dire", "",
         "grande-s'amuse", "abc-", "-abc", "ÉTATS-UNIS", "l'", "ultra-rapide", "à-dire"]


def big_pattern() -> str:
    """A pattern as long as spaCy's (a hundred thousand characters and more)."""
    alternatives = [rf"^{w}[-‐][a-zà-ÿ]+$" for w in ("faux", "anti", "ultra", "yo", "entr")]
    filler = [rf"^x{i:05d}[a-zà-ÿ]*$" for i in range(8000)]
    return "(?iu)" + "|".join(f"(?:{a})" for a in alternatives + filler)


def spans(pattern: re.Pattern[str], words: list[str]) -> list[tuple[int, int] | None]:
    found = [pattern.match(w) for w in words]
    return [m.span() if m else None for m in found]


def test_a_large_pattern_is_kept_and_read_back_the_same(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    monkeypatch.setenv("VERBATIMS_CACHE_DIR", str(tmp_path))
    source = big_pattern()
    assert len(source) > regexcache.LARGE
    expected = re.compile(source)
    first = regexcache.compile_cached(source)
    kept = list(tmp_path.glob("regex-*.bin"))
    assert len(kept) == 1
    again = regexcache.compile_cached(source)  # from the file this time
    words = [*WORDS, "x00042abc", "x07999", "x08000", "faux-nez", "FAUX-NEZ"]
    assert spans(first, words) == spans(again, words) == spans(expected, words)
    assert again.flags == expected.flags and again.groups == expected.groups


def test_a_damaged_file_only_costs_a_compilation(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERBATIMS_CACHE_DIR", str(tmp_path))
    source = big_pattern()
    regexcache.compile_cached(source)
    (kept,) = tmp_path.glob("regex-*.bin")
    data = kept.read_bytes()
    kept.write_bytes(data[:-40] + bytes(40))  # the code changed: its digest no longer matches
    again = regexcache.compile_cached(source)
    assert spans(again, WORDS) == spans(re.compile(source), WORDS)


def test_small_patterns_and_code_outside_the_block_are_untouched(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    monkeypatch.setenv("VERBATIMS_CACHE_DIR", str(tmp_path))
    from re import _compiler  # type: ignore[attr-defined]

    original = _compiler.compile
    with regexcache.compiled_once():
        assert re.compile(r"(?i)^faux-\w+$").match("Faux-Nez")
        re.compile(big_pattern() + "|(?:^zz$)")
    assert _compiler.compile is original
    assert len(list(tmp_path.glob("regex-*.bin"))) == 1


def test_spacy_tokenizes_alike_with_its_regex_from_the_cache(tmp_path: Path) -> None:
    """Two fresh processes: the first compiles and keeps the regex, the second reads it;
    both tokenize a hard sentence exactly as spaCy does without the cache."""
    code = ("import sys\nfrom verbatims.nlp.pipeline import load\n"
            "doc = load().make_doc(\"Le pet-en-l'air d'entr'abat, c'est-à-dire l'arc-en-ciel "
            "du porte-monnaie Wi-Fi, yo-yo.\")\n"
            "print('|'.join(t.text for t in doc))\n"
            "import spacy.lang.fr.tokenizer_exceptions as te\n"
            "print(te.TOKEN_MATCH.__self__.pattern[:20])")
    env = {"VERBATIMS_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, timeout=600) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr[-2000:]
    assert runs[0].stdout == runs[1].stdout
    assert len(list(tmp_path.glob("regex-*.bin"))) == 1
    bare = ("import spacy\nnlp = spacy.blank('fr')\n"
            "doc = nlp.make_doc(\"Le pet-en-l'air d'entr'abat, c'est-à-dire l'arc-en-ciel "
            "du porte-monnaie Wi-Fi, yo-yo.\")\nprint('|'.join(t.text for t in doc))")
    plain = subprocess.run([sys.executable, "-c", bare], capture_output=True, text=True,
                           timeout=600)
    assert plain.returncode == 0, plain.stderr[-2000:]
    assert runs[1].stdout.splitlines()[0] == plain.stdout.strip()
