"""Correspondence analysis (AFC) of the terms by the values of an attribute."""

from __future__ import annotations

from verbatims.export.figures.make_lexicometry import CA_FORMATS, make_ca
from verbatims.export.figures.registry import FIGURES, Figure, Form, Option
from verbatims.i18n import N_

FIGURES.register()(Figure(
    make=make_ca,
    formats=CA_FORMATS,
    output_help=N_("FILE.png, .svg (the plane of factors 1-2), .csv (kind,name,dim1,dim2,"
                   "contrib1,contrib2…) or .xlsx (coordinates and inertia)."),
    options=(
        Option("by", N_("The attribute whose values are compared (A,B crosses two "
                        "attributes; document: each interview)."), type=str),
        Option("code", N_("Only the extracts coded with this code.")),
        Option("top", N_("Terms drawn: those contributing most to the plane."), minimum=1,
               maximum=200),
        Option("min_freq", N_("Leave out terms seen fewer times in the analysed text."),
               minimum=1),
        Option("table", N_("For CSV: the coordinates and contributions, or the inertia of "
                           "each factor."), choices=("coordinates", "inertia")),
        Option("keep_script", N_("Keep the words of the interview situation (question, "
                                 "répondre…).")),
        Option("include_interviewer", N_("Analyse interviewer turns too.")),
    ),
    forms=(
        Form("ca", N_("Correspondence analysis of the terms by an attribute"),
             N_("Figure: correspondence analysis (AFC) by attribute"), "attribute?", "by"),
    ),
    order=61,
))
