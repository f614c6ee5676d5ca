"""Click's own words (usage lines, help sections, its errors) in the user's language.

Click translates through the standard `gettext` module, which needs compiled
catalogs in a system folder; each Click module binds `_` (and `ngettext`) at
import. Pointing those names at `verbatims.i18n` makes "Usage:", "Options",
"Show this message and exit." and "Invalid value for '--top'" French under a
French locale, from `locale/fr/LC_MESSAGES/click.po`, like every other message.
"""

from __future__ import annotations

import sys

from verbatims import i18n


def install() -> None:
    """Make Click translate through verbatims.i18n. Once per process is enough: our
    `_` reads the language in force at each call. Only the Click modules already
    imported are patched, so that start-up imports nothing more (shell completion,
    which `import click` does not load, keeps its English)."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("click.") or module is None:
            continue
        if hasattr(module, "_"):
            module._ = i18n._  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]
