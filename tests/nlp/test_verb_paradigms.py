"""The frequent irregular verbs count as their infinitive in every tense and person,
read by the real spaCy model in sentences, and the words they share a spelling with
("une faille", "la vue", "les entretiens") stay what they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from tests.conftest import CliRunner
from verbatims.analysis.corpus import load_docs
from verbatims.nlp import paradigms
from verbatims.nlp.stopwords import STOPWORDS
from verbatims.nlp.terms import Normaliser, verb_reading
from verbatims.nlp.words import WordLists, word_lists
from verbatims.store import Project

# Conjugations written out by hand, apart from the module's own table: the test checks
# the table too. Forms another word shares are in HOMOGRAPHS below.
PARADIGMS = {
    "pouvoir": """peux peut pouvons pouvez peuvent pouvais pouvait pouvions pouviez
        pouvaient put purent pourrai pourras pourra pourrons pourrez pourront pourrais
        pourrait pourrions pourriez pourraient puisse puisses puissions puissiez puissent
        pouvant pu""",
    "vouloir": """veux veut voulons voulez veulent voulais voulait voulions vouliez
        voulaient voulut voulurent voudrai voudras voudra voudrons voudrez voudront
        voudrais voudrait voudrions voudriez voudraient veuille veuilles veuillent
        veuillez voulant voulu""",
    "devoir": """dois doit devons devez doivent devais devait devions deviez devaient dut
        devrai devras devra devrons devrez devront devrais devrait devrions devriez
        devraient doive doives""",
    "savoir": """sais sait savons savez savent savais savait savions saviez savaient sut
        surent saurai sauras saura saurons saurez sauront saurais saurait saurions
        sauriez sauraient sache saches sachions sachiez sachent sachant su""",
    "falloir": "faut fallait fallut faudra faudrait fallu",
    "valoir": """vaux vaut valons valez valent valait valaient valut vaudra vaudront
        vaudrait vaudraient vaille vaillent valant valu""",
    "aller": """vais vas va allons allez vont allais allait allions alliez allaient alla
        irai iras ira irons irez iront irais irait irions iriez iraient aille ailles
        aillent allant allé""",
    "faire": """fais faisons font faisais faisait faisions faisiez faisaient fit firent
        ferai feras fera ferons ferez feront ferais ferait ferions feriez feraient fasse
        fasses fassions fassiez fassent faisant""",
    "voir": """vois voit voyons voyez voient voyais voyait voyions voyiez voyaient verrai
        verras verra verrons verrez verront verrais verrait verrions verriez verraient
        vu""",
}
HOMOGRAPHS = {"faille": "faille", "vue": "vue", "entretiens": "entretien",
              "entreprise": "entreprise", "mise": "mise", "contenu": "contenu",
              "avions": "avion", "été": "été", "revenu": "revenu", "prise": "prise"}
FRAMES = ("Je pense qu'on {} le faire.", "Ils {} bien.", "Ça {}.", "Nous {} demain.")


@pytest.fixture(scope="module")
def lists() -> WordLists:
    found = word_lists()
    assert found is not None
    return found


def test_every_form_of_the_irregular_verbs_counts_as_its_infinitive(
        nlp: Language, lists: WordLists) -> None:
    normaliser = Normaliser(STOPWORDS, lists)
    wrong = []
    for verb, forms in PARADIGMS.items():
        for form in forms.split():
            assert paradigms.verb_of(form) == verb, form
            for frame in FRAMES:
                for token in nlp(frame.format(form)):
                    if token.lower_ == form:
                        got = normaliser.decide(token.lemma_, token.pos_, form, token.text)
                        if got.lemma != verb:
                            wrong.append((form, frame, token.pos_, token.lemma_, got.lemma))
    assert not wrong, wrong


def test_the_rules_lemma_pourrir_for_pourrait_is_corrected(lists: WordLists) -> None:
    normaliser = Normaliser(STOPWORDS, lists)
    for pos in ("VERB", "ADJ", "NOUN", "AUX"):
        assert normaliser.decide("pourrir", pos, "pourrait").lemma == "pouvoir"
        assert normaliser.decide("pourrir", pos, "pourraient").lemma == "pouvoir"
    assert normaliser.decide("pourrir", "VERB", "pourri").lemma == "pourrir"  # "truc pourri"
    d = normaliser.decide("devoir", "VERB", "devrait")
    assert (d.lemma, d.tag) == ("devoir", "V")  # not a stop word: a verb term
    assert normaliser.decide("ferai", "NOUN", "ferai").lemma == "faire"
    assert normaliser.decide("transmettrai", "NOUN", "transmettrai").lemma == "transmettre"
    assert normaliser.decide("viendront", "NOUN", "viendront").lemma == "venir"
    assert normaliser.decide("veuillier", "VERB", "veuilliez").lemma == "vouloir"


def test_words_spelt_like_a_verb_form_stay_nouns(nlp: Language, lists: WordLists) -> None:
    normaliser = Normaliser(STOPWORDS, lists)
    sentence = ("Une faille de sécurité, une belle vue, les entretiens, une entreprise, "
                "la mise en place, le contenu, les avions, cet été, le revenu, une prise.")
    seen = {}
    for token in nlp(sentence):
        if token.lower_ in HOMOGRAPHS and token.pos_ == "NOUN":
            seen[token.lower_] = normaliser.decide(token.lemma_, token.pos_, token.lower_,
                                                   token.text).lemma
    assert seen == {f: HOMOGRAPHS[f] for f in seen} and len(seen) >= 8, seen
    # the verb reading when the tagger says verb
    assert normaliser.decide("vue", "VERB", "vue").lemma == "voir"
    assert normaliser.decide("entretenir", "VERB", "entretiens").tag == "V"  # not a meta-word


def test_a_verb_form_whose_rules_lemma_is_a_noun_gets_its_verb(lists: WordLists) -> None:
    normaliser = Normaliser(STOPWORDS, lists)
    assert verb_reading("pose", lists) == "poser"
    assert verb_reading("repose", lists) == "reposer"
    assert verb_reading("marche", lists) == "marcher"
    assert normaliser.decide("pose", "VERB", "pose").lemma == "poser"  # "ça pose question"
    assert normaliser.decide("repose", "VERB", "repose").lemma == "reposer"
    assert normaliser.decide("anonymiserer", "VERB", "anonymiserez").lemma == "anonymiser"
    assert normaliser.decide("apparer", "VERB", "apparait").lemma == "apparaître"


def test_ca_pose_question_counts_no_noun_pose(tmp_path: Path, run_cli: CliRunner) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Q : Et le matériel ?\n\n"
        "R : Mais ça pose question sur l'intérêt. Ça marche, on la pose au bureau. "
        "Pour elle, la marche à pied compte. Il faudrait que quelqu'un pose le cadre. "
        "On pourrait mieux faire, ils devraient suivre.\n", encoding="utf-8")
    project_path = tmp_path / "p.sqlite"
    assert run_cli("--project", project_path, "init").code == 0
    assert run_cli("--project", project_path, "import", folder).code == 0
    project = Project.open(str(project_path))
    try:
        doc = load_docs(project)[0]
        text = project.text(doc.document_id)
        words = [(text[s:e], lem, tag) for s, e, lem, tag in
                 zip(doc.starts, doc.ends, doc.lemmas, doc.tags, strict=True)]
    finally:
        project.close()
    terms = {lem for _w, lem, tag in words if tag}
    assert "pose" not in terms and "pourrir" not in terms
    lemma_of: dict[str, list[tuple[str, str]]] = {}
    for w, lem, tag in words:
        lemma_of.setdefault(w, []).append((lem, tag))
    assert all(lem == "poser" for lem, _ in lemma_of["pose"])  # a verb, and a meta-word
    assert lemma_of["marche"] == [("marcher", "V"), ("marche", "N")]  # after "," a noun
    assert lemma_of["pourrait"][0][0] == "pouvoir"
    assert lemma_of["devraient"] == [("devoir", "V")]
