"""Terms significantly associated with a pivot word or locution, or with a code."""

from __future__ import annotations

from verbatims.analysis.measures import MEASURES
from verbatims.export.figures.make import make_cooc
from verbatims.export.figures.registry import FIGURES, Figure, Form, Option
from verbatims.i18n import N_

FIGURES.register()(Figure(
    make=make_cooc,
    formats=("png", "svg", "csv", "gexf", "graphml"),
    output_help=N_("FILE.png, .svg (map), .csv (table), .gexf or .graphml (Gephi)."),
    options=(
        Option("pivot", N_('A word or locution, e.g. "numérique responsable".')),
        Option("code", N_("Terms specific to this code's extracts instead.")),
        Option("top", N_("How many terms to keep."), minimum=1, maximum=500),
        Option("min_freq", N_("Leave out terms seen fewer times in the corpus."), minimum=1),
        Option("measure", N_("Association measure (see docs/figures.md)."),
               choices=MEASURES),
        Option("window", N_("Sentences on each side of the pivot's sentence counted as its "
                            "context."), minimum=0, maximum=20),
        Option("min_score", N_("Score a term needs to be drawn (default: p < 0.01, i.e. 2 "
                               "for specificity, 6.63 for loglik)."), type=float),
        Option("all_terms", N_("Draw the --top best terms even under the threshold, marked "
                               "as not significant."), flags=("--all",)),
        Option("keep_script", N_("Keep the words of the interview situation (question, "
                                 "répondre…) and of the question asked.")),
        Option("include_interviewer", N_("Analyse interviewer turns too.")),
    ),
    forms=(
        Form("cooc", N_("Term co-occurrence map around a pivot"),
             N_("Figure: term co-occurrence map around a pivot…"), "pivot", "pivot"),
        Form("specific", N_("Terms specific to a code"), N_("Figure: terms specific to a code"),
             "code", "code"),
    ),
    order=10,
))
