"""`autocode --learn` and `autocode --evaluate`: what the command line prints for them."""

from __future__ import annotations

import math
from pathlib import Path

import click
import pandas as pd

from verbatims.errors import UserError
from verbatims.i18n import _, ngettext
from verbatims.nlp import learn
from verbatims.nlp.learned import Dataset, Report
from verbatims.store import Project


def settings(vectors: bool, learning: bool) -> learn.Settings:
    """The learner's settings; word vectors only when asked and installed."""
    if not vectors:
        return learn.Settings()
    if not learning:
        raise UserError(_("--vectors goes with --learn or --evaluate; add one of them."))
    from verbatims.nlp.pipeline import VECTORS_MODEL, vectors_available

    if not vectors_available():
        raise UserError(_("Word vectors need spaCy's {model} model, which is not installed: "
                          "run `pip install -e '.[md]'` in the project's environment, or "
                          "leave --vectors out.").format(model=VECTORS_MODEL))
    return learn.Settings(vectors=True)


def truth_label(data: Dataset) -> str:
    """Whose hand coding it is, in words."""
    who = (_("coder {coder}").format(coder=data.coder) if data.coder
           else _("every coder but {machine}").format(machine=" / ".join(learn.MACHINE_CODERS)))
    return ngettext("{n} coding by {who} in {docs} document(s)",
                    "{n} codings by {who} in {docs} document(s)", data.codings).format(
        n=data.codings, who=who, docs=len(data.coded_documents))


def refusals(data: Dataset) -> None:
    """One sentence naming the codes too little coded to learn from."""
    few = [c for c in data.codes if not c.enough and c.positives]
    if not few:
        return
    listed = ", ".join(
        f"{c.code.name} ({c.positives})" if c.positives < learn.MIN_POSITIVES else
        f"{c.code.name} ({c.positives}, " + ngettext("in {n} document", "in {n} documents",
                                                    c.documents).format(n=c.documents) + ")"
        for c in few)
    click.echo(_("Too few coded passages to learn from (a code needs {n} in {d} documents), "
                 "so keywords only for: {codes}.").format(
        n=learn.MIN_POSITIVES, d=learn.MIN_DOCUMENTS, codes=listed))


def learned_summary(data: Dataset, report: Report, pruned: bool = True) -> None:
    click.echo(_("Learning from {truth}; suggestions in the {n} other document(s).").format(
        truth=truth_label(data), n=report.targets))
    if not data.learnable:
        click.echo(_("No code has {n} coded passages in {d} documents yet: keyword suggestions "
                     "only. Code more passages by hand, then run `verbatims autocode --learn` "
                     "again.").format(n=learn.MIN_POSITIVES, d=learn.MIN_DOCUMENTS))
    refusals(data)
    if pruned:
        contradicted(data, keyword_codes_only=True)
    for r in report.codes:
        if not r.learned:
            continue
        click.echo(_("{code} ({unit}, {n} coded passages, threshold {t:.0f} %): {p} proposed, "
                     "{w} without a keyword, {v} keyword hit(s) turned down").format(
            code=r.data.path, unit=_unit(r.data.unit), n=r.data.positives, t=100 * r.threshold,
            p=r.proposed, w=r.without_keyword, v=r.vetoed))


def why_text(why: str) -> str:
    from verbatims.nlp.learned import why_text as text

    return text(why)


def _unit(unit: str) -> str:
    return {"sentence": _("sentence"), "turn": _("turn"), "paragraph": _("paragraph")}.get(
        unit, unit)


def _num(x: float) -> str:
    return "  –  " if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:5.2f}"


def evaluation_table(data: Dataset, frame: pd.DataFrame) -> None:
    """The cross-validated figures, one line per code, keywords beside learned."""
    if frame.empty:
        raise UserError(_("No code has passages coded by hand to compare with; code some "
                          "passages first (`verbatims code`, or the workbench)."))
    folds = int(frame["folds"].iloc[0])
    click.echo(_("Cross-validated against the hand coding ({truth}), {k} folds by document, "
                 "each code at its grain; a passage counts as coded when a coding covers at "
                 "least half of it.").format(truth=truth_label(data), k=folds))
    keywords, learned_label = _("keywords"), _("learned")
    code_label, unit_label, coded_label = _("code"), _("unit"), _("coded")
    click.echo(f"{'':32} {'':10} {'':>8}  {keywords:^23}  {learned_label:^23}")
    sub = "  ".join(["    P     R    F1     κ"] * 2)
    click.echo(f"{code_label:32} {unit_label:10} {coded_label:>8}  {sub}")
    for (_code_id, path), rows in frame.groupby(["code_id", "code"], sort=False):
        by = {r.method: r for r in rows.itertuples()}
        first = rows.iloc[0]
        cells = []
        for method in ("keywords", "learned"):
            r = by.get(method)
            cells.append(" ".join(_num(getattr(r, f) if r is not None else math.nan)
                                  for f in ("precision", "recall", "f1", "kappa")))
        name = str(path)
        if len(name) > 32:
            name = "…" + name[-31:]
        click.echo(f"{name:32} {_unit(str(first.unit)):10} {int(first.positives):>8}  "
                   + "  ".join(cells))
    learned_rows = frame[(frame["method"] == "learned")]
    if len(learned_rows):
        keyword_rows = frame[(frame["method"] == "keywords") & frame["learnable"]]
        kw = float(keyword_rows["f1"].fillna(0).mean())
        lr = float(learned_rows["f1"].fillna(0).mean())
        click.echo(_("Macro F1 over the {n} code(s) learned: keywords {kw:.2f}, learned {lr:.2f} "
                     "({d:+.2f}).").format(n=len(learned_rows), kw=kw, lr=lr, d=lr - kw))
    pruned = frame[frame["method"] == "keywords, pruned"]
    if len(pruned):
        every = frame[frame["method"] == "keywords"]
        click.echo(_("Keywords without those your coding contradicts, over the {n} code(s) "
                     "coded by hand: macro F1 {pr:.2f} (all keywords {kw:.2f}).").format(
            n=len(pruned), pr=float(pruned["f1"].fillna(0).mean()),
            kw=float(every["f1"].fillna(0).mean())))
    refusals(data)
    contradicted(data)


def contradicted(data: Dataset, keyword_codes_only: bool = False) -> None:
    """The keywords the hand coding contradicts, left out of keyword suggestions (with
    `keyword_codes_only`, of the codes not learned: a learned code's model weighs them)."""
    contradicted_list([(c.path, k, hits, coded) for c in data.codes
                       if not (keyword_codes_only and c.enough)
                       for k, (hits, coded) in c.contradicted.items()])


def contradicted_list(found: list[tuple[str, str, int, int]]) -> None:
    """(code path, keyword, passages matched, coded) in one heading and one line each."""
    if not found:
        return
    click.echo(_("Keywords your coding contradicts (at most {share:.0%} of the passages they "
                 "matched in the coded documents are coded), left out of keyword "
                 "suggestions (--all-keywords keeps them):").format(
        share=learn.CONTRADICTED_SHARE))
    for path, keyword, hits, coded in found:
        click.echo("  " + _("{keyword!r} for {code}: {coded} of {hits} passages coded").format(
            keyword=keyword, code=path, coded=coded, hits=hits))


def write_table(frame: pd.DataFrame, output: Path) -> None:
    from verbatims.files import atomic_write, check_suffix

    fmt = check_suffix(output, ("csv", "xlsx"))
    with atomic_write(output) as tmp:
        if fmt == "xlsx":
            frame.to_excel(tmp, index=False)
        else:
            frame.to_csv(tmp, index=False, encoding="utf-8")
    click.echo(_("Wrote {path}.").format(path=output), err=True)


def stored(project: Project, frame: pd.DataFrame, data: Dataset) -> None:
    from verbatims.analysis.autocoding import records
    from verbatims.store import evaluations

    evaluations.save(project, records(frame, data.coder, data.codings))
