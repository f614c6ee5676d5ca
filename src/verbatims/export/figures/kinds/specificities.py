"""Lafon's specificities of the terms by the values of an attribute, as IRaMuTeQ's."""

from __future__ import annotations

from verbatims.export.figures.kinds._lexicometry import BY, CODE, INTERVIEWER, KEEP_SCRIPT, MIN_FREQ
from verbatims.export.figures.make_lexicometry import SPEC_FORMATS, make_specificities
from verbatims.export.figures.registry import FIGURES, Figure, Form, Option
from verbatims.i18n import N_

FIGURES.register()(Figure(
    make=make_specificities,
    formats=SPEC_FORMATS,
    output_help=N_("FILE.png, .svg (bars per value), .csv (term,value,frequency,score,"
                   "expected,p_value,total) or .xlsx (the table and its wide forms)."),
    options=(
        BY,
        CODE,
        MIN_FREQ,
        Option("top", N_("Over-used terms drawn per value."), minimum=1, maximum=60),
        Option("under", N_("Under-used terms drawn per value."), minimum=0, maximum=60),
        KEEP_SCRIPT,
        INTERVIEWER,
    ),
    forms=(
        Form("specificities", N_("Specificities of the terms by an attribute's values"),
             N_("Figure: specificities by attribute (IRaMuTeQ)"), "attribute?", "by"),
    ),
    order=60,
))
