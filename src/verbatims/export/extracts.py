"""The extracts of an annex, built once and rendered by every format.

An annex quotes each passage once. Codings of one document that overlap (the
same answer coded under three codes) become one extract listing its codes;
grouped by document or attribute, extracts that touch are joined too. Groups
(a code with its sub-codes, a document, an attribute value) hold sections, one
per interview, headed by the speaker's description (a template over the
document's attributes, "Entretien avec une élue, commune entre 2000 et 3500
habitants"); each extract carries a reference a reader can cite, built from a
template ("E4, tour 12", "E2, 12 min 30", "E5, § 3"), never a file name or
character offsets unless the template asks for them. A group may open with its
code's definition, and answers may follow the interviewer's question that
prompted them (taken from the speaker turns).

Handed a pseudonymised view of the project (`pseudo.view`), it builds the same
annex with no name in it: the view replaces names in whole texts before extracts
are cut, so a name straddling an extract's edge is still replaced; what the user
typed (title, introduction) and what templates render go through the view too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from verbatims.errors import UserError
from verbatims.export import template as tpl
from verbatims.export.provenance import Provenance
from verbatims.export.provenance import of as provenance_of
from verbatims.i18n import N_, _, ngettext
from verbatims.model import units
from verbatims.model.entities import AttributeValue, Code, Document, Turn
from verbatims.store import Project
from verbatims.where import known_key

GROUP_BY = ("code", "document", "attribute")
INTROS = ("definition", "question", "none")
NO_VALUE = N_("(no value)")
DEFAULT_REFERENCE = N_("I{n}, {locus}")  # "E4, tour 12"
REFERENCE_FIELDS = ("n", "locus", "turn", "time", "paragraph", "document", "start", "end")
CRUMB = " › "
_PAGE_NUMBER = re.compile(r"\d{1,4}")


@dataclass(frozen=True)
class Extract:
    """One quoted passage: one or several codings of one document, merged."""

    document: str
    number: int  # the document's rank in the project: the "4" of "E4"
    header: str  # the speaker's description, from the header template
    speaker: str | None  # the speaker label(s) of the turns quoted
    codes: tuple[str, ...]  # the codes of the passage, as shown (leaf names)
    code_paths: tuple[str, ...]  # the same, as full paths
    memos: tuple[str, ...]
    coders: tuple[str, ...]
    start: int
    end: int
    turn: int | None  # the speaker turn it starts in (1 = the first speaker's turn)
    reference: str  # from the reference template: "E4, tour 12"
    citation: str  # the line printed with the quote: reference, speaker, other codes
    text: str
    before: str = ""
    after: str = ""
    question: str = ""  # the interviewer's turn before it, when asked for
    turn_breaks: tuple[int, ...] = ()  # offsets in `text` where a speaker turn starts

    @property
    def code_path(self) -> str:
        return "; ".join(self.code_paths)

    @property
    def memo(self) -> str | None:
        return "\n".join(self.memos) or None

    @property
    def coder(self) -> str:
        return ", ".join(self.coders)

    def blocks(self) -> list[list[tuple[str, bool]]]:
        """The quote's paragraphs, each as runs of (text, is_context).

        Paragraphs are separated by blank lines; the line breaks OCR leaves inside
        one are joined, and a paragraph holding only a number (an OCR'd page
        number) is left out. Context, when asked for, opens the first paragraph
        and closes the last, "[...]" marking where it was cut.
        """
        text = self.text
        for cut in sorted(self.turn_breaks, reverse=True):  # each turn its own paragraph
            text = text[:cut].rstrip(" \t") + "\n\n" + text[cut:]
        paras = _paragraphs(text)
        if not paras:
            paras = [self.text.strip()]
        out: list[list[tuple[str, bool]]] = [[(p, False)] for p in paras]
        before, after = _clean(self.before), _clean(self.after)
        if before:
            out[0].insert(0, (before + " ", True))
        if after:
            out[-1].append((" " + after, True))
        return out

    @property
    def paragraphs(self) -> list[str]:
        return ["".join(text for text, _ctx in block) for block in self.blocks()]


@dataclass(frozen=True)
class Section:
    """The extracts of one interview within a group, under its speaker's description."""

    heading: str  # "" when the group is the interview itself
    extracts: tuple[Extract, ...]

    def entries(self) -> list[tuple[str, Extract]]:
        """Each extract with the question to print before it: the interviewer's question
        that prompted it, once for the answers that follow the same question."""
        out = []
        previous = ""
        for extract in self.extracts:
            ask = extract.question if extract.question != previous else ""
            previous = extract.question or previous
            out.append((ask, extract))
        return out


@dataclass(frozen=True)
class Group:
    title: str
    intro: str  # the code's definition, when asked for
    sections: tuple[Section, ...]

    @property
    def extracts(self) -> tuple[Extract, ...]:
        return tuple(x for s in self.sections for x in s.extracts)


@dataclass(frozen=True)
class ExtractSet:
    title: str
    intro: str
    group_by: str
    groups: tuple[Group, ...]
    pseudonymized: bool = False
    options: dict[str, object] = field(default_factory=dict)
    provenance: Provenance | None = None
    language: str = "fr"

    def __len__(self) -> int:
        return sum(len(g.extracts) for g in self.groups)

    @property
    def documents(self) -> int:
        return len({x.number for g in self.groups for x in g.extracts})


def _text(value: AttributeValue | None) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


_BEFORE_MARK = re.compile(r"(?<=\S)[ \t]+(?=[»:;?!](?:\s|$))")
_AFTER_GUILLEMET = re.compile(r"«[ \t]+(?=\S)")


def _clean(text: str) -> str:
    """One paragraph on one line: OCR line breaks joined, a word cut by a hyphen rejoined,
    and the spaces French sets before « : ; ? ! » and after « made no-break, so that a
    page never starts a line with "?" or ends one with "«"."""
    text = re.sub(r"(\w)-[ \t]*\n[ \t]*(?=\w)", r"\1-", text.strip())
    text = re.sub(r"\s*\n\s*", " ", text).strip()
    text = _BEFORE_MARK.sub("\u00a0", text)
    return _AFTER_GUILLEMET.sub("«\u00a0", text)


def _paragraphs(text: str) -> list[str]:
    paras = [_clean(p) for p in re.split(r"\n[ \t]*\n", text.strip())]
    return [p for p in paras if p and not _PAGE_NUMBER.fullmatch(p)]


def _context(text: str, start: int, end: int, words: int, lo: int, hi: int
             ) -> tuple[str, str]:
    """Up to `words` words (verbatims.model.units) each side, within [lo, hi) (the
    extract's paragraphs, speaker marker left out); "[...]" where cut."""
    if words <= 0:
        return "", ""
    left = units.words(text, lo, start)
    right = units.words(text, end, hi)
    before = after = ""
    if left:  # from the blank before the first word, so « or * opening it come along
        a = left[-words][0] if len(left) >= words else left[0][0]
        while a > lo and not text[a - 1].isspace():
            a -= 1
        before = text[a:start]
    if right:  # to the blank after the last word, with the punctuation closing it
        b = right[:words][-1][1]
        while b < hi and not text[b].isspace():
            b += 1
        after = text[end:b]
    if len(left) > words:
        before = "[...] " + before
    if len(right) > words:
        after = after + " [...]"
    return before, after


def time_label(ms: int) -> str:
    """A turn's time as a reader cites it: "12 min 30", "1 h 02 min 05"."""
    seconds = ms // 1000
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    if h:
        return _("{h} h {m:02d} min {s:02d}").format(h=h, m=m, s=s)
    return _("{m} min {s:02d}").format(m=m, s=s)


@dataclass
class _Doc:
    """What the builder reads of one document, offsets already on the text shown."""

    doc: Document
    number: int
    text: str
    turns: list[Turn]
    header: str = ""

    def __post_init__(self) -> None:
        self.units = units.TextUnits(self.text, self.turns)
        spoken = [i for i, t in enumerate(self.turns) if t.role != "preamble"]
        self.spoken = {i: n for n, i in enumerate(spoken, start=1)}  # turn index → number
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n[ \t]*\n\s*",
                                                                    self.text)]
        respondents = {t.speaker for t in self.turns if t.role == "respondent" and t.speaker}
        self.several_speakers = len(respondents) > 1

    def at(self, pos: int) -> int | None:
        """Index in `turns` of the last turn starting at or before `pos`."""
        i = units.turn_index(self.turns, pos)
        return i if i >= 0 else None

    def breaks(self, start: int, end: int) -> tuple[int, ...]:
        """Where turns start strictly inside [start, end), relative to `start`."""
        i = self.at(start)
        first = 0 if i is None else i + 1
        out = []
        for turn in self.turns[first:]:
            if turn.start >= end:
                break
            if turn.start > start:
                out.append(turn.start - start)
        return tuple(out)

    def turn_number(self, pos: int) -> int | None:
        i = self.at(pos)
        return None if i is None else self.spoken.get(i)

    def speakers(self, start: int, end: int) -> str | None:
        first, last = self.at(start), self.at(max(start, end - 1))
        if first is None:
            return None
        names = [t.speaker for t in self.turns[first:(last or first) + 1]
                 if t.speaker and t.role != "interviewer"]
        return ", ".join(dict.fromkeys(names)) or None

    def body_start(self, start: int, end: int) -> int:
        """`start`, moved past the speaker marker when the extract opens its turn and
        stays in it: the quote gives the words, the heading or citation the speaker."""
        i = self.at(start)
        if i is None or (i + 1 < len(self.turns) and self.turns[i + 1].start < end):
            return start  # several turns quoted: each keeps its speaker's marker
        speech = units.marker_end(self.text, self.turns[i])
        while speech < end and self.text[speech].isspace():
            speech += 1
        return speech if self.turns[i].start <= start < speech < end else start

    def question(self, pos: int) -> str:
        """The interviewer's turn nearest before the turn holding `pos` ("" if none)."""
        i = self.at(pos)
        if i is None or self.turns[i].role == "interviewer":
            return ""
        for turn in reversed(self.turns[:i]):
            if turn.role == "interviewer":
                return _clean(self.text[turn.start:turn.end])
        return ""


@dataclass
class _Span:
    start: int
    end: int
    code_ids: list[int]
    memos: list[str]
    coders: list[str]


def _merge(spans: list[_Span], text: str, adjacent: bool) -> list[_Span]:
    """Overlapping spans (and, with `adjacent`, spans only blanks apart) as one."""
    out: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        last = out[-1] if out else None
        if last is not None and (span.start < last.end or (
                adjacent and not text[last.end:span.start].strip())):
            last.end = max(last.end, span.end)
            last.code_ids += [c for c in span.code_ids if c not in last.code_ids]
            last.memos += [m for m in span.memos if m not in last.memos]
            last.coders += [c for c in span.coders if c not in last.coders]
        else:
            out.append(_Span(span.start, span.end, list(span.code_ids), list(span.memos),
                             list(span.coders)))
    return out


def shown_as(project: Project) -> Callable[[str], str]:
    """How text the user typed or a template rendered is shown: through the pseudonymised
    view's replacements when exporting one (it is callable), else as it is."""
    if project.pseudonymized and callable(project):
        return project
    return lambda text: text


def display_names(codes: Sequence[Code], paths: dict[int, str], breadcrumb: bool = False
                  ) -> dict[int, str]:
    """Each code as a heading shows it: its name, or its path when asked or when two codes
    share a name ("prestataires" under two themes)."""
    count: dict[str, int] = {}
    for code in codes:
        count[code.name.casefold()] = count.get(code.name.casefold(), 0) + 1
    return {c.id: (paths[c.id].replace("/", CRUMB) if breadcrumb
                   or count[c.name.casefold()] > 1 else c.name) for c in codes}


def build(
    project: Project,
    codes: Sequence[str] = (),
    group_by: str = "code",
    attribute: str | None = None,
    where: Sequence[tuple[str, str]] = (),
    template: str = tpl.DEFAULT_TEMPLATE,
    context: int = 0,
    title: str | None = None,
    *,
    reference: str | None = None,
    intro: str = "definition",
    introduction: str | None = None,
    breadcrumb: bool = False,
) -> ExtractSet:
    """Every coded passage matching the filters, quoted once, grouped for an annex.

    `codes` are the groups when grouping by code (each with its sub-codes);
    without them every code with codings is a group of its own. `reference` is
    the template of each extract's reference (default "E{n}, {locus}");
    `intro` opens each group with the code's `definition`, or each answer with
    the interviewer's `question` that prompted it, or with `none`; `introduction` replaces the
    annex's opening paragraph.
    """
    if group_by not in GROUP_BY:
        raise UserError(_("--group-by must be one of {choices}, not {value!r}.").format(
            choices=", ".join(GROUP_BY), value=group_by))
    if intro not in INTROS:
        raise UserError(_("--group-intro must be one of {choices}, not {value!r}.").format(
            choices=", ".join(INTROS), value=intro))
    keys = project.attribute_keys()
    if group_by == "attribute":
        if not attribute:
            raise UserError(_("--group-by attribute needs --attribute NAME, e.g. "
                              "--attribute type_collectivite."))
        attribute = known_key(attribute, keys)  # "Rôle" is role
    elif attribute:
        raise UserError(_("--attribute {name} only applies with --group-by attribute; add it, "
                          "or leave --attribute out.").format(name=attribute))
    reference = reference or _(DEFAULT_REFERENCE)
    tpl.check(template)
    tpl.check_attributes(template, keys)
    ref_what = _("reference template")
    tpl.check(reference, ref_what)
    if reference != _(DEFAULT_REFERENCE):
        tpl.check_attributes(reference, keys, REFERENCE_FIELDS, ref_what)

    hide = shown_as(project)
    all_codes = project.codes()
    by_id = {c.id: c for c in all_codes}
    order = {c.id: i for i, c in enumerate(all_codes)}
    paths = {c.id: project.code_path(c.id) for c in all_codes}
    shown = display_names(all_codes, paths, breadcrumb)
    wanted = [project.code(ref) for ref in codes]
    families = {c.id: project.descendants(c.id) for c in wanted}
    segments = project.segments(codes, where)
    documents = project.documents()
    numbers = {d.id: n for n, d in enumerate(documents, start=1)}
    attrs = project.attributes()
    prepared: dict[int, _Doc] = {}

    def doc_of(document_id: int) -> _Doc:
        if document_id not in prepared:
            doc = next(d for d in documents if d.id == document_id)
            # pseudonymised already when given the view
            prepared[document_id] = _Doc(doc, numbers[doc.id], project.text(doc.id),
                                         project.turns(doc.id))
        return prepared[document_id]

    # Which group each coding belongs to; spans per (group, document).
    spans: dict[tuple[object, int], list[_Span]] = {}
    for seg in segments:
        coding = seg.coding
        info = doc_of(coding.document_id)
        start, end = coding.start, coding.end
        if group_by == "code":
            group_keys: list[object] = ([c.id for c in wanted if coding.code_id in families[c.id]]
                                        if wanted else [coding.code_id])
        elif group_by == "document":
            group_keys = [coding.document_id]
        else:
            group_keys = [_text(seg.attributes.get(attribute or ""))]
        memo = [coding.memo] if coding.memo else []
        for key in group_keys:
            spans.setdefault((key, coding.document_id), []).append(
                _Span(start, end, [coding.code_id], list(memo), [coding.coder]))

    # Speaker descriptions, told apart by the interview's number when two are alike.
    involved = sorted({doc_id for _key, doc_id in spans}, key=lambda i: numbers[i])
    headers = {i: hide(tpl.render(template, attrs.get(i, {}), doc_of(i).doc.name))
               for i in involved}
    alike = [h for h in headers.values() if list(headers.values()).count(h) > 1]
    for i in involved:
        doc_info = doc_of(i)
        doc_info.header = headers[i]
        if headers[i] in alike:
            doc_info.header = f"{headers[i]} ({_('I{n}').format(n=doc_info.number)})"

    def make_extract(span: _Span, info: _Doc, group_code: int | None) -> Extract:
        span.start = info.body_start(span.start, span.end)
        ids = sorted(span.code_ids, key=lambda c: order.get(c, 10**9))
        names = tuple(shown[c] for c in ids)
        tags = [shown[c] for c in ids if c != group_code]
        turn = info.turn_number(span.start)
        at = info.at(span.start)
        timed = info.turns[at].time_start_ms if at is not None else None
        paragraph = bisect.bisect_right(info.paragraph_starts, span.start)
        if timed is not None:
            locus = time_label(timed)
        elif turn is not None:
            locus = _("turn {n}").format(n=turn)
        else:
            locus = f"§ {paragraph}"
        fields = {"n": str(info.number), "locus": locus,
                  "turn": "" if turn is None else str(turn),
                  "time": "" if timed is None else time_label(timed),
                  "paragraph": str(paragraph), "start": str(span.start), "end": str(span.end),
                  "document": info.doc.name}
        ref = hide(tpl.render(reference, attrs.get(info.doc.id, {}), fields["document"],
                              fields))
        speaker = info.speakers(span.start, span.end)
        parts = [ref]
        if speaker and info.several_speakers:
            parts.append(speaker)
        if tags:
            parts.append(_("codes: {codes}").format(codes=", ".join(tags)))
        lo = min(info.units.paragraph(span.start)[0], span.start)
        hi = max(info.units.paragraph(max(span.start, span.end - 1))[1], span.end)
        before, after = _context(info.text, span.start, span.end, context, lo, hi)
        return Extract(
            document=info.doc.name, number=info.number, header=info.header,
            speaker=speaker, codes=names, code_paths=tuple(paths[c] for c in ids),
            memos=tuple(span.memos), coders=tuple(span.coders), start=span.start,
            end=span.end, turn=turn, reference=ref, citation=" — ".join(parts),
            text=info.text[span.start:span.end], before=before, after=after,
            question=info.question(span.start) if intro == "question" else "",
            turn_breaks=info.breaks(span.start, span.end))

    # Groups in codebook, interview or value order; sections in interview order.
    group_keys_seen = list(dict.fromkeys(key for key, _doc in spans))
    if group_by == "code":
        rank = {c.id: i for i, c in enumerate(wanted)} if wanted else order
        group_keys_seen.sort(key=lambda k: rank.get(int(str(k)), 10**9))
    elif group_by == "document":
        group_keys_seen.sort(key=lambda k: numbers[int(str(k))])
    else:
        group_keys_seen.sort(key=lambda k: (k == "", str(k).casefold()))
    adjacent = group_by != "code"
    groups = []
    for key in group_keys_seen:
        group_code = int(str(key)) if group_by == "code" else None
        sections = []
        for doc_id in sorted((d for k, d in spans if k == key), key=lambda i: numbers[i]):
            info = doc_of(doc_id)
            merged = _merge(spans[(key, doc_id)], info.text, adjacent)
            extracts = tuple(make_extract(s, info, group_code) for s in merged)
            heading = "" if group_by == "document" else info.header
            sections.append(Section(heading, extracts))
        if group_code is not None:
            title_text = shown[group_code]
            group_intro = by_id[group_code].definition.strip() if intro == "definition" else ""
        elif group_by == "document":
            title_text = doc_of(int(str(key))).header
            group_intro = ""
        else:
            value = str(key) if key else _(NO_VALUE)
            title_text = _("{attribute}: {value}").format(attribute=attribute, value=value)
            group_intro = ""
        groups.append(Group(title_text, group_intro, tuple(sections)))

    data = ExtractSet(
        title=hide(title) if title else _("Interview extracts"),
        intro="",
        group_by=group_by,
        groups=tuple(groups),
        pseudonymized=project.pseudonymized,
        options={"codes": list(codes), "context": context, "breadcrumb": breadcrumb},
        provenance=provenance_of(project, hide if project.pseudonymized else None),
    )
    text = hide(introduction) if introduction else opening(data, [shown[c.id] for c in wanted])
    return ExtractSet(data.title, text, data.group_by, data.groups, data.pseudonymized,
                      data.options, data.provenance, data.provenance.language
                      if data.provenance else "fr")


GROUPING = {"code": N_("grouped by code"), "document": N_("grouped by interview"),
            "attribute": N_("grouped by attribute")}


def quoted(text: str) -> str:
    """`text` between the quotation marks of the language in force (« … » in French)."""
    return _("“{text}”").format(text=text)


def opening(data: ExtractSet, codes: Sequence[str] = ()) -> str:
    """The annex's first paragraph: how many extracts, from how many interviews, how ordered."""
    n, d = len(data), data.documents
    line = _("{extracts} from {interviews}, {grouping}, in the order of the interviews.").format(
        extracts=ngettext("{n} extract", "{n} extracts", n).format(n=n),
        interviews=ngettext("{n} interview", "{n} interviews", d).format(n=d),
        grouping=_(GROUPING[data.group_by]))
    if codes:
        line += " " + ngettext("Code: {codes} (with its sub-codes).",
                               "Codes: {codes} (each with its sub-codes).",
                               len(codes)).format(codes=", ".join(quoted(c) for c in codes))
    if data.pseudonymized:
        line += " " + _("Names are pseudonymised.")
    return line
