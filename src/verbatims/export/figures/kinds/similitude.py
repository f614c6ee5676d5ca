"""Similitude graph: the maximum spanning tree of the terms' co-occurrences."""

from __future__ import annotations

from verbatims.export.figures.make import make_similitude
from verbatims.export.figures.registry import FIGURES, Figure, Form, Option
from verbatims.i18n import N_

FIGURES.register()(Figure(
    make=make_similitude,
    formats=("png", "svg", "csv", "gexf", "graphml"),
    output_help=N_("FILE.png, .svg (graph), .csv (its links), .gexf or .graphml (Gephi)."),
    options=(
        Option("pivot", N_("The context of this word or locution.")),
        Option("code", N_("The extracts of this code.")),
        Option("top", N_("How many terms (the most present in the units)."), minimum=3,
               maximum=150),
        Option("index", N_("Co-occurrence count, or Jaccard index."),
               choices=("cooc", "jaccard")),
        Option("min_cooc", N_("Co-occurrences a link needs."), minimum=1),
        Option("window", N_("Sentences on each side of the pivot counted as its context."),
               minimum=0, maximum=20),
        Option("values", N_("Print the index on each link.")),
        Option("keep_script", N_("Keep the words of the interview situation and of the "
                                 "question asked.")),
        Option("include_interviewer", N_("Analyse interviewer turns too.")),
    ),
    forms=(
        Form("similitude", N_("Similitude graph of a code's extracts"),
             N_("Figure: similitude graph of a code's extracts"), "code?", "code"),
    ),
    order=25,
))
