"""The corpus as a text-analysis tool reads it: texts with their variables.

IRaMuTeQ, TXM's Alceste import and the R package rainette read a corpus as texts,
each opened by a line of starred variables. This builds those texts once, for any
such format (`corpus_*.py` writes them): one per interview, the respondents'
speech only (interviewer turns and speaker markers out, unless asked), each turn
a paragraph, transcription marks ("[rires]", "[...]") out; or, `by_code`, one per
coded extract, its code as one more variable. Handed a pseudonymised view of the
project, it builds the same texts with no name in them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from verbatims.analysis.corpus import heading_end
from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.model.entities import Turn
from verbatims.model.units import marker_end
from verbatims.nlp.stopwords import BRACKETED
from verbatims.store import Project
from verbatims.where import select, text_of

DOCUMENT = "doc"  # the variable naming each text's interview
CODE = "code"  # with by_code, the variable naming its code


@dataclass(frozen=True)
class Text:
    """One text of the corpus: its variables (name, value) in order, its paragraphs."""

    variables: tuple[tuple[str, str], ...]
    paragraphs: tuple[str, ...]


@dataclass
class Corpus:
    texts: list[Text] = field(default_factory=list)
    documents: int = 0  # interviews the texts come from


def spoken(text: str, turns: Sequence[Turn], include_interviewer: bool
           ) -> list[tuple[int, int]]:
    """The spans of speech kept: respondents' turns (and the interviewer's if asked),
    without speaker markers; the whole text after an annex heading when there are no
    respondent turns (OCR'd extracts)."""
    roles = {"respondent", "interviewer"} if include_interviewer else {"respondent"}
    if not any(t.role == "respondent" for t in turns):
        return [(heading_end(text), len(text))]
    spans = []
    for turn in turns:
        if turn.role in roles:
            start = marker_end(text, turn)
            if start < turn.end:
                spans.append((start, turn.end))
    return spans


def clean(text: str) -> str:
    """A paragraph as one line: transcription marks out, spaces collapsed."""
    line = " ".join(BRACKETED.sub(" ", text).split())
    return re.sub(r" (?=[.,…](?:\s|$))", "", line)  # "plannings [...] ." -> "plannings."


def _paragraphs(text: str, spans: Sequence[tuple[int, int]], lo: int = 0,
                hi: int | None = None) -> tuple[str, ...]:
    hi = len(text) if hi is None else hi
    out = []
    for a, b in spans:
        a, b = max(a, lo), min(b, hi)
        if a < b:
            for part in text[a:b].split("\n\n"):
                line = clean(part)
                if line:
                    out.append(line)
    return tuple(out)


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name[-6:] else name


def build(project: Project, *, by_code: bool = False, codes: Sequence[str] = (),
          where: Sequence[tuple[str, str]] = (), include_interviewer: bool = False) -> Corpus:
    """The texts of the documents matching `where` (all by default), or of their coded
    extracts (`by_code`, of `codes` and their sub-codes, or of every code)."""
    docs = project.documents()
    attributes = project.attributes()
    keep = set(select(attributes, where, project.attribute_keys(), [d.id for d in docs]))
    keys = project.attribute_keys()
    code_ids: set[int] | None = None
    if codes:
        code_ids = set()
        for ref in codes:
            code_ids |= project.descendants(project.code(ref).id)
    paths = {c.id: project.code_path(c.id) for c in project.codes()} if by_code else {}
    corpus = Corpus()
    for doc in docs:
        if doc.id not in keep:
            continue
        text = project.text(doc.id)
        spans = spoken(text, project.turns(doc.id), include_interviewer)
        held = attributes.get(doc.id, {})
        base = ((DOCUMENT, _stem(doc.name)),
                *((k, text_of(held[k])) for k in keys if text_of(held.get(k)).strip()))
        if not by_code:
            paragraphs = _paragraphs(text, spans)
            if paragraphs:
                corpus.texts.append(Text(base, paragraphs))
                corpus.documents += 1
            continue
        found = False
        for coding in sorted(project.codings(document_id=doc.id),
                             key=lambda c: (c.start, c.end, c.id)):
            if code_ids is not None and coding.code_id not in code_ids:
                continue
            paragraphs = _paragraphs(text, spans, coding.start, coding.end)
            if paragraphs:
                leaf = paths[coding.code_id].rsplit("/", 1)[-1]
                corpus.texts.append(Text(((DOCUMENT, base[0][1]), (CODE, leaf), *base[1:]),
                                         paragraphs))
                found = True
        corpus.documents += found
    if not corpus.texts:
        raise UserError(_("Nothing to export: no coded extract matches (code some passages or "
                          "loosen --code/--where).") if by_code else
                        _("Nothing to export: no document with speech matches --where."))
    return corpus
