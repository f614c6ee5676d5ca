"""Lafon's specificities of the terms by the values of an attribute, as IRaMuTeQ's."""

from __future__ import annotations

from verbatims.export.figures.make_lexicometry import SPEC_FORMATS, make_specificities
from verbatims.export.figures.registry import FIGURES, Figure, Form, Option
from verbatims.i18n import N_

FIGURES.register()(Figure(
    make=make_specificities,
    formats=SPEC_FORMATS,
    output_help=N_("FILE.png, .svg (bars per value), .csv (term,value,frequency,score,"
                   "expected,p_value,total) or .xlsx (the table and its wide forms)."),
    options=(
        Option("by", N_("The attribute whose values are compared (A,B crosses two "
                        "attributes; document: each interview)."), type=str),
        Option("code", N_("Only the extracts coded with this code.")),
        Option("min_freq", N_("Leave out terms seen fewer times in the analysed text."),
               minimum=1),
        Option("top", N_("Over-used terms drawn per value."), minimum=1, maximum=60),
        Option("under", N_("Under-used terms drawn per value."), minimum=0, maximum=60),
        Option("keep_script", N_("Keep the words of the interview situation (question, "
                                 "répondre…).")),
        Option("include_interviewer", N_("Analyse interviewer turns too.")),
    ),
    forms=(
        Form("specificities", N_("Specificities of the terms by an attribute's values"),
             N_("Figure: specificities by attribute (IRaMuTeQ)"), "attribute?", "by"),
    ),
    order=60,
))
