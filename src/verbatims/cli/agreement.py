"""`verbatims agreement`: per-code inter-coder agreement, and the passages in dispute."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import click

from verbatims import i18n
from verbatims.cli.base import Context, cli, pass_ctx
from verbatims.errors import UserError
from verbatims.i18n import _, ngettext
from verbatims.where import parse_where

TABLE_FORMATS = ("csv", "xlsx", "html")
DISPUTE_FORMATS = ("html", "docx", "csv")


@cli.command()
@click.option("--coders", help=_("The coders to compare, comma-separated (default: everyone "
              "who has codings)."))
@click.option("--code", "codes", multiple=True, help=_("Only this code and its sub-codes (one "
              "row each); repeatable. Default: every code the coders used."))
@click.option("--unit", type=click.Choice(["character", "sentence", "turn", "paragraph",
                                           "document"]), default="character",
              show_default=True, help=_("What one rating is: a character (NVivo), or a "
              "sentence, turn, paragraph or document coded when any part of it is (MAXQDA)."))
@click.option("--where", "where", multiple=True, help=_("ATTRIBUTE=VALUE: only these "
              "documents; repeatable."))
@click.option("--disagreements", is_flag=True, help=_("Instead of the figures, every passage "
              "where the coders differ, each coder's codings side by side (.html .docx .csv)."))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help=_("FILE.csv|xlsx|html (with --disagreements: .html|docx|csv); default: CSV "
              "on standard output."))
@pass_ctx
def agreement(ctx: Context, coders: str | None, codes: tuple[str, ...], unit: str,
              where: tuple[str, ...], disagreements: bool, output: Path | None) -> None:
    """Inter-coder agreement per code: percent agreement, Cohen's kappa, Krippendorff's alpha.

    \b
    One row per code, then an overall row pooling every code:
    code,unit,coders,percent_agreement,kappa,alpha,units, then fleiss_kappa,
    documents and the units each coder coded. percent_agreement is a fraction
    in 0-1; kappa is Cohen's for two coders, the mean of the pairs' for more.

    \b
    Documents: those that EVERY named coder has coded with at least one code
    (any code); the others are left out, and named on standard error.
    Units: with --unit character, every character of those documents, coded
    or not, for each code; otherwise each sentence, turn, paragraph or document,
    coded by a coder when any part of it (beyond blanks) is.

    \b
    Over characters, percent agreement is close to 1 whenever most of the text
    is coded by nobody (coders agree on all that blank text): two coders coding
    1 % of a text each, half of it in common, agree on 99 % of the characters.
    Kappa and alpha discount that chance agreement (0.50 there): read them.
    """
    from verbatims.analysis.agreement import OVERALL, agreement_table
    from verbatims.analysis.agreement_data import gather
    from verbatims.analysis.disagreements import disagreements as find
    from verbatims.analysis.disagreements import passages as group
    from verbatims.export import registry
    from verbatims.export.reliability import (
        AgreementReport,
        DisagreementReport,
        notes,
        unit_name,
    )

    formats = DISPUTE_FORMATS if disagreements else TABLE_FORMATS
    fmt = "csv"
    if output is not None:
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in formats:
            raise UserError(_("Cannot write {name}: agreement writes {formats} files; change "
                              "the -o extension.").format(
                                  name=output.name,
                                  formats=", ".join("." + f for f in formats)))
    names = [c for c in (coders or "").split(",") if c.strip()]
    material = gather(ctx.project, names, codes, unit, parse_where(where))
    who = ", ".join(material.coders)
    if material.left_out:
        click.echo(_("Left out (not coded by every coder): {documents}.").format(
            documents=", ".join(material.left_out)), err=True)
    if disagreements:
        disputes = find(material)
        passages = group(material, disputes)
        title = _("Disagreements between {coders} (unit: {unit})").format(
            coders=who, unit=unit_name(unit))
        data: object = DisagreementReport(title, material.coders, unit, disputes, passages,
                                          notes(material))
        said = _("{coders}: {passages} ({disputes}) in {documents}.").format(
            coders=who,
            passages=ngettext("{n} disputed passage", "{n} disputed passages",
                              len(passages)).format(n=len(passages)),
            disputes=ngettext("{n} disputed code", "{n} disputed codes",
                              len(disputes)).format(n=len(disputes)),
            documents=_documents(len(material.documents)))
        kind = "disagreements"
    else:
        table = agreement_table(material)
        title = _("Inter-coder agreement: {coders} (unit: {unit})").format(
            coders=who, unit=unit_name(unit))
        data = AgreementReport(title, table, notes(material))
        overall = table[table["code"] == OVERALL]
        said = _("{coders}: {documents}, {codes}; overall kappa {kappa}, alpha {alpha}, "
                 "percent agreement {percent}.").format(
            coders=who, documents=_documents(len(material.documents)),
            codes=ngettext("{n} code", "{n} codes", len(material.codes)).format(
                n=len(material.codes)),
            kappa=_shown(overall["kappa"]), alpha=_shown(overall["alpha"]),
            percent=_shown(overall["percent_agreement"]))
        kind = "agreement"
    if output is None:
        _to_stdout(kind, data)
    else:
        registry.export(kind, fmt, data, output)
        said += " " + _("Wrote {path}.").format(path=output)
    click.echo(said, err=True)


def _documents(n: int) -> str:
    return ngettext("{n} document", "{n} documents", n).format(n=n)


def _shown(column: object) -> str:
    values = list(column)  # type: ignore[call-overload]
    if not values or math.isnan(float(values[0])):
        return "—"
    shown = f"{float(values[0]):.3f}"
    return shown.replace(".", ",") if i18n.language() == "fr" else shown


def _to_stdout(kind: str, data: object) -> None:
    """CSV on standard output, through the same writer as -o FILE.csv."""
    import tempfile

    from verbatims.export import registry

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.csv"
        registry.writer(kind, "csv")(data, path)
        text = path.read_text(encoding="utf-8")
    sys.stdout.write(text)
