"""The NLP cache: parsed once, offsets exact, re-parsed only when text or model change."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from sqlalchemy import update

from tests.conftest import OCR_CORPUS, CliRunner
from verbatims.nlp import cache
from verbatims.nlp.pipeline import MODEL_VERSION, load
from verbatims.store import Project
from verbatims.store import schema as s


def test_pipeline_runs_only_what_lemmas_need(nlp: Language) -> None:
    assert "parser" not in nlp.pipe_names and "ner" not in nlp.pipe_names
    assert {"lemmatizer", "morphologizer"} <= set(nlp.pipe_names)
    assert "fr_core_news_sm" in MODEL_VERSION
    doc = nlp("Les pièces jointes pèsent lourd. On les supprime.")
    assert [t.lemma_ for t in doc][:2] == ["le", "pièce"]
    assert len(list(doc.sents)) == 2


def test_parse_once_then_never_again(demo: Project, nlp: Language) -> None:
    docs = demo.documents()
    assert cache.ensure_parsed(demo) == len(docs)
    calls = load.cache_info()
    assert cache.ensure_parsed(demo) == 0
    assert load.cache_info() == calls  # the pipeline was not even asked for


def test_progress_counts_documents(run_cli: CliRunner, tmp_path: Path, nlp: Language) -> None:
    path = tmp_path / "small.sqlite"  # two short interviews: the demo is parsed elsewhere
    assert run_cli("-p", path, "init").code == 0
    assert run_cli("-p", path, "import", OCR_CORPUS).code == 0
    project = Project.open(str(path))
    seen: list[tuple[int, int]] = []
    assert cache.ensure_parsed(project, lambda done, total: seen.append((done, total))) == 2
    project.close()
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_tokens_point_at_the_stored_text(parsed: Project) -> None:
    doc = parsed.document("01-maire-commune-1000-2000.txt")
    text = parsed.text(doc.id)
    tokens = cache.tokens(parsed, doc.id)
    assert len(tokens) > 1000
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert all(t.lemma == t.lemma.lower() for t in tokens)
    sents = [t.sent for t in tokens]
    assert sents == sorted(sents) and sents[-1] > 20
    by_text = {t.text.lower(): t for t in tokens}
    assert by_text["euh"].is_stop and by_text["hein"].is_stop  # spoken fillers
    assert by_text[","].is_punct
    assert not by_text["ordinateur"].is_stop
    assert by_text["ordinateur"].pos == "NOUN"
    rires = [t for t in tokens if t.text == "rires"]
    assert rires and all(t.is_stop for t in rires)  # "[rires]" is a transcription mark


def test_changed_model_means_parse_again(parsed: Project) -> None:
    doc = parsed.documents()[0]
    with parsed.write() as conn:
        conn.execute(update(s.nlp_tokens).where(s.nlp_tokens.c.document_id == doc.id)
                     .values(model="fr_core_news_sm-0.1"))
    assert cache.stale(parsed) == [doc.id]
    assert cache.ensure_parsed(parsed) == 1
    assert cache.ensure_parsed(parsed) == 0


def test_project_stop_words_change_is_stop(run_cli: CliRunner, parsed_path: Path) -> None:
    assert run_cli("--project", parsed_path, "stopwords", "add", "Ordinateur").code == 0
    assert run_cli("--project", parsed_path, "stopwords", "remove", "euh").code == 0
    listed = run_cli("--project", parsed_path, "stopwords", "list")
    assert "+ ordinateur" in listed.out and "- euh" in listed.out
    project = Project.open(str(parsed_path))
    doc = project.document("01-maire-commune-1000-2000.txt")
    by_text = {t.text.lower(): t for t in cache.tokens(project, doc.id)}
    assert by_text["ordinateur"].is_stop
    assert not by_text["euh"].is_stop
    project.close()


def test_cache_is_compact(parsed: Project) -> None:
    from verbatims.store import nlpcache

    rows = nlpcache.load(parsed)
    assert len(rows) == len(parsed.documents())  # one row per document
    tokens = sum(len(p) for p in cache.parsed(parsed))
    size = sum(len(r[2]) for r in rows.values())
    assert size / tokens < 8  # bytes per token, lemmas included
