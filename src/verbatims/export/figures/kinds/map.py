"""The code map: one bubble per code, area by codings, shade by share of text."""

from __future__ import annotations

from verbatims.export.figures.make import make_map
from verbatims.export.figures.registry import FIGURES, Figure, Form
from verbatims.i18n import N_

FIGURES.register()(Figure(
    make=make_map,
    formats=("png", "svg"),
    forms=(Form("map", N_("Code map"), N_("Figure: code map"), stem="codemap"),),
    order=30,
))
