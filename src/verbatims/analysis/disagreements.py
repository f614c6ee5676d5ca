"""Every passage where coders differ, with what each of them coded there, to discuss.

A *dispute* is about one code. With character units it is a stretch that some
coder coded with that code (overlapping or touching codings of it by any coder
joined into one), unless every coder coded exactly the same characters of it;
its kind is *missing* when a coder did not code it at all, *boundaries* when all
coded it but started or stopped elsewhere. With sentence, turn, paragraph or
document units it is one unit that some coders coded with the code and others
did not (kind *missing*).

Disputes that overlap in a document form one *passage*, the thing a team sits
down to settle: "here Alice coded sobriété, Bob réemploi" is one question about
the codebook, not two. `disagreements` gives the disputes (one row per code, for
scripts); `passages` groups them, with every coding each coder made there.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from verbatims.analysis.agreement import Material, Span, coder_spans, touches
from verbatims.model.entities import Coding
from verbatims.model.spans import merge_spans, overlaps

MISSING, BOUNDARIES = "missing", "boundaries"
CONTEXT = 120  # characters of context shown before and after a passage, cut at a word
DISPUTE_COLUMNS = ["passage", "document", "document_id", "code", "code_id", "start", "end",
                   "kind", "text"]
PASSAGE_COLUMNS = ["passage", "document", "document_id", "start", "end", "text", "before",
                   "after", "disputes"]


def spans_column(coder: str) -> str:
    """Disputes: the spans `coder` coded with the row's code, inside the dispute."""
    return f"spans:{coder}"


def codings_column(coder: str) -> str:
    """Passages: (code path, start, end, disputed) of every coding by `coder` there."""
    return f"codings:{coder}"


def disagreements(material: Material) -> pd.DataFrame:
    """One row per disputed code and stretch, in document order, numbered by passage."""
    spans = coder_spans(material)
    m = len(material.coders)
    order = {code_id: n for n, code_id in enumerate(material.codes)}
    rows: list[dict[str, object]] = []
    numbered = 0
    for doc in material.documents:
        found: list[dict[str, object]] = []
        for code_id, path in material.codes.items():
            per_coder = [spans.get((doc.id, code_id, i), []) for i in range(m)]
            if not any(per_coder):
                continue
            for start, end, kind in _disputes(material.unit, doc.text, doc.units, per_coder):
                row: dict[str, object] = {
                    "document": doc.name, "document_id": doc.id, "code": path,
                    "code_id": code_id, "start": start, "end": end, "kind": kind,
                    "text": doc.text[start:end]}
                for i, coder in enumerate(material.coders):
                    row[spans_column(coder)] = tuple(_clip(per_coder[i], start, end))
                found.append(row)
        found.sort(key=lambda r: (r["start"], order[int(str(r["code_id"]))]))
        groups = merge_spans((int(str(r["start"])), int(str(r["end"]))) for r in found)
        for row in found:
            row["passage"] = numbered + 1 + next(
                n for n, (a, b) in enumerate(groups) if a <= int(str(row["start"])) < b)
        numbered += len(groups)
        rows += found
    columns = DISPUTE_COLUMNS + [spans_column(c) for c in material.coders]
    return pd.DataFrame(rows, columns=columns)


def passages(material: Material, disputes: pd.DataFrame) -> pd.DataFrame:
    """One row per passage: its text and context, its disputes as (code, kind, the coders
    who coded it), and for each coder every coding they made over it (disputed or not),
    clipped to it."""
    texts = {d.id: d.text for d in material.documents}
    by_coder: dict[tuple[int, str], list[Coding]] = {}
    for c in material.codings:
        by_coder.setdefault((c.document_id, c.coder), []).append(c)
    rows = []
    for number, group in disputes.groupby("passage", sort=True):
        doc_id = int(group["document_id"].iloc[0])
        start, end = int(group["start"].min()), int(group["end"].max())
        text = texts[doc_id]
        disputed = set(group["code_id"].astype(int))
        row: dict[str, object] = {
            "passage": int(str(number)), "document": group["document"].iloc[0],
            "document_id": doc_id, "start": start, "end": end, "text": text[start:end],
            "before": context_before(text, start), "after": context_after(text, end),
            "disputes": tuple(
                (str(r["code"]), str(r["kind"]),
                 tuple(c for c in material.coders if r[spans_column(c)]))
                for _, r in group.iterrows()),
        }
        for coder in material.coders:
            mine = sorted((c for c in by_coder.get((doc_id, coder), [])
                           if overlaps((c.start, c.end), (start, end))),
                          key=lambda c: (c.start, c.end, c.code_id))
            row[codings_column(coder)] = tuple(
                (material.code_paths.get(c.code_id, str(c.code_id)), max(c.start, start),
                 min(c.end, end), c.code_id in disputed) for c in mine)
        rows.append(row)
    return pd.DataFrame(rows, columns=PASSAGE_COLUMNS
                        + [codings_column(c) for c in material.coders])


def _disputes(unit: str, text: str, units: Sequence[Span],
              per_coder: list[list[Span]]) -> list[tuple[int, int, str]]:
    out = []
    if unit == "character":
        for start, end in merge_spans(s for spans in per_coder for s in spans):
            inside = [tuple(_clip(spans, start, end)) for spans in per_coder]
            if all(part == inside[0] for part in inside):
                continue
            out.append((start, end, MISSING if any(not part for part in inside)
                        else BOUNDARIES))
        return out
    for segment in units:
        coded = [touches(text, segment, spans) for spans in per_coder]
        if any(coded) and not all(coded):
            out.append((segment[0], segment[1], MISSING))
    return out


def context_before(text: str, start: int) -> str:
    """Up to CONTEXT characters before `start`, from a word's start, within the paragraph."""
    lo = max(0, start - CONTEXT)
    if lo > 0:
        cut = text.find(" ", lo, start)
        lo = cut + 1 if cut >= 0 else lo
    return text[lo:start].split("\n\n")[-1]


def context_after(text: str, end: int) -> str:
    hi = min(len(text), end + CONTEXT)
    if hi < len(text):
        cut = text.rfind(" ", end, hi)
        hi = cut if cut > end else hi
    return text[end:hi].split("\n\n")[0]


def _clip(spans: Sequence[Span], start: int, end: int) -> list[Span]:
    return [(max(a, start), min(b, end)) for a, b in spans if a < end and b > start]
