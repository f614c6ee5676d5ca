"""Term commands: terms (why a word counts), kwic (concordance), expressions suggest
(repeated segments). Thin: parse, call analysis/export, print. The similitude graph
is a figure (export/figures/kinds/similitude.py): its command comes from the registry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from verbatims.cli.base import Context, cli, emit, pass_ctx
from verbatims.cli.figures import _progress_bar, expressions
from verbatims.cli.pseudo import KEY_HELP, hide_names, shown
from verbatims.errors import UserError
from verbatims.i18n import _, ngettext
from verbatims.store import Project
from verbatims.where import parse_where

if TYPE_CHECKING:
    import pandas as pd


def _code_spans(project: Project, name: str) -> tuple[dict[int, list[tuple[int, int]]], str]:
    from verbatims.analysis.cooc import coded_spans

    code = project.code(name)
    spans = coded_spans(project, project.descendants(code.id))
    return spans, project.code_path(code.id)


def _documents(project: Project, where: tuple[str, ...]) -> list[int] | None:
    if not where:
        return None
    from verbatims.analysis.codes import select_documents

    return select_documents(project, parse_where(where))


@cli.command("terms")
@click.argument("document", required=False)
@click.option("--code", "code_name", help=_("The extracts of this code instead of a document."))
@click.option("--counted", is_flag=True, help=_("Only the words that count as terms."))
@click.option("--keep-script", is_flag=True, help=_("Count the words of the interview situation "
              "(question, répondre…)."))
@click.option("--format", "fmt", type=click.Choice(["text", "csv"]), default="text",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help=_("Write to FILE."))
@pass_ctx
def terms_(ctx: Context, document: str | None, code_name: str | None, counted: bool,
           keep_script: bool, fmt: str, output: Path | None) -> None:
    """The words of a document (or of a code's extracts) as the figures count them, and why."""
    from verbatims.analysis.cooc import own_words
    from verbatims.analysis.script import question_terms, questions_before
    from verbatims.analysis.units import explain

    project = ctx.project
    if (document is None) == (code_name is None):
        raise UserError(_("Give a document (name or id) or --code NAME, one of the two."))
    spans = None
    left_out: dict[str, str] = {}
    if code_name is not None:
        spans, path = _code_spans(project, code_name)
        if not spans:
            raise UserError(_("The code {code!r} has no extracts yet; code some first.")
                            .format(code=path))
        ids = sorted(spans)
        from verbatims.analysis.corpus import load_docs

        for word in own_words(load_docs(project), path.rsplit("/", 1)[-1]):
            left_out[word] = _("left out here: word of the code")
        if not keep_script:
            for word in question_terms(project, questions_before(project, spans)):
                left_out.setdefault(word, _("left out here: word of the question asked"))
    else:
        assert document is not None
        ids = [project.document(document).id]
    from verbatims.nlp.cache import ensure_parsed

    with _progress_bar() as progress:
        ensure_parsed(project, progress)
    table = explain(project, ids, spans=spans, left_out=left_out, keep_script=keep_script)
    if counted:
        table = table[table["counted"]]
    if fmt == "csv":
        emit(table.to_csv(index=False, lineterminator="\n"), output)
        return
    lines = []
    for r in table.itertuples(index=False):
        mark = "+" if r.counted else " "
        lines.append(f"{mark} {r.start:>6}-{r.end:<6} {r.written:<22} → {r.term:<22} {_(r.why)}")
    n = int(table["counted"].sum()) if len(table) else 0
    lines.append(ngettext("{n} word counts as a term (+) out of {total} analysed.",
                          "{n} words count as terms (+) out of {total} analysed.", n)
                 .format(n=n, total=len(table)))
    emit("\n".join(lines) + "\n", output)


@cli.command()
@click.argument("term")
@click.option("--width", type=click.IntRange(10, 400), default=60, show_default=True,
              help=_("Characters of context on each side."))
@click.option("--code", "code_name", help=_("Only in the extracts of this code."))
@click.option("--where", multiple=True, help=_("ATTRIBUTE=VALUE filter on documents; repeatable."))
@click.option("--include-interviewer", is_flag=True, help=_("Search interviewer turns too."))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help=_("FILE.csv, .html or .docx (default: print)."))
@click.option("--pseudonymize", is_flag=True, help=_("Replace the accepted names (see "
              "`verbatims pseudonymize`)."))
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@pass_ctx
def kwic(ctx: Context, term: str, width: int, code_name: str | None, where: tuple[str, ...],
         include_interviewer: bool, output: Path | None, pseudonymize: bool,
         key: Path | None) -> None:
    """Every occurrence of TERM in its context (lemmas and OCR variants matched)."""
    from verbatims.analysis.kwic import concordance
    from verbatims.nlp.cache import ensure_parsed

    project = ctx.project
    if output is not None:
        from verbatims.export.kwic import FORMATS
        from verbatims.files import check_suffix

        check_suffix(output, FORMATS)
    pz = hide_names(project, pseudonymize, key, output)
    spans = _code_spans(project, code_name)[0] if code_name else None
    with _progress_bar() as progress:
        ensure_parsed(project, progress)
    table = concordance(project, term, width=width, document_ids=_documents(project, where),
                        spans=spans, include_interviewer=include_interviewer)
    if pz is not None:
        table = _hidden_concordance(project, shown(project, pz), table, width)
    if output is None:
        for r in table.itertuples(index=False):
            click.echo(f"{r.document[:24]:<24} {r.left:>{width}} [{r.match}] {r.right}")
        click.echo(ngettext("{n} occurrence of {term!r}.", "{n} occurrences of {term!r}.",
                            len(table)).format(n=len(table), term=term), err=True)
        return
    from verbatims.export.kwic import write

    title = _("Concordance of « {term} »").format(term=term if pz is None else pz(term))
    write(table, output, title)
    click.echo(ngettext("Wrote {path} ({n} occurrence).", "Wrote {path} ({n} occurrences).",
                        len(table)).format(path=output, n=len(table)), err=True)


def _hidden_concordance(project: Project, view: Project, table: pd.DataFrame, width: int
                        ) -> pd.DataFrame:
    """The concordance quoted from the pseudonymised text: documents by their label,
    offsets moved into that text, a name in the context or the match replaced whole."""
    import pandas as pd

    from verbatims.analysis.kwic import context
    from verbatims.pseudo.view import PseudonymizedProject

    assert isinstance(view, PseudonymizedProject)
    ids = {d.name: d.id for d in project.documents()}
    labels = view.labels()
    rows = []
    for r in table.itertuples(index=False):
        doc_id = ids[str(r.document)]
        move, text = view.remap(doc_id), view.text(doc_id)
        start, end = move(int(r.start), "start"), move(int(r.end), "end")
        rows.append((labels[doc_id], start, end, *context(text, start, end, width)))
    return pd.DataFrame(rows, columns=list(table.columns))


@expressions.command("suggest")
@click.option("--min-count", type=click.IntRange(2), default=3, show_default=True,
              help=_("Occurrences a segment needs."))
@click.option("--min-documents", type=click.IntRange(1), default=2, show_default=True,
              help=_("Interviews a segment must recur in."))
@click.option("--max-words", type=click.IntRange(2, 6), default=6, show_default=True)
@click.option("--top", type=click.IntRange(1, 1000), default=40, show_default=True)
@click.option("--accept", "accepted", type=int, multiple=True,
              help=_("Count the segment of this rank as one term from now on; repeatable."))
@pass_ctx
def expressions_suggest(ctx: Context, min_count: int, min_documents: int, max_words: int,
                        top: int, accepted: tuple[int, ...]) -> None:
    """Repeated segments (2 to 6 words that recur across interviews), strongest first."""
    from verbatims.analysis.segments import repeated_segments
    from verbatims.nlp.cache import ensure_parsed
    from verbatims.store import nlpcache

    project = ctx.project
    with _progress_bar() as progress:
        ensure_parsed(project, progress)
    found = repeated_segments(project, min_count=min_count, min_documents=min_documents,
                              max_words=max_words)[:top]
    if accepted:
        for rank in accepted:
            if not 1 <= rank <= len(found):
                raise UserError(_("No suggestion of rank {rank}; `verbatims expressions "
                                  "suggest` lists ranks 1 to {n}.").format(rank=rank,
                                                                           n=len(found)))
        for rank in accepted:
            seg = found[rank - 1]
            nlpcache.add_expression(project, seg.shown, " ".join(seg.lemmas))
            click.echo(_("Accepted {segment!r}: counted as one term from now on.")
                       .format(segment=seg.shown))
        return
    if not found:
        click.echo(_("No segment of {n} words or more recurs {k} times in {d} interviews.")
                   .format(n=2, k=min_count, d=min_documents))
        return
    for rank, seg in enumerate(found, 1):
        status = _("counted") if seg.known else ""
        click.echo(f"{rank:>3}  {seg.shown:<42} {seg.count:>4} ×  {seg.documents:>2} "
                   f"{_('int.')}  G² {seg.g2:>7.1f}  {status}")
    click.echo(_("Accept with `verbatims expressions suggest --accept RANK`; "
                 "`counted` ones are counted as one term already."), err=True)

