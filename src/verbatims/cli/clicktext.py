"""Click's own words (usage lines, help sections, its errors) in the user's language.

Click translates through the standard `gettext` module, which needs compiled
catalogs in a system folder; each Click module binds `_` (and `ngettext`) at
import. Pointing those names at `verbatims.i18n` makes "Usage:", "Options",
"Show this message and exit." and "Invalid value for '--top'" French under a
French locale, from `locale/fr/LC_MESSAGES/click.po`, like every other message.
"""

from __future__ import annotations

import importlib

from verbatims import i18n

MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types",
           "utils", "shell_completion")


def install() -> None:
    """Make Click translate through verbatims.i18n (once is enough: it reads the
    language in force at each call)."""
    for name in MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a module another Click version does not have
            continue
        if hasattr(module, "_"):
            module._ = i18n._  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]
