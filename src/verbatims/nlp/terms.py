"""Terms as a researcher reads them: one normalisation for every term analysis.

spaCy gives each token a lemma and a part of speech; on interviews, and worse on
OCR'd ones, that is not yet a term a researcher would publish. This module
decides, for each token, the term it counts as (or why it counts as none):

- **Lemmas corrected with the lookup table.** When the rules made a lemma that
  is no French word ("parle" tagged ADJ -> "parl", "vois" -> "voi") or one of
  the wrong word of the same class, the lemmatizer's own lookup table (spaCy's
  French lookups, shipped in the model) gives the lemma of the form.
- **Content words mis-tagged are kept**: an adjective tagged as an adverb
  ("énergivore"), a verb tagged as an adverb ("tournent").
- **Code-like tokens are terms**: 5G, 4G, 3D, RJ45 (letters and digits, not
  units such as 12h or 3e); acronyms (RGPD) and hyphenated words (Wi-Fi) are.
- **Meta-words are out by default**: the words of the interview situation
  (question, poser, répondre, entretien, enquêtrice…), as stop words are.
- **OCR and typing damage repaired** (`repairs`): a form that is no French word
  and no word the corpus or the codebook attests ("numeérique", "piéce",
  "humérique", "greenwhasing", "gensqui") becomes the attested form it is one
  or two OCR slips away from, or the two words it glues together. A real word is
  never changed into another one.

Every decision carries a reason (`WHY`), so `verbatims terms` can show why a word
counts. `SIGNATURE` enters every cache key built on these decisions.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from verbatims.i18n import N_
from verbatims.nlp import paradigms
from verbatims.nlp.stopwords import is_ocr_variant, ocr_variants
from verbatims.nlp.words import WordLists

# Bump when a decision below changes for the same input: analysed corpora are rebuilt.
VERSION = 2

CONTENT_POS = {"NOUN": "N", "PROPN": "N", "ADJ": "A", "VERB": "V"}
_CLASS_TAG = {"NOUN": "N", "ADJ": "A", "VERB": "V"}
# Parts of speech spaCy gives, on interviews, to content words it does not know.
RETAGGABLE = frozenset({"ADV", "X", "INTJ", "SCONJ", "ADP"})

# A term is made of letters, with inner hyphens or apostrophes: not "¢a", not "12h".
_WORDLIKE = re.compile(r"[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*")
# Parts of speech under which a conjugated form of a frequent irregular verb is that verb
# ("pourrait" as VERB with the rules' "pourrir", "ferai" as NOUN, "voudrai" as ADJ).
_VERB_READING = frozenset({"VERB", "AUX", "NOUN", "ADJ", "PROPN", "X"})
# Endings of the future and conditional ("transmettrai", "anonymiserez"), longest first.
_FUTURE = ("raient", "rions", "riez", "rais", "rait", "rons", "ront", "rai", "ras", "rez",
           "ra")
# Endings of a first-group verb's other forms ("pose", "reposent", "posé").
_FIRST_GROUP = ("aient", "ions", "iez", "ais", "ait", "ent", "ant", "ons", "ées", "ée",
                "és", "ez", "es", "e", "é")
# "apparait", "connaitre": the circumflex the 1990 spelling reform drops.
_REFORMED = re.compile(r"ai(?=t(?:re|rai|ra|rons|rez|ront|rais|rait|rions|riez|raient)?$)")
# Letters and digits that name a thing: 5G, 4G, 3D, A4, RJ45, IPv6, MP3, COVID-19.
_CODE = re.compile(r"(?:\d{1,3}[^\W\d_]{1,2}|[^\W\d_]{1,5}-?\d{1,3}[^\W\d_]?)")
_UNITS = frozenset("""h e è er re ère ème eme me nd nde s m km kg mn min ms k mo go ko to
    cm mm ans an j x pm am""".split())

# The interview situation, not its content ("on s'est posé la question").
META_WORDS = frozenset("""
    question questionnaire poser répondre réponse entretien enquête enquêter enquêteur
    enquêtrice enquêté enquêtée interview interviewer intervieweur intervieweuse
    interviewé interviewée interlocuteur interlocutrice chercheur chercheuse
    """.split())

# Why a token counts, or not (`verbatims terms` prints these in full).
WHY = {
    "term": N_("content word"),
    "lemma": N_("lemma corrected by the lookup table"),
    "retag": N_("content word spaCy tagged as another part of speech"),
    "code": N_("letters and digits naming a thing (5G, RJ45)"),
    "ocr": N_("OCR or typing damage repaired"),
    "split": N_("two words the OCR glued together"),
    "join": N_("a word cut in pieces (line break, tokenizer), joined"),
    "stop": N_("stop word"),
    "meta": N_("word of the interview situation (meta-word)"),
    "function": N_("function word (determiner, pronoun, preposition…)"),
    "number": N_("number"),
    "nonword": N_("not a word (too short, or not letters)"),
    "expression": N_("expression counted as one term"),
}


class Decision(NamedTuple):
    """What a token counts as: its lemma, its tag ("N", "A", "V" or "" for no
    term) and the reason (a key of `WHY`). A tuple, so that a million of them
    unzip into columns at C speed."""

    lemma: str
    tag: str
    why: str


def _lexicon() -> frozenset[str]:
    text = resources.files("verbatims.nlp").joinpath("lexicon.txt").read_text("utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines()
                     if w.strip() and not w.startswith("#"))


LEXICON: frozenset[str] = _lexicon()
"""Words of French talk about digital policy the model's lists lack (greenwashing…)."""

SIGNATURE = hashlib.sha256(
    f"{VERSION}|{sorted(META_WORDS)}|{sorted(LEXICON)}".encode()).hexdigest()[:16]
"""Changes whenever the normalisation would decide differently: part of cache keys."""


def is_code_token(written: str) -> bool:
    """5G, 4G, RJ45, A4, IPv6: letters and digits together, not a unit (12h, 3e, 10km)."""
    if not _CODE.fullmatch(written) or not any(c.isdigit() for c in written):
        return False
    letters = "".join(c for c in written if c.isalpha()).lower()
    if written[0].isdigit() and (letters in _UNITS or written[-1].islower() and
                                 len(letters) > 1 and written.islower()):
        return False
    return not written.islower() or written[0].isalpha() and len(letters) >= 2


class Normaliser:
    """Token-level decisions, cached per (lemma, POS, form, written) key.

    `lists` are the model's word lists (None for a model without them: lemmas
    are then taken as spaCy gives them). With `keep_meta`, meta-words count.
    """

    def __init__(self, stops: frozenset[str], lists: WordLists | None,
                 keep_meta: bool = False, attested: Collection[str] = ()) -> None:
        self.stops = stops
        self.lists = lists
        # Words the lists lack but the lexicon or the codebook attest: their own lemma.
        self.extra = frozenset(w for w in (*LEXICON, *attested) if " " not in w)
        self.meta: frozenset[str] = frozenset() if keep_meta else META_WORDS
        self.variants = ocr_variants(stops)
        self.cache: dict[tuple[str, str, str, str], Decision] = {}

    def decide(self, lemma: str, pos: str, form: str, written: str = "") -> Decision:
        """The term of one token. `form` is lower case, `written` as in the text ("" when
        it is the lower-case form)."""
        key = (lemma, pos, form, "" if written == form else written)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._decide(lemma, pos, form, written or form)
        return found

    def decide_columns(self, lemmas: list[str], pos: list[str], forms: list[str],
                       written: list[str]) -> tuple[list[str], list[str], list[str]]:
        """`decide` of a document's tokens as columns (lemma, POS, form, and the form as
        written or ""), returning the lemma, tag and why columns. Each distinct token
        is decided once; the rest is array work, a document of 100,000 words in a
        tenth of a second."""
        n = len(forms)
        if not n:
            return [], [], []
        key = np.zeros(n, dtype=np.int64)
        for column in (lemmas, pos, forms, written):
            index = {w: i for i, w in enumerate(dict.fromkeys(column))}
            codes = np.fromiter(map(index.__getitem__, column), dtype=np.int64, count=n)
            key = key * (len(index) + 1) + codes
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        decided = [self.decide(lemmas[i], pos[i], forms[i], written[i])
                   for i in first.tolist()]
        out = []
        for k in range(3):
            values = np.empty(len(decided), dtype=object)
            values[:] = [d[k] for d in decided]
            out.append(values[inverse].tolist())
        return out[0], out[1], out[2]

    def _decide(self, lemma: str, pos: str, form: str, written: str) -> Decision:
        if is_code_token(written):
            return Decision(form, "N", "code")
        tag = CONTENT_POS.get(pos, "")
        why = "term"
        lists = self.lists
        verb = paradigms.verb_of(form)
        if verb is not None and pos in _VERB_READING and not (
                pos in ("NOUN", "ADJ", "PROPN") and _homograph(form, verb, lists)):
            lemma, tag, why = verb, "" if pos == "AUX" else "V", (
                "term" if lemma == verb else "lemma")
        elif form in LEXICON or form in self.extra and not (lists is not None
                                                           and lists.is_word(form)):
            # "écoresponsables": the rules' stem ("écoresponsabl") is no word; the lexicon's is
            lemma = form[:-1] if form.endswith(("s", "x")) and form[:-1] in self.extra else form
            if not tag:
                tag, why = "N", "retag"
        elif lists is not None and (tag or pos in RETAGGABLE):
            lemma, tag, why = self._lemma(lemma, pos, form, tag, lists)
        if form in self.stops or lemma in self.stops or is_ocr_variant(form, self.variants):
            return Decision(lemma, "", "stop")
        if not tag:
            return Decision(lemma, "", "function")
        if len(lemma) < 2 or _WORDLIKE.fullmatch(lemma) is None:
            return Decision(lemma, "", "nonword")
        if lemma in self.meta or form in self.meta or (
                lists is not None and lists.lemma(form) in self.meta
                and not (tag == "V" and lemma != form)):  # "posées"; not "j'entretiens"
            return Decision(lemma, "", "meta")
        return Decision(lemma, tag, why)

    @staticmethod
    def _lemma(lemma: str, pos: str, form: str, tag: str, lists: WordLists
               ) -> tuple[str, str, str]:
        """The lemma the lookup table gives where spaCy's rules went wrong."""
        if not tag:  # "énergivore" tagged ADV: keep it if the lexicon calls it a content word
            if form.endswith("ment") or lists.in_class(form, "ADV") or not lists.is_word(form):
                return lemma, "", "term"
            base = form if lists.pos(form) else lists.lemma(form)
            cls = lists.pos(base)
            if not cls or lists.in_class(base, "ADV"):
                return lemma, "", "term"
            return base, _CLASS_TAG[cls], "retag"
        if pos == "PROPN":
            return lemma, tag, "term"
        if not lists.is_word(form):
            reformed = _REFORMED.sub("aî", form)  # "apparait": "apparaît"
            if reformed == form or not lists.is_word(reformed):
                return _future_stem(lemma, form, tag, lists)
            form = reformed
            lemma = lemma if lists.is_word(lemma) else lists.lemma(form)
        looked = lists.lemma(form)
        if tag == "V" and not _is_verb(lemma, lists):  # "ça pose" as VERB with lemma "pose"
            found = verb_reading(form, lists)
            if found is not None and found != lemma:
                return found, "V", "lemma"
        if tag in ("N", "A") and form.endswith(_FUTURE) and looked != form and _is_verb(
                looked, lists) and not _homograph(form, looked, lists):
            return looked, "V", "lemma"  # "transmettrai" tagged NOUN
        if looked == lemma or looked == form and lists.is_word(lemma):
            return lemma, tag, "term"
        if not lists.is_word(lemma):  # "parl", "voi", "disai": the rules' stem is no word
            cls = lists.pos(looked)
            return looked, _CLASS_TAG.get(cls, tag), "lemma"
        klass = {"N": "NOUN", "A": "ADJ", "V": "VERB"}[tag]
        if not lists.in_class(lemma, klass) and lists.in_class(looked, klass):
            return looked, tag, "lemma"  # "vraie" (NOUN) -> "vrai", "pourrait" -> "pouvoir"
        return lemma, tag, "term"


def _is_verb(lemma: str, lists: WordLists) -> bool:
    return lists.in_class(lemma, "VERB") or lists.pos(lemma) == "VERB" or (
        paradigms.verb_of(lemma) is None and lemma in paradigms.FORMS.values())


def _homograph(form: str, verb: str, lists: WordLists | None) -> bool:
    """Is this conjugated form also a noun or an adjective ("vue", "entretiens")?"""
    if form in paradigms.HOMOGRAPHS:
        return True
    if lists is None:
        return False
    looked = lists.lemma(form)
    return lists.in_class(form, "NOUN") or lists.in_class(form, "ADJ") or (
        looked not in (verb, form) and (lists.in_class(looked, "NOUN")
                                        or lists.in_class(looked, "ADJ")))


def verb_reading(form: str, lists: WordLists) -> str | None:
    """The verb a form can be a conjugation of ("pose" -> "poser", "repose" -> "reposer",
    "ferai" -> "faire"), None when it is none."""
    verb = paradigms.verb_of(form)
    if verb is not None:
        return verb
    candidates = [lists.lemma(form)]
    for end in _FUTURE:
        if form.endswith(end) and len(form) > len(end) + 2:
            candidates += [form[:-len(end)] + "r", form[:-len(end)] + "re"]
    for end in _FIRST_GROUP:
        if form.endswith(end) and len(form) > len(end) + 2:
            candidates.append(form[:-len(end)] + "er")
    return next((c for c in candidates if _is_verb(c, lists)), None)


def _future_stem(lemma: str, form: str, tag: str, lists: WordLists) -> tuple[str, str, str]:
    """A form no list knows: "anonymiserez", whose rules' lemma is "anonymiserer", is
    the future of "anonymiser" (a first-group verb, the one verbs are made with)."""
    if tag == "V" and not lists.is_word(lemma):
        for end in _FUTURE:
            stem = form[:-len(end)]
            if form.endswith(end) and stem.endswith("e") and lemma == stem + "rer":
                return stem + "r", tag, "lemma"
    return lemma, tag, "term"


# -- OCR and typing damage, decided once per corpus vocabulary ----------------------

# What an OCR makes of a letter (damaged -> clean), as seen in the Annexe 2 extracts:
# "numeérique", "Apreés", "trés", "étre", "humérique", "c6té", "cbté", "¢a", "gu'on",
# "cing", "fout", "I'agglo".
_SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("eé", "é"), ("eé", "è"), ("eè", "è"), ("ée", "é"),
    ("é", "è"), ("é", "ê"), ("é", "e"), ("é", "ô"), ("è", "é"), ("ê", "é"), ("ë", "é"),
    ("e", "é"), ("e", "è"), ("e", "ê"),
    ("a", "à"), ("a", "â"), ("à", "a"), ("i", "î"), ("i", "ï"), ("o", "ô"), ("u", "û"),
    ("u", "ù"), ("c", "ç"), ("ç", "c"), ("¢", "ç"), ("¢", "c"), ("6", "ô"), ("b", "ô"),
    ("ô", "o"), ("î", "i"), ("û", "u"), ("ü", "u"),
    ("h", "n"), ("n", "h"), ("rn", "m"), ("m", "rn"), ("li", "h"), ("cl", "d"),
    ("i", "l"), ("l", "i"), ("1", "l"), ("|", ""), ("0", "o"),
    ("gu", "qu"), ("g", "q"), ("q", "g"), ("f", "t"), ("t", "f"), ("c", "e"), ("e", "c"),
)
_ELIDED = ("j", "l", "d", "n", "s", "c", "m", "t", "qu")
_REPAIRABLE = re.compile(r"[^\W_]*[^\W\d_][^\W_]*|.*[¢|].*")


def _substituted(word: str) -> Iterable[str]:
    for damaged, clean in _SUBSTITUTIONS:
        at = word.find(damaged)
        while at >= 0:
            yield word[:at] + clean + word[at + len(damaged):]
            at = word.find(damaged, at + 1)


_LETTERS = "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüœ"


def _generic(word: str) -> Iterable[tuple[int, str]]:
    """(preference, word) one slip of any kind away: a double letter made single or
    single made double (any length), two letters swapped (five letters or more),
    then (six letters or more) a letter too many, a letter missing. A wrong letter
    is left to the OCR confusions (`_SUBSTITUTIONS`): any letter for any other would
    turn too many rare words into common ones."""
    n = len(word)
    for i in range(n - 1):
        if word[i] == word[i + 1]:
            yield 0, word[:i] + word[i + 1:]
    for i in range(n):
        if word[i].isalpha():
            yield 0, word[:i + 1] + word[i] + word[i + 1:]
    if n >= 5:
        for i in range(n - 1):
            if word[i] != word[i + 1]:
                yield 1, word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if n < 6:
        return
    for i in range(n):
        yield 2, word[:i] + word[i + 1:]
    for i in range(n + 1):
        for c in _LETTERS:
            yield 3, word[:i] + c + word[i:]


def _split(form: str, known: Callable[[str], bool], stops: Collection[str],
           counts: Mapping[str, int]) -> str:
    """"gensqui" -> "gens qui", "écologiqueaussi" -> "écologique aussi", "jattache" ->
    "j' attache": two words glued, one of them a function word; "" if none.

    A form seen more often than its content part ("nombre", 4 times, is no
    "n' ombre") is a word the lists lack, not two words.
    """
    best = ""
    score = -1
    n = counts.get(form, 0)

    def word(w: str) -> bool:  # function words are words, though the lists hold none
        return w in stops or known(w)

    for i in range(1, len(form)):
        a, b = form[:i], form[i:]
        if n > 2 and any(counts.get(w, 0) < n for w in (a, b) if w not in stops):
            continue
        if a in _ELIDED and len(b) >= 4 and known(b) and b[0] in "aeéèêiouhy":
            pair, value = f"{a}' {b}", len(b)
        elif word(a) and word(b) and (a in stops or b in stops) and (
                len(a) >= 2 or a in ("a", "y", "à")) and (len(b) >= 2 or b in ("a", "y")):
            pair, value = f"{a} {b}", min(len(a), len(b))
        else:
            continue
        if value > score:
            best, score = pair, value
    return best


@dataclass(frozen=True)
class Repair:
    """A damaged form and what it stands for: one word, or two ("gens qui")."""

    clean: str
    kind: str  # "ocr" or "split"


def repairs(counts: Mapping[str, int], names: Collection[str], lists: WordLists | None,
            attested: Collection[str], stops: Collection[str]) -> dict[str, Repair]:
    """Damaged forms of a corpus vocabulary -> their repair.

    `counts` are the lower-case forms with their frequency; `names` the forms
    mostly written with a capital inside sentences (proper nouns are left alone);
    `attested` words known beyond the model's lists (the codebook's, `LEXICON`).
    Only a form that is no known word is ever repaired, and only into a known or
    attested word: two real words are never merged.
    """
    if lists is None:
        return {}
    extra = {w for w in attested if " " not in w} | set(LEXICON)

    def known(word: str) -> bool:
        return word in extra or lists.is_word(word)

    def known_many(words: list[str]) -> list[bool]:
        return [a or b for a, b in zip((w in extra for w in words), lists.known_many(words),
                                       strict=True)]

    frequent = {f for f, n in counts.items() if n >= 5 and _WORDLIKE.fullmatch(f)}
    targets = sorted({f for f in counts if (known(f) or f in frequent) and len(f) >= 4}
                     | {w for w in extra if len(w) >= 8})
    lemmas: Counter[str] = Counter()
    for f, k in counts.items():
        lemmas[lists.lemma(f)] += k

    def lemma_count(word: str) -> int:
        return lemmas.get(lists.lemma(word), 0)

    out: dict[str, Repair] = {}
    for form, n in counts.items():
        if len(form) < 2 or form in names or known(form) or form in stops:
            continue
        if not _REPAIRABLE.fullmatch(form):
            continue
        found = _repair(form, n, counts, known, frequent, stops, extra, lemma_count,
                        known_many)
        if found is None and 8 <= len(form) and n < 5 and _WORDLIKE.fullmatch(form):
            close = process.extract(form, targets, scorer=OSA.distance, score_cutoff=2,
                                    limit=None)
            ranked = sorted((d, -counts.get(t, 0), t) for t, d, _ in close
                            if counts.get(t, 0) >= 2 * n or t in extra)
            ranked = [r for r in ranked if not (len(r[2]) > len(form) and r[2].endswith(form))]
            if ranked:
                found = Repair(ranked[0][2], "ocr")
        if found is not None:
            out[form] = found
    return out


def _repair(form: str, n: int, counts: Mapping[str, int], known: Callable[[str], bool],
            frequent: Collection[str], stops: Collection[str], extra: Collection[str],
            lemma_count: Callable[[str], int],
            known_many: Callable[[list[str]], list[bool]]) -> Repair | None:
    """The best repair of one damaged form, the likeliest kind of slip first: one OCR
    confusion, a double letter, two words glued, two confusions, any other slip."""

    def usable(clean: str, generic: bool) -> bool:
        if clean == form or not (known(clean) or clean in frequent):
            return False
        m = counts.get(clean, 0)
        if generic:  # a slip of any kind: the lexicon or the corpus must vouch for it
            return m >= 2 * n or n <= 2 and known(clean) or clean in extra
        return m >= n or n <= 2  # "nombre" (4 times), unknown to the lists, is no "hombre"

    def best(options: Iterable[tuple[int, str]], generic: bool) -> str | None:
        # The likeliest slip, then a word the corpus uses (or whose lemma it uses), then
        # a content word rather than a function word ("comptent", not "comment"). A letter
        # dropped, added or wrong in a short word must give a word the corpus uses.
        listed = list(options)
        words = [c for _p, c in listed]
        real = known_many(words)
        found = [(pref, -counts.get(c, 0), -lemma_count(c), c in stops, c)
                 for (pref, c), ok in zip(listed, real, strict=True)
                 if (ok or c in frequent) and usable(c, generic)
                 and (pref < 2 or len(form) >= 9 or lemma_count(c) > 0)]
        return min(found)[-1] if found else None

    once = list(dict.fromkeys(_substituted(form)))
    generic = list(dict.fromkeys(_generic(form)))
    steps: list[tuple[Iterable[tuple[int, str]], bool]] = [
        (((0, c) for c in once), False),
        (((p, c) for p, c in generic if p == 0), True),
    ]
    for options, is_generic in steps:
        clean = best(options, is_generic)
        if clean:
            return Repair(clean, "ocr")
    glued = _split(form, known, stops, counts)
    if glued:
        return Repair(glued, "split")
    for options, is_generic in (
            (((0, c) for w in once for c in _substituted(w)), False),
            (((p, c) for p, c in generic if p > 0), True),
            # a confusion and a slip: only into a word whose lemma the corpus uses
            (((p + 2, c) for w in once for p, c in _generic(w) if p < 2), True)):
        clean = best(options, is_generic)
        if clean:
            return Repair(clean, "ocr")
    return None


def names_of(capital: Mapping[str, int], inside: Mapping[str, int]) -> set[str]:
    """Forms written with a capital inside sentences most of the time: proper nouns.

    `capital` counts the occurrences of each lower-case form written with a capital
    away from a sentence's start; `inside` all its occurrences away from one.
    """
    return {f for f, n in capital.items() if 2 * n > inside.get(f, 0)}
