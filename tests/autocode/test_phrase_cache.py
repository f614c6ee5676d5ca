"""Keywords and queries parsed once per project: read back, the same tokens as spaCy's."""

from __future__ import annotations

from sqlalchemy import func, select

from verbatims.nlp import autocode
from verbatims.nlp.pipeline import MODEL_VERSION
from verbatims.store import Project, nlpcache
from verbatims.store import schema as s

PHRASES = ["pièces jointes", "l'impact écologique", "reconditionnés", "Wi-Fi", "éco-conception",
           "c'est-à-dire"]


def _rows(project: Project) -> int:
    with project.read() as conn:
        return int(conn.execute(select(func.count()).select_from(s.nlp_phrases)).scalar_one())


def test_phrases_are_kept_and_read_back_as_parsed(demo: Project) -> None:
    fresh = autocode.parse_phrases(PHRASES)
    assert _rows(demo) == 0
    first = autocode.parse_phrases(PHRASES, demo)
    assert _rows(demo) == len(PHRASES)
    again = autocode.parse_phrases([*PHRASES[::-1], PHRASES[0]], demo)
    assert first == fresh
    assert again == [*fresh[::-1], fresh[0]]
    assert [t.lemma for t in again[-1]] == [t.lemma for t in fresh[0]]
    assert _rows(demo) == len(PHRASES)  # nothing parsed, nothing added


def test_a_phrase_is_parsed_again_for_another_model(demo: Project) -> None:
    autocode.parse_phrases(["pièces jointes"], demo)
    assert set(nlpcache.phrases(demo, MODEL_VERSION, ["pièces jointes"])) == {"pièces jointes"}
    assert nlpcache.phrases(demo, MODEL_VERSION + "-other", ["pièces jointes"]) == {}


def test_suggestions_are_the_same_with_the_keywords_read_back(parsed: Project) -> None:
    first = autocode.propose(parsed, unit="sentence")
    assert _rows(parsed) > 20  # the default codebook's keywords
    again = autocode.propose(parsed, unit="sentence")
    assert first == again and len(first) > 50
