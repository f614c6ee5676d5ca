"""French and English: one switch for every message, label and help text.

Source strings are English and wrapped in `_()` (or `ngettext()`); the French
catalog lives in `locale/fr/LC_MESSAGES/verbatims.po`, compiled to `.mo` by
`make i18n` (Babel). The language comes from `--lang`, else from the locale
(`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`): French when it starts with `fr`,
English otherwise. Set it before importing modules that translate at import time
(the workbench's bindings): the command line does so in its group callback.

This module is a leaf: it imports nothing of verbatims, so every layer may use it.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

LANGUAGES = ("fr", "en")
DOMAIN = "verbatims"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: str | None = None
_translations: gettext.NullTranslations = gettext.NullTranslations()


def detect() -> str:
    """The language the environment asks for: "fr" or "en"."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            first = value.split(":")[0].strip().lower()
            if first in ("c", "posix") or first.startswith(("c.", "posix.")):
                return "en"
            return "fr" if first.startswith("fr") else "en"
    return "en"


def set_language(lang: str | None = None) -> str:
    """Choose the language (None: from the environment); returns the one in force."""
    global _current, _translations
    chosen = (lang or detect()).lower()[:2]
    if chosen not in LANGUAGES:
        chosen = "en"
    _current = chosen
    if chosen == "en":
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[chosen],
                                            fallback=True)
    return chosen


def language() -> str:
    """The language in force ("fr" or "en"), detected on first use."""
    if _current is None:
        set_language(None)
    assert _current is not None
    return _current


def _(message: str) -> str:
    """The message in the current language (the English text when untranslated)."""
    if _current is None:
        set_language(None)
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Singular or plural form of a message for `n`, in the current language."""
    if _current is None:
        set_language(None)
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction without translating it now (translate it when shown)."""
    return message
