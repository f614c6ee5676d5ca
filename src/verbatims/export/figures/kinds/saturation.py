"""New codes per interview in the order the interviews were held."""

from __future__ import annotations

from verbatims.export.figures.make import make_saturation
from verbatims.export.figures.registry import FIGURES, Figure, Form, Option
from verbatims.i18n import N_

FIGURES.register()(Figure(
    make=make_saturation,
    formats=("png", "svg", "csv"),
    options=(
        Option("order_by", N_("Attribute giving the order the interviews were held (else "
                              "import order).")),
        Option("label", N_("Attribute naming each interview under its bar (default: I1…In, "
                           "their numbers in the project).")),
    ),
    forms=(Form("saturation", N_("Saturation curve"), N_("Figure: saturation curve")),),
    order=40,
))
