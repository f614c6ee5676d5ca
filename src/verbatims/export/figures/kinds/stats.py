"""Code frequencies and coverage (by attribute), and the code co-occurrence matrix."""

from __future__ import annotations

from verbatims.export.figures.make import make_stats
from verbatims.export.figures.registry import FIGURES, Figure, Form, Option
from verbatims.i18n import N_

FIGURES.register()(Figure(
    make=make_stats,
    formats=("xlsx", "csv"),
    options=(
        Option("by", N_("Attribute to break frequencies and coverage down by.")),
        Option("table", N_("For CSV: which table (XLSX holds them all): frequencies, by "
                           "(frequencies by --by's values), crosstab (codes × --by's values) or "
                           "cooccurrence."),
               choices=("frequencies", "by", "crosstab", "cooccurrence")),
    ),
    forms=(Form("stats", N_("Table: code statistics by attribute"),
                N_("Table: code statistics by attribute"), "attribute?", "by"),),
    order=50,
))
