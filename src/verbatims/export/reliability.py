"""What an agreement report says besides its figures: who, which documents, which units, why.

A reliability figure means nothing without its units and its sample, so every
table and every disagreements document carries these notes (the XLSX in a sheet
of its own, HTML and DOCX under the title; CSV files stay bare for scripts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from verbatims.analysis.agreement import Material
from verbatims.export.rows import safe
from verbatims.i18n import _, ngettext

FIGURES = ("percent_agreement", "kappa", "alpha", "fleiss_kappa")


@dataclass(frozen=True)
class AgreementReport:
    title: str
    table: pd.DataFrame
    notes: tuple[str, ...]


@dataclass(frozen=True)
class DisagreementReport:
    title: str
    coders: tuple[str, ...]
    unit: str
    disputes: pd.DataFrame  # one row per code and stretch (analysis.disagreements)
    passages: pd.DataFrame  # the disputes grouped where they overlap
    notes: tuple[str, ...]


def unit_name(unit: str) -> str:
    return {"character": _("character"), "sentence": _("sentence"), "turn": _("speaker turn"),
            "paragraph": _("paragraph"), "document": _("document")}.get(unit, unit)


def notes(material: Material) -> tuple[str, ...]:
    """The method, in sentences a thesis can quote."""
    coders = ", ".join(material.coders)
    n = len(material.documents)
    out = [
        _("Coders compared: {coders}.").format(coders=coders),
        ngettext("{n} document compared: the documents that every one of these coders has "
                 "coded with at least one code (any code).",
                 "{n} documents compared: the documents that every one of these coders has "
                 "coded with at least one code (any code).", n).format(n=n),
    ]
    if material.left_out:
        out.append(_("Left out because only some of the coders have coded them: "
                     "{documents}.").format(documents=", ".join(material.left_out)))
    if material.unit == "character":
        out.append(_("Unit: the character (as NVivo). For each code, every character of the "
                     "compared documents is a unit, coded or not by each coder."))
    else:
        out.append(_("Unit: the {unit} (as MAXQDA's segment method). For each code, a {unit} "
                     "counts as coded by a coder when that coder coded any part of it beyond "
                     "blanks; sentences, turns and paragraphs are cut as auto-coding cuts "
                     "them, without speaker labels.").format(unit=unit_name(material.unit)))
    out += [
        _("Percent agreement is the share of units on which all coders agree (all coded it, "
          "or none did). Kappa is Cohen's κ for two coders and the mean of every pair's κ for "
          "more (Fleiss' κ is given beside it); alpha is Krippendorff's α for nominal data. "
          "The overall row pools the units of every code."),
        _("Most of a transcript is coded by nobody, and coders agree on all of that: over "
          "characters, percent agreement is therefore close to 1 even when coders share little "
          "of what they coded (two coders who each code 1 % of a text, half of it in common, "
          "agree on 99 % of its characters). κ and α discount the agreement chance would give, "
          "which that uncoded mass makes very high, so they stay near the share of coded text "
          "the coders have in common (κ = 0.50 in that example): read κ or α, not percent "
          "agreement. Averaging one κ per document, as NVivo does, counts every document where "
          "neither coder used a code as perfect agreement; verbatims computes one figure per "
          "code over all the compared documents instead."),
        _("A figure is left empty when it is undefined: when no coder, or every coder, coded "
          "every unit, so that chance agreement is total."),
    ]
    return tuple(out)


def figure_text(value: object) -> str:
    """A figure as the tables show it: four decimals, empty when undefined."""
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.4f}"
    return str(value)


def rounded(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for column in FIGURES:
        if column in out:
            out[column] = out[column].astype(float).round(4)
    return out


def table_cells(report: AgreementReport) -> tuple[list[str], list[list[object]]]:
    """Header and rows as text files show them: figures to four decimals, empty when
    undefined, text never read as a formula."""
    table = rounded(report.table)
    header = [str(c) for c in table.columns]
    body = [[figure_text(v) if isinstance(v, float) else safe(v) for v in row]
            for row in table.itertuples(index=False)]
    return header, body
