"""What the panes show, read from the Project in one go (run in worker threads).

Plain dataclasses and Project calls only: no Textual, no SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from verbatims.errors import UserError
from verbatims.model.codetree import paths as paths_of
from verbatims.model.entities import AttributeValue, Code, Coding, Document, Turn
from verbatims.model.spans import merge_spans
from verbatims.store import Project


@dataclass(frozen=True)
class Overview:
    """The corpus and the codebook as the document list and code tree need them."""

    documents: list[Document]
    attributes: dict[int, dict[str, AttributeValue]]
    keys: list[str]
    codes: list[Code]
    paths: dict[int, str]
    counts: dict[int, tuple[int, int]]
    doc_codes: dict[int, set[int]]
    doc_codings: dict[int, int]
    coded_share: dict[int, float]


@dataclass(frozen=True)
class OpenDocument:
    document: Document
    text: str
    turns: list[Turn]
    codings: list[Coding]


def overview(project: Project) -> Overview:
    docs = project.documents()
    codes = project.codes()
    spans: dict[int, list[tuple[int, int]]] = {}
    doc_codes: dict[int, set[int]] = {}
    doc_codings: dict[int, int] = {}
    for coding in project.codings():
        spans.setdefault(coding.document_id, []).append((coding.start, coding.end))
        doc_codes.setdefault(coding.document_id, set()).add(coding.code_id)
        doc_codings[coding.document_id] = doc_codings.get(coding.document_id, 0) + 1
    share = {
        d.id: sum(e - s for s, e in merge_spans(spans.get(d.id, []))) / max(1, d.char_count)
        for d in docs
    }
    return Overview(
        documents=docs,
        attributes=project.attributes(),
        keys=project.attribute_keys(),
        codes=codes,
        paths=paths_of(codes),
        counts=project.counts(),
        doc_codes=doc_codes,
        doc_codings=doc_codings,
        coded_share=share,
    )


@dataclass(frozen=True)
class Counts:
    """What one coding action changes: code counts and a few documents' figures."""

    codes: dict[int, tuple[int, int]]
    documents: dict[int, tuple[int, set[int], float]]  # codings, codes, coded share


def counts(project: Project, document_ids: set[int]) -> Counts:
    figures: dict[int, tuple[int, set[int], float]] = {}
    for doc_id in document_ids:
        codings = project.codings(document_id=doc_id)
        covered = sum(e - s for s, e in merge_spans((c.start, c.end) for c in codings))
        try:  # one row, not the 2,000 of a corpus
            size = project.document(doc_id).char_count
        except UserError:  # removed meanwhile
            size = 1
        figures[doc_id] = (len(codings), {c.code_id for c in codings}, covered / max(1, size))
    return Counts(project.counts(), figures)


def apply_counts(data: Overview, update: Counts) -> Overview:
    doc_codings = dict(data.doc_codings)
    doc_codes = dict(data.doc_codes)
    share = dict(data.coded_share)
    for doc_id, (n, codes, covered) in update.documents.items():
        doc_codings[doc_id], doc_codes[doc_id], share[doc_id] = n, codes, covered
    return replace(data, counts=update.codes, doc_codings=doc_codings, doc_codes=doc_codes,
                   coded_share=share)


def open_document(project: Project, document_id: int) -> OpenDocument:
    return OpenDocument(
        document=project.document(document_id),
        text=project.text(document_id),
        turns=project.turns(document_id),
        codings=project.codings(document_id=document_id),
    )


@dataclass(frozen=True)
class ReviewRow:
    """One pending auto-coding suggestion as the review queue shows it."""

    id: int
    document_id: int
    document: str
    code_id: int
    code: str
    keyword: str
    start: int
    end: int
    before: str
    matched: str
    after: str
    score: float = 100.0
    source: str = "keyword"
    why: str = ""  # learned: the words that weighed most, as shown
    trust: str = ""  # the code's cross-validated figures (autocode --evaluate), as shown


def trust_lines(project: Project) -> dict[int, str]:
    """Per code id, its last cross-validated figures in one line (store.evaluations)."""
    from verbatims.i18n import _
    from verbatims.nlp.learn import MACHINE_CODERS
    from verbatims.store import evaluations

    found: dict[int, dict[str, evaluations.Evaluation]] = {}
    for e in evaluations.evaluations(project):
        found.setdefault(e.code_id, {})[e.method] = e
    codings = sum(1 for c in project.codings() if c.coder not in MACHINE_CODERS)
    out = {}
    for code_id, by in found.items():
        first = next(iter(by.values()))
        parts = []
        for method, label in (("keywords", _("keywords")), ("learned", _("learned"))):
            shown = by.get(method)
            if shown is not None:
                parts.append(_("{method} P {p} R {r} F1 {f1} κ {k}").format(
                    method=label, p=_fig(shown.precision), r=_fig(shown.recall),
                    f1=_fig(shown.f1), k=_fig(shown.kappa)))
        line = _("Cross-validated on {n} coded passages ({folds} folds): {figures}").format(
            n=first.positives, folds=first.folds, figures=" · ".join(parts))
        if first.codings != codings:
            line += " " + _("(before the latest codings: run `verbatims autocode --evaluate` "
                            "again)")
        out[code_id] = line
    return out


def _fig(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def review_rows(project: Project) -> list[ReviewRow]:
    """The pending auto-coding suggestions, in reading order, with their context, score,
    why and their code's cross-validated figures."""
    from verbatims.i18n import _
    from verbatims.nlp.learned import why_text
    from verbatims.store import suggestions

    pending = suggestions.pending(project)
    trust = trust_lines(project)
    untested = _("Not evaluated yet: `verbatims autocode --evaluate` says how far to trust "
                 "this code's suggestions.")
    names = {d.id: d.name for d in project.documents()}
    paths = paths_of(project.codes())
    texts: dict[int, str] = {}
    rows = []
    for sug in pending:
        if sug.document_id not in texts:
            texts[sug.document_id] = project.text(sug.document_id)
        text = texts[sug.document_id]
        # As in the text (the table fits them to its width): up to a screen on each side.
        before = text[max(0, sug.match_start - 200) : sug.match_start]
        after = text[sug.match_end : sug.match_end + 200]
        rows.append(ReviewRow(sug.id, sug.document_id, names.get(sug.document_id, "?"),
                              sug.code_id, paths.get(sug.code_id, "?"), sug.keyword, sug.start,
                              sug.end, before, " ".join(text[sug.match_start : sug.match_end]
                                                        .split()), after,
                              sug.score, sug.source, why_text(sug.why),
                              trust.get(sug.code_id, untested)))
    return rows


@dataclass(frozen=True)
class ExtractInfo:
    """What the extract preview adds to a passage: context lines and every code on it."""

    before: str
    after: str
    codes: tuple[str, ...]


def _context_line(text: str, start: int, end: int, before: bool, room: int = 160) -> str:
    """The line (or its last/first `room` characters) next to [start, end)."""
    if before:
        lo = max(0, start - room)
        piece = text[lo:start]
        if lo > 0 and " " in piece:  # start at a word, not in the middle of one
            piece = piece[piece.index(" ") + 1:]
        return " ".join(piece.split())
    piece = text[end:end + room]
    if end + room < len(text) and " " in piece.strip():  # end at a word, not inside one
        piece = piece[:piece.rstrip().rindex(" ")]
    return " ".join(piece.split())


def extract_details(project: Project, spans: list[tuple[int, int, int]]
                    ) -> list[ExtractInfo]:
    """A line of context on each side and the codes overlapping each passage
    (document id, start, end)."""
    paths = paths_of(project.codes())
    texts: dict[int, str] = {}
    codings: dict[int, list[Coding]] = {}
    out = []
    for doc_id, start, end in spans:
        if doc_id not in texts:
            texts[doc_id] = project.text(doc_id)
            codings[doc_id] = project.codings(document_id=doc_id)
        text = texts[doc_id]
        names = [paths.get(o.code_id, "?") for o in codings[doc_id]
                 if o.start < end and start < o.end]
        out.append(ExtractInfo(_context_line(text, start, end, True),
                               _context_line(text, start, end, False),
                               tuple(dict.fromkeys(names))))
    return out


def learn_suggestions(project: Project, progress: Callable[[int, int], None] | None = None
                      ) -> str:
    """Retrain on the hand coding as it stands and refresh the review queue with learned
    suggestions (`autocode --learn`); returns the sentence to show. In a worker thread:
    one process, no fork."""
    from verbatims.analysis.autocoding import term_columns
    from verbatims.i18n import _, ngettext
    from verbatims.nlp import learn, learned
    from verbatims.nlp.cache import ensure_parsed
    from verbatims.store import suggestions

    ensure_parsed(project, progress=progress)
    data = learned.prepare(project, term_columns=term_columns(project))
    report = learned.suggest(data)
    suggestions.save(project, report.proposals, refresh=[c.code.id for c in data.codes])
    pending = len(suggestions.pending(project))
    if not data.learnable:
        return _("No code has {n} coded passages in {d} documents yet: keyword suggestions "
                 "only ({p} to review). Code more passages, then learn again.").format(
            n=learn.MIN_POSITIVES, d=learn.MIN_DOCUMENTS, p=pending)
    return ngettext("Learned from {n} hand coding, {k} code(s): {p} suggestion(s) to review.",
                    "Learned from {n} hand codings, {k} code(s): {p} suggestion(s) to review.",
                    data.codings).format(n=data.codings, k=len(data.learnable), p=pending)


# -- speakers (the Documents tab's lower panel) -------------------------------------------

@dataclass(frozen=True)
class SpeakerRow:
    label: str | None  # None: the text before the first turn (or set apart)
    role: str
    turns: int
    share: float  # of the document's words
    first: int  # offset of the speaker's first turn


@dataclass(frozen=True)
class DocumentSpeakers:
    """Who speaks in a document, and what its import summary asks to check."""

    document_id: int
    name: str
    rows: list[SpeakerRow]
    warnings: list[str]


def document_speakers(project: Project, document_id: int) -> DocumentSpeakers:
    """The import summary of one document as stored now (roles fixed since included)."""
    from verbatims.ingest.registry import FORMATS
    from verbatims.ingest.summary import examine

    doc = project.document(document_id)
    text = project.text(document_id)
    turns = project.turns(document_id)
    reader = FORMATS.get(doc.source_format)
    # a label seen once is worth a look only where markers in the text gave the turns
    from_text = reader is None or not reader.states_speakers
    found = examine(text, turns, from_text, doc.name)
    first: dict[tuple[str | None, str], int] = {}
    for turn in turns:
        first.setdefault((turn.speaker, turn.role), turn.start)
    rows = [SpeakerRow(s.label, s.role, s.turns, s.share, first.get((s.label, s.role), 0))
            for s in found.speakers]
    return DocumentSpeakers(document_id, doc.name, rows, found.warnings)
