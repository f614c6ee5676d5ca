"""Correspondence analysis (AFC) of the terms by the values of an attribute."""

from __future__ import annotations

from verbatims.export.figures.kinds._lexicometry import BY, CODE, INTERVIEWER, KEEP_SCRIPT, MIN_FREQ
from verbatims.export.figures.make_lexicometry import CA_FORMATS, make_ca
from verbatims.export.figures.registry import FIGURES, Figure, Form, Option
from verbatims.i18n import N_

FIGURES.register()(Figure(
    make=make_ca,
    formats=CA_FORMATS,
    output_help=N_("FILE.png, .svg (the plane of factors 1-2), .csv (kind,name,dim1,dim2,"
                   "contrib1,contrib2…) or .xlsx (coordinates and inertia)."),
    options=(
        BY,
        CODE,
        Option("top", N_("Terms drawn: those contributing most to the plane."), minimum=1,
               maximum=200),
        MIN_FREQ,
        Option("table", N_("For CSV: the coordinates and contributions, or the inertia of "
                           "each factor."), choices=("coordinates", "inertia")),
        KEEP_SCRIPT,
        INTERVIEWER,
    ),
    forms=(
        Form("ca", N_("Correspondence analysis of the terms by an attribute"),
             N_("Figure: correspondence analysis (AFC) by attribute"), "attribute?", "by"),
    ),
    order=61,
))
