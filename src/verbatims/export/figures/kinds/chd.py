"""Reinert's descending hierarchical classification (CHD) of the text segments."""

from __future__ import annotations

from verbatims.export.figures.kinds._lexicometry import CODE, INTERVIEWER, KEEP_SCRIPT
from verbatims.export.figures.make_lexicometry import CHD_FORMATS, make_chd
from verbatims.export.figures.registry import FIGURES, Figure, Form, Option
from verbatims.i18n import N_

# analysis.chd.METHODS, named here so that building the command line (every figure's
# options, for --help) does not import the analysis and pandas with it.
METHODS = ("simple", "double")

FIGURES.register()(Figure(
    make=make_chd,
    formats=CHD_FORMATS,
    output_help=N_("FILE.png, .svg (the dendrogram with each class's terms), .csv (the "
                   "segments: document,start,end,class…; --table profiles: the classes' "
                   "terms) or .xlsx (all of it). Optional with --to-codes."),
    output_optional=True,
    options=(
        Option("classes", N_("Terminal classes asked (IRaMuTeQ's phase 1); with --method "
                             "double, of each classification, the final ones being those "
                             "both agree on."), minimum=2, maximum=30),
        Option("segment_size", N_("Words per text segment."), minimum=10, maximum=200),
        Option("method", N_("simple: one classification of the segments (IRaMuTeQ's "
                            "default); double: two, of units of segments, crossed "
                            "(IRaMuTeQ's \"double sur RST\", for large corpora)."),
               choices=METHODS),
        Option("min_size", N_("Segments a class needs (0: IRaMuTeQ's rule, segments / "
                              "(2 × classes), or / classes for simple)."), minimum=0),
        CODE,
        Option("to_codes", N_("Make one candidate code per class, its segments as "
                              "suggestions in the review queue."), flags=("--to-codes",)),
        Option("table", N_("For CSV: the segments, or the classes' profiles."),
               choices=("segments", "profiles")),
        Option("terms", N_("Terms shown under each class."), minimum=1, maximum=40),
        KEEP_SCRIPT,
        INTERVIEWER,
    ),
    forms=(
        Form("chd", N_("Reinert classification (CHD) of the corpus or of a code's extracts"),
             N_("Figure: Reinert classification (CHD)"), "code?", "code"),
    ),
    order=62,
))
