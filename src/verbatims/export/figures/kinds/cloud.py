"""A lemmatised word cloud of the corpus, a code's extracts, some documents or a pivot."""

from __future__ import annotations

from verbatims.export.figures.make import make_cloud
from verbatims.export.figures.registry import FIGURES, Figure, Form, Option
from verbatims.i18n import N_

FIGURES.register()(Figure(
    make=make_cloud,
    formats=("png", "svg"),
    options=(
        Option("code", N_("Only the extracts coded with this code.")),
        Option("pivot", N_("Only the context of this word or locution.")),
        Option("window", N_("Sentences on each side of the pivot counted as its context."),
               minimum=0, maximum=20),
        Option("top", N_("How many terms to draw."), minimum=1, maximum=1000),
        Option("colour_by_code", N_("Colour each term by the theme whose extracts use it "
                                    "most."), flags=("--colour-by-code", "--color-by-code")),
        Option("include_interviewer", N_("Count interviewer turns too.")),
    ),
    forms=(
        Form("cloud", N_("Word cloud (corpus, or one code's extracts)"),
             N_("Figure: word cloud (corpus / current code / current document filter)"),
             "code?", "code"),
    ),
    order=20,
))
