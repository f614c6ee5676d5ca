"""Options the lexicometric analyses (specificities, CA, CHD) share, written once.

A private helper of the package (its name starts with `_`): not a figure itself.
"""

from __future__ import annotations

from verbatims.export.figures.registry import Option
from verbatims.i18n import N_

BY = Option("by", N_("The attribute whose values are compared (A,B crosses two "
                     "attributes; document: each interview)."), type=str)
CODE = Option("code", N_("Only the extracts coded with this code."))
MIN_FREQ = Option("min_freq", N_("Leave out terms seen fewer times in the analysed text."),
                  minimum=1)
KEEP_SCRIPT = Option("keep_script", N_("Keep the words of the interview situation (question, "
                                       "répondre…)."))
INTERVIEWER = Option("include_interviewer", N_("Analyse interviewer turns too."))
